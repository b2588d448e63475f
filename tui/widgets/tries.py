"""Tries of an experiment on screen: a small chart, and the dialog to log one.

Both the client's review and the session screen's experiments panel use
these, so a try looks and is entered the same way wherever it is seen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from patterns.models import Try
from patterns.progress import Progress
from patterns.text import terminal_safe
from patterns.voice import day
from tui.screens import Dialog

#: Eighths of a character cell, for bars that rise smoothly.
_EIGHTHS = " ▁▂▃▄▅▆▇█"
CHART_ROWS = 5
#: Each try takes this many columns: a before bar, an after bar, a gap.
_COLUMN = 7


class TriesChart(Widget):
    """Distress before and after each try, as pairs of bars on a fixed 0–10
    scale, with the day of each try underneath and the trend in words.

    Set `progress` (a `patterns.progress.Progress`) to redraw.
    """

    DEFAULT_CSS = """
    TriesChart { height: auto; width: 1fr; }
    """

    def __init__(self, progress: Progress | None = None, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._progress = progress

    @property
    def progress(self) -> Progress | None:
        """The tries shown."""
        return self._progress

    @progress.setter
    def progress(self, value: Progress | None) -> None:
        self._progress = value
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        p = self._progress
        return 2 if p is None or not p.tries else CHART_ROWS + 4

    def render(self) -> Text:
        p = self._progress
        if p is None or not p.tries:
            return Text("No tries yet: each one you log shows here.", style="italic")
        width = max(self.size.width, 30)
        fits = max(1, (width - 4) // _COLUMN)
        shown = list(zip(p.dates, p.before, p.after))[-fits:]
        before_style = self.app.theme_variables.get("warning", "yellow")
        after_style = self.app.theme_variables.get("success", "green")
        out = Text()
        for row in range(CHART_ROWS, 0, -1):
            axis = {CHART_ROWS: "10", (CHART_ROWS + 1) // 2: " 5"}.get(row, "  ")
            out.append(f"{axis} │", style="dim")
            for _, before, after in shown:
                out.append(" ")
                out.append(_cell(before, row) * 2, style=before_style)
                out.append(" ")
                out.append(_cell(after, row) * 2, style=after_style)
                out.append(" ")
            out.append("\n")
        out.append(" 0 └" + "─" * (_COLUMN * len(shown)) + "\n", style="dim")
        out.append("    " + "".join((" " + day(d, year=False).rjust(6))[:_COLUMN].ljust(_COLUMN)
                                    for d, _, _ in shown) + "\n", style="dim")
        out.append("    ")
        out.append("██", style=before_style)
        out.append(" before  ")
        out.append("██", style=after_style)
        out.append(" after")
        if len(shown) < p.tries:
            out.append(f"   (the last {len(shown)} of {p.tries} tries)", style="dim")
        out.append("\n" + p.trend()[0].upper() + p.trend()[1:] + ".", style="bold")
        return out


def _cell(score: int | None, row: int) -> str:
    """The block for one row of a bar of height `score` (0–10)."""
    if score is None:
        return " "
    # Each row stands for two points; the top of a bar can be a partial block.
    eighths = round(score * CHART_ROWS * 8 / 10) - (row - 1) * 8
    return _EIGHTHS[max(0, min(8, eighths))] if score else ("▁" if row == 1 else " ")


# -- entering a try ------------------------------------------------------------------


def parse_day(text: str, today: dt.date) -> dt.date:
    """A day typed by a person: `today`, `yesterday`, `2026-11-22`, `22 Nov`
    or `22 Nov 2026`. Raises ValueError with a sentence for them."""
    text = text.strip().lower()
    if text in ("", "today"):
        return today
    if text == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        found = re.fullmatch(r"(\d{1,2})\s+([a-z]{3})[a-z]*\.?(?:\s+(\d{4}))?", text)
        if not found:
            raise ValueError("a day like 2026-11-22, 22 Nov, today or yesterday") from None
        try:
            day = dt.datetime.strptime(f"{found[1]} {found[2]} {found[3] or today.year}",
                                       "%d %b %Y").date()
        except ValueError:
            raise ValueError("a real day like 22 Nov") from None
        if found[3] is None and day > today:  # "30 Dec" typed in January means last year
            day = day.replace(year=day.year - 1)
    if day > today:
        raise ValueError("today or a day before it")
    return day


def parse_score(text: str) -> int | None:
    """A distress score 0–10, or None when left empty (ValueError otherwise)."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 10:
        raise ValueError("a whole number from 0 (calm) to 10 (the worst)")
    return int(text)


@dataclass(frozen=True)
class LoggedTry:
    """What the try dialog gives back: which experiment, and the try."""

    experiment_id: str
    attempt: Try


