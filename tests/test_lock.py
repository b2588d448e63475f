"""The same map opened twice: the second opens read-only, with who has it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exports.store import MapStore
from exports.store.lock import MapLock, lock_path
from exports.store.toml import load_map

ROOT = Path(__file__).resolve().parent.parent


def test_the_second_opener_is_read_only_and_told_who_has_the_map(chase_path: Path) -> None:
    first = MapStore(chase_path)
    first.open()
    second = MapStore(chase_path)
    m = second.open()
    assert not first.read_only and second.read_only
    assert second.locked_by is not None and second.locked_by.pid == os.getpid()
    assert "already open in attachmap (process" in second.read_only_reason
    assert "read-only" in second.read_only_reason
    with pytest.raises(PermissionError):
        second.save(m)
    first.close()
    third = MapStore(chase_path)
    third.open()
    assert not third.read_only, "closing the first lets the next one write"
    third.close()
    assert not lock_path(chase_path).exists()


def test_a_lock_left_by_a_killed_process_is_taken_over(chase_path: Path) -> None:
    code = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from exports.store import MapStore
        store = MapStore(Path({str(chase_path)!r}))
        store.open()
        print("locked", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        held = MapStore(chase_path)
        held.open()
        assert held.read_only and held.locked_by is not None
        assert held.locked_by.pid == child.pid
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        child.kill()
        child.wait()
    assert lock_path(chase_path).exists(), "a killed process leaves its lock file behind"
    after = MapStore(chase_path)
    m = after.open()
    assert not after.read_only
    after.save(m.model_copy(update={"title": "taken over"}))
    after.close()
    assert load_map(chase_path).title == "taken over"


def test_read_only_on_request_takes_no_lock(chase_path: Path) -> None:
    reader = MapStore(chase_path, read_only=True)
    reader.open()
    writer = MapStore(chase_path)
    writer.open()
    assert not writer.read_only and reader.read_only_reason == ""
    writer.close()


def test_the_lock_records_nothing_clinical(chase_path: Path) -> None:
    store = MapStore(chase_path)
    m = store.open()
    text = lock_path(chase_path).read_text("utf-8")
    assert str(os.getpid()) in text
    assert m.title not in text and "Zo" not in text
    assert oct(lock_path(chase_path).stat().st_mode & 0o777) == "0o600"
    store.close()


def test_lock_moves_with_save_as(chase_path: Path, tmp_path: Path) -> None:
    store = MapStore(chase_path)
    m = store.open()
    other = tmp_path / "copy.toml"
    store.save_as(m, other)
    assert store.path == other and MapLock(other).acquire() is False
    assert MapLock(chase_path).acquire() is True
    assert any("now working on" in n for n in store.notices)
    store.close()
