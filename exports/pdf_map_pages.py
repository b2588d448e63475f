"""The map pages: how the picture goes onto paper, and the key beside it.

A map that fits the chosen paper (portrait or landscape, whichever shows it
larger) is one page. A larger map moves to the next paper size up (A3,
Tabloid). A map larger still is split: an overview of the whole map (boxes
and loops without words, too small to read, with where each part continues),
then each person's side on pages of its own, cut into tiles between layers
and between boxes when even that is too big. Words are never drawn under
7 pt: the picture is never shrunk below `MIN_SCALE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Flowable

from exports.pdf_fonts import BOLD, REGULAR, text_width
from exports.pdf_map_draw import LINK_STYLES, LoopMark, MapPainter
from exports.pdf_map_place import MIN_SCALE, MapGeometry, place
from exports.pdf_style import (
    INK,
    KIND_COLOURS,
    KIND_NAMES,
    MARGIN,
    MIN_FONT,
    PAGE_SIZES,
    PRIVATE,
    QUIET,
    Paper,
)
from patterns.layout import layout_map
from patterns.layout_model import MapSnapshot
from patterns.vocabulary import READING_ORDER, LinkKind, link_phrase

#: A small map is drawn a little larger than life, never more.
MAX_SCALE = 1.25
TITLE_H = 44.0
KEY_SIZE = MIN_FONT + 0.5
KEY_LINE = KEY_SIZE + 6


@dataclass
class MapPage:
    """One page of the map: which picture, which part of it, at what scale."""

    size: tuple[float, float]
    geo: MapGeometry
    scale: float
    window: tuple[float, float, float, float]
    """(x, y, w, h) of the picture shown, in the geometry's units."""
    heading: str
    note: str = ""
    overview: bool = False
    regions: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)
    """On an overview: (caption, area) of each part shown on later pages."""


def _area(size: tuple[float, float], key_h: float) -> tuple[float, float]:
    return size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - TITLE_H - key_h


def _fit(geo: MapGeometry, sizes: list[tuple[float, float]], key_h: float):
    """The page size (portrait or landscape) that shows `geo` largest."""
    best = None
    for w, h in sizes:
        for size in ((w, h), (h, w)):
            aw, ah = _area(size, key_h)
            scale = min(aw / geo.width, ah / geo.height, MAX_SCALE)
            if best is None or scale > best[1] + 1e-9:
                best = (size, scale)
    return best


def key_height(width: float, loops: list[LoopMark], snap: MapSnapshot) -> float:
    """How tall the key is on a page `width` wide."""
    return len(_key_rows(width - 2 * MARGIN, loops, snap)) * KEY_LINE + 6


def plan_pages(snap: MapSnapshot, loops: list[LoopMark], paper: Paper) -> list[MapPage]:
    """The map pages for `snap` on `paper`, in order."""
    geo = place(layout_map(snap))
    base = PAGE_SIZES[paper][0][1]
    key_h = key_height(min(base), loops, snap)
    for _name, size in PAGE_SIZES[paper][:2]:
        fitted, scale = _fit(geo, [size], key_h)
        if scale >= MIN_SCALE:
            return [MapPage(fitted, geo, scale, (0, 0, geo.width, geo.height), "The whole map")]
    # Too big even for the larger sheet: an overview, then each part readable.
    size, scale = _fit(geo, [base], key_h)
    overview = MapPage(size, geo, scale, (0, 0, geo.width, geo.height), "The whole map at a glance",
                       overview=True)
    pages = [overview]
    people = [p for p in snap.people if any(n.person == p.id for n in snap.nodes)]
    parts = [(p.name, place(layout_map(snap, person=p.id)), p.id) for p in people] \
        if len(people) > 1 else [("", geo, None)]
    for name, part_geo, person in parts:
        heading = f"{name}’s side" if name else "The map"
        first = len(pages) + 1
        pages += _tiles(part_geo, base, key_h, heading)
        last = len(pages)
        where = f"page {first}" if first == last else f"pages {first}–{last}"
        overview.regions.append((f"{heading}: {where}", _region_of(geo, person)))
    return pages


