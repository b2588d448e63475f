"""Fit the screen / full labels (F7), as a therapist would use it: the map
fits its pane by default, long labels cut with …, the selected node's whole
label in the details; F7 shows every label whole, and fits again, and says
which it did (in the map's title, and in a notification)."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, session_app, settle, wait_for

from patterns.layout.fit import in_view
from tui.session.palette import session_commands
from tui.widgets.map_canvas import picture_text
from tui.widgets.map_view import MapView

LONG = "Dad left without saying goodbye"  # the chase's origin: cut when fitted


@pilot_test
async def test_f7_shows_every_label_whole_and_fits_again(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot, 0.05)
        view = app.session.query_one(MapView)
        fitted = view.picture
        assert fitted is not None and not view.full_labels
        text = "\n".join(picture_text(fitted))
        assert "without…" in text and "goodbye" not in text
        # the whole chase on screen without scrolling
        width, height = in_view(fitted.drawing, *view.size)
        on_screen = {b.node_id for b in fitted.boxes
                     if b.x + b.w <= width and b.y + b.h <= height}
        assert {n.id for n in app.session.graph.nodes()} <= on_screen
        assert "Map · all people · fit" in screen_text(app).splitlines()[1]

        await pilot.press("f7")  # from the capture line, where typing happens
        await settle(pilot)
        assert view.full_labels
        whole = "\n".join(picture_text(view.picture))
        assert "goodbye" in whole and "…" not in whole
        assert view.picture.height > fitted.height  # taller boxes: the map scrolls
        shown = screen_text(app)
        assert "Map · all people · full labels" in shown.splitlines()[1]
        assert any("every label whole" in n.message for n in app._notifications)

        await pilot.press("f7")
        await settle(pilot)
        assert not view.full_labels
        assert picture_text(view.picture) == picture_text(fitted)
        assert "Map · all people · fit" in screen_text(app).splitlines()[1]


@pilot_test
async def test_a_cut_label_is_whole_in_the_details(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.05)
        screen = app.session
        origin = next(n.id for n in screen.graph.nodes() if n.label.startswith(LONG))
        screen.selected = origin
        screen.redraw(at_once=True)
        await settle(pilot)
        shown = screen_text(app)
        map_rows = shown.splitlines()[:32]
        assert not any("goodbye" in row.split("│")[1] for row in map_rows if "│" in row)
        assert "goodbye" in shown  # in the details panel below the map


@pilot_test
async def test_f7_on_the_focused_map_is_in_its_footer_and_in_the_palette(
        chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.05)
        view = app.session.query_one(MapView)
        view.focus()
        # The footer is made again a frame or more after the bindings change.
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await wait_for(pilot, lambda: "f7 full labels" in footer())
        assert "f7 full labels" in footer()
        await pilot.press("f7")
        await settle(pilot)
        assert view.full_labels
        await wait_for(pilot, lambda: "f7 fit the screen" in footer())
        assert "f7 fit the screen" in footer()
        names = [command.name for command in session_commands(app.session)]
        assert "map: full labels / fit the screen" in names
