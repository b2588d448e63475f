"""What the app says about the map's file: read-only, disk trouble, changes by other programs.

`StoreWatch` looks at the `MapStore` once a second (saves run in a worker
thread, so the screen learns of them here) and turns what it finds into
notifications: why the map opened read-only, a failed save with what to do
(free space, or "save as"), and a map deleted or changed by another program.
`SaveAsScreen` asks where to put the map instead; `ReadOnlyEditScreen`, at
the first edit in a window that cannot save, says why (the other window that
holds the map, a read-only file) and offers Save as before the change is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from exports.errors import AttachmapError
from exports.store import MapStore
from patterns.models import RelationalMap
from patterns.text import terminal_safe
from tui.screens import Dialog

#: After a failed save, how often the map is written again without waiting for an edit.
RETRY_SECONDS = 10.0


class StoreWatch:
    """Tells the user, once each, what the store has to say; retries failed saves."""

    def __init__(self, app: App[Any], store: MapStore,
                 retry: Callable[[], object] | None = None) -> None:
        self.app = app
        self.store = store
        self.retry = retry
        self._last_trouble = ""
        self._ticks = 0

    def start(self) -> None:
        """Say at once why the map is read-only (if it is), then look every second."""
        if self.store.read_only and self.store.read_only_reason:
            self.app.notify(self.store.read_only_reason, title="Read-only",
                            severity="warning", timeout=20)
        self.check()
        self.app.set_interval(1.0, self.check, name="store-watch")

    def check(self) -> None:
        """Pass on new notices and a new save problem; now and then, save again."""
        self._ticks += 1
        if (self.retry is not None and not self.store.status.saved
                and not self.store.read_only and self._ticks % int(RETRY_SECONDS) == 0):
            self.retry()  # the disk may have room again: nothing waits for the next edit
        while self.store.notices:
            self.app.notify(self.store.notices.pop(0), title="The map's file",
                            severity="warning", timeout=15)
        status = self.store.status
        if status.saved:
            self._last_trouble = ""
        elif status.message != self._last_trouble:
            self._last_trouble = status.message
            self.app.notify(status.message + " (command palette: save as)", title="Not saved",
                            severity="error", timeout=20)


class SaveAsScreen(Dialog[Path | None]):
    """Ask for another file to keep the map in; Escape cancels."""

    DEFAULT_CSS = """
    SaveAsScreen { align: center middle; background: $background 60%; }
    SaveAsScreen > Vertical { width: 72; max-width: 100%; height: auto; padding: 1 2;
        border: round $accent; background: $surface; }
    SaveAsScreen .question { text-style: bold; margin-bottom: 1; }
    SaveAsScreen .help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "cancel", id="save-as.cancel")]

    def __init__(self, suggestion: Path) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Save the map as (a new file; you go on working there):",
                        classes="question")
            yield Input(str(self.suggestion), id="save-as-path")
            yield Label("Enter to save · Escape to cancel", classes="help")

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReadOnlyEditScreen(Dialog[bool]):
    """The first edit in a window that cannot save: why, and Save as… or keep
    read-only (True: save as). Names who holds the map, nothing of the map."""

    DEFAULT_CSS = """
    ReadOnlyEditScreen { align: center middle; background: $background 60%; }
    ReadOnlyEditScreen > Vertical { width: 76; max-width: 100%; height: auto; padding: 1 2;
        border: round $warning; background: $surface; }
    ReadOnlyEditScreen .question { text-style: bold; margin-bottom: 1; }
    ReadOnlyEditScreen OptionList { height: auto; }
    ReadOnlyEditScreen .help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "keep", "keep read-only", id="read-only.keep")]

    def __init__(self, store: MapStore) -> None:
        super().__init__()
        self.why = (f"{store.path.name} cannot be saved from this window:"
                    f" {store.read_only_cause or 'it was opened read-only'}.")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(terminal_safe(self.why), classes="question", markup=False)
            yield Label("Your change is on screen only. Save as keeps it, and what follows,"
                        " in a file of its own.", markup=False)
            yield OptionList(Option("Save as…  a new file; you go on working there",
                                    id="save-as"),
                             Option("Keep read-only  changes stay in this window until it"
                                    " closes", id="keep"), id="read-only-choice")
            yield Label("Enter to choose · Escape keeps it read-only", classes="help")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id == "save-as")

    def action_keep(self) -> None:
        self.dismiss(False)


def suggest_elsewhere(store: MapStore) -> Path:
    """Somewhere likely writable for a map that cannot be saved where it is: the home folder."""
    return Path.home() / store.path.name


def save_as(app: App[Any], store: MapStore, current: RelationalMap, target: Path) -> bool:
    """Save to `target` and tell the user how it went; whether it was saved."""
    try:
        store.save_as(current, target)
    except (OSError, AttachmapError, ValueError) as error:
        app.notify(f"Could not save there either: {error}", title="Not saved",
                   severity="error", timeout=15)
        return False
    app.notify(f"Saved as {store.path}; attachmap goes on saving there.", title="Saved",
               timeout=8)
    return True
