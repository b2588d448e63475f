"""The map pane: the largest thing on screen, titled with whose map it shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.session.map_fallback import PlainMap
from tui.session.view import SessionView


class MapPane(Vertical):
    """A frame around the map picture, titled `Map · all people` or `Map · Sam`."""

    def compose(self) -> ComposeResult:
        yield PlainMap(id="map-view")

    def show(self, view: SessionView) -> None:
        """Redraw the picture and its title."""
        who = view.graph.person(view.person)
        self.border_title = f"Map · {view.person_name(who)}" if who else "Map · all people"
        self.query_one(PlainMap).show(view)


__all__ = ["MapPane"]
