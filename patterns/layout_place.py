"""Horizontal positions for a layout, given a renderer's own sizes.

The layout fixes the order of slots in each layer; this turns that order into
x positions so that edges run as straight down as the order allows. Each
renderer passes its own widths (terminal cells, PDF points) and gets left
edges back; the screen and the paper therefore align the same boxes.

Within a column, each layer is solved exactly as a least-squares problem
(every slot as close as it can be to the mean of its neighbours above and
below, keeping order and spacing: isotonic regression by pool-adjacent-
violators), in a few sweeps down and up. Columns then sit side by side.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from patterns.layout_model import MapLayout, Slot


class Placement(BaseModel):
    """Left edges of every slot, and where each column lies."""

    model_config = ConfigDict(frozen=True)

    left: tuple[tuple[float, ...], ...]
    """`left[layer][order]`: x of the slot's left edge."""
    columns: tuple[tuple[float, float], ...]
    """(x, width) of each column; a lane with nothing in it has width 0."""
    width: float
    """Width of the whole picture."""


def place_columns(
    layout: MapLayout,
    *,
    width: Callable[[Slot], float],
    box_gap: float,
    pass_gap: float,
    column_gap: float,
    integer: bool = False,
    sweeps: int = 6,
) -> Placement:
    """x positions for every slot.

    `width(slot)` is the renderer's width of a box or of a pass-through
    point; `box_gap` separates two boxes, `pass_gap` a pass-through point
    from its neighbour, `column_gap` two columns. With `integer=True` every
    position is a whole number (terminal cells) and all spacing still holds.
    """
    neighbours = _neighbours(layout)
    left: list[list[float]] = [[0.0] * len(layer) for layer in layout.layers]
    columns: list[tuple[float, float]] = []
    x = 0.0
    for c in range(len(layout.columns)):
        rows = [[o for o, s in enumerate(layer) if s.column == c] for layer in layout.layers]
        local, extent = _place_column(layout, rows, neighbours, width, box_gap, pass_gap,
                                      integer, sweeps)
        if extent <= 0:
            columns.append((x, 0.0))
            continue
        for (layer, order), value in local.items():
            left[layer][order] = x + value
        columns.append((x, extent))
        x += extent + column_gap
    total = max(0.0, x - column_gap) if columns else 0.0
    return Placement(left=tuple(tuple(r) for r in left), columns=tuple(columns), width=total)


def _neighbours(layout: MapLayout) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """For each (layer, order), the slots it is joined to in adjacent layers."""
    near: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for edge in layout.edges:
        a, b = layout.nodes[edge.source], layout.nodes[edge.target]
        chain = [(a.layer, a.order), *edge.via, (b.layer, b.order)]
        for p, q in zip(chain, chain[1:]):
            near.setdefault(p, []).append(q)
            near.setdefault(q, []).append(p)
    return near


def _place_column(layout, rows, neighbours, width, box_gap, pass_gap, integer, sweeps):  # type: ignore[no-untyped-def]
    layers = layout.layers
    sizes = {(li, o): width(layers[li][o]) for li, row in enumerate(rows) for o in row}
    if not sizes:
        return {}, 0.0
    # Fixed per row: each slot's least offset from the row's first slot.
    offsets: list[list[float]] = []
    pos: dict[tuple[int, int], float] = {}
    for li, row in enumerate(rows):
        offset, these = 0.0, []
        for i, o in enumerate(row):
            these.append(offset)
            pos[li, o] = offset
            if i + 1 < len(row):
                boxes = layers[li][o].node is not None and layers[li][row[i + 1]].node is not None
                offset += sizes[li, o] + (box_gap if boxes else pass_gap)
        offsets.append(these)
    # Neighbours in this column only, and how strongly each slot is pulled
    # (a pass-through point more: long edges should run straight).
    pulls: dict[tuple[int, int], tuple[list[tuple[int, int]], float]] = {}
    for key in sizes:
        near = [q for q in neighbours.get(key, ()) if q in sizes]
        strength = 4.0 if layers[key[0]][key[1]].node is None else 1.0
        pulls[key] = (near, len(near) * strength if near else 0.05)
    order = [li for li, row in enumerate(rows) if row]
    for sweep in range(sweeps):
        for li in order if sweep % 2 == 0 else reversed(order):
            row = rows[li]
            targets, weights = [], []
            for o, off in zip(row, offsets[li]):
                key = (li, o)
                near, weight = pulls[key]
                half = sizes[key] / 2
                if near:
                    centre = sum(pos[q] + sizes[q] / 2 for q in near) / len(near)
                else:
                    centre = pos[key] + half
                targets.append(centre - half - off)
                weights.append(weight)
            for o, y, off in zip(row, _isotonic(targets, weights), offsets[li]):
                pos[li, o] = (round(y) if integer else y) + off
    lowest = min(pos.values())
    local = {k: v - lowest for k, v in pos.items()}
    extent = max(local[k] + sizes[k] for k in local)
    return local, extent


def _isotonic(targets: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to `targets` in weighted least
    squares (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [weight, weighted sum, count]
    for t, w in zip(targets, weights):
        blocks.append([w, w * t, 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][0] > blocks[-1][1] / blocks[-1][0]:
            w2, s2, c2 = blocks.pop()
            blocks[-1][0] += w2
            blocks[-1][1] += s2
            blocks[-1][2] += c2
    out: list[float] = []
    for w, s, c in blocks:
        out.extend([s / w] * int(c))
    return out
