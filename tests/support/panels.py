"""A small host app for the session-screen panels, and the Pilot helpers the
review and panel tests share (no tests of its own).

It plays the session screen's part: it owns the map and its history, hands
the panel a `SessionView` after every change, and applies each
`EditRequested` as one undo step.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from patterns.edits import History
from patterns.graph import MapGraph
from tui.messages import EditRequested
from tui.session.view import SessionView

TODAY = dt.date(2026, 12, 4)


class PanelHost(App[None]):
    """One panel over a map, with undo on ctrl+z like the session screen."""

    BINDINGS = [Binding("ctrl+z", "undo", "undo")]

    def __init__(self, graph: MapGraph, panel: Widget, *, selected: str | None = None,
                 privacy: bool = False) -> None:
        super().__init__()
        self.graph = graph
        self.history = History(graph)
        self.panel = panel
        self.selected = selected
        self.privacy = privacy
        self.done: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.panel

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        self.panel.show(SessionView(self.graph, self.history.revision, selected=self.selected,
                                    privacy=self.privacy))

    @on(EditRequested)
    def _edit(self, event: EditRequested) -> None:
        self.done.append(self.history.do(event.edit).describe())
        self.redraw()

    def action_undo(self) -> None:
        self.history.undo()
        self.redraw()


def screen_text(app: App) -> str:
    """Every character on the terminal now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test without an async plugin (fixtures still work)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run
