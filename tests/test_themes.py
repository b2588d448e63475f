"""Themes: the session and the review follow Textual's themes, open in the
one the settings name, remember a new choice, and attachmap's light theme
keeps every part of the map readable in a bright room."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, wait_for

from exports.settings import Settings, load_settings
from tui.app import AttachmapApp
from tui.review.app import ReviewApp
from tui.themes import theme_names
from tui.widgets.map_view import MapView

PRACTICE = """\
# Our practice
therapist = "Ana Example"
paper = "letter"
theme = "attachmap-light"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_attachmap_light_is_offered_with_textuals_themes() -> None:
    names = theme_names()
    assert "attachmap-light" in names and "textual-dark" in names and "nord" in names


@pilot_test
async def test_every_part_of_the_map_is_readable_in_the_light_theme(chase_path: Path) -> None:
    app = AttachmapApp(chase_path, idle_after=0, settings=Settings(theme="attachmap-light"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.current_theme.dark
        view = app.screen.query_one(MapView)
        background = tuple(view.rich_style.bgcolor.get_truecolor())
        assert _luminance(background) > 0.9  # a white page, not a grey one
        low = {}
        for part in sorted(MapView.COMPONENT_CLASSES):
            style = view.rich_style + view.get_component_rich_style(part, partial=True)
            ink = tuple(style.color.get_truecolor())
            paper = tuple(style.bgcolor.get_truecolor()) if style.bgcolor else background
            if contrast(ink, paper) < 4.5:  # WCAG AA for text
                low[part] = round(contrast(ink, paper), 2)
        assert low == {}


@pilot_test
async def test_the_session_opens_in_the_theme_of_the_settings_and_remembers_a_new_one(
    own_settings: Path, chase_path: Path
) -> None:
    write(own_settings, PRACTICE)
    app = AttachmapApp(chase_path, idle_after=0)
    assert app.theme == "attachmap-light"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await wait_for(pilot, lambda: "Change the current theme" in screen_text(app))
        await pilot.press("enter")
        await pilot.press(*"textual-light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "textual-light")
        await wait_for(pilot, lambda: 'theme = "textual-light"' in own_settings.read_text())
    text = own_settings.read_text("utf-8")
    assert text == PRACTICE.replace("attachmap-light", "textual-light")
    assert stat.S_IMODE(own_settings.stat().st_mode) == 0o600


@pilot_test
async def test_the_review_follows_the_settings_and_offers_the_theme(
    own_settings: Path, chase_path: Path
) -> None:
    write(own_settings, 'theme = "attachmap-light"\n')
    app = ReviewApp(chase_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "attachmap-light" and not app.current_theme.dark
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" in names
        app.theme = "nord"
        await wait_for(pilot, lambda: load_settings().theme == "nord")


def test_an_unknown_theme_in_the_file_leaves_the_default(
    own_settings: Path, chase_path: Path
) -> None:
    write(own_settings, 'theme = "no-such-theme"\n')
    assert AttachmapApp(chase_path).theme == "textual-dark"