def _region_of(geo: MapGeometry, person: str | None) -> tuple[float, float, float, float]:
    for pid, left, right in geo.columns:
        if person is not None and pid == person:
            return (left, 0, right - left, geo.height)
    return (0, 0, geo.width, geo.height)


def _cuts(length: float, window: float, free: list[tuple[float, float]]) -> list[float]:
    """Where to cut a span of `length` into pieces no longer than `window`,
    preferring places outside every (start, end) in `free`-blocking spans."""
    cuts, at = [0.0], 0.0
    while length - at > window:
        limit = at + window
        blocked = [(a, b) for a, b in free if a < limit < b]
        cut = min(a for a, _ in blocked) - 4 if blocked else limit
        if cut <= at + window * 0.4:
            cut = limit  # a box taller than most of a page: cut through it
        cuts.append(cut)
        at = cut
    cuts.append(length)
    return cuts


def _tiles(geo: MapGeometry, base: tuple[float, float], key_h: float, heading: str) -> list[MapPage]:
    size, scale = _fit(geo, [base], key_h)
    if scale >= MIN_SCALE:
        return [MapPage(size, geo, scale, (0, 0, geo.width, geo.height), heading)]
    best = None
    for candidate in (base, (base[1], base[0])):
        aw, ah = _area(candidate, key_h)
        spans_x = [(b.x, b.x + b.w) for b in geo.boxes.values()]
        spans_y = [(b.y, b.bottom) for b in geo.boxes.values()]
        xs = _cuts(geo.width, aw / MIN_SCALE, spans_x)
        ys = _cuts(geo.height, ah / MIN_SCALE, spans_y)
        count = (len(xs) - 1) * (len(ys) - 1)
        if best is None or count < best[0]:
            best = (count, candidate, xs, ys)
    _, size, xs, ys = best
    across, down = len(xs) - 1, len(ys) - 1
    pages = []
    for j in range(down):
        for i in range(across):
            n = j * across + i + 1
            window = (xs[i], ys[j], xs[i + 1] - xs[i], ys[j + 1] - ys[j])
            note = f"part {n} of {across * down} (row {j + 1} of {down}, column {i + 1} of {across})"
            pages.append(MapPage(size, geo, MIN_SCALE, window, heading, note))
    return pages


def _key_rows(width: float, loops: list[LoopMark], snap: MapSnapshot) -> list[list[tuple]]:
    kinds = [k for k in READING_ORDER if any(n.kind is k for n in snap.nodes)]
    links = [k for k in LinkKind if any(lk.kind is k for lk in snap.links)]
    items = [("kind", k, KIND_NAMES[k]) for k in kinds]
    items += [("link", k, link_phrase(k)) for k in links]
    items += [("loop", lp, f"⟳ {lp.name}") for lp in loops]
    rows: list[list[tuple]] = [[]]
    used = 0.0
    for item in items:
        w = 22 + text_width(item[2], REGULAR, KEY_SIZE) + 12
        if used + w > width and rows[-1]:
            rows.append([])
            used = 0.0
        rows[-1].append((*item, w))
        used += w
    return [r for r in rows if r]


