"""How the map goes onto paper: which pages, and what each one shows.

A map that fits the chosen paper (portrait or landscape, whichever shows it
larger) is one page; a larger one moves to the next sheet up (A3, Tabloid).
A map larger still is split, never shrunk below `MIN_SCALE` (where the
smallest words are 7 pt): first an overview of the whole map (boxes and
loops, without words), then the map part by part. A part is a piece of the
pattern that hangs together (its nodes linked to one another and to nothing
else); small parts share a page, and a part too big for a page is split by
person, and cut into tiles between boxes only as a last resort.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.pdf_map_place import MIN_SCALE, MapGeometry, place
from exports.pdf_style import MAP_MARGIN as MARGIN
from exports.pdf_style import PAGE_SIZES, Paper
from patterns.layout import layout_map
from patterns.layout.model import MapSnapshot

#: A small map is drawn a little larger than life, never more.
MAX_SCALE = 1.25
TITLE_H = 40.0
PART_GAP = 18.0


@dataclass
class Part:
    """One picture (or a window onto it) placed on a page, y-down from the
    top-left corner of the page's drawing area."""

    geo: MapGeometry
    scale: float
    window: tuple[float, float, float, float]
    """(x, y, w, h) of the picture shown, in the picture's units."""
    x: float = 0.0
    y: float = 0.0

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


def drawing_area(size: tuple[float, float], key_h: float) -> tuple[float, float]:
    """Width and height left for the picture on a page of `size`."""
    return size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - TITLE_H - key_h


def _whole(geo: MapGeometry) -> tuple[float, float, float, float]:
    return (0.0, 0.0, geo.width, geo.height)


def _fit(geo: MapGeometry, size: tuple[float, float], key_h: float):
    """The orientation of `size` that shows `geo` largest, and that scale."""
    best = None
    for turned in (size, (size[1], size[0])):
        aw, ah = drawing_area(turned, key_h)
        scale = min(aw / geo.width, ah / geo.height, MAX_SCALE)
        if best is None or scale > best[1] + 1e-9:
            best = (turned, scale)
    return best


def _one_page(geo: MapGeometry, paper: Paper, key_h: float, heading: str) -> MapPage | None:
    for _name, size in PAGE_SIZES[paper][:2]:
        turned, scale = _fit(geo, size, key_h)
        if scale >= MIN_SCALE:
            return MapPage(turned, heading, [Part(geo, scale, _whole(geo))])
    return None


def plan_pages(snap: MapSnapshot, paper: Paper, key_h: float) -> list[MapPage]:
    """The map pages for `snap` on `paper`, in order."""
    geo = place(layout_map(snap))
    page = _one_page(geo, paper, key_h, "The whole map")
    if page is not None:
        return [page]
    base = PAGE_SIZES[paper][0][1]
    turned, scale = _fit(geo, base, key_h)
    overview = MapPage(turned, "The whole map at a glance", [Part(geo, scale, _whole(geo))],
                       overview=True)
    subs = pieces(snap)
    pages: list[MapPage] = []
    shelves: list[_Shelf] = []
    for sub in subs:
        part = place(layout_map(sub))
        sizes = [z for z in (base, (base[1], base[0])) if _fits_at(part, z, key_h)]
        if not sizes:
            pages += _big_part(part, sub, paper, key_h)
        elif not any(shelf.add(part) for shelf in shelves):
            # The first page with room takes it: the parts do not depend on one another.
            pages.append(MapPage(sizes[0], "The map, part by part"))
            shelves.append(_Shelf(pages[-1], key_h))
            shelves[-1].add(part)
    last = len(pages) + 1
    overview.note = ("each part follows at a size you can read, on page 2" if last == 2 else
                     f"each part follows at a size you can read, on pages 2–{last}")
    return [overview] + pages


def _fits_at(geo: MapGeometry, size: tuple[float, float], key_h: float) -> bool:
    aw, ah = drawing_area(size, key_h)
    return geo.width <= aw and geo.height <= ah


