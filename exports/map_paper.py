"""The map on paper: the engine's drawing (patterns.layout) as shapes in
points, shared by the PDF and the SVG so that both show the same drawing.

A unit of the drawing is `UNIT_X` points across and `UNIT_Y` down; a shape
sits at the middle of its units, so a line leaving a box starts exactly on
its border. Boxes are rounded and tinted by kind, with the kind written
small on the top border (the band says it too: nothing depends on colour).
Lines follow the key's families (patterns.layout.key): each cycle heavy in
its own colour, a variant dashed and lighter, what masks dotted, what helps
double, what blocks ends on a bar. A cycle's name sits on its ring.

Nothing here draws: `paper_shapes(drawing, ...)` returns the shapes, the
PDF (exports.pdf_map_draw) and the SVG (exports.svg_map) write them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors

from exports.pdf_fonts import BOLD, CONDENSED, CONDENSED_BOLD, ITALIC, REGULAR, register_fonts, \
    text_width
from exports.pdf_style import INK, KIND_COLOURS, LOOP_COLOURS, QUIET, RULE
from patterns.layout.boxes import Look, Metrics
from patterns.layout.drawing import Drawing
from patterns.layout.key import Family, edge_family, line_family
from patterns.layout.words import Cluster, line_text
from patterns.text import graphemes
from patterns.vocabulary import LinkKind

__all__ = ["PAPER", "PAPER_LOOK", "UNIT_X", "UNIT_Y", "LinkShape", "PaperBox", "PaperText",
           "family_style", "paper_shapes"]

#: Type sizes. A page may shrink the drawing, but only as far as
#: `MIN_SCALE`, where the smallest of them (a link's kind) is still 7 pt.
LABEL_SIZE = 8.8
LINK_SIZE = 7.3
TAG_SIZE = 7.3
HEADING_SIZE = 8.3
NAME_SIZE = 9.8
NUMBER_SIZE = 8.4
MIN_SCALE = 7.0 / LINK_SIZE
#: One unit of the drawing, in points: a line of box text down, about a
#: letter of it across.
UNIT_X = 4.6
UNIT_Y = LABEL_SIZE * 1.22

_GREY = colors.HexColor("#5E6670")
_HELPS = colors.HexColor("#1C7689")
_BLOCKS = colors.HexColor("#9B2C2C")


@lru_cache(maxsize=65536)
def _width(piece: str, font: str, size: float) -> float:
    register_fonts()
    return text_width(piece, font, size)


def _measure(font: str, size: float):  # type: ignore[no-untyped-def]
    def clusters(text: str) -> list[Cluster]:
        return [(g, _width(g, font, size) / UNIT_X) for g in graphemes(text)]
    return clusters


#: The paper's metrics: box text in the condensed face, link kinds smaller.
PAPER = Metrics(
    "paper", _measure(CONDENSED, LABEL_SIZE), label_clusters=_measure(REGULAR, LINK_SIZE),
    tag_width=lambda tag: _width(tag, ITALIC, TAG_SIZE) / UNIT_X + 1.0,
    box_gap=3, pass_gap=2, column_gap=2, part_gap=8, ring_gap=3, min_channel=2, widest_box=30,
    most_tracks=30,
)
#: Paper shows every label whole, band names at the side, kinds on the lines.
PAPER_LOOK = Look(box_width=26, most_lines=None, slack=None)


@dataclass(frozen=True)
class LineStyle:
    """How one family of line is drawn on paper."""

    colour: colors.Color
    width: float
    dash: tuple[float, ...] = ()
    double: bool = False
    end: str = "arrow"  # or "bar"


def family_style(family: Family, colour: colors.Color | None = None) -> LineStyle:
    """The look of a family of line (a cycle's in its colour)."""
    colour = colour or LOOP_COLOURS[0]
    return {
        Family.CYCLE: LineStyle(colour, 2.2),
        Family.VARIANT: LineStyle(_lighter(colour), 1.3, (5, 2.5)),
        Family.LEADS: LineStyle(_GREY, 0.9),
        Family.MASKS: LineStyle(_GREY, 1.1, (0.6, 2.2)),
        Family.HELPS: LineStyle(_HELPS, 0.7, (), True),
        Family.BLOCKS: LineStyle(_BLOCKS, 1.1, (), False, "bar"),
    }[family]


def link_style(kind: LinkKind) -> LineStyle:
    """How a link of one kind is drawn when it is on no cycle (other pictures
    of the map take its colour from here: one home for it)."""
    return family_style(line_family((kind,)))


def _lighter(c: colors.Color) -> colors.Color:
    return colors.Color(c.red + (1 - c.red) * 0.35, c.green + (1 - c.green) * 0.35,
                        c.blue + (1 - c.blue) * 0.35)


def cycle_colour(index: int) -> colors.Color:
    """The colour of a cycle: the same as the story pages give it."""
    return LOOP_COLOURS[index % len(LOOP_COLOURS)]


@dataclass
class PaperText:
    """Words on the drawing, in points (x at the start, or the middle when
    `centre`; y of the middle of the line)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: colors.Color
    centre: bool = False
    background: bool = False
    """Paper showing through behind the words (over a line)."""
    role: str = "text"


@dataclass
class PaperBox:
    """A node's box, in points (x, y its top-left corner)."""

    node_id: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    fill: colors.Color
    stroke: colors.Color
    core: bool
    lines: list[PaperText]
    tag: PaperText | None
    marked: bool = False
    number: int | None = None


@dataclass
class LinkShape:
    """One edge: its line, its arrowhead (or bar) and its words, in points."""

    edge: int
    source: str
    target: str
    kinds: tuple[str, ...]
    points: list[tuple[float, float]]
    style: LineStyle
    head: list[tuple[float, float]] = field(default_factory=list)
    """The arrowhead's triangle, or the bar's two ends."""
    label: PaperText | None = None


@dataclass
class PaperShapes:
    """Everything on the map page's drawing, in points, y down."""

    width: float
    height: float
    boxes: list[PaperBox]
    links: list[LinkShape]
    texts: list[PaperText]
    """Band and person headings, and the cycles' names."""
    rules: list[tuple[float, float, float]]
    """(y, x1, x2) of the faint rules between bands."""


def _cx(x: float) -> float:
    return (x + 0.5) * UNIT_X


def _cy(y: float) -> float:
    return (y + 0.5) * UNIT_Y


def paper_shapes(drawing: Drawing, *, names: dict[str, str], marked: set[str] = frozenset(),
                 numbers: dict[str, int] | None = None, words: bool = True) -> PaperShapes:
    """The drawing as shapes on paper. `names` are the people's names for
    the column headings; `marked` the nodes with a private note (the
    therapist's copy marks them ✎); `numbers` replaces each box's words by
    its number in an index (an overview too small to read), `words=False`
    leaves every word out."""
    boxes: list[PaperBox] = []
    for box in drawing.boxes:
        fill, stroke = KIND_COLOURS[box.kind]
        x, y = _cx(box.x), _cy(box.y)
        w, h = (box.w - 1) * UNIT_X, (box.h - 1) * UNIT_Y
        if box.flat:  # one row: the box is the row itself, its ports just outside
            x, y, w, h = box.x * UNIT_X + 1, box.y * UNIT_Y + 1, box.w * UNIT_X - 2, UNIT_Y - 2
        lines: list[PaperText] = []
        tag = None
        number = numbers.get(box.node_id) if numbers else None
        if number is not None:
            lines.append(PaperText(x + w / 2, y + h / 2, str(number), CONDENSED_BOLD,
                                   NUMBER_SIZE, INK, centre=True, role="number"))
        elif words:
            for k, line in enumerate(box.lines):
                lines.append(PaperText(x + w / 2, _cy(box.y + 1 + k), line_text(list(line)),
                                       CONDENSED, LABEL_SIZE, INK, centre=True, role="label"))
            if box.tag:
                tag = PaperText(_cx(box.x + 2), y, box.tag, ITALIC, TAG_SIZE, stroke,
                                background=True, role="tag")
        core = box.core
        boxes.append(PaperBox(box.node_id, box.kind.value, x, y, w, h, fill, stroke, core,
                              lines, tag, box.node_id in marked, number))
    links: list[LinkShape] = []
    label_of = {lab.edge: lab for lab in drawing.labels if lab.edge is not None}
    for route in drawing.routes:
        edge = drawing.edges[route.edge]
        family = edge_family(edge)
        colour = cycle_colour(drawing.cycles[edge.cycle].number - 1) \
            if edge.cycle is not None else None
        style = family_style(family, colour)
        if family in (Family.CYCLE, Family.VARIANT) and all(k.value == "blocks" for k in edge.kinds):
            style = LineStyle(style.colour, style.width, style.dash, style.double, "bar")
        pts = [(_cx(x), _cy(y)) for x, y in route.points]
        if len(pts) == 1:  # never on paper (boxes have borders there), but be safe
            pts = [pts[0], (pts[0][0], pts[0][1] + 0.1)]
        shape = LinkShape(route.edge, edge.source, edge.target,
                          tuple(k.value for k in edge.kinds), pts, style)
        add_end(shape)
        lab = label_of.get(route.edge)
        if lab is not None and words:
            shape.label = PaperText(_cx(lab.x) - 0.5 * UNIT_X, _cy(lab.y), lab.text, REGULAR,
                                    LINK_SIZE, style.colour if family is not Family.LEADS else QUIET,
                                    background=True, role="link-label")
        links.append(shape)
    texts: list[PaperText] = []
    if words:
        for lab in drawing.labels:
            if lab.cycle is not None:
                texts.append(PaperText(_cx(lab.x) - 0.5 * UNIT_X, _cy(lab.y), lab.text, BOLD,
                                       LABEL_SIZE, cycle_colour(drawing.cycles[lab.cycle].number - 1),
                                       background=True,
                                       role="cycle-name"))
        for x, w, person in drawing.headers:
            if person in names:
                texts.append(PaperText(_cx(x) + (w - 1) * UNIT_X / 2, _cy(0), names[person], BOLD,
                                       NAME_SIZE, INK, centre=True, role="person"))
        for row, word in drawing.band_words:
            texts.append(PaperText(UNIT_X * 0.5, _cy(row), word, CONDENSED_BOLD, HEADING_SIZE,
                                   QUIET, role="band"))
    rules = []
    for top, _bottom, _words in drawing.bands[1:]:
        rules.append(((top - 1.5) * UNIT_Y, UNIT_X * 0.5, drawing.width * UNIT_X))
    return PaperShapes(drawing.width * UNIT_X, drawing.height * UNIT_Y, boxes, links, texts,
                       rules)


def add_end(shape: LinkShape) -> None:
    """The arrowhead (or bar) at the end of a link, and the line stopped
    short of it."""
    (ax, ay), (bx, by) = shape.points[-2], shape.points[-1]
    length = math.hypot(bx - ax, by - ay) or 1.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    if shape.style.end == "bar":
        back = 2.0
        cx, cy = bx - ux * back, by - uy * back
        shape.head = [(cx - uy * 4.5, cy + ux * 4.5), (cx + uy * 4.5, cy - ux * 4.5)]
        shape.points[-1] = (cx, cy)
        return
    size = 6.0 + shape.style.width
    base = (bx - ux * size, by - uy * size)
    half = 2.6 + shape.style.width * 0.5
    shape.head = [(bx, by), (base[0] - uy * half, base[1] + ux * half),
                  (base[0] + uy * half, base[1] - ux * half)]
    shape.points[-1] = (bx - ux * (size - 1), by - uy * (size - 1))


def rounded_path(points: list[tuple[float, float]],
                 radius: float = 3.0) -> list[tuple[str, tuple[float, ...]]]:
    """The polyline as ("M" | "L" | "C", coordinates) steps, its corners
    rounded by cubic curves (PDF and SVG both draw them)."""
    steps: list[tuple[str, tuple[float, ...]]] = [("M", points[0])]
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by), (cx, cy) = points[i - 1], points[i], points[i + 1]
        d1, d2 = math.hypot(bx - ax, by - ay), math.hypot(cx - bx, cy - by)
        r = min(radius, d1 / 2, d2 / 2)
        if r <= 0.01:
            steps.append(("L", (bx, by)))
            continue
        p = (bx - (bx - ax) / d1 * r, by - (by - ay) / d1 * r)
        q = (bx + (cx - bx) / d2 * r, by + (cy - by) / d2 * r)
        steps.append(("L", p))
        steps.append(("C", (p[0] + 2 / 3 * (bx - p[0]), p[1] + 2 / 3 * (by - p[1]),
                            q[0] + 2 / 3 * (bx - q[0]), q[1] + 2 / 3 * (by - q[1]), *q)))
    steps.append(("L", points[-1]))
    return steps


__all__ += ["PaperShapes", "add_end", "cycle_colour", "link_style", "rounded_path"]
