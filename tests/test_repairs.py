"""The repair log: the panel in a small app (read, add, change, remove with
undo, privacy) and the dialog's checks."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.support.panels import TODAY, PanelHost, pilot_test, screen_text
from textual.widgets import Input, Select

from patterns.graph import MapGraph
from tui.widgets.repairs import RepairDialog, RepairsPanel
from tui.widgets.tries import parse_day, parse_score


def host(g: MapGraph, **kwargs: object) -> PanelHost:
    return PanelHost(g, RepairsPanel(today=lambda: TODAY), **kwargs)


@pilot_test
async def test_read_add_change_and_remove_with_undo(chase_graph: MapGraph) -> None:
    app = host(chase_graph)
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "24 Nov 2026 · with Sam" in text
        assert "what happened: Shouted about the dishes" in text
        assert "how it went: Talked for an hour; felt closer" in text
        app.panel.query_one("#repair-list").focus()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RepairDialog)
        assert dialog.query_one("#repair-date", Input).value == "2026-12-04"
        dialog.query_one("#repair-with", Select).value = "sam"
        dialog.query_one("#repair-date", Input).value = "yesterday"
        await pilot.press(*"Slammed the door", "ctrl+s")
        await pilot.pause()
        new = chase_graph.repairs[-1]
        assert (new.date, new.with_, new.rupture, new.repair) == (
            dt.date(2026, 12, 3), "sam", "Slammed the door", None)
        lines = screen_text(app).splitlines()
        assert lines.index(next(x for x in lines if "3 Dec 2026 · with Sam" in x)) < lines.index(
            next(x for x in lines if "24 Nov 2026 · with Sam" in x))
        # The newest is highlighted first: Enter changes it.
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#repair-repair", Input).value = "Came back and said sorry"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert chase_graph.repairs[-1].repair == "Came back and said sorry"
        assert chase_graph.repairs[-1].rupture == "Slammed the door"
        await pilot.press("down", "delete")
        await pilot.pause()
        assert [r.rupture for r in chase_graph.repairs] == ["Slammed the door"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r.rupture for r in chase_graph.repairs] == ["Shouted about the dishes",
                                                           "Slammed the door"]


@pilot_test
async def test_the_dialog_asks_for_something_written_and_a_real_day(
        chase_graph: MapGraph) -> None:
    app = host(chase_graph)
    async with app.run_test(size=(90, 30)) as pilot:
        app.panel.query_one("#repair-list").focus()
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        assert "Write at least what happened" in screen_text(app)
        app.screen.query_one("#repair-date", Input).value = "next week"
        app.screen.query_one("#repair-rupture", Input).value = "Went quiet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Day: expected a day like 2026-11-22, 22 Nov, today or yesterday" in (
            screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert len(chase_graph.repairs) == 1 and app.done == []


@pilot_test
async def test_an_empty_log_and_the_privacy_screen(chase_graph: MapGraph) -> None:
    app = host(MapGraph("New"))
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        assert "No repairs logged yet. Press n to add one" in screen_text(app)
    app = host(chase_graph, privacy=True)
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "24 Nov 2026 · with S." in text and "Sam" not in text


@pytest.mark.parametrize("typed, day", [
    ("", TODAY), ("today", TODAY), ("Yesterday", dt.date(2026, 12, 3)),
    ("2026-11-22", dt.date(2026, 11, 22)), ("22 Nov", dt.date(2026, 11, 22)),
    ("22 november 2025", dt.date(2025, 11, 22)), ("30 Dec", dt.date(2025, 12, 30)),
])
def test_days_typed_as_people_type_them(typed: str, day: dt.date) -> None:
    assert parse_day(typed, TODAY) == day


@pytest.mark.parametrize("typed", ["tomorrow", "2026-12-05", "31 Feb", "5/12", "soon"])
def test_days_that_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_day(typed, TODAY)


def test_scores() -> None:
    assert [parse_score(s) for s in ("", "0", " 7 ", "10")] == [None, 0, 7, 10]
    for bad in ("11", "-1", "5.5", "five"):
        with pytest.raises(ValueError, match="from 0 \\(calm\\) to 10"):
            parse_score(bad)
