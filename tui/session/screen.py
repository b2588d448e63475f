"""The session screen: therapist and client build the map together.

This screen is the one owner of the open map: it holds the graph, its
history (undo/redo) and the autosaver. Panes show a `SessionView` handed
down after every change and ask for changes with `EditRequested`; the
screen applies them, posts one `MapChanged`, and redraws every pane.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from time import perf_counter
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static, TabbedContent, TabPane

from exports.store import MapStore
from patterns.edits import Batch, Edit, EditError, History, RemoveNode
from patterns.graph import MapGraph
from patterns.today import latest_session, session_number, session_on, start_session
from patterns.voice import capital, day
from tui.messages import EditRequested, LoopChosen, MapChanged, NodeChosen, SaveState
from tui.session.autosave import AutoSaver, SaveStatus
from tui.session.capture_actions import CaptureActions
from tui.session.capture_line import CaptureInput, CaptureLine
from tui.session.details import DetailsPanel
from tui.session.dialog_actions import DialogActions
from tui.session.header import SessionHeader
from tui.session.map_pane import MapPane
from tui.session.nodes_panel import NodeList
from tui.session.side_tabs import SideTabs
from tui.session.view import SessionView
from tui.widgets.map_view import MapView

def session_commands_provider() -> type[Provider]:
    """The palette's commands, imported when the palette first opens."""
    from tui.session.palette import SessionCommands

    return SessionCommands


if TYPE_CHECKING:
    from textual.command import Provider

#: The map picture and the Patterns panel are drawn in the frame that answers
#: a typed line while drawing them took at most this long the last time
#: (seconds). A frame follows another at most 60 times a second, so the map
#: drawn in a second frame shows a frame (up to 16.7 ms) later than in the
#: first; this much more in the first keeps it within about a frame of the
#: key. When they took longer (a large map, a slow machine), they follow:
#: redrawn once the frame that answers the line is painted, and at least
#: LATE_DELAY after it was asked.
SAME_FRAME = 0.010
LATE_DELAY = 0.002

#: Below this the screen says so instead of squeezing (SPEC: 80×24 works).
MIN_WIDTH, MIN_HEIGHT = 80, 24
#: Below this many columns the side is a one-line tab bar, not a column.
NARROW = 100


