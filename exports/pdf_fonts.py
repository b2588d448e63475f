"""The fonts of the PDF: DejaVu, shipped inside the package (exports/fonts/).

A client's words may hold any letter (`Zoë’s “fear” — ü, é, ✓`), so the PDF
never relies on the fonts of the machine it is made on: it embeds (a subset
of) the shipped DejaVu faces, which cover Latin, Greek, Cyrillic, Hebrew,
Arabic letters, arrows, check marks and many symbols. Registration is done
once per process, under a lock, because exports run in a worker thread.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: Body text.
REGULAR = "AttachmapSans"
#: Headings and emphasis.
BOLD = "AttachmapSans-Bold"
#: Quoted client words and quiet asides.
ITALIC = "AttachmapSans-Oblique"
#: Labels inside the boxes of the map: narrower, so more words fit a box.
CONDENSED = "AttachmapSansCondensed"
#: Band and person headings on the map.
CONDENSED_BOLD = "AttachmapSansCondensed-Bold"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Make the shipped faces known to reportlab (safe to call many times)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = resources.files("exports").joinpath("fonts")
        for name, filename in _FILES.items():
            with resources.as_file(folder.joinpath(filename)) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b> and <i> inside a paragraph pick the matching face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        addMapping(CONDENSED, 0, 0, CONDENSED)
        addMapping(CONDENSED, 1, 0, CONDENSED_BOLD)
        addMapping(CONDENSED, 0, 1, CONDENSED)
        addMapping(CONDENSED, 1, 1, CONDENSED_BOLD)
        _registered = True


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` the shipped font cannot draw (spaces and marks of
    formatting aside): what would show as an empty box."""
    covered = _covered()
    return {
        ch for ch in text
        if ord(ch) not in covered and not ch.isspace()
        and unicodedata.category(ch) not in ("Cf", "Cc")
    }


def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` in points when set in `font` at `size` (the fonts must
    be registered: `register_fonts()` once first)."""
    return _string_width(text, font, size)


_string_width = pdfmetrics.stringWidth
