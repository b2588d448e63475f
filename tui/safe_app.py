"""What every attachmap app does with map text and with a crash (SPEC section 6).

`SafeTextApp` is mixed into each App (session, review, passphrase):

- a notification is plain text: never read as markup (a label holding
  `[/bold]` is shown as typed, not a crash), its control characters removed;
- pasted text loses its control characters before any widget sees it (an
  escape sequence pasted into a field would otherwise be drawn, and obeyed,
  by the terminal);
- an unexpected error ends the app with exit code 1 and `crash_line`, one
  line for the command line to print once the terminal is restored, saying
  where the report is: an owner-only file without map text
  (`tui.crash_report`). Textual's own report lists the local variables of
  every frame, which hold the map (a node's private note among them): it is
  not made at all. The same goes for `panic`, which Textual's driver calls
  when its input thread dies;
- input that is not UTF-8 (a byte of a Latin-1 paste) reads as �, where
  Textual's Linux driver dies of it (`tui.safe_driver`);
- the command palette, for commands and for themes, is `tui.screens`'
  (Textual's, dismissed once, with page keys that wait for its list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.driver import Driver

from patterns.text import terminal_safe

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class SafeTextApp:
    """A mixin for `App`: plain-text notifications and pastes, crash reports without map text."""

    #: After a crash: the line to print (None while all is well).
    crash_line: str | None = None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notification, always as plain text (`markup` is ignored:
        the words come from the map too often to be read as markup)."""
        super().notify(  # type: ignore[misc]
            terminal_safe(str(message), lines=True), title=terminal_safe(str(title)),
            severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and event.text:
            event.text = terminal_safe(event.text, lines=True)
        await super().on_event(event)  # type: ignore[misc]

    def action_command_palette(self) -> None:
        """Show the command palette (ctrl+p)."""
        from tui.screens import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore
            self.push_screen(CommandPalette(id="--command-palette"))  # type: ignore

    def search_themes(self) -> None:
        """The palette of themes (the palette's "theme" command)."""
        from textual.theme import ThemeProvider

        from tui.screens import CommandPalette

        self.push_screen(  # type: ignore[attr-defined]
            CommandPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def after_crash(self) -> str:
        """Rescue what can be rescued once the app has failed; a few words on
        how that went for the crash line ("" for nothing to say)."""
        return ""

    def _handle_exception(self, error: Exception) -> None:
        # Textual calls this with every error that ends the app.
        from tui.crash_report import report_crash

        try:
            state = self.after_crash()
        except Exception:
            state = ""
        if self.crash_line is None:  # the first error is the one that matters
            self.crash_line = report_crash(error, state)
        super()._handle_exception(error)  # type: ignore[misc]  # exit code 1; tests see the error
        # Printed by the command line instead, unwrapped, after the app.
        renderables: list[Any] = self._exit_renderables  # type: ignore[attr-defined]
        renderables.clear()

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()  # type: ignore[misc]
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver":
            from tui.safe_driver import ReplacingLinuxDriver

            return ReplacingLinuxDriver
        return driver

    def panic(self, *renderables: Any) -> None:
        """Textual's way out after an error outside the app's own code (its
        driver's input thread): treated as a crash, without its traceback."""
        if self.crash_line is not None:  # called by Textual's _handle_exception: reported
            super().panic(*renderables)  # type: ignore[misc]
            return
        from tui.crash_report import report_crash

        try:
            state = self.after_crash()
        except Exception:
            state = ""
        self.crash_line = report_crash(_what_panicked(renderables), state)
        self.exit(None, return_code=1)

    def _fatal_error(self) -> None:
        # Textual's version prints a traceback with every local variable.
        self._close_messages_no_wait()  # type: ignore[attr-defined]


def _what_panicked(renderables: tuple[Any, ...]) -> tuple[str, list[tuple[str, int, str, str]]]:
    """The type and frames of the error a panic shows in a rich Traceback (its
    message and locals left out), or a placeholder."""
    for renderable in renderables:
        trace = getattr(renderable, "trace", None)
        stacks = getattr(trace, "stacks", None)
        if stacks:
            last = stacks[0]  # the error itself (the others are its causes)
            frames = [(f.filename, f.lineno, f.name, f.line or "") for f in last.frames]
            return last.exc_type, frames
    return "TextualPanic", []


def exit_code(app: Any, result: object) -> int:
    """The command line's exit code once `app.run()` returned `result`; after
    a crash, its one line is printed first (and the code is 1)."""
    line = getattr(app, "crash_line", None)
    if line:
        from tui.say import say

        say(line, err=True)
        return 1
    code = getattr(app, "return_code", None)
    if code:
        return int(code)
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


__all__ = ["SafeTextApp", "exit_code"]
