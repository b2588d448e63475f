"""Hostile map text on its way to a terminal (SPEC section 6): markup is never
interpreted, control characters never reach the terminal, nothing crashes.

Every text field of the chase map (title, client, people, sessions, labels,
notes, private notes, loop names, plans, tries, repairs) is replaced with
text made by hypothesis, with markup (`[/]`, `[/bold]`, `[link=…]`) and
escape sequences (`ESC ] 52` writes the clipboard, `ESC ] 0` the window
title, `ESC [ 2J` clears the screen, a lone C1 `0x9b`) mixed in. The map is
then walked through every screen of the session and the review, each side
pane, the node editor, every dialog and notification, and through every
command of the command line; whatever is drawn or printed must hold no
control character.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App
from textual.widgets import Input

from exports.store import MapStore, history
from exports.store.toml import dumps_map, load_map, save_map
from patterns.models import RelationalMap
from patterns.text import is_terminal_safe, terminal_safe
from tests.support.examples import example_paths
from tui.cli import main
from tui.review.app import ReviewApp

NASTY = ["[/]", "[/bold]", "[link=https://example.org]x[/link]", "[b]bold", "[@click=app.quit]q",
         "\x1b]52;c;aGVsbG8=\x07", "\x1b[2J", "\x1b]0;title\x07", "\x9b31m", "\u202eevil",
         "a\nb\tc", "\x00\x7f", "\\", "[", "]", "$accent", "[red on black]"]
#: Text as a hostile file or a careless paste may hold it.
HOSTILE = st.one_of(
    st.sampled_from(NASTY),
    st.text(min_size=1, max_size=12),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=3), st.sampled_from(NASTY),
              st.text(max_size=3)),
)
EVERY_NASTY = "".join(NASTY)
NOW = dt.datetime(2026, 12, 4, 10, 30, tzinfo=dt.UTC)


def hostile_map(words: Callable[[], str]) -> RelationalMap:
    """The chase map with every piece of text replaced by `words()`."""
    m = load_map(example_paths()[0])
    data = m.model_dump(by_alias=True)
    data["title"] = "T" + words()
    data["client"] = words()
    for person in data["people"]:
        person.update(name="P" + words(), role=words())
    for session in data["sessions"]:
        session["note"] = words()
    for i, node in enumerate(data["nodes"]):
        node.update(label=f"{words()} {i}", note=words(), private_note="SECRET" + words())
    for link in data["links"]:
        link["note"] = words()
    for loop in data["loops"]:
        loop["name"] = "L" + words()
    for experiment in data["experiments"]:
        experiment["plan"] = words()
        for attempt in experiment["tries"]:
            attempt["note"] = words()
    for repair in data["repairs"]:
        repair.update(rupture=words(), repair=words(), outcome=words())
    return RelationalMap.model_validate(data)


def drawn(app: App) -> list[str]:
    """The text of every segment on the terminal now (dialogs and toasts included)."""
    return [segment.text for strip in app.screen._compositor.render_strips()
            for segment in strip]


def assert_safe(app: App, where: str) -> None:
    unsafe = [text for text in drawn(app) if not is_terminal_safe(text)]
    assert not unsafe, f"{where}: control characters drawn: {unsafe[:3]!r}"
    assert app.is_running, f"{where}: the app stopped"


async def _settle(pilot, seconds: float = 0.05) -> None:
    await pilot.pause(seconds)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def walk_session(path: Path) -> None:
    """Every pane, the editor, each dialog and notification of the session screen."""
    from tui.app import AttachmapApp
    from tui.session.details import DetailsPanel
    from tui.session.patterns_panel import LoopList

    app = AttachmapApp(path, clock=lambda: NOW, idle_after=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        await _settle(pilot)
        assert_safe(app, "session")
        nodes = [n.id for n in screen.graph.nodes()]
        for node_id in nodes[:4]:  # a trigger, feelings, a strategy: details and their notes
            screen.selected = node_id
            screen.redraw(at_once=True)
            await _settle(pilot)
            assert_safe(app, f"details of {node_id}")
        screen.action_edit_node()
        await _settle(pilot, 0.2)
        assert_safe(app, "node editor")
        await pilot.press("tab")
        await pilot.press("escape")
        await _settle(pilot)
        details = screen.query_one(DetailsPanel)
        assert not details.editing
        for pane in ("nodes", "practice", "repairs", "patterns"):
            screen.action_go_to(pane)
            await _settle(pilot, 0.1)
            assert_safe(app, f"side pane {pane}")
        screen.query_one(LoopList).focus()
        await pilot.press("n")  # name the loop: its dialog shows the name
        await _settle(pilot)
        assert_safe(app, "loop name dialog")
        await pilot.press("escape")
        screen.action_rename_map()
        await _settle(pilot)
        assert_safe(app, "title dialog")
        await pilot.press("escape")
        screen.action_go_to("practice")
        await _settle(pilot, 0.1)
        await pilot.press("t")
        await _settle(pilot)
        assert_safe(app, "try dialog")
        await pilot.press("escape")
        screen.action_go_to("repairs")
        await _settle(pilot, 0.1)
        await pilot.press("enter")
        await _settle(pilot)
        assert_safe(app, "repair dialog")
        await pilot.press("escape")
        screen.selected = nodes[1]
        screen.redraw(at_once=True)
        screen.action_edit_node()
        await _settle(pilot, 0.2)
        screen.query_one("#details-links").focus()
        await pilot.press("enter")  # another kind for a link: its dialog names both ends
        await _settle(pilot)
        assert_safe(app, "link kind dialog")
        await pilot.press("escape")
        screen.action_to_capture()
        for action in (screen.action_next_person, screen.action_next_person,
                       screen.action_map_around, screen.action_whats_new,
                       screen.action_remove_node, screen.action_undo, screen.action_redo,
                       screen.action_undo):
            action()  # each says what it did in a notification naming the map's parts
            await _settle(pilot)
            assert_safe(app, f"after {action.__name__}")
        capture = screen.query_one("#capture-input", Input)
        capture.focus()
        app.post_message(events.Paste(f"t: {EVERY_NASTY}"))  # pasted, as a person would
        await _settle(pilot)
        assert_safe(app, "capture hint")
        await pilot.press("enter")
        await _settle(pilot)
        assert_safe(app, "a line taken")
        app.post_message(events.Paste(f"{EVERY_NASTY} -> nowhere at all"))
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        assert_safe(app, "a line refused")
        await pilot.press("f2")
        await _settle(pilot)
        assert_safe(app, "privacy on")
        screen.action_export()
        await _settle(pilot, 0.1)
        assert_safe(app, "export dialog")
        await pilot.press("escape")
        await _settle(pilot)
        assert_safe(app, "the end")
        await pilot.press("ctrl+q")


async def walk_review(path: Path) -> None:
    """Every part of the client's review, its dialogs and what it says after a save."""
    app = ReviewApp(path, today=NOW.date())
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        assert_safe(app, "review")
        for key in "12345":
            await pilot.press(key)
            await _settle(pilot)
            assert_safe(app, f"review part {key}")
        await pilot.press("2", "v")
        await _settle(pilot)
        assert_safe(app, "review map in words")
        await pilot.press("t")
        await _settle(pilot)
        assert_safe(app, "review try dialog")
        await pilot.press("3", "enter")  # a try with scores: saved, and the client is told
        await _settle(pilot)
        assert_safe(app, "review try saved")
        await pilot.press("r")
        await _settle(pilot)
        assert_safe(app, "review repair dialog")
        await pilot.press("escape", "q")


