"""The capture sentence `When …, I feel …, so I …, because I need …`, said many ways."""

from __future__ import annotations

import pytest

from patterns.capture import CaptureError
from patterns.capture.line import parse_capture
from patterns.edits import Batch, History
from patterns.graph import MapGraph
from patterns.models import Person
from patterns.vocabulary import LinkKind, NodeKind

T, F, M, B, S, N = (NodeKind.TRIGGER, NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION,
                    NodeKind.STRATEGY, NodeKind.NEED)


def parts(line: str, g: MapGraph | None = None) -> list[tuple[NodeKind, str]]:
    """The (kind, label) of each part, in reading order, after applying the line."""
    g = g or MapGraph("Invented")
    capture = parse_capture(line, g)
    History(g).do(capture.edit)
    g.to_map()
    return [(g.node(i).kind, g.node(i).label) for i in capture.node_ids]


FULL = [(T, "Sam goes quiet"), (F, "scared"), (S, "text again"), (N, "reassurance")]


@pytest.mark.parametrize("line", [
    "When Sam goes quiet, I feel scared, so I text again, because I need reassurance",
    "When Sam goes quiet, I feel scared, so I text again, because I need reassurance.",
    "when sam goes quiet, i feel scared, so i text again, because i need reassurance"
    .replace("sam", "Sam"),
    "WHEN Sam goes quiet, I FEEL scared, SO I text again, BECAUSE I NEED reassurance",
    "When Sam goes quiet I feel scared so I text again because I need reassurance",
    "When  Sam goes quiet ,  I feel   scared ,so I text again,,  because I need reassurance .",
    "When Sam goes quiet; I feel scared; so I text again; because I need reassurance",
    "When Sam goes quiet, I feel scared, and I text again, and I need reassurance",
    "When Sam goes quiet, I feel scared, then I text again, I need reassurance",
    "When Sam goes quiet, I feel scared and so I text again, so I need reassurance",
    "Whenever Sam goes quiet, I feel scared, so I text again, because I need reassurance",
    "When Sam goes quiet, I felt scared, so I text again, because I needed reassurance",
    "When Sam goes quiet,\tI feel scared,\nso I text again, because I need reassurance",
])
def test_the_full_sentence_said_many_ways(line: str) -> None:
    assert parts(line) == FULL


@pytest.mark.parametrize(("line", "expected"), [
    ("When Sam goes quiet, I feel scared", [(T, "Sam goes quiet"), (F, "scared")]),
    ("When Sam goes quiet I feel scared", [(T, "Sam goes quiet"), (F, "scared")]),
    ("When Sam goes quiet, so I text again", [(T, "Sam goes quiet"), (S, "text again")]),
    ("When Sam goes quiet, I need reassurance", [(T, "Sam goes quiet"), (N, "reassurance")]),
    ("When Sam goes quiet, I think I'm too much",
     [(T, "Sam goes quiet"), (M, "I'm too much")]),
    ("When Sam goes quiet, I think that I'm too much",
     [(T, "Sam goes quiet"), (M, "I'm too much")]),
    ("When Sam goes quiet, I thought I was too much",
     [(T, "Sam goes quiet"), (M, "I was too much")]),
    # A `my body` part keeps its words, so its box reads as the body's.
    ("When Sam goes quiet, my body goes stiff", [(T, "Sam goes quiet"), (B, "my body goes stiff")]),
    ("When Sam goes quiet, and my body goes stiff",
     [(T, "Sam goes quiet"), (B, "my body goes stiff")]),
    ("When Sam goes quiet, I notice a tight chest", [(T, "Sam goes quiet"), (B, "a tight chest")]),
    ("When Sam goes quiet, I noticed that my chest was tight",
     [(T, "Sam goes quiet"), (B, "my chest was tight")]),
    ("When Sam goes quiet, I feel scared, I think I'm too much, my body goes stiff, so I text,"
     " because I need reassurance",
     [(T, "Sam goes quiet"), (F, "scared"), (M, "I'm too much"), (B, "my body goes stiff"),
      (S, "text"), (N, "reassurance")]),
    # Inner parts in the order spoken: the thought that comes first leads.
    ("When Sam goes quiet, I think I'm too much, and I feel scared",
     [(T, "Sam goes quiet"), (M, "I'm too much"), (F, "scared")]),
    # A sequence of moves: each leads to the next.
    ("When Sam goes quiet, I feel scared, so I text, then I call, and then I shout",
     [(T, "Sam goes quiet"), (F, "scared"), (S, "text"), (S, "call"), (S, "shout")]),
    # Joining words belong to the part word that follows them.
    ("When Sam goes quiet and then I feel scared, and so I text, but then I call, and because"
     " I need calm",
     [(T, "Sam goes quiet"), (F, "scared"), (S, "text"), (S, "call"), (N, "calm")]),
    ("When it is late, back then, I feel small", [(T, "it is late, back then"), (F, "small")]),
    ("When Sam goes quiet, I feel scared, because I need reassurance",
     [(T, "Sam goes quiet"), (F, "scared"), (N, "reassurance")]),
    ("When Sam goes quiet, I feel scared, so I need reassurance",
     [(T, "Sam goes quiet"), (F, "scared"), (N, "reassurance")]),
    # Commas inside a part stay; a comma before a part word ends it.
    ("When Sam goes quiet, after a row, late at night, I feel scared, alone",
     [(T, "Sam goes quiet, after a row, late at night"), (F, "scared, alone")]),
    # Part words inside a part stay when a comma marks the real cut.
    ("When I'm told I need to calm down, I feel angry",
     [(T, "I'm told I need to calm down"), (F, "angry")]),
    ("When Sam and I argue, I feel scared", [(T, "Sam and I argue"), (F, "scared")]),
    ("When I feel ignored, I feel hurt", [(T, "I feel ignored"), (F, "hurt")]),
    # Quoted words are the client's own and never part words.
    ('When Sam says "I need space", I feel hurt', [(T, 'Sam says "I need space"'), (F, "hurt")]),
    ("When Sam says “so I guess we're done”, I feel sick",
     [(T, "Sam says “so I guess we're done”"), (F, "sick")]),
    ("When Sam goes quiet, I feel scared... so I text",
     [(T, "Sam goes quiet"), (F, "scared..."), (S, "text")]),
    ("When Sam goes quiet, I feel scared and alone, so I text",
     [(T, "Sam goes quiet"), (F, "scared and alone"), (S, "text")]),
    ("When Sam goes quiet, I feel like I'm invisible",
     [(T, "Sam goes quiet"), (F, "like I'm invisible")]),
    # A filler word alone is never a part: "like" is not a feeling.
    ("When Sam is late, I feel like I need to check",
     [(T, "Sam is late"), (F, "like I need to check")]),
    ("When Sam goes quiet, I think that I need to fix it",
     [(T, "Sam goes quiet"), (M, "I need to fix it")]),
    ("When he is late I feel scared I need to know where he is",
     [(T, "he is late"), (F, "scared"), (N, "to know where he is")]),
    ("When Zoë goes quiet, I feel ängstlich", [(T, "Zoë goes quiet"), (F, "ängstlich")]),
    # A bare "I …" after a comma is a move, or a feeling the lexicon knows
    # (these were refused as unclear before issue 17).
    ("When Sam goes quiet, I feel scared, I text again",
     [(T, "Sam goes quiet"), (F, "scared"), (S, "text again")]),
    ("When Sam goes quiet, I panic", [(T, "Sam goes quiet"), (F, "panic")]),
])
def test_sentence_parts(line: str, expected: list[tuple[NodeKind, str]]) -> None:
    assert parts(line) == expected