class MapPageFlowable(Flowable):
    """Draws one `MapPage` on a page of its own (its frame is the whole page)."""

    def __init__(self, page: MapPage, loops: list[LoopMark], snap: MapSnapshot, *, title: str,
                 names: dict[str, str], marked: set[str], therapist: bool) -> None:
        super().__init__()
        self.page = page
        self.loops = loops
        self.snap = snap
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
        c.saveState()
        c.setFillColor(INK)
        c.setFont(BOLD, 15)
        c.drawString(MARGIN, ph - MARGIN - 12, self.title)
        c.setFont(REGULAR, 9)
        c.setFillColor(QUIET)
        sub = page.heading + (f" · {page.note}" if page.note else "")
        c.drawString(MARGIN, ph - MARGIN - 27, sub)
        if self.therapist:
            c.setFillColor(PRIVATE)
            c.setFont(BOLD, 9)
            c.drawRightString(pw - MARGIN, ph - MARGIN - 12, "Therapist’s copy: private notes marked ✎")
        aw, ah = _area(page.size, key_height(pw, self.loops, self.snap))
        wx, wy, ww, wh = page.window
        s = page.scale
        left = MARGIN + max(0.0, (aw - ww * s) / 2)
        top = ph - MARGIN - TITLE_H
        c.saveState()
        p = c.beginPath()
        p.rect(left - 1, top - wh * s - 1, ww * s + 2, wh * s + 2)
        c.clipPath(p, stroke=0, fill=0)
        c.translate(left - wx * s, top + wy * s)
        c.scale(s, s)
        MapPainter(c, page.geo, self.loops, text=not page.overview, marked=self.marked,
                   names=self.names).draw()
        if page.overview:
            self._regions(c, page)
        c.restoreState()
        if page.overview:
            c.setFont(REGULAR, 9)
            c.setFillColor(QUIET)
            c.drawString(MARGIN, top - wh * s - 12, "Too large to read on one page: each part "
                         "follows on pages of its own, at a size you can read.")
        self._key(c, pw)
        c.restoreState()

    def _regions(self, c, page: MapPage) -> None:
        # Drawn in the picture's units, but sized so the words stay at 9 pt.
        size = 9 / page.scale
        for caption, (x, y, w, h) in page.regions:
            c.setStrokeColor(QUIET)
            c.setLineWidth(1 / page.scale)
            c.setDash([4 / page.scale, 3 / page.scale])
            c.rect(x, -(y + h), w, h, stroke=1, fill=0)
            c.setDash([])
            c.setFillColor(colors.white)
            tw = text_width(caption, BOLD, size)
            c.rect(x + w / 2 - tw / 2 - 3 / page.scale, -(y + size * 1.6), tw + 6 / page.scale,
                   size * 1.5, stroke=0, fill=1)
            c.setFillColor(INK)
            c.setFont(BOLD, size)
            c.drawCentredString(x + w / 2, -(y + size * 1.2), caption)

    def _key(self, c, pw: float) -> None:
        rows = _key_rows(pw - 2 * MARGIN, self.loops, self.snap)
        y = MARGIN + (len(rows) - 1) * KEY_LINE
        c.setFont(REGULAR, KEY_SIZE)
        for row in rows:
            x = MARGIN
            for what, thing, text, w in row:
                if what == "kind":
                    fill, line = KIND_COLOURS[thing]
                    c.setFillColor(fill)
                    c.setStrokeColor(line)
                    c.setLineWidth(0.8)
                    c.roundRect(x, y - 1, 16, KEY_SIZE + 2, 2.5, stroke=1, fill=1)
                else:
                    colour = thing.colour if what == "loop" else LINK_STYLES[thing].colour
                    width = 2.0 if what == "loop" else LINK_STYLES[thing].width
                    dash = [] if what == "loop" else list(LINK_STYLES[thing].dash)
                    c.setStrokeColor(colour)
                    c.setLineWidth(width)
                    c.setDash(dash)
                    c.line(x, y + KEY_SIZE / 2, x + 16, y + KEY_SIZE / 2)
                    c.setDash([])
                c.setFillColor(INK)
                c.drawString(x + 20, y, text)
                x += w
            y -= KEY_LINE


def loop_marks(snap: MapSnapshot, found: list, palette: list) -> list[LoopMark]:
    """The loops drawn heavy: every loop the map names, else the first vicious
    loop found (as `loop 1`), at most as many as there are loop colours."""
    named = [(lp.name, tuple(lp.nodes)) for lp in snap.loops]
    if not named:
        first = next((lp for lp in found if lp.vicious), None)
        if first is not None:
            named = [("loop 1", tuple(first.nodes))]
    return [LoopMark(name, palette[i], nodes)
            for i, (name, nodes) in enumerate(named[: len(palette)])]


__all__ = ["MapPage", "MapPageFlowable", "loop_marks", "plan_pages"]
