"""The review app: one map file open in the client's review screen.

`run_review(path)` is what `attachmap review FILE` calls. The file is
opened before the terminal is taken over, so a bad file is one plain
message and exit 1, never a half-drawn screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from exports.settings import Settings, settings_in_force
from exports.store import MapStore
from patterns.graph import MapGraph
from tui.idle_lock import IdleLock, IdleLockMixin, idle_seconds
from tui.review.screen import ReviewScreen
from tui.review.sections import SECTIONS
from tui.safe_app import SafeTextApp, exit_code
from tui.themes import ThemeMixin


class ReviewApp(SafeTextApp, IdleLockMixin, ThemeMixin, App[int]):
    """The client's review of their map, between sessions.

    It locks when left idle, as the session does: a client may leave it open
    on a shared computer."""

    TITLE = "attachmap review"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, path: Path, *, today: dt.date | None = None,
                 store: MapStore | None = None, settings: Settings | None = None,
                 idle_after: float | None = None) -> None:
        super().__init__()
        #: The practice's settings: the review opens in the theme chosen there.
        self.settings = settings_in_force().settings if settings is None else settings
        self.setup_themes(self.settings.theme)
        #: Seconds without input before the idle lock (None: from the settings; 0: never).
        self.idle_after = (idle_seconds(settings=self.settings) if idle_after is None
                           else idle_after)
        self.store = store or MapStore(Path(path))
        # A missing file is not made here: there is nothing to review.
        whole = MapGraph.from_map(self.store.open())
        self.review = ReviewScreen(self.store, whole, today=today)

    def on_mount(self) -> None:
        self.remember_theme_changes()
        self.push_screen(self.review)
        if self.idle_after:
            self.idle_lock = IdleLock(self, self.store, self.idle_after)
            self.idle_lock.start()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Only what the review offers: logging, moving around, help, quit.
        Nothing here edits the map."""
        yield SystemCommand("Log a try", "How did practising go? Saved at once",
                            self.review.action_log_try)
        yield SystemCommand("Log a repair", "A rupture and what you did to reconnect",
                            self.review.action_log_repair)
        for key, title, _ in SECTIONS:
            yield SystemCommand(f"Go to: {title.lower()}", f"Show {title.lower()}",
                                lambda key=key: self.review.action_open_part(key))
        yield SystemCommand("Theme", "Change the colours (a light one suits a bright room)",
                            self.action_change_theme)
        yield SystemCommand("Help", "What each key does", self.review.action_help)
        yield SystemCommand("Quit", "Close the review (everything is saved)", self.action_quit)

    async def action_quit(self) -> None:
        """Close the review: every entry was saved as it was logged."""
        self.store.close()
        self.exit(0)


def run_review(path: Path, *, today: dt.date | None = None,
               passphrase_file: Path | None = None) -> int:
    """Open `path` in the client's review; the exit code for the command line.

    An encrypted map's passphrase is asked on screen, or read from `passphrase_file`.
    """
    from exports.errors import AttachmapError
    from tui.passphrase_screen import unlock_store

    store = MapStore(Path(path))
    if not unlock_store(store, passphrase_file):  # an encrypted map's passphrase
        raise AttachmapError(f"{path}: not opened (no passphrase was given)")
    app = ReviewApp(Path(path), today=today, store=store)
    return exit_code(app, app.run())


__all__ = ["ReviewApp", "run_review"]
