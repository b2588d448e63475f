"""Edits change the map, keep it valid, and undo exactly; the history replays."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support.strategies import LABEL, maps

from patterns.edits import (
    AddLink,
    AddNode,
    Batch,
    EditError,
    History,
    RemoveLink,
    RemoveNode,
    UpdateLink,
    UpdateNode,
)
from patterns.graph import MapGraph
from patterns.models import Experiment, Link, Node, Person, RelationalMap, Repair, Try
from patterns.side_edits import SetField, SetItem, add_try, name_loop, set_try
from patterns.vocabulary import LinkKind, NodeKind

CHASE = ["quiet", "zoe-scared", "texting", "sam-pressure", "sam-failing", "sam-overwhelm", "shutdown"]


def test_remove_node_takes_its_links_loop_names_and_experiments(chase_graph: MapGraph) -> None:
    before = chase_graph.to_map()
    history = History(chase_graph)
    edit = history.do(RemoveNode("say-scared"))
    assert "say-scared" not in chase_graph
    assert chase_graph.experiments == []
    assert all("say-scared" not in (lk.source, lk.target) for lk in chase_graph.links())
    assert "2 links" in edit.describe() and "1 experiment" in edit.describe()
    history.undo()
    assert chase_graph.to_map() == before


def test_removing_a_node_on_a_named_loop_removes_the_name_until_undone(chase_graph: MapGraph) -> None:
    before = chase_graph.to_map()
    history = History(chase_graph)
    history.do(RemoveNode("texting"))
    assert chase_graph.loops == []
    chase_graph.to_map()  # still valid
    history.undo()
    assert chase_graph.to_map() == before
    history.redo()
    assert "texting" not in chase_graph


def test_remove_link_drops_loop_names_only_when_the_step_is_gone(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    history.do(AddLink(Link(source="shutdown", target="quiet", kind=LinkKind.LEADS_TO)))
    history.do(RemoveLink("shutdown", "quiet", LinkKind.PROVOKES))
    assert [lp.name for lp in chase_graph.loops] == ["the chase"]  # still a cycle via leads_to
    history.do(RemoveLink("shutdown", "quiet", LinkKind.LEADS_TO))
    assert chase_graph.loops == []
    history.undo()
    history.undo()
    history.undo()
    assert chase_graph.link("shutdown", "quiet", LinkKind.PROVOKES) is not None
    assert chase_graph.loops[0].name == "the chase"


def test_update_node_changes_kind_and_drops_what_the_kind_cannot_have(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    history.do(UpdateNode("zoe-scared", {"kind": NodeKind.MEANING, "label": "  I'll be left  "}))
    node = chase_graph.node("zoe-scared")
    assert node.kind is NodeKind.MEANING and node.layer is None and node.label == "I'll be left"
    history.undo()
    assert chase_graph.node("zoe-scared").layer.value == "core"


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"intensity": 11}, "intensity"),
        ({"label": "   "}, "label"),
        ({"person": "nobody"}, "no person"),
        ({"session": "s9"}, "no session"),
        ({"id": "new-id"}, "no field id"),
        ({"style": "pursue"}, "only strategies"),
    ],
)
def test_update_node_refuses_what_would_break_the_map(
    chase_graph: MapGraph, changes: dict, says: str
) -> None:
    before = chase_graph.to_map()
    with pytest.raises(EditError, match=says):
        History(chase_graph).do(UpdateNode("zoe-scared", changes))
    assert chase_graph.to_map() == before


def test_a_practised_response_must_stay_a_response(chase_graph: MapGraph) -> None:
    with pytest.raises(EditError, match="experiment"):
        History(chase_graph).do(UpdateNode("say-scared", {"kind": NodeKind.STRATEGY}))


@pytest.mark.parametrize(
    ("link", "says"),
    [
        (Link(source="quiet", target="quiet"), "itself"),
        (Link(source="quiet", target="nobody"), "no node"),
        (Link(source="quiet", target="zoe-scared", kind=LinkKind.ACTIVATES), "already linked"),
    ],
)
def test_add_link_refuses_bad_links(chase_graph: MapGraph, link: Link, says: str) -> None:
    with pytest.raises(EditError, match=says):
        History(chase_graph).do(AddLink(link))


def test_update_link_keeps_its_place_in_the_file(chase_graph: MapGraph) -> None:
    before = chase_graph.to_map()
    history = History(chase_graph)
    history.do(UpdateLink("quiet", "chest", LinkKind.ACTIVATES, new_kind=LinkKind.LEADS_TO,
                          note="in the body first"))
    link = chase_graph.links()[1]
    assert (link.source, link.target, link.kind, link.note) == (
        "quiet", "chest", LinkKind.LEADS_TO, "in the body first")
    history.undo()
    assert chase_graph.to_map() == before


def test_a_batch_is_one_undo_step_and_all_or_nothing(chase_graph: MapGraph) -> None:
    before = chase_graph.to_map()
    history = History(chase_graph)
    good = Batch([
        AddNode(Node(id="boss", kind=NodeKind.TRIGGER, label="Boss raises his voice")),
        AddLink(Link(source="boss", target="zoe-scared", kind=LinkKind.ACTIVATES)),
    ])
    history.do(good)
    assert len(chase_graph) == 18
    history.undo()
    assert chase_graph.to_map() == before
    bad = Batch([
        AddNode(Node(id="boss", kind=NodeKind.TRIGGER, label="Boss")),
        AddLink(Link(source="boss", target="nobody", kind=LinkKind.ACTIVATES)),
    ])
    with pytest.raises(EditError):
        history.do(bad)
    assert chase_graph.to_map() == before
    assert not history.can_redo or history.redo() is not None


def test_naming_a_loop_from_another_start_renames_it(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    rotated = CHASE[3:] + CHASE[:3]
    history.do(name_loop(chase_graph, rotated, "round and round"))
    assert [lp.name for lp in chase_graph.loops] == ["round and round"]
    assert chase_graph.loops[0].nodes == CHASE  # the stored order is kept
    history.undo()
    assert chase_graph.loops[0].name == "the chase"
    with pytest.raises(EditError, match="do not form a loop"):
        history.do(name_loop(chase_graph, ["quiet", "texting"], "not a loop"))


def test_logging_and_changing_tries(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    history.do(add_try(chase_graph, "pause", Try(date=dt.date(2026, 11, 28), before=6, after=2)))
    assert [t.after for t in chase_graph.experiment("pause").tries] == [5, 3, 2]
    history.do(set_try(chase_graph, "pause", 0, None))
    assert [t.after for t in chase_graph.experiment("pause").tries] == [3, 2]
    history.undo()
    history.undo()
    assert [t.after for t in chase_graph.experiment("pause").tries] == [5, 3]
    with pytest.raises(EditError):
        add_try(chase_graph, "nope", Try(date=dt.date(2026, 1, 1)))


def test_side_tables_check_their_references(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    with pytest.raises(EditError, match="no person"):
        history.do(SetItem("repairs", None, Repair(date=dt.date(2026, 1, 1), with_="bo")))
    with pytest.raises(EditError, match="kind response"):
        history.do(SetItem("experiments", None, Experiment(id="x", response="texting")))
    with pytest.raises(EditError, match="already an entry"):
        history.do(SetItem("people", None, Person(id="sam", name="Sam again")))
    with pytest.raises(EditError, match="still used"):
        history.do(SetItem("people", 1, None))
    history.do(SetItem("people", None, Person(id="gran", name="Gran")))
    history.do(SetItem("people", 2, None))
    assert [p.id for p in chase_graph.people] == ["zoe", "sam"]


def test_title_cannot_be_emptied(chase_graph: MapGraph) -> None:
    with pytest.raises(EditError):
        History(chase_graph).do(SetField("title", "  "))


def test_revision_counts_every_change(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    history.do(SetField("title", "New"))
    history.undo()
    history.redo()
    assert history.revision == 3
    assert history.undo() is not None and history.undo() is None


@st.composite
def edit_scripts(draw: st.DrawFn) -> tuple[RelationalMap, list]:
    m = draw(maps(max_nodes=8))
    steps = draw(st.lists(st.tuples(st.sampled_from(
        ["add", "remove", "link", "unlink", "update"]), st.integers(0, 50), st.integers(0, 50),
        LABEL, st.sampled_from(list(NodeKind)), st.sampled_from(list(LinkKind))), max_size=12))
    return m, steps


def _edit_for(g: MapGraph, step: tuple) -> object | None:
    action, i, j, label, kind, link_kind = step
    ids = [n.id for n in g.nodes()]
    if action == "add":
        return AddNode(Node(id=f"n{i}x{j}", kind=kind, label=label))
    if not ids:
        return None
    a, b = ids[i % len(ids)], ids[j % len(ids)]
    if action == "remove":
        return RemoveNode(a)
    if action == "link":
        return AddLink(Link(source=a, target=b, kind=link_kind))
    if action == "unlink":
        links = g.links()
        if not links:
            return None
        lk = links[i % len(links)]
        return RemoveLink(lk.source, lk.target, lk.kind)
    return UpdateNode(a, {"kind": kind, "label": label})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_scripts())
def test_any_script_of_edits_keeps_the_map_valid_and_undoes_exactly(script: tuple) -> None:
    m, steps = script
    g = MapGraph.from_map(m)
    history = History(g)
    states = [g.to_map()]
    for step in steps:
        edit = _edit_for(g, step)
        if edit is None:
            continue
        try:
            history.do(edit)
        except EditError:
            assert g.to_map() == states[-1]  # a refused edit changes nothing
            continue
        states.append(g.to_map())  # valid after every edit
    for state in reversed(states[:-1]):
        history.undo()
        assert g.to_map() == state
    for state in states[1:]:
        history.redo()
        assert g.to_map() == state


def test_a_link_built_without_a_kind_takes_the_default_for_its_pair(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    history.do(AddNode(Node(id="boss", kind=NodeKind.TRIGGER, label="Boss shouts")))
    history.do(AddLink(Link(source="boss", target="zoe-scared")))
    history.do(AddLink(Link(source="criticise", target="boss")))
    assert chase_graph.link("boss", "zoe-scared", LinkKind.ACTIVATES) is not None
    assert chase_graph.link("criticise", "boss", LinkKind.PROVOKES) is not None
    nodes = [Node(id="boss", kind=NodeKind.TRIGGER, label="Boss shouts"),
             Node(id="scared", kind=NodeKind.FEELING, label="scared")]
    m = RelationalMap(title="t", nodes=nodes, links=[Link(source="boss", target="scared")])
    assert m.links[0].kind is LinkKind.ACTIVATES
