"""Textual bugs attachmap works around in its own subclasses (tui/screens.py).

Each bug is shown on the plain Textual class, in a test marked
`xfail(strict=True)`: when Textual fixes it, that test passes, the run fails,
and the workaround can go. Beside it, the same steps with attachmap's class.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.pilot import pilot_test
from textual import events, on
from textual.app import App, ComposeResult
from textual.command import CommandList
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static

from tui.safe_app import SafeTextApp
from tui.screens import CommandPalette, Dialog


class Main(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("the map")


def asking(base: type[ModalScreen[Any]]) -> type[ModalScreen[Any]]:
    """A dialog on `base` that dismisses itself when its field is submitted."""

    class Ask(base):  # type: ignore[misc,valid-type]
        def compose(self) -> ComposeResult:
            yield Input()

        @on(Input.Submitted)
        def _done(self, event: Input.Submitted) -> None:
            self.dismiss(event.value)

    return Ask


class Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Main())


async def press_enter_twice_on(dialog: ModalScreen[Any]) -> Screen[Any]:
    """Open `dialog` over the main screen and press Enter twice quickly (both
    keys queued before the first is handled); the screen on top after."""
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        main = app.screen
        app.push_screen(dialog)
        await pilot.pause()
        for _ in range(2):
            app.post_message(events.Key("enter", None))
        await pilot.pause(0.3)
        assert app.screen is main, f"the main screen was popped too: {app.screen_stack}"
        return app.screen


@pytest.mark.xfail(strict=True, reason="Textual: Screen.dismiss pops whatever screen is on top")
@pilot_test
async def test_plain_dismiss_twice_pops_the_screen_below_the_dialog() -> None:
    await press_enter_twice_on(asking(ModalScreen)())


@pilot_test
async def test_a_dialog_is_dismissed_once() -> None:
    await press_enter_twice_on(asking(Dialog)())


class Hidden(App[None]):
    CSS = "OptionList { display: none; }"

    def compose(self) -> ComposeResult:
        yield OptionList("text again", "go quiet", "call him")


@pytest.mark.xfail(strict=True, raises=KeyError,
                   reason="Textual: OptionList pages through lines it has not laid out")
@pilot_test
async def test_plain_option_list_pages_before_it_has_room_on_screen() -> None:
    app = Hidden()
    async with app.run_test() as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        options.highlighted = 0
        options.action_page_down()  # KeyError in OptionList._move_page


class PaletteHost(SafeTextApp, App[None]):
    def compose(self) -> ComposeResult:
        yield Static("the map")


@pilot_test
async def test_the_palette_pages_only_a_list_on_screen() -> None:
    app = PaletteHost()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        commands = app.screen.query_one(CommandList)
        assert commands.option_count > 2
        # As between the options coming in and the list being laid out:
        found = [commands.get_option_at_index(i) for i in range(commands.option_count)]
        commands.display = False
        await pilot.pause()
        commands.clear_options().add_options(found)
        commands.highlighted = 0
        await pilot.press("pagedown", "pageup")
        assert app.is_running and commands.highlighted == 0
        commands.display = True
        await pilot.pause()
        await pilot.press("pagedown")
        assert commands.highlighted == commands.option_count - 1


@pilot_test
async def test_the_theme_palette_is_ours_too() -> None:
    app = PaletteHost()
    async with app.run_test() as pilot:
        app.search_themes()  # the palette's "theme" command
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
