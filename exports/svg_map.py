"""`attachmap export FILE -f svg`: the map as SVG, the same drawing as the
PDF's map page (exports.map_paper draws both), on one sheet however large.

Made to be styled and read by other tools: each node is a group with class
`node kind-KIND` and `data-id`; each link (the links between one pair of
nodes, drawn as one line) is a group with class `link kind-KIND…`,
`data-source` and `data-target`, holding its path, its arrowhead and the
words written on it. The same audience rules as the PDF: private notes are
never in it; the therapist's copy marks the nodes that have one (✎).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors

from exports.audience import Audience, for_audience
from exports.errors import AttachmapError
from exports.map_paper import (
    PAPER,
    PAPER_LOOK,
    LinkShape,
    PaperBox,
    PaperText,
    add_end,
    cycle_colour,
    family_style,
    paper_shapes,
    rounded_path,
)
from exports.pdf_fonts import BOLD, CONDENSED, CONDENSED_BOLD, ITALIC, REGULAR, register_fonts, \
    text_width
from exports.pdf_style import INK, PRIVATE, QUIET, RULE
from patterns.layout import layout_map, snapshot_of_map
from patterns.layout.drawing import draw
from patterns.layout.key import key_entries
from patterns.models import RelationalMap
from patterns.text import clean_label

__all__ = ["render_svg"]

MARGIN = 28.0
TITLE_H = 40.0
KEY_SIZE = 7.5
KEY_LINE = KEY_SIZE + 6
SAMPLE = 22.0

_FAMILY = {
    REGULAR: ("DejaVu Sans, Verdana, sans-serif", "normal", "normal"),
    BOLD: ("DejaVu Sans, Verdana, sans-serif", "bold", "normal"),
    ITALIC: ("DejaVu Sans, Verdana, sans-serif", "normal", "italic"),
    CONDENSED: ("DejaVu Sans Condensed, Arial Narrow, sans-serif", "normal", "normal"),
    CONDENSED_BOLD: ("DejaVu Sans Condensed, Arial Narrow, sans-serif", "bold", "normal"),
}


def _hex(c: colors.Color) -> str:
    return "#" + c.hexval()[2:].lower()


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _path_d(points: list[tuple[float, float]], dx: float, dy: float) -> str:
    out = []
    for op, a in rounded_path(points):
        coords = " ".join(_n(v + (dx if i % 2 == 0 else dy)) for i, v in enumerate(a))
        out.append(f"{op}{coords}")
    return " ".join(out)


def _text(t: PaperText, dx: float, dy: float, cls: str | None = None) -> str:
    family, weight, style = _FAMILY.get(t.font, _FAMILY[REGULAR])
    words = clean_label(t.text)
    parts = []
    if t.background:
        w = text_width(words, t.font, t.size)
        x = t.x - w / 2 if t.centre else t.x
        parts.append(f'<rect x="{_n(x - 1.5 + dx)}" y="{_n(t.y - t.size * 0.62 + dy)}" '
                     f'width="{_n(w + 3)}" height="{_n(t.size * 1.24)}" fill="#ffffff"/>')
    anchor = ' text-anchor="middle"' if t.centre else ""
    parts.append(
        f'<text class={quoteattr(cls or t.role)} x="{_n(t.x + dx)}" '
        f'y="{_n(t.y + t.size * 0.35 + dy)}"{anchor} font-family={quoteattr(family)} '
        f'font-size="{_n(t.size)}" font-weight="{weight}" font-style="{style}" '
        f'fill="{_hex(t.colour)}">{escape(words)}</text>')
    return "".join(parts)


def _box(box: PaperBox, dx: float, dy: float) -> str:
    parts = [f'<g class={quoteattr(f"node kind-{box.kind}")} data-id={quoteattr(box.node_id)}>',
             f'<rect x="{_n(box.x + dx)}" y="{_n(box.y + dy)}" width="{_n(box.w)}" '
             f'height="{_n(box.h)}" rx="4" fill="{_hex(box.fill)}" stroke="{_hex(box.stroke)}" '
             f'stroke-width="0.9"/>']
    if box.core:
        parts.append(f'<rect class="core" x="{_n(box.x + 2.2 + dx)}" y="{_n(box.y + 2.2 + dy)}" '
                     f'width="{_n(box.w - 4.4)}" height="{_n(box.h - 4.4)}" rx="3" fill="none" '
                     f'stroke="{_hex(box.stroke)}" stroke-width="0.5"/>')
    parts += [_text(t, dx, dy) for t in box.lines]
    if box.tag is not None:
        parts.append(_text(box.tag, dx, dy))
    if box.marked:
        x, y = box.x + box.w + dx, box.y + dy
        parts.append(f'<g class="private-note"><circle cx="{_n(x)}" cy="{_n(y)}" r="5.2" '
                     f'fill="#ffffff" stroke="{_hex(PRIVATE)}" stroke-width="0.8"/>'
                     f'<text x="{_n(x)}" y="{_n(y + 2.4)}" text-anchor="middle" font-size="7" '
                     f'fill="{_hex(PRIVATE)}">✎</text></g>')
    parts.append("</g>")
    return "".join(parts)


def _stroke(style, width_factor: float = 1.0) -> str:  # type: ignore[no-untyped-def]
    dash = f' stroke-dasharray="{" ".join(_n(d) for d in style.dash)}"' if style.dash else ""
    cap = ' stroke-linecap="round"' if style.dash and style.dash[0] < 1 else ""
    return (f'fill="none" stroke="{_hex(style.colour)}" '
            f'stroke-width="{_n(style.width * width_factor)}"{dash}{cap} stroke-linejoin="round"')


def _line(style, points: list[tuple[float, float]], dx: float, dy: float) -> str:  # type: ignore[no-untyped-def]
    """A line of a family's look with its end (a key's sample)."""
    shape = LinkShape(-1, "", "", (), list(points), style)
    add_end(shape)
    return _link_body(shape, dx, dy)


def _link(link: LinkShape, dx: float, dy: float) -> str:
    kinds = " ".join(f"kind-{k}" for k in link.kinds)
    return (f'<g class={quoteattr(f"link {kinds}")} data-source={quoteattr(link.source)} '
            f'data-target={quoteattr(link.target)}>' + _link_body(link, dx, dy) + "</g>")


def _link_body(link: LinkShape, dx: float, dy: float) -> str:
    style = link.style
    d = _path_d(link.points, dx, dy)
    parts = []
    if style.double:
        parts.append(f'<path class="line" d="{d}" {_stroke(style, 3.2)}/>')
        parts.append(f'<path class="line-inside" d="{d}" fill="none" stroke="#ffffff" '
                     f'stroke-width="{_n(style.width * 1.2)}"/>')
    else:
        parts.append(f'<path class="line" d="{d}" {_stroke(style)}/>')
    if style.end == "bar":
        (x1, y1), (x2, y2) = link.head
        parts.append(f'<line class="end bar" x1="{_n(x1 + dx)}" y1="{_n(y1 + dy)}" '
                     f'x2="{_n(x2 + dx)}" y2="{_n(y2 + dy)}" stroke="{_hex(style.colour)}" '
                     f'stroke-width="1.8"/>')
    else:
        pts = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for x, y in link.head)
        parts.append(f'<polygon class="end arrow" points="{pts}" fill="{_hex(style.colour)}"/>')
    if link.label is not None:
        parts.append(_text(link.label, dx, dy))
    return "".join(parts)


def render_svg(m: RelationalMap, *, audience: Audience = "client", **_: Any) -> bytes:
    """The map as an SVG document for `audience`."""
    if audience not in ("client", "therapist"):
        raise AttachmapError(f"unknown audience {audience!r}: expected client or therapist")
    register_fonts()
    m = for_audience(m, audience)  # again, for callers that did not: no private note leaks
    therapist = audience == "therapist"
    layout = layout_map(snapshot_of_map(m))
    drawing = draw(layout, PAPER, PAPER_LOOK)
    marked = {n.id for n in m.nodes if n.private_note} if therapist else set()
    shapes = paper_shapes(drawing, names={p.id: p.name for p in m.people}, marked=marked)
    entries = key_entries(list(layout.edges))
    width = max(shapes.width, 420.0) + 2 * MARGIN
    key_h = KEY_LINE * len(entries) + 8 if entries else 0
    height = TITLE_H + shapes.height + key_h + 2 * MARGIN
    dx, dy = MARGIN, MARGIN + TITLE_H
    title = clean_label(m.title)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}pt" '
        f'height="{_n(height)}pt" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'class="attachmap-map" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f'<rect class="paper" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
        _text(PaperText(MARGIN, MARGIN + 6, title, BOLD, 15, INK), 0, 0, "title"),
    ]
    if therapist:
        out.append(_text(PaperText(width - MARGIN - text_width(
            "Therapist’s copy: private notes marked ✎", BOLD, 9), MARGIN + 6,
            "Therapist’s copy: private notes marked ✎", BOLD, 9, PRIVATE), 0, 0, "audience"))
    out.append('<g class="drawing">')
    for y, x1, x2 in shapes.rules:
        out.append(f'<line class="band-rule" x1="{_n(x1 + dx)}" y1="{_n(y + dy)}" '
                   f'x2="{_n(x2 + dx)}" y2="{_n(y + dy)}" stroke="{_hex(RULE)}" '
                   f'stroke-width="0.5"/>')
    out += [_link(link, dx, dy) for link in shapes.links]
    out += [_box(box, dx, dy) for box in shapes.boxes]
    out += [_text(t, dx, dy) for t in shapes.texts]
    out.append("</g>")
    y = dy + shapes.height + 12
    out.append('<g class="key">')
    for entry in entries:
        mid = y + KEY_SIZE / 2 - 2
        out.append(f'<g class={quoteattr(f"key-entry {entry.family.value}")}>'
                   + _line(family_style(entry.family, cycle_colour(0)),
                           [(MARGIN, mid), (MARGIN + SAMPLE, mid)], 0, 0)
                   + _text(PaperText(MARGIN + SAMPLE + 6, mid, entry.words, REGULAR, KEY_SIZE,
                                     QUIET), 0, 0, "key-words") + "</g>")
        y += KEY_LINE
    out.append("</g>")
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")
