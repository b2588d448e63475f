"""The attachmap app: one map file open in the session screen.

`run_session(path)` is what `attachmap FILE` calls. The file is opened (or a
new map made, titled from the file name) before the terminal is taken over,
so a bad file is a plain message and exit 1, never a half-drawn screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from exports.store import MapStore
from patterns.graph import MapGraph
from tui.session.screen import SessionScreen


def utc_now() -> dt.datetime:
    """The time now, to the second (maps store times with their offset)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class AttachmapApp(App[int]):
    """The session app: therapist and client build one map together."""

    TITLE = "attachmap"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, path: Path, *, clock: Callable[[], dt.datetime] = utc_now,
                 store: MapStore | None = None) -> None:
        super().__init__()
        self.store = store or MapStore(Path(path))
        self.clock = clock
        # Opened here, before the terminal is taken over: a bad file raises
        # MapLoadError, which the command line prints as one plain sentence.
        self.graph = MapGraph.from_map(self.store.open(now=clock()))
        self.session = SessionScreen(self.store, self.graph, clock)
        self._quit_asked = False

    def on_mount(self) -> None:
        self.push_screen(self.session)

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
            self.exit(1, return_code=1, message=f"attachmap: the last changes to "
                      f"{self.store.path} are not saved: {error}")
        else:
            self.exit(0)


def run_session(path: Path) -> int:
    """Open `path` in the session screen; the exit code for the command line."""
    app = AttachmapApp(Path(path))
    result = app.run()
    return result if isinstance(result, int) else 0


__all__ = ["AttachmapApp", "run_session", "utc_now"]
