"""The client's review screen: their map, read-only, in plain warm words.

The screen keeps two maps. The whole map (private notes included) stays in
memory only so that saving keeps the therapist's notes in the file; every
view is drawn from the client's copy, made by `for_audience(m, "client")`,
so a private note cannot reach the screen. The one thing the client adds is
their own record: a try of an experiment and a repair entry, each saved at
once through `MapStore`, changing nothing else in the file.
"""

from __future__ import annotations

import datetime as dt
import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Label, OptionList
from textual.widgets.option_list import Option

from exports.audience import for_audience
from exports.errors import AttachmapError
from exports.store import MapStore
from patterns.edits import Edit, EditError, History
from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.models import Repair
from patterns.side_edits import SetItem, add_try
from patterns.text import terminal_safe_copy
from patterns.voice import quote
from tui.review.help import ReviewHelp
from tui.review.sections import SECTIONS, MapSection, PracticeSection, SessionsSection
from tui.widgets.repairs import RepairDialog
from tui.widgets.tries import LoggedTry, TryDialog

#: What the client is told when they press a key that would edit the map.
REFUSAL = ("Your map is changed together with your therapist, in session, so it stays as you"
           " both made it. Here you can log a try (t) or a repair (r).")
REFUSAL_SECONDS = 6.0
#: Keys that edit the map in the session screen; here they are kindly refused.
EDITING_KEYS = "delete,backspace,insert,ctrl+z,ctrl+y,ctrl+x,ctrl+v,a,e,d,n,x"


