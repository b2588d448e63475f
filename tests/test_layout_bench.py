"""The map view benchmark still runs (its figures are read in `python
bench/run.py`, never asserted here: timings belong to bench/, not to tests)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_layout_reports_every_figure() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_layout
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rows = bench_layout.rows(quick=True)
    assert [r.what for r in rows] == [
        figure for n in (60, 400) for figure in (
            f"layout {n}-node map (snapshot + layout)", f"picture of {n}-node map (cells)",
            f"draw one 118x38 screen, {n} nodes", f"redraw after an edit, {n} nodes",
            f"redraw after a label edit (layout reused), {n} nodes",
            f"redraw after an intensity edit (layout reused), {n} nodes",
            *([f"fit a {n}-node map to the map pane"] if n == 60 else []))
    ]
    assert all(r.median_ms > 0 and r.baseline_ms > 0 for r in rows)
    assert [r.target_ms for r in rows if r.target_ms] == [16, 16, 16, 100, 100, 100]
