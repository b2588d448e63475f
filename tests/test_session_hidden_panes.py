"""Panes the screen does not show are not redrawn at every edit (that made
each Enter slow); they must still show the map as it is once opened, and the
privacy screen must reach them at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, session_app, settle

from patterns.models import Repair
from patterns.side_edits import SetItem, name_loop
from tui.session.patterns_panel import PatternsPanel


def _repair(note: str) -> SetItem:
    return SetItem("repairs", None, Repair(date=dt.date(2026, 12, 3), rupture=note),
                   what="a repair")


@pilot_test
async def test_a_repair_logged_while_its_tab_is_closed_shows_when_it_opens(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.session.apply(_repair("Slammed the door on the way out"))
        await settle(pilot, 0.1)
        assert "Slammed the door" not in screen_text(app)  # Patterns is open
        app.session.action_go_to("repairs")
        await settle(pilot)
        assert "Slammed the door on the way out" in screen_text(app)


@pilot_test
async def test_a_loop_named_while_the_side_is_folded_shows_when_it_unfolds(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")  # fold the side away
        await settle(pilot)
        panel = app.session.query_one(PatternsPanel)
        loop = panel.insights.loops[0]
        assert app.session.apply(name_loop(app.session.graph, loop.nodes, "the dishes dance"))
        await settle(pilot, 0.1)
        # the map names its ring at once; the folded Patterns pane waits
        assert screen_text(app).count("the dishes dance") == 1
        assert "⟳ the dishes dance" in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        assert screen_text(app).count("the dishes dance") >= 2


@pilot_test
async def test_privacy_reaches_a_closed_tab_before_it_opens(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        name = app.session.graph.people[0].name
        app.session.action_go_to("repairs")
        await settle(pilot)
        app.session.action_go_to("patterns")
        await settle(pilot)
        await pilot.press("f2")  # privacy on, with the Repairs tab closed
        await settle(pilot)
        # Every pane was handed the masked view in the same redraw, hidden or not.
        repairs = app.session.query_one("#repairs")
        assert repairs._view is not None and repairs._view.privacy
        app.session.action_go_to("repairs")
        await settle(pilot)
        assert name not in screen_text(app)
