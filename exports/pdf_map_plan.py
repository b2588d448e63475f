"""How the map goes onto paper: which pages, and what each one shows.

The drawing is the engine's (patterns.layout), on paper's metrics. A map that
fits the chosen paper (portrait or landscape, whichever shows it larger) is
one page; a larger one moves to the next sheet up (A3, Tabloid), and a map
of several parts may have its parts set in rows. A map larger still is
split, never shrunk below `MIN_SCALE` (where the smallest words are 7 pt):

* first an overview: every part of the map drawn small in rows, one-line
  boxes numbered so that the index beside it (or after it) names each, and
  each part captioned with the page it is on;
* then the map part by part at full size. A part is a piece of the pattern
  that hangs together (its nodes linked to one another and to nothing else);
  small parts share a page; a part too big for a page is drawn person by
  person, and cut into tiles between boxes only as a last resort. Wherever
  a link goes on to another page, a mark at its end says where.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.map_paper import (
    MIN_SCALE,
    NUMBER_SIZE,
    PAPER,
    PAPER_LOOK,
    UNIT_X,
    UNIT_Y,
    PaperShapes,
    PaperText,
    paper_shapes,
)
from exports.pdf_fonts import BOLD, REGULAR, text_width
from exports.pdf_style import MAP_MARGIN as MARGIN
from exports.pdf_style import MIN_FONT, PAGE_SIZES, QUIET, Paper
from patterns.layout import layout_map, with_words
from patterns.layout.boxes import Look
from patterns.layout.drawing import Drawing, draw, write_words
from patterns.layout.labels import Occupancy, cycle_title, free_spot
from patterns.layout.model import MapLayout, MapSnapshot
from patterns.text import clean_label

#: A small map is drawn a little larger than life, never more.
MAX_SCALE = 1.25
TITLE_H = 40.0
PART_GAP = 18.0
CAPTION = 12.0
NOTE_SIZE = 7.4
INDEX_SIZE = 7.6
INDEX_LINE = INDEX_SIZE + 2.2
#: The overview's look: one-line boxes that say only their number.
OVERVIEW_LOOK = Look(box_width=6, most_lines=1, flat=True, gutter=False, edge_labels=False)


@dataclass
class Part:
    """One drawing (or a window onto it) placed on a page, y-down from the
    top-left corner of the page's drawing area."""

    shapes: PaperShapes
    scale: float
    window: tuple[float, float, float, float]
    """(x, y, w, h) of the drawing shown, in its points."""
    x: float = 0.0
    y: float = 0.0
    caption: str = ""
    """Words above the drawing (an overview's part, and its page)."""
    notes: list[PaperText] = field(default_factory=list)
    """Marks where a link goes on to another page, in the drawing's points."""
    drawing: Drawing | None = None
    boxes: list | None = None
    """The boxes a tile shows (those whole in its window), drawn over the
    lines; None: every box of the drawing."""

    @property
    def size(self) -> tuple[float, float]:
        """Width and height on the page, in points."""
        return self.window[2] * self.scale, self.window[3] * self.scale


@dataclass
class MapPage:
    """One page of the map."""

    size: tuple[float, float]
    heading: str
    parts: list[Part] = field(default_factory=list)
    overview: bool = False
    note: str = ""
    index: list[tuple[str, str]] = field(default_factory=list)
    """(number, words) of the overview's index set on this page."""


def drawing_area(size: tuple[float, float], key_h: float) -> tuple[float, float]:
    """Width and height left for the drawing on a page of `size`."""
    return size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - TITLE_H - key_h


def _whole(shapes: PaperShapes) -> tuple[float, float, float, float]:
    return (0.0, 0.0, shapes.width, shapes.height)


def _fit(w: float, h: float, size: tuple[float, float], key_h: float):  # type: ignore[no-untyped-def]
    """The orientation of `size` that shows w x h largest, and that scale."""
    w, h = max(w, 1.0), max(h, 1.0)  # an empty map is a page too
    best = None
    for turned in (size, (size[1], size[0])):
        aw, ah = drawing_area(turned, key_h)
        scale = min(aw / w, ah / h, MAX_SCALE)
        if best is None or scale > best[1] + 1e-9:
            best = (turned, scale)
    return best


