"""The session screen repaints only what changed after each edit (the map
view only its rows that differ; the capture line without laying out the
screen again). Whatever was skipped, the terminal must show exactly what a
full repaint shows."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, session_app, settle

from tui.widgets.map_view import MapView


async def _full_repaint_matches(app, pilot) -> None:  # type: ignore[no-untyped-def]
    before = screen_text(app)
    for widget in app.screen.query("*"):
        widget.refresh()
    await settle(pilot)
    assert screen_text(app) == before


@pilot_test
async def test_what_is_shown_after_edits_and_moves_is_what_a_full_repaint_shows(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        steps = [
            "t: Boss raises his voice", "f: small", "Boss raises -> small",
            "When the phone stays silent, I feel alone, so I call again, because I need contact",
        ]
        for line in steps:
            await pilot.press(*line, "enter")
            await settle(pilot, 0.5)  # saved, so the header holds still
            await _full_repaint_matches(app, pilot)
        assert {"Boss raises his voice", "alone"} <= {n.label for n in app.session.graph.nodes()}
        view = app.session.query_one(MapView)
        view.focus()
        for key in ("up", "left", "down", "right", "down"):
            await pilot.press(key)
            await settle(pilot)
            await _full_repaint_matches(app, pilot)
        # One node is selected (double border), and only one.
        assert screen_text(app).count("╔") == 1
        await pilot.press("ctrl+z")
        await settle(pilot, 0.5)
        await _full_repaint_matches(app, pilot)


@pilot_test
async def test_a_long_line_scrolls_in_the_capture_line_and_clears_after_enter(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = ("When the door slams at night after a long and tiring argument about money, "
                "I feel small, so I hide in the bedroom, because I need safety")
        await pilot.press(*line)
        await settle(pilot)
        assert "because I need safety" in screen_text(app)  # scrolled to the cursor
        await pilot.press("enter")
        await settle(pilot, 0.5)
        text = screen_text(app)
        assert "because I need safety" not in text.splitlines()[-3]  # the line is empty
        assert "✓" in text
        await _full_repaint_matches(app, pilot)
