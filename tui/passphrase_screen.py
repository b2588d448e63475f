"""Asking for an encrypted map's passphrase on screen, without echo.

`PassphraseScreen` is a full screen (nothing of the map shows behind it)
with a masked input; for a new map it asks twice. `unlock_store(store)` runs
it as a small app of its own before the session or review screen starts:
the store is unlocked (scrypt, a second or two, in a thread) or the user
gave up. The idle lock uses the same screen to unlock again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from exports.store import MapStore
from exports.store.crypto import CryptoError, WrongPassphrase, read_passphrase_file
from tui.safe_app import SafeTextApp, exit_code
from tui.screens import DismissedOnce

CSS = """
PassphraseScreen { align: center middle; background: $background; }
PassphraseScreen > Vertical {
    width: 64; max-width: 100%; height: auto; padding: 1 2;
    border: round $accent; background: $surface;
}
PassphraseScreen .question { text-style: bold; margin-bottom: 1; }
PassphraseScreen #passphrase-error { color: $error; text-style: bold; margin-top: 1; }
PassphraseScreen .help { color: $text-muted; margin-top: 1; }
"""

#: Checks a typed passphrase; returns an error to show, or None when it opens.
Checker = Callable[[str], str | None]


class PassphraseScreen(DismissedOnce[str | None]):
    """Type a passphrase (masked); Enter checks it, Escape gives up (None).

    `check` runs in a thread (it may take seconds of scrypt) and returns the
    error to show, or None to dismiss with the passphrase.
    """

    DEFAULT_CSS = CSS
    BINDINGS = [Binding("escape", "give_up", "cancel", id="passphrase.cancel")]

    def __init__(self, question: str, check: Checker, *, new: bool = False,
                 can_cancel: bool = True) -> None:
        super().__init__()
        self.question = question
        self.check = check
        self.new = new
        self.can_cancel = can_cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question", markup=False)
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            if self.new:
                yield Input(password=True, placeholder="the same again", id="passphrase-again")
            yield Label("", id="passphrase-error", markup=False)
            yield Label("Enter to open" + (" · Escape to cancel" if self.can_cancel else ""),
                        classes="help")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        first = self.query_one("#passphrase", Input)
        if self.new and event.input is first:
            self.query_one("#passphrase-again", Input).focus()
            return
        passphrase = first.value
        if not passphrase:
            self._error("Type the passphrase first.")
            return
        if self.new and self.query_one("#passphrase-again", Input).value != passphrase:
            self._error("The two entries differ; type them again.")
            self._clear()
            return
        self._error("Checking…")
        for field in self.query(Input):
            field.disabled = True
        self._check(passphrase)

    # Named, so that Textual does not write the passphrase into the worker's
    # description (its default is the call with every argument spelled out).
    @work(thread=True, exclusive=True, description="checking the passphrase")
    def _check(self, passphrase: str) -> None:
        problem = self.check(passphrase)
        self.app.call_from_thread(self._checked, passphrase, problem)

    def _checked(self, passphrase: str, problem: str | None) -> None:
        if problem is None:
            self.dismiss(passphrase)
            return
        for field in self.query(Input):
            field.disabled = False
        self._clear()
        self._error(problem)

    def _clear(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#passphrase", Input).focus()

    def _error(self, text: str) -> None:
        self.query_one("#passphrase-error", Label).update(text)

    def action_give_up(self) -> None:
        if self.can_cancel:
            self.dismiss(None)


def store_checker(store: MapStore) -> Checker:
    """Unlock `store` with a typed passphrase; the error in plain words, or None."""

    def check(passphrase: str) -> str | None:
        try:
            store.unlock(passphrase)
        except WrongPassphrase:
            return "That passphrase does not open this map. Try again."
        except CryptoError as error:
            return error.message
        except ValueError as error:
            return str(error)
        return None

    return check


class UnlockApp(SafeTextApp, App[bool]):
    """The passphrase screen alone, before the map's own screen starts."""

    TITLE = "attachmap"

    def __init__(self, store: MapStore) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        exists = self.store.path.exists()
        question = (f"{self.store.path.name} is encrypted. Its passphrase:" if exists
                    else f"A new encrypted map, {self.store.path.name}. Choose its passphrase:")
        self.push_screen(PassphraseScreen(question, store_checker(self.store), new=not exists),
                         lambda typed: self.exit(typed is not None))


def unlock_store(store: MapStore, passphrase_file: Path | None = None) -> bool:
    """Ask for an encrypted map's passphrase on screen and unlock it; False if cancelled.

    With `passphrase_file` (scripts: `--passphrase-file`), the passphrase is its
    first line and nothing is asked; a wrong one raises the crypto error. A plain
    map needs nothing and returns True at once.
    """
    if store.unlocked:
        return True
    if passphrase_file is not None:
        store.unlock(read_passphrase_file(passphrase_file))
        return True
    app = UnlockApp(store)
    opened = bool(app.run())
    if exit_code(app, opened):
        raise SystemExit(1)  # it crashed: its line is printed
    return opened
