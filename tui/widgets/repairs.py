"""The rupture-and-repair log: a dialog to write one entry, and a panel to
read, add, change and remove entries in the session screen.

A rupture is a moment the connection broke (a row, a door slammed, going
silent); a repair is what was done to reconnect. Noticing both is much of
the work between sessions, so the client logs them in the review too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from patterns.graph import MapGraph
from patterns.models import THERAPIST, Person, Repair
from patterns.side_edits import SetItem
from patterns.text import terminal_safe
from patterns.voice import about_the_client, day, repair_party, said_to_client
from tui.messages import EditRequested
from tui.screens import Dialog
from tui.session.view import SessionView
from tui.widgets.tries import FORM_CSS, choice, field_row, parse_day


class RepairDialog(Dialog[Repair | None]):
    """Write (or change) one entry of the log: what happened, with whom (a
    person of the map, or the therapist: a rupture in the therapy itself),
    what was done to reconnect, how it went, the day, and, for the therapist
    (`can_be_private`), whether it is private. It opens on its first field;
    Enter goes on to the next field and saves on the last, so a half-filled
    form is never sent by an Enter meant for the next field; ctrl+s saves
    from anywhere. Escape cancels with None."""

    DEFAULT_CSS = FORM_CSS.format(name="RepairDialog") + """
    RepairDialog Horizontal > Checkbox { width: 1fr; border: none; padding: 0; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="repair.cancel"),
        Binding("ctrl+s", "save", "save", id="repair.save"),
    ]
    #: The fields in order, as Enter walks them.
    FIELDS = ("rupture", "with", "repair", "outcome", "private", "date")

    def __init__(self, people: list[Person], *, initial: Repair | None = None,
                 today: dt.date | None = None, title: str = "A rupture and a repair",
                 therapist: str = "my therapist", can_be_private: bool = False,
                 names: Callable[[Person], str] | None = None) -> None:
        super().__init__()
        self.people = people
        self.initial = initial
        self.today = today or dt.date.today()
        self.heading = title
        #: How the therapist is offered under "with whom" ("between us (the therapy)"
        #: to the therapist, "my therapist" to the client).
        self.therapist = therapist
        self.can_be_private = can_be_private
        self.names = names or (lambda p: p.name)
        self.AUTO_FOCUS = "#repair-rupture"

    def compose(self) -> ComposeResult:
        first = self.initial or Repair(date=self.today)
        choices = [(choice(self.names(p)), p.id) for p in self.people]
        choices.append((choice(self.therapist), THERAPIST))
        known = [value for _, value in choices]
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            yield field_row("What happened", Input(terminal_safe(first.rupture or ""),
                                                   id="repair-rupture",
                                                   placeholder="the moment things went wrong",
                                                   compact=True))
            yield field_row("With whom", Select(
                choices, prompt="someone else / not said",
                value=first.with_ if first.with_ in known else Select.NULL, id="repair-with",
                compact=True))
            yield field_row("What you did to reconnect", Input(
                terminal_safe(first.repair or ""), id="repair-repair",
                placeholder="what you said or did",
                compact=True))
            yield field_row("How it went", Input(terminal_safe(first.outcome or ""),
                                                 id="repair-outcome",
                                                 placeholder="how it landed", compact=True))
            if self.can_be_private:
                yield field_row("Private", Checkbox(
                    "only you see it", first.is_private,
                    id="repair-private", compact=True))
            yield field_row("Day", Input(first.date.isoformat(), id="repair-date",
                                         placeholder="today, yesterday, 22 Nov", compact=True))
            yield Static("", classes="error", id="repair-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="repair-cancel", compact=True)
                yield Button("Save", variant="primary", id="repair-save", compact=True)
            yield Label("Enter: next field, saves on the last · ctrl+s saves · Esc cancels",
                        classes="help")

    def _next(self, after: str) -> None:
        """Focus the field after `after`; save after the last."""
        present = [f for f in self.FIELDS if self.query(f"#repair-{f}")]
        later = present[present.index(after) + 1:]
        if later:
            self.query_one(f"#repair-{later[0]}").focus()
        else:
            self.action_save()

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._next((event.input.id or "repair-date").removeprefix("repair-"))

    @on(Select.Changed, "#repair-with")
    def _chosen(self, event: Select.Changed) -> None:
        # Chosen in the drop-down (Enter there): on to the next field, never a save.
        if self.is_mounted and self.focused is not None and self.focused.id == "repair-with":
            self._next("with")

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
            self.query_one("#repair-rupture").focus()
            return
        chosen = self.query_one("#repair-with", Select).value
        who = None if chosen is Select.NULL else str(chosen)
        private = None
        if self.can_be_private:
            private = True if self.query_one("#repair-private", Checkbox).value else None
        elif self.initial is not None:
            private = self.initial.private  # the client never makes it public by a change
        self.dismiss(Repair(date=day, with_=who, **texts, private=private))

    @on(Button.Pressed, "#repair-cancel")
    def action_cancel(self) -> None:
        """Close without saving anything."""
        self.dismiss(None)


def repair_line(g: MapGraph, repair: Repair, mask: Callable[[str], str] = terminal_safe, *,
                to_client: bool = False) -> Text:
    """One entry in a few lines: day and with whom, then what happened, the
    repair and how it went. `mask` hides names behind the privacy screen
    (and, like every map text shown, keeps it text: `terminal_safe`). In
    the client's review (`to_client`) the entry is said to the client
    (`patterns.voice`: "between you and your therapist", "you went cold");
    in the therapist's log a private entry says so."""
    party = repair_party(repair.with_, g.people, to_client=to_client)
    pronouns = to_client and about_the_client(repair.with_, g.people)
    out = Text.assemble((day(repair.date), "bold"))
    out.append(f" · {mask(party)}" if party else "")
    if repair.is_private and not to_client:
        out.append(" · private (only you see it)", style="italic")
    for label, value in (("what happened", repair.rupture), ("the repair", repair.repair),
                         ("how it went", repair.outcome)):
        if value:
            out.append(f"\n  {label}: ", style="dim")
            out.append(mask(said_to_client(value, g.people, pronouns=pronouns)
                            if to_client else value))
    return out


class RepairList(OptionList):
    """The repair log, newest first; each option is one entry."""

    BINDINGS = [
        Binding("n,a", "add", "add repair", id="repair.add"),
        Binding("enter", "change", "change repair", id="repair.change"),
        Binding("delete,backspace", "remove", "remove repair", id="repair.remove"),
    ]

    @dataclass
    class Wanted(Message):
        """A key asked for a change: `add`, `change` or `remove` entry `index`."""

        what: str
        index: int | None

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
        # Behind the privacy screen a private entry is not shown at all.
        shown = [i for i, r in enumerate(repairs) if not (view.privacy and r.is_private)]
        for index in reversed(shown):
            entries.add_option(Option(repair_line(view.graph, repairs[index], view.mask),
                                      id=str(index)))
        if shown:
            entries.highlighted = min(keep or 0, len(shown) - 1)
        hidden = len(repairs) - len(shown)
        empty = "" if shown else ("No repairs logged yet. Press n to add one: a moment the"
                                  " connection broke, and what was done to reconnect.")
        if hidden:
            empty = (f"{hidden} private {'entry' if hidden == 1 else 'entries'} hidden by the"
                     " privacy screen (F2).")
        self.query_one("#repairs-empty", Static).update(empty)

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

        self.app.push_screen(therapist_dialog(self._view, initial=initial, today=self.today(),
                                              title="Change this repair" if initial else
                                              "A rupture and a repair"), done)


def therapist_dialog(view: SessionView, *, initial: Repair | None = None,
                     today: dt.date | None = None,
                     title: str = "A rupture and a repair") -> RepairDialog:
    """The rupture form as the therapist has it: the therapist offered as
    "between us", the private box, and names as the privacy screen shows them."""
    return RepairDialog(view.graph.people, initial=initial, today=today, title=title,
                        therapist="between us (the therapy)", can_be_private=True,
                        names=view.person_name)


__all__ = ["RepairDialog", "RepairList", "RepairsPanel", "repair_line", "therapist_dialog"]
