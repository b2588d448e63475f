"""A drawing of the map (patterns.layout) as terminal cells, indexed by row.

The engine decided every box, route and label in units; here a unit is a
cell. The routes become the cells they pass through, each with the
directions it connects (so a renderer picks ┬, ╰, ┼...), filed by row, so a
line of the screen is drawn from its own short lists: a wide map costs no
more per line than a narrow one.
"""

from __future__ import annotations

from dataclasses import dataclass

from patterns.layout.drawing import Box, Drawing
from patterns.layout.labels import EdgeLabel
from patterns.layout.model import LayoutEdge

__all__ = ["DOWN", "LEFT", "RIGHT", "UP", "Picture"]

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8
#: Rows per block of the vertical runs' index.
VBLOCK = 8
_TOWARD = {(0, -1): UP, (0, 1): DOWN, (-1, 0): LEFT, (1, 0): RIGHT}
#: The direction from a port into its box, by the side it is on.
_INTO = {"top": DOWN, "bottom": UP, "left": RIGHT, "right": LEFT}


def _direction(ax: int, ay: int, bx: int, by: int) -> int:
    return _TOWARD[((bx > ax) - (bx < ax), (by > ay) - (by < ay))]


@dataclass
class Picture:
    """Everything drawn, in cells; rows index what lies on each line."""

    drawing: Drawing
    width: int
    height: int
    margin: int
    boxes: list[Box]
    edges: tuple[LayoutEdge, ...]
    #: per row: x -> [mask, edge, edge...] of the cells where a line turns or ends
    cells: list[dict[int, list[int]]]
    #: per row: (x1, x2, edge) of horizontal runs between corners
    hlines: list[list[tuple[int, int, int]]]
    #: per block of VBLOCK rows: (x, first row, last row, edge) of the vertical
    #: runs crossing it (one tuple per run, in each block it crosses: a run
    #: thousands of rows long on a large map is not kept once per row)
    vblocks: list[list[tuple[int, int, int, int]]]
    #: per row: x -> (edge, arriving, side) of the ports on box borders
    ports: list[dict[int, tuple[int, bool, str]]]
    #: per row: x -> (edge, direction) of an arrow just outside a one-line box
    arrows: list[dict[int, tuple[int, str]]]
    labels: list[EdgeLabel]
    box_rows: list[list[int]]
    label_rows: list[list[int]]
    band_words: list[tuple[int, str]]
    headers: list[tuple[int, int, str | None]]
    by_id: dict[str, Box]

    @classmethod
    def of(cls, drawing: Drawing) -> Picture:
        """The drawing as rows of cells."""
        h = max(drawing.height, 1)
        cells: list[dict[int, list[int]]] = [{} for _ in range(h)]
        hlines: list[list[tuple[int, int, int]]] = [[] for _ in range(h)]
        vblocks: list[list[tuple[int, int, int, int]]] = [[] for _ in range(h // VBLOCK + 1)]
        ports: list[dict[int, tuple[int, bool, str]]] = [{} for _ in range(h)]
        arrows: list[dict[int, tuple[int, str]]] = [{} for _ in range(h)]

        def mark(x: int, y: int, mask: int, e: int) -> None:
            cell = cells[y].get(x)
            if cell is None:
                cells[y][x] = [mask, e]
            else:
                cell[0] |= mask
                if e not in cell[1:]:
                    cell.append(e)

        flat = drawing.look.flat
        for route in drawing.routes:
            e = route.edge
            pts = route.points
            first, last = pts[0], pts[-1]
            if len(pts) == 1:  # a one-line box straight above another: just the arrow
                arrows[last[1]][last[0]] = (e, route.end)
                continue
            # corners and ends
            for k, (x, y) in enumerate(pts):
                mask = 0
                if k:
                    mask |= _direction(x, y, *pts[k - 1])
                if k + 1 < len(pts):
                    mask |= _direction(x, y, *pts[k + 1])
                if k == 0:
                    if flat:
                        mark(x, y, mask | _INTO[route.start], e)
                    else:
                        ports[y][x] = (e, False, route.start)
                elif k == len(pts) - 1:
                    if flat:
                        arrows[y][x] = (e, route.end)
                    else:
                        ports[y][x] = (e, True, route.end)
                else:
                    mark(x, y, mask, e)
            # runs between them
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if ay == by:
                    lo, hi = min(ax, bx) + 1, max(ax, bx) - 1
                    if lo <= hi:
                        hlines[ay].append((lo, hi, e))
                elif abs(by - ay) > 1:
                    run = (ax, min(ay, by) + 1, max(ay, by) - 1, e)
                    for b in range(run[1] // VBLOCK, run[2] // VBLOCK + 1):
                        vblocks[b].append(run)
        box_rows: list[list[int]] = [[] for _ in range(h)]
        for i, box in enumerate(drawing.boxes):
            for y in range(box.y, min(box.y + box.h, h)):
                box_rows[y].append(i)
        label_rows: list[list[int]] = [[] for _ in range(h)]
        for i, label in enumerate(drawing.labels):
            label_rows[label.y].append(i)
        return cls(drawing, drawing.width, h, drawing.gutter, drawing.boxes, drawing.edges,
                   cells, hlines, vblocks, ports, arrows, drawing.labels, box_rows, label_rows,
                   drawing.band_words, drawing.headers, drawing.by_id)

    def vertical_at(self, y: int, start: int = 0, end: int | None = None) -> dict[int, list[int]]:
        """x -> edges of the vertical runs crossing row y (within start..end-1)."""
        end = self.width if end is None else end
        found: dict[int, list[int]] = {}
        if not 0 <= y < self.height:
            return found
        for x, top, bottom, e in self.vblocks[y // VBLOCK]:
            if top <= y <= bottom and start <= x < end:
                found.setdefault(x, []).append(e)
        return found

    def line_cells(self, y: int) -> dict[int, list[int]]:
        """Every line cell of row y but the horizontal runs: x -> [mask, edges...]."""
        row = {x: list(cell) for x, cell in self.cells[y].items()}
        for x, edges in self.vertical_at(y).items():
            cell = row.setdefault(x, [0])
            cell[0] |= UP | DOWN
            cell.extend(e for e in edges if e not in cell[1:])
        return row
