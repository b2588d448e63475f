"""The review locks when left idle, like the session (issue 17): a client may
leave it open on a shared computer."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import REVIEW_DAY, pilot_test, screen_text, settle, wait_for
from textual.widgets import Input

from exports.settings import Settings
from exports.store import MapStore
from tests.support.sealed import PASS, encrypted_copy
from tui.idle_lock import PrivacyLockScreen
from tui.passphrase_screen import PassphraseScreen
from tui.review.app import ReviewApp
from tui.review.screen import ReviewScreen

#: What the review shows of the chase that nobody passing by may read.
SECRETS = ("Sam", "Zoë", "chase", "scared", "quiet")


@pilot_test
async def test_the_review_hides_behind_the_lock_until_a_key(chase_path: Path) -> None:
    app = ReviewApp(chase_path, today=REVIEW_DAY, idle_after=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.idle_lock is not None and not app.idle_lock.locked
        assert "Sam" in screen_text(app)
        app.idle_lock.seconds = 1.0  # count from now, start-up took its time
        app.idle_lock.touch()
        await wait_for(pilot, lambda: isinstance(app.screen, PrivacyLockScreen))
        app.idle_lock.seconds = 3600  # no second lock while the test goes on
        await pilot.pause()
        text = screen_text(app)
        assert "attachmap is locked" in text
        for secret in SECRETS:
            assert secret not in text, secret
        await pilot.press("ctrl+p")  # the palette is refused while locked
        await pilot.pause()
        assert "Search for commands" not in screen_text(app)
        if isinstance(app.screen, PrivacyLockScreen):
            await pilot.press("t")  # any key comes back, and does nothing else
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Sam" in screen_text(app)


@pilot_test
async def test_input_keeps_the_review_open(chase_path: Path) -> None:
    app = ReviewApp(chase_path, today=REVIEW_DAY, idle_after=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.idle_lock is not None
        app.idle_lock.seconds = 0.8
        for _ in range(6):  # moving around more often than the lock time
            app.idle_lock.touch()
            await pilot.press("down")
            await pilot.pause(0.3)
        assert not app.idle_lock.locked and isinstance(app.screen, ReviewScreen)
        app.idle_lock.seconds = 3600


@pilot_test
async def test_an_encrypted_review_needs_its_passphrase_after_the_lock(
        chase_path: Path) -> None:
    sealed = encrypted_copy(chase_path)
    store = MapStore(sealed)
    store.unlock(PASS)
    app = ReviewApp(sealed, today=REVIEW_DAY, store=store, idle_after=0.5)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PassphraseScreen))
        assert app.idle_lock is not None
        app.idle_lock.seconds = 3600
        await pilot.pause()
        assert "attachmap is locked" in screen_text(app)
        assert "Sam" not in screen_text(app)
        await pilot.press("space", "escape")
        assert isinstance(app.screen, PassphraseScreen)
        app.screen.query_one("#passphrase", Input).value = "not it"
        await pilot.press("enter")
        await settle(pilot)
        assert "not this map's passphrase" in screen_text(app)
        app.screen.query_one("#passphrase", Input).value = PASS
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


@pilot_test
async def test_the_settings_idle_minutes_apply_to_the_review(chase_path: Path,
                                                             monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("ATTACHMAP_IDLE_LOCK_MINUTES", raising=False)
    off = ReviewApp(chase_path, today=REVIEW_DAY, settings=Settings(idle_lock_minutes=0))
    async with off.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert off.idle_after is None and off.idle_lock is None
    two = ReviewApp(chase_path, today=REVIEW_DAY, settings=Settings(idle_lock_minutes=2))
    async with two.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert two.idle_lock is not None and two.idle_lock.seconds == 120
