"""`attachmap diff OLD NEW` as a person runs it: words out, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_new_try_is_exactly_what_it_prints(chase_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new.toml"
    text = chase_path.read_text("utf-8").replace(
        "[[repairs]]",
        '[[experiments.tries]]\ndate = 2026-11-29\nbefore = 6\nafter = 2\n\n[[repairs]]')
    new.write_text(text, "utf-8")
    code, out, err = run(capsys, "diff", chase_path, new)
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"From {chase_path} to {new}:",
        "  added a try of “say 'I'm scared' once, then wait” on 29 Nov 2026"
        " (distress 6 before, 2 after)",
        "In all: 1 try added.",
    ]
    code, out, _ = run(capsys, "diff", chase_path, new, "--summary")
    assert (code, out) == (0, "In all: 1 try added.\n")


def test_no_changes_is_said_plainly(chase_path: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.toml"
    shutil.copyfile(chase_path, copy)
    code, out, _ = run(capsys, "diff", chase_path, copy)
    assert code == 0
    assert out == f"No changes between {chase_path} and {copy}.\n"


def test_the_private_note_text_is_never_printed(chase_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new.toml"
    new.write_text(chase_path.read_text("utf-8").replace("2019 separation", "2020 move"), "utf-8")
    code, out, _ = run(capsys, "diff", chase_path, new)
    assert code == 0
    assert "private note changed" in out
    assert "2019" not in out and "2020" not in out and "gently" not in out


@pytest.mark.parametrize("bad, where", [
    ('format = "attachmap"\nversion = 1\ntitle = "x"\n[[nodes]]\nid = "a"\nkind = "worry"\n'
     'label = "b"\n', "nodes[0].kind"),
    ("this is not toml = = \n", "line 1"),
])
def test_an_invalid_file_is_exit_1_with_the_place(chase_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  bad: str, where: str) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(bad, "utf-8")
    for argv in (("diff", broken, chase_path), ("diff", chase_path, broken)):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == ""
        assert str(broken) in err and where in err and "Traceback" not in err


def test_a_missing_file_and_a_missing_argument(chase_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", chase_path, tmp_path / "gone.toml")
    assert code == 1 and "gone.toml" in err and "there is none" in err
    assert main(["diff", str(chase_path)]) == 2
    assert "required: new" in capsys.readouterr().err
