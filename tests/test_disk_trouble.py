"""Disk trouble: a full disk, a read-only disk, a map deleted or changed while open.

The full and read-only disks are real: a small tmpfs mounted for the test
(skipped where this user may not mount). The map stays in memory, the status
never says saved when it is not, the next save tries again, and save-as works.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from exports.store import MapStore, history
from exports.store.save_status import DiskTrouble
from exports.store.toml import load_map
from patterns.edits import AddNode, History
from patterns.graph import MapGraph
from patterns.models import Node
from patterns.vocabulary import NodeKind


def _mount(folder: Path, options: str) -> bool:
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                            capture_output=True)
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 200 KB disk of its own, unmounted afterwards."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None or not _mount(folder, "size=200k"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def _edit(hist: History, i: int) -> None:
    hist.do(AddNode(Node(id=f"cue{i}", kind=NodeKind.TRIGGER, label=f"a new cue {i}")))


def test_a_full_disk_is_said_plainly_the_file_is_unchanged_and_the_next_save_retries(
        small_disk: Path, chase_path: Path) -> None:
    path = small_disk / "chase.toml"
    shutil.copyfile(chase_path, path)
    store = MapStore(path)
    hist = History(MapGraph.from_map(store.open()))
    before = path.read_bytes()
    filler = _fill(small_disk)
    _edit(hist, 1)
    with pytest.raises(DiskTrouble) as caught:
        store.save(hist.graph.to_map())
    assert caught.value.problem == "disk-full" and isinstance(caught.value, OSError)
    assert str(caught.value) == "chase.toml was not saved: the disk is full"
    assert not store.status.saved and "NOT SAVED: the disk is full" in store.status.message
    assert "saved" not in store.status.message.replace("NOT SAVED", "").replace("last saved", "")
    assert path.read_bytes() == before, "the file on disk is untouched"
    assert not [p for p in small_disk.iterdir() if p.name.startswith(".attachmap-tmp")]
    filler.unlink()  # space is freed: the next autosave simply works
    _edit(hist, 2)
    store.save(hist.graph.to_map())
    assert store.status.saved and store.status.message.startswith("saved ")
    assert {"cue1", "cue2"} <= {n.id for n in load_map(path).nodes}
    store.close()


def test_a_read_only_disk_offers_save_as_elsewhere(small_disk: Path, chase_path: Path,
                                                   tmp_path: Path) -> None:
    path = small_disk / "chase.toml"
    shutil.copyfile(chase_path, path)
    store = MapStore(path)
    hist = History(MapGraph.from_map(store.open()))
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)]).returncode == 0
    _edit(hist, 1)
    with pytest.raises(DiskTrouble) as caught:
        store.save(hist.graph.to_map())
    assert caught.value.problem == "read-only" and "save as" in store.status.message
    elsewhere = tmp_path / "rescued.toml"
    store.save_as(hist.graph.to_map(), elsewhere)
    assert store.status.saved and store.path == elsewhere
    assert "cue1" in {n.id for n in load_map(elsewhere).nodes}
    store.close()


def test_a_map_opened_on_a_read_only_disk_opens_read_only(small_disk: Path,
                                                          chase_path: Path) -> None:
    path = small_disk / "chase.toml"
    shutil.copyfile(chase_path, path)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)]).returncode == 0
    store = MapStore(path)
    assert store.open().nodes
    assert store.read_only and "save as" in store.read_only_reason


def test_a_map_deleted_while_open_is_saved_again_and_said(chase_path: Path) -> None:
    store = MapStore(chase_path)
    hist = History(MapGraph.from_map(store.open()))
    chase_path.unlink()
    _edit(hist, 1)
    store.save(hist.graph.to_map())
    assert "deleted by another program" in store.notices[-1]
    assert "cue1" in {n.id for n in load_map(chase_path).nodes}
    store.close()


def test_a_map_changed_by_another_program_keeps_both_versions(chase_path: Path) -> None:
    store = MapStore(chase_path)
    hist = History(MapGraph.from_map(store.open()))
    theirs = chase_path.read_text("utf-8").replace("Zoë and Sam: the chase", "Edited elsewhere")
    chase_path.write_text(theirs, "utf-8")
    _edit(hist, 1)
    store.save(hist.graph.to_map())
    assert "changed by another program" in store.notices[-1]
    assert history.versions(chase_path)[0].path.read_text("utf-8") == theirs
    assert "cue1" in {n.id for n in load_map(chase_path).nodes}
    store.close()


def test_a_failed_history_write_stops_the_save(chase_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store = MapStore(chase_path)
    hist = History(MapGraph.from_map(store.open()))
    before = chase_path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(history, "keep_version", refuse)
    _edit(hist, 1)
    with pytest.raises(DiskTrouble, match="input/output error"):
        store.save(hist.graph.to_map())
    assert chase_path.read_bytes() == before
    monkeypatch.undo()
    store.save(hist.graph.to_map())
    assert store.status.saved
    store.close()


def test_restore_on_a_read_only_disk_says_why_in_one_plain_line(
        small_disk: Path, chase_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main as cli

    path = small_disk / "chase.toml"
    shutil.copyfile(chase_path, path)
    store = MapStore(path)
    store.save(store.open().model_copy(update={"title": "changed"}))
    store.close()
    kept = history.versions(path)[0].id
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)]).returncode == 0
    assert cli(["restore", str(path), kept]) == 1
    err = capsys.readouterr().err
    assert err == f"attachmap: {path}: cannot restore here: its disk is read-only\n"
    assert load_map(path).title == "changed"
