"""The map layout: bands in reading order, person columns, filters, and the
same picture in every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.store.toml import dumps_map, loads_map
from patterns.graph import MapGraph
from patterns.layout import (
    BANDS,
    layout_map,
    loop_members,
    neighbourhood,
    snapshot,
    snapshot_of_map,
)
from patterns.layout.model import MapLayout
from patterns.models import Link, Node, RelationalMap
from patterns.synthetic import synthetic_map
from patterns.vocabulary import LinkKind, NodeKind

ROOT = Path(__file__).resolve().parent.parent


def summary(lay: MapLayout) -> dict:
    """Everything a renderer uses, as plain data."""
    return {
        "bands": [(b.label, b.first, b.count) for b in lay.bands],
        "columns": [(c.person, c.lane) for c in lay.columns],
        "layers": [[(s.node, s.edge, s.column) for s in layer] for layer in lay.layers],
        "edges": [(e.source, e.target, [k.value for k in e.kinds], e.upward, e.on_loop,
                   [list(v) for v in e.via]) for e in lay.edges],
        "crossings": lay.crossings,
    }


def test_bands_follow_the_pattern_top_to_bottom(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    assert [b.label for b in lay.bands] == [
        "ORIGINS", "TRIGGERS", "FEELINGS · MEANINGS · SENSATIONS", "STRATEGIES", "NEEDS",
        "NEW RESPONSES · RESOURCES",
    ]
    for placed in lay.nodes.values():
        band = lay.bands[placed.band]
        assert placed.node.kind in band.kinds
        assert band.first <= placed.layer < band.first + band.count
    layer = {nid: p.layer for nid, p in lay.nodes.items()}
    # the chase reads down: trigger, feeling, strategy, need
    assert layer["quiet"] < layer["zoe-scared"] < layer["texting"] < layer["zoe-need"]
    assert layer["sam-pressure"] < layer["sam-failing"] < layer["sam-overwhelm"] < layer["shutdown"]
    # within the inner band: a meaning above the feeling it activates, the
    # surface feeling above the core feeling it masks
    assert layer["zoe-too-much"] < layer["zoe-scared"]
    assert layer["zoe-angry"] < layer["zoe-scared"]


def test_links_that_go_against_the_reading_order_run_upward(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    edges = {(e.source, e.target): e for e in lay.edges}
    provokes = [e for e in lay.edges if LinkKind.PROVOKES in e.kinds]
    assert len(provokes) == 3 and all(e.upward for e in provokes)
    assert edges["shutdown", "quiet"].on_loop and edges["texting", "sam-pressure"].on_loop
    assert not edges["quiet", "zoe-scared"].upward
    # a new response replaces a strategy from the band below
    assert edges["say-scared", "texting"].upward
    for e in lay.edges:
        a, b = lay.nodes[e.source], lay.nodes[e.target]
        assert e.upward == (b.layer < a.layer) and a.layer != b.layer


def test_each_person_has_a_column_with_the_dance_lane_between(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    assert [(c.person, c.lane) for c in lay.columns] == [("zoe", False), (None, True),
                                                         ("sam", False)]
    for placed in lay.nodes.values():
        assert lay.columns[placed.column].person == placed.node.person
    for layer in lay.layers:
        columns = [s.column for s in layer]
        assert columns == sorted(columns), "columns stay left to right in every layer"
    # the steps of the dance pass through the lane
    cross = [e for e in lay.edges if lay.nodes[e.source].column != lay.nodes[e.target].column]
    assert cross and all(lay.layers[li][o].column == 1 for e in cross for li, o in e.via)


def test_loop_members_are_marked(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    on_loop = {nid for nid, p in lay.nodes.items() if p.on_loop}
    assert set(chase_graph.loops[0].nodes) <= on_loop
    assert "dad-left" not in on_loop and "zoe-need" not in on_loop and "gran" not in on_loop


def test_every_slot_and_pass_through_point_is_consistent() -> None:
    for m in (synthetic_map(60), synthetic_map(120, dense=True, people=3)):
        lay = layout_map(snapshot_of_map(m))
        assert set(lay.nodes) == {n.id for n in m.nodes}
        for nid, placed in lay.nodes.items():
            assert lay.layers[placed.layer][placed.order].node == nid
        for i, e in enumerate(lay.edges):
            a, b = lay.nodes[e.source], lay.nodes[e.target]
            step = 1 if b.layer > a.layer else -1
            if e.ring:  # around the outside: it passes through no layer
                assert e.upward and e.via == ()
                continue
            assert [li for li, _ in e.via] == list(range(a.layer + step, b.layer, step))
            assert all(lay.layers[li][o].edge == i for li, o in e.via)
        assert sum(1 for layer in lay.layers for s in layer if s.edge is not None) == sum(
            len(e.via) for e in lay.edges)


def test_parallel_links_are_one_edge_with_both_kinds(chase_graph: MapGraph) -> None:
    m = chase_graph.to_map()
    m = m.model_copy(update={"links": [*m.links, Link(source="texting", target="zoe-need",
                                                       kind=LinkKind.BLOCKS)]})
    lay = layout_map(snapshot_of_map(RelationalMap.model_validate(m.model_dump(by_alias=True))))
    edge = next(e for e in lay.edges if (e.source, e.target) == ("texting", "zoe-need"))
    assert edge.kinds == (LinkKind.LONGS_FOR, LinkKind.BLOCKS)


def test_narrowed_to_one_person(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph), person="sam")
    assert set(lay.nodes) == {"sam-pressure", "sam-failing", "sam-overwhelm", "shutdown",
                              "sam-need", "ask-pause"}
    assert [c.person for c in lay.columns] == ["sam"]
    assert all(e.source in lay.nodes and e.target in lay.nodes for e in lay.edges)
    # on a loop of the whole map even when the other side is not shown
    assert lay.nodes["shutdown"].on_loop


def test_narrowed_to_a_neighbourhood(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    lay = layout_map(snap, around="texting")
    assert set(lay.nodes) == {"texting", "zoe-scared", "chest", "zoe-need", "sam-pressure",
                              "say-scared"}
    assert set(layout_map(snap, around="texting", radius=0).nodes) == {"texting"}
    two = set(layout_map(snap, around="texting", radius=2).nodes)
    assert {"quiet", "gran", "sam-failing"} <= two and "dad-left" not in two
    both = layout_map(snap, around="texting", person="sam")
    assert set(both.nodes) == {"sam-pressure"}
    assert neighbourhood(snap, "texting", 1) == [n for n in (x.id for x in snap.nodes)
                                                if n in lay.nodes]


def test_unknown_filters_show_nothing(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    assert layout_map(snap, person="nobody").nodes == {}
    assert layout_map(snap, around="no-such-node").nodes == {}


def test_an_empty_map_and_a_map_without_people() -> None:
    empty = RelationalMap(title="New map")
    assert layout_map(snapshot_of_map(empty)).layers == ()
    lone = RelationalMap(title="Solo", nodes=[
        Node(id="t", kind=NodeKind.TRIGGER, label="late reply"),
        Node(id="f", kind=NodeKind.FEELING, label="alone"),
    ], links=[Link(source="t", target="f")])
    lay = layout_map(snapshot_of_map(lone))
    assert [(c.person, c.lane) for c in lay.columns] == [(None, False)]
    assert lay.nodes["t"].layer < lay.nodes["f"].layer


def test_the_same_map_gives_the_same_layout_every_time(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    first = summary(layout_map(snap))
    assert summary(layout_map(snap)) == first
    # after a save and a load
    again = loads_map(dumps_map(chase_graph.to_map()))
    assert summary(layout_map(snapshot_of_map(again))) == first


@pytest.mark.parametrize("seed", ["1", "77"])
def test_the_same_layout_in_another_process(seed: str, tmp_path: Path) -> None:
    m = synthetic_map(60, dense=True, people=3)
    path = tmp_path / "m.toml"
    path.write_text(dumps_map(m), "utf-8")
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[2]);"
        "from tests.test_layout import summary;"
        "from exports.store.toml import load_map;"
        "from patterns.layout import layout_map, snapshot_of_map;"
        "print(json.dumps(summary(layout_map(snapshot_of_map(load_map(sys.argv[1]))))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True,
                         text=True, cwd=ROOT, env=env, check=True)
    here = summary(layout_map(snapshot_of_map(m)))
    assert json.loads(out.stdout) == json.loads(json.dumps(here))


def test_the_snapshot_leaves_private_notes_out(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    assert "2019 separation" not in snap.model_dump_json()
    assert "2019 separation" not in layout_map(snap).model_dump_json()


def test_the_snapshot_is_frozen(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    with pytest.raises(Exception):
        snap.title = "changed"  # type: ignore[misc]
    with pytest.raises(Exception):
        snap.nodes[0].label = "changed"  # type: ignore[misc]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30))
def test_loop_members_are_the_nodes_on_a_cycle(pairs: list[tuple[int, int]]) -> None:
    nodes = [Node(id=f"n{i}", kind=NodeKind.FEELING, label=f"feeling {i}") for i in range(10)]
    links = {(a, b) for a, b in pairs if a != b}
    m = RelationalMap(title="Random", nodes=nodes,
                      links=[Link(source=f"n{a}", target=f"n{b}") for a, b in sorted(links)])
    found = loop_members(snapshot_of_map(m))
    g = nx.DiGraph()
    g.add_nodes_from(n.id for n in nodes)
    g.add_edges_from((f"n{a}", f"n{b}") for a, b in links)
    expected = {v for comp in nx.strongly_connected_components(g) if len(comp) > 1 for v in comp}
    assert set(found) == expected
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1:
            assert len({found[v] for v in comp}) == 1
    # every link inside one band still lays out: down, or upward when it closes a cycle
    lay = layout_map(snapshot_of_map(m))
    for e in lay.edges:
        assert lay.nodes[e.source].layer != lay.nodes[e.target].layer


def test_band_table_covers_every_kind() -> None:
    kinds = [k for band in BANDS for k in band]
    assert sorted(kinds) == sorted(NodeKind) and len(kinds) == len(set(kinds))


def test_three_people_each_have_a_column_in_every_part() -> None:
    m = synthetic_map(60, people=3)
    lay = layout_map(snapshot_of_map(m))
    for part in range(lay.parts):
        mine = [c for c in lay.columns if c.part == part]
        people = [c.person for c in mine if not c.lane]
        assert people == [p for p in ["ana", "bo", "cy"] if p in people]  # the map's order
        assert [c.lane for c in mine] == [i % 2 == 1 for i in range(len(mine))]
    assert {c.person for c in lay.columns if not c.lane} == {"ana", "bo", "cy"}
    people = {p.id for p in m.people}
    assert all(lay.columns[p.column].person in people for p in lay.nodes.values())


def test_each_cycle_is_a_part_of_its_own_closed_by_a_ring() -> None:
    m = synthetic_map(60)
    snap = snapshot_of_map(m)
    lay = layout_map(snap)
    assert lay.parts == len({id(c) for c in lay.cycles}) >= 2
    part_of = {nid: lay.columns[p.column].part for nid, p in lay.nodes.items()}
    for i, cycle in enumerate(lay.cycles):
        # a cycle's nodes are all in one part; its closing step is a ring
        assert len({part_of[v] for v in cycle.loop}) == 1
        closing = next(e for e in lay.edges if (e.source, e.target) == (cycle.loop[-1], cycle.loop[0]))
        assert closing.ring in ("left", "right") and closing.cycle == i
    # no link joins two parts
    assert all(part_of[e.source] == part_of[e.target] for e in lay.edges)


def test_an_added_node_moves_only_what_it_must(chase_graph: MapGraph) -> None:
    from patterns.edits import AddLink, AddNode

    before = layout_map(snapshot(chase_graph))
    AddNode(Node(id="door", kind=NodeKind.TRIGGER, label="the door slams",
                 person="zoe")).apply(chase_graph)
    AddLink(Link(source="door", target="zoe-angry")).apply(chase_graph)
    after = layout_map(snapshot(chase_graph), before=before)

    def order(lay: MapLayout, layer: int) -> list[str]:
        return [s.node for s in lay.layers[layer] if s.node and s.node != "door"]

    for layer in range(len(before.layers)):
        assert order(after, layer) == order(before, layer), layer
    assert after.crossings <= before.crossings + 1


def test_crossing_reduction_helps(monkeypatch: pytest.MonkeyPatch) -> None:
    import patterns.layout.layers as layout_module
    from patterns.layout.order import total_crossings

    for m in (synthetic_map(60), synthetic_map(60, dense=True)):
        snap = snapshot_of_map(m)
        ordered = layout_map(snap).crossings
        with monkeypatch.context() as patch:
            patch.setattr(layout_module, "order_layers",
                          lambda layers, group, up, down, **_: (layers,
                                                                total_crossings(layers, down)))
            assert ordered < layout_map(snap).crossings * 0.8
