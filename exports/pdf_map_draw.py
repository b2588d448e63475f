"""The map page's drawing on a PDF canvas: the shapes of exports.map_paper,
as vectors. The SVG (exports.svg_map) writes the same shapes."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from exports.map_paper import LINK_SIZE, LinkShape, PaperBox, PaperShapes, PaperText, rounded_path
from exports.pdf_fonts import REGULAR, text_width
from exports.pdf_style import PRIVATE, RULE
from exports.pdf_text import visual
from patterns.text import clean_label

__all__ = ["draw_shapes", "draw_text"]


def draw_shapes(c: Canvas, shapes: PaperShapes) -> None:
    """Everything, bottom first: rules, lines, boxes, words. y is flipped
    (the shapes are y-down from the top-left corner)."""
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    for y, x1, x2 in shapes.rules:
        c.line(x1, -y, x2, -y)
    for link in shapes.links:
        _link(c, link)
    for box in shapes.boxes:
        _box(c, box)
    for link in shapes.links:
        if link.label is not None:
            draw_text(c, link.label)
    for text in shapes.texts:
        draw_text(c, text)


def _path(c: Canvas, points: list[tuple[float, float]]):  # type: ignore[no-untyped-def]
    path = c.beginPath()
    for op, a in rounded_path(points):
        if op == "M":
            path.moveTo(a[0], -a[1])
        elif op == "L":
            path.lineTo(a[0], -a[1])
        else:
            path.curveTo(a[0], -a[1], a[2], -a[3], a[4], -a[5])
    return path


def _link(c: Canvas, link: LinkShape) -> None:
    style = link.style
    c.setDash(list(style.dash) if style.dash else [])
    c.setLineCap(1 if style.dash and style.dash[0] < 1 else 0)
    c.setLineJoin(1)
    c.setStrokeColor(style.colour)
    c.setLineWidth(style.width * (3.2 if style.double else 1))
    c.drawPath(_path(c, link.points), stroke=1, fill=0)
    if style.double:  # paper through the middle: a double line
        c.setStrokeColor(colors.white)
        c.setLineWidth(style.width * 1.2)
        c.drawPath(_path(c, link.points), stroke=1, fill=0)
    c.setDash([])
    c.setLineCap(0)
    c.setFillColor(style.colour)
    c.setStrokeColor(style.colour)
    if style.end == "bar":
        (x1, y1), (x2, y2) = link.head
        c.setLineWidth(1.8)
        c.line(x1, -y1, x2, -y2)
    else:
        head = c.beginPath()
        head.moveTo(link.head[0][0], -link.head[0][1])
        for x, y in link.head[1:]:
            head.lineTo(x, -y)
        head.close()
        c.drawPath(head, stroke=0, fill=1)


def _box(c: Canvas, box: PaperBox) -> None:
    c.setFillColor(box.fill)
    c.setStrokeColor(box.stroke)
    c.setLineWidth(0.9)
    c.roundRect(box.x, -(box.y + box.h), box.w, box.h, 4, stroke=1, fill=1)
    if box.core:
        # A core feeling: a second, inner outline (shape says it without colour).
        c.setLineWidth(0.5)
        c.roundRect(box.x + 2.2, -(box.y + box.h) + 2.2, box.w - 4.4, box.h - 4.4, 3,
                    stroke=1, fill=0)
    for line in box.lines:
        draw_text(c, line)
    if box.tag is not None:
        draw_text(c, box.tag)
    if box.marked:
        c.setFillColor(colors.white)
        c.setStrokeColor(PRIVATE)
        c.setLineWidth(0.8)
        x, y = box.x + box.w, box.y
        c.circle(x, -y, 5.2, stroke=1, fill=1)
        c.setFillColor(PRIVATE)
        # The drawing's smallest size: 7 pt still at the least scale a page allows.
        c.setFont(REGULAR, LINK_SIZE)
        c.drawCentredString(x, -(y + 2.5), "✎")


def draw_text(c: Canvas, t: PaperText) -> None:
    """Words of the drawing, over a patch of paper when they sit on a line."""
    drawn = visual(clean_label(t.text))  # logical order in the shapes, visual in a PDF
    w = text_width(drawn, t.font, t.size)
    x = t.x - w / 2 if t.centre else t.x
    if t.background:
        c.setFillColor(colors.white)
        c.rect(x - 1.5, -(t.y + t.size * 0.62), w + 3, t.size * 1.24, stroke=0, fill=1)
    c.setFillColor(t.colour)
    c.setFont(t.font, t.size)
    c.drawString(x, -(t.y + t.size * 0.35), drawn)
