"""Choosing how to draw the map for the view it is shown in: how wide the
boxes may be and how many lines of each label they show.

"Fit the screen" (the default) tries labels of up to 3, 2 and 1 lines, each
with the widest boxes that keep the picture within the view's width (fewer
lines only while a box still shows 20 characters), and keeps the first
picture that fits the view's height too; when none does, the one that shows
the most of the map's loops, then the most nodes, without scrolling. "Full labels" shows every label whole, however tall its box, and
lets the picture scroll. Plain Python, no Textual: the widget asks, a worker
may compute.

    picture, fit = draw_fitted(layout, None, 74, 28)        # choose afresh
    picture, fit = draw_fitted(layout, fit, 74, 28)         # after an edit: keep sizes
"""

from __future__ import annotations

from dataclasses import dataclass

from patterns.layout_model import MapLayout
from tui.widgets.map_geometry import (
    FIT_LINES,
    HEADER_ROWS,
    WIDE_MAP_BOX,
    Picture,
    build_picture,
    fitting_box_width,
)

#: Maps with more nodes than this never fit a screen: boxes get a fixed size.
FIT_LIMIT = 60
#: The lines of label tried, most first, when fitting the screen.
TRIED_LINES: tuple[int, ...] = (FIT_LINES, 2, 1)
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


def shown_without_scrolling(picture: Picture, width: int, height: int) -> tuple[int, int]:
    """(nodes on a loop, nodes) whose whole box lies in a view of `width` x
    `height` cells scrolled to the top left, under the names that stay put."""
    top = HEADER_ROWS if picture.headers else 0
    loops = nodes = 0
    for box in picture.boxes:
        if box.x + box.w <= width and top <= box.y and box.y + box.h <= height:
            nodes += 1
            loops += box.on_loop
    return loops, nodes


def choose_fit(layout: MapLayout, view_width: int, view_height: int,
               full_labels: bool = False) -> tuple[Picture, Fit]:
    """The picture to show in a view of this size, and how it was drawn."""
    def fits(picture: Picture) -> bool:
        return picture.width <= view_width and picture.height <= view_height

    if full_labels or len(layout.nodes) > FIT_LIMIT or view_height <= 0:
        lines = None if full_labels else FIT_LINES
        width = (WIDE_MAP_BOX if len(layout.nodes) > FIT_LIMIT
                 else fitting_box_width(layout, view_width, lines))
        picture = build_picture(layout, width, lines)
        return picture, Fit(width, lines, full_labels, fits(picture))
    best: tuple[tuple[int, int, int], Picture, Fit] | None = None
    for lines in TRIED_LINES:
        width = fitting_box_width(layout, view_width, lines)
        if best is not None and lines * (width - 4) < LEGIBLE:
            break
        picture = build_picture(layout, width, lines)
        if fits(picture):
            return picture, Fit(width, lines, whole=True)
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
        if not kept.whole or (picture.width <= view_width and picture.height <= view_height):
            return picture, kept
    return choose_fit(layout, view_width, view_height, full_labels)