def test_a_sentence_links_each_part_to_the_next_with_the_default_kinds() -> None:
    g = MapGraph("Invented")
    capture = parse_capture("When Sam goes quiet, I think I'm too much, I feel scared, so I text,"
                            " then I call, because I need reassurance", g)
    assert isinstance(capture.edit, Batch)
    History(g).do(capture.edit)
    assert [(lk.source, lk.target, lk.kind) for lk in g.links()] == [
        ("sam-goes-quiet", "i-m-too-much", LinkKind.ACTIVATES),
        ("i-m-too-much", "scared", LinkKind.ACTIVATES),
        ("scared", "text", LinkKind.LEADS_TO),
        ("text", "call", LinkKind.LEADS_TO),
        ("call", "reassurance", LinkKind.LONGS_FOR),
    ]
    assert capture.summary == "added 6 nodes and 5 links"
    assert capture.node_ids == ("sam-goes-quiet", "i-m-too-much", "scared", "text", "call",
                                "reassurance")


def test_a_sentence_without_inner_parts_uses_the_pair_defaults() -> None:
    g = MapGraph("Invented")
    History(g).do(parse_capture("When Sam goes quiet, so I text, because I need calm", g).edit)
    assert [lk.kind for lk in g.links()] == [LinkKind.LEADS_TO, LinkKind.LONGS_FOR]


def test_parts_that_match_reuse_nodes_and_skip_links_already_there(chase_graph: MapGraph) -> None:
    before = len(chase_graph.links())
    capture = parse_capture("When Sam goes quiet after a disagreement, I feel Scared of being"
                            " left., so I text again and again, because I need to be held",
                            chase_graph)
    History(chase_graph).do(capture.edit)
    assert capture.node_ids == ("quiet", "zoe-scared", "texting", "to-be-held")
    assert capture.summary == ("added 1 node and 1 link, reused “Sam goes quiet after a disagr…”,"
                               " “scared of being left”, “text again and again”")
    assert len(chase_graph.links()) == before + 1  # only texting -> the new need


def test_reuse_asks_for_the_same_kind(chase_graph: MapGraph) -> None:
    # "overwhelmed" is a feeling on the map; as a need it is a new node.
    capture = parse_capture("When Sam goes quiet, I need overwhelmed", chase_graph)
    assert "sam-overwhelm" not in capture.node_ids


