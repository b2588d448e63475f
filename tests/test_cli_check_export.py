"""`attachmap check`, `attachmap export -f toml`, `--version` and `--help`,
as a user runs them: exit codes, what is printed, what is written."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from exports.store.toml import load_map
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_summarises_a_valid_map(capsys: pytest.CaptureFixture[str], chase_path: Path) -> None:
    code, out, err = run(capsys, "check", str(chase_path))
    assert code == 0 and err == ""
    assert "Zoë and Sam: the chase" in out
    assert "17: 1 origin, 2 triggers, 1 sensation, 2 meanings, 3 feelings, 3 strategies" in out
    assert "links     22" in out
    assert "“the chase”" in out
    assert "Zoë (client), Sam (partner)" in out
    assert "sessions  2: 20 Nov 2026 to 27 Nov 2026" in out
    # check counts therapist-only notes but never prints them
    assert "1 therapist-only note" in out and "2019 separation" not in out


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("intensity = 8", "intensity = 80", "nodes[0].intensity"),
        ('target = "zoe-scared"', 'target = "zoe-scarred"', "links[0].target"),
        ('kind = "strategy"', 'kind = "strategie"', "nodes[5].kind"),
        ("[[nodes]]", "[[nodes]", "line 28, column 8"),
    ],
)
def test_check_reports_a_broken_map(
    capsys: pytest.CaptureFixture[str], chase_path: Path, old: str, new: str, says: str
) -> None:
    chase_path.write_text(chase_path.read_text("utf-8").replace(old, new, 1), "utf-8")
    code, out, err = run(capsys, "check", str(chase_path))
    assert code == 1 and out == ""
    assert err.startswith(f"attachmap: {chase_path}: {says}")
    assert "Traceback" not in err


def test_export_toml_for_the_client_drops_private_notes(
    capsys: pytest.CaptureFixture[str], chase_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shared.toml"
    code, _, err = run(capsys, "export", str(chase_path), "-f", "toml", "-o", str(out))
    assert code == 0 and "for the client" in err
    text = out.read_text("utf-8")
    assert "private_note" not in text and "2019 separation" not in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    exported = load_map(out)
    assert len(exported.nodes) == 17 and exported.loops[0].name == "the chase"


def test_export_toml_for_the_therapist_keeps_them(
    capsys: pytest.CaptureFixture[str], chase_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "full.toml"
    code, _, _ = run(capsys, "export", str(chase_path), "-f", "toml", "-o", str(out),
                     "--audience", "therapist")
    assert code == 0
    assert load_map(out) == load_map(chase_path)


def test_export_default_output_sits_beside_the_map(
    capsys: pytest.CaptureFixture[str], chase_path: Path
) -> None:
    code, _, _ = run(capsys, "export", str(chase_path), "-f", "toml")
    assert code == 0
    assert (chase_path.parent / "chase-client.toml").exists()


def test_export_never_overwrites_the_map_itself(
    capsys: pytest.CaptureFixture[str], chase_path: Path
) -> None:
    before = chase_path.read_bytes()
    code, _, err = run(capsys, "export", str(chase_path), "-f", "toml", "-o", str(chase_path))
    assert code == 1 and "refusing" in err
    assert chase_path.read_bytes() == before


def test_export_of_a_broken_map_writes_nothing(
    capsys: pytest.CaptureFixture[str], chase_path: Path, tmp_path: Path
) -> None:
    chase_path.write_text("format = 'attachmap'\nversion = 1\n", "utf-8")
    out = tmp_path / "x.toml"
    code, _, err = run(capsys, "export", str(chase_path), "-f", "toml", "-o", str(out))
    assert code == 1 and "title" in err
    assert not out.exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 2
    assert main(["export", "x.toml", "-f", "docx"]) == 2
    assert "invalid choice: 'docx'" in capsys.readouterr().err
    assert main([]) == 2
    assert "Give a map file to open" in capsys.readouterr().err
    assert main(["x.toml", "--no-such-option"]) == 2


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("attachmap ")
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("review", "check", "export", "diff", "history", "restore", "config"):
        assert re.search(rf"^ +{command} +\S", out, re.MULTILINE), command
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and out.startswith("usage: attachmap export ")
    assert "-f {dot,json,md,pdf,svg,toml}" in out


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "MAP"], ["diff", "MAP", "MAP"],
                                  ["export", "MAP", "-f", "toml", "-o", "-"], ["config"]])
def test_commands_without_a_screen_never_import_textual(argv: list[str], chase_path: Path) -> None:
    # Textual takes a noticeable part of a second to import: only the screens need it.
    args = [str(chase_path) if a == "MAP" else a for a in argv]
    code = ("import sys; from tui.cli import main; code = main(sys.argv[1:]);"
            " print([m for m in ('textual', 'rich', 'reportlab') if m in sys.modules],"
            " file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_the_installed_command_runs(tmp_path: Path, chase_path: Path) -> None:
    exe = shutil.which("attachmap", path=str(Path(sys.executable).parent))
    assert exe, "the console script `attachmap` is installed beside this Python"
    ok = subprocess.run([exe, "check", str(chase_path)], capture_output=True, text=True)
    assert ok.returncode == 0 and "valid attachmap map" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe not a map")
    failed = subprocess.run([exe, "check", str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"attachmap: {bad}: line 1: expected UTF-8 text")
    assert "Traceback" not in failed.stderr