class _Shelf:
    """Fills one page with parts at full size, left to right in rows."""

    def __init__(self, page: MapPage, key_h: float) -> None:
        self.page = page
        self.aw, self.ah = drawing_area(page.size, key_h)
        self.x = self.y = self.tallest = 0.0

    def add(self, geo: MapGeometry) -> bool:
        """Place `geo` on the page if there is room; whether there was."""
        x, y, tallest = self.x, self.y, self.tallest
        if x and x + geo.width > self.aw:
            x, y, tallest = 0.0, y + tallest + PART_GAP, 0.0
        if x + geo.width > self.aw or y + geo.height > self.ah:
            return False
        self.page.parts.append(Part(geo, 1.0, _whole(geo), x, y))
        self.x, self.y, self.tallest = x + geo.width + PART_GAP, y, max(tallest, geo.height)
        return True


def pieces(snap: MapSnapshot) -> list[MapSnapshot]:
    """The parts of the map that hang together, each as a snapshot of its own,
    the part holding the first named loop first, then in file order."""
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
    named = {nid for lp in snap.loops[:1] for nid in lp.nodes}
    ordered = sorted(groups.values(), key=lambda ns: not any(n.id in named for n in ns))
    out = []
    for nodes in ordered:
        ids = {n.id for n in nodes}
        out.append(snap.model_copy(update={
            "nodes": tuple(nodes),
            "links": tuple(lk for lk in snap.links if lk.source in ids),
            "loops": tuple(lp for lp in snap.loops if set(lp.nodes) <= ids),
        }))
    return out


def _big_part(geo: MapGeometry, snap: MapSnapshot, paper: Paper, key_h: float) -> list[MapPage]:
    """A part too big for one page: on the larger sheet if it fits there, else
    each person's side on its own, else tiles."""
    page = _one_page(geo, paper, key_h, "The map, part by part")
    if page is not None:
        return [page]
    people = [p for p in snap.people if any(n.person == p.id for n in snap.nodes)]
    if len(people) > 1:
        pages: list[MapPage] = []
        for person in people:
            side = place(layout_map(snap, person=person.id))
            heading = f"{person.name}’s side"
            pages += [page] if (page := _one_page(side, paper, key_h, heading)) else \
                _tiles(side, paper, key_h, heading)
        return pages
    return _tiles(geo, paper, key_h, "The map, part by part")


def _cuts(length: float, window: float, spans: list[tuple[float, float]]) -> list[float]:
    """Where to cut `length` into pieces no longer than `window`, before any
    box a cut would go through (unless the box is most of a page long)."""
    cuts, at = [0.0], 0.0
    while length - at > window:
        limit = at + window
        blocked = [a for a, b in spans if a < limit < b]
        cut = min(blocked) - 4 if blocked else limit
        if cut <= at + window * 0.4:
            cut = limit
        cuts.append(cut)
        at = cut
    cuts.append(length)
    return cuts


def _tiles(geo: MapGeometry, paper: Paper, key_h: float, heading: str) -> list[MapPage]:
    base = PAGE_SIZES[paper][0][1]
    best = None
    for size in (base, (base[1], base[0])):
        aw, ah = drawing_area(size, key_h)
        xs = _cuts(geo.width, aw / MIN_SCALE, [(b.x, b.x + b.w) for b in geo.boxes.values()])
        ys = _cuts(geo.height, ah / MIN_SCALE, [(b.y, b.bottom) for b in geo.boxes.values()])
        turned = (size[0] > size[1]) == (geo.width > geo.height)
        rank = ((len(xs) - 1) * (len(ys) - 1), not turned)
        if best is None or rank < best[0]:
            best = (rank, size, xs, ys)
    _, size, xs, ys = best
    across, down = len(xs) - 1, len(ys) - 1
    pages = []
    for j in range(down):
        for i in range(across):
            window = (xs[i], ys[j], xs[i + 1] - xs[i], ys[j + 1] - ys[j])
            note = (f"tile {j * across + i + 1} of {across * down}"
                    f" (row {j + 1} of {down}, column {i + 1} of {across})")
            pages.append(MapPage(size, heading, [Part(geo, MIN_SCALE, window)], note=note))
    return pages
