"""History a therapist can trust (issue 17): the map as each session began is
kept for good, versions are named by a stable id (their time), and
`attachmap restore FILE ID` brings back exactly the version that was listed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from tests.support.pilot import pilot_test, session_app

from exports.store import MapStore, history
from exports.store.restore import history_entries, restore_version
from exports.store.toml import load_map, loads_map
from patterns.edits import AddNode, History
from patterns.graph import MapGraph
from patterns.models import Node
from patterns.vocabulary import NodeKind
from tui.cli import main as cli

START = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)


class Clock:
    """A clock that moves on a few seconds each time it is read."""

    def __init__(self, now: dt.datetime, step: float = 7.0) -> None:
        self.now, self.step = now, dt.timedelta(seconds=step)

    def __call__(self) -> dt.datetime:
        self.now += self.step
        return self.now


def _session(path: Path, clock: Clock, edits: int, tag: str) -> None:
    """One session as the session screen runs it: open (the start is kept),
    then `edits` edits, each saved."""
    store = MapStore(path, clock=clock, session_start=True)
    graph = History(MapGraph.from_map(store.open()))
    for i in range(edits):
        graph.do(AddNode(Node(id=f"{tag}{i}", kind=NodeKind.TRIGGER, label=f"cue {tag} {i}")))
        store.save(graph.graph.to_map())
    store.close()


def _listed_ids(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bool]:
    """The ids `attachmap history` prints, each with whether it is marked a session start."""
    assert cli(["history", str(path)]) == 0
    out = capsys.readouterr().out
    return {m[2]: m[1] == "▸" for m in re.finditer(r"^  ([▸ ]) (\d{4}-\S+Z\S*)", out, re.M)}


def test_fifty_edits_over_two_sessions_then_the_first_sessions_start_comes_back(
        chase_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = chase_path.read_bytes()
    clock = Clock(START)
    # Session one opens: before any edit, history lists the map as it began.
    store = MapStore(chase_path, clock=clock, session_start=True)
    graph = History(MapGraph.from_map(store.open()))
    listed = _listed_ids(chase_path, capsys)
    assert list(listed.values()) == [True]
    (first_start,) = listed
    for i in range(25):
        graph.do(AddNode(Node(id=f"a{i}", kind=NodeKind.TRIGGER, label=f"cue a {i}")))
        store.save(graph.graph.to_map())
    store.close()
    # A week later, session two: 25 more edits (with the first 25, more than
    # the 20 recent versions kept).
    clock.now = START + dt.timedelta(days=7)
    _session(chase_path, clock, 25, "b")
    listed_after = _listed_ids(chase_path, capsys)
    assert first_start in listed_after and listed_after[first_start]
    assert sum(listed_after.values()) == 2  # both sessions' starts are marked
    assert cli(["restore", str(chase_path), first_start]) == 0
    assert f"Restored {first_start}, the start of the session of" in capsys.readouterr().out
    restored, before = load_map(chase_path), loads_map(original.decode("utf-8"))
    # Exactly the map as session one began (the restore sets only `updated`).
    assert restored.model_copy(update={"updated": None}) == before.model_copy(
        update={"updated": None})
    assert {n.id for n in restored.nodes}.isdisjoint({f"a{i}" for i in range(25)})


def test_session_starts_are_kept_for_good_beside_the_recent_ones(chase_path: Path) -> None:
    clock = Clock(START)
    for week in range(4):
        clock.now = START + dt.timedelta(days=7 * week)
        _session(chase_path, clock, 30, f"w{week}")
    kept = history.versions(chase_path)
    starts = [v for v in kept if v.session_start]
    assert len(starts) == 4
    # 20 recent + each of the 3 earlier days' last + 3 earlier starts; the last
    # session's start is older than its 30 saves, so it is kept beside them.
    assert len(kept) == 20 + 3 + 4
    first = load_map(starts[-1].path)
    assert len(first.nodes) == 17  # the chase as the first session began


def test_the_first_save_does_not_keep_the_start_twice(chase_path: Path) -> None:
    clock = Clock(START)
    _session(chase_path, clock, 1, "x")
    kept = history.versions(chase_path)
    assert [v.session_start for v in kept] == [True]
    assert kept[0].path.read_bytes() != chase_path.read_bytes()


def test_opening_again_without_a_change_keeps_no_second_start(chase_path: Path) -> None:
    clock = Clock(START)
    for _ in range(3):
        MapStore(chase_path, clock=clock, session_start=True).open()
    assert len(history.versions(chase_path)) == 1


def test_a_store_opened_read_only_or_without_sessions_keeps_no_start(chase_path: Path) -> None:
    MapStore(chase_path).open()  # review, check, restore: no session starts
    holder = MapStore(chase_path, session_start=False)
    holder.open()
    MapStore(chase_path, session_start=True).open()  # open elsewhere: read-only
    assert history.versions(chase_path) == []
    holder.close()


def test_ids_stay_the_same_as_versions_come_and_go(chase_path: Path) -> None:
    clock = Clock(START)
    _session(chase_path, clock, 3, "a")
    before = {v.path.name: v.id for v in history.versions(chase_path)}
    _session(chase_path, clock, 30, "b")
    after = {v.path.name: v.id for v in history.versions(chase_path)}
    for name in before.keys() & after.keys():
        assert after[name] == before[name]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", i) for i in after.values())


@pytest.mark.parametrize("typed", ["{id}", "{compact}", " {id} ", "{id_no_z}", "{micro}"])
def test_a_version_is_found_by_each_form_of_its_id(chase_path: Path, typed: str) -> None:
    clock = Clock(START)
    _session(chase_path, clock, 2, "a")
    version = history.versions(chase_path)[1]
    forms = {"id": version.id, "compact": f"{version.saved:%Y%m%dT%H%M%S}Z",
             "id_no_z": version.id.removesuffix("Z"),
             "micro": f"{version.saved:%Y-%m-%dT%H:%M:%S.%f}Z"}
    assert history.find_version(chase_path, typed.format(**forms)) == version


def test_two_versions_in_one_second_are_told_apart(chase_path: Path) -> None:
    frozen = dt.datetime(2026, 12, 4, 16, 30, 5, tzinfo=dt.UTC)
    store = MapStore(chase_path, clock=lambda: frozen, session_start=True)
    graph = History(MapGraph.from_map(store.open()))
    for label in ("x", "y"):
        graph.do(AddNode(Node(id=label, kind=NodeKind.TRIGGER, label=label)))
        store.save(graph.graph.to_map())
    store.close()
    ids = [v.id for v in history.versions(chase_path)]
    assert ids == ["2026-12-04T16:30:05.000000Z-1", "2026-12-04T16:30:05.000000Z"]
    with pytest.raises(history.NoSuchVersion, match="2 versions were kept in the second"):
        history.find_version(chase_path, "2026-12-04T16:30:05Z")
    assert history.find_version(chase_path, ids[0]).session_start is False
    assert history.find_version(chase_path, ids[1]).session_start is True


@pytest.mark.parametrize(("typed", "message"), [
    ("3", "“3” is a number: versions are named by their time now, because numbers moved with"
          " every save and could bring back another version"),
    ("yesterday", "“yesterday” is not a version id: expected a time like 2026-12-04T16:30:05Z"),
    ("2026-13-40T10:00:00Z", "is not a time"),
    ("2031-01-01T00:00:00Z", "no version 2031-01-01T00:00:00Z is kept"),
])
def test_restore_refuses_what_could_mislead(chase_path: Path, typed: str, message: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _session(chase_path, Clock(START), 1, "a")
    before = chase_path.read_bytes()
    assert cli(["restore", str(chase_path), typed]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert chase_path.read_bytes() == before


def test_history_marks_the_session_starts(chase_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _session(chase_path, Clock(START), 2, "a")
    assert cli(["history", str(chase_path)]) == 0
    out = capsys.readouterr().out
    assert "and every session's start for good" in out.splitlines()[0]
    start = next(v for v in history.versions(chase_path) if v.session_start)
    assert re.search(rf"^  ▸ {re.escape(start.id)} ", out, re.M)
    assert "▸ the map as a session began: kept for good" in out
    assert f"Bring one back with: attachmap restore {chase_path} 2026-" in out
    entries = history_entries(chase_path)
    # the file, the version the second save replaced, the start (which the
    # first save did not keep again: it is the same map)
    assert [e.session_start for e in entries] == [False, False, True]


def test_restore_says_how_to_undo_it_by_id(chase_path: Path) -> None:
    _session(chase_path, Clock(START), 2, "a")
    start = next(v for v in history.versions(chase_path) if v.session_start)
    done = restore_version(chase_path, start.id)
    assert done.session_start and done.kept_as is not None
    assert history.find_version(chase_path, done.kept_as).path.exists()
    restore_version(chase_path, done.kept_as)
    assert {"a0", "a1"} <= {n.id for n in load_map(chase_path).nodes}


@pilot_test
async def test_the_session_screen_keeps_the_map_as_it_opened(chase_path: Path) -> None:
    original = chase_path.read_bytes()
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)):
        (start,) = history.versions(chase_path)
        assert start.session_start and start.path.read_bytes() == original
