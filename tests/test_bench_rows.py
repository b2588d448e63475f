"""The map view and analysis benchmarks still run and report every figure
(their figures are read in `python bench/run.py`, never asserted here:
timings belong to bench/, not to tests)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def quick_rows(module: str) -> list[Any]:
    """The rows a bench/ module reports with few repeats."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        bench = importlib.import_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return bench.rows(quick=True)


def test_bench_layout_reports_every_figure() -> None:
    rows = quick_rows("bench_layout")
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


def test_bench_analysis_reports_every_figure() -> None:
    rows = quick_rows("bench_analysis")
    assert [r.what for r in rows] == [
        "analyse 60-node map", "analyse 400-node map", "analyse dense 400-node map",
        "Markdown export, 400-node map"]
    assert all(r.median_ms > 0 and r.baseline_ms > 0 for r in rows)
    assert [r.target_ms for r in rows] == [5.0, None, 100.0, None]


def test_bench_crossings_reports_ours_beside_dots_for_every_map() -> None:
    rows = quick_rows("bench_crossings")
    # bench_crossings brought its helper in from bench/ (quick_rows's path)
    from dot_drawing import dot_available, maps_drawn

    if not dot_available():
        assert rows == []  # left out where Graphviz is not installed
        return
    names = list(maps_drawn(large=False))
    assert [r.what.split(", ", 1)[1].rsplit(" (", 1)[0] for r in rows] == names
    for r in rows:
        ours = int(r.value.removeprefix("ours "))
        dots = int(r.note.split(":")[0].removeprefix("dot "))
        assert ours <= dots and "ours at or below" in r.note
