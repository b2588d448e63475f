"""Input that is not UTF-8 (a byte of a Latin-1 paste, a raw C1 control) is
read as �, and typing goes on; Textual 8.2's own Linux driver dies of it
(the first test shows whether it still does: when it passes no more, remove
tui/safe_driver.py). A panic from Textual's driver is a crash like any other:
one line, a report without map text, exit code 1."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.terminal import Terminal
from tests.support.pilot import frozen_clock, pilot_test, settle

from exports.store.toml import load_map
from tui.app import AttachmapApp

PLAIN_APP = """
from textual.app import App
from textual.widgets import Input
class Plain(App):
    def compose(self):
        yield Input()
result = Plain().run()
print("ENDED", result, flush=True)
"""


def test_the_plain_textual_driver_dies_of_a_byte_that_is_not_utf8() -> None:
    app = Terminal(program=PLAIN_APP)
    try:
        app.read(2.0)
        os.write(app.fd, b"caf\xe9 au lait")
        code = app.wait_exit(timeout=15)
    except BaseException:
        if os.path.exists(f"/proc/{app.pid}"):
            app.kill()
        raise
    assert b"UnicodeDecodeError" in app.output and code == 0


def test_attachmap_reads_such_a_byte_as_a_replacement_and_goes_on(chase_path: Path) -> None:
    app = Terminal(str(chase_path), env={"ATTACHMAP_IDLE_LOCK_MINUTES": "0"})
    try:
        app.wait_for(b"undo")
        app.read(0.5)
        os.write(app.fd, b"t: caf\xe9 au lait\r")
        app.read(1.5)
        os.write(app.fd, b"\x11")  # ctrl+q
        code = app.wait_exit()
    except BaseException:
        if os.path.exists(f"/proc/{app.pid}"):
            app.kill()
        raise
    assert code == 0 and b"UnicodeDecodeError" not in app.output
    assert "caf\ufffd au lait" in {n.label for n in load_map(chase_path).nodes}


@pilot_test
async def test_a_panic_is_a_crash_without_its_traceback(chase_path: Path) -> None:
    from rich.traceback import Traceback

    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        try:
            raise ValueError("Sam goes quiet after a disagreement")
        except ValueError:
            shown = Traceback()
        app.panic(shown)
        await pilot.pause()
    assert app.return_code == 1
    assert app.crash_line is not None and "unexpected error (ValueError)" in app.crash_line
    report = Path(app.crash_line.rsplit(" is in ", 1)[1].rstrip("."))
    assert "ValueError" in report.read_text() and "Sam goes quiet" not in report.read_text()
