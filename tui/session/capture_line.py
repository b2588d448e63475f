"""The capture line (SPEC section 4): one line, Enter adds to the map.

Under the line sits a quiet hint of the grammar, or of what the line will do;
when a line cannot be taken, the error replaces the hint, the part at fault is
selected and the typed text stays to be fixed. Up and down recall earlier
lines. The line does not parse anything itself: it posts `Submitted` and the
screen that owns the map answers with `accepted` or `rejected`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.geometry import Region
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static
from textual.widgets.input import Selection

GRAMMAR_HINT = (
    "t: trigger  f: feeling  m: meaning  b: body  s: strategy  n: need  r: resource  "
    "x: new response  o: origin   a -> b   When …, I feel …, so I …, because I need …"
)
PLACEHOLDER = "e.g.  t: the door slams   or   When the door slams, I feel scared, so I hide"
SHORT_HINT = "t: trigger  f: feeling  s: strategy  n: need   a -> b   When …, I feel …"


class _Completion(Suggester):
    """Ghost text completing a node reference; → or End accepts it."""

    def __init__(self, complete: Callable[[str], str | None]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.complete = complete

    async def get_suggestion(self, value: str) -> str | None:
        try:
            return self.complete(value)
        except Exception:  # a completion is a nicety: never let it break typing
            return None


class CaptureInput(Input):
    """The text field of the capture line, with recall of earlier lines."""

    BINDINGS = [
        Binding("up", "recall(-1)", "earlier line", show=False),
        Binding("down", "recall(1)", "later line", show=False),
        # An Enter typed while the app was starting reaches it as ctrl+j (the
        # terminal turned it into a line feed before Textual took it over).
        Binding("ctrl+j", "submit", "add the line", show=False),
    ]

    class HelpWanted(Message):
        """`?` typed on an empty line: show the keys rather than type it."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self.recalled: list[str] = []
        self._at = 0
        self._draft = ""

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Repaint only: the line is one row across the screen whatever is typed
        (its CSS fixes its size), so a new value never needs the whole screen
        laid out again, which Input asks for whenever the text's width changes."""
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)

    def remember(self, line: str) -> None:
        """Keep a taken line for recall (the same line twice in a row once)."""
        if line and (not self.recalled or self.recalled[-1] != line):
            self.recalled.append(line)
        self._at = len(self.recalled)
        self._draft = ""

    def action_recall(self, step: int) -> None:
        """Walk back (-1) or forward (+1) through earlier lines."""
        if not self.recalled:
            return
        if self._at == len(self.recalled):
            self._draft = self.value
        self._at = max(0, min(len(self.recalled), self._at + step))
        self.value = self.recalled[self._at] if self._at < len(self.recalled) else self._draft
        self.cursor_position = len(self.value)

    async def _on_key(self, event: Key) -> None:
        if event.character == "?" and not self.value:
            event.prevent_default()
            event.stop()
            self.post_message(self.HelpWanted())
            return
        await super()._on_key(event)


class CaptureLine(Vertical):
    """The prompt, the line and its hint or error."""

    @dataclass
    class Submitted(Message):
        """The user pressed Enter on a non-empty line."""

        text: str

    def __init__(
        self,
        *,
        hint_for: Callable[[str], str | None] | None = None,
        complete: Callable[[str], str | None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        #: What the line would do, for the hint (None: the grammar hint).
        self.hint_for = hint_for
        self._complete = complete
        self._error = False
        self._prompt = "›"

    def compose(self) -> ComposeResult:
        with Horizontal(id="capture-row"):
            yield Label("›", id="capture-prompt", markup=False)
            yield CaptureInput(
                id="capture-input",
                placeholder=PLACEHOLDER,
                suggester=_Completion(self._complete) if self._complete else None,
            )
        yield Static(GRAMMAR_HINT, id="capture-hint", markup=False)

    @property
    def input(self) -> CaptureInput:
        """The text field (tests and the screen focus it)."""
        return self.query_one(CaptureInput)

    @property
    def hint(self) -> Static:
        return self.query_one("#capture-hint", Static)

    def set_prompt(self, who: str | None) -> None:
        """`Sam ›` while new parts go to Sam's side; `›` for the map's default."""
        prompt = f"{who} ›" if who else "›"
        if prompt != self._prompt:
            self._prompt = prompt
            self.query_one("#capture-prompt", Label).update(prompt)

    def accepted(self, line: str, what: str) -> None:
        """The line was taken: clear it, remember it, say what it did."""
        self.input.remember(line)
        self.input.value = ""
        self._show(f"✓ {what}", error=False)

    def rejected(self, message: str, start: int | None = None, end: int | None = None) -> None:
        """The line could not be taken: say why under it and keep the text."""
        self._show(f"✗ {message}", error=True)
        if start is not None and end is not None and 0 <= start < end <= len(self.input.value):
            self.input.selection = Selection(start, end)

    @property
    def grammar(self) -> str:
        """The grammar hint that fits the line's width."""
        return GRAMMAR_HINT if self.size.width >= len(GRAMMAR_HINT) + 2 else SHORT_HINT

    def on_resize(self) -> None:
        if not self._error and not self.hint.has_class("-done") and not self.input.value.strip():
            self.hint.update(self.grammar, layout=False)

    def _show(self, text: str, *, error: bool) -> None:
        self._error = error
        self.hint.update(text, layout=False)  # one fixed line: no relayout per key
        self.hint.set_class(error, "-error")
        self.hint.set_class(not error and text.startswith("✓"), "-done")

    @on(Input.Changed, "#capture-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        hint = None
        if event.value.strip() and self.hint_for is not None:
            try:
                hint = self.hint_for(event.value)
            except Exception:  # the hint is a nicety: never let it break typing
                hint = None
        if event.value.strip() or not self.hint.has_class("-done"):
            self._show(hint or self.grammar, error=False)

    @on(Input.Submitted, "#capture-input")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Submitted(event.value))


__all__ = ["GRAMMAR_HINT", "CaptureInput", "CaptureLine"]
