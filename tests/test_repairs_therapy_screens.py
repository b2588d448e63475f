"""Ruptures as therapy has them, on screen (issue 17): the rupture form opens
on its first field and an Enter on its drop-down never sends it half-filled;
the therapist is offered as a party and an entry can be private; private
entries stay off screen behind the privacy screen and out of the review;
the review speaks to the client."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.panels import PanelHost, pilot_test, screen_text
from tests.support.pilot import session_app, settle, wait_for
from textual.app import App
from textual.widgets import Checkbox, Select

from exports.store.toml import load_map, save_map
from patterns.graph import MapGraph
from patterns.models import Person, Repair
from tui.review.app import ReviewApp
from tui.session.capture_line import CaptureInput
from tui.widgets.repairs import RepairDialog, RepairsPanel

DAY = dt.date(2026, 12, 4)
PEOPLE = [Person(id="priya", name="Priya", role="client"),
          Person(id="tom", name="Tom", role="partner")]


class DialogHost(App[None]):
    """The rupture form alone, as the session (or the review) opens it."""

    def __init__(self, dialog: RepairDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: Repair | None | str = "open"

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, repair: Repair | None) -> None:
        self.result = repair


def therapist_form() -> RepairDialog:
    return RepairDialog(PEOPLE, today=DAY, therapist="between us (the therapy)",
                        can_be_private=True)


@pilot_test
async def test_the_form_opens_on_its_first_field_and_enter_walks_it() -> None:
    app = DialogHost(therapist_form())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        form = app.dialog
        fields = [w for w in form.query("Input, Select, Checkbox")]
        assert fields[0].id == "repair-rupture" and app.focused is fields[0]
        assert [f.id for f in fields] == ["repair-rupture", "repair-with", "repair-repair",
                                          "repair-outcome", "repair-private", "repair-date"]
        await pilot.press(*"started ten minutes late; she went cold", "enter")
        await pilot.pause()
        assert app.result == "open" and app.focused.id == "repair-with"
        # The drop-down: Enter opens it, Enter chooses, and the form goes on.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # past Priya and Tom: the therapist
        await pilot.pause()
        assert app.result == "open", "an Enter on the drop-down sent the form"
        assert form.query_one("#repair-with", Select).value == "therapist"
        assert app.focused.id == "repair-repair"
        await pilot.press(*"named it together", "enter", "enter", "space")  # private: ticked
        await pilot.pause()
        assert app.result == "open" and form.query_one(Checkbox).value
        await pilot.press("tab", "enter")  # Enter on the last field saves
        await pilot.pause()
    assert app.result == Repair(date=DAY, with_="therapist",
                                rupture="started ten minutes late; she went cold",
                                repair="named it together", private=True)


@pilot_test
async def test_the_clients_form_offers_the_therapist_but_no_private_box() -> None:
    app = DialogHost(RepairDialog(PEOPLE, today=DAY))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.dialog.query(Checkbox)
        select = app.dialog.query_one("#repair-with", Select)
        assert ("my therapist", "therapist") in [(str(p), v) for p, v in select._options]
        await pilot.press(*"you were late", "ctrl+s")
        await pilot.pause()
    assert app.result == Repair(date=DAY, rupture="you were late")


@pilot_test
async def test_the_session_log_marks_private_and_hides_it_behind_privacy() -> None:
    g = MapGraph("Invented", people=PEOPLE, repairs=[
        Repair(date=DAY, with_="therapist", rupture="she went cold"),
        Repair(date=DAY, with_="therapist", rupture="I was distracted", private=True)])
    app = PanelHost(g, RepairsPanel(today=lambda: DAY))
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "4 Dec 2026 · between us (in the therapy) · private (only you see it)" in text
        assert "I was distracted" in text and "she went cold" in text
    app = PanelHost(g, RepairsPanel(today=lambda: DAY), privacy=True)
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "distracted" not in text and "she went cold" in text
        assert "1 private entry hidden by the privacy screen (F2)" in text


@pilot_test
async def test_the_review_speaks_to_the_client_and_shows_nothing_private(
        tmp_path: Path) -> None:
    path = tmp_path / "priya.toml"
    m = MapGraph("Invented: Priya", people=PEOPLE, repairs=[
        Repair(date=DAY, with_="therapist", rupture="started ten minutes late; she went cold",
               repair="named it together"),
        Repair(date=DAY, with_="therapist", rupture="I was distracted", private=True)]).to_map()
    save_map(m, path)
    app = ReviewApp(path, today=DAY, idle_after=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")  # the Repairs part
        await pilot.pause()
        text = screen_text(app)
        assert "4 Dec 2026 · between you and your therapist" in text
        assert "what happened: started ten minutes late; you went cold" in text
        assert "distracted" not in text and "she went cold" not in text
        # A repair the client logs keeps the private one in the file.
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"I told her I felt forgotten", "ctrl+s")
        await pilot.pause()
    saved = load_map(path)
    assert [r.rupture for r in saved.repairs][-2:] == ["I was distracted",
                                                      "I told her I felt forgotten"]
    assert saved.repairs[1].private is True


@pilot_test
async def test_a_private_rupture_typed_behind_the_privacy_screen_is_not_repeated(
        tmp_path: Path) -> None:
    path = tmp_path / "priya.toml"
    save_map(MapGraph("Invented: Priya", people=PEOPLE).to_map(), path)
    app = session_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        app.session.query_one(CaptureInput).insert_text_at_cursor(
            "private rupture between us: I was distracted")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.session.graph.repairs))
        hint = str(app.session.query_one("#capture-hint").render())
        assert hint == "✓ logged a private entry in the Repairs tab (hidden by the privacy screen)"
        assert app.session.graph.repairs[0].private is True
        assert "distracted" not in screen_text(app)
