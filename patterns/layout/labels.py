"""Where the link kinds and the cycles' names are written on the picture.

A cycle's name (`⟳ the chase`) goes on its ring's own line where it crosses
over to its target, where nothing else is: clear space by construction;
else on the ring's way out, else in the nearest free row beside the ring.
Each edge's kind goes on its own horizontal stretch when that is long enough
and crossed by nothing, else beside one of its vertical runs, nearest the
middle, with a free unit on both sides and no other edge's line just past
it, so that a reader can tell which line it belongs to. Nothing is ever
written over a box, a line, another label or the band headings. The steps
that close a loop get room first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from patterns.layout.model import LayoutEdge, MapCycle
from patterns.layout.words import line_width
from patterns.text import clean_label
from patterns.vocabulary import LinkKind, NodeKind, default_link_kind, link_phrase
from patterns.voice import CYCLE

if TYPE_CHECKING:
    from patterns.layout.boxes import Metrics
    from patterns.layout.drawing import Drawing

__all__ = ["EdgeLabel", "Occupancy", "cycle_title", "edge_text", "free_spot",
           "place_cycle_names", "place_edge_labels"]

LOOP_MARK = "⟳"


@dataclass(slots=True)
class EdgeLabel:
    """Words written on the picture: an edge's kind, or a cycle's name."""

    x: int
    y: int
    w: int
    """Units the words take (their space either side is kept free too)."""
    text: str
    edge: int | None = None
    """Index in `Drawing.edges`, for a link kind."""
    cycle: int | None = None
    """Index in `Drawing.cycles`, for a cycle's name."""


def edge_text(edge: LayoutEdge) -> str:
    """What is written on an edge: its kinds as a client reads them."""
    return _phrases(edge.kinds)


@lru_cache(maxsize=256)
def _phrases(kinds: tuple[LinkKind, ...]) -> str:
    return " · ".join(link_phrase(k) for k in kinds)


def cycle_title(cycle: MapCycle) -> str:
    """A cycle's name as written on its ring (`⟳ the chase`; an unnamed one
    by its number among the map's cycles, `⟳ cycle 2`: the client's copy's
    word)."""
    return f"{LOOP_MARK} {clean_label(cycle.name or '') or f'{CYCLE} {cycle.number}'}"


