"""The idle lock: after a while with no key or mouse, the map hides behind a privacy screen.

A laptop left open between clients must not show the last client's map, and
a client may leave their review open on a shared computer: the session and
the review lock alike.
After `idle_lock_minutes` of the settings (default 5; 0 turns it off;
`ATTACHMAP_IDLE_LOCK_MINUTES` in the environment overrides it) without input,
the app covers everything with a screen that shows nothing of the map: for a
plain map any key brings it back; for an encrypted map only its passphrase
does. Autosave goes on underneath; nothing is lost while locked.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

from exports.settings import Settings, env_idle_minutes
from exports.store import MapStore
from tui.screens import DismissedOnce

#: Actions still allowed while locked: quitting saves and reveals nothing.
ALLOWED_WHILE_LOCKED = {"quit"}


def idle_seconds(environ: Mapping[str, str] | None = None,
                 settings: Settings | None = None) -> float | None:
    """The idle time before locking: `ATTACHMAP_IDLE_LOCK_MINUTES` if set to a
    number, else the settings' `idle_lock_minutes` (default 5); None when 0."""
    minutes = env_idle_minutes(environ)
    if minutes is None:
        minutes = (settings or Settings()).idle_lock_minutes
    return minutes * 60 if minutes > 0 else None


class PrivacyLockScreen(DismissedOnce[None]):
    """Nothing of the map, only how to come back: any key."""

    DEFAULT_CSS = """
    PrivacyLockScreen { align: center middle; background: $background; }
    PrivacyLockScreen > Vertical { width: auto; height: auto; padding: 1 4;
        border: round $panel; }
    PrivacyLockScreen .help { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("attachmap is locked", classes="title")
            yield Label("Press any key to go on.", classes="help")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        self.dismiss(None)


class IdleLock:
    """Watches for input and locks the app after `seconds` without any."""

    def __init__(self, app: App[Any], store: MapStore, seconds: float) -> None:
        self.app = app
        self.store = store
        self.seconds = seconds
        self.locked = False
        self.last_input = time.monotonic()

    def start(self) -> None:
        """Begin checking (about four times per idle period, at least once a second)."""
        self.app.set_interval(min(1.0, self.seconds / 4), self._tick, name="idle-lock")

    def touch(self) -> None:
        """A key or the mouse was used: the clock starts again."""
        self.last_input = time.monotonic()

    def _tick(self) -> None:
        if not self.locked and time.monotonic() - self.last_input >= self.seconds:
            self.lock()

    def lock(self) -> None:
        """Hide everything now."""
        if self.locked:
            return
        self.locked = True
        if self.store.encrypted:
            from tui.passphrase_screen import PassphraseScreen  # encrypted maps only

            screen: Screen[Any] = PassphraseScreen(
                "attachmap is locked. Type the map's passphrase to go on:",
                lambda typed: None if self.store.check_passphrase(typed)
                else "That is not this map's passphrase.",
                can_cancel=False)
        else:
            screen = PrivacyLockScreen()
        self.app.push_screen(screen, self._unlocked)

    def _unlocked(self, _: object) -> None:
        self.locked = False
        self.touch()


class IdleLockMixin:
    """For an App: every key or mouse event resets its `idle_lock`; while
    locked, app-wide actions other than quitting are refused."""

    idle_lock: IdleLock | None = None

    async def on_event(self, event: events.Event) -> None:
        if self.idle_lock is not None and isinstance(event, events.InputEvent):
            self.idle_lock.touch()
        await super().on_event(event)  # type: ignore[misc]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.idle_lock is not None and self.idle_lock.locked:
            return action in ALLOWED_WHILE_LOCKED
        return super().check_action(action, parameters)  # type: ignore[misc]
