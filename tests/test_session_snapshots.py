"""Snapshots of the session screen on the chase example, clock frozen, at
80×24 (Patterns folded away, details on one line) and 120×40; and with the
privacy screen on. Look at each SVG before accepting it (--snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.pilot import session_app, settle

from tui.session.capture_line import CaptureInput

#: pytest-textual-snapshot's fixture: compare the app's picture with the stored one.
Compare = Callable[..., bool]


async def _settled(pilot) -> None:  # type: ignore[no-untyped-def]
    # A blinking cursor would make each picture differ: keep it steady.
    pilot.app.session.query_one(CaptureInput).cursor_blink = False
    # The map is laid out again once its pane knows its size: wait for that.
    for _ in range(3):
        await settle(pilot, 0.05)


async def _select_scared(pilot) -> None:  # type: ignore[no-untyped-def]
    await _settled(pilot)
    screen = pilot.app.session
    screen.selected = "zoe-scared"
    screen.redraw()
    await _settled(pilot)


def test_session_screen_80x24(snap_compare: Compare, chase_path: Path) -> None:
    assert snap_compare(session_app(chase_path), terminal_size=(80, 24), run_before=_settled)


def test_session_screen_120x40(snap_compare: Compare, chase_path: Path) -> None:
    assert snap_compare(session_app(chase_path), terminal_size=(120, 40),
                        run_before=_select_scared)


def test_session_screen_privacy_on_120x40(snap_compare: Compare, chase_path: Path) -> None:
    async def privacy(pilot) -> None:  # type: ignore[no-untyped-def]
        await _select_scared(pilot)
        await pilot.press("f2")
        await _settled(pilot)

    assert snap_compare(session_app(chase_path), terminal_size=(120, 40), run_before=privacy)
