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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from patterns.layout import MapLayout
from patterns.layout_model import LayoutEdge
from patterns.layout_place import Placement, place_columns
from patterns.vocabulary import NodeKind, link_phrase
from tui.widgets.map_ports import assign_ports
from tui.widgets.map_text import Cluster, line_width, wrap_label

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8

LOOP_MARK = "⟳ "
KIND_TAGS: dict[NodeKind, str] = {
    NodeKind.TRIGGER: "trigger",
    NodeKind.FEELING: "feeling",
    NodeKind.MEANING: "meaning",
    NodeKind.SENSATION: "body",
    NodeKind.STRATEGY: "strategy",
    NodeKind.NEED: "need",
    NodeKind.RESOURCE: "resource",
    NodeKind.RESPONSE: "new way",
    NodeKind.ORIGIN: "origin",
}
BOX_GAP, PASS_GAP, COLUMN_GAP = 4, 2, 4
BLOCK = 16  # rows per block in the index of vertical runs
HEADER_ROWS = 2


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
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(slots=True)
class Label:
    """The link kind written beside or on an edge."""

    x: int
    y: int
    text: str
    edge: int


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
    #: (x, y1, y2, edge) of vertical runs, and for each block of rows the
    #: indexes of the runs that reach into it
    vruns: list[tuple[int, int, int, int]]
    vblocks: list[list[int]]
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
        for i in self.vblocks[y // BLOCK]:
            x, y1, y2, e = self.vruns[i]
            if y1 <= y <= y2 and start <= x < end:
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


@lru_cache(maxsize=4096)
def box_lines(text: str, inner: int, on_loop: bool) -> list[list[Cluster]]:
    """A label wrapped to a box's inside, ⟳ first when the node is on a loop
    (cached: labels rarely change between two redraws; do not mutate)."""
    if on_loop:
        return wrap_label(text, inner, first_prefix=LOOP_MARK, prefix="  ")
    return wrap_label(text, inner)


MIN_BOX, MAX_BOX, WIDE_MAP_BOX = 16, 28, 20


def _margin(layout: MapLayout) -> int:
    words = [w for b in layout.bands for w in b.words]
    return max((len(w) for w in words), default=0) + 3


def _placement(layout: MapLayout, box_width: int) -> Placement:
    return place_columns(
        layout, width=lambda s: box_width if s.node is not None else 1,
        box_gap=BOX_GAP, pass_gap=PASS_GAP, column_gap=COLUMN_GAP, integer=True,
    )


def fitting_box_width(layout: MapLayout, view_width: int) -> int:
    """The widest box (16 to 28 cells) with which the whole picture fits the
    view's width; a map too wide for that gets 20-cell boxes and scrolls."""
    margin = _margin(layout)

    def fits(w: int) -> bool:
        return margin + _placement(layout, w).width + 2 <= view_width

    if not layout.nodes or fits(MAX_BOX):
        return MAX_BOX
    if not fits(MIN_BOX):
        return WIDE_MAP_BOX
    lo, hi = MIN_BOX, MAX_BOX  # fits(lo) and not fits(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def build_picture(layout: MapLayout, box_width: int) -> Picture:
    """Lay the layout out in cells with boxes `box_width` wide."""
    inner = box_width - 4
    margin = _margin(layout)
    placement = _placement(layout, box_width)
    # Box contents first: they decide each layer's height.
    contents: dict[str, list[list[Cluster]]] = {}
    for nid, placed in layout.nodes.items():
        contents[nid] = box_lines(placed.node.label, inner, placed.on_loop)
    heights = [
        max((len(contents[s.node]) + 2 for s in layer if s.node is not None), default=3)
        for layer in layout.layers
    ]
    xs = [[margin + int(x) for x in row] for row in placement.left]

    # Connections: one per edge piece between adjacent layers.
    conns: list[list[tuple[int, int, int]]] = [[] for _ in layout.layers]  # (upper, lower, edge)
    for e, edge in enumerate(layout.edges):
        a, b = layout.nodes[edge.source], layout.nodes[edge.target]
        chain = [(a.layer, a.order), *edge.via, (b.layer, b.order)]
        if a.layer > b.layer:
            chain.reverse()
        for (l1, o1), (_, o2) in zip(chain, chain[1:]):
            conns[l1].append((o1, o2, e))
    tags = {nid: _tag(placed.node, box_width) for nid, placed in layout.nodes.items()}
    # The tag is drawn `╭─ tag ─`: it takes its length and three cells.
    ports = assign_ports(layout, xs, box_width, conns,
                         {nid: len(t) + 3 for nid, t in tags.items()})

    # Tracks per channel, then rows.
    tracks: list[dict[int, int]] = []
    for li, channel in enumerate(conns):
        tracks.append(_assign_tracks(channel, ports[li]))
    ys: list[int] = []
    y = HEADER_ROWS if any(c.person for c in layout.columns) else 0
    for li, h in enumerate(heights):
        ys.append(y)
        y += h + max(1, max(tracks[li].values(), default=-1) + 1)
    height = y
    width = margin + int(placement.width) + 2

    boxes: list[Box] = []
    by_id: dict[str, Box] = {}
    for li, layer in enumerate(layout.layers):
        for o, slot in enumerate(layer):
            if slot.node is None:
                continue
            placed = layout.nodes[slot.node]
            lines = contents[slot.node]
            box = Box(slot.node, placed.node.kind, xs[li][o], ys[li], box_width, len(lines) + 2,
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
            ty = top_y + tracks[li][ci]
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

    vblocks: list[list[int]] = [[] for _ in range(height // BLOCK + 1)]
    for i, (_, y1, y2, _) in enumerate(vruns):
        for block in range(y1 // BLOCK, y2 // BLOCK + 1):
            vblocks[block].append(i)
    box_rows: list[list[int]] = [[] for _ in range(height)]
    for i, box in enumerate(boxes):
        for yy in range(box.y, box.y + box.h):
            box_rows[yy].append(i)
    rows = _Rows(width, margin, boxes, box_rows, cells, hlines, vruns, vblocks)
    labels = _place_labels(layout, rows, vertical, horizontal)
    label_rows: list[list[int]] = [[] for _ in range(height)]
    for i, label in enumerate(labels):
        label_rows[label.y].append(i)

    band_words = []
    for band in layout.bands:
        for k, word in enumerate(band.words):
            band_words.append((ys[band.first] + 1 + k, word))
    headers = []
    if HEADER_ROWS and any(c.person for c in layout.columns):
        for c, column in enumerate(layout.columns):
            x0, w = placement.columns[c]
            if column.person is not None and w > 0:
                headers.append((margin + int(x0), int(w), column.person))
    return Picture(width, height, margin, boxes, layout.edges, cells, hlines, vruns, vblocks,
                   labels, box_rows,
                   label_rows, band_words, headers, by_id)


def _tag(node, box_width: int) -> str:  # type: ignore[no-untyped-def]
    """The kind written on the top border (with layer or style when the box
    is wide enough to leave half its border for arrows)."""
    tag = KIND_TAGS[node.kind]
    detail = node.layer or node.style
    if detail and len(tag) + len(detail) + 3 <= box_width // 2:
        return f"{tag} · {detail}"
    return tag


def _assign_tracks(channel: list[tuple[int, int, int]], ports: list[tuple[int, int]]) -> dict[int, int]:
    """A track (row of the channel) for each connection that jogs sideways:
    horizontal pieces on one track never touch, and a line leaving the top
    at x lies above any line that arrives at the bottom at the same x."""
    jogs = [ci for ci in range(len(channel)) if ports[ci][0] != ports[ci][1]]
    tops = {}
    for ci in jogs:
        tops.setdefault(ports[ci][0], []).append(ci)
    before: dict[int, set[int]] = {ci: set() for ci in jogs}
    for ci in jogs:
        for other in tops.get(ports[ci][1], ()):
            if other != ci:
                before[ci].add(other)
    track: dict[int, int] = {}
    left = sorted(jogs, key=lambda ci: (min(ports[ci]), max(ports[ci]), ci))
    t = 0
    while left:
        ready = [ci for ci in left if before[ci] <= track.keys()]
        if not ready:
            ready = left  # a cycle of constraints: rare, let lines meet
        placed_end = None
        taken = []
        for ci in ready:
            lo, hi = min(ports[ci]), max(ports[ci])
            if placed_end is None or lo > placed_end + 1:
                taken.append(ci)
                placed_end = hi
        for ci in taken:
            track[ci] = t
        left = [ci for ci in left if ci not in track]
        t += 1
    return track


def _label_text(edge: LayoutEdge) -> str:
    return " · ".join(link_phrase(k) for k in edge.kinds)


class _Rows:
    """What lies on each row, for placing labels: built a row at a time, only
    for the rows a label is tried on."""

    def __init__(self, width, margin, boxes, box_rows, cells, hlines, vruns, vblocks):  # type: ignore[no-untyped-def]
        self.width, self.margin = width, margin
        self.boxes, self.box_rows, self.cells, self.hlines = boxes, box_rows, cells, hlines
        self.vruns, self.vblocks = vruns, vblocks
        self._taken: dict[int, bytearray] = {}
        self._crossed: dict[int, list[int]] = {}

    def crossed(self, y: int) -> list[int]:
        """x of the lines that cross or turn on row y, sorted."""
        found = self._crossed.get(y)
        if found is None:
            xs = set(self.cells[y])
            for i in self.vblocks[y // BLOCK]:
                x, y1, y2, _ = self.vruns[i]
                if y1 <= y <= y2:
                    xs.add(x)
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


def _place_labels(layout, rows, vertical, horizontal):  # type: ignore[no-untyped-def]
    """Write each edge's kind where it fits: on its own horizontal stretch,
    else beside one of its vertical runs; never over anything else, and
    never in the margin, which stays on screen for the band headings."""
    order = sorted(range(len(layout.edges)), key=lambda e: (_label_rank(layout.edges[e]), e))
    labels: list[Label] = []
    for e in order:
        text = _label_text(layout.edges[e])
        n = len(text)
        spot = _inline_spot(n, rows, horizontal[e])
        if spot is None:
            spot = _side_spot(n, rows, vertical[e])
        if spot is None:
            continue
        x, yy = spot
        labels.append(Label(x, yy, text, e))
        rows.taken(yy)[x - 1:x + n + 1] = b"\x03" * (n + 2)
    return labels


def _inline_spot(n, rows, pieces):  # type: ignore[no-untyped-def]
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


def _side_spot(n, rows, runs):  # type: ignore[no-untyped-def]
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


def _label_rank(edge: LayoutEdge) -> int:
    """Which labels get room first: the loop-closing steps, then the rest."""
    if edge.upward and edge.on_loop:
        return 0
    if edge.on_loop:
        return 1
    return 2
