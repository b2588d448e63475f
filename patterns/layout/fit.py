"""Choosing how to draw the map for the view it is shown in.

"Fit the screen" (the default) tries looks from the most generous to the
most compact and keeps the first whose drawing fits the view:

1. band names in a gutter, link kinds on the edges, boxes of 3, 2, 1 lines;
2. the band names left to the boxes' kind tags (more room across);
3. the link kinds left to the key;
4. one-row boxes, each row named in four letters in a narrow gutter
   (`FEEL·BODY` for a row holding both), else none.

Each look gets the widest boxes (14 to 28 units) that keep the drawing
within the view's width, fewer lines only while a box still shows 20
characters. When nothing fits, the look that shows every part of the main
cycle without scrolling, then the most parts, wins. "Full labels" shows every
label whole, however tall its box, and lets the drawing scroll. Plain
Python: the widget asks, a worker may compute.

    drawing, fit = draw_fitted(layout, metrics, None, 76, 29)   # choose afresh
    drawing, fit = draw_fitted(layout, metrics, fit, 76, 29)    # after an edit: keep sizes
    drawn = draw_map(snap, metrics, Asked(), 76, 29, drawn)     # and reuse what an edit left

Sizes are the view's whole size: scrollbars, when the drawing needs them,
are taken into account here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from patterns.layout.boxes import Look, Metrics, box_texts, grow_into_room
from patterns.layout.drawing import (
    Drawing,
    _draw,
    gutter_width,
    ring_room,
    row_headings,
    write_words,
)
from patterns.layout.layers import layout_map
from patterns.layout.model import MapLayout, MapSnapshot
from patterns.layout.place import place_columns
from patterns.layout.snapshot import layout_structure, with_words

__all__ = ["Asked", "Drawn", "Fit", "LOOKS", "choose_fit", "draw_fitted", "draw_map", "in_view",
           "shown_without_scrolling"]

#: Maps with more nodes than this never fit a screen: boxes get a fixed size.
FIT_LIMIT = 60
MIN_BOX, MAX_BOX, WIDE_MAP_BOX = 14, 28, 20
#: Cells Textual's scrollbars take (its default sizes, which the view keeps).
V_BAR, H_BAR = 2, 1
#: Drawings tried before the best of them is kept, when none fits the view.
MOST_TRIES = 24
#: Box widths tried below the widest that fits, one by one, for a look that
#: is nearly low enough.
WIDTHS_TRIED = 10
#: Fewer lines are tried only while a box still shows this many characters
#: of its label: below that the drawing fits but no longer says anything.
LEGIBLE = 20

#: The looks tried, most generous first (box widths are fitted to the view).
LOOKS: tuple[Look, ...] = (
    Look(most_lines=3, slack=None), Look(most_lines=3), Look(most_lines=2), Look(most_lines=1),
    Look(most_lines=2, gutter=False), Look(most_lines=1, gutter=False),
    Look(most_lines=2, gutter=False, edge_labels=False),
    Look(most_lines=1, gutter=False, edge_labels=False),
    Look(most_lines=1, short_bands=True, edge_labels=False, flat=True),
    Look(most_lines=1, gutter=False, edge_labels=False, flat=True),
)


@dataclass(frozen=True, slots=True)
class Fit:
    """How a drawing was made for a view: kept from one edit to the next so
    that boxes do not change size under the user's eyes."""

    look: Look
    full_labels: bool = False
    """True when the user asked for whole labels rather than a fitted map."""
    whole: bool = False
    """True when the whole drawing fitted the view without scrolling."""

    @property
    def mode(self) -> str:
        """The mode in a word or two, for the screen to say."""
        if self.full_labels:
            return "full labels"
        if self.look.flat:
            return "fit · one-line boxes"
        if not self.look.gutter or not self.look.edge_labels:
            return "fit · compact"
        return "fit"


def in_view(drawing: Drawing, width: int, height: int) -> tuple[int, int]:
    """The cells of a `width` x `height` view left for the drawing once the
    scrollbars it needs have taken theirs."""
    w, h = width, height
    for _ in range(2):  # one bar can bring the other
        w = width - V_BAR if drawing.height > h else width
        h = height - H_BAR if drawing.width > w else height
    return w, h


def shown_without_scrolling(drawing: Drawing, width: int, height: int) -> tuple[int, int, int]:
    """(nodes of the main cycle, nodes on any cycle, nodes) whose whole box
    a `width` x `height` view shows scrolled to the top left."""
    width, height = in_view(drawing, width, height)
    main = set(drawing.cycles[0].loop) if drawing.cycles else set()
    first = cycles = nodes = 0
    for box in drawing.boxes:
        if box.x + box.w <= width and box.y + box.h <= height:
            nodes += 1
            first += box.node_id in main
            cycles += box.cycle is not None
    return first, cycles, nodes


