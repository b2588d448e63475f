"""The client's review through the Pilot: what it shows, that it never shows
a private note, that it cannot edit the map, and that logging a try or a
repair changes only those tables of the file."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from tests.support.panels import pilot_test, screen_text
from textual.app import App
from textual.widgets import Input, Select, Static

from exports.store import MapStore
from exports.store.toml import load_map, map_to_data, save_map
from tui.cli import main
from tests.support.pilot import REVIEW_DAY
from tui.review.app import ReviewApp
from tui.review.screen import EDITING_KEYS, REFUSAL
from tui.widgets.repairs import RepairDialog
from tui.widgets.tries import TryDialog



def all_text(app: App) -> str:
    """Everything the review has drawn, scrolled into view or not."""
    return "\n".join(str(w.visual) for w in app.screen.query(Static)) + screen_text(app)


def without(data: dict, *, tries: bool = False, repairs: bool = False) -> dict:
    """A map's data less the client's own tables, to compare the rest."""
    data = dict(data)
    if repairs:
        data.pop("repairs", None)
    if tries:
        data["experiments"] = [{k: v for k, v in e.items() if k != "tries"}
                               for e in data.get("experiments", [])]
    return data


def only_added_lines(before: str, after: str) -> list[str]:
    """The lines added from `before` to `after`; fails if any was removed."""
    diff = [d for d in difflib.ndiff(before.splitlines(), after.splitlines())
            if d[:1] in "+-"]
    assert all(d.startswith("+ ") for d in diff), diff
    return [d[2:] for d in diff]


@pilot_test
async def test_it_opens_on_the_chase_with_the_sentence_about_sam(chase_path: Path) -> None:
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "attachmap · review · Zoë and Sam: the chase" in text
        assert "read-only map" in text
        assert "The chase" in text
        # Each person's chain once, in their own "I" (the same words as the PDF).
        patterns = str(app.screen.query_one("#patterns-text", Static).visual)
        assert "Zoë: When Sam goes quiet after a disagreement, I feel angry, fed up," in patterns
        assert ("Sam: When there's a stream of messages and questions, I feel overwhelmed"
                in patterns)
        assert patterns.count("When Sam goes quiet after a disagreement,") == 1
        assert "you feel" not in patterns and "you notice" not in patterns
        for part in ("Your patterns", "The map", "Practice", "Repairs", "Sessions"):
            assert part in text
        await pilot.press("3")
        text = screen_text(app)
        assert "Tried twice: distress afterwards has gone from 5 to 3 out of 10." in text
        assert "25 Nov 2026  distress before 7, after 3" in text
        assert "22 Nov 2026  distress before 8, after 5" in text
        assert "with no plan yet:\n  ask for a 20-minute pause and come back (Sam)" in all_text(app)


@pilot_test
async def test_the_map_as_a_picture_and_as_a_list(chase_path: Path) -> None:
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(app)
        # the named loop is a ring with its name on it, its boxes drawn heavy
        assert "⟳ the chase" in text
        assert "┏━ trigger" in text or "⟦Sam goes quiet" in text  # heavy, or ⟦ ⟧ one-row boxes
        await pilot.press("enter", "down")
        await pilot.pause()
        assert "Dad left without saying goodbye  origin · you" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert "⟳ Sam goes quiet after a disagreement  (you, felt strongly, 8 out of 10)" in text
        assert "Your therapist noted: Worse late in the evening" in text
        assert "intensity" not in text and "/10" not in text


def test_the_map_as_a_list_says_cycle_as_the_story_does(chase_graph) -> None:
    from patterns.insights import analyse
    from tui.review.sections import map_in_words

    text = map_in_words(chase_graph, analyse(chase_graph)).plain
    assert text.rstrip().endswith("⟳ marks a part on the cycle: each step sets off the next.")
    assert "loop" not in text


@pilot_test
async def test_no_private_note_in_any_part(chase_path: Path) -> None:
    m = load_map(chase_path)
    # Give every other node a private note too, so any leak would show.
    save_map(m.model_copy(update={"nodes": [
        n if n.private_note else n.model_copy(update={"private_note": f"PRIVATE about {n.id}"})
        for n in m.nodes]}), chase_path)
    assert load_map(chase_path).nodes[0].private_note is not None
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        assert all(n.private_note is None for n in app.review.client.nodes())
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            seen = all_text(app)
            assert "PRIVATE" not in seen and "2019" not in seen and "gently" not in seen
        await pilot.press("question_mark")
        assert "PRIVATE" not in screen_text(app)
        # The file keeps every note: the review never drops them on disk.
        assert load_map(chase_path).nodes[3].private_note


@pilot_test
async def test_every_editing_key_is_refused_kindly_and_nothing_changes(chase_path: Path) -> None:
    before = chase_path.read_bytes()
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        revision = app.review.history.revision
        keys = EDITING_KEYS.split(",")
        await pilot.press(keys[0])
        await pilot.pause(0.3)
        assert "Your map is changed together with your" in screen_text(app)
        for key in keys[1:]:
            await pilot.press(key)
        await pilot.press("enter", "delete", "ctrl+s")
        await pilot.pause()
        assert app.review.history.revision == revision
        messages = [n.message for n in app._notifications]
        assert messages.count(REFUSAL) <= 1  # one kind word at a time, not a pile of them
        assert "Everything you log is saved straight away." in messages
    assert chase_path.read_bytes() == before


@pilot_test
async def test_the_palette_offers_nothing_that_edits(chase_path: Path) -> None:
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[:2] == ["Log a try", "Log a repair"]
        assert {"Help", "Quit", "Go to: practice", "Go to: the map"} <= set(titles)
        for word in ("add", "remove", "delete", "edit", "rename", "name", "undo", "change",
                     "screenshot"):
            assert not [t for t in titles if word in t.lower().split()], word
        actions = {b.action.split("(")[0] for b in app.screen.BINDINGS}
        assert actions == {"log_try", "log_repair", "open_part", "toggle_map", "help",
                           "app.quit", "saved", "refuse"}


@pilot_test
async def test_logging_a_try_changes_only_the_tries(chase_path: Path) -> None:
    before_text = chase_path.read_text("utf-8")
    before = load_map(chase_path)
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TryDialog)
        assert app.screen.query_one("#try-date", Input).value == "2026-11-28"
        await pilot.press("6", "tab", "2", "tab", *"Called him", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TryDialog)
        text = screen_text(app)
        assert "28 Nov 2026  distress before 6, after 2" in text
        assert "Tried 3 times: distress afterwards has gone from 5 to 2 out of 10." in text
    after = load_map(chase_path)
    assert after.updated == before.updated
    assert without(map_to_data(after), tries=True) == without(map_to_data(before), tries=True)
    assert after.experiments[0].tries[:2] == before.experiments[0].tries
    new = after.experiments[0].tries[2]
    assert (new.date, new.before, new.after, new.note) == (REVIEW_DAY, 6, 2, "Called him")
    assert only_added_lines(before_text, chase_path.read_text("utf-8")) == [
        "[[experiments.tries]]", "date = 2026-11-28", "before = 6", "after = 2",
        'note = "Called him"', ""]
    assert after.nodes[3].private_note == "Links to the 2019 separation; go gently"


@pilot_test
async def test_logging_a_repair_changes_only_the_repairs(chase_path: Path) -> None:
    before_text = chase_path.read_text("utf-8")
    before = load_map(chase_path)
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RepairDialog)
        dialog.query_one("#repair-with", Select).value = "sam"
        await pilot.press(*"Went silent at dinner", "tab")
        # The other two fields are set as a paste would, to keep the test quick.
        dialog.query_one("#repair-repair", Input).value = "Said sorry, I was scared"
        dialog.query_one("#repair-outcome", Input).value = "He held my hand"
        await pilot.press("tab", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RepairDialog)
        text = screen_text(app)
        assert "28 Nov 2026 · with Sam" in text
        assert "what happened: Went silent at dinner" in text
    after = load_map(chase_path)
    assert without(map_to_data(after), repairs=True) == without(map_to_data(before),
                                                                repairs=True)
    assert after.repairs[:-1] == before.repairs and after.updated == before.updated
    repair = after.repairs[-1]
    assert (repair.date, repair.with_, repair.rupture, repair.repair, repair.outcome) == (
        REVIEW_DAY, "sam", "Went silent at dinner", "Said sorry, I was scared", "He held my hand")
    added = only_added_lines(before_text, chase_path.read_text("utf-8"))
    assert added[:2] == ["", "[[repairs]]"] and len(added) == 7


@pilot_test
async def test_a_wrong_score_is_explained_and_escape_keeps_the_file(chase_path: Path) -> None:
    before = chase_path.read_bytes()
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t", "1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TryDialog)
        assert "Distress before: expected a whole number from 0 (calm) to 10" in screen_text(app)
        await pilot.press("escape", "r", "ctrl+s")  # Enter would only go to the next field
        await pilot.pause()
        assert "Write at least what happened" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (TryDialog, RepairDialog))
    assert chase_path.read_bytes() == before


@pilot_test
async def test_a_failed_save_changes_nothing_and_says_so(chase_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = chase_path.read_bytes()
    app = ReviewApp(chase_path, today=REVIEW_DAY)

    def full_disk(m: object) -> None:
        raise OSError(28, "No space left on device")

    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app.store, "save", full_disk)
        await pilot.press("t", "5", "enter")
        await pilot.pause()
        assert len(app.review.whole.experiments[0].tries) == 2
        assert len(app.review.client.experiments[0].tries) == 2
        assert any("could not be saved" in n.message for n in app._notifications)
    assert chase_path.read_bytes() == before


@pilot_test
async def test_a_map_open_elsewhere_is_read_only_and_logs_nothing(chase_path: Path) -> None:
    elsewhere = MapStore(chase_path)
    elsewhere.open()
    before = chase_path.read_bytes()
    try:
        app = ReviewApp(chase_path, today=REVIEW_DAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "cannot save now" in screen_text(app)
            assert any("is already open in" in n.message for n in app._notifications)
            await pilot.press("t", "5", "enter")
            await pilot.pause()
            assert any("cannot be saved just now" in n.message for n in app._notifications)
    finally:
        elsewhere.close()
    assert chase_path.read_bytes() == before


def test_the_command_line_refuses_a_missing_or_bad_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "nope.toml")]) == 1
    assert "nope.toml" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "attachmap"\nversion = 1\n', "utf-8")
    assert main(["review", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.toml" in err and "title" in err and "Traceback" not in err


@pilot_test
async def test_an_encrypted_map_stays_encrypted_when_a_try_is_logged(chase_path: Path) -> None:
    import pyrage

    from exports.store.crypto import SealingKey

    sealed = chase_path.with_name("chase.toml.age")
    sealed.write_bytes(SealingKey.create("our passphrase", log_n=4).seal(
        chase_path.read_bytes()))
    chase_path.unlink()
    store = MapStore(sealed)
    store.unlock("our passphrase")
    app = ReviewApp(sealed, today=REVIEW_DAY, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "The chase" in screen_text(app)
        await pilot.press("t", "4", "enter")
        await pilot.pause()
    data = sealed.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n") and b"Sam" not in data
    plain = pyrage.passphrase.decrypt(data, "our passphrase").decode()
    assert "date = 2026-11-28\nbefore = 4\n" in plain
