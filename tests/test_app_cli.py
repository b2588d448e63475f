"""`attachmap FILE` from the command line: a bad file is one plain sentence
and exit 1, before the terminal is taken over; nothing is written."""

from __future__ import annotations

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