def walk_commands(path: Path, tmp: Path, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """check, diff, history, restore, export to the terminal, and load errors."""
    plain = tmp / "plain.toml"
    plain.write_text(example_paths()[0].read_text("utf-8"), "utf-8")
    store = MapStore(path)
    m = store.open()
    store.save(m.model_copy(update={"nodes": m.nodes[:-1]}))  # a version in history
    store.save(m)
    store.close()
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    runs = [["check", str(path)], ["diff", str(plain), str(path)],
            ["diff", str(path), str(plain)], ["history", str(path)],
            ["restore", str(path), history.versions(path)[0].id],
            ["export", str(path), "-f", "md", "-o", "-", "--audience", "therapist"]]
    text = dumps_map(m)
    for broken in (text.replace('kind = "trigger"', f'kind = "{_toml(EVERY_NASTY)}"', 1),
                   text.replace('person = "', f'person = "{_toml(EVERY_NASTY)}', 1),
                   text.replace('format = "attachmap"', f'format = "{_toml(EVERY_NASTY)}"')):
        bad = tmp / "broken.toml"
        bad.write_text(broken, "utf-8")
        runs.append(["check", str(bad)])
    for argv in runs:
        code = main(argv)
        out, err = capsys.readouterr()
        assert is_terminal_safe(out) and is_terminal_safe(err), (argv, out, err)
        assert "Traceback" not in err
        assert code in (0, 1), argv


def _toml(text: str) -> str:
    """`text` as the inside of a TOML basic string."""
    return "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}"
                   for c in text)


def run_everything(m: RelationalMap, tmp: Path, capsys, monkeypatch) -> None:
    tmp = Path(tempfile.mkdtemp(dir=tmp))  # a folder of its own for each example
    path = tmp / "hostile.toml"
    save_map(m, path)
    asyncio.run(walk_session(path))
    asyncio.run(walk_review(path))
    walk_commands(path, tmp, capsys, monkeypatch)


def test_every_nasty_string_everywhere_is_drawn_and_printed_as_plain_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run_everything(hostile_map(lambda: EVERY_NASTY), tmp_path, capsys, monkeypatch)


@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_text_is_drawn_and_printed_as_plain_text(
        data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    m = hostile_map(lambda: data.draw(HOSTILE))
    with monkeypatch.context() as patch:
        run_everything(m, tmp_path, capsys, patch)


@given(st.text())
@settings(max_examples=500)
def test_terminal_safe_leaves_nothing_a_terminal_obeys(text: str) -> None:
    safe = terminal_safe(text)
    assert is_terminal_safe(safe) and "\n" not in safe
    assert terminal_safe(safe) == safe
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", safe)
    kept = terminal_safe(text, lines=True)
    assert is_terminal_safe(kept) and kept.count("\n") == text.count("\n")


def test_terminal_safe_keeps_every_printable_letter() -> None:
    assert terminal_safe("a\x1b]52;c;aGk=\x07b") == "a]52;c;aGk=b"
    assert terminal_safe("\x1b[2Jgone") == "[2Jgone"
    assert terminal_safe("\x9b31mred") == "31mred"
    assert terminal_safe("x\u202ey") == "xy"
    assert terminal_safe("one\ntwo\tthree") == "one two three"
    assert terminal_safe("one\ntwo", lines=True) == "one\ntwo"
    assert terminal_safe("ring\x07", replacement="\ufffd") == "ring\ufffd"
    for fine in ("Zoë 🙂 שלום", "[/bold] is text", "e\u0301", "👩‍👩‍👧"):
        assert terminal_safe(fine) == fine
