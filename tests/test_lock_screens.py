"""The screen side of issue 7, through the Pilot: the idle lock, the passphrase
screen, the read-only message, disk trouble and save-as."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.pilot import frozen_clock, pilot_test, screen_text, settle, wait_for
from textual.widgets import Input

from exports.store import MapStore
from exports.store.save_status import DiskTrouble
from exports.store.toml import load_map
from patterns.edits import AddNode
from patterns.models import Node
from patterns.vocabulary import NodeKind
from tests.support.sealed import PASS, encrypted_copy, fast_key
from tui.app import AttachmapApp
from tui.idle_lock import PrivacyLockScreen, idle_seconds
from tui.passphrase_screen import PassphraseScreen, UnlockApp
from tui.session.screen import SessionScreen

def test_idle_time_comes_from_the_environment() -> None:
    assert idle_seconds({}) == 300
    assert idle_seconds({"ATTACHMAP_IDLE_LOCK_MINUTES": "2"}) == 120
    assert idle_seconds({"ATTACHMAP_IDLE_LOCK_MINUTES": "0"}) is None
    assert idle_seconds({"ATTACHMAP_IDLE_LOCK_MINUTES": "soon"}) == 300


@pilot_test
async def test_idle_lock_hides_the_map_until_a_key_is_pressed(chase_path: Path) -> None:
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.idle_lock is not None and not app.idle_lock.locked
        assert not isinstance(app.screen, PrivacyLockScreen)
        app.idle_lock.seconds = 1.0  # start-up took its time: count from now
        app.idle_lock.touch()
        assert "Sam goes quiet" in screen_text(app)
        await wait_for(pilot, lambda: isinstance(app.screen, PrivacyLockScreen))
        assert app.idle_lock is not None and app.idle_lock.locked
        app.idle_lock.seconds = 3600  # no second lock while the test goes on
        await pilot.pause()
        text = screen_text(app)
        assert "locked" in text
        for secret in ("Sam", "Zoë", "chase", "scared"):
            assert secret not in text
        await pilot.press("ctrl+p")  # app actions are refused while locked...
        await pilot.pause()
        assert "Search for commands" not in screen_text(app)
        if isinstance(app.screen, PrivacyLockScreen):
            await pilot.press("k")  # ...and any key comes back, typing nothing
            await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "Sam goes quiet" in screen_text(app)
        assert "k" not in app.session.query_one("#capture-input", Input).value


@pilot_test
async def test_an_encrypted_map_needs_its_passphrase_after_the_idle_lock(
        chase_path: Path) -> None:
    sealed = encrypted_copy(chase_path)
    store = MapStore(sealed)
    store.unlock(PASS)
    app = AttachmapApp(sealed, clock=frozen_clock, store=store, idle_after=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PassphraseScreen))
        assert app.idle_lock is not None
        app.idle_lock.seconds = 3600
        await pilot.pause()
        assert "attachmap is locked" in screen_text(app)
        assert "Sam" not in screen_text(app)
        await pilot.press("space", "escape")  # neither a key nor Escape opens it
        assert isinstance(app.screen, PassphraseScreen)
        field = app.screen.query_one("#passphrase", Input)
        assert field.password, "the passphrase is never echoed"
        field.value = "wrong"
        await pilot.press("enter")
        await settle(pilot)
        assert "not this map's passphrase" in screen_text(app)
        app.screen.query_one("#passphrase", Input).value = PASS
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)


@pilot_test
async def test_the_passphrase_screen_opens_an_encrypted_map(
        chase_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.worker_manager import WorkerManager

    described: list[str] = []  # what each worker says it does (Textual may log it)
    add_worker = WorkerManager.add_worker

    def noting(self, worker, **kwargs):  # type: ignore[no-untyped-def]
        described.append(worker.description)
        return add_worker(self, worker, **kwargs)

    monkeypatch.setattr(WorkerManager, "add_worker", noting)
    sealed = encrypted_copy(chase_path)
    store = MapStore(sealed)
    app = UnlockApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"wrong", "enter")
        await settle(pilot)
        assert "does not open this map" in screen_text(app)
        assert "wrong" not in screen_text(app)
        await pilot.press(*PASS, "enter")
        await settle(pilot)
    assert app.return_value is True and store.unlocked
    assert store.open().title == "Zoë and Sam: the chase"
    store.close()
    # The passphrase was checked in a worker, whose description never holds it.
    assert described and not any("wrong" in d or PASS in d for d in described)


@pilot_test
async def test_a_new_encrypted_map_asks_twice(tmp_path: Path) -> None:
    store = MapStore(tmp_path / "new.toml.age")
    store_unlock = store.unlock
    store.unlock = lambda p: store_unlock(p, new_key=fast_key)  # type: ignore[method-assign]
    app = UnlockApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"one", "enter", *"two", "enter")
        await settle(pilot)
        assert "differ" in screen_text(app) and not store.unlocked
        await pilot.press(*PASS, "enter", *PASS, "enter")
        await settle(pilot)
    assert app.return_value is True and store.check_passphrase(PASS)


@pilot_test
async def test_a_map_open_elsewhere_says_so_and_is_read_only(chase_path: Path) -> None:
    holder = MapStore(chase_path)
    holder.open()
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.store.read_only
        assert "already open in attachmap" in screen_text(app)
    holder.close()


@pilot_test
async def test_disk_trouble_is_shown_never_saved_retried_and_save_as_rescues(
        chase_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.disk_notices.RETRY_SECONDS", 1.0)
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        real_write = app.store._write

        def full(plain: bytes) -> None:
            raise OSError(28, "No space left on device")

        app.store._write = full  # type: ignore[method-assign]
        app.session.apply(AddNode(Node(id="late", kind=NodeKind.TRIGGER, label="home late")))
        await wait_for(pilot, lambda: "disk is full" in screen_text(app))
        text = screen_text(app)
        assert "not saved" in text.lower() and "disk is full" in text
        assert "● saved" not in text
        assert "late" not in {n.id for n in load_map(chase_path).nodes}
        app.store._write = real_write  # type: ignore[method-assign]
        # Space is back: the map is saved again without waiting for another edit.
        await wait_for(pilot, lambda: app.store.status.saved)
        assert "late" in {n.id for n in load_map(chase_path).nodes}
        target = tmp_path / "elsewhere" / "rescued.toml"
        target.parent.mkdir()
        app.action_save_as()
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved as" in screen_text(app)
        assert "late" in {n.id for n in load_map(target).nodes}
        assert app.store.path == target and app.store.status.saved


@pilot_test
async def test_a_map_changed_by_another_program_is_told(chase_path: Path) -> None:
    app = AttachmapApp(chase_path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        chase_path.write_text(chase_path.read_text("utf-8").replace("the chase", "edited"),
                              "utf-8")
        app.session.apply(AddNode(Node(id="late", kind=NodeKind.TRIGGER, label="home late")))
        await wait_for(pilot, lambda: "changed by another program" in screen_text(app))


def test_disk_trouble_reads_as_a_plain_reason() -> None:
    from tui.session.autosave import reason_for

    trouble = DiskTrouble(Path("/x/chase.toml"), "disk-full", "the disk is full")
    assert reason_for(trouble) == "the disk is full"


@pilot_test
async def test_the_review_opens_an_encrypted_map_and_saves_it_encrypted(chase_path: Path) -> None:
    from tui.review.app import ReviewApp

    sealed = encrypted_copy(chase_path)
    store = MapStore(sealed)
    store.unlock(PASS)
    app = ReviewApp(sealed, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Sam goes quiet" in screen_text(app) or "the chase" in screen_text(app).lower()
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert not chase_path.exists()
