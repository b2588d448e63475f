"""Between sessions (issue 6): `attachmap diff`, the progress trend, what is
new since the last session, and the words of the client's review.

Targets: a diff of two 400-node saves under 50 ms (it runs beside `attachmap
history`, once per listed version), the review's words for a 400-node map
under 100 ms (they are rebuilt after each logged try). Baselines from the
same run: `dumps_map` of the same map (a diff reads every entry, as the
writer does) and `analyse` (the review's words are built on it).
"""

from __future__ import annotations

import datetime as dt

from timing import Row, measure, median, p95

from exports.diff import diff_maps
from exports.store.toml import dumps_map
from patterns.changes import since_last_session
from patterns.graph import MapGraph
from patterns.insights import Insights, analyse
from patterns.models import Experiment, RelationalMap, Try
from patterns.progress import progress
from patterns.synthetic import synthetic_map
from tui.review.words import Reader, needs_underneath, stories


def _later(m: RelationalMap) -> RelationalMap:
    """The same map a session later: labels changed, nodes removed, tries added."""
    nodes = [n.model_copy(update={"label": n.label + " (again)"}) if i % 10 == 0 else n
             for i, n in enumerate(m.nodes)]
    gone = {n.id for n in nodes[-5:]}
    nodes = nodes[:-5]
    links = [lk for lk in m.links if lk.source not in gone and lk.target not in gone]
    experiments = [e.model_copy(update={"tries": [*e.tries, Try(date=dt.date(2027, 1, 5),
                                                                before=6, after=3)]})
                   for e in m.experiments if e.response not in gone]
    loops = [lp for lp in m.loops if not set(lp.nodes) & gone]
    return m.model_copy(update={"nodes": nodes, "links": links, "experiments": experiments,
                                "loops": loops})


def _words(g: MapGraph, insights: Insights) -> None:
    """What the review's patterns part builds after each logged try."""
    reader = Reader(g)
    stories(g, insights, reader=reader)
    needs_underneath(g, insights, reader)


def rows(quick: bool) -> list[Row]:
    repeats = 5 if quick else 30
    out = []
    for n in (60, 400):
        old = synthetic_map(n)
        new = _later(old)
        write = measure(lambda: dumps_map(new), repeats)
        diff = measure(lambda: diff_maps(old, new), repeats)
        out.append(Row(f"diff two saves of a {n}-node map", median(diff), "dumps_map",
                       median(write), 50 if n == 400 else None, p95(diff)))
        g = MapGraph.from_map(new)
        insights = analyse(g)
        base = measure(lambda: analyse(g), repeats)
        words = measure(lambda: _words(g, insights), repeats)
        out.append(Row(f"review words for a {n}-node map", median(words), "analyse",
                       median(base), 100 if n == 400 else None, p95(words)))
        since = measure(lambda: since_last_session(g, dt.date(2027, 1, 6), baseline=old),
                        repeats)
        out.append(Row(f"new since last session, {n} nodes (against a save)", median(since),
                       "analyse", median(base)))
    tries = [Try(date=dt.date(2026, 1, 1) + dt.timedelta(days=i), before=i % 11,
                 after=(i * 7) % 11) for i in range(500)]
    experiment = Experiment(id="e", response="r", tries=tries)
    trend = measure(lambda: progress(experiment).trend(), repeats)
    copy = measure(lambda: experiment.model_copy(deep=True), repeats)
    out.append(Row("trend of an experiment with 500 tries", median(trend), "deep copy of it",
                   median(copy)))
    return out
