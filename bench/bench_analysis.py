"""The whole analysis (issue 4): targets <= 5 ms at 60 nodes and <= 100 ms on
a dense 400-node map, since the Patterns panel redraws after every edit.

Baseline: networkx's own bounded cycle search on the same graph with the same
bound, stopped at the same number of loops (the graph is built beforehand, so
only the search is timed), called in turn with the analysis so both see the
same load. The analysis does much more than that (sentences,
needs, hot spots, the dance) and should still be faster.
The Markdown export is timed beside the TOML writer on the same map.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import networkx as nx
from timing import Row, median, p95

from exports.markdown import render_markdown
from exports.store.toml import dumps_map
from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.loops import MAX_LOOP_LENGTH, MAX_LOOPS
from patterns.synthetic import synthetic_map

CASES = [
    ("60-node map", 60, False, 5.0),
    ("400-node map", 400, False, None),
    ("dense 400-node map", 400, True, 100.0),
]


def _networkx_cycles(digraph: nx.DiGraph) -> list[list[str]]:
    return list(itertools.islice(nx.simple_cycles(digraph, length_bound=MAX_LOOP_LENGTH),
                                 MAX_LOOPS))


def paired(fn: Callable[[], object], base: Callable[[], object],
           repeats: int) -> tuple[list[float], list[float]]:
    """Times of `fn` and `base` in ms, called in turn, so that both see the
    same moments of a busy machine."""
    fn(), base()
    times: list[float] = []
    base_times: list[float] = []
    for _ in range(repeats):
        for f, out in ((fn, times), (base, base_times)):
            start = time.perf_counter()
            f()
            out.append((time.perf_counter() - start) * 1000)
    return times, base_times


def rows(quick: bool) -> list[Row]:
    repeats = 5 if quick else 30
    out = []
    for what, n, dense, target in CASES:
        m = synthetic_map(n, dense=dense)
        g = MapGraph.from_map(m)
        digraph = g.simple_digraph()
        times, base = paired(lambda: analyse(g), lambda: _networkx_cycles(digraph), repeats)
        found = analyse(g)
        note = f"{len(found.loops)} loops{' (capped)' if found.loops_capped else ''}," \
               f" {len(found.sentences)} sentences"
        out.append(Row(f"analyse {what}", median(times), "nx.simple_cycles, same bound",
                       median(base), target, p95(times), note))
    m = synthetic_map(400)
    times, base = paired(lambda: render_markdown(m), lambda: dumps_map(m), repeats)
    out.append(Row("Markdown export, 400-node map", median(times), "dumps_map (TOML)",
                   median(base), None, p95(times)))
    return out
