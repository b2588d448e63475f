"""The real app in a real terminal (a pty): `kill -9` loses no edit made a
second before, and an encrypted map's canary name is nowhere on disk in plain
text after a session (map, history, temp files, logs)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from exports.store import MapStore, history, read_map
from exports.store.crypto import SealingKey
from exports.store.toml import dumps_map, load_map
from patterns.models import Person
from tests.support.terminal import Terminal

CANARY = "Zoë Canary-Test"
PASS = "canary passphrase"


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
