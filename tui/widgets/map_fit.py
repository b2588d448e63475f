"""Choosing how to draw the map for the view it is shown in: how wide the
boxes may be and how many lines of each label they show.

"Fit the screen" (the default) tries labels of up to 3, 2 and 1 lines, each
with the widest boxes that keep the picture within the view's width (fewer
lines only while a box still shows 20 characters), and keeps the first
picture that fits the view's height too; when none does, the one that shows
the most of the map's loops, then the most nodes, without scrolling.
"Full labels" shows every label whole, however tall its box, and lets the
picture scroll. Plain Python, no Textual: the widget asks, a worker
may compute.

    picture, fit = draw_fitted(layout, None, 76, 29)        # choose afresh
    picture, fit = draw_fitted(layout, fit, 76, 29)         # after an edit: keep sizes
    drawn = draw_map(snap, Look(), 76, 29, drawn)           # and reuse what an edit left

Sizes are the widget's whole size: scrollbars, when the picture needs them,
are taken into account here.

`draw_map` is what the map view calls after each change: it lays the map
out again only when its structure changed (not for a label, an intensity or
what is new), and builds the picture again only when what it shows changed,
so the same map in the same view always gets the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from patterns.layout import layout_map, layout_structure, with_words
from patterns.layout.model import MapLayout, MapSnapshot
from tui.widgets.map_geometry import (
    FIT_LINES,
    HEADER_ROWS,
    MIN_BOX,
    WIDE_MAP_BOX,
    Picture,
    build_picture,
    fitting_box_width,
)

#: Maps with more nodes than this never fit a screen: boxes get a fixed size.
FIT_LIMIT = 60
#: The lines of label tried, most first, when fitting the screen.
TRIED_LINES: tuple[int, ...] = (FIT_LINES, 2, 1)
#: Cells Textual's scrollbars take (its default sizes, which MapView keeps).
V_BAR, H_BAR = 2, 1
#: Fewer lines are tried only while a box still shows this many characters
#: of its label: below that the picture fits but no longer says anything.
LEGIBLE = 20


@dataclass(frozen=True, slots=True)
class Fit:
    """How a picture was drawn: kept from one edit to the next so that boxes
    do not change size under the user's eyes."""

    box_width: int
    """The widest a box may be (each is as narrow as its label allows)."""
    most_lines: int | None
    """Lines of label a box shows (None: every label whole)."""
    full_labels: bool = False
    """True when the user asked for whole labels rather than a fitted map."""
    whole: bool = False
    """True when the whole picture fitted the view without scrolling."""


def in_view(picture: Picture, width: int, height: int) -> tuple[int, int]:
    """The cells of a `width` x `height` view left for the picture once the
    scrollbars it needs have taken theirs."""
    w, h = width, height
    for _ in range(2):  # one bar can bring the other
        w = width - V_BAR if picture.height > h else width
        h = height - H_BAR if picture.width > w else height
    return w, h


def shown_without_scrolling(picture: Picture, width: int, height: int) -> tuple[int, int]:
    """(nodes on a loop, nodes) whose whole box a `width` x `height` view
    shows scrolled to the top left, under the names that stay put."""
    width, height = in_view(picture, width, height)
    top = HEADER_ROWS if picture.headers else 0
    loops = nodes = 0
    for box in picture.boxes:
        if box.x + box.w <= width and top <= box.y and box.y + box.h <= height:
            nodes += 1
            loops += box.on_loop
    return loops, nodes


def _fits(picture: Picture, width: int, height: int) -> bool:
    return picture.width <= width and picture.height <= height


