"""Page 1's drawing: boxes, arrows, link kinds and loops, as vectors.

Draws a `MapGeometry` (exports.pdf_map_place) onto a reportlab canvas at a
scale and through a window (a whole map, or one tile of a large one). Boxes
are rounded and tinted by kind; each link kind has its own line (dashed for
`masks`, a bar for `blocks`, dotted for `replaces` and `soothes`...), named
in the key; loops the map names are drawn heavy in their own colour, their
boxes marked ⟳ and the name written beside them. Link kinds are written
where there is room, loop links and the kinds a reader would not guess
first.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from exports.pdf_fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, text_width
from exports.pdf_map_place import (
    HEADING_SIZE,
    LABEL_SIZE,
    LINE_HEIGHT,
    LINK_SIZE,
    PAD_Y,
    Box,
    MapGeometry,
    Route,
)
from exports.pdf_style import INK, KIND_COLOURS, QUIET, RULE
from exports.pdf_text import clean, visual
from patterns.vocabulary import LinkKind, NodeKind, default_link_kind, link_phrase

_GREY = colors.HexColor("#5E6670")
_BLOCK = colors.HexColor("#9B2C2C")


@dataclass(frozen=True)
class LinkStyle:
    """How one link kind is drawn: colour, width, dashes and the end it has."""

    colour: colors.Color
    width: float
    dash: tuple[float, ...] = ()
    end: str = "arrow"  # or "bar"


LINK_STYLES: dict[LinkKind, LinkStyle] = {
    LinkKind.ACTIVATES: LinkStyle(_GREY, 0.9),
    LinkKind.LEADS_TO: LinkStyle(_GREY, 0.9),
    LinkKind.LONGS_FOR: LinkStyle(KIND_COLOURS[NodeKind.NEED][1], 0.9, (5, 2)),
    LinkKind.MASKS: LinkStyle(_GREY, 0.9, (3, 2)),
    LinkKind.BLOCKS: LinkStyle(_BLOCK, 1.1, (), "bar"),
    LinkKind.PROVOKES: LinkStyle(colors.HexColor("#30353C"), 1.4),
    LinkKind.REPLACES: LinkStyle(colors.HexColor("#1C7689"), 1.0, (1, 2)),
    LinkKind.MEETS: LinkStyle(colors.HexColor("#217A64"), 0.9),
    LinkKind.SOOTHES: LinkStyle(colors.HexColor("#56832B"), 1.0, (1, 2)),
    LinkKind.SHAPES: LinkStyle(colors.HexColor("#75624F"), 0.8, (4, 3)),
}


@dataclass(frozen=True)
class LoopMark:
    """A loop drawn so it stands out: its name, colour and steps."""

    name: str
    colour: colors.Color
    nodes: tuple[str, ...]

    def links(self) -> set[tuple[str, str]]:
        """Its steps as (source, target) pairs, the last back to the first."""
        return {(a, b) for a, b in zip(self.nodes, self.nodes[1:] + self.nodes[:1])}


def link_style(kinds: tuple[LinkKind, ...]) -> LinkStyle:
    """The style of an edge carrying `kinds`: `blocks` wins (it matters most)."""
    return LINK_STYLES[LinkKind.BLOCKS if LinkKind.BLOCKS in kinds else kinds[0]]


class MapPainter:
    """Draws a geometry onto a canvas; y is flipped (the geometry is y-down)."""

    def __init__(self, c: Canvas, geo: MapGeometry, loops: list[LoopMark], *,
                 text: bool = True, marked: set[str] | None = None,
                 names: dict[str, str] | None = None) -> None:
        self.c = c
        self.geo = geo
        self.loops = loops
        self.text = text
        self.marked = marked or set()
        self.names = names or {}
        self.loop_of_link: dict[tuple[str, str], LoopMark] = {}
        self.loop_of_node: dict[str, LoopMark] = {}
        for loop in reversed(loops):  # the first loop wins where two share a step
            for pair in loop.links():
                self.loop_of_link[pair] = loop
            for node_id in loop.nodes:
                self.loop_of_node[node_id] = loop
        self.taken = _Taken()

    def draw(self) -> None:
        """Everything, bottom layer first: bands, edges, boxes, labels."""
        self._bands()
        plain = [r for r in self.geo.routes if (r.source, r.target) not in self.loop_of_link]
        looped = [r for r in self.geo.routes if (r.source, r.target) in self.loop_of_link]
        for route in plain + looped:
            self._edge(route)
        for box in self.geo.boxes.values():
            self._box(box)
        if self.text:
            self._labels()
            for b in self.geo.boxes.values():
                self.taken.add(b.x - 2, b.y - 2, b.w + 4, b.h + 4)
            for route in sorted(self.geo.routes, key=self._label_priority):
                self._edge_label(route)
            for loop in self.loops:
                self._loop_name(loop)

    # -- bands and columns ----------------------------------------------------

    def _bands(self) -> None:
        c = self.c
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for i, (words, top, bottom) in enumerate(self.geo.bands):
            if i:
                c.line(4, -top, self.geo.width - 4, -top)
            if self.text:
                c.setFillColor(QUIET)
                c.setFont(CONDENSED_BOLD, HEADING_SIZE)
                for j, word in enumerate(words):
                    c.drawString(4, -(top + 6 + HEADING_SIZE * (1 + j * 1.25)), word)
        if self.text:
            c.setFont(BOLD, HEADING_SIZE + 1.5)
            c.setFillColor(INK)
            for person, left, right in self.geo.columns:
                if person is not None and person in self.names:
                    c.drawCentredString((left + right) / 2, -(HEADING_SIZE + 6),
                                        visual(clean(self.names[person])))

    # -- boxes ----------------------------------------------------------------

    def _box(self, box: Box) -> None:
        c = self.c
        fill, line = KIND_COLOURS[box.node.kind]
        loop = self.loop_of_node.get(box.node.id)
        c.setFillColor(fill)
        c.setStrokeColor(loop.colour if loop else line)
        c.setLineWidth(2.0 if loop else 0.8)
        c.roundRect(box.x, -box.bottom, box.w, box.h, 6, stroke=1, fill=1)
        if box.node.layer is not None and box.node.layer.value == "core":
            # Core feelings: a second, inner outline (shape says it without colour).
            c.setLineWidth(0.5)
            c.setStrokeColor(line)
            c.roundRect(box.x + 2.5, -box.bottom + 2.5, box.w - 5, box.h - 5, 4, stroke=1, fill=0)
        if not self.text:
            return
        if box.on_loop:
            self._badge(box.x + box.w - 1, box.y + 1, "⟳", loop.colour if loop else QUIET)
        if box.node.id in self.marked:
            self._badge(box.x + 1, box.y + 1, "✎", colors.HexColor("#8A1C1C"))

    def _labels(self) -> None:
        """Every box's words, in one text object (one font, one colour): a
        400-node map has over a thousand lines, and this sets them quickly."""
        text = self.c.beginText()
        text.setFont(CONDENSED, LABEL_SIZE)
        text.setFillColor(INK)
        lead = LABEL_SIZE * LINE_HEIGHT
        for box in self.geo.boxes.values():
            block = len(box.lines) * lead
            top = box.y + (box.h - block) / 2 if block < box.h else box.y + PAD_Y
            for i, line_text in enumerate(box.lines):
                width = text_width(line_text, CONDENSED, LABEL_SIZE)
                text.setTextOrigin(box.cx - width / 2, -(top + lead * i + LABEL_SIZE * 0.95))
                text.textOut(visual(line_text))  # wrapped in reading order, drawn in visual
        self.c.drawText(text)

    def _badge(self, x: float, y: float, mark: str, colour: colors.Color) -> None:
        # A small disc on the box's corner: never on top of the words.
        c = self.c
        c.setFillColor(colors.white)
        c.setStrokeColor(colour)
        c.setLineWidth(0.8)
        c.circle(x, -y, HEADING_SIZE * 0.75, stroke=1, fill=1)
        c.setFillColor(colour)
        c.setFont(REGULAR, HEADING_SIZE)
        c.drawCentredString(x, -(y + HEADING_SIZE * 0.36), mark)

    # -- edges ------------------------------------------------------------------

    def _edge(self, r: Route) -> None:
        c = self.c
        loop = self.loop_of_link.get((r.source, r.target))
        style = link_style(r.kinds)
        colour = loop.colour if loop else style.colour
        width = max(style.width, 2.0) if loop else style.width
        pts = list(r.points)
        # Stop short of the box, where the arrowhead goes.
        (x1, y1) = pts[-1]
        direction = -1 if r.upward else 1  # y-down: +1 means the line arrives going down
        pts[-1] = (x1, y1 - direction * 5.5)
        c.setStrokeColor(colour)
        c.setLineWidth(width)
        c.setDash(list(style.dash) if style.dash and not loop else [])
        path = c.beginPath()
        path.moveTo(pts[0][0], -pts[0][1])
        for i in range(len(pts) - 1):
            (ax, ay), (bx, by) = pts[i], pts[i + 1]
            if i % 2 == 1:
                path.lineTo(bx, -by)
            else:
                mid = (by - ay) / 2
                path.curveTo(ax, -(ay + mid), bx, -(by - mid), bx, -by)
        c.drawPath(path, stroke=1, fill=0)
        c.setDash()
        c.setFillColor(colour)
        if style.end == "bar" and not loop:
            c.setLineWidth(1.6)
            c.line(x1 - 5, -(y1 - direction * 5.5), x1 + 5, -(y1 - direction * 5.5))
        else:
            head = c.beginPath()
            head.moveTo(x1, -y1)
            back = y1 - direction * 6.5
            head.lineTo(x1 - 3.4, -back)
            head.lineTo(x1 + 3.4, -back)
            head.close()
            c.drawPath(head, stroke=0, fill=1)

    def _label_priority(self, r: Route) -> tuple[int, int]:
        on_loop = (r.source, r.target) in self.loop_of_link
        src, dst = self.geo.boxes[r.source].node.kind, self.geo.boxes[r.target].node.kind
        surprising = any(k is not default_link_kind(src, dst) for k in r.kinds)
        return (0 if on_loop else 1, 0 if surprising else 1)

    def _edge_label(self, r: Route) -> None:
        text = " · ".join(link_phrase(k) for k in r.kinds)
        w = text_width(text, REGULAR, LINK_SIZE) + 4
        h = LINK_SIZE + 2
        for t in (0.5, 0.32, 0.68, 0.2, 0.8):
            for i in range(0, len(r.points) - 1, 2):
                x, y = _on_curve(r.points[i], r.points[i + 1], t)
                if self.taken.free(x - w / 2, y - h / 2, w, h):
                    self._write_label(text, x, y, w, h, self.loop_of_link.get((r.source, r.target)))
                    return

    def _write_label(self, text: str, x: float, y: float, w: float, h: float,
                     loop: LoopMark | None) -> None:
        c = self.c
        self.taken.add(x - w / 2, y - h / 2, w, h)
        c.setFillColor(colors.white)
        c.rect(x - w / 2, -(y + h / 2), w, h, stroke=0, fill=1)
        c.setFillColor(loop.colour if loop else QUIET)
        c.setFont(REGULAR, LINK_SIZE)
        c.drawCentredString(x, -(y + LINK_SIZE * 0.35), text)

    def _loop_name(self, loop: LoopMark) -> None:
        boxes = [self.geo.boxes[n] for n in loop.nodes if n in self.geo.boxes]
        if not boxes:
            return
        text = f"⟳ {visual(clean(loop.name))}"
        size = LABEL_SIZE + 1
        w, h = text_width(text, BOLD, size) + 10, size + 7
        cx = sum(b.cx for b in boxes) / len(boxes)
        cy = sum(b.y + b.h / 2 for b in boxes) / len(boxes)
        for radius in range(0, 400, 12):
            for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)):
                x, y = cx + dx * radius - w / 2, cy + dy * radius * 0.6 - h / 2
                inside = 0 <= x and x + w <= self.geo.width and 0 <= y and y + h <= self.geo.height
                if inside and self.taken.free(x, y, w, h):
                    self.taken.add(x, y, w, h)
                    c = self.c
                    c.setFillColor(colors.white)
                    c.setStrokeColor(loop.colour)
                    c.setLineWidth(1.2)
                    c.roundRect(x, -(y + h), w, h, 4, stroke=1, fill=1)
                    c.setFillColor(loop.colour)
                    c.setFont(BOLD, size)
                    c.drawCentredString(x + w / 2, -(y + h / 2 + size * 0.35), text)
                    return


class _Taken:
    """Rectangles already drawn on (boxes, labels), in a grid of cells so that
    asking whether a spot is free stays quick on a 400-node map."""

    CELL = 96.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, x: float, y: float, w: float, h: float):
        for i in range(int(x // self.CELL), int((x + w) // self.CELL) + 1):
            for j in range(int(y // self.CELL), int((y + h) // self.CELL) + 1):
                yield i, j

    def add(self, x: float, y: float, w: float, h: float) -> None:
        for key in self._keys(x, y, w, h):
            self.cells.setdefault(key, []).append((x, y, w, h))

    def free(self, x: float, y: float, w: float, h: float) -> bool:
        return all(x + w < tx or tx + tw < x or y + h < ty or ty + th < y
                   for key in self._keys(x, y, w, h) for tx, ty, tw, th in self.cells.get(key, ()))


def _on_curve(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    # The gap curve of MapPainter._edge: vertical tangents at both ends.
    (ax, ay), (bx, by) = a, b
    mid = (by - ay) / 2
    p = [(ax, ay), (ax, ay + mid), (bx, by - mid), (bx, by)]
    u = 1 - t
    x = u**3 * p[0][0] + 3 * u * u * t * p[1][0] + 3 * u * t * t * p[2][0] + t**3 * p[3][0]
    y = u**3 * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] + t**3 * p[3][1]
    return x, y
