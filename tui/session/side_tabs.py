"""The side of the session screen: Patterns, Nodes, Practice and Repairs tabs.

Only the Patterns pane is made with the screen; the other three are made the
first time their tab opens (a click on the tab, F-keys, the palette, ctrl+f).
Most sessions open on the map and the Patterns panel, and a dozen widgets and
their modules fewer bring the first frame sooner. A pane made later is handed
the map as it is at once (privacy included) and is redrawn like any other.

A mixin of `SessionScreen` (its handler is found by name, as Textual does for
`on_…` methods of any class in the screen's MRO).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from tui.session.patterns_panel import PatternsPanel

if TYPE_CHECKING:
    from tui.session.screen import SessionScreen

#: The tabs of the side: (pane id, tab title). The first is made with the screen.
TABS = (("pane-patterns", "Patterns"), ("pane-nodes", "Nodes"),
        ("pane-practice", "Practice"), ("pane-repairs", "Repairs"))


def made_later(screen: SessionScreen, tab_id: str) -> Widget:
    """The pane of a tab that is made when the tab first opens."""
    if tab_id == "pane-nodes":
        from tui.session.nodes_panel import NodesPanel

        return NodesPanel(id="nodes", classes="map-pane")
    if tab_id == "pane-practice":
        from tui.widgets.experiments import ExperimentsPanel

        return ExperimentsPanel(id="experiments", classes="map-pane", today=screen.today)
    if tab_id == "pane-repairs":
        from tui.widgets.repairs import RepairsPanel

        return RepairsPanel(id="repairs", classes="map-pane", today=screen.today)
    raise ValueError(f"no such tab: {tab_id}")


class SideTabs:
    """The side's tabs: made when first opened, opened and focused on request."""

    #: Tabs whose pane is there (or being mounted: the callbacks waiting for it).
    _made: dict[str, list[Callable[[], None]] | None]

    def compose_side(self: SessionScreen) -> ComposeResult:
        """The side: the Patterns pane, and the other tabs still empty."""
        self._made = {"pane-patterns": None}
        with TabbedContent(id="side", initial="pane-patterns"):
            with TabPane("Patterns", id="pane-patterns"):
                yield PatternsPanel(id="patterns", classes="map-pane")
            for tab_id, title in TABS[1:]:
                yield TabPane(title, id=tab_id)

    def when_made(self: SessionScreen, tab_id: str,
                  then: Callable[[], None] | None = None) -> None:
        """Make a tab's pane if it is not there yet; then call `then`."""
        if tab_id not in self._made:
            self._made[tab_id] = []
            self.call_later(self._make, tab_id)
        waiting = self._made[tab_id]
        if waiting is not None:
            if then is not None:
                waiting.append(then)
        elif then is not None:
            then()

    async def _make(self: SessionScreen, tab_id: str) -> None:
        pane = made_later(self, tab_id)
        await self.query_one("#side", TabbedContent).get_pane(tab_id).mount(pane)
        waiting, self._made[tab_id] = self._made[tab_id] or [], None
        self.panes_changed()
        pane.show(self.view)  # type: ignore[attr-defined]
        for then in waiting:
            then()

    def on_tabbed_content_tab_activated(self: SessionScreen,
                                        event: TabbedContent.TabActivated) -> None:
        """A tab opened (a click, or `go_to`): make its pane, or bring it up to date."""
        if event.tabbed_content.id != "side" or event.pane.id is None:
            return
        self.when_made(event.pane.id)
        self._catch_up()

    def _place_side(self: SessionScreen) -> None:
        # Narrow, the side is only a tab bar: it can stay open.
        default = self.has_class("-narrow") or not self.has_class("-compact")
        open_ = self.side_open if self.side_open is not None else default
        self.query_one("#side").display = open_
        self._catch_up()

    def action_toggle_side(self: SessionScreen) -> None:
        """Show or fold away the Patterns pane (at 80×24 it starts folded)."""
        self.side_open = not self.query_one("#side").display
        self._place_side()

    def action_go_to(self: SessionScreen, pane: str) -> None:
        """Open a pane of the side (patterns, nodes…) and focus it."""
        self.side_open = True
        self._place_side()
        side = self.query_one("#side", TabbedContent)
        side.active = f"pane-{pane}"
        self.when_made(f"pane-{pane}", partial(self._focus_tab, pane))

    def _focus_tab(self: SessionScreen, pane: str) -> None:
        target = self.query_one("#side", TabbedContent).get_pane(f"pane-{pane}")
        focusable = [w for w in target.query("*") if w.focusable]
        if focusable:
            focusable[-1 if pane == "nodes" else 0].focus()

    def action_find(self: SessionScreen) -> None:
        """Find a node by words of its label."""
        self.action_go_to("nodes")
        self.when_made("pane-nodes", lambda: self.query_one("#nodes-filter").focus())


__all__ = ["TABS", "SideTabs", "made_later"]
