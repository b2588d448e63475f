"""The analysis benchmark still runs (its figures are read in `python bench/run.py`,
never asserted here: timings belong to bench/, not to tests)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_analysis_reports_every_figure() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_analysis
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rows = bench_analysis.rows(quick=True)
    assert [r.what for r in rows] == [
        "analyse 60-node map", "analyse 400-node map", "analyse dense 400-node map",
        "Markdown export, 400-node map"]
    assert all(r.median_ms > 0 and r.baseline_ms > 0 for r in rows)
    assert [r.target_ms for r in rows] == [5.0, None, 100.0, None]
