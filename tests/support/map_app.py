"""The map view alone in a small app, as a screen would hold it, and what
the map tests ask of it: is the layout on screen, is a node in view."""

from __future__ import annotations

import time
from typing import Any

from textual import on
from textual.app import App, ComposeResult

from patterns.layout.model import MapSnapshot
from tui.widgets.map_view import MapView


class MapApp(App[None]):
    """The map view alone, as a screen would hold it."""

    def __init__(self, snap: MapSnapshot, **options: object) -> None:
        super().__init__()
        self.snap = snap
        self.options = options
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield MapView(id="map")

    def on_mount(self) -> None:
        view = self.query_one(MapView)
        view.show(self.snap, **self.options)  # type: ignore[arg-type]
        view.focus()

    @on(MapView.NodeSelected)
    def record(self, message: MapView.NodeSelected) -> None:
        self.chosen.append(message.node_id)


async def laid_out(pilot: Any, view: MapView, timeout: float = 20.0) -> None:
    """Wait until the worker's layout is on screen."""
    deadline = time.monotonic() + timeout
    while view.pending and time.monotonic() < deadline:
        await pilot.pause(0.05)
    await pilot.pause()
    assert not view.pending


def visible(view: MapView, node_id: str) -> bool:
    """The node's whole box is on screen, not under the headings that stay
    put at the top and left."""
    region = view.node_region(node_id)
    picture = view.picture
    assert region is not None and picture is not None
    x, y = view.scroll_offset
    width, height = view.scrollable_content_region.size
    top = picture.drawing.header_rows if picture.headers else 0
    return (x + picture.margin <= region.x and region.right <= x + width
            and y + top <= region.y and region.bottom <= y + height)
