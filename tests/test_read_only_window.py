"""The same map open twice (issue 12, item 9): the second window says who holds
the map and, at the first edit, offers Save as before the change is lost; the
header names the other window, and says saved once Save as has saved."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.pilot import frozen_clock, pilot_test, screen_text, settle, wait_for
from textual.widgets import Input

from exports.store import MapStore
from exports.store.toml import load_map
from tui.app import AttachmapApp


def header(app: AttachmapApp) -> str:
    """The session screen's top line, as on the terminal."""
    return screen_text(app).splitlines()[0]


async def _type(pilot, line: str) -> None:  # noqa: ANN001
    await pilot.press(*line, "enter")
    await settle(pilot)


@pilot_test
async def test_the_first_edit_offers_save_as_naming_the_other_window(chase_path: Path,
                                                                     tmp_path: Path) -> None:
    holder = MapStore(chase_path)
    holder.open()
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    target = tmp_path / "mine.toml"
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            assert app.store.read_only
            await _type(pilot, "t: home late again")
            await wait_for(pilot, lambda: "Save as" in screen_text(app)
                           and f"process {os.getpid()}" in screen_text(app))
            assert "Keep read-only" in screen_text(app)
            await pilot.press("enter")  # Save as…
            await wait_for(pilot, lambda: bool(app.screen.query(Input)))
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await settle(pilot)
            assert app.store.path == target and not app.store.read_only
            await wait_for(pilot, lambda: "● saved" in header(app))
            await _type(pilot, "t: and one more")
            await wait_for(pilot, lambda: "and one more" in
                           {n.label for n in load_map(target).nodes})
            await pilot.press("ctrl+q")
    finally:
        holder.close()
    labels = {n.label for n in load_map(target).nodes}
    assert {"home late again", "and one more"} <= labels
    assert "home late again" not in {n.label for n in load_map(chase_path).nodes}


@pilot_test
async def test_kept_read_only_the_header_names_the_other_window_and_save_as_clears_it(
        chase_path: Path, tmp_path: Path) -> None:
    holder = MapStore(chase_path)
    holder.open()
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            await _type(pilot, "t: home late again")
            await pilot.pause(0.3)
            await pilot.press("escape")  # keep read-only (or nothing, where nobody asked)
            await wait_for(pilot, lambda: "not saved" in header(app))
            assert f"process {os.getpid()}" in header(app)
            assert "permission denied" not in header(app)
            app.action_save_as()
            await wait_for(pilot, lambda: bool(app.screen.query(Input)))
            app.screen.query_one(Input).value = str(tmp_path / "mine.toml")
            await pilot.press("enter")
            await settle(pilot)
            assert "Saved as" in screen_text(app)
            await wait_for(pilot, lambda: "● saved" in header(app))
            assert "not saved" not in header(app)
            await pilot.press("ctrl+q")
    finally:
        holder.close()
