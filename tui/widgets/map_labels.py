"""Where the link kinds are written on the map picture.

Each edge's kind goes on its own horizontal stretch when that is long
enough and crossed by nothing, else beside one of its vertical runs, nearest
the middle; never over a box, a line, another label or the band headings.
The steps that close a loop get room first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from patterns.layout.model import LayoutEdge, MapLayout
from patterns.vocabulary import LinkKind, default_link_kind, link_phrase

if TYPE_CHECKING:
    from tui.widgets.map_geometry import Box


@dataclass(slots=True)
class Label:
    """The link kind written beside or on an edge."""

    x: int
    y: int
    text: str
    edge: int


def _label_text(edge: LayoutEdge) -> str:
    return " · ".join(link_phrase(k) for k in edge.kinds)


class RowContents:
    """What lies on each row, for placing labels: built a row at a time, only
    for the rows a label is tried on."""

    def __init__(self, width: int, margin: int, boxes: list[Box], box_rows: list[list[int]],
                 cells: list[dict[int, list[int]]], hlines: list[list[tuple[int, int, int]]],
                 vrows: list[list[tuple[int, int]]]) -> None:
        self.width, self.margin = width, margin
        self.boxes, self.box_rows, self.cells, self.hlines = boxes, box_rows, cells, hlines
        self.vrows = vrows
        self._taken: dict[int, bytearray] = {}
        self._crossed: dict[int, list[int]] = {}

    def crossed(self, y: int) -> list[int]:
        """x of the lines that cross or turn on row y, sorted."""
        found = self._crossed.get(y)
        if found is None:
            xs = set(self.cells[y])
            xs.update(x for x, _ in self.vrows[y])
            found = self._crossed[y] = sorted(xs)
        return found

    def taken(self, y: int) -> bytearray:
        """Row y with 1 where something is drawn (the margin counts)."""
        row = self._taken.get(y)
        if row is None:
            row = bytearray(b"\x01" * self.margin + bytes(self.width + 1 - self.margin))
            for i in self.box_rows[y]:
                box = self.boxes[i]
                row[box.x:box.x + box.w] = b"\x01" * box.w
            for x in self.crossed(y):
                row[x] = 1
            for lo, hi, _ in self.hlines[y]:
                row[lo:hi + 1] = b"\x01" * (hi - lo + 1)
            self._taken[y] = row
        return row


def place_labels(layout: MapLayout, rows: RowContents,
                 vertical: list[list[tuple[int, int, int]]],
                 horizontal: list[list[tuple[int, int, int]]]) -> list[Label]:
    """Write each edge's kind where it fits: on its own horizontal stretch,
    else beside one of its vertical runs; never over anything else, and
    never in the margin, which stays on screen for the band headings."""
    order = sorted(range(len(layout.edges)), key=lambda e: (_label_rank(layout, e), e))
    labels: list[Label] = []
    for e in order:
        edge = layout.edges[e]
        text = _label_text(edge)
        n = len(text)
        # A dotted line (masks) stays dotted end to end: its kind goes beside it.
        spot = None if LinkKind.MASKS in edge.kinds else _inline_spot(n, rows, horizontal[e])
        if spot is None:
            spot = _side_spot(n, rows, vertical[e])
        if spot is None:
            continue
        x, yy = spot
        labels.append(Label(x, yy, text, e))
        rows.taken(yy)[x - 1:x + n + 1] = b"\x03" * (n + 2)
    return labels


def _inline_spot(n: int, rows: RowContents,
                 pieces: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """Room on the edge's own horizontal stretch: `n` cells of the label, a
    space and a line cell either side, crossed by no other line."""
    for lo, hi, yy in sorted(pieces, key=lambda p: (p[0] - p[1], p[2], p[0])):
        if hi - lo + 1 < n + 4:
            continue
        row = rows.crossed(yy)
        start = lo
        for stop in [*row[bisect_left(row, lo):bisect_right(row, hi)], hi + 1]:
            if stop - start >= n + 4:
                return (start + 2, yy)
            start = stop + 1
    return None


def _side_spot(n: int, rows: RowContents,
               runs: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """Room beside one of the edge's vertical runs, nearest its middle."""
    spots = [(x, yy) for x, y1, y2 in runs for yy in range(y1, y2 + 1)]
    middle = len(spots) // 2
    for k in sorted(range(len(spots)), key=lambda k: (abs(k - middle), k)):
        x, yy = spots[k]
        row = rows.taken(yy)
        if x + n + 3 <= rows.width and row[x + 1:x + n + 3] == bytes(n + 2):
            return (x + 2, yy)
        if x - n - 2 >= 0 and row[x - n - 2:x] == bytes(n + 2):
            return (x - n - 1, yy)
    return None


def _label_rank(layout: MapLayout, e: int) -> int:
    """Which labels get room first: the steps that close a loop; then the
    kinds the bands do not already say (a surface feeling that masks a core
    one, a move that blocks its need); then the steps of loops; the rest."""
    edge = layout.edges[e]
    if edge.upward and edge.on_loop:
        return 0
    usual = default_link_kind(layout.nodes[edge.source].node.kind,
                              layout.nodes[edge.target].node.kind)
    if any(kind is not usual for kind in edge.kinds):
        return 1
    if edge.on_loop:
        return 2
    return 3
