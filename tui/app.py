"""The attachmap app: one map file open in the session screen.

`run_session(path)` is what `attachmap FILE` calls. The file is opened (or a
new map made, titled from the file name) before the terminal is taken over,
so a bad file is a plain message and exit 1, never a half-drawn screen.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding

from exports.errors import AttachmapError
from exports.settings import Settings, settings_in_force
from exports.store import MapStore
from patterns.graph import MapGraph
from patterns.text import terminal_safe
from tui.disk_notices import SaveAsScreen, StoreWatch, save_as, suggest_elsewhere
from tui.idle_lock import IdleLock, IdleLockMixin, idle_seconds
from tui.safe_app import SafeTextApp, exit_code
from tui.session.screen import SessionScreen
from tui.themes import ThemeMixin


def utc_now() -> dt.datetime:
    """The time now, to the second (maps store times with their offset)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class AttachmapApp(SafeTextApp, IdleLockMixin, ThemeMixin, App[int]):
    """The session app: therapist and client build one map together."""

    TITLE = "attachmap"
    ENABLE_COMMAND_PALETTE = True
    #: Textual's own ctrl+q, shown: the footer is where a new user looks for the way out.
    BINDINGS = [Binding("ctrl+q", "quit", "quit", priority=True, id="app.quit")]
    #: The session screen's stylesheet, read with the app's own: read when the
    #: screen is pushed, Textual would parse every stylesheet again and
    #: restyle the app, in the middle of start-up. The screen names it too
    #: (the same file is read once).
    CSS_PATH = "session/session.tcss"

    def __init__(self, path: Path, *, clock: Callable[[], dt.datetime] = utc_now,
                 store: MapStore | None = None, idle_after: float | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__()
        #: The practice's settings (config.toml, read before the terminal is taken over).
        self.settings = settings_in_force().settings if settings is None else settings
        self.setup_themes(self.settings.theme)
        #: Seconds without input before the idle lock (None: from the settings; 0: never).
        self.idle_after = (idle_seconds(settings=self.settings) if idle_after is None
                           else idle_after)
        self.store = store or MapStore(Path(path), session_start=True)
        self.clock = clock
        # Opened here, before the terminal is taken over: a bad file raises
        # MapLoadError, which the command line prints as one plain sentence.
        self.graph = MapGraph.from_map(self.store.open(now=clock()))
        self.session = SessionScreen(self.store, self.graph, clock)
        self._quit_asked = False

    def on_mount(self) -> None:
        self.remember_theme_changes()
        self.push_screen(self.session)
        StoreWatch(self, self.store, retry=self.session.flush).start()
        if self.idle_after:
            self.idle_lock = IdleLock(self, self.store, self.idle_after)
            self.idle_lock.start()

    def on_ready(self) -> None:
        """The first frame is on screen: if start-up paused the garbage
        collector (`attachmap FILE` does), everything made so far lives as
        long as the app, so it is frozen out of the collector's scans (a full
        scan of it took 0.1-0.2 s, in the middle of typing) and the collector
        resumes. The little garbage start-up left (some 8,000 objects) stays."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        # What the capture line needs to read a typed line: not needed for the
        # first frame, so imported now, before anyone has had time to type.
        import patterns.capture.line  # noqa: F401

    def after_crash(self) -> str:
        """After an unexpected error: write the last changes, if any, before the app ends."""
        if self.store.read_only:
            return "the map was open read-only: nothing to save"
        error = self.session.flush()
        if error is not None:
            return f"the last changes could not be saved ({error})"
        return f"the map is saved in {self.store.path}"

    def action_save_as(self) -> None:
        """Ask for another file and go on working there (the palette's "save as…",
        with the session screen's other actions)."""
        def chosen(target: Path | None) -> None:
            if target is not None and save_as(self, self.store, self.graph.to_map(), target):
                self.session.saved_elsewhere()

        self.push_screen(SaveAsScreen(suggest_elsewhere(self.store)), chosen)

    async def action_quit(self) -> None:
        """Quit, after writing any change not yet on disk; if that fails, say
        so and quit only when asked a second time."""
        error = self.session.flush()
        if error is not None and not self._quit_asked:
            self._quit_asked = True
            self.notify(f"The last changes are not on disk: {error}. Press ctrl+q again to "
                        "quit anyway, or fix the problem and press ctrl+s.",
                        title="Not saved", severity="error", timeout=10)
            return
        self.store.close()
        if error is not None:
            self.exit(1, return_code=1, message=Text(terminal_safe(
                f"attachmap: the last changes to {self.store.path} are not saved: {error}")))
        else:
            self.exit(0)


def run_session(path: Path, passphrase_file: Path | None = None) -> int:
    """Open `path` in the session screen; the exit code for the command line.

    An encrypted map's passphrase is asked on screen, or read from `passphrase_file`.
    """
    store = MapStore(Path(path), session_start=True)  # keeps the map as the session begins
    from tui.passphrase_screen import unlock_store  # its screen, for encrypted maps

    if not unlock_store(store, passphrase_file):  # an encrypted map's passphrase
        raise AttachmapError(f"{path}: not opened (no passphrase was given)")
    if store.encrypted and not gc.isenabled():
        # The passphrase screen was an app of its own: its garbage goes now,
        # not frozen with start-up's objects once the session shows.
        gc.collect()
    app = AttachmapApp(Path(path), store=store)
    result = app.run()
    return exit_code(app, result)


__all__ = ["AttachmapApp", "run_session", "utc_now"]
