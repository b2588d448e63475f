"""The whole analysis (issue 4): targets <= 5 ms at 60 nodes and <= 100 ms on
a dense 400-node map, since the Patterns panel redraws after every edit.

Baseline: networkx's own bounded cycle search on the same graph with the same
bound, stopped at the same number of loops (the graph is built beforehand, so
only the search is timed). The analysis does much more than that (sentences,
needs, hot spots, the dance) and should still be faster.
The Markdown export is timed beside the TOML writer on the same map.
"""

from __future__ import annotations

import itertools

import networkx as nx
from timing import Row, measure, median, p95

from exports.markdown import render_markdown
from exports.toml_map import dumps_map
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


def rows(quick: bool) -> list[Row]:
    repeats = 5 if quick else 30
    out = []
    for what, n, dense, target in CASES:
        m = synthetic_map(n, dense=dense)
        g = MapGraph.from_map(m)
        digraph = g.simple_digraph()
        base = measure(lambda: _networkx_cycles(digraph), max(3, repeats // 3), warmup=1)
        times = measure(lambda: analyse(g), repeats)
        found = analyse(g)
        note = f"{len(found.loops)} loops{' (capped)' if found.loops_capped else ''}," \
               f" {len(found.sentences)} sentences"
        out.append(Row(f"analyse {what}", median(times), "nx.simple_cycles, same bound",
                       median(base), target, p95(times), note))
    m = synthetic_map(400)
    base = measure(lambda: dumps_map(m), repeats)
    times = measure(lambda: render_markdown(m), repeats)
    out.append(Row("Markdown export, 400-node map", median(times), "dumps_map (TOML)",
                   median(base), None, p95(times)))
    return out
