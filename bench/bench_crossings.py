"""Link crossings per map: ours beside Graphviz `dot`'s banded drawing
(issue 13), counted by the same function on both drawings.

dot draws under our constraints (a row per band of kinds, `newrank=true`,
`rank=same`, a cluster per person: bench/dot_drawing.py); ours is the PDF's
and the SVG's map page. Target: ours at or below dot's on every map. Each
row's "figure" is a count, not a time; the time columns hold how long our
layout and drawing took beside dot's run. The rows are left out where `dot`
is not installed.
"""

from __future__ import annotations

import time

from dot_drawing import dot_available, dot_crossings, our_crossings, maps_drawn
from timing import Row

from patterns.layout import snapshot_of_map


def rows(quick: bool) -> list[Row]:
    if not dot_available():
        return []
    out: list[Row] = []
    for name, m in maps_drawn(large=not quick).items():
        snap = snapshot_of_map(m)
        started = time.perf_counter()
        ours = our_crossings(snap)
        ours_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        theirs = dot_crossings(snap)
        dot_ms = (time.perf_counter() - started) * 1000
        assert theirs is not None
        out.append(Row(f"crossings, {name} ({len(m.nodes)} nodes)", ours_ms, "dot -Tplain",
                       dot_ms, None, note=f"dot {theirs}: "
                       + ("ours at or below" if ours <= theirs else "OURS ABOVE"),
                       value=f"ours {ours}"))
    return out