class Occupancy:
    """Which units of the picture hold something, row by row: boxes, lines,
    the gutter and the headings; labels add themselves as they are placed.
    A row is built the first time a label is tried on it, as one bit a unit
    (an int); a vertical line is kept once, by the blocks of rows it
    crosses and by its x, not once per row: a map of thousands of nodes is
    thousands of units wide and deep."""

    #: Rows per block of the vertical lines' index.
    BLOCK = 8

    def __init__(self, drawing: Drawing) -> None:
        self.width = drawing.width
        self.height = drawing.height
        self.margin = drawing.gutter
        self.header = bool(drawing.header_rows)
        h = drawing.height + 1
        self._h = h
        self.box_rows: list[list[tuple[int, int]]] = [[] for _ in range(h)]
        for box in drawing.boxes:
            for y in range(box.y, min(box.y + box.h, h)):
                self.box_rows[y].append((box.x, box.w))
        #: per row: (lo, hi, edge) of horizontal (and aslant) runs
        self.runs: list[list[tuple[int, int, int]]] = [[] for _ in range(h)]
        #: (x, first row, last row, edge) of the vertical runs, by the blocks
        #: of rows they cross and by their x
        self._verticals: dict[int, list[tuple[int, int, int, int]]] = {}
        self._at_x: dict[int, list[tuple[int, int, int, int]]] = {}
        block = self.BLOCK
        for route in drawing.routes:
            e = route.edge
            pts = route.points
            if len(pts) == 1:
                x, y = pts[0]
                if y < h:
                    run = (x, y, y, e)
                    self._verticals.setdefault(y // block, []).append(run)
                    self._at_x.setdefault(x, []).append(run)
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if ay == by:
                    if ay < h:
                        self.runs[ay].append((min(ax, bx), max(ax, bx), e))
                elif ax == bx:
                    top, bottom = min(ay, by), min(max(ay, by), h - 1)
                    run = (ax, top, bottom, e)  # one tuple, in every block it crosses
                    for b in range(top // block, bottom // block + 1):
                        self._verticals.setdefault(b, []).append(run)
                    self._at_x.setdefault(ax, []).append(run)
                else:  # aslant: the units it passes on each row it crosses
                    for y in range(min(ay, by), min(max(ay, by) + 1, h)):
                        t0 = (y - 0.5 - ay) / (by - ay)
                        t1 = (y + 0.5 - ay) / (by - ay)
                        xa = ax + (bx - ax) * min(max(t0, 0.0), 1.0)
                        xb = ax + (bx - ax) * min(max(t1, 0.0), 1.0)
                        self.runs[y].append((int(min(xa, xb)), int(max(xa, xb) + 0.999), e))
        #: each row built so far, as an int whose bit x is set where unit x is held
        self._bits: dict[int, int] = {}
        self._taken: dict[int, list[tuple[int, int]]] = {}

    def cols(self, y: int) -> list[tuple[int, int]]:
        """(x, edge) of the vertical runs crossing row y."""
        return [(x, e) for x, top, bottom, e in self._verticals.get(y // self.BLOCK, ())
                if top <= y <= bottom]

    def _row_bits(self, y: int) -> int:
        found = self._bits.get(y)
        if found is None:
            if y == 0 and self.header:
                found = (1 << (self.width + 1)) - 1
            else:
                found = (1 << self.margin) - 1
                for x, w in self.box_rows[y]:
                    found |= ((1 << w) - 1) << x
                for lo, hi, _ in self.runs[y]:
                    found |= ((1 << (hi - lo + 1)) - 1) << lo
                for x, _ in self.cols(y):
                    if 0 <= x <= self.width:
                        found |= 1 << x
            for x, n in self._taken.get(y, ()):
                a = max(0, x)
                found |= ((1 << (x + n - a)) - 1) << a
            self._bits[y] = found
        return found

    def row(self, y: int) -> bytearray:
        """Row y with 1 where something is drawn, 3 where words are."""
        bits = self._row_bits(y)
        found = bytearray(self.width + 1)
        for x in range(self.width + 1):
            if bits >> x & 1:
                found[x] = 1
        for x, n in self._taken.get(y, ()):
            found[max(0, x):x + n] = b"\x03" * (x + n - max(0, x))
        return found

    def word_units(self, y: int, lo: int, hi: int) -> set[int]:
        """The units lo..hi of row y that hold words."""
        return {x for a, n in self._taken.get(y, ()) for x in range(max(a, lo, 0),
                                                                    min(a + n, hi + 1))}

    def lines(self, y: int, lo: int = 0, hi: int | None = None) -> dict[int, int]:
        """x -> the edge whose line passes through (x, y), or -1 where
        two or more do (only for lo <= x <= hi, when given)."""
        hi = self.width if hi is None else hi
        found: dict[int, int] = {}
        get = found.get
        for a, b, e in self.runs[y]:
            for x in range(max(a, lo), min(b, hi) + 1):
                found[x] = e if get(x, e) == e else -1
        at_x = self._at_x
        for x in range(max(lo, 0), hi + 1) if hi - lo < len(at_x) else sorted(at_x):
            if lo <= x <= hi:
                for _, top, bottom, e in at_x.get(x, ()):
                    if top <= y <= bottom:
                        found[x] = e if get(x, e) == e else -1
        return found

    def free(self, x: int, y: int, n: int) -> bool:
        """Whether units x..x+n-1 of row y are free and inside the picture."""
        if y < 0 or y >= self.height or x < self.margin or x + n > self.width:
            return False
        return n <= 0 or not (self._row_bits(y) >> x) & ((1 << n) - 1)

    def take(self, x: int, y: int, n: int) -> None:
        self._taken.setdefault(y, []).append((x, n))
        if y in self._bits and x + n > max(0, x):
            a = max(0, x)
            self._bits[y] |= ((1 << (x + n - a)) - 1) << a

    def other_line(self, x: int, y: int, edge: int) -> bool:
        """Whether (x, y) holds a line of another edge."""
        if not (0 <= y < self.height):
            return False
        return any(e != edge for _, top, bottom, e in self._at_x.get(x, ())
                   if top <= y <= bottom) or \
            any(e != edge for a, b, e in self.runs[y] if a <= x <= b)


def _cells(ax: int, ay: int, bx: int, by: int) -> list[tuple[int, int]]:
    if ax == bx:
        step = 1 if by >= ay else -1
        return [(ax, y) for y in range(ay, by + step, step)]
    step = 1 if bx >= ax else -1
    return [(x, ay) for x in range(ax, bx + step, step)]


def _width(text: str, metrics: Metrics) -> int:
    key = ("edge words", text)
    found = metrics._cache.get(key)
    if found is None:
        found = metrics._cache[key] = int(line_width(metrics.edge_clusters(text)) + 0.999)
    return found


def place_cycle_names(drawing: Drawing, room: Occupancy, metrics: Metrics) -> list[EdgeLabel]:
    """Each cycle's name in clear space at its ring (or, a cycle without a
    ring, near its middle)."""
    out: list[EdgeLabel] = []
    for i, cycle in enumerate(drawing.cycles):
        text = cycle_title(cycle)
        n = _width(text, metrics)
        closing = (cycle.loop[-1], cycle.loop[0])
        route = next((r for r in drawing.routes
                      if (drawing.edges[r.edge].source, drawing.edges[r.edge].target) == closing
                      and drawing.edges[r.edge].ring), None)
        spot = None
        if route is not None:
            runs = _horizontal_runs(route.points)
            # the crossing over to the target first, then the way out
            for lo, hi, y in sorted(runs, key=lambda r: (r[2], r[0])):
                spot = _inline(n, lo, hi, y, room, route.edge)
                if spot is not None:
                    break
            if spot is None:
                spot = _near(n, route.points, room)
        else:
            boxes = [drawing.by_id[v] for v in cycle.loop if v in drawing.by_id]
            if boxes:
                cx = sum(b.x + b.w // 2 for b in boxes) // len(boxes)
                cy = sum(b.y for b in boxes) // len(boxes)
                spot = _near(n, [(cx, cy)], room)
        if spot is not None:
            x, y = spot
            out.append(EdgeLabel(x, y, n, text, cycle=i))
            room.take(x - 1, y, n + 2)
    return out


def place_edge_labels(drawing: Drawing, room: Occupancy, metrics: Metrics) -> list[EdgeLabel]:
    """Write each edge's kind where it fits, or leave it to the key."""
    nodes = {box.node_id: box.kind for box in drawing.boxes}
    order = sorted(range(len(drawing.routes)),
                   key=lambda i: (_rank(drawing.edges[drawing.routes[i].edge], nodes), i))
    out: list[EdgeLabel] = []
    for i in order:
        route = drawing.routes[i]
        edge = drawing.edges[route.edge]
        if edge.ring and not _surprising(edge, nodes):
            continue  # a ring says what it is by its name
        text = edge_text(edge)
        n = _width(text, metrics)
        spot = None
        if LinkKind.MASKS not in edge.kinds:  # a dotted line stays dotted end to end
            for lo, hi, y in sorted(_horizontal_runs(route.points), key=lambda r: (r[0] - r[1])):
                spot = _inline(n, lo, hi, y, room, route.edge)
                if spot is not None:
                    break
        if spot is None:
            spot = _beside(n, route, room)
        if spot is None:
            continue
        x, y = spot
        out.append(EdgeLabel(x, y, n, text, edge=route.edge))
        room.take(x - 1, y, n + 2)
    return out


def _horizontal_runs(points: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    # (an aslant segment has no run to write on, nor a vertical one beside)
    """(lo, hi, y) of the polyline's horizontal segments, corners left out."""
    runs = []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        if ay == by and ax != bx:
            runs.append((min(ax, bx) + 1, max(ax, bx) - 1, ay))
    return runs


def _inline(n: int, lo: int, hi: int, y: int, room: Occupancy,
            edge: int) -> tuple[int, int] | None:
    """Room on an edge's own horizontal stretch lo..hi: `n` units of words,
    a space and a unit of line either side, crossed by no other line; the
    run nearest the stretch's middle."""
    if hi - lo + 1 < n + 4:
        return None
    lines, words = room.lines(y, lo, hi), room.word_units(y, lo, hi)
    own = [lines.get(x) == edge and x not in words for x in range(lo, hi + 1)]
    middle = (lo + hi - n) / 2
    best = None
    run = 0
    for i, ok in enumerate(own):
        run = run + 1 if ok else 0
        if run >= n + 4:
            x = lo + i - (n + 4) + 3  # the words start after a unit of line and a space
            key = abs(x - middle)
            if best is None or key < best[0]:
                best = (key, x)
    return None if best is None else (best[1], y)


def _beside(n: int, route, room: Occupancy) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """Room beside one of the edge's vertical runs, nearest its middle."""
    spots: list[tuple[int, int]] = []
    for (ax, ay), (bx, by) in zip(route.points, route.points[1:]):
        if ax == bx and ay != by:
            step = 1 if by > ay else -1
            spots += [(ax, y) for y in range(ay + step, by, step)]
    middle = len(spots) // 2
    for k in sorted(range(len(spots)), key=lambda k: (abs(k - middle), k)):
        x, y = spots[k]
        # to the right: a space, the words, a space, then no other line
        if room.free(x + 1, y, n + 2) and not room.other_line(x + n + 3, y, route.edge):
            return (x + 2, y)
        if room.free(x - n - 2, y, n + 2) and not room.other_line(x - n - 3, y, route.edge):
            return (x - n - 1, y)
    return None


def free_spot(room: Occupancy, n: int, near: tuple[int, int],
              reach: int = 12) -> tuple[int, int] | None:
    """Where words `n` units long can go nearest a point, with a free unit
    either side, within `reach` rows (None: nowhere free so near); the spot
    is taken."""
    spot = _near(n, [near], room, reach)
    if spot is not None:
        room.take(spot[0] - 1, spot[1], n + 2)
    return spot


def _near(n: int, points: list[tuple[int, int]], room: Occupancy,
          reach: int | None = None) -> tuple[int, int] | None:
    """The free run of n + 2 units nearest the given points (rows further
    off count twice as much as units across)."""
    best = None
    for px, py in points:
        for d in range(0, reach if reach is not None else max(room.width, room.height)):
            for y in (py - d, py + d) if d else (py,):
                # the words start at x, in px - n - 1 - 2d .. px + 2d, a free unit before them
                start = _nearest_run(room, y, n + 2, px - n - 2 - 2 * d, px + 2 * d - 1,
                                     px - n // 2 - 1)
                if start is not None:
                    x = start + 1
                    key = (abs(y - py) * 2 + abs(x + n // 2 - px), y, x)
                    if best is None or key < best[0]:
                        best = (key, (x, y))
            if best is not None and d * 2 > best[0][0]:
                return best[1]
    return None if best is None else best[1]


def _nearest_run(room: Occupancy, y: int, n: int, lo: int, hi: int, target: int) -> int | None:
    """The x in lo..hi nearest `target` (the smaller on a tie) where units
    x..x+n-1 of row y are free and inside the picture, or None: what trying
    `room.free` at each x would find, a free stretch at a time."""
    if y < 0 or y >= room.height:
        return None
    lo, hi = max(lo, room.margin), min(hi, room.width - n)
    if lo > hi:
        return None
    # the row as text, unit x at index x: "1" where something is, "0" where free
    units = format(room._row_bits(y), "b")[::-1].ljust(room.width + 1, "0")
    best = None
    for run in _free_runs(n).finditer(units, lo, hi + n):
        x = min(max(target, run.start()), run.end() - n)
        if best is None or (abs(x - target), x) < (abs(best - target), best):
            best = x
    return best


@lru_cache(maxsize=64)
def _free_runs(n: int) -> re.Pattern[str]:
    """Stretches of at least n free units in a row of `Occupancy`, as text."""
    return re.compile("0{%d,}" % n)


def _surprising(edge: LayoutEdge, nodes: dict[str, NodeKind]) -> bool:
    """Whether the edge has a kind the bands do not already say (a surface
    feeling that masks a core one, a move that blocks its need)."""
    usual = default_link_kind(nodes[edge.source], nodes[edge.target])
    return any(kind is not usual for kind in edge.kinds)


def _rank(edge: LayoutEdge, nodes: dict[str, NodeKind]) -> int:
    """Which labels get room first: the steps of a cycle; then the kinds the
    bands do not already say; the rest."""
    if edge.cycle is not None and not edge.variant:
        return 0
    if _surprising(edge, nodes):
        return 1
    if edge.cycle is not None:
        return 2
    return 3
