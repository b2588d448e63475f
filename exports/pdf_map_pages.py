"""The map pages as flowables: title, the drawing (or its parts), and the key.

Each drawing is drawn once into a PDF form and every page that shows it, or
a tile of it, refers to that form: a map cut into many tiles costs little
more than one drawing. The key at the foot of every map page is the
engine's (patterns.layout.key): at most six kinds of line, each told apart
by its shape and dash as well as its colour.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from exports.map_paper import PaperShapes, PaperText, cycle_colour, family_style
from exports.pdf_fonts import BOLD, REGULAR, text_width
from exports.pdf_map_draw import draw_shapes, draw_text
from exports.pdf_map_plan import INDEX_LINE, INDEX_SIZE, TITLE_H, MapPage, Part, drawing_area
from exports.pdf_style import INK, MIN_FONT, PRIVATE, QUIET
from exports.pdf_style import MAP_MARGIN as MARGIN
from exports.pdf_text import visual
from patterns.layout.key import Family, KeyEntry, key_entries
from patterns.layout.model import MapSnapshot
from patterns.text import clean_label

KEY_SIZE = MIN_FONT + 0.5
KEY_LINE = KEY_SIZE + 6
SAMPLE = 22.0


class MapKey:
    """The key of one export, measured once per page width."""

    def __init__(self, entries: list[KeyEntry]) -> None:
        self.entries = entries
        self._rows: dict[float, list[list[tuple[KeyEntry, float]]]] = {}

    @classmethod
    def of(cls, edges) -> MapKey:  # type: ignore[no-untyped-def]
        """The key of a drawing's edges."""
        return cls(key_entries(list(edges)))

    def rows(self, page_width: float) -> list[list[tuple[KeyEntry, float]]]:
        """The key's entries in rows that fit a page `page_width` wide."""
        if page_width not in self._rows:
            rows: list[list[tuple[KeyEntry, float]]] = [[]]
            used, room = 0.0, page_width - 2 * MARGIN
            for entry in self.entries:
                w = SAMPLE + 6 + text_width(entry.words, REGULAR, KEY_SIZE) + 16
                if used + w > room and rows[-1]:
                    rows.append([])
                    used = 0.0
                rows[-1].append((entry, w))
                used += w
            self._rows[page_width] = [r for r in rows if r]
        return self._rows[page_width]

    def height(self, page_width: float) -> float:
        """How tall the key is at the foot of a page `page_width` wide."""
        return len(self.rows(page_width)) * KEY_LINE + 8 if self.entries else 0.0


