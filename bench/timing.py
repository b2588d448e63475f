"""Timing helpers shared by the benchmarks, and the table row they report."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


def measure(fn: Callable[[], object], repeats: int, warmup: int = 2) -> list[float]:
    """Wall times of `fn` in milliseconds, after a few warm-up calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median(times: list[float]) -> float:
    return statistics.median(times)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


@dataclass
class Row:
    """One figure: a median (and p95) beside a baseline from the same run."""

    what: str
    median_ms: float
    baseline: str
    baseline_ms: float
    target_ms: float | None = None
    p95_ms: float | None = None
    note: str = ""
    #: For figures that are not times (peak memory, counts): shown as is.
    value: str | None = None
    #: The unit of the figure, the baseline and the target (memory rows: MB).
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.median_ms / self.baseline_ms if self.baseline_ms else float("nan")

    @property
    def met(self) -> bool | None:
        if self.target_ms is None:
            return None
        return (self.p95_ms if self.p95_ms is not None and "p95" in self.note else self.median_ms) <= self.target_ms

    @staticmethod
    def table(rows: list[Row]) -> str:
        head = ["figure", "median ms", "p95 ms", "baseline", "baseline ms", "ratio", "target", ""]
        body = []
        for r in rows:
            body.append([
                r.what,
                r.value if r.value is not None else f"{r.median_ms:.2f}",
                "" if r.p95_ms is None else f"{r.p95_ms:.2f}",
                r.baseline,
                f"{r.baseline_ms:.3f}" if r.baseline_ms else "",
                f"{r.ratio:.1f}x" if r.baseline_ms else "",
                "" if r.target_ms is None else f"<= {r.target_ms:g} {r.unit}",
                {True: "ok", False: "OVER", None: ""}[r.met] + (f" {r.note}" if r.note else ""),
            ])
        widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
        fmt = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
        return "\n".join([fmt(head), fmt(["-" * w for w in widths]), *map(fmt, body)])
