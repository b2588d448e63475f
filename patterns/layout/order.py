"""Ordering within layers: the crossing reduction of a layered drawing.

Items are small integers (boxes and pass-through points alike); each layer
is a list of items, split into column groups that keep their left-to-right
order (one person's side never mixes with another's). Barycenter sweeps, then
adjacent swaps, keep the ordering with the fewest crossings found. Every tie
is broken by the item's first position, so the result is the same in every
run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def count_crossings(
    upper: Sequence[int], lower: Sequence[int], down: Sequence[Sequence[int]]
) -> int:
    """Crossings between two adjacent layers, given each upper item's
    neighbours in the lower layer (an inversion count)."""
    where = {item: i for i, item in enumerate(lower)}
    seq: list[int] = []
    for item in upper:
        ns = down[item]
        if len(ns) == 1:
            seq.append(where[ns[0]])
        elif ns:
            seq.extend(sorted([where[v] for v in ns]))
    # Each new end crosses every earlier end that lies to its right.
    seen: list[int] = []
    crossings = 0
    for i, b in enumerate(seq):
        j = bisect_right(seen, b)
        crossings += i - j
        seen.insert(j, b)
    return crossings


def total_crossings(layers: list[list[int]], down: Sequence[Sequence[int]]) -> int:
    """Crossings over the whole drawing."""
    return sum(count_crossings(layers[i], layers[i + 1], down) for i in range(len(layers) - 1))


def reduce_crossings(
    layers: list[list[int]],
    column: Sequence[int],
    up: Sequence[Sequence[int]],
    down: Sequence[Sequence[int]],
    *,
    sweeps: int | None = None,
) -> tuple[list[list[int]], int]:
    """A good left-to-right order of each layer, and its number of crossings.

    `column[item]` is the item's column group; `up[item]` / `down[item]` its
    neighbours in the layer above / below. `layers` holds the start order,
    grouped by column already. `sweeps` defaults to fewer for larger
    drawings (the gain per sweep falls as the cost grows; never timed, so the
    result does not depend on the machine).
    """
    if sweeps is None:
        items = len(column)
        sweeps = 6 if items <= 200 else 4 if items <= 800 else 2
    first = {item: i for layer in layers for i, item in enumerate(layer)}
    best = [list(layer) for layer in layers]
    best_count = total_crossings(best, down)
    current = [list(layer) for layer in layers]
    stale = 0
    for sweep in range(sweeps):
        if best_count == 0:
            break
        downward = sweep % 2 == 0
        order = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for i in order:
            fixed = current[i - 1] if downward else current[i + 1]
            near = up if downward else down
            current[i] = _by_barycenter(current[i], fixed, near, column, first)
        count = total_crossings(current, down)
        if count < best_count:
            best, best_count, stale = [list(layer) for layer in current], count, 0
        else:
            stale += 1
            if stale >= 2:
                break
    if best_count:
        _transpose(best, column, up, down)
        best_count = total_crossings(best, down)
    return best, best_count


def _by_barycenter(
    layer: list[int],
    fixed: list[int],
    near: Sequence[Sequence[int]],
    column: Sequence[int],
    first: dict[int, int],
) -> list[int]:
    where = {item: i for i, item in enumerate(fixed)}
    here = {item: i for i, item in enumerate(layer)}

    def key(item: int) -> tuple[int, float, int]:
        ns = near[item]
        # An item with no neighbour there keeps its place among the others.
        bary = sum(where[v] for v in ns) / len(ns) if ns else float(here[item])
        return (column[item], bary, first[item])

    return sorted(layer, key=key)


def _transpose(
    layers: list[list[int]],
    column: Sequence[int],
    up: Sequence[Sequence[int]],
    down: Sequence[Sequence[int]],
    passes: int = 4,
) -> None:
    """Swap neighbours in a layer while that removes crossings."""
    for li, layer in enumerate(layers):
        # Neighbours sit in other layers, so their positions hold while this
        # layer is reordered: each item's view of them is computed once.
        above = {item: i for i, item in enumerate(layers[li - 1])} if li > 0 else {}
        below = {item: i for i, item in enumerate(layers[li + 1])} if li + 1 < len(layers) else {}
        seen = {u: sorted(above[a] for a in up[u]) for u in layer}
        seen_below = {u: sorted(below[b] for b in down[u]) for u in layer}
        for _ in range(passes):
            improved = False
            for i in range(len(layer) - 1):
                u, v = layer[i], layer[i + 1]
                if column[u] != column[v]:
                    continue
                now = after = 0
                for mine, theirs in ((seen[u], seen[v]), (seen_below[u], seen_below[v])):
                    for a in mine:
                        for b in theirs:
                            if a > b:
                                now += 1
                            elif a < b:
                                after += 1
                if after < now:
                    layer[i], layer[i + 1] = v, u
                    improved = True
            if not improved:
                break