def test_with_a_person_only_their_nodes_are_reused(chase_graph: MapGraph) -> None:
    line = "When a stream of messages and questions, I feel overwhelmed"
    as_sam = parse_capture(line, chase_graph, person="sam")
    assert as_sam.node_ids == ("sam-pressure", "sam-overwhelm")
    as_zoe = parse_capture(line, chase_graph, person="zoe")
    assert set(as_zoe.node_ids).isdisjoint({"sam-pressure", "sam-overwhelm"})
    anyone = parse_capture(line, chase_graph)
    assert anyone.node_ids == ("sam-pressure", "sam-overwhelm")


def test_the_first_person_owns_nodes_without_a_person() -> None:
    g = MapGraph("Invented", people=[Person(id="ana", name="Ana"), Person(id="bo", name="Bo")])
    History(g).do(parse_capture("f: scared", g).edit)
    assert parse_capture("When x, I feel scared", g, person="ana").node_ids[1] == "scared"
    assert parse_capture("When x, I feel scared", g, person="bo").node_ids[1] != "scared"


def test_a_sentence_already_on_the_map_is_refused(chase_graph: MapGraph) -> None:
    with pytest.raises(CaptureError, match="all of that is already on the map"):
        parse_capture("When Sam goes quiet after a disagreement, I feel scared of being left,"
                      " so I text again and again", chase_graph)


def test_undo_of_a_sentence_leaves_the_map_as_before(chase_graph: MapGraph) -> None:
    before = chase_graph.to_map()
    history = History(chase_graph)
    history.do(parse_capture("When Boss raises his voice, I think I'm useless, I feel scared of"
                             " being left, so I go quiet, because I need calm", chase_graph,
                             person="zoe", session="s2").edit)
    assert len(chase_graph.nodes()) == len(before.nodes) + 4
    history.undo()
    assert chase_graph.to_map() == before
    history.redo()
    assert len(chase_graph.links()) == len(before.links) + 4


@pytest.mark.parametrize(("line", "message", "span"), [
    ("When", "a sentence needs “When …” and at least one more part, like “I feel …”", (0, 4)),
    ("When Sam goes quiet", "a sentence needs “When …” and at least one more part", (0, 19)),
    ("When, I feel scared", "say what sets it off after “When”", (0, 4)),
    ("When Sam goes quiet, I feel, so I text", "say the feeling after “I feel”", (21, 27)),
    ("When Sam goes quiet, I feel scared, so I", "say what you do after “so I”", (36, 40)),
    ("When Sam goes quiet, I feel scared, because I need .", "say the need after",
     (36, 50)),
    ("When Sam goes quiet, I think, I feel scared", "say the thought after “I think”",
     (21, 28)),
    ("When Sam goes quiet, my body, so I hide", "say what the body does after “my body”",
     (21, 28)),
    # Ambiguous without commas: refused, never guessed.
    ("When Sam and I argue I feel scared", "I can't tell where the parts begin: put a comma",
     (9, 14)),
    ("When Sam says I need space I feel hurt", "I can't tell where the parts begin", None),
    ("When Sam is late I feel like I need to check", "I can't tell where the parts begin",
     None),
    ("When Sam is late, I feel like, so I check", "say the feeling after “I feel”", (18, 24)),
    # Order and repeats, where commas mark every part.
    ("When Sam goes quiet, I feel scared, because I need calm, so I text",
     "put the parts in order", (57, 61)),
    ("When Sam goes quiet, so I text, I feel scared", "put the parts in order", (32, 38)),
    ("When Sam goes quiet, I feel scared, and I feel alone",
     "one “I feel” part per sentence: add the other with “f: …”", (36, 46)),
    ("When Sam goes quiet, I need calm, because I need space",
     "one “I need” part per sentence: add the other with “n: …”", None),
    ("When Sam goes quiet, I notice my jaw, my body goes stiff",
     "one “I notice” part per sentence: add the other with “b: …”", None),
    # A bare subject with nothing after it says what is missing.
    ("When Sam goes quiet, I feel scared, I", "say what you do after “I”", (36, 37)),
    ("When Sam goes quiet, I feel " + "x" * 301, "the feeling part is 301 characters", (21, 329)),
])
def test_sentences_that_cannot_be_read_say_why(
    line: str, message: str, span: tuple[int, int] | None
) -> None:
    g = MapGraph("Invented")
    with pytest.raises(CaptureError) as caught:
        parse_capture(line, g)
    assert message in caught.value.message
    if span is not None:
        assert (caught.value.start, caught.value.end) == span


def test_two_strategies_that_are_one_node_are_refused(chase_graph: MapGraph) -> None:
    with pytest.raises(CaptureError, match="comes twice in a row"):
        parse_capture("When Boss shouts, so I text again and again, then I text again and again",
                      chase_graph)


def test_a_long_sentence_is_read_quickly_and_refused_if_tangled() -> None:
    g = MapGraph("Invented")
    with pytest.raises(CaptureError, match="too many parts"):
        parse_capture("When x, I feel a" + " and I y" * 60, g)
    # Many unmarked part words still read in one pass (no exponential search).
    line = "When x, I feel scared" + "".join(f" and I wait {i}" for i in range(30))
    assert len(parts(line)) == 32