def choose_fit(layout: MapLayout, view_width: int, view_height: int,
               full_labels: bool = False) -> tuple[Picture, Fit]:
    """The picture to show in a view of this size (scrollbars included: the
    widget's whole size), and how it was drawn."""
    def widest(lines: int | None, width: int | None = None) -> tuple[int, Picture]:
        if width is None:
            width = fitting_box_width(layout, view_width, lines)
        picture = build_picture(layout, width, lines)
        if picture.height > view_height and picture.width > view_width - V_BAR:
            # Too tall: a scrollbar takes cells at the side; fit what is left.
            narrower = fitting_box_width(layout, view_width - V_BAR, lines)
            if narrower != width:
                width, picture = narrower, build_picture(layout, narrower, lines)
        return width, picture

    if full_labels or len(layout.nodes) > FIT_LIMIT or view_height <= 0:
        lines = None if full_labels else FIT_LINES
        if len(layout.nodes) > FIT_LIMIT:
            width, picture = WIDE_MAP_BOX, build_picture(layout, WIDE_MAP_BOX, lines)
        else:
            width, picture = widest(lines)
        whole = _fits(picture, view_width, view_height)
        return picture, Fit(width, lines, full_labels, whole)
    best: tuple[tuple[int, int, int], Picture, Fit] | None = None
    for lines in TRIED_LINES:
        width = fitting_box_width(layout, view_width, lines)
        if best is not None and lines * (width - 4) < LEGIBLE:
            break
        width, picture = widest(lines, width)
        if _fits(picture, view_width, view_height):
            return picture, Fit(width, lines, whole=True)
        tries = [(width, picture)]
        if picture.width > view_width and width > MIN_BOX:
            # Too wide even so: the narrowest boxes may still show more of it.
            tries.append((MIN_BOX, build_picture(layout, MIN_BOX, lines)))
        for width, picture in tries:
            score = (*shown_without_scrolling(picture, view_width, view_height), lines)
            if best is None or score > best[0]:
                best = (score, picture, Fit(width, lines))
    assert best is not None
    return best[1], best[2]


def draw_fitted(layout: MapLayout, kept: Fit | None, view_width: int, view_height: int,
                full_labels: bool = False) -> tuple[Picture, Fit]:
    """The picture of a layout and how it was drawn: as `kept` (the sizes of
    the picture before an edit), unless the picture fitted the view before
    and no longer does (a growing map): then chosen afresh, once."""
    if kept is not None and kept.full_labels == full_labels:
        picture = build_picture(layout, kept.box_width, kept.most_lines)
        if not kept.whole or _fits(picture, view_width, view_height):
            return picture, kept
    return choose_fit(layout, view_width, view_height, full_labels)


@dataclass(frozen=True, slots=True)
class Look:
    """How the user asked to see the map: narrowed to one person's side
    and/or to the nodes within `radius` links of `around`, and fitted to
    the view or with every label whole."""

    person: str | None = None
    around: str | None = None
    radius: int = 1
    full_labels: bool = False


@dataclass(frozen=True, slots=True)
class Drawn:
    """A map as drawn for a view, with what it was drawn from, so the next
    change can reuse what it leaves as it was."""

    layout: MapLayout
    picture: Picture
    fit: Fit
    look: Look
    size: tuple[int, int]
    """The view's (width, height) it was drawn for."""
    structure: tuple[object, ...]
    """The snapshot's `layout_structure`."""
    words: tuple[object, ...]
    """What the boxes say: each node's label, layer, style and mark."""


def draw_map(snap: MapSnapshot, look: Look, width: int, height: int,
             before: Drawn | None = None) -> Drawn:
    """The map drawn for a `width` x `height` view (the widget's whole size).

    From `before` (the drawing on screen) it keeps the layout when the map's
    structure and the look are the same, the picture too when the boxes say
    the same, and the fit when the view and the look are the same.
    """
    structure = layout_structure(snap)
    words = tuple((n.label, n.layer, n.style, n.new) for n in snap.nodes)
    same_view = before is not None and before.look == look and before.size == (width, height)
    if before is not None and before.structure == structure \
            and (before.look.person, before.look.around, before.look.radius) \
            == (look.person, look.around, look.radius):
        layout = with_words(before.layout, snap)
        if same_view and before.words == words:
            return replace(before, layout=layout)
    else:
        layout = layout_map(snap, person=look.person, around=look.around, radius=look.radius)
    kept = before.fit if same_view and before is not None else None
    picture, fit = draw_fitted(layout, kept, width, height, look.full_labels)
    return Drawn(layout, picture, fit, look, (width, height), structure, words)
