"""History: every save keeps the version it replaces; restore brings one back."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from exports.errors import AttachmapError
from exports.store import MapStore, history
from exports.store.restore import history_entries, restore_version
from exports.store.toml import load_map
from patterns.edits import AddNode, History, RemoveNode
from patterns.graph import MapGraph
from patterns.models import Node
from patterns.vocabulary import NodeKind
from tui.cli import main as cli


class Clock:
    """A settable clock, so that session days can pass in a test."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


START = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


def open_graph(path: Path, clock: Clock | None = None) -> tuple[MapStore, History]:
    store = MapStore(path, clock=clock)
    return store, History(MapGraph.from_map(store.open()))


def test_each_save_keeps_the_version_it_replaces(chase_path: Path) -> None:
    original = chase_path.read_bytes()
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    store.close()
    kept = history.versions(chase_path)
    assert len(kept) == 1 and kept[0].path.read_bytes() == original
    assert "quiet" not in {n.id for n in load_map(chase_path).nodes}


def test_history_is_owner_only_and_hidden_beside_the_map(chase_path: Path) -> None:
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    folder = history.history_folder(chase_path)
    assert folder.parent == chase_path.parent and folder.name.startswith(".")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for version in history.versions(chase_path):
        assert stat.S_IMODE(version.path.stat().st_mode) == 0o600


def test_an_unchanged_save_adds_no_version(chase_path: Path) -> None:
    store, hist = open_graph(chase_path)
    m = hist.graph.to_map()
    store.save(m)
    store.save(m)
    assert history.versions(chase_path) == []


def test_the_newest_twenty_and_the_last_of_each_day_are_kept(chase_path: Path) -> None:
    clock = Clock(START)
    store, hist = open_graph(chase_path, clock)
    for day in range(3):  # three session days, 30 saves on each
        clock.now = START + dt.timedelta(days=7 * day)
        for i in range(30):
            hist.do(AddNode(Node(id=f"d{day}n{i}", kind=NodeKind.TRIGGER, label=f"cue {day} {i}")))
            store.save(hist.graph.to_map())
    kept = history.versions(chase_path)
    days = {v.saved.astimezone().date() for v in kept}
    assert len(days) == 3
    assert len(kept) == 22  # 20 newest (all of the last day) + the last of the two days before
    assert [v.number for v in kept] == list(range(1, 23))


def test_a_node_deleted_three_sessions_ago_can_be_brought_back(chase_path: Path) -> None:
    clock = Clock(START)
    store, hist = open_graph(chase_path, clock)
    hist.do(RemoveNode("quiet"))  # session 1: the trigger is deleted
    store.save(hist.graph.to_map())
    for day in range(1, 4):  # three more sessions, with many saves each
        clock.now = START + dt.timedelta(days=7 * day)
        for i in range(25):
            hist.do(AddNode(Node(id=f"s{day}x{i}", kind=NodeKind.NEED, label=f"need {day} {i}")))
            store.save(hist.graph.to_map())
    store.close()
    having = [v for v in history.versions(chase_path)
              if "quiet" in {n.id for n in load_map(v.path).nodes}]
    assert having, "the version with the deleted node was pruned"
    restore_version(chase_path, having[0].id)
    assert any(n.label == "Sam goes quiet after a disagreement" for n in load_map(chase_path).nodes)


def test_restore_is_undoable_because_the_current_map_is_kept_first(chase_path: Path) -> None:
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    store.close()
    after_delete = load_map(chase_path)
    done = restore_version(chase_path, history.versions(chase_path)[0].id)
    assert "quiet" in {n.id for n in load_map(chase_path).nodes}
    assert "1 node added" in done.changes
    assert done.kept_as is not None
    restore_version(chase_path, done.kept_as)  # the undo: the map the restore replaced
    back = load_map(chase_path)
    assert {n.id for n in back.nodes} == {n.id for n in after_delete.nodes}


def test_restore_refuses_while_the_map_is_open_elsewhere(chase_path: Path) -> None:
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    with pytest.raises(AttachmapError, match="already open"):
        restore_version(chase_path, history.versions(chase_path)[0].id)
    store.close()


def test_history_command_lists_time_counts_and_changes(chase_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    hist.do(AddNode(Node(id="walk", kind=NodeKind.RESOURCE, label="a walk by the river")))
    store.save(hist.graph.to_map())
    store.close()
    assert cli(["history", str(chase_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "2 earlier versions kept" in lines[0]
    now_row = next(line for line in lines if "the file now" in line)
    assert "1 node added" in now_row
    newest = history.versions(chase_path)[0]
    row = next(line for line in lines if line.strip().startswith(newest.id))
    assert "1 node removed" in row and "16 nodes" in row
    assert f"attachmap restore {chase_path} " in out


def test_restore_command_messages_and_errors(chase_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["restore", str(chase_path), "1"]) == 1
    assert "no earlier versions" in capsys.readouterr().err
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    store.close()
    (kept,) = history.versions(chase_path)
    assert cli(["restore", str(chase_path), "5"]) == 1
    assert "“5” is a number: versions are named by their time now" in capsys.readouterr().err
    assert cli(["restore", str(chase_path), "2020-01-01T00:00:00Z"]) == 1
    assert "no version 2020-01-01T00:00:00Z is kept" in capsys.readouterr().err
    assert cli(["restore", str(chase_path), kept.id]) == 0
    out = capsys.readouterr().out
    assert f"Restored {kept.id}" in out and "undoes this" in out


def test_a_damaged_version_is_listed_with_its_problem(chase_path: Path) -> None:
    store, hist = open_graph(chase_path)
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    store.close()
    history.versions(chase_path)[0].path.write_text("format = 'attachmap'\nversion = [", "utf-8")
    entries = history_entries(chase_path)
    assert entries[1].problem.startswith("could not be read")
    assert entries[0].nodes == 16