class ReviewScreen(Screen[None]):
    """The review: a list of parts on the left, the chosen part on the right."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("t", "log_try", "log a try", id="review.try"),
        Binding("r", "log_repair", "log a repair", id="review.repair"),
        *(Binding(str(i), f"open_part('{key}')", show=False)
          for i, (key, _, _) in enumerate(SECTIONS, 1)),
        Binding("v", "toggle_map", "map as list", id="review.map-list", show=False),
        Binding("question_mark,f1", "help", "help", id="review.help", key_display="?"),
        Binding("q", "app.quit", "quit", id="review.quit"),
        Binding("ctrl+s", "saved", "save", show=False, id="review.save"),
        Binding(EDITING_KEYS, "refuse", "refused", show=False, id="review.refuse"),
    ]

    def __init__(self, store: MapStore, whole: MapGraph, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.store = store
        self.whole = whole
        self.history = History(whole)
        self.today = today or dt.date.today()
        self.client = self._client_view()
        self._refused_at = -REFUSAL_SECONDS
        self._told_read_only = False

    def _client_view(self) -> MapGraph:
        """What the client may see: the whole map less every private note,
        its words without anything a terminal would obey."""
        return MapGraph.from_map(terminal_safe_copy(for_audience(self.whole.to_map(), "client")))

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-header"):
            yield Label(f" attachmap · review · {self.client.title}", id="review-title",
                        markup=False)
            yield Label(self._state(), id="review-state", markup=False)
        with Horizontal(id="review-body"):
            yield OptionList(*(Option(title, id=key) for key, title, _ in SECTIONS), id="nav")
            with ContentSwitcher(initial=SECTIONS[0][0], id="content"):
                for key, _, section in SECTIONS:
                    yield section(id=key, classes="section")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SessionsSection).today = self.today
        self._redraw()
        nav = self.query_one("#nav", OptionList)
        nav.highlighted = 0
        nav.focus()
        self._tell_notices()

    def _state(self, saved: str = "") -> str:
        if self.store.read_only:
            return "read-only map · cannot save now "
        return f"read-only map{' · ' + saved if saved else ''} "

    def _redraw(self) -> None:
        insights = analyse(self.client)
        for key, _, _ in SECTIONS:
            self.query_one(f"#{key}").show(self.client, insights)

    # -- moving around -----------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#nav")
    def _open_part(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#content", ContentSwitcher).current = event.option.id

    @on(OptionList.OptionSelected, "#nav")
    def _enter_part(self, event: OptionList.OptionSelected) -> None:
        part = self.query_one(f"#{event.option.id}")
        focusable = part if part.focusable else next(
            (w for w in part.query("*") if w.focusable), None)
        if focusable is not None:
            focusable.focus()

    def action_open_part(self, key: str) -> None:
        """Show one part of the review (`patterns`, `map`, `practice`, ...)."""
        keys = [k for k, _, _ in SECTIONS]
        self.query_one("#nav", OptionList).highlighted = keys.index(key)

    def action_toggle_map(self) -> None:
        """Show the map as a picture or as a list in words."""
        self.action_open_part("map")
        self.query_one(MapSection).toggle()

    # -- the client's own record -------------------------------------------------

    def action_log_try(self) -> None:
        """Ask how a try went, then save it at once."""
        experiments = self.client.experiments
        if not experiments:
            self.notify("There is nothing to practise on this map yet: experiments are set up"
                        " together in session.", title="No experiments yet")
            return
        chosen = self.query_one(PracticeSection).chosen
        choices = [(e.id, self.client.node(e.response).label) for e in experiments]
        plans = {e.id: e.plan or "" for e in experiments}
        self.app.push_screen(TryDialog(choices, chosen=chosen, plans=plans, today=self.today),
                             self._tried)

    def _tried(self, logged: LoggedTry | None) -> None:
        if logged is None:
            return
        what = self.client.node(self.client.experiment(logged.experiment_id).response).label
        if self._record(add_try(self.whole, logged.experiment_id, logged.attempt)):
            self.action_open_part("practice")
            self.notify(f"Your try of {quote(what)} is saved.", title="Saved")

    def action_log_repair(self) -> None:
        """Ask about a rupture and repair, then save it at once."""
        self.app.push_screen(RepairDialog(self.client.people, today=self.today), self._repaired)

    def _repaired(self, repair: Repair | None) -> None:
        if repair is not None and self._record(SetItem("repairs", None, repair, what="a repair")):
            self.action_open_part("repairs")
            self.notify("Your repair is saved.", title="Saved")

    def _record(self, edit: Edit) -> bool:
        """Apply one of the client's entries and save the file; on failure
        nothing changes in memory or on disk, and the client is told why."""
        if self.store.read_only:
            self.notify("This map cannot be saved just now (it is open elsewhere). Nothing"
                        " was changed.", title="Not saved", severity="warning")
            return False
        try:
            self.history.do(edit)
        except EditError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        try:
            self.store.save(self.whole.to_map())
        except (OSError, ValueError, AttachmapError) as error:
            self.history.undo()
            self.notify(f"Your entry could not be saved: {error}. Nothing was changed.",
                        title="Not saved", severity="error", timeout=10)
            return False
        self.client = self._client_view()
        self._redraw()
        self.query_one("#review-state", Label).update(self._state("saved"))
        self._tell_notices()
        return True

    def _tell_notices(self) -> None:
        """Say what the store noticed (open elsewhere, changed by another program...)."""
        if self.store.read_only and self.store.read_only_reason and not self._told_read_only:
            self._told_read_only = True
            self.notify(self.store.read_only_reason, title="Read-only",
                        severity="warning", timeout=10)
        while self.store.notices:
            self.notify(self.store.notices.pop(0), title="About your map", timeout=10)

    # -- what the client cannot do -------------------------------------------------

    def action_refuse(self) -> None:
        """Say kindly that the map itself is not changed here (once while the
        message is still showing, however many keys are pressed)."""
        now = time.monotonic()
        if now - self._refused_at > REFUSAL_SECONDS:
            self._refused_at = now
            self.notify(REFUSAL, title="This is your review", timeout=REFUSAL_SECONDS)

    def action_saved(self) -> None:
        """Everything is saved as it is logged: say so."""
        self.notify("Everything you log is saved straight away.", title="Saved")

    def action_help(self) -> None:
        """Show what each key does, in a few words."""
        self.app.push_screen(ReviewHelp())


__all__ = ["EDITING_KEYS", "REFUSAL", "ReviewScreen"]
