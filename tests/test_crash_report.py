"""A crash never shows map text (SPEC section 6): one line on the terminal,
the report in an owner-only file without messages or local variables, exit
code 1, and the map's last changes saved."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.support.terminal import Terminal

from exports.store.toml import load_map, save_map
from tui.cli import main
from tui.crash_report import crash_folder, report_text, write_crash_report

LABEL = "LABEL-CANARY feels watched"
PRIVATE = "PRIVATE-CANARY about the divorce"

#: The real `attachmap FILE`, with the details pane made to fail on a node
#: the way a bug would: mid-drawing, with the node (and its private note) in
#: its local variables, and the label in the error's message.
CRASHING = """
import tui.session.details as details
drawn = details.title_line
def title_line(view, node):
    if "CANARY" in node.label:
        raise RuntimeError("could not draw " + node.label)
    return drawn(view, node)
details.title_line = title_line
from tui.cli import main
main()
"""


def _map_with_canaries(chase_path: Path) -> None:
    m = load_map(chase_path)
    node = m.nodes[0].model_copy(update={"label": LABEL, "private_note": PRIVATE})
    save_map(m.model_copy(update={"nodes": [node, *m.nodes[1:]]}), chase_path)


def test_a_crash_in_the_app_shows_one_line_and_no_map_text(chase_path: Path,
                                                           tmp_path: Path) -> None:
    _map_with_canaries(chase_path)
    state = tmp_path / "state"
    app = Terminal(str(chase_path), program=CRASHING,
                   env={"ATTACHMAP_IDLE_LOCK_MINUTES": "0", "XDG_STATE_HOME": str(state)})
    try:
        app.wait_for(b"undo")
        app.read(0.5)
        os.write(app.fd, b"\x1bOQ")  # F2: the privacy screen, as with a client beside you
        app.read(0.5)
        app.type("t: typed just before the crash\r")
        app.read(0.5)
        os.write(app.fd, b"\x06")  # ctrl+f: find a node, then select it
        app.read(0.5)
        app.type("LABEL-CANARY\r")
        code = app.wait_exit()
    except BaseException:
        if os.path.exists(f"/proc/{app.pid}"):
            app.kill()
        raise
    after = app.output.rsplit(b"\x1b[?1049l", 1)[-1].decode("utf-8", "replace")
    assert code == 1
    assert PRIVATE.encode() not in app.output, "the private note reached the terminal"
    assert "LABEL-CANARY" not in after and "Traceback" not in after
    assert len(after.strip().splitlines()) == 1, after
    assert "stopped on an unexpected error (RuntimeError)" in after
    assert "the map is saved" in after
    reports = list((state / "attachmap" / "crashes").iterdir())
    assert len(reports) == 1 and str(reports[0]) in after.replace("\r\n", "")
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(reports[0].parent.stat().st_mode) == 0o700
    report = reports[0].read_text("utf-8")
    assert "RuntimeError" in report and "details.py" in report
    assert "CANARY" not in report
    assert "typed just before the crash" in {n.label for n in load_map(chase_path).nodes}


def test_the_report_names_the_code_not_the_words(tmp_path: Path) -> None:
    def failing(private_note: str) -> None:
        label = "Sam goes quiet"  # noqa: F841 - a local the report must not list
        raise KeyError(private_note)

    try:
        try:
            failing(PRIVATE)
        except KeyError as inner:
            raise ValueError(LABEL) from inner
    except ValueError as error:
        path = write_crash_report(error, folder=tmp_path / "crashes")
        text = report_text(error, __import__("datetime").datetime(2026, 1, 1))
    assert path is not None and path.read_text("utf-8").endswith(text.split("\n", 2)[2])
    assert "CANARY" not in text and "Sam goes quiet" not in text
    assert "builtins.KeyError" in text and "builtins.ValueError" in text
    assert "in failing" in text and "test_crash_report.py" in text


def test_a_report_is_never_written_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "state" / "attachmap").mkdir(parents=True)
    (tmp_path / "state" / "attachmap" / "crashes").symlink_to(target)
    folder = crash_folder({"XDG_STATE_HOME": str(tmp_path / "state")})
    assert write_crash_report(RuntimeError("x"), folder=folder) is None
    assert list(target.iterdir()) == []


def test_an_unexpected_error_on_the_command_line_is_one_line(tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(m, name):  # noqa: ANN001, ANN202
        raise RuntimeError(f"could not summarise {m.title}")

    monkeypatch.setattr("exports.summary.summarize", broken)
    chase = tmp_path / "chase.toml"
    chase.write_text((Path(__file__).parent.parent / "tui/demo/chase.toml").read_text("utf-8"))
    assert main(["check", str(chase)]) == 1
    out, err = capsys.readouterr()
    assert "Zoë and Sam" not in out + err and "Traceback" not in err
    assert err.count("\n") == 1 and "unexpected error (RuntimeError)" in err
