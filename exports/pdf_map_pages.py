"""The map pages as flowables: title, the picture (or its parts), and the key.

Each picture is drawn once into a PDF form and every page that shows it, or
a tile of it, refers to that form: a map cut into many tiles costs little
more than one drawing. The key at the foot of every map page names each
kind of box, each kind of link present, and the loops drawn heavy.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from exports.pdf_fonts import BOLD, REGULAR, text_width
from exports.pdf_map_draw import LINK_STYLES, LoopMark, MapPainter
from exports.pdf_map_plan import TITLE_H, MapPage, Part, drawing_area
from exports.pdf_style import INK, KIND_COLOURS, KIND_NAMES, MIN_FONT, PRIVATE, QUIET
from exports.pdf_style import MAP_MARGIN as MARGIN
from exports.pdf_text import clean, visual
from patterns.layout.model import MapSnapshot
from patterns.vocabulary import READING_ORDER, LinkKind, NodeKind, link_phrase

KEY_SIZE = MIN_FONT + 0.5
KEY_LINE = KEY_SIZE + 6


class MapKey:
    """The key of one export: each kind of box, each link kind present, the
    loops drawn heavy; measured once per page width."""

    def __init__(self, loops: list[LoopMark], snap: MapSnapshot) -> None:
        self.loops = loops
        kinds = [k for k in READING_ORDER if any(n.kind is k for n in snap.nodes)]
        links = [k for k in LinkKind if any(lk.kind is k for lk in snap.links)]
        self.items: list[tuple] = [("kind", k, KIND_NAMES[k]) for k in kinds]
        if any(n.layer is not None and n.layer.value == "core" for n in snap.nodes):
            self.items.append(("core", NodeKind.FEELING, "core feeling (double outline)"))
        self.items += [("link", k, link_phrase(k)) for k in links]
        self.items += [("loop", lp, f"⟳ {visual(clean(lp.name))}") for lp in loops]
        self._rows: dict[float, list[list[tuple]]] = {}

    def rows(self, page_width: float) -> list[list[tuple]]:
        """The key's items in rows that fit a page `page_width` wide."""
        if page_width not in self._rows:
            rows: list[list[tuple]] = [[]]
            used, room = 0.0, page_width - 2 * MARGIN
            for item in self.items:
                w = 22 + text_width(item[2], REGULAR, KEY_SIZE) + 12
                if used + w > room and rows[-1]:
                    rows.append([])
                    used = 0.0
                rows[-1].append((*item, w))
                used += w
            self._rows[page_width] = [r for r in rows if r]
        return self._rows[page_width]

    def height(self, page_width: float) -> float:
        """How tall the key is at the foot of a page `page_width` wide."""
        return len(self.rows(page_width)) * KEY_LINE + 8


class MapPageFlowable(Flowable):
    """Draws one `MapPage` on a page of its own (its frame is the whole page)."""

    def __init__(self, page: MapPage, key: MapKey, *, title: str,
                 names: dict[str, str], marked: set[str], therapist: bool) -> None:
        super().__init__()
        self.page = page
        self.key = key
        self.loops = key.loops
        self.title = title
        self.names = names
        self.marked = marked
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
        c.drawString(MARGIN, ph - MARGIN - 12, visual(clean(self.title)))
        c.setFont(REGULAR, 9)
        c.setFillColor(QUIET)
        c.drawString(MARGIN, ph - MARGIN - 27, page.heading + (f" · {page.note}" if page.note else ""))
        if self.therapist:
            c.setFillColor(PRIVATE)
            c.setFont(BOLD, 9)
            c.drawRightString(pw - MARGIN, ph - MARGIN - 12, "Therapist’s copy: private notes marked ✎")
        aw, _ah = drawing_area(page.size, self.key.height(pw))
        top = ph - MARGIN - TITLE_H
        used_w = max((p.x + p.size[0] for p in page.parts), default=0)
        # A single picture is centred; packed parts keep their places.
        left = MARGIN + (max(0.0, (aw - used_w) / 2) if len(page.parts) == 1 else 0.0)
        for part, form in zip(page.parts, forms):
            self._show(part, form, left + part.x, top - part.y)
        self._draw_key(c, pw)
        c.restoreState()

    def _form(self, part: Part) -> str:
        """The picture as a PDF form, drawn once however many pages show it."""
        c = self.canv
        kind = "overview" if self.page.overview else "full"
        name = f"attachmap-map-{id(part.geo)}-{kind}"
        drawn = c.__dict__.setdefault("_attachmap_forms", set())
        if name not in drawn:
            c.beginForm(name, 0, -part.geo.height, part.geo.width, 0)
            MapPainter(c, part.geo, self.loops, text=not self.page.overview, marked=self.marked,
                       names=self.names).draw()
            c.endForm()
            drawn.add(name)
        return name

    def _show(self, part: Part, form: str, left: float, top: float) -> None:
        c = self.canv
        wx, wy, ww, wh = part.window
        s = part.scale
        c.saveState()
        clip = c.beginPath()
        clip.rect(left - 1, top - wh * s - 1, ww * s + 2, wh * s + 2)
        c.clipPath(clip, stroke=0, fill=0)
        c.translate(left - wx * s, top + wy * s)
        c.scale(s, s)
        c.doForm(form)
        c.restoreState()

    def _draw_key(self, c, pw: float) -> None:
        rows = self.key.rows(pw)
        y = MARGIN + (len(rows) - 1) * KEY_LINE
        c.setFont(REGULAR, KEY_SIZE)
        for row in rows:
            x = MARGIN
            for what, thing, text, w in row:
                if what in ("kind", "core"):
                    fill, line = KIND_COLOURS[thing]
                    c.setFillColor(fill)
                    c.setStrokeColor(line)
                    c.setLineWidth(0.8)
                    c.roundRect(x, y - 1, 16, KEY_SIZE + 2, 2.5, stroke=1, fill=1)
                    if what == "core":
                        c.setLineWidth(0.5)
                        c.roundRect(x + 2, y + 1, 12, KEY_SIZE - 2, 1.5, stroke=1, fill=0)
                else:
                    style = None if what == "loop" else LINK_STYLES[thing]
                    c.setStrokeColor(thing.colour if style is None else style.colour)
                    c.setLineWidth(2.0 if style is None else style.width)
                    c.setDash([] if style is None else list(style.dash))
                    c.line(x, y + KEY_SIZE / 2, x + 16, y + KEY_SIZE / 2)
                    c.setDash([])
                c.setFillColor(INK)
                c.drawString(x + 20, y, text)
                x += w
            y -= KEY_LINE


def loop_marks(snap: MapSnapshot, found: list, palette: list[colors.Color]) -> list[LoopMark]:
    """The loops drawn heavy: every loop the map names, else the first vicious
    loop found (as `loop 1`), at most as many as there are loop colours."""
    named = [(lp.name, tuple(lp.nodes)) for lp in snap.loops]
    if not named:
        first = next((lp for lp in found if lp.vicious), None)
        if first is not None:
            named = [("loop 1", tuple(first.nodes))]
    return [LoopMark(name, palette[i], nodes)
            for i, (name, nodes) in enumerate(named[: len(palette)])]
