"""The issue's walkthrough, as a new user would do it, at 100×30: review a
copy of the example, read the loop, the sentence about Sam going quiet and
the two tries, never see the private note, log a try, quit, and let
`attachmap diff` show exactly that one new try."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.support.panels import pilot_test, screen_text

from tui.cli import main
from tests.support.pilot import REVIEW_DAY
from tui.review.app import ReviewApp


@pilot_test
async def test_review_log_a_try_quit_and_diff(chase_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "before.toml"
    shutil.copyfile(chase_path, old)
    app = ReviewApp(chase_path, today=REVIEW_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "The chase" in text
        assert "Zoë: When Sam goes quiet after a disagreement, I feel angry, fed up," in text
        seen = [text]
        for key in "2345":
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen_text(app))
        practice = seen[2]
        assert "22 Nov 2026  distress before 8, after 5" in practice
        assert "25 Nov 2026  distress before 7, after 3" in practice
        for screen in seen:
            assert "2019" not in screen and "separation" not in screen
        await pilot.press("t", "5", "tab", "2", "enter")
        await pilot.pause()
        assert "28 Nov 2026  distress before 5, after 2" in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0
    capsys.readouterr()
    assert main(["diff", str(old), str(chase_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"From {old} to {chase_path}:",
        "  added a try of “say 'I'm scared' once, then wait” on 28 Nov 2026"
        " (distress 5 before, 2 after)",
        "In all: 1 try added.",
    ]
