"""The experiments panel of the session screen, on its own in a small app:
plan an experiment for a response, change its plan, log, change and remove
tries, with undo; what the panel shows."""

from __future__ import annotations

import datetime as dt

from tests.support.panels import TODAY, PanelHost, pilot_test, screen_text
from textual.widgets import Input

from patterns.graph import MapGraph
from tui.widgets.experiments import ExperimentDialog, ExperimentsPanel, TryList
from tui.widgets.tries import TryDialog


def host(g: MapGraph, **kwargs: object) -> PanelHost:
    return PanelHost(g, ExperimentsPanel(today=lambda: TODAY), **kwargs)


@pilot_test
async def test_it_shows_the_plan_the_chart_and_the_tries(chase_graph: MapGraph) -> None:
    app = host(chase_graph)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "say 'I'm scared' once, then wait  ▅▃  2 tries" in text
        assert "Plan: When no reply for an hour" in text
        assert "Tried twice: distress afterwards has gone from 5 to 3 out of 10." in text
        assert "25 Nov 2026  distress before 7, after 3  Sent one message" in text
        lines = text.splitlines()
        newest = next(i for i, line in enumerate(lines) if "25 Nov 2026  distress" in line)
        oldest = next(i for i, line in enumerate(lines) if "22 Nov 2026  distress" in line)
        assert newest < oldest


@pilot_test
async def test_plan_an_experiment_for_the_selected_response(chase_graph: MapGraph) -> None:
    app = host(chase_graph, selected="ask-pause")
    async with app.run_test(size=(90, 30)) as pilot:
        app.panel.query_one("#experiment-list").focus()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExperimentDialog) and dialog.chosen == "ask-pause"
        dialog.query_one("#experiment-plan", Input).value = "When flooded: say 'twenty minutes'"
        await pilot.press("enter")
        await pilot.pause()
        new = chase_graph.experiment("ask-for-a-20-minute-pause-and-come-back")
        assert new is not None and new.response == "ask-pause"
        assert new.plan == "When flooded: say 'twenty minutes'" and new.tries == []
        assert "ask for a 20-minute pause and come back  0 tries" in screen_text(app)
        # Enter on it changes the plan; the id and tries stay.
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#experiment-plan", Input).value = "Say 'twenty minutes', then walk"
        await pilot.press("enter")
        await pilot.pause()
        assert chase_graph.experiment(new.id).plan == "Say 'twenty minutes', then walk"
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert chase_graph.experiment(new.id) is None


@pilot_test
async def test_log_change_and_remove_tries_with_undo(chase_graph: MapGraph) -> None:
    app = host(chase_graph)
    async with app.run_test(size=(90, 30)) as pilot:
        app.panel.query_one("#experiment-list").focus()
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TryDialog)
        assert dialog.query_one("#try-date", Input).value == "2026-12-04"
        await pilot.press("6", "tab", "1", "enter")
        await pilot.pause()
        tries = chase_graph.experiment("pause").tries
        assert [(t.date, t.before, t.after) for t in tries][-1] == (TODAY, 6, 1)
        assert "Tried 3 times: distress afterwards has gone from 5 to 1 out of 10." in screen_text(app)
        # The newest try is first in the list: change it.
        app.panel.query_one(TryList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TryDialog)
        app.screen.query_one("#try-after", Input).value = "2"
        app.screen.query_one("#try-note", Input).value = "Said it once"
        await pilot.press("ctrl+s")
        await pilot.pause()
        last = chase_graph.experiment("pause").tries[-1]
        assert (last.after, last.note) == (2, "Said it once")
        # Remove the oldest try; undo brings it back where it was.
        await pilot.press("end", "delete")
        await pilot.pause()
        assert [t.date for t in chase_graph.experiment("pause").tries] == [
            dt.date(2026, 11, 25), TODAY]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [t.date for t in chase_graph.experiment("pause").tries] == [
            dt.date(2026, 11, 22), dt.date(2026, 11, 25), TODAY]
        assert app.done == ["changed a try", "changed a try", "changed a try (removed)"]


@pilot_test
async def test_remove_an_experiment_and_a_map_without_responses(chase_graph: MapGraph) -> None:
    app = host(chase_graph)
    async with app.run_test(size=(90, 30)) as pilot:
        app.panel.query_one("#experiment-list").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert chase_graph.experiments == []
        assert "No experiments yet" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, TryDialog)
    empty = MapGraph("A new map")
    app = host(empty)
    async with app.run_test(size=(90, 30), notifications=True) as pilot:
        app.panel.query_one("#experiment-list").focus()
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ExperimentDialog)
        assert any("Add a new response first" in n.message for n in app._notifications)


@pilot_test
async def test_names_are_masked_behind_the_privacy_screen(chase_graph: MapGraph) -> None:
    app = host(chase_graph, privacy=True)
    chase_graph.experiments[0].tries[0].note = "Hard, but Sam called back"
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "S. called back" in text and "Sam" not in text
