"""Whatever is typed, the capture line either refuses it with a CaptureError
or builds an edit that applies cleanly, keeps the map valid and undoes exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patterns.capture import CaptureError
from patterns.capture.line import capture_hint, complete_capture, parse_capture
from patterns.capture.refs import complete_reference, resolve_node
from patterns.edits import History
from patterns.graph import MapGraph
from patterns.models import RelationalMap
from patterns.synthetic import synthetic_map

# Pieces of the grammar and of labels, so that generated lines often come
# close to real ones and walk every branch, mixed with any text at all.
PIECES = [
    "When ", "when", "Whenever ", ", ", ",", ";", ".", " ", "  ", "\t", "I feel ", "I felt ",
    "I think ", "I think that ", "my body ", "I notice ", "so I ", "and I ", "then I ",
    "because I need ", "I need ", "and ", "I ", "I'm ", "->", " -> ", "-->", "→", "-provokes->",
    "-leads to->", "-masks-> ", " -foo-> ", "-", ">", ":", "t:", "t: ", "f: ", "Trigger : ",
    "x:", "Note: ", '"', "“", "”", "'", "scared", "Sam goes quiet", "text again", "quiet",
    "texting", "reassurance", "zoe-scared", "overwhelmed", "go", "Gran", "s", "tight", "...",
    "ä", "Zoë", "\x00", "\x1b", "\n", "\u200b", "x" * 150,
]
# Words of the example and the invented maps, so references often resolve.
WORDS = st.sampled_from([
    "scared", "Sam goes quiet", "text again", "quiet", "texting", "overwhelmed", "Gran",
    "tight", "goes quiet", "shut down", "criticise", "reassurance", "lonely", "a walk",
]) | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)
SEPARATORS = st.sampled_from([", ", " ", "; ", ",, ", " ,", ",\t"])
ARROWS = st.sampled_from([" -> ", "->", " -provokes-> ", " → ", " -leads to-> ", " -masks->"])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """`When …, I feel …, so I …, because I need …` with parts left out."""
    line = "When " + draw(WORDS)
    for cue in ["I think ", "I feel ", "my body ", "so I ", "then I ", "because I need "]:
        if draw(st.booleans()):
            line += draw(SEPARATORS) + cue + draw(WORDS)
    return line + draw(st.sampled_from(["", ".", " .", ","]))


@st.composite
def links(draw: st.DrawFn) -> str:
    """`a -> b`, chains, and sides that add a node (`f: numb`)."""
    side = WORDS | WORDS.map(lambda w: "f: " + w) | WORDS.map(lambda w: "t:" + w)
    line = draw(side)
    for _ in range(draw(st.integers(1, 3))):
        line += draw(ARROWS) + draw(side)
    return line


LINES = st.one_of(
    sentences(),
    links(),
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=10).map("".join),
    st.text(max_size=80),
)
PROPS = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(params=["empty", "chase", "synthetic"])
def graph(request: pytest.FixtureRequest, chase_map: RelationalMap) -> MapGraph:
    m = {"empty": RelationalMap(title="Invented"), "chase": chase_map,
         "synthetic": synthetic_map(30, seed=3)}[request.param]
    return MapGraph.from_map(m)


@PROPS
@given(line=LINES)
def test_any_line_is_refused_or_applies_cleanly(graph: MapGraph, line: str) -> None:
    before = graph.to_map()
    person = graph.people[-1].id if graph.people else None
    try:
        capture = parse_capture(line, graph, person=person)
    except CaptureError as error:
        assert error.message.strip()
        assert error.start is None or 0 <= error.start <= (error.end or 0) <= len(line)
        assert graph.to_map() == before  # parsing alone never changes the map
        return
    assert graph.to_map() == before
    history = History(graph)
    history.do(capture.edit)
    after = graph.to_map()  # every SPEC rule holds
    assert capture.summary.strip()
    assert capture.node_ids and all(i in graph for i in capture.node_ids)
    assert len(after.nodes) + len(after.links) > len(before.nodes) + len(before.links)
    for node in after.nodes:
        if node.id not in {n.id for n in before.nodes}:
            assert node.person == person and node.label == node.label.strip()
    history.undo()
    assert graph.to_map() == before
    history.redo()
    assert graph.to_map() == after


@PROPS
@given(line=LINES)
def test_hint_and_completion_never_fail(graph: MapGraph, line: str) -> None:
    assert isinstance(capture_hint(line, graph), str)
    completed = complete_capture(line, graph)
    assert completed is None or (completed.startswith(line) and len(completed) > len(line))


@PROPS
@given(prefix=st.sampled_from(PIECES) | st.text(max_size=6))
def test_every_completion_resolves(graph: MapGraph, prefix: str) -> None:
    for choice in complete_reference(prefix, graph):
        assert resolve_node(choice, graph) in graph


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_every_label_of_a_map_resolves_to_its_node_or_asks_for_the_id(seed: int) -> None:
    g = MapGraph.from_map(synthetic_map(40, seed=seed))
    for node in g.nodes():
        assert resolve_node(node.id, g) == node.id
        try:
            assert resolve_node(node.label, g) == node.id
        except CaptureError as error:  # two nodes share these words
            assert "type its id" in error.message
