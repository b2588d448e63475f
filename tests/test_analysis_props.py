"""The analysis holds on any valid map (hypothesis): it never fails, every
loop is a cycle of the map, every loop belongs to one cycle, each person has
at most one chain per cycle, and no chain changes a word of a label."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.models import RelationalMap
from patterns.vocabulary import LinkKind, NodeKind
from tests.support.strategies import maps


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14))
def test_the_analysis_of_any_map_is_consistent(m: RelationalMap) -> None:
    g = MapGraph.from_map(m)
    result = analyse(g)
    keys = [lp.key for lp in result.loops]
    assert len(keys) == len(set(keys))
    for lp in result.loops:
        assert all(g.linked(a, b) for a, b in zip(lp.nodes, lp.nodes[1:] + lp.nodes[:1]))
        assert len(set(lp.nodes)) == len(lp.nodes)
        assert lp.vicious == any(g.node(n).kind is NodeKind.STRATEGY for n in lp.nodes)
    for named in m.loops:
        assert any(lp.name == named.name for lp in result.loops)
    named = {tuple(lp.nodes) for lp in result.loops if lp.name}
    for lp in result.loops:
        if tuple(lp.nodes) not in named:  # masks is never a step of a found loop
            assert all(any(lk.target == b and lk.kind is not LinkKind.MASKS
                           for lk in g.links_out(a))
                       for a, b in zip(lp.nodes, lp.nodes[1:] + lp.nodes[:1]))
    in_cycles = [lp.key for c in result.cycles for lp in c.loops]
    assert sorted(in_cycles) == sorted(keys)
    for c in result.cycles:
        assert set(c.node_ids) == {n for lp in c.loops for n in lp.nodes}
    told = [(s.cycle, s.person, s.trigger) for s in result.sentences]
    assert len(told) == len(set(told))
    for s in result.sentences:
        assert s.text.rstrip("”’\"'")[-1:] in ".!?"
        for node_id in s.node_ids:
            label = g.node(node_id).label
            assert label in s.text or s.text.startswith(label[:1].upper() + label[1:]), label
    cycles = [s.cycle for s in result.sentences]
    assert cycles == sorted(cycles, key=lambda c: (c is None, c or 0))
    for step in result.dance:
        assert step.person != step.other
    assert all(spot.why for spot in result.hot_spots)
