"""The analysis holds on any valid map (hypothesis): it never fails, every
loop is a cycle of the map, every sentence follows its links and reads cleanly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.models import RelationalMap
from patterns.sentences import sentence_text
from patterns.vocabulary import NodeKind
from strategies import maps


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14))
def test_the_analysis_of_any_map_is_consistent(m: RelationalMap) -> None:
    g = MapGraph.from_map(m)
    result = analyse(g)
    keys = [lp.key for lp in result.loops]
    assert len(keys) == len(set(keys))
    for lp in result.loops:
        assert all(g.graph.has_edge(a, b) for a, b in zip(lp.nodes, lp.nodes[1:] + lp.nodes[:1]))
        assert len(set(lp.nodes)) == len(lp.nodes)
        assert lp.vicious == any(g.node(n).kind is NodeKind.STRATEGY for n in lp.nodes)
    for named in m.loops:
        assert any(lp.name == named.name for lp in result.loops)
    texts = [s.text.casefold() for s in result.sentences]
    assert len(texts) == len(set(texts))
    for s in result.sentences:
        kinds = [g.node(n).kind for n in s.node_ids]
        assert kinds[0] is NodeKind.TRIGGER and NodeKind.STRATEGY in kinds[-2:]
        assert all(g.graph.has_edge(a, b) for a, b in zip(s.node_ids, s.node_ids[1:]))
        assert s.text.startswith("When ") and s.text.endswith((".", "!", "?"))
        assert sentence_text(s, g, "second").startswith("When ")
    people = [p.id for p in m.people]
    assert [s.person for s in result.sentences] == sorted(
        (s.person for s in result.sentences), key=lambda p: people.index(p) if p else -1)
    for step in result.dance:
        assert step.person != step.other
    assert all(spot.why for spot in result.hot_spots)
