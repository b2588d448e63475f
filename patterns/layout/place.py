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

from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from patterns.layout.model import MapLayout, Slot


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
    sweeps: int = 4,
    slack: float | None = None,
    extra: Sequence[float] = (),
    after: float = 0.0,
) -> Placement:
    """x positions for every slot.

    `width(slot)` is the renderer's width of a box or of a pass-through
    point; `box_gap` separates two boxes, `pass_gap` a pass-through point
    from its neighbour, `column_gap` two columns. With `integer=True` every
    position is a whole number (terminal cells) and all spacing still holds.
    `slack` bounds each column's width to its widest layer's packed width
    plus `slack` (a screen short of room: rows are shifted rather than
    staggered wide); None leaves the width free for straighter edges.
    `extra[c]` is room left before column c (between two parts of the
    picture, and for the rings at a part's side); `after`, room after the
    last column.
    """
    # Every slot gets a number: base[layer] + order.
    base, count = [], 0
    for layer in layout.layers:
        base.append(count)
        count += len(layer)
    slots = [s for layer in layout.layers for s in layer]
    size = [float(width(s)) for s in slots]
    is_box = [s.node is not None for s in slots]
    near: list[list[int]] = [[] for _ in slots]
    for edge in layout.edges:
        a, b = layout.nodes[edge.source], layout.nodes[edge.target]
        chain = [base[a.layer] + a.order, *(base[li] + o for li, o in edge.via),
                 base[b.layer] + b.order]
        for p, q in zip(chain, chain[1:]):
            if slots[p].column == slots[q].column:  # pulled only within a column
                near[p].append(q)
                near[q].append(p)
    pos = [0.0] * count
    columns: list[tuple[float, float]] = []
    by_column: list[list[list[int]]] = [[[] for _ in layout.layers] for _ in layout.columns]
    for li, layer in enumerate(layout.layers):
        for o, s in enumerate(layer):
            by_column[s.column][li].append(base[li] + o)
    x = 0.0
    for c in range(len(layout.columns)):
        if c < len(extra):
            x += extra[c]
        rows = by_column[c]
        extent = _place_known(rows, near, size, is_box, pos, box_gap, pass_gap, integer,
                              sweeps, slack)
        if extent <= 0:
            columns.append((x, 0.0))
            continue
        for row in rows:
            for i in row:
                pos[i] += x
        columns.append((x, extent))
        x += extent + column_gap
    total = max(0.0, x - column_gap) + after if columns else 0.0
    left = tuple(tuple(pos[base[li]:base[li] + len(layer)])
                 for li, layer in enumerate(layout.layers))
    return Placement(left=left, columns=tuple(columns), width=total)


#: Columns placed lately, by everything their placement depends on (see
#: `_place_known`): an edit changes one or two columns of a picture, and the
#: same column is placed again for every look a fitting tries.
_PLACED: dict[tuple[object, ...], tuple[float, tuple[tuple[float, ...], ...]]] = {}
_PLACED_MOST = 512


def _place_known(rows: list[list[int]], near: list[list[int]], size: list[float],
                 is_box: list[bool], pos: list[float], box_gap: float, pass_gap: float,
                 integer: bool, sweeps: int, slack: float | None = None) -> float:
    """`_place_column`, or what it gave for a column the same in every
    respect: each slot's size and kind, its neighbours within the column
    (by their place in it), the spacing and the options. The same inputs give
    the same places, so a column an edit left alone is not placed again."""
    local = {i: (k, j) for k, row in enumerate(rows) for j, i in enumerate(row)}
    key = (box_gap, pass_gap, integer, sweeps, slack,
           tuple(tuple((size[i], is_box[i], tuple(local[q] for q in near[i] if q in local))
                       for i in row) for row in rows))
    found = _PLACED.get(key)
    if found is None:
        extent = _place_column(rows, near, size, is_box, pos, box_gap, pass_gap, integer,
                               sweeps, slack)
        if len(_PLACED) >= _PLACED_MOST:
            _PLACED.clear()
        _PLACED[key] = (extent, tuple(tuple(pos[i] for i in row) for row in rows))
        return extent
    extent, places = found
    for row, xs in zip(rows, places):
        for i, x in zip(row, xs):
            pos[i] = x
    return extent


def _place_column(rows: list[list[int]], near: list[list[int]], size: list[float],
                  is_box: list[bool], pos: list[float], box_gap: float, pass_gap: float,
                  integer: bool, sweeps: int, slack: float | None = None) -> float:
    """Place one column's slots (numbers in `rows`, per layer) from x = 0;
    returns the column's width."""
    rows = [row for row in rows if row]
    if not rows:
        return 0.0
    # Fixed per row: each slot's least offset from the row's first slot.
    offsets: list[list[float]] = []
    for row in rows:
        offset, these = 0.0, []
        for k, i in enumerate(row):
            these.append(offset)
            pos[i] = offset
            if k + 1 < len(row):
                offset += size[i] + (box_gap if is_box[i] and is_box[row[k + 1]] else pass_gap)
        offsets.append(these)
    # With a bound on the width, each row's shift from its packed place lies
    # in [0, room]; clipping the isotonic fit to that range is still the best
    # fit under the bound, since the range is the same for the whole row.
    rooms: list[float | None] = [None] * len(rows)
    if slack is not None:
        packed = [offs[-1] + size[row[-1]] for row, offs in zip(rows, offsets)]
        widest = max(packed) + slack
        rooms = [widest - p for p in packed]
    # How strongly each slot is pulled to its neighbours: a pass-through point
    # more, so that long edges run straight.
    weight = [0.0] * len(size)
    for row in rows:
        for i in row:
            weight[i] = len(near[i]) * (1.0 if is_box[i] else 4.0) if near[i] else 0.05
    for sweep in range(sweeps):
        moved = 0.0
        for k in range(len(rows)) if sweep % 2 == 0 else range(len(rows) - 1, -1, -1):
            row, offs = rows[k], offsets[k]
            targets = []
            for i, off in zip(row, offs):
                ns = near[i]
                if ns:
                    centre = sum(pos[q] + size[q] / 2 for q in ns) / len(ns)
                    targets.append(centre - size[i] / 2 - off)
                else:
                    targets.append(pos[i] - off)
            fitted = _isotonic(targets, [weight[i] for i in row])
            room = rooms[k]
            if room is not None:
                fitted = [min(max(y, 0.0), room) for y in fitted]
            for i, y, off in zip(row, fitted, offs):
                x = (round(y) if integer else y) + off
                moved = max(moved, abs(x - pos[i]))
                pos[i] = x
        if moved < 0.5:
            break  # settled: another sweep would move nothing
    lowest = min(pos[i] for row in rows for i in row)
    extent = 0.0
    for row in rows:
        for i in row:
            pos[i] -= lowest
            extent = max(extent, pos[i] + size[i])
    return extent


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
