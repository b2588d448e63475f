"""Ordering within layers: the crossing reduction of a layered drawing.

Items are small integers (boxes, pass-through points of long edges, and the
fixed points that stand for a ring's way out of its part); each layer is a
list of items, split into groups (a person's column, a lane, the outside of
a part) that keep their left-to-right order: one person's side never mixes
with another's. Within a group the order is free.

Three steps, as in the best layered drawers (Gansner et al.'s `dot`, and
Matuszewski et al.'s sifting):

1. sweeps down and up, each layer sorted by the barycentre of its
   neighbours in the layer just ordered, each followed by adjacent swaps
   while they remove crossings; the best ordering seen is kept;
2. sifting: each item in turn is moved to the place in its group where it
   crosses least, given everything else, until no move helps;
3. adjacent swaps again.

Given an order to keep (`stable=True`: the order of the picture before an
edit), step 1 is left out: only moves that remove crossings are made, so an
added node moves only what it must.

Every tie is broken by the item's place in the order given, so the result is
the same in every run. The work is bounded by the size of the drawing, never
by a clock, so it does not depend on the machine.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["count_crossings", "order_layers", "total_crossings"]

#: Items in a group beyond which sifting is left out (its cost grows with the
#: square of the group; sweeps and swaps already did most of the work).
SIFT_LIMIT = 160
#: Pairs of items sifting may weigh in one ordering: a dense map of hundreds
#: of nodes stops there (counted, never timed: the same on every machine).
SIFT_BUDGET = 300_000


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


def order_layers(
    layers: list[list[int]],
    group: Sequence[float],
    up: Sequence[Sequence[int]],
    down: Sequence[Sequence[int]],
    *,
    stable: bool = False,
    sweeps: int | None = None,
) -> tuple[list[list[int]], int]:
    """A good left-to-right order of each layer, and its number of crossings.

    `group[item]` is the item's group; `up[item]` / `down[item]` its
    neighbours in the layer above / below. `layers` holds the start order,
    sorted by group already. `stable` keeps the start order but for moves
    that remove crossings.
    """
    first = {item: i for layer in layers for i, item in enumerate(layer)}
    best = [list(layer) for layer in layers]
    best_count = total_crossings(best, down)
    if not stable and best_count:
        if sweeps is None:
            items = len(group)
            sweeps = 12 if items <= 300 else 6 if items <= 1200 else 3
        current = [list(layer) for layer in layers]
        stale = 0
        for sweep in range(sweeps):
            downward = sweep % 2 == 0
            order = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
            for i in order:
                fixed = current[i - 1] if downward else current[i + 1]
                current[i] = _by_barycentre(current[i], fixed, up if downward else down,
                                            group, first)
            _transpose(current, group, up, down)
            count = total_crossings(current, down)
            if count < best_count:
                best, best_count, stale = [list(layer) for layer in current], count, 0
                if not count:
                    break
            else:
                stale += 1
                if stale >= 3:
                    break
    if best_count:
        budget = [SIFT_BUDGET]
        for _ in range(3):
            moved = _sift(best, group, up, down, budget)
            moved = _transpose(best, group, up, down) or moved
            if not moved or budget[0] <= 0:
                break
        best_count = total_crossings(best, down)
    return best, best_count


def _by_barycentre(
    layer: list[int],
    fixed: list[int],
    near: Sequence[Sequence[int]],
    group: Sequence[float],
    first: dict[int, int],
) -> list[int]:
    where = {item: i for i, item in enumerate(fixed)}
    here = {item: i for i, item in enumerate(layer)}
    scale = len(fixed) / max(1, len(layer))

    def key(item: int) -> tuple[float, float, int]:
        ns = near[item]
        # An item with no neighbour there keeps its place among the others.
        bary = sum(where[v] for v in ns) / len(ns) if ns else here[item] * scale
        return (group[item], bary, first[item])

    return sorted(layer, key=key)


def _neighbour_places(layers: list[list[int]], li: int, up: Sequence[Sequence[int]],
                      down: Sequence[Sequence[int]]) -> dict[int, tuple[list[int], list[int]]]:
    """Each item of layer li with the sorted places of its neighbours above
    and below."""
    above = {item: i for i, item in enumerate(layers[li - 1])} if li > 0 else {}
    below = {item: i for i, item in enumerate(layers[li + 1])} if li + 1 < len(layers) else {}
    return {u: (sorted(above[a] for a in up[u]), sorted(below[b] for b in down[u]))
            for u in layers[li]}


def _greater(a: list[int], b: list[int]) -> int:
    """Pairs (x in a, y in b) with x > y; both sorted."""
    count = j = 0
    for x in a:
        while j < len(b) and b[j] < x:
            j += 1
        count += j
    return count


def _cost(u: tuple[list[int], list[int]], v: tuple[list[int], list[int]]) -> int:
    """Crossings between the edges of u and of v when u lies left of v."""
    return _greater(u[0], v[0]) + _greater(u[1], v[1])


def _transpose(layers: list[list[int]], group: Sequence[float], up: Sequence[Sequence[int]],
               down: Sequence[Sequence[int]], passes: int = 4) -> bool:
    """Swap neighbours in a layer while that removes crossings; whether any
    swap was made."""
    moved = False
    for li, layer in enumerate(layers):
        seen = _neighbour_places(layers, li, up, down)
        for _ in range(passes):
            improved = False
            for i in range(len(layer) - 1):
                u, v = layer[i], layer[i + 1]
                if group[u] != group[v]:
                    continue
                if _cost(seen[v], seen[u]) < _cost(seen[u], seen[v]):
                    layer[i], layer[i + 1] = v, u
                    improved = moved = True
            if not improved:
                break
    return moved


def _sift(layers: list[list[int]], group: Sequence[float], up: Sequence[Sequence[int]],
          down: Sequence[Sequence[int]], budget: list[int]) -> bool:
    """Move each item to its best place within its group, the items with most
    edges first, while `budget[0]` (pairs weighed) lasts; whether any item
    moved."""
    moved = False
    for li, layer in enumerate(layers):
        if budget[0] <= 0:
            break
        seen = _neighbour_places(layers, li, up, down)
        start = 0
        while start < len(layer):
            end = start
            while end < len(layer) and group[layer[end]] == group[layer[start]]:
                end += 1
            members = layer[start:end]
            if 2 < len(members) <= SIFT_LIMIT or len(members) == 2:
                rank = {v: i for i, v in enumerate(members)}
                for v in sorted(members, key=lambda m: (-len(up[m]) - len(down[m]), rank[m])):
                    if not up[v] and not down[v]:
                        continue
                    budget[0] -= len(members)
                    if budget[0] <= 0:
                        break
                    here = members.index(v)
                    rest = members[:here] + members[here + 1:]
                    # cost of v at place k: what lies left of v, then what lies right
                    left = [_cost(seen[u], seen[v]) for u in rest]
                    right = [_cost(seen[v], seen[u]) for u in rest]
                    cost = sum(right)
                    best_k, best = 0, cost
                    for k, u in enumerate(rest):
                        cost += left[k] - right[k]
                        if cost < best or (cost == best and k + 1 == here):
                            best_k, best = k + 1, cost
                    now = sum(left[:here]) + sum(right[here:])
                    if best < now:
                        members = rest[:best_k] + [v] + rest[best_k:]
                        moved = True
                layer[start:end] = members
            start = end
    return moved