class Planner:
    """Plans the map pages of one export."""

    def __init__(self, snap: MapSnapshot, paper: Paper, key_h: float,
                 names: dict[str, str], marked: set[str], layout: MapLayout | None = None) -> None:
        self.snap = snap
        self._layouts: dict[tuple, MapLayout] = {}
        #: id -> (drawing, its shapes), and the drawings whose words are placed
        self._shapes: dict[int, tuple[Drawing, PaperShapes]] = {}
        self._words: dict[int, Drawing] = {}
        if layout is not None:
            self._layouts[self._key(snap, None)] = layout
        self.paper = paper
        self.key_h = key_h
        self.names = names
        self.marked = marked
        self.base = PAGE_SIZES[paper][0][1]

    @staticmethod
    def _key(snap: MapSnapshot, person: str | None) -> tuple:
        return (tuple(n.id for n in snap.nodes), person)

    def layout(self, snap: MapSnapshot, person: str | None = None) -> MapLayout:
        """The layout of a piece of the map (each is made once: a map of one
        piece is its own overview's and its part's)."""
        key = self._key(snap, person)
        found = self._layouts.get(key)
        if found is None:
            found = self._layouts[key] = layout_map(snap, person=person)
        return found

    def shapes(self, drawing: Drawing, **options) -> PaperShapes:  # type: ignore[no-untyped-def]
        """The drawing on paper. Drawings are made without their words (a
        large map's whole drawing, when its sides are shown instead, and the
        overview's never show them): they are placed here, the first time
        a drawing is shown with them; its shapes are made once."""
        if options:
            if options.get("words", True):
                self._worded(drawing)
            return paper_shapes(drawing, names=self.names, marked=self.marked, **options)
        found = self._shapes.get(id(drawing))
        if found is None or found[0] is not drawing:
            found = self._shapes[id(drawing)] = (drawing, paper_shapes(
                self._worded(drawing), names=self.names, marked=self.marked))
        return found[1]

    def _worded(self, drawing: Drawing) -> Drawing:
        if id(drawing) not in self._words:
            self._words[id(drawing)] = write_words(drawing, PAPER)
        return drawing

    def one_page(self, drawing: Drawing, heading: str) -> MapPage | None:
        """The drawing on a page of its own, at a scale that can be read, or None."""
        for _name, size in PAGE_SIZES[self.paper][:2]:
            turned, scale = _fit(*_paper_size(drawing), size, self.key_h)
            if scale >= MIN_SCALE:
                shapes = self.shapes(drawing)
                return MapPage(turned, heading, [Part(shapes, scale, _whole(shapes),
                                                      drawing=drawing)])
        return None

    def plan(self) -> list[MapPage]:
        whole = draw(self.layout(self.snap), PAPER, PAPER_LOOK, words=False)
        page = self.one_page(whole, "The whole map")
        if page is not None:
            return [page]
        subs = pieces(self.snap)
        drawings = [whole if len(subs) == 1 else
                    draw(self.layout(sub), PAPER, PAPER_LOOK, words=False) for sub in subs]
        if len(subs) > 1:
            rows = self.rows_page([self.shapes(d) for d in drawings], drawings)
            if rows is not None:
                return [rows]
        pages: list[MapPage] = []
        first_page: list[int] = []  # each part's first page, counted from the first part page
        shelves: list[_Shelf] = []
        for k, (sub, drawing) in enumerate(zip(subs, drawings)):
            caption = _part_caption(k, sub)
            sizes = [z for z in (self.base, (self.base[1], self.base[0]))
                     if _fits_at(_paper_size(drawing), z, self.key_h, CAPTION)]
            if not sizes:
                first_page.append(len(pages))
                new = self.big_part(drawing, sub, len(pages))
                for page in new:
                    page.heading = f"{caption} · {page.heading}"
                pages += new
                continue
            shapes = self.shapes(drawing)
            for shelf in shelves:
                if shelf.add(shapes, drawing, caption):
                    first_page.append(pages.index(shelf.page))
                    break
            else:
                pages.append(MapPage(sizes[0], "The map, part by part"))
                shelves.append(_Shelf(pages[-1], self.key_h))
                shelves[-1].add(shapes, drawing, caption)
                first_page.append(len(pages) - 1)
        overview, index_pages = self.overview(subs, first_page, len(pages))
        front = [overview, *index_pages]
        _number_pages([*front, *pages], len(front))
        last = len(front) + len(pages)
        overview.note = (f"each part follows at a size you can read, on page {len(front) + 1}"
                         if last == len(front) + 1 else
                         f"each part follows at a size you can read, on pages "
                         f"{len(front) + 1}–{last}")
        return front + pages

    # -- a map of several parts, set in rows on one page ----------------------------

    def rows_page(self, shapes: list[PaperShapes], drawings: list[Drawing]) -> MapPage | None:
        for _name, size in PAGE_SIZES[self.paper][:2]:
            for turned in (size, (size[1], size[0])):
                aw, ah = drawing_area(turned, self.key_h)
                placed = _pack([(s.width, s.height) for s in shapes], aw / MIN_SCALE,
                               PART_GAP / MIN_SCALE)
                if placed is None:
                    continue
                (w, h), spots = placed
                scale = min(aw / w, ah / h, MAX_SCALE)
                if scale >= MIN_SCALE:
                    page = MapPage(turned, "The whole map")
                    for s, d, (x, y) in zip(shapes, drawings, spots):
                        page.parts.append(Part(s, scale, _whole(s), x * scale, y * scale,
                                               drawing=d))
                    return page
        return None

    # -- the overview -------------------------------------------------------------

    def overview(self, subs: list[MapSnapshot], first_page: list[int],
                 n_pages: int) -> tuple[MapPage, list[MapPage]]:
        """The whole map at a glance, and the pages of its index when they do
        not fit beside it: every part drawn small, its boxes numbered when
        the numbers can be read, each captioned with the page it is on."""
        numbers: dict[str, int] = {}
        small: list[Drawing] = []
        for sub in subs:
            lay = self.layout(sub)
            for p in sorted(lay.nodes.values(), key=lambda p: (p.layer, p.column, p.order)):
                numbers[p.id] = len(numbers) + 1
            labelled = sub.model_copy(update={"nodes": tuple(
                n.model_copy(update={"label": str(numbers[n.id]), "new": False})
                for n in sub.nodes)})
            small.append(draw(with_words(lay, labelled), PAPER, OVERVIEW_LOOK, words=False))
        index = [(str(numbers[n.id]), self.index_words(n)) for sub in subs for n in
                 sorted(sub.nodes, key=lambda n: numbers[n.id])]
        captions = [f"{_part_caption(k, sub)} · page {{page:{first_page[k]}}}"
                    for k, sub in enumerate(subs)]
        shapes = [self.shapes(d, numbers=numbers, words=False) for d in small]
        sizes = [(s.width, s.height) for s in shapes]
        caption_w = [text_width(c.replace("{page:", "").replace("}", "") + "00", BOLD, 8.0)
                     for c in captions]
        best = None
        for turned in (self.base, (self.base[1], self.base[0])):
            aw, ah = drawing_area(turned, self.key_h)
            lines_fit = max(1, int(ah // INDEX_LINE))
            columns = -(-len(index) // lines_fit)
            for beside in (True, False):
                room = aw - (columns * _index_width(index) + PART_GAP if beside else 0)
                if room < aw * 0.35:
                    continue
                scale, spots = _best_scale(sizes, caption_w, room, ah)
                readable = scale * NUMBER_SIZE >= MIN_FONT
                key = (readable, readable and beside, scale)
                if best is None or key > best[0]:
                    best = (key, turned, spots, scale, beside)
        assert best is not None
        (readable, beside, scale), turned, spots, scale, _ = best
        page = MapPage(turned, "The whole map at a glance", overview=True)
        for k, (s, d, (x, y)) in enumerate(zip(shapes, small, spots)):
            drawn = s if readable else self.shapes(d, words=False)
            page.parts.append(Part(drawn, scale, _whole(drawn), x, y + CAPTION, drawing=d,
                                   caption=captions[k]))
        pages: list[MapPage] = []
        if readable:
            if beside:
                page.index = index
            else:
                per_page = int(drawing_area(self.base, self.key_h)[1] // INDEX_LINE) * 3
                for i in range(0, len(index), per_page):
                    pages.append(MapPage(self.base, "The whole map at a glance: its index",
                                         index=index[i:i + per_page]))
        return page, pages

    def index_words(self, node) -> str:  # type: ignore[no-untyped-def]
        who = self.names.get(node.person or "", "")
        return clean_label(node.label) + (f" ({who})" if who else "")

    # -- a part too big for a page ------------------------------------------------------

    def big_part(self, drawing: Drawing, snap: MapSnapshot, start: int) -> list[MapPage]:
        """On the larger sheet if it fits there, else each person's side on
        its own, else tiles; a mark wherever a link goes on elsewhere.
        `start` is the index its first page will have among the part pages."""
        page = self.one_page(drawing, "The map, part by part")
        if page is not None:
            return [page]
        people = [p for p in snap.people if any(n.person == p.id for n in snap.nodes)]
        if len(people) < 2:
            return self.tiles(drawing, self.shapes(drawing), "The map, part by part", start)
        sides: list[tuple[str, Drawing, list[MapPage]]] = []
        first: dict[str, int] = {}
        at = start
        for person in people:
            side = draw(self.layout(snap, person.id), PAPER, PAPER_LOOK, words=False)
            heading = f"{person.name}’s side"
            found = self.one_page(side, heading)
            new = [found] if found else self.tiles(side, self.shapes(side), heading, at)
            first[person.id] = at
            sides.append((person.id, side, new))
            at += len(new)
        side_of = {n.id: n.person for n in snap.nodes}
        names = {p.id: p.name for p in people}
        pages: list[MapPage] = []
        for person, side, new in sides:
            notes = _side_notes(snap, side, person, side_of, names, first)
            for pg in new:
                for part in pg.parts:
                    x0, y0, w, h = part.window
                    part.notes += [n for n in notes if x0 <= n.x <= x0 + w and y0 <= n.y <= y0 + h]
            pages += new
        return pages

    def tiles(self, drawing: Drawing, shapes: PaperShapes, heading: str,
              start: int) -> list[MapPage]:
        base = self.base
        best = None
        spans_x = [(b.x - 4, b.x + b.w + 4) for b in shapes.boxes]
        spans_y = [(b.y - 4, b.y + b.h + 4) for b in shapes.boxes]
        for size in (base, (base[1], base[0])):
            aw, ah = drawing_area(size, self.key_h)
            xs = _spans(shapes.width, aw / MIN_SCALE, spans_x)
            ys = _spans(shapes.height, ah / MIN_SCALE, spans_y)
            turned = (size[0] > size[1]) == (shapes.width > shapes.height)
            rank = (len(xs) * len(ys), not turned)
            if best is None or rank < best[0]:
                best = (rank, size, xs, ys)
        _, size, xs, ys = best
        across, down = len(xs), len(ys)
        pages = []
        windows = [(x0, y0, x1 - x0, y1 - y0) for y0, y1 in ys for x0, x1 in xs]
        for k, window in enumerate(windows):
            j, i = divmod(k, across)
            note = (f"tile {k + 1} of {across * down}"
                    f" (row {j + 1} of {down}, column {i + 1} of {across})")
            # Only boxes whole in the window: one an edge would cut is whole
            # on the next tile, which overlaps this one as far as it needs.
            # The lines are drawn once for every tile (a PDF form).
            x0, y0, w, h = window
            part = Part(shapes, MIN_SCALE, window, drawing=drawing,
                        boxes=[b for b in shapes.boxes if x0 <= b.x and b.x + b.w <= x0 + w
                               and y0 <= b.y and b.y + b.h <= y0 + h])
            part.notes = _tile_notes(shapes, windows, k, start)
            pages.append(MapPage(size, heading, [part], note=note))
        return pages


def plan_pages(snap: MapSnapshot, paper: Paper, key_h: float, names: dict[str, str] | None = None,
               marked: set[str] | None = None, layout: MapLayout | None = None) -> list[MapPage]:
    """The map pages for `snap` on `paper`, in order (`layout`: the whole
    map's, when the caller has it)."""
    return Planner(snap, paper, key_h, names or {p.id: p.name for p in snap.people},
                   marked or set(), layout).plan()


def _part_caption(k: int, sub: MapSnapshot) -> str:
    """`Part 3 · ⟳ the chase`: a part, and the first cycle it holds."""
    named = next(iter(sub.cycles), None)
    return f"Part {k + 1}" + (f" · {cycle_title(named)}" if named else "")


def _paper_size(drawing: Drawing) -> tuple[float, float]:
    """The drawing's width and height on paper, in points (its shapes' size)."""
    return drawing.width * UNIT_X, drawing.height * UNIT_Y


def _fits_at(size_of: tuple[float, float], size: tuple[float, float], key_h: float,
             above: float = 0.0) -> bool:
    aw, ah = drawing_area(size, key_h)
    return size_of[0] <= aw and size_of[1] + above <= ah


class _Shelf:
    """Fills one page with parts at full size, left to right in rows."""

    def __init__(self, page: MapPage, key_h: float) -> None:
        self.page = page
        self.aw, self.ah = drawing_area(page.size, key_h)
        self.x = self.y = self.tallest = 0.0

    def add(self, shapes: PaperShapes, drawing: Drawing, caption: str = "") -> bool:
        """Place the drawing (under its caption) on the page if there is
        room; whether there was."""
        x, y, tallest = self.x, self.y, self.tallest
        height = shapes.height + (CAPTION if caption else 0)
        if x and x + shapes.width > self.aw:
            x, y, tallest = 0.0, y + tallest + PART_GAP, 0.0
        if x + shapes.width > self.aw or y + height > self.ah:
            return False
        self.page.parts.append(Part(shapes, 1.0, _whole(shapes), x,
                                    y + (CAPTION if caption else 0), caption=caption,
                                    drawing=drawing))
        self.x, self.y = x + shapes.width + PART_GAP, y
        self.tallest = max(tallest, height)
        return True


def _pack(sizes: list[tuple[float, float]], width: float,
          gap: float) -> tuple[tuple[float, float], list[tuple[float, float]]] | None:
    """Items set left to right in rows no wider than `width` (each taller
    first row ... in order): the whole's size and each item's place."""
    if any(w > width for w, _ in sizes):
        return None
    spots = []
    x = y = tallest = widest = 0.0
    for w, h in sizes:
        if x and x + w > width:
            x, y, tallest = 0.0, y + tallest + gap, 0.0
        spots.append((x, y))
        x += w + gap
        tallest = max(tallest, h)
        widest = max(widest, x - gap)
    return (widest, y + tallest), spots


def _best_scale(sizes: list[tuple[float, float]], captions: list[float], width: float,
                height: float) -> tuple[float, list[tuple[float, float]]]:
    """The largest scale (at most 1) at which the drawings, each under its
    caption, set in rows fit width x height; and where each goes."""

    def pack(scale: float) -> list[tuple[float, float]] | None:
        items = [(max(w * scale, c), h * scale + CAPTION) for (w, h), c in zip(sizes, captions)]
        placed = _pack(items, width, PART_GAP)
        if placed is None or placed[0][1] > height:
            return None
        return placed[1]

    lo, hi = 0.01, 1.0
    if pack(hi) is not None:
        return hi, pack(hi)  # type: ignore[return-value]
    for _ in range(24):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if pack(mid) is not None else (lo, mid)
    return lo, pack(lo) or [(0.0, 0.0)] * len(sizes)


def _index_width(index: list[tuple[str, str]]) -> float:
    longest = max((text_width(f"{n}  {w}", REGULAR, INDEX_SIZE) for n, w in index), default=0)
    return min(longest, 170.0) + 10


def pieces(snap: MapSnapshot) -> list[MapSnapshot]:
    """The parts of the map that hang together, each as a snapshot of its own,
    the part holding the first cycle (or named loop) first, then in file order."""
    parent = {n.id: n.id for n in snap.nodes}

    def root(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for lk in snap.links:
        a, b = root(lk.source), root(lk.target)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list] = {}
    for n in snap.nodes:
        groups.setdefault(root(n.id), []).append(n)
    first = set(snap.cycles[0].loop) if snap.cycles else \
        {nid for lp in snap.loops[:1] for nid in lp.nodes}
    ordered = sorted(groups.values(), key=lambda ns: not any(n.id in first for n in ns))
    out = []
    for nodes in ordered:
        ids = {n.id for n in nodes}
        out.append(snap.model_copy(update={
            "nodes": tuple(nodes),
            "links": tuple(lk for lk in snap.links if lk.source in ids),
            "loops": tuple(lp for lp in snap.loops if set(lp.nodes) <= ids),
            "cycles": tuple(c for c in snap.cycles if set(c.loop) <= ids),
        }))
    return out


def _spans(length: float, window: float,
           boxes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Windows along `length`, each at most `window` long, that leave no box
    (`boxes`: spans along the same axis) cut in all of them: a window ends
    between boxes where it can; where it cannot, the next one starts at the
    first box it cut, so that box is whole there."""
    out: list[tuple[float, float]] = []
    at = 0.0
    while True:
        end = min(at + window, length)
        if end >= length:
            out.append((at, length))
            return out
        cut = end
        while True:
            blocked = [a for a, b in boxes if a < cut < b]
            if not blocked:
                break
            cut = min(blocked)
        if cut > at + window * 0.4:
            out.append((at, cut))
            at = cut
        else:  # boxes overlap all the way: overlap the windows instead
            out.append((at, end))
            cut_boxes = [a for a, b in boxes if a < end < b and b - a <= window]
            at = max(min(cut_boxes, default=end), at + 1)


def _side_notes(snap: MapSnapshot, side: Drawing, person: str, side_of: dict[str, str | None],
                names: dict[str, str], first: dict[str, int]) -> list[PaperText]:
    """A mark near each box with a link to another person's side, in clear
    space: where it goes on (`→ Sam, page 4: a stream of…`)."""
    labels = {n.id: n.label for n in snap.nodes}
    room = Occupancy(side)
    for lab in side.labels:
        room.take(lab.x - 1, lab.y, lab.w + 2)
    notes: list[PaperText] = []
    crowded: dict[str, int] = {}  # marks that found no clear space, by box
    for lk in snap.links:
        for here, there, arrow in ((lk.source, lk.target, "→"), (lk.target, lk.source, "←")):
            other = side_of.get(there)
            if side_of.get(here) != person or other == person or here not in side.by_id \
                    or other not in first:
                continue
            box = side.by_id[here]
            words = clean_label(labels[there])
            words = words if len(words) <= 24 else words[:23].rstrip() + "…"
            text = f"{arrow} {names.get(other or '', '')}, page {{page:{first[other]}}}: {words}"
            n = int(text_width(text.replace("{page:", "").replace("}", ""), REGULAR, NOTE_SIZE)
                    / UNIT_X + 1.999)
            spot = free_spot(room, n, (box.x + 1, box.y + box.h), reach=40)
            if spot is None:  # nowhere clear near it: under the box, one a row
                k = crowded[here] = crowded.get(here, -1) + 1
                spot = (box.x + 1, box.y + box.h + k)
            x, y = spot
            notes.append(PaperText(x * UNIT_X, (y + 0.5) * UNIT_Y, text, REGULAR, NOTE_SIZE,
                                   QUIET, background=True, role="continued"))
    return notes


def _tile_notes(shapes: PaperShapes, windows: list[tuple[float, float, float, float]],
                k: int, start: int) -> list[PaperText]:
    """A mark where a link leaves tile k: the tile and page it goes on to."""
    x0, y0, w, h = windows[k]
    notes = []
    for link in shapes.links:
        pts = link.points
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            inside_a = x0 <= ax <= x0 + w and y0 <= ay <= y0 + h
            inside_b = x0 <= bx <= x0 + w and y0 <= by <= y0 + h
            if inside_a == inside_b:
                continue
            ox, oy = (bx, by) if inside_a else (ax, ay)
            other = next((j for j, (a, b, c, d) in enumerate(windows)
                          if j != k and a <= ox <= a + c and b <= oy <= b + d), None)
            if other is None:
                continue
            cx = min(max(ox, x0), x0 + w)
            cy = min(max(oy, y0), y0 + h)
            tx = min(max(cx - 30, x0 + 2), x0 + w - 90)
            ty = min(max(cy, y0 + 6), y0 + h - 6)
            notes.append(PaperText(tx, ty, f"↦ tile {other + 1}, page {{page:{start + other}}}",
                                   REGULAR, NOTE_SIZE, QUIET, background=True, role="continued"))
    return notes


def _number_pages(pages: list[MapPage], front: int) -> None:
    """Fill in the page numbers the marks and captions name: `{page:N}` is
    the N-th page after the overview and its index."""
    import re

    def fill(text: str) -> str:
        return re.sub(r"\{page:(\d+)\}", lambda m: str(front + int(m.group(1)) + 1), text)

    for page in pages:
        for part in page.parts:
            part.caption = fill(part.caption)
            for note in part.notes:
                note.text = fill(note.text)


__all__ = ["MAX_SCALE", "MapPage", "Part", "drawing_area", "pieces", "plan_pages"]
