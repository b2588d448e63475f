"""The rupture-and-repair log: a dialog to write one entry, and a panel to
read, add, change and remove entries in the session screen.

A rupture is a moment the connection broke (a row, a door slammed, going
silent); a repair is what was done to reconnect. Noticing both is much of
the work between sessions, so the client logs them in the review too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from patterns.edits import SetItem
from patterns.graph import MapGraph
from patterns.models import Person, Repair
from tui.messages import EditRequested
from tui.session.view import SessionView
from patterns.text import terminal_safe
from tui.widgets.tries import FORM_CSS, choice, field_row, parse_day
from patterns.voice import day


class RepairDialog(ModalScreen[Repair | None]):
    """Write (or change) one repair entry: the day, with whom, what happened,
    what was done to reconnect, how it went. Escape cancels with None."""

    DEFAULT_CSS = FORM_CSS.format(name="RepairDialog")
    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="repair.cancel"),
        Binding("ctrl+s", "save", "save", id="repair.save"),
    ]

    def __init__(self, people: list[Person], *, initial: Repair | None = None,
                 today: dt.date | None = None, title: str = "A rupture and a repair") -> None:
        super().__init__()
        self.people = people
        self.initial = initial
        self.today = today or dt.date.today()
        self.heading = title
        self.AUTO_FOCUS = "#repair-rupture" if initial is None else "#repair-date"

    def compose(self) -> ComposeResult:
        first = self.initial or Repair(date=self.today)
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            yield field_row("Day", Input(first.date.isoformat(),
                                         placeholder="today, yesterday, 22 Nov", id="repair-date", compact=True))
            if self.people:
                ids = [p.id for p in self.people]
                yield field_row("With whom", Select(
                    [(choice(p.name), p.id) for p in self.people],
                    prompt="someone else / not said",
                    value=first.with_ if first.with_ in ids else Select.NULL, id="repair-with",
                    compact=True))
            yield field_row("What happened", Input(terminal_safe(first.rupture or ""),
                                                   id="repair-rupture",
                                                   placeholder="the moment things went wrong",
                                                   compact=True))
            yield field_row("What you did to reconnect", Input(
                terminal_safe(first.repair or ""), id="repair-repair",
                placeholder="what you said or did",
                compact=True))
            yield field_row("How it went", Input(terminal_safe(first.outcome or ""),
                                                 id="repair-outcome",
                                                 placeholder="how it landed", compact=True))
            yield Static("", classes="error", id="repair-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="repair-cancel", compact=True)
                yield Button("Save", variant="primary", id="repair-save", compact=True)
            yield Label("Enter or ctrl+s saves · Escape cancels", classes="help")


    @on(Input.Submitted)
    @on(Button.Pressed, "#repair-save")
    def action_save(self) -> None:
        """Check the entry; dismiss with it, or say what to fix."""
        value = lambda name: self.query_one(f"#repair-{name}", Input).value.strip()  # noqa: E731
        try:
            day = parse_day(value("date"), self.today)
        except ValueError as error:
            self.query_one("#repair-error", Static).update(f"Day: expected {error}")
            return
        texts = {name: value(name) or None for name in ("rupture", "repair", "outcome")}
        if not any(texts.values()):
            self.query_one("#repair-error", Static).update(
                "Write at least what happened, or what you did to reconnect.")
            return
        who = None
        if self.people:
            chosen = self.query_one("#repair-with", Select).value
            who = None if chosen is Select.NULL else str(chosen)
        self.dismiss(Repair(date=day, with_=who, **texts))

    @on(Button.Pressed, "#repair-cancel")
    def action_cancel(self) -> None:
        """Close without saving anything."""
        self.dismiss(None)


def repair_line(g: MapGraph, repair: Repair,
                mask: Callable[[str], str] = terminal_safe) -> Text:
    """One entry in a few lines: day and person, then what happened, the
    repair and how it went. `mask` hides names behind the privacy screen."""
    person = g.person(repair.with_)
    out = Text.assemble((day(repair.date), "bold"))
    out.append(f" · with {mask(person.name)}" if person else "")
    for label, value in (("what happened", repair.rupture), ("the repair", repair.repair),
                         ("how it went", repair.outcome)):
        if value:
            out.append(f"\n  {label}: ", style="dim")
            out.append(mask(value))
    return out


class RepairList(OptionList):
    """The repair log, newest first; each option is one entry."""

    BINDINGS = [
        Binding("n,a", "add", "add repair", id="repair.add"),
        Binding("enter", "change", "change repair", id="repair.change"),
        Binding("delete,backspace", "remove", "remove repair", id="repair.remove"),
    ]

    class Wanted(Message):
        """A key asked for a change: `add`, `change` or `remove` entry `index`."""

        def __init__(self, what: str, index: int | None) -> None:
            super().__init__()
            self.what = what
            self.index = index

    def _index(self) -> int | None:
        if self.highlighted is None or not self.option_count:
            return None
        return int(self.get_option_at_index(self.highlighted).id)

    def action_add(self) -> None:
        self.post_message(self.Wanted("add", None))

    def action_change(self) -> None:
        if (index := self._index()) is not None:
            self.post_message(self.Wanted("change", index))

    def action_remove(self) -> None:
        if (index := self._index()) is not None:
            self.post_message(self.Wanted("remove", index))


class RepairsPanel(Vertical):
    """The session screen's repair log: read, add (n), change (enter) and
    remove (delete, undoable) entries.

    The session screen calls `show(view)` after every change; the panel asks
    for each change with `EditRequested`, so each is one undo step.
    """

    DEFAULT_CSS = """
    RepairsPanel { height: 1fr; }
    RepairsPanel RepairList { height: 1fr; }
    RepairsPanel .empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, today: Callable[[], dt.date] = dt.date.today,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: SessionView | None = None
        #: What day it is (the session screen passes its own clock).
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", id="repairs-empty")
        yield RepairList(id="repair-list")

    def show(self, view: SessionView) -> None:
        """Redraw the log from the map, keeping the highlighted entry."""
        self._view = view
        entries = self.query_one(RepairList)
        keep = entries.highlighted
        entries.clear_options()
        repairs = view.graph.repairs
        for index in reversed(range(len(repairs))):
            entries.add_option(Option(repair_line(view.graph, repairs[index], view.mask),
                                      id=str(index)))
        if repairs:
            entries.highlighted = min(keep or 0, len(repairs) - 1)
        self.query_one("#repairs-empty", Static).update(
            "" if repairs else "No repairs logged yet. Press n to add one: a moment the"
            " connection broke, and what was done to reconnect.")

    @on(RepairList.Wanted)
    def _wanted(self, event: RepairList.Wanted) -> None:
        event.stop()
        if self._view is None:
            return
        g, index = self._view.graph, event.index
        if event.what == "remove" and index is not None:
            self.post_message(EditRequested(SetItem("repairs", index, None, what="a repair")))
            return
        initial = g.repairs[index] if index is not None else None

        def done(repair: Repair | None) -> None:
            if repair is not None:
                self.post_message(EditRequested(SetItem("repairs", index, repair,
                                                        what="a repair")))

        self.app.push_screen(RepairDialog(g.people, initial=initial, today=self.today(),
                                          title="Change this repair" if initial else
                                          "A rupture and a repair"), done)


__all__ = ["RepairDialog", "RepairList", "RepairsPanel", "repair_line"]
