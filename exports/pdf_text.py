"""Client words made safe to set in the PDF: cleaned, escaped and wrapped.

Labels are typed live in a session, so they may hold anything: tabs and
other control characters, markup-like `<` and `&`, words longer than a box,
letters with combining accents, right-to-left scripts. Nothing here drops a word: wrapping breaks
an over-long word between characters, never inside a letter and its accent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from bidi import get_display

from exports.pdf_fonts import register_fonts, text_width
from patterns.text import clean_label, graphemes

#: Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and
#: their presentation forms): only text holding one is reordered.
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def visual(line: str) -> str:
    """One line in the order it is drawn: right-to-left runs (a Hebrew label,
    or one inside an English sentence) reversed by the Unicode bidi algorithm,
    since a PDF draws every string left to right. Other text is unchanged."""
    return get_display(line) if _RTL.search(line) else line


def para(text: str) -> str:
    """`text` cleaned, in drawing order and escaped for a reportlab Paragraph
    (which reads markup)."""
    return escape(visual(clean_label(text)))


def _split_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for cluster in graphemes(word):
        if current and text_width(current + cluster, font, size) > width:
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` (cleaned) in lines no wider than `width` points; every
    character of the cleaned text is kept, in order."""
    register_fonts()
    return list(_wrap(text, font, size, width))


@lru_cache(maxsize=8192)  # a split map wraps each label twice: overview and part
def _wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    lines: list[str] = []
    current, used = "", 0.0
    space = text_width(" ", font, size)
    # Widths add up (reportlab applies no kerning), so each word is measured once.
    for word in clean_label(text).split(" "):
        if not word:
            continue
        w = text_width(word, font, size)
        if current and used + space + w <= width:
            current, used = f"{current} {word}", used + space + w
            continue
        if current:
            lines.append(current)
        if w <= width:
            current, used = word, w
        else:
            *whole, current = _split_word(word, font, size, width)
            lines.extend(whole)
            used = text_width(current, font, size)
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def plural(n: int, one: str, many: str | None = None) -> str:
    """`1 try`, `3 tries`: a count in words a client reads easily."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
