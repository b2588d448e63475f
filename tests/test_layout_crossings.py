"""Fewer link crossings than Graphviz `dot` draws under the same constraints
(a row per band of kinds, a cluster per person), on every example map and
every invented map the tests draw; both drawings counted by the same
function. Left out where `dot` is not installed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from patterns.layout import layout_map, snapshot_of_map
from patterns.layout.crossings import count_crossings, sample_bezier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from dot_drawing import dot_available, dot_crossings, dot_source, our_crossings, maps_drawn  # noqa: E402

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz dot is not installed")
MAPS = maps_drawn(large=False)


@needs_dot
@pytest.mark.parametrize("name", list(MAPS))
def test_ours_cross_no_more_than_dots_banded_drawing(name: str) -> None:
    snap = snapshot_of_map(MAPS[name])
    ours, theirs = our_crossings(snap), dot_crossings(snap)
    assert theirs is not None and ours <= theirs, (name, ours, theirs)


def test_the_dot_graph_keeps_our_constraints(chase_map) -> None:  # type: ignore[no-untyped-def]
    source = dot_source(snapshot_of_map(chase_map))
    assert "newrank=true;" in source
    assert source.count("subgraph cluster_") == 2  # a cluster per person
    assert source.count("rank=same") == 6  # a row per band of kinds present
    # a link that runs back up the bands does not move the rows
    assert '"shutdown" -> "quiet" [constraint=false];' in source


def test_crossings_are_counted_where_lines_cross_not_where_they_meet() -> None:
    x = [(0.0, 0.0), (10.0, 10.0)], [(0.0, 10.0), (10.0, 0.0)]
    assert count_crossings(x) == 1
    # two lines from one box: they meet at its port, they do not cross
    assert count_crossings([[(5.0, 0.0), (0.0, 10.0)], [(5.0, 0.0), (10.0, 10.0)]]) == 0
    # an orthogonal route crossing another twice
    assert count_crossings([[(0.0, 5.0), (10.0, 5.0)],
                            [(2.0, 0.0), (2.0, 10.0), (8.0, 10.0), (8.0, 0.0)]]) == 2
    # a Bézier sampled as a polyline
    curve = sample_bezier([(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)])
    assert curve[0] == (0.0, 0.0) and curve[-1] == (10.0, 10.0) and len(curve) == 13


def test_the_example_crosses_as_its_layout_orders(chase_map) -> None:  # type: ignore[no-untyped-def]
    snap = snapshot_of_map(chase_map)
    assert our_crossings(snap) == layout_map(snap).crossings <= 2