FORM_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{
    width: 72; max-width: 96%; height: auto; max-height: 96%; padding: 1 2;
    border: round $accent; background: $surface;
}}
{name} .title {{ text-style: bold; margin-bottom: 1; }}
{name} .plan {{ color: $text-muted; margin-bottom: 1; width: 1fr; }}
{name} Horizontal {{ height: auto; margin-bottom: 1; }}
{name} Horizontal > Label {{ width: 27; padding-right: 1; }}
{name} Horizontal > Input, {name} Horizontal > Select {{ width: 1fr; }}
{name} .error {{ color: $error; height: auto; width: 1fr; }}
{name} .buttons {{ margin: 0; align-horizontal: right; }}
{name} .buttons Button {{ margin-left: 2; }}
{name} .help {{ color: $text-muted; }}
"""


def field_row(label: str, widget: Widget) -> Horizontal:
    """A labelled row of a form."""
    return Horizontal(Label(label), widget)


def choice(text: str) -> Text:
    """Map text as an option of a form's Select: plain text (a str would be
    read as markup), nothing a terminal would obey."""
    return Text(terminal_safe(text))


class TryDialog(Dialog[LoggedTry | None]):
    """Log (or change) one try of an experiment.

    `choices` are (experiment id, what is practised); with more than one the
    dialog asks which. The date defaults to today; both scores and the note
    may be left empty. Escape cancels with None.
    """

    DEFAULT_CSS = FORM_CSS.format(name="TryDialog")
    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="try.cancel"),
        Binding("ctrl+s", "save", "save", id="try.save"),
    ]

    def __init__(self, choices: list[tuple[str, str]], *, chosen: str | None = None,
                 plans: dict[str, str] | None = None, initial: Try | None = None,
                 today: dt.date | None = None, title: str = "How did it go?") -> None:
        super().__init__()
        if not choices:
            raise ValueError("a try needs an experiment to belong to")
        self.choices = choices
        self.chosen = chosen if chosen in dict(choices) else choices[0][0]
        self.plans = plans or {}
        self.initial = initial
        self.today = today or dt.date.today()
        self.heading = title
        # A new try starts at the scores (the day is most often today).
        self.AUTO_FOCUS = "#try-before" if initial is None else "#try-date"

    def compose(self) -> ComposeResult:
        first = self.initial
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            if len(self.choices) > 1:
                yield field_row("What you practised", Select(
                    [(choice(label), key) for key, label in self.choices], value=self.chosen,
                    allow_blank=False, id="try-experiment"))
            else:
                yield Static(terminal_safe(f"Practising: {self.choices[0][1]}"), markup=False)
            yield Static(terminal_safe(self.plans.get(self.chosen, "")), classes="plan",
                         id="try-plan", markup=False)
            day = first.date if first else self.today
            yield field_row("Day", Input(day.isoformat(), placeholder="today, yesterday, 22 Nov",
                                         id="try-date", compact=True))
            yield field_row("Distress before (0–10)", Input(
                "" if first is None or first.before is None else str(first.before),
                placeholder="0 calm … 10 the worst", id="try-before", compact=True))
            yield field_row("Distress after (0–10)", Input(
                "" if first is None or first.after is None else str(first.after),
                placeholder="0 calm … 10 the worst", id="try-after", compact=True))
            yield field_row("How it went", Input(terminal_safe(first.note or "" if first else ""),
                                                 placeholder="a few words, if you like",
                                                 id="try-note", compact=True))
            yield Static("", classes="error", id="try-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="try-cancel", compact=True)
                yield Button("Save", variant="primary", id="try-save", compact=True)
            yield Label("Enter or ctrl+s saves · Escape cancels", classes="help")


    @on(Select.Changed, "#try-experiment")
    def _experiment_chosen(self, event: Select.Changed) -> None:
        self.chosen = str(event.value)
        self.query_one("#try-plan", Static).update(terminal_safe(self.plans.get(self.chosen, "")))

    @on(Input.Submitted)
    @on(Button.Pressed, "#try-save")
    def action_save(self) -> None:
        """Check the fields; dismiss with the try, or say what to fix."""
        value = lambda name: self.query_one(f"#try-{name}", Input).value  # noqa: E731
        try:
            day = _field("Day", parse_day, value("date"), self.today)
            before = _field("Distress before", parse_score, value("before"))
            after = _field("Distress after", parse_score, value("after"))
        except ValueError as error:
            self.query_one("#try-error", Static).update(str(error))
            return
        note = value("note").strip() or None
        self.dismiss(LoggedTry(self.chosen, Try(date=day, before=before, after=after, note=note)))

    @on(Button.Pressed, "#try-cancel")
    def action_cancel(self) -> None:
        """Close without logging anything."""
        self.dismiss(None)


def _field(name: str, parse, text: str, *args: object):  # noqa: ANN001, ANN202
    """Run a parser; its complaint becomes `Name: expected …`."""
    try:
        return parse(text, *args)
    except ValueError as error:
        raise ValueError(f"{name}: expected {error}") from None


__all__ = ["CHART_ROWS", "FORM_CSS", "LoggedTry", "TriesChart", "TryDialog", "choice", "field_row",
           "parse_day", "parse_score"]
