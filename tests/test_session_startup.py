"""Start-up of the session screen: the first frame already shows the map as
it stays (drawn once the screen is laid out, at the pane's size), the panes
of closed tabs and the node editor are made when first needed, and a large
map's patterns are analysed once, not once per redraw before they arrive."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, session_app, settle

import tui.session.patterns_panel as patterns_panel
from exports.store.toml import save_map
from patterns.synthetic import synthetic_map


def _map_rows(text: str) -> list[str]:
    """The map pane's rows (below the header, left of the side) of a screen."""
    return [line[:78] for line in text.splitlines()[1:31]]


@pilot_test
async def test_the_first_frame_shows_the_map_as_it_stays(chase_path: Path) -> None:
    app = session_app(chase_path)
    first: list[str] = []
    display = app._display

    def watch(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        if renderable is not None and not first and screen is app.session:
            first.append(screen_text(app))

    app._display = watch  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.2)
        assert first, "no frame was painted"
        assert "scared of" in first[0]  # the map is in the very first frame
        assert _map_rows(first[0]) == _map_rows(screen_text(app))


@pilot_test
async def test_closed_tabs_and_the_editor_are_made_when_first_opened(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.session
        assert not screen.query("#nodes") and not screen.query("#repairs")
        assert not screen.query("#field-label")
        await pilot.press("ctrl+f")  # find: the Nodes tab, its filter focused
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "nodes-filter"
        assert "scared of being left" in screen_text(app)


@pilot_test
async def test_a_large_map_is_analysed_once_at_start_up(
    tmp_path: Path, monkeypatch: object,
) -> None:
    path = tmp_path / "large.toml"
    save_map(synthetic_map(patterns_panel.SYNC_LIMIT + 50), path)
    calls: list[int] = []
    analyse = patterns_panel.analyse

    def counted(g):  # type: ignore[no-untyped-def]
        calls.append(len(g))
        return analyse(g)

    monkeypatch.setattr(patterns_panel, "analyse", counted)  # type: ignore[attr-defined]
    app = session_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.3)
        panel = app.session.query_one(patterns_panel.PatternsPanel)
        assert not panel.busy and panel.insights is not None
        assert "CYCLES" in screen_text(app)
    assert len(calls) == 1