def _fits(drawing: Drawing, width: int, height: int) -> bool:
    return drawing.width <= width and drawing.height <= height


def _width_with(layout: MapLayout, metrics: Metrics, look: Look) -> int:
    """The drawing's width with a look, without routing it (rings counted)."""
    texts = box_texts(layout, metrics, look)
    extra, after = ring_room(layout, metrics)
    # Packed tight (slack 0) a column is as wide as its widest layer: no
    # sweep can change that, so none is made.
    placement = place_columns(
        layout, width=lambda s: texts[s.node].width if s.node is not None else 1,
        box_gap=metrics.box_gap, pass_gap=metrics.pass_gap, column_gap=metrics.column_gap,
        integer=True, slack=look.slack, extra=extra, after=after,
        sweeps=0 if look.slack == 0 else 4)
    return gutter_width(row_headings(layout, texts, look), metrics) + int(placement.width)


def fitting_width(layout: MapLayout, metrics: Metrics, look: Look, view_width: int) -> int:
    """The widest box (14 to 28 units) with which the whole drawing fits the
    view's width; a map too wide for that gets 14-unit boxes."""
    def fits(w: int) -> bool:
        return _width_with(layout, metrics, replace(look, box_width=w)) <= view_width

    if not layout.nodes or fits(MAX_BOX):
        return MAX_BOX
    if not fits(MIN_BOX):
        return MIN_BOX
    lo, hi = MIN_BOX, MAX_BOX  # fits(lo) and not fits(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def draw_with(layout: MapLayout, metrics: Metrics, look: Look, words: bool = True) -> Drawing:
    """The layout drawn with a look (words: the cycles' names and link kinds)."""
    texts = box_texts(layout, metrics, look)
    grow_into_room(layout, texts, metrics, look)
    drawing = _draw(layout, metrics, look, texts)
    return write_words(drawing, metrics) if words else drawing


def _least_height(layout: MapLayout, metrics: Metrics, look: Look) -> int:
    """No drawing with this look is lower than this: its boxes and the
    fewest rows between layers (a ring's crossing over the top aside)."""
    texts = box_texts(layout, metrics, look)
    heights = [max((texts[s.node].height for s in layer if s.node is not None), default=1)
               for layer in layout.layers]
    between = 1 if look.flat else metrics.min_channel
    return (1 if layout.people else 0) + sum(heights) + between * (len(heights) - 1)


def choose_fit(layout: MapLayout, metrics: Metrics, view_width: int, view_height: int,
               full_labels: bool = False) -> tuple[Drawing, Fit]:
    """The drawing to show in a view of this size (scrollbars included: the
    view's whole size), and how it was made."""
    if full_labels or len(layout.nodes) > FIT_LIMIT or view_height <= 0:
        base = Look(most_lines=None) if full_labels else LOOKS[1]
        if len(layout.nodes) > FIT_LIMIT:
            look = replace(base, box_width=WIDE_MAP_BOX)
        else:
            look = replace(base, box_width=fitting_width(layout, metrics, base, view_width))
        drawing = draw_with(layout, metrics, look, words=False)
        if drawing.height > view_height and drawing.width > view_width - V_BAR \
                and len(layout.nodes) <= FIT_LIMIT:
            narrower = fitting_width(layout, metrics, base, view_width - V_BAR)
            if narrower != look.box_width:
                look = replace(look, box_width=narrower)
                drawing = draw_with(layout, metrics, look, words=False)
        write_words(drawing, metrics)
        return drawing, Fit(look, full_labels, _fits(drawing, view_width, view_height))
    best: tuple[tuple[object, ...], Drawing, Fit] | None = None
    main = len(layout.cycles[0].loop) if layout.cycles else 0
    near: list[tuple[int, Look, int]] = []  # looks nearly low enough: (rank, look, width)
    tries = 0

    def attempt(rank: int, look: Look) -> Drawing | None:
        """Draw with a look: the drawing when it fits, else None (keeping the
        best so far)."""
        nonlocal best, tries
        tries += 1
        drawing = draw_with(layout, metrics, look, words=False)
        if _fits(drawing, view_width, view_height):
            return drawing
        first, cycles, nodes = shown_without_scrolling(drawing, view_width, view_height)
        score = (first >= main, nodes, first, cycles, -rank, look.box_width)
        if best is None or score > best[0]:
            best = (score, drawing, Fit(look))
        if drawing.width <= view_width and drawing.height <= view_height + 4:
            near.append((rank, look, look.box_width))
        return None

    # Each look with the widest boxes that keep it within the view's width;
    # when not even the most compact can be that narrow, only a few looks:
    # the drawing scrolls whatever it is, and the one showing most wins.
    compact = replace(LOOKS[-1], box_width=MIN_BOX)
    looks = list(enumerate(LOOKS))
    if _width_with(layout, metrics, compact) > view_width:
        looks = [looks[1], looks[3], looks[-2]]
    for rank, base in looks:
        widest = fitting_width(layout, metrics, base, view_width)
        lines = base.most_lines or 1
        if best is not None and lines > 1 and lines * (widest - 4) < LEGIBLE:
            continue  # fewer lines of wider boxes say more
        look = replace(base, box_width=widest)
        if best is not None and (_least_height(layout, metrics, look) > view_height or (
                widest == MIN_BOX and _width_with(layout, metrics, look) > view_width)):
            continue  # too tall, or too wide, with any boxes: a more compact look may fit
        fitted = attempt(rank, look)
        if fitted is not None:
            return write_words(fitted, metrics), Fit(look, whole=True)
        # A little narrower, where that was nearly low enough: fewer lines
        # may need a track to jog round a box.
        while near and near[-1][1] == look:
            near.pop()
            for width in range(widest - 1, max(MIN_BOX, widest - WIDTHS_TRIED) - 1, -1):
                if tries >= MOST_TRIES:
                    break
                narrower = replace(look, box_width=width)
                fitted = attempt(rank, narrower)
                if fitted is not None:
                    return write_words(fitted, metrics), Fit(narrower, whole=True)
            near.clear()
    assert best is not None
    return write_words(best[1], metrics), best[2]


