"""Counting the places where two links cross on a drawing.

One function for every drawing, ours and any other (the bench counts
Graphviz `dot`'s the same way): each link is a polyline (a curve is sampled
into one), and two links cross wherever a segment of one properly crosses a
segment of the other. Touching at a shared end (two links of one box) is no
crossing. Segments are bucketed in a grid, so a 400-node map is counted in
a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["count_crossings", "drawing_crossings", "sample_bezier"]

Point = tuple[float, float]


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segment ab properly crosses segment cd (not at an end)."""
    o1, o2 = _orient(a, b, c), _orient(a, b, d)
    if o1 == 0 or o2 == 0 or (o1 > 0) == (o2 > 0):
        return False
    o3, o4 = _orient(c, d, a), _orient(c, d, b)
    return o3 != 0 and o4 != 0 and (o3 > 0) != (o4 > 0)


def count_crossings(paths: Sequence[Sequence[Point]], cell: float | None = None) -> int:
    """How many times the polylines cross one another (a polyline never
    counts against itself)."""
    segments: list[tuple[int, Point, Point]] = []
    for i, path in enumerate(paths):
        for a, b in zip(path, path[1:]):
            if a != b:
                segments.append((i, a, b))
    if not segments:
        return 0
    if cell is None:
        span = max(max(abs(b[0] - a[0]), abs(b[1] - a[1])) for _, a, b in segments)
        cell = max(span / 2, 1.0)
    grid: dict[tuple[int, int], list[int]] = {}
    for k, (_, a, b) in enumerate(segments):
        for gx in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1):
            for gy in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1):
                grid.setdefault((gx, gy), []).append(k)
    seen: set[tuple[int, int]] = set()
    count = 0
    for members in grid.values():
        for x, k in enumerate(members):
            i, a, b = segments[k]
            for m in members[x + 1:]:
                j, c, d = segments[m]
                if i == j:
                    continue
                pair = (k, m) if k < m else (m, k)
                if pair in seen:
                    continue
                seen.add(pair)
                if max(a[0], b[0]) < min(c[0], d[0]) or max(c[0], d[0]) < min(a[0], b[0]) \
                        or max(a[1], b[1]) < min(c[1], d[1]) or max(c[1], d[1]) < min(a[1], b[1]):
                    continue
                if _cross(a, b, c, d):
                    count += 1
    return count


def drawing_crossings(drawing) -> int:  # type: ignore[no-untyped-def]
    """Crossings between the links of a drawing (patterns.layout.drawing)."""
    return count_crossings([[(float(x), float(y)) for x, y in r.points] for r in drawing.routes])


def sample_bezier(points: Sequence[Point], steps: int = 12) -> list[Point]:
    """A piecewise cubic Bézier (Graphviz's edge splines: 1 + 3k control
    points) as a polyline of `steps` segments per piece."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for j in range(1, steps + 1):
            t = j / steps
            u = 1 - t
            out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0]
                        + t ** 3 * p3[0],
                        u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1]
                        + t ** 3 * p3[1]))
    return out
