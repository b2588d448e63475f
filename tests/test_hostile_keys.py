"""A seeded storm of 5,000 random keys through the Pilot: the session app never
crashes, and the map on disk is valid afterwards (and holds what the storm did).

Every key a person could press is in the storm (letters, arrows, Enter,
Escape, Tab, undo, redo, privacy, help, find, the palette) except quitting;
now and then a whole capture line is typed so that real edits happen.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from tests.support.pilot import frozen_clock, pilot_test, screen_text, settle
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from exports.store.toml import load_map
from tui.app import AttachmapApp

KEYS_IN_STORM = 5000
SEED = 20261127
NAMED = ["enter", "tab", "shift+tab", "escape", "backspace", "delete", "up", "down", "left",
         "right", "home", "end", "pageup", "pagedown", "space", "ctrl+z", "ctrl+y", "ctrl+s",
         "f1", "f2", "f3", "f4", "ctrl+f", "ctrl+p", "question_mark", "ctrl+e", "ctrl+a",
         "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+l", "ctrl+d", "ctrl+n", "ctrl+o", "ctrl+r",
         "shift+up", "shift+down", "alt+left", "delete", "insert"]
CHARS = list("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789:->.,'!?éü🙂国") + [
    "minus", "greater_than_sign", "colon"]
LINES = ["t: the door slams", "f: scared", "s: go quiet", "n: to matter",
         "the door -> scared", "scared -leads_to-> go quiet",
         "When the door slams, I feel scared, so I go quiet, because I need to matter",
         "x: say it once", "r: a walk", "zz -> qq", "f:", ": :", "->", "When"]


#: Not a key: the storm lets the app catch up here (a person's pause before typing a line).
PAUSE = "<pause>"


def storm(seed: int, count: int) -> list[str]:
    """`count` keys (and a few pauses), the same for the same seed."""
    rnd = random.Random(seed)
    keys: list[str] = []
    pressed = 0
    while pressed < count:
        roll = rnd.random()
        if roll < 0.05:
            line = ["escape", "escape", "end", "ctrl+u", *rnd.choice(LINES), "enter"]
            keys += [PAUSE, *line[:4], PAUSE, *line[4:], PAUSE]
            pressed += len(line)
        else:
            keys.append(rnd.choice(NAMED) if roll < 0.45 else rnd.choice(CHARS))
            pressed += 1
    return keys


def key_event(key: str) -> events.Key:
    """The event the terminal driver sends for `key` (as `Pilot.press` builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        name = _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        char: str | None = unicodedata.lookup(name)
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def mash(pilot: Pilot, keys: list[str], burst: int = 25) -> None:
    """Send keys in bursts, as fast as a person mashing the keyboard: the app
    takes a burst from its queue before the next one comes (`Pilot.press`
    would wait for the app to go idle after every single key)."""
    driver = pilot.app._driver
    assert driver is not None
    sent = 0
    for key in keys:
        if key != PAUSE:
            event = key_event(key)
            event.set_sender(pilot.app)
            driver.send_message(event)
            sent += 1
        if key == PAUSE or sent % burst == 0:
            await pilot.pause()
    await pilot.pause()


def real_keys(keys: list[str]) -> int:
    return sum(key != PAUSE for key in keys)


def test_the_storm_is_seeded() -> None:
    assert storm(SEED, 300) == storm(SEED, 300) != storm(SEED + 1, 300)
    assert real_keys(storm(SEED, KEYS_IN_STORM)) >= KEYS_IN_STORM


@pilot_test
async def test_five_thousand_random_keys_never_crash_and_leave_a_valid_map(
        chase_path: Path) -> None:
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    keys = storm(SEED, KEYS_IN_STORM)
    pressed = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for start in range(0, len(keys), 500):
            batch = keys[start:start + 500]
            await mash(pilot, batch)
            pressed += real_keys(batch)
            assert app.is_running, f"the app stopped after {pressed} keys"
        await settle(pilot, 0.5)
        assert app.session.flush() is None
        on_screen = app.graph.to_map()
    assert pressed >= KEYS_IN_STORM
    saved = load_map(chase_path)
    assert {n.id for n in saved.nodes} == {n.id for n in on_screen.nodes}
    assert len(saved.links) == len(on_screen.links)


@pilot_test
async def test_two_quick_escapes_on_a_dialog_leave_the_session_screen(chase_path: Path) -> None:
    # Found by the storm: Textual's dismiss pops whatever is on top, so a
    # second queued Escape used to pop the session screen (a blank terminal).
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for opener in ("question_mark", "ctrl+p"):
            await mash(pilot, [opener, PAUSE, "pageup", "pagedown", "escape", "escape", "escape"])
            await settle(pilot)
            assert app.is_running
            assert app.screen is app.session, f"after {opener}: {app.screen_stack}"
            assert "Sam goes quiet" in screen_text(app)
