"""The map picture in terminal cells: boxes, lines and labels, computed once
per layout (and per box width); drawing a line of it is then cheap.

Plain Python, no Textual: a worker thread can build it, and tests can check
that no two boxes meet and no label text is lost. Geometry:

* a layer is a row of boxes; between two layers runs a channel whose rows
  carry the horizontal parts of edges, one track per edge piece;
* an edge leaves its box through a port on the border facing where it goes
  (┬ below, ┴ above) and arrives through one (▼ from above, ▲ from below);
* an edge that skips layers passes through them in a slot of its own, so no
  line ever runs through a box;
* the link kind is written on the edge where there is room, never over
  another line, box or label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from patterns.layout import MapLayout
from patterns.layout.model import LayoutEdge
from patterns.layout.place import Placement, place_columns
from patterns.vocabulary import NodeKind
from tui.widgets.map_boxes import (
    KIND_TAGS,
    LOOP_MARK,
    NEW_MARK,
    BoxText,
    box_lines,
    box_texts,
    grow_into_room,
)
from tui.widgets.map_labels import Label, RowContents, place_labels
from tui.widgets.map_ports import assign_ports, assign_tracks
from tui.widgets.map_text import Cluster

__all__ = ["KIND_TAGS", "LOOP_MARK", "NEW_MARK", "Box", "Picture", "box_lines", "build_picture",
           "fitting_box_width"]

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8

# Two cells between boxes; a line passing a box, and the lane of a dance,
# keep one.
BOX_GAP, PASS_GAP, COLUMN_GAP, RIGHT_PAD = 2, 1, 1, 0
HEADER_ROWS = 2
# A column is at most this much wider than its widest layer packed tight:
# edges run a little less straight, and far more of the map fits a screen.
SLACK = 0


@dataclass(slots=True)
class Box:
    """A node's box: where it is and what it says."""

    node_id: str
    kind: NodeKind
    x: int
    y: int
    w: int
    h: int
    lines: list[list[Cluster]]
    tag: str
    on_loop: bool
    #: x -> (edge index, True for an arrow arriving) on the top and bottom border
    top: dict[int, tuple[int, bool]] = field(default_factory=dict)
    bottom: dict[int, tuple[int, bool]] = field(default_factory=dict)

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the box, in cells."""
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: int, y: int) -> bool:
        """Whether the cell (x, y) is part of the box."""
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass
class Picture:
    """Everything drawn, in cells; rows index what lies on each line."""

    width: int
    height: int
    margin: int
    boxes: list[Box]
    edges: tuple[LayoutEdge, ...]
    #: per row: x -> [mask, edge, edge...] of the corners where a line turns
    cells: list[dict[int, list[int]]]
    #: per row: (x1, x2, edge) of horizontal runs between corners
    hlines: list[list[tuple[int, int, int]]]
    #: (x, y1, y2, edge) of vertical runs, and per row the (x, edge) of the
    #: runs crossing it (a row is drawn, and labels placed, from its own list)
    vruns: list[tuple[int, int, int, int]]
    vrows: list[list[tuple[int, int]]]
    labels: list[Label]
    #: per row: indexes of the boxes and labels on it
    box_rows: list[list[int]]
    label_rows: list[list[int]]
    #: (y, word) of the band headings, and (x, y, person id) of column headings
    band_words: list[tuple[int, str]]
    headers: list[tuple[int, int, str | None]]
    by_id: dict[str, Box]

    def vertical_at(self, y: int, start: int = 0, end: int | None = None) -> dict[int, list[int]]:
        """x -> edges of the vertical runs crossing row y (within start..end-1)."""
        end = self.width if end is None else end
        found: dict[int, list[int]] = {}
        for x, e in self.vrows[y]:
            if start <= x < end:
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


MIN_BOX, MAX_BOX, WIDE_MAP_BOX = 14, 28, 20
#: Lines of label a box shows when the picture is fitted to a screen; the
#: whole label is in the details (and in a picture drawn with None).
FIT_LINES = 3


def _margin(layout: MapLayout) -> int:
    """Cells at the left for the band headings: the longest word, a space
    before it and one after."""
    words = [w for b in layout.bands for w in b.words]
    return max((len(w) for w in words), default=0) + 2


def _placement(layout: MapLayout, texts: dict[str, BoxText]) -> Placement:
    return place_columns(
        layout, width=lambda s: texts[s.node].width if s.node is not None else 1,
        box_gap=BOX_GAP, pass_gap=PASS_GAP, column_gap=COLUMN_GAP, integer=True, slack=SLACK,
    )


def fitting_box_width(layout: MapLayout, view_width: int,
                      most_lines: int | None = FIT_LINES) -> int:
    """The widest box (14 to 28 cells) with which the whole picture fits the
    view's width; a map too wide for that gets 20-cell boxes and scrolls."""
    margin = _margin(layout)

    def fits(w: int) -> bool:
        return margin + _placement(layout, box_texts(layout, w, most_lines)).width + RIGHT_PAD \
            <= view_width

    if not layout.nodes or fits(MAX_BOX):
        return MAX_BOX
    if not fits(MIN_BOX):
        return WIDE_MAP_BOX
    lo, hi = MIN_BOX, MAX_BOX  # fits(lo) and not fits(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def build_picture(layout: MapLayout, box_width: int,
                  most_lines: int | None = FIT_LINES) -> Picture:
    """Lay the layout out in cells with boxes at most `box_width` wide (each
    as narrow as its label allows) and labels cut with … after `most_lines`
    lines (None: every label whole, however tall its box)."""
    margin = _margin(layout)
    texts = box_texts(layout, box_width, most_lines)
    # Where a layer leaves room in its column, its boxes widen into it (the
    # column keeps its width) when that shows more of a label or fewer lines.
    grow_into_room(layout, texts, most_lines, box_gap=BOX_GAP, pass_gap=PASS_GAP)
    placement = _placement(layout, texts)
    # Box contents first: they decide each layer's height.
    contents = {nid: t.lines for nid, t in texts.items()}
    heights = [
        max((len(contents[s.node]) + 2 for s in layer if s.node is not None), default=3)
        for layer in layout.layers
    ]
    xs = [[margin + int(x) for x in row] for row in placement.left]
    ws = [[texts[s.node].width if s.node is not None else 1 for s in layer]
          for layer in layout.layers]

    climbs = _climbs(layout, xs, ws)
    # Connections: one per edge piece between adjacent layers; a step of a
    # dance that climbs past its target comes down onto it from above, in
    # the channel over the target's layer, instead of joining it from below.
    conns: list[list[tuple[int, int, int]]] = [[] for _ in layout.layers]  # (upper, lower, edge)
    over: dict[int, list[tuple[int, int, int]]] = {}  # channel -> (target order, climb x, edge)
    for e, edge in enumerate(layout.edges):
        a, b = layout.nodes[edge.source], layout.nodes[edge.target]
        chain = [(a.layer, a.order), *edge.via, (b.layer, b.order)]
        if a.layer > b.layer:
            chain.reverse()
        if e in climbs:
            over.setdefault(b.layer - 1, []).append((b.order, climbs[e], e))
            chain = chain[1:]
        for (l1, o1), (_, o2) in zip(chain, chain[1:]):
            conns[l1].append((o1, o2, e))
    tags = {nid: t.tag for nid, t in texts.items()}
    # The tag is drawn `╭─ tag ─`: it takes its length and three cells.
    ports, climb_ports = assign_ports(layout, xs, ws, conns,
                                      {nid: len(t) + 3 for nid, t in tags.items()}, over)

    # Tracks per channel (-1: above the first layer), then rows.
    tracks: dict[int, dict[tuple[str, int], int]] = {}
    for li in range(-1, len(conns)):
        keys: list[tuple[str, int]] = []
        pieces: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        for ci, (x1, x2) in enumerate(ports[li] if li >= 0 else ()):
            if x1 != x2:
                keys.append(("jog", ci))
                pieces.append(((x1,), (x2,)))
        for _, x_climb, e in over.get(li, ()):
            keys.append(("climb", e))
            pieces.append(((), (x_climb, climb_ports[e])))
        found = assign_tracks(pieces)
        tracks[li] = {key: found[i] for i, key in enumerate(keys)}
    ys: list[int] = []
    named = any(c.person for c in layout.columns)
    # The lines closing a loop over the top may run just under the names
    # (the row a scrolled view gives to its dotted rule): boxes stay below.
    top_channel = HEADER_ROWS - 1 if named and tracks[-1] else HEADER_ROWS if named else 0
    y = max(top_channel + max(tracks[-1].values(), default=-1) + 1,
            HEADER_ROWS if named else 0)
    for li, h in enumerate(heights):
        ys.append(y)
        below = max(tracks[li].values(), default=-1) + 1
        y += h + (max(1, below) if li + 1 < len(heights) else below)
    band_words = _band_words(layout, ys)
    height = max(y, max((row + 1 for row, _ in band_words), default=0))
    width = margin + int(placement.width) + RIGHT_PAD

    boxes: list[Box] = []
    by_id: dict[str, Box] = {}
    for li, layer in enumerate(layout.layers):
        for o, slot in enumerate(layer):
            if slot.node is None:
                continue
            placed = layout.nodes[slot.node]
            lines = contents[slot.node]
            box = Box(slot.node, placed.node.kind, xs[li][o], ys[li], ws[li][o], len(lines) + 2,
                      lines, tags[slot.node], placed.on_loop)
            boxes.append(box)
            by_id[slot.node] = box

    cells: list[dict[int, list[int]]] = [{} for _ in range(height)]
    hlines: list[list[tuple[int, int, int]]] = [[] for _ in range(height)]
    vertical: list[list[tuple[int, int, int]]] = [[] for _ in layout.edges]
    horizontal: list[list[tuple[int, int, int]]] = [[] for _ in layout.edges]

    def mark(x: int, yy: int, mask: int, e: int) -> None:
        cell = cells[yy].get(x)
        if cell is None:
            cells[yy][x] = [mask, e]
        else:
            cell[0] |= mask
            if e not in cell[1:]:
                cell.append(e)

    vruns: list[tuple[int, int, int, int]] = []

    def run_down(x: int, y1: int, y2: int, e: int) -> None:
        """A vertical line from row y1 to y2 (inclusive)."""
        if y2 >= y1:
            vruns.append((x, y1, y2, e))
            vertical[e].append((x, y1, y2))

    # Pass-through slots: a straight line down the whole layer.
    for li, layer in enumerate(layout.layers):
        for o, slot in enumerate(layer):
            if slot.edge is not None:
                run_down(xs[li][o], ys[li], ys[li] + heights[li] - 1, slot.edge)
    for li, channel in enumerate(conns):
        top_y = ys[li] + heights[li]
        bottom_y = ys[li + 1] if li + 1 < len(ys) else height
        for ci, (o1, o2, e) in enumerate(channel):
            x1, x2 = ports[li][ci]
            upper, lower = layout.layers[li][o1], layout.layers[li + 1][o2]
            edge = layout.edges[e]
            start = top_y
            if upper.node is not None:
                box = by_id[upper.node]
                box.bottom[x1] = (e, edge.upward)
                start = box.y + box.h
            if lower.node is not None:
                by_id[lower.node].top[x2] = (e, not edge.upward)
            end = bottom_y - 1
            if x1 == x2:
                run_down(x1, start, end, e)
                continue
            ty = top_y + tracks[li][("jog", ci)]
            run_down(x1, start, ty - 1, e)
            toward = RIGHT if x2 > x1 else LEFT
            back = LEFT if toward == RIGHT else RIGHT
            mark(x1, ty, UP | toward, e)
            lo, hi = min(x1, x2) + 1, max(x1, x2) - 1
            if lo <= hi:
                hlines[ty].append((lo, hi, e))
                horizontal[e].append((lo, hi, ty))
            mark(x2, ty, DOWN | back, e)
            run_down(x2, ty + 1, end, e)

    for li, climbing in over.items():
        top_y = ys[li] + heights[li] if li >= 0 else top_channel
        for o2, x_climb, e in climbing:
            target = by_id[layout.layers[li + 1][o2].node]  # type: ignore[index]
            x2 = climb_ports[e]
            target.top[x2] = (e, True)
            ty = top_y + tracks[li][("climb", e)]
            # Up past the target's layer from the lane, over, and down onto it.
            run_down(x_climb, ty + 1, ys[li + 2] - 1, e)
            toward = RIGHT if x2 > x_climb else LEFT
            mark(x_climb, ty, DOWN | toward, e)
            lo, hi = min(x_climb, x2) + 1, max(x_climb, x2) - 1
            if lo <= hi:
                hlines[ty].append((lo, hi, e))
                horizontal[e].append((lo, hi, ty))
            mark(x2, ty, DOWN | (LEFT if toward == RIGHT else RIGHT), e)
            run_down(x2, ty + 1, target.y - 1, e)

    vrows: list[list[tuple[int, int]]] = [[] for _ in range(height)]
    for x, y1, y2, e in vruns:
        at = (x, e)
        for yy in range(y1, y2 + 1):
            vrows[yy].append(at)
    box_rows: list[list[int]] = [[] for _ in range(height)]
    for i, box in enumerate(boxes):
        for yy in range(box.y, box.y + box.h):
            box_rows[yy].append(i)
    rows = RowContents(width, margin, boxes, box_rows, cells, hlines, vrows)
    labels = place_labels(layout, rows, vertical, horizontal)
    label_rows: list[list[int]] = [[] for _ in range(height)]
    for i, label in enumerate(labels):
        label_rows[label.y].append(i)

    headers = []
    if HEADER_ROWS and any(c.person for c in layout.columns):
        for c, column in enumerate(layout.columns):
            x0, w = placement.columns[c]
            if column.person is not None and w > 0:
                headers.append((margin + int(x0), int(w), column.person))
    return Picture(width, height, margin, boxes, layout.edges, cells, hlines, vruns, vrows,
                   labels, box_rows,
                   label_rows, band_words, headers, by_id)


