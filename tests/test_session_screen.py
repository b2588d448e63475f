"""The session screen, used through the Pilot: opening, saving, undo, privacy,
removing with undo, sizes and help. Each test checks the model, the file and
what is on screen."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from tests.support.pilot import NOW, pilot_test, screen_text, session_app, settle

from exports.store.toml import load_map
from patterns.edits import AddNode
from patterns.models import Node
from patterns.vocabulary import NodeKind
from tui.session.capture_line import CaptureInput
from tui.session.help_screen import HelpScreen


@pilot_test
async def test_a_missing_file_is_created_titled_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "zoe-and-sam.toml"
    app = session_app(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, CaptureInput)
        assert path.exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert load_map(path).title == "zoe and sam"
        text = screen_text(app)
        assert "attachmap · zoe and sam" in text
        assert "● saved" in text


@pilot_test
async def test_an_edit_is_on_disk_within_a_second_with_todays_session(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.session
        node = Node(id="boss", kind=NodeKind.TRIGGER, label="Boss raises his voice")
        assert screen.apply(AddNode(node), select="boss")
        assert screen.save_status.text == "○ saving…"
        await settle(pilot, 0.6)
        saved = load_map(chase_path)
        assert [n.label for n in saved.nodes][-1] == "Boss raises his voice"
        # The first edit on a new day adds that day's session.
        assert saved.sessions[-1].date == NOW.date() and saved.sessions[-1].id == "s3"
        assert saved.updated == NOW
        text = screen_text(app)
        assert "● saved" in text and "session 3 · 4 Dec 2026" in text
        assert "Boss raises his voice" in text


@pilot_test
async def test_undo_and_redo_by_key_change_model_file_and_screen(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.session
        screen.apply(AddNode(Node(id="boss", kind=NodeKind.TRIGGER, label="Boss shouts")))
        await pilot.pause()
        assert "Boss shouts" in screen_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot, 0.6)
        assert "boss" not in screen.graph
        assert "Boss shouts" not in screen_text(app).split("Undone")[0]
        saved = load_map(chase_path)
        assert "boss" not in {n.id for n in saved.nodes}
        # Undo took the day's session back with the edit it came with.
        assert [s.id for s in saved.sessions] == ["s1", "s2"]
        await pilot.press("ctrl+y")
        await settle(pilot, 0.6)
        assert "boss" in screen.graph
        assert "boss" in {n.id for n in load_map(chase_path).nodes}


@pilot_test
async def test_removing_a_node_says_how_to_undo_and_undo_restores_its_links(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.session
        await pilot.press("ctrl+f")
        await pilot.press(*"scared of")
        await pilot.press("enter")  # from the filter into the list
        await pilot.pause()
        assert screen.selected == "zoe-scared"
        links_before = len(screen.graph.links_of("zoe-scared"))
        await pilot.press("delete")
        await pilot.pause()
        assert "zoe-scared" not in screen.graph
        text = screen_text(app)
        assert "Removed “scared of being left” with 5 links" in text
        assert "ctrl+z" in text
        await pilot.press("ctrl+z")
        await settle(pilot, 0.6)
        assert len(screen.graph.links_of("zoe-scared")) == links_before == 5
        # The loop name that ran through it is back too.
        assert [lp.name for lp in load_map(chase_path).loops] == ["the chase"]


@pilot_test
async def test_a_notice_keeps_the_capitals_of_the_words_it_quotes(chase_path: Path) -> None:
    # Only the notice's first letter is raised: "Sam" inside a label stays "Sam".
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.session
        await pilot.press("ctrl+f")
        await pilot.press(*"Sam goes")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected == "quiet"
        await pilot.press("delete")
        await pilot.pause()
        assert any(n.message.startswith("Removed “Sam goes quiet after a disagreement”")
                   for n in app._notifications)


@pilot_test
async def test_privacy_screen_hides_private_notes_and_names(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.session
        screen.selected = "zoe-too-much"
        screen.redraw()
        await pilot.pause()
        before = screen_text(app)
        assert "Links to the 2019 separation" in before
        assert "Zoë" in before and "privacy off" in before
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        assert "privacy on" in text and "PRIVACY ON" in text  # header and footer
        assert "2019 separation" not in text
        assert "(hidden: privacy on)" in text
        assert "Zoë" not in text and "Sam" not in text
        assert "Z. and S.: the chase" in text
        assert "S. goes quiet" in text
        # What the screen says about an edit is masked too.
        screen.selected = "quiet"
        screen.action_remove_node()
        await pilot.pause()
        text = screen_text(app)
        assert "Removed “S. goes quiet after a disagreement”" in text and "Sam" not in text
        await pilot.press("ctrl+z")
        await pilot.press("f2")
        screen.selected = "zoe-too-much"
        screen.redraw()
        await pilot.pause()
        assert "Links to the 2019 separation" in screen_text(app)


@pilot_test
async def test_a_failed_save_is_shown_plainly_and_quit_asks_twice(
    chase_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.session

        def full_disk(m: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.store, "save", full_disk)
        screen.apply(AddNode(Node(id="boss", kind=NodeKind.TRIGGER, label="Boss shouts")))
        await settle(pilot, 0.6)
        text = screen_text(app)
        assert "⚠ not saved: no space left on device" in text
        assert "● saved" not in text
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running  # the first ctrl+q warns instead of losing the change
        assert "boss" in screen.graph
        assert "Press ctrl+q again" in screen_text(app)
    assert "boss" not in {n.id for n in load_map(chase_path).nodes}


@pilot_test
async def test_ctrl_s_saves_at_once_and_ctrl_q_quits(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.session.apply(AddNode(Node(id="boss", kind=NodeKind.TRIGGER, label="Boss shouts")))
        await pilot.press("ctrl+s")
        assert "boss" in {n.id for n in load_map(chase_path).nodes}
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


@pilot_test
async def test_a_too_small_terminal_gets_a_message(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "too small for the session screen" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = screen_text(app)
        assert "too small" not in text
        assert "›" in text and "Map · all people" in text


@pilot_test
async def test_question_mark_on_an_empty_line_shows_every_key(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("ctrl+z", "undo", "privacy screen", "When …, I feel …"):
            assert words in text
        await pilot.press("escape")
        await pilot.press("t", "question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.session.query_one(CaptureInput).value == "t?"
