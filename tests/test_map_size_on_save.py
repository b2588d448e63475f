"""The 10 MB limit holds for saving too (issue 12, item 7): attachmap never
writes a map it would then refuse to open. Near the limit it says so; past
it the save is refused plainly, the file on disk stays as it was, and the
map stays in memory (undo brings it back under)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.pilot import frozen_clock, pilot_test, screen_text, settle, wait_for

from exports.store import MapStore
from exports.store.save_status import DiskTrouble
from exports.store.toml import MAX_BYTES, dumps_map, load_map, save_map
from patterns.models import RelationalMap
from tui.app import AttachmapApp


def _with_note_of(m: RelationalMap, total: int) -> RelationalMap:
    """`m` with its first node's note grown so the file is `total` bytes."""
    node = m.nodes[0].model_copy(update={"note": ""})
    m = m.model_copy(update={"nodes": [node, *m.nodes[1:]]})
    size = len(dumps_map(m).encode())
    node = node.model_copy(update={"note": "n" * (total - size)})
    m = m.model_copy(update={"nodes": [node, *m.nodes[1:]]})
    assert len(dumps_map(m).encode()) == total
    return m


def test_a_save_past_the_limit_is_refused_and_the_file_kept(chase_path: Path) -> None:
    save_map(_with_note_of(load_map(chase_path), MAX_BYTES - 100), chase_path)
    before = chase_path.read_bytes()
    store = MapStore(chase_path)
    m = store.open()  # just under the limit: it opens
    bigger = _with_note_of(m, MAX_BYTES + 500)
    with pytest.raises(DiskTrouble) as refused:
        store.save(bigger)
    assert refused.value.problem == "too-large"
    assert "10 MB" in str(refused.value) and "can open again" in str(refused.value)
    assert not store.status.saved and "undo" in store.status.message
    assert chase_path.read_bytes() == before
    assert load_map(chase_path).nodes[0].note == m.nodes[0].note  # still opens
    store.save(m)  # back under the limit: saved again
    assert store.status.saved
    store.close()


def test_a_map_near_the_limit_is_told_once(chase_path: Path) -> None:
    store = MapStore(chase_path)
    m = store.open()
    store.save(_with_note_of(m, int(MAX_BYTES * 0.95)))
    store.save(_with_note_of(m, int(MAX_BYTES * 0.96)))
    near = [n for n in store.notices if "near the 10 MB" in n]
    assert len(near) == 1 and "chase.toml is 9.5 MB" in near[0]
    store.close()


@pilot_test
async def test_the_session_says_not_saved_and_keeps_the_change(chase_path: Path) -> None:
    save_map(_with_note_of(load_map(chase_path), MAX_BYTES - 100), chase_path)
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*"t: one line too many for the disk", "enter")
        await wait_for(pilot, lambda: "can open again" in screen_text(app))
        assert "not saved" in screen_text(app).splitlines()[0]
        assert "one line too many for the disk" in {n.label for n in app.graph.nodes()}
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "● saved" in screen_text(app).splitlines()[0])
        await pilot.press("ctrl+q")
    assert load_map(chase_path).nodes  # whatever happened, the file opens
