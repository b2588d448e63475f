"""The look of the PDF: paper sizes, colours by kind, and the text styles.

Colours are soft tints that print well in colour and in grey; the kind is
also said in words (band labels, the key), so nothing depends on colour.
Nothing is set smaller than `MIN_FONT` (7 pt): a client reads this at home,
maybe without glasses.
"""

from __future__ import annotations

from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A2, A3, A4, LETTER, TABLOID
from reportlab.lib.styles import ParagraphStyle

from exports.palette import INK_HEX, KIND_HEX, LOOP_HEX
from exports.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts
from patterns.vocabulary import NodeKind

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")

#: The smallest type anywhere in the PDF, in points.
MIN_FONT = 7.0

#: Portrait page sizes in points, smallest first: the chosen paper, then the
#: larger sheets a big map may move to before it is split.
PAGE_SIZES: dict[Paper, list[tuple[str, tuple[float, float]]]] = {
    "a4": [("A4", A4), ("A3", A3), ("A2", A2)],
    "letter": [("Letter", LETTER), ("Tabloid", TABLOID), ("ANSI C", (1224.0, 1584.0))],
}

MARGIN = 42.0  # about 15 mm around the story: safe on home printers
MAP_MARGIN = 28.0  # about 10 mm around the map: every point of paper counts there

INK = colors.HexColor(INK_HEX)
QUIET = colors.HexColor("#5F6670")
RULE = colors.HexColor("#C9CED6")
PAPER_TINT = colors.HexColor("#F6F4EF")
PRIVATE = colors.HexColor("#8A1C1C")
PRIVATE_TINT = colors.HexColor("#FBEDEC")

#: (fill, outline) for each kind of box (exports.palette: the same on every picture).
KIND_COLOURS: dict[NodeKind, tuple[colors.Color, colors.Color]] = {
    kind: (colors.HexColor(fill), colors.HexColor(outline))
    for kind, (fill, outline) in KIND_HEX.items()
}

#: Accent colours of loops, in order: the first loop is the one that matters most.
LOOP_COLOURS = [colors.HexColor(c) for c in LOOP_HEX]

#: Singular names of kinds as a client reads them in the key.
KIND_NAMES: dict[NodeKind, str] = {
    NodeKind.TRIGGER: "trigger",
    NodeKind.FEELING: "feeling",
    NodeKind.MEANING: "thought or meaning",
    NodeKind.SENSATION: "body sensation",
    NodeKind.STRATEGY: "protective move",
    NodeKind.NEED: "need underneath",
    NodeKind.RESOURCE: "resource",
    NodeKind.RESPONSE: "new response",
    NodeKind.ORIGIN: "where it began",
}


def page_size(paper: Paper) -> tuple[float, float]:
    """The portrait size of `paper` in points."""
    return PAGE_SIZES[paper][0][1]


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the story pages, by name."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=15, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=6)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=22, leading=27,
                                spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, textColor=QUIET, fontSize=11,
                                   leading=15, spaceAfter=14),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=16, leading=21,
                             spaceBefore=14, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=12, leading=16,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "lead_in": ParagraphStyle("lead_in", parent=body, keepWithNext=1, spaceAfter=3),
        "intro": ParagraphStyle("intro", parent=body, textColor=QUIET, spaceAfter=8),
        "sentence": ParagraphStyle("sentence", parent=body, fontSize=12, leading=17,
                                   leftIndent=12, borderPadding=(6, 8, 6, 8),
                                   backColor=PAPER_TINT, spaceBefore=6, spaceAfter=12),
        "item": ParagraphStyle("item", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=3),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, textColor=QUIET,
                                spaceAfter=3),
        "quote": ParagraphStyle("quote", parent=body, fontName=ITALIC, textColor=QUIET,
                                leftIndent=14, spaceAfter=4),
        "private_head": ParagraphStyle("private_head", parent=body, fontName=BOLD, fontSize=16,
                                       leading=21, textColor=PRIVATE, spaceBefore=4, spaceAfter=6),
        "private": ParagraphStyle("private", parent=body, backColor=PRIVATE_TINT,
                                  borderPadding=(4, 6, 4, 6), spaceBefore=4, spaceAfter=8),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=BOLD, fontSize=9,
                                    leading=12, spaceAfter=0, textColor=QUIET),
    }
