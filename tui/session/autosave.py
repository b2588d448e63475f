"""Autosave: every change is on disk within a second, with nothing to remember.

A change waits a few hundred milliseconds for the next one (typing bursts
make one write, not ten), then the map is written by `MapStore` in a thread
so a slow disk never stalls the screen. `ctrl+s` and quitting write at once.
The owner hears of each outcome as a `SaveState` message; a failed write is
reported plainly and the map stays in memory to be saved again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from textual.message_pump import MessagePump
from textual.timer import Timer

from exports.errors import AttachmapError
from exports.store import MapStore
from exports.store.save_status import DiskTrouble
from patterns.edits import History
from patterns.models import MapRuleError, RelationalMap
from tui.messages import SaveState

#: How long a change waits for the next one before the map is written.
DEBOUNCE_SECONDS = 0.3


@dataclass(frozen=True)
class SaveStatus:
    """Whether what is on disk is what is on screen, in the header's words."""

    state: Literal["saved", "saving", "failed"]
    reason: str = ""

    @property
    def text(self) -> str:
        """`● saved`, `○ saving…` or `⚠ not saved: disk full` (the first two
        the same width, so the header keeps its shape while saving)."""
        if self.state == "saved":
            return "● saved  "
        if self.state == "saving":
            return "○ saving…"
        return f"⚠ not saved: {self.reason}"


def reason_for(error: BaseException) -> str:
    """Why a write failed, in a few plain words (no paths of other files)."""
    if isinstance(error, DiskTrouble):  # already in plain words, names kept as they are
        return error.reason
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError):
        return (error.strerror or str(error)).lower()
    if isinstance(error, MapRuleError):
        return f"the map breaks a rule ({error})"
    return str(error) or type(error).__name__


class AutoSaver:
    """Keeps one map's file in step with its history."""

    def __init__(
        self,
        owner: MessagePump,
        store: MapStore,
        history: History,
        clock: Callable[[], dt.datetime],
        *,
        delay: float = DEBOUNCE_SECONDS,
    ) -> None:
        self.owner = owner
        self.store = store
        self.history = history
        self.clock = clock
        self.delay = delay
        #: The revision of the map that is on disk (-1: the file is not there yet).
        self.disk_revision = -1 if store.created_now else history.revision
        self._timer: Timer | None = None
        self._lock = threading.Lock()

    @property
    def dirty(self) -> bool:
        """True while the file lags behind the map."""
        return self.disk_revision != self.history.revision

    def changed(self) -> None:
        """The map changed: write it soon (restarting the wait on each change)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(self.delay, self._save_in_background)

    def save_now(self) -> str | None:
        """Write the map now, on this thread; the reason it failed, or None."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        revision = self.history.revision
        if not self.dirty:
            return self._report(revision, None)
        try:
            m = self._stamped()
        except (MapRuleError, ValueError) as error:
            return self._report(revision, reason_for(error))
        return self._write(m, revision)

    # -- inside -------------------------------------------------------------

    def _stamped(self) -> RelationalMap:
        """The map as it is now, `updated` set to now (it changed: that is why
        it is being saved)."""
        g = self.history.graph
        g.updated = self.clock().replace(microsecond=0)
        return g.to_map()

    def _save_in_background(self) -> None:
        self._timer = None
        if not self.dirty:
            return
        revision = self.history.revision
        try:
            m = self._stamped()
        except (MapRuleError, ValueError) as error:
            self._report(revision, reason_for(error))
            return
        self.owner.run_worker(partial(self._write, m, revision), thread=True,
                              group="autosave", exit_on_error=False)

    def _write(self, m: RelationalMap, revision: int) -> str | None:
        with self._lock:
            # An older snapshot that lost the race must not overwrite a newer one.
            if self.disk_revision >= revision:
                return self._report(revision, None)
            try:
                self.store.save(m)
            except (OSError, AttachmapError, ValueError) as error:
                return self._report(revision, reason_for(error))
            self.disk_revision = revision
        return self._report(revision, None)

    def _report(self, revision: int, error: str | None) -> str | None:
        self.owner.post_message(SaveState(revision, error))
        return error


__all__ = ["DEBOUNCE_SECONDS", "AutoSaver", "SaveStatus", "reason_for"]
