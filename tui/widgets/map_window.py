"""What a scrolled map view shows of its picture, row by row.

People's names (the top rows) and the band headings (the cells at the left)
stay on screen while the picture scrolls under them; a dotted rule says the
map goes on above or to the left. Each run of cells has a role (a kind's
border, an edge on the selected loop, a band word…) that `role_style` turns
into the view's colours. Pure functions: the view caches what they return.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style

from patterns.layout.model import MapSnapshot
from tui.widgets.map_canvas import ViewState, render_names, render_row
from tui.widgets.map_picture import Picture

Runs = list[tuple[str, str]]


def sticky(picture: Picture | None) -> tuple[int, int]:
    """Rows at the top (people's names) and cells at the left (band
    headings) that stay on screen while the map scrolls under them."""
    if picture is None:
        return 0, 0
    return (picture.drawing.header_rows if picture.headers else 0), picture.margin


def to_picture(picture: Picture | None, scroll: tuple[int, int], x: int,
               y: int) -> tuple[int, int]:
    """Picture coordinates of the view's cell (x, y) when scrolled by `scroll`."""
    top, left = sticky(picture)
    scroll_x, scroll_y = scroll
    return (x if x < left else x + scroll_x), (y if y < top else y + scroll_y)


def window_row(picture: Picture, state: ViewState, y: int, scroll: tuple[int, int],
               width: int) -> Runs:
    """Row y of a view `width` cells wide, scrolled by `scroll`, as (text, role) runs."""
    scroll_x, scroll_y = scroll
    _, vy = to_picture(picture, scroll, 0, y)
    left = min(picture.margin, width)
    top, _ = sticky(picture)
    if top and y == 0:
        return render_names(picture, state, scroll_x + left, scroll_x + width, left)
    if top > 1 and y == top - 1 and scroll_y:
        # a dotted rule under the names says the map goes on above
        return [(" " * left, "blank"), ("┈" * (width - left), "edge")]
    if scroll_x:
        # the band headings stay; a dotted rule says the map goes on to the left
        return (render_row(picture, state, vy, 0, left - 1) + [("┊", "edge")]
                + render_row(picture, state, vy, scroll_x + left, scroll_x + width))
    return render_row(picture, state, vy, 0, width)


def message_row(y: int, pending: bool, snap: MapSnapshot | None) -> Runs:
    """Row y of a view with no picture to show: why, on its second row."""
    if y != 1:
        return []
    if pending:
        text = "Laying out the map…"
    elif snap is None or not snap.nodes:
        text = "Nothing on the map yet."
    else:
        text = "Nothing to show here: no node matches this view."
    return [("  " + text, "message")]


def role_style(role: str, part: Callable[[str], Style]) -> Style:
    """The style of a drawing role, from `part(name)`: the view's component
    style `map-view--name` (a kind, "label", "tag", "edge-loop", …)."""
    if role.startswith("label-"):
        return part(role.removeprefix("label-")) + part("label")
    if role.startswith("border-"):
        kind = role.removeprefix("border-").removesuffix("-selected")
        style = part(kind)
        return style + Style(bold=True) if role.endswith("-selected") else style
    if role.startswith("tag-"):
        return part(role.removeprefix("tag-")) + part("tag")
    if role == "text-selected":
        return part("selected")
    if role in ("text", "blank"):
        return Style()
    return part(role)


__all__ = ["Runs", "message_row", "role_style", "sticky", "to_picture", "window_row"]
