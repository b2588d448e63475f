"""`attachmap FILE` from the command line: a bad file is one plain sentence
and exit 1, before the terminal is taken over; nothing is written."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tui.cli import main


def test_a_broken_map_is_refused_with_its_place_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    text = 'format = "attachmap"\nversion = 1\ntitle = "x"\n\n[[nodes]]\nid = "a"\nkind = "hope"\nlabel = "y"\n'
    path.write_text(text, encoding="utf-8")
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "broken.toml" in err and "nodes[0].kind" in err
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == text  # untouched


def test_a_refused_map_leaves_the_garbage_collector_running(tmp_path: Path) -> None:
    # `attachmap FILE` pauses the collector for start-up; a map it cannot open
    # must not leave it paused for whatever runs next in the process.
    path = tmp_path / "broken.toml"
    path.write_text('format = "attachmap"\nversion = 2\ntitle = "x"\n', encoding="utf-8")
    assert gc.isenabled()
    assert main([str(path)]) == 1
    assert gc.isenabled()


def test_the_app_resumes_a_collector_paused_for_start_up_once_it_shows(
    chase_path: Path,
) -> None:
    from tests.support.pilot import pilot_test, screen_text, session_app

    @pilot_test
    async def run() -> None:
        app = session_app(chase_path)
        gc.disable()
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                assert "the chase" in screen_text(app)
                assert gc.isenabled()
        finally:
            gc.unfreeze()
            gc.enable()

    run()
