"""Helpers for the session screen's Pilot tests (no tests of its own).

`session_app` opens a map with the clock frozen; `screen_text` is what a
person would read on the terminal, line by line.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.app import App

from tui.app import AttachmapApp
from tui.session.screen import SessionScreen

#: The day the tests pretend it is: a week after the chase map's last session.
NOW = dt.datetime(2026, 12, 4, 10, 30, tzinfo=dt.UTC)


#: The day the review tests pretend it is: the day after the chase map's second session.
REVIEW_DAY = dt.date(2026, 11, 28)


def frozen_clock() -> dt.datetime:
    return NOW


def session_app(path: Path) -> AttachmapApp:
    """The app on `path` at a fixed time, as the tests run it."""
    return AttachmapApp(path, clock=frozen_clock)


def screen_text(app: App) -> str:
    """Every character on the terminal now, one line per row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def session(app: AttachmapApp) -> SessionScreen:
    """The session screen of a running app."""
    return app.session


async def settle(pilot, seconds: float = 0.0) -> None:
    """Let timers, workers and redraws finish."""
    from textual.worker import WorkerCancelled

    if seconds:
        await pilot.pause(seconds)
    for _ in range(20):  # a worker cancelled by a newer one counts as done
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 8.0) -> None:
    """Pause until `condition()` holds (timers and the footer's redraw are
    slow on a busy machine)."""
    for _ in range(int(timeout / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("waited in vain")


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test without an async test plugin (fixtures still work)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run
