"""Small dialogs of the session screen, each returning a typed result.

A line of text (the map's title, a loop's name), a person to add, and the
kind of a link. Escape cancels every one of them with None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from patterns.models import Person
from patterns.text import terminal_safe
from patterns.vocabulary import LinkKind, link_phrase
from tui.screens import Dialog

_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{
    width: 64; max-width: 90%; height: auto; padding: 1 2;
    border: round $accent; background: $surface;
}}
{name} Label.question {{ margin-bottom: 1; text-style: bold; }}
{name} Label.help {{ color: $text-muted; margin-top: 1; }}
{name} OptionList {{ height: auto; max-height: 14; }}
"""


class TextPrompt(Dialog[str | None]):
    """Ask for one line of text: Enter gives it, Escape cancels."""

    DEFAULT_CSS = _CSS.format(name="TextPrompt")
    BINDINGS = [Binding("escape", "cancel", "cancel", id="dialog.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(terminal_safe(self.question), classes="question", markup=False)
            # The map's words, without what a terminal would obey.
            yield Input(terminal_safe(self.value), placeholder=self.placeholder,
                        id="prompt-input")
            yield Label("Enter to confirm · Escape to cancel", classes="help")

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonPrompt(Dialog[Person | None]):
    """Add a person to the map: a name (an alias or initials is enough) and a role."""

    DEFAULT_CSS = _CSS.format(name="PersonPrompt")
    BINDINGS = [Binding("escape", "cancel", "cancel", id="dialog.cancel")]

    def __init__(self, new_id: str) -> None:
        super().__init__()
        self.new_id = new_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a person to the map", classes="question")
            yield Input(placeholder="name (an alias or initials is enough)", id="person-name")
            yield Input(placeholder="role: client, partner, mother…", id="person-role")
            yield Label("Enter to confirm · Escape to cancel", classes="help")

    @on(Input.Submitted, "#person-name")
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.query_one("#person-role", Input).focus()

    @on(Input.Submitted, "#person-role")
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#person-name", Input).value.strip()
        if not name:
            self.query_one("#person-name", Input).focus()
            return
        self.dismiss(Person(id=self.new_id, name=name, role=event.value.strip() or None))

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkKindPicker(Dialog[LinkKind | None]):
    """Choose how one part bears on the next (SPEC section 2's link kinds)."""

    DEFAULT_CSS = _CSS.format(name="LinkKindPicker")
    BINDINGS = [Binding("escape", "cancel", "cancel", id="dialog.cancel")]

    def __init__(self, source: str, target: str, current: LinkKind) -> None:
        super().__init__()
        self.source, self.target, self.current = source, target, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(terminal_safe(f"“{self.source}” … “{self.target}”"),
                        classes="question", markup=False)
            options = [Option(link_phrase(k), id=k.value) for k in LinkKind]
            picker = OptionList(*options, id="kind-list")
            picker.highlighted = list(LinkKind).index(self.current)
            yield picker
            yield Label("Enter to choose · Escape to cancel", classes="help")

    @on(OptionList.OptionSelected)
    def _done(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(LinkKind(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["LinkKindPicker", "PersonPrompt", "TextPrompt"]