def _band_words(layout: MapLayout, ys: list[int]) -> list[tuple[int, str]]:
    """(row, word) of the band headings: each band's words one under another
    from its first layer's first line of text, never onto the next band's."""
    out: list[tuple[int, str]] = []
    row = 0
    for band in layout.bands:
        if not band.words:
            continue
        row = max(row, ys[band.first] + 1)
        for word in band.words:
            out.append((row, word))
            row += 1
    return out


def _climbs(layout: MapLayout, xs: list[list[int]], ws: list[list[int]]) -> dict[int, int]:
    """The steps of a dance that can come down onto their target from above:
    edges running back up through the lane between two people, whose line
    can climb on past the target's layer there (nothing else in that layer
    at its x). The loop then visibly closes over the top, as the pattern
    starts again; and its line crosses none of the target's own edges below.
    Each with the x where it climbs."""
    found: dict[int, int] = {}
    for e, edge in enumerate(layout.edges):
        if not (edge.upward and edge.via):
            continue
        lv, ov = edge.via[-1]
        if not layout.columns[layout.layers[lv][ov].column].lane:
            continue
        x = xs[lv][ov]
        lt = layout.nodes[edge.target].layer
        clash = any(xs[lt][o] <= x < xs[lt][o] + ws[lt][o] for o in range(len(layout.layers[lt])))
        if not clash:
            found[e] = x
    return found