class MapPageFlowable(Flowable):
    """Draws one `MapPage` on a page of its own (its frame is the whole page)."""

    def __init__(self, page: MapPage, key: MapKey, *, title: str, therapist: bool) -> None:
        super().__init__()
        self.page = page
        self.key = key
        self.title = title
        self.therapist = therapist

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height

    def draw(self) -> None:
        c = self.canv
        page = self.page
        pw, ph = page.size
        forms = [self._form(part) for part in page.parts]
        c.saveState()
        c.setFillColor(INK)
        c.setFont(BOLD, 15)
        c.drawString(MARGIN, ph - MARGIN - 12, visual(clean_label(self.title)))
        c.setFont(REGULAR, 9)
        c.setFillColor(QUIET)
        c.drawString(MARGIN, ph - MARGIN - 27, page.heading + (f" · {page.note}" if page.note else ""))
        if self.therapist:
            c.setFillColor(PRIVATE)
            c.setFont(BOLD, 9)
            c.drawRightString(pw - MARGIN, ph - MARGIN - 12, "Therapist’s copy: private notes marked ✎")
        aw, _ah = drawing_area(page.size, self.key.height(pw))
        top = ph - MARGIN - TITLE_H
        used_w = max((p.x + max(p.size[0], text_width(p.caption, BOLD, 8.0) if p.caption else 0)
                      for p in page.parts), default=0)
        # A single drawing is centred; parts keep their places.
        left = MARGIN + (max(0.0, (aw - used_w) / 2) if len(page.parts) == 1 else 0.0)
        for part, form in zip(page.parts, forms):
            self._show(part, form, left + part.x, top - part.y)
        if page.index:
            self._index(c, left + used_w + 18 if page.parts else MARGIN, top, pw)
        self._draw_key(c, pw)
        c.restoreState()

    def _form(self, part: Part) -> str:
        """The drawing as a PDF form, drawn once however many pages show it
        (a tile's form holds the lines only: its boxes are its own)."""
        c = self.canv
        lines_only = part.boxes is not None
        name = f"attachmap-map-{id(part.shapes)}" + ("-lines" if lines_only else "")
        drawn = c.__dict__.setdefault("_attachmap_forms", set())
        if name not in drawn:
            c.beginForm(name, 0, -part.shapes.height, part.shapes.width, 0)
            shapes = part.shapes
            if lines_only:
                shapes = PaperShapes(shapes.width, shapes.height, [], shapes.links, [],
                                     shapes.rules)
            draw_shapes(c, shapes)
            c.endForm()
            drawn.add(name)
        return name

    def _show(self, part: Part, form: str, left: float, top: float) -> None:
        c = self.canv
        wx, wy, ww, wh = part.window
        s = part.scale
        if part.caption:
            c.setFillColor(INK)
            c.setFont(BOLD, 8.0)
            c.drawString(left, top + 4, part.caption)
        c.saveState()
        clip = c.beginPath()
        clip.rect(left - 1, top - wh * s - 1, ww * s + 2, wh * s + 2)
        c.clipPath(clip, stroke=0, fill=0)
        c.translate(left - wx * s, top + wy * s)
        c.scale(s, s)
        c.doForm(form)
        if part.boxes is not None:
            draw_shapes(c, PaperShapes(part.shapes.width, part.shapes.height, part.boxes, [],
                                       part.shapes.texts, []))
        for note in part.notes:
            draw_text(c, note)
        c.restoreState()

    def _index(self, c, x: float, top: float, pw: float) -> None:  # type: ignore[no-untyped-def]
        """The overview's numbered index, in columns."""
        _aw, ah = drawing_area(self.page.size, self.key.height(pw))
        lines = max(1, int(ah // INDEX_LINE))
        col_w = 0.0
        y = top - INDEX_SIZE
        start_x = x
        for k, (number, words) in enumerate(self.page.index):
            if k and k % lines == 0:
                start_x += col_w + 12
                col_w = 0.0
                y = top - INDEX_SIZE
            text = visual(clean_label(words))
            room = pw - MARGIN - start_x - 16
            while text and text_width(text, REGULAR, INDEX_SIZE) > min(room, 170):
                text = text[:-2] + "…"
            c.setFont(BOLD, INDEX_SIZE)
            c.setFillColor(INK)
            c.drawRightString(start_x + 14, y, number)
            c.setFont(REGULAR, INDEX_SIZE)
            c.drawString(start_x + 18, y, text)
            col_w = max(col_w, 18 + text_width(text, REGULAR, INDEX_SIZE))
            y -= INDEX_LINE

    def _draw_key(self, c, pw: float) -> None:  # type: ignore[no-untyped-def]
        rows = self.key.rows(pw)
        y = MARGIN + (len(rows) - 1) * KEY_LINE
        for row in rows:
            x = MARGIN
            for entry, w in row:
                _sample(c, entry.family, x, y + KEY_SIZE / 2)
                c.setFillColor(INK)
                c.setFont(REGULAR, KEY_SIZE)
                c.drawString(x + SAMPLE + 6, y, entry.words)
                x += w
            y -= KEY_LINE


def _sample(c, family: Family, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    """A short piece of a family's line, with its end."""
    style = family_style(family, cycle_colour(0))
    c.saveState()
    c.setStrokeColor(style.colour)
    c.setFillColor(style.colour)
    c.setDash(list(style.dash) if style.dash else [])
    c.setLineCap(1 if style.dash and style.dash[0] < 1 else 0)
    c.setLineWidth(style.width * (3.2 if style.double else 1))
    c.line(x, y, x + SAMPLE - 5, y)
    if style.double:
        c.setStrokeColor(colors.white)
        c.setLineWidth(style.width * 1.2)
        c.line(x, y, x + SAMPLE - 5, y)
        c.setStrokeColor(style.colour)
    c.setDash([])
    if style.end == "bar":
        c.setLineWidth(1.8)
        c.line(x + SAMPLE - 3, y - 4, x + SAMPLE - 3, y + 4)
    else:
        head = c.beginPath()
        head.moveTo(x + SAMPLE, y)
        head.lineTo(x + SAMPLE - 7, y + 3.2)
        head.lineTo(x + SAMPLE - 7, y - 3.2)
        head.close()
        c.drawPath(head, stroke=0, fill=1)
    c.restoreState()


def map_key(snap: MapSnapshot, edges) -> MapKey:  # type: ignore[no-untyped-def]
    """The key for an export: the families of the drawing's lines."""
    del snap
    return MapKey.of(edges)


__all__ = ["MapKey", "MapPageFlowable", "PaperText", "map_key"]