def draw_fitted(layout: MapLayout, metrics: Metrics, kept: Fit | None, view_width: int,
                view_height: int, full_labels: bool = False) -> tuple[Drawing, Fit]:
    """The drawing of a layout and how it was made: as `kept` (the sizes
    before an edit), unless the drawing fitted the view before and no longer
    does (a growing map): then chosen afresh, once."""
    if kept is not None and kept.full_labels == full_labels:
        drawing = draw_with(layout, metrics, kept.look)
        if not kept.whole or _fits(drawing, view_width, view_height):
            return drawing, kept
    return choose_fit(layout, metrics, view_width, view_height, full_labels)


@dataclass(frozen=True, slots=True)
class Asked:
    """How the user asked to see the map: narrowed to one person's side
    and/or to the nodes within `radius` links of `around`, and fitted to the
    view or with every label whole."""

    person: str | None = None
    around: str | None = None
    radius: int = 1
    full_labels: bool = False


@dataclass(frozen=True, slots=True)
class Drawn:
    """A map as drawn for a view, with what it was drawn from, so the next
    change can reuse what it leaves as it was."""

    layout: MapLayout
    drawing: Drawing
    fit: Fit
    asked: Asked
    size: tuple[int, int]
    """The view's (width, height) it was drawn for."""
    structure: tuple[object, ...]
    """The snapshot's `layout_structure`."""
    words: tuple[object, ...]
    """What the boxes say: each node's label, layer, style and mark, and the
    cycles' names."""


def draw_map(snap: MapSnapshot, metrics: Metrics, asked: Asked, width: int, height: int,
             before: Drawn | None = None) -> Drawn:
    """The map drawn for a `width` x `height` view (the view's whole size).

    From `before` (the drawing on screen) it keeps the layout when the map's
    structure and what was asked are the same, the drawing too when the
    boxes say the same, and the fit when the view is the same; after a
    change of structure the new layout keeps the old one's order where it can.
    """
    structure = layout_structure(snap)
    words = (tuple((n.label, n.layer, n.style, n.new) for n in snap.nodes),
             tuple(c.name for c in snap.cycles))
    same_view = before is not None and before.asked == asked and before.size == (width, height)
    same_filter = before is not None and (before.asked.person, before.asked.around,
                                          before.asked.radius) == (asked.person, asked.around,
                                                                   asked.radius)
    if before is not None and before.structure == structure and same_filter:
        layout = with_words(before.layout, snap)
        if same_view and before.words == words:
            return replace(before, layout=layout)
    else:
        layout = layout_map(snap, person=asked.person, around=asked.around, radius=asked.radius,
                            before=before.layout if before is not None and same_filter else None)
    kept = before.fit if same_view and before is not None else None
    drawing, fit = draw_fitted(layout, metrics, kept, width, height, asked.full_labels)
    return Drawn(layout, drawing, fit, asked, (width, height), structure, words)