class SessionScreen(CaptureActions, DialogActions, SideTabs, Screen[None]):
    """Map, patterns, details and the capture line, over one open map."""

    CSS_PATH = "session.tcss"
    AUTO_FOCUS = "#capture-input"
    COMMANDS = {session_commands_provider}
    BINDINGS = [
        Binding("ctrl+z", "undo", "undo", id="session.undo"),
        Binding("ctrl+y", "redo", "redo", id="session.redo"),
        Binding("ctrl+s", "save", "save", id="session.save"),
        Binding("f2", "privacy(True)", "privacy off", id="session.privacy-on"),
        Binding("f2", "privacy(False)", "PRIVACY ON", id="session.privacy-off"),
        Binding("f3", "toggle_side", "patterns", id="session.side"),
        Binding("f4", "next_person", "whose side", id="session.person", show=False),
        Binding("f5", "map_around", "around node", id="session.around", show=False),
        Binding("f6", "whats_new", "what's new", id="session.new", show=False),
        Binding("f7", "map_labels", "map: full labels / fit the screen", id="session.map-labels",
                show=False),
        # priority: the capture line (an Input) would take ctrl+e as "end of line".
        Binding("ctrl+e", "export", "export", id="session.export", priority=True),
        Binding("ctrl+f", "find", "find", id="session.find", show=False),
        Binding("f1,question_mark", "help", "help", id="session.help", key_display="?"),
        Binding("escape", "to_capture", "to the line", id="session.capture", show=False),
        # ctrl+q itself is the app's (it works everywhere); shown here for the footer.
        Binding("ctrl+q", "app.quit", "quit", id="session.quit"),
    ]

    def __init__(self, store: MapStore, graph: MapGraph,
                 clock: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.store = store
        self.graph = graph
        self.history = History(graph)
        self.clock = clock
        self.saver = AutoSaver(self, store, self.history, clock)
        self.save_status = SaveStatus("saved")
        self.selected: str | None = None
        self.loop: tuple[str, ...] | None = None
        self.person: str | None = None
        self.privacy = False
        self.show_new = False  # mark what was mapped since the previous session
        self.side_open: bool | None = None  # None: as the screen size suggests
        self._late_pending = False
        #: Seconds the map and the Patterns panel took to draw the last time.
        self._late_cost = 0.0
        self._panes: list[Widget] | None = None
        self._tabs: dict[Widget, TabPane | None] = {}  # the tab each pane sits in
        self._stale: set[Widget] = set()  # panes hidden since the map last changed
        self._offered_save_as = False  # a read-only window asks once, at the first edit

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SessionHeader(id="header")
        with Vertical(id="body"):
            with Horizontal(id="main"):
                yield MapPane(id="map-pane", classes="map-pane")
                yield from self.compose_side()
            yield DetailsPanel(id="details", classes="map-pane")
            yield CaptureLine(id="capture", hint_for=self.capture_hint,
                              complete=self.capture_completion)
        yield Static("This terminal is too small for the session screen.\n"
                     f"Please make it at least {MIN_WIDTH}×{MIN_HEIGHT}.",
                     id="too-small", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        header = self.query_one(SessionHeader)
        header.show_privacy(False)
        header.show_save(self.save_status)
        if self.store.created_now:
            self._note_save_error(self.saver.save_now())
        self.redraw(at_once=True)

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
        compact = width < 100 or height < 30
        self.set_class(compact, "-compact")
        # Below 100 columns the map gets the room: the side is a one-line tab
        # bar under it, opened out while it has the focus.
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width >= 160, "-wide")
        self.query_one(DetailsPanel).set_class(compact, "-compact")
        self._place_side()
        self.redraw(at_once=True)

    # -- the view handed down -----------------------------------------------------

    @property
    def view(self) -> SessionView:
        """The map as shown now."""
        new: frozenset[str] = frozenset()
        if self.show_new:  # F6: imported when first asked for
            from patterns.changes import since_last_session

            new = frozenset(since_last_session(self.graph, self.today()).nodes)
        return SessionView(self.graph, self.history.revision, self.selected, self.loop,
                           self.person, self.privacy, new)

    def redraw(self, *, at_once: bool = False) -> None:
        """Hand every pane the current view (data down). The map and the
        Patterns panel are drawn in the same frame when that is quick
        (`SAME_FRAME`) or `at_once`; otherwise they follow a frame later."""
        view = self.view
        late: list[Widget] = []
        header = self.query_one(SessionHeader)
        header.show_title(view.mask(self.graph.title))
        header.show_session(self._session_text())
        if at_once:
            header.show_save(self.save_status)
        who = self.graph.person(self.person)
        self.query_one(CaptureLine).set_prompt(view.person_name(who) if who else None)
        for pane in self.panes:
            show = getattr(pane, "show", None)
            if show is None:
                continue
            if getattr(pane, "SIZED", False) and not pane.size:
                # Drawn for its size: the screen's first Resize shows it, once
                # it has one (laid out before that, it was laid out twice).
                continue
            if not at_once and self._hidden(pane):
                # Another tab is open or the side is folded: brought up to date
                # when shown (privacy and resizing redraw every pane at once).
                self._stale.add(pane)
                continue
            if getattr(pane, "LATE", False):
                self._stale.discard(pane)
                late.append(pane)
            else:
                self._stale.discard(pane)
                show(view)
        if not late:
            return
        if at_once or (self._late_cost <= SAME_FRAME and not self._late_pending):
            self._draw_late(view, late)
        elif not self._late_pending:
            # The picture and the analysis follow a frame later, so what was
            # typed is answered at once however large the map is.
            self._late_pending = True
            # After the frame the quick panes asked for: the timer lets
            # their repaint requests reach the screen first (a bare
            # call_after_refresh could run before they arrive).
            self.set_timer(LATE_DELAY, partial(self.call_after_refresh, self._show_late))

    def _draw_late(self, view: SessionView, panes: list[Widget]) -> None:
        """Show the map and the Patterns panel, timing it (see SAME_FRAME)."""
        started = perf_counter()
        self.query_one(SessionHeader).show_save(self.save_status)
        for pane in panes:
            pane.show(view)  # type: ignore[attr-defined]
        self._late_cost = perf_counter() - started

    @property
    def panes(self) -> list[Widget]:
        """Every widget with the class `map-pane` (a pane added later: call
        `panes_changed`). Kept, because walking the screen each redraw is slow."""
        if self._panes is None:
            self._panes = list(self.query(".map-pane"))
            self._tabs = {pane: next((a for a in pane.ancestors if isinstance(a, TabPane)), None)
                          for pane in self._panes}
            self._stale.intersection_update(self._panes)
        return self._panes

    def panes_changed(self) -> None:
        """Find the panes again (after mounting or removing one)."""
        self._panes = None

    def _hidden(self, pane: Widget) -> bool:
        """True for a pane in a tab of the side that is not open (or folded)."""
        tab = self._tabs.get(pane)
        if tab is None:
            return False
        side = self.query_one("#side", TabbedContent)
        return not side.display or side.active != tab.id

    def _catch_up(self) -> None:
        """Bring the panes skipped while hidden up to date, now they show."""
        if not self._stale or not self.is_attached:
            return
        view = None
        for pane in [p for p in self.panes if p in self._stale and not self._hidden(p)]:
            self._stale.discard(pane)
            view = view or self.view
            pane.show(view)  # type: ignore[attr-defined]

    def _show_late(self) -> None:
        self._late_pending = False
        if not self.is_attached:
            return
        self._draw_late(self.view, [pane for pane in self.panes if getattr(pane, "LATE", False)
                                    and pane not in self._stale])

    def _session_text(self) -> str:
        today = self.clock().astimezone().date()
        session = session_on(self.graph, today) or latest_session(self.graph)
        if session is None:
            return "no session yet"
        n = session_number(self.graph, session.id)
        return f"session {n} · {day(session.date)}"

    # -- edits ----------------------------------------------------------------------

    def today(self) -> dt.date:
        """The therapist's local date (sessions are dated by it)."""
        return self.clock().astimezone().date()

    def today_session_id(self) -> str | None:
        """The id today's session has, or will have once the first edit of the day lands."""
        session = session_on(self.graph, self.today())
        if session is not None:
            return session.id
        start = start_session(self.graph, self.today())
        return start.new.id if start is not None else None

    def try_apply(self, edit: Edit, *, select: str | None = None) -> str | None:
        """Apply an edit as one undo step (adding today's session on a new
        day); why it could not be applied, or None."""
        start = start_session(self.graph, self.today())
        step: Edit = edit if start is None else Batch([start, edit])
        try:
            self.history.do(step)
        except EditError as error:
            return str(error)
        if select is not None:
            self.selected = select
        self._after_change(edit.describe())
        return None

    def apply(self, edit: Edit, *, select: str | None = None) -> bool:
        """Apply an edit; if it cannot be, say why in a notification."""
        error = self.try_apply(edit, select=select)
        if error is not None:
            self.notify(self.view.mask(capital(error)), title="Not changed",
                        severity="error")
        return error is None

    def _after_change(self, description: str) -> None:
        if self.selected is not None and self.selected not in self.graph:
            self.selected = None
        if self.loop is not None and any(n not in self.graph for n in self.loop):
            self.loop = None
        self.saver.changed()
        if self.store.read_only and not self._offered_save_as:
            self._offer_save_as()
        # The header says "saving…" with the late redraw: a change there in the
        # frame that answers the line would make Textual repaint everything
        # between the header and the capture line.
        self.save_status = SaveStatus("saving")
        self.post_message(MapChanged(self.history.revision, description))

    @on(MapChanged)
    def _map_changed(self, event: MapChanged) -> None:
        self.redraw()

    @on(EditRequested)
    def _edit_requested(self, event: EditRequested) -> None:
        event.stop()
        edit = event.edit
        if self.apply(edit, select=event.select) and isinstance(edit, RemoveNode):
            self.notify(self.view.mask(f"{capital(edit.describe())}. Press ctrl+z to bring "
                                       "it back."),
                        title="Removed")

    @on(NodeChosen)
    def _node_chosen(self, event: NodeChosen) -> None:
        event.stop()
        if event.node_id != self.selected:
            self.selected = event.node_id
            self.redraw()

    @on(LoopChosen)
    def _loop_chosen(self, event: LoopChosen) -> None:
        event.stop()
        self.loop = event.nodes
        self.redraw()

    @on(NodeList.EditWanted)
    def _edit_wanted(self, event: NodeList.EditWanted) -> None:
        event.stop()
        self.selected = event.node_id
        self.redraw()
        self.query_one(DetailsPanel).start_editing()

    # -- saving ---------------------------------------------------------------------

    @on(SaveState)
    def _save_state(self, event: SaveState) -> None:
        if event.error is not None and event.revision > self.saver.disk_revision:
            # (A failure older than what is on disk, e.g. before a save as, is stale.)
            self._show_save(SaveStatus("failed", event.error))
        elif not self.saver.dirty:
            self._show_save(SaveStatus("saved"))

    def _show_save(self, status: SaveStatus) -> None:
        self.save_status = status
        self.query_one(SessionHeader).show_save(status)

    def _offer_save_as(self) -> None:
        """The first edit in a window that cannot save: say why, offer Save as."""
        from tui.disk_notices import ReadOnlyEditScreen

        self._offered_save_as = True

        def chosen(save_elsewhere: bool | None) -> None:
            if save_elsewhere:
                self.app.action_save_as()  # type: ignore[attr-defined]

        self.app.push_screen(ReadOnlyEditScreen(self.store), chosen)

    def saved_elsewhere(self) -> None:
        """Save as wrote the map as it is now: nothing waits to be saved."""
        self.saver.disk_revision = self.history.revision
        self._show_save(SaveStatus("saved"))

    def _note_save_error(self, error: str | None) -> None:
        if error is not None:
            self.notify(f"The map is still here, but not on disk: {error}.",
                        title="Not saved", severity="error", timeout=8)

    # -- actions ----------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change."""
        edit = self.history.undo()
        if edit is None:
            self.notify("Nothing to undo.")
            return
        self.notify(self.view.mask(f"Undone: {edit.describe()}"), timeout=3)
        self._after_change(f"undid {edit.describe()}")

    def action_redo(self) -> None:
        """Redo the last undone change."""
        edit = self.history.redo()
        if edit is None:
            self.notify("Nothing to redo.")
            return
        self.notify(self.view.mask(f"Redone: {edit.describe()}"), timeout=3)
        self._after_change(f"redid {edit.describe()}")

    def action_save(self) -> None:
        """Save now (autosave does it anyway within a second)."""
        error = self.saver.save_now()
        self._note_save_error(error)
        if error is None:
            self.notify(f"Saved {self.store.path.name}", timeout=2)

    def flush(self) -> str | None:
        """Write any change not yet on disk; the reason it failed, or None."""
        return self.saver.save_now() if self.saver.dirty else None

    def action_privacy(self, on: bool) -> None:
        """Hide (or show again) private notes and people's names."""
        self.privacy = on
        self.query_one(SessionHeader).show_privacy(on)
        self.refresh_bindings()
        self.redraw(at_once=True)  # no frame may show a name the screen now hides

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "privacy" and parameters:
            return parameters[0] != self.privacy
        if action == "next_person":
            return bool(self.graph.people) or None
        return True

    def action_next_person(self) -> None:
        """Choose whose side new parts go to (and the map narrows to)."""
        ids = [None, *[p.id for p in self.graph.people]]
        self.person = ids[(ids.index(self.person) + 1) % len(ids)] if self.person in ids else None
        who = self.graph.person(self.person)
        self.notify(f"New parts go to {self.view.person_name(who)}." if who
                    else "New parts go to the map's first person; the map shows everyone.",
                    timeout=3)
        self.redraw()

    def action_map_around(self) -> None:
        """Narrow the map to the selected node's neighbourhood, or widen it again."""
        pane = self.query_one(MapPane)
        if pane.around is None and self.selected is None:
            self.notify("Select a node first (on the map or in the nodes list).", timeout=3)
            return
        pane.around = None if pane.around is not None else self.selected
        self.redraw()

    def action_map_labels(self) -> None:
        """Every label whole on the map (it scrolls), or the map fitted to its pane."""
        view = self.query_one(MapView)
        view.full_labels = not view.full_labels
        self.notify("Map: every label whole; it scrolls (F7 fits it again)." if view.full_labels
                    else "Map: fitted to its pane, long labels cut … (F7: full labels).",
                    timeout=3)

    def action_whats_new(self) -> None:
        """Mark on the map what was mapped since the previous session (✦), or stop."""
        self.show_new = not self.show_new
        if self.show_new:
            from patterns.changes import since_last_session

            news = since_last_session(self.graph, self.today())
            self.notify(news.sentence() + (" New parts are marked ✦ on the map."
                                           if news.nodes else ""), title="What's new")
        self.redraw(at_once=True)

    def action_export(self, fmt: str = "pdf") -> None:
        """Export the map as it is now: PDF, TOML or Markdown, for the client or you."""
        from tui.export_screen import start_export

        start_export(self, self.store.path, self.graph.to_map, fmt=fmt)

    def action_help(self) -> None:
        """Every key, every action and its words, and the capture grammar."""
        from tui.session.help_screen import HelpScreen, actions_of, keys_of
        from tui.session.palette import session_commands

        self.app.push_screen(HelpScreen(keys_of(self.BINDINGS),
                                        actions_of(session_commands(self))))

    def action_to_capture(self) -> None:
        """Back to the capture line (leaving any node editor)."""
        self.query_one(DetailsPanel).stop_editing()
        self.query_one(CaptureInput).focus()

    def action_edit_node(self) -> None:
        """Edit the selected node's details in place."""
        self.query_one(DetailsPanel).start_editing()

    def action_remove_node(self) -> None:
        """Remove the selected node (undoable)."""
        if self.selected is not None:
            self.post_message(EditRequested(RemoveNode(self.selected)))

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "SessionScreen"]
