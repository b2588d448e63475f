"""The real app in a real terminal (a pty): `kill -9` loses no edit made a
second before, and an encrypted map's canary name is nowhere on disk in plain
text after a session (map, history, temp files, logs)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

from exports.store import MapStore, history, read_map
from exports.store.crypto import SealingKey
from exports.store.toml import dumps_map, load_map
from patterns.models import Person

ROOT = Path(__file__).resolve().parent.parent
CANARY = "Zoë Canary-Test"
PASS = "canary passphrase"


class Terminal:
    """attachmap running in a pseudo-terminal of 120×40, typed at like a person."""

    def __init__(self, *args: str, env: dict[str, str] | None = None,
                 program: str = "from tui.cli import main; main()") -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child becomes attachmap
            os.environ.update(env or {})
            os.environ["TERM"] = "xterm-256color"
            os.execv(sys.executable, [sys.executable, "-c", program, *args])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = b""

    def read(self, seconds: float) -> None:
        """Take in what the app drew for `seconds` (a pty must be drained)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < end, f"{text!r} never appeared"
            self.read(0.1)

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.fd, char.encode())
            self.read(0.01)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def wait_exit(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        self.kill()
        raise AssertionError("attachmap did not quit")


def test_kill_minus_nine_loses_no_edit_made_a_second_before(chase_path: Path) -> None:
    app = Terminal(str(chase_path), env={"ATTACHMAP_IDLE_LOCK_MINUTES": "0"})
    try:
        app.wait_for(b"undo")
        app.read(1.0)
        for label in ("the door slams", "phone stays silent", "Sam sighs loudly"):
            app.type(f"t: {label}\r")
            app.read(1.0)
        app.type("t: typed just before the kill\r")
    finally:
        app.kill()
    saved = load_map(chase_path)  # whatever the moment, the file is a whole map
    labels = {n.label for n in saved.nodes}
    assert {"the door slams", "phone stays silent", "Sam sighs loudly"} <= labels
    store = MapStore(chase_path)
    store.open()
    assert not store.read_only, "the killed app's lock is taken over"
    store.close()
    assert not [p for p in chase_path.parent.iterdir() if p.name.startswith(".attachmap-tmp")]


def _plain_hits(folder: Path, since: float) -> list[str]:
    """Files under `folder`, changed since `since`, that hold the canary in plain text."""
    needles = [CANARY.encode(), "Canary-Test".encode("utf-16-le"), b"Canary-Test"]
    hits = []
    for path in folder.rglob("*"):
        try:
            if not path.is_file() or path.stat().st_mtime < since or path.stat().st_size > 50e6:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if any(n in data for n in needles):
            hits.append(str(path))
    return hits


def test_the_canary_name_is_nowhere_on_disk_after_an_encrypted_session(
        chase_path: Path, tmp_path: Path) -> None:
    started = time.time() - 1
    m = load_map(chase_path).model_copy(update={"client": CANARY})
    m.people[0] = Person(id=m.people[0].id, name=CANARY, role="client")
    sealed = chase_path.with_name("canary.toml.age")
    sealed.write_bytes(SealingKey.create(PASS, log_n=4).seal(dumps_map(m).encode()))
    chase_path.unlink()
    home = tmp_path / "home"
    home.mkdir()
    env = {"ATTACHMAP_IDLE_LOCK_MINUTES": "0", "HOME": str(home), "TMPDIR": str(tmp_path),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local")}
    app = Terminal(str(sealed), env=env)
    try:
        app.wait_for(b"passphrase")
        app.read(0.5)
        app.type(PASS + "\r")
        app.wait_for(b"undo")
        app.read(1.0)
        app.type("t: Zoë Canary-Test calls twice\r")
        app.read(1.5)
        app.type("f: Canary-Test worry\r")
        app.read(1.5)
        os.write(app.fd, b"\x11")  # ctrl+q: quit, saving first
        assert app.wait_exit() == 0
    except BaseException:
        if os.path.exists(f"/proc/{app.pid}"):
            app.kill()
        raise
    assert PASS.encode() not in app.output, "the passphrase was echoed"
    opened = read_map(sealed, lambda p: PASS)
    labels = {n.label for n in opened.nodes}
    assert {"Zoë Canary-Test calls twice", "Canary-Test worry"} <= labels
    assert history.versions(sealed), "the session's saves kept history"
    # Everything the session could write to: the map's folder, its history,
    # temp files (TMPDIR), and the home, cache and config folders (logs).
    assert _plain_hits(tmp_path, started) == []
