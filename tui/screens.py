"""The screens attachmap builds on, each working around a Textual bug in our
own subclass (tests/test_textual_bugs.py shows each bug on the plain class,
and fails once Textual fixes it):

- `Screen.dismiss` pops whatever screen is on top. A dialog that dismisses
  itself on Enter, or the privacy lock on any key, gets two quick presses
  queued: the second dismiss popped the screen under it (the session
  screen), leaving a blank terminal. `DismissedOnce` dismisses only while
  it is the screen on top; `Dialog` is the modal kind.
- PageUp or PageDown in the command palette while its list is hidden pages
  through lines that were never laid out: KeyError, and the app ended. Our
  `CommandPalette` pages only a list that has room on screen; every app
  shows it (`tui.safe_app.SafeTextApp`).
"""

from __future__ import annotations

from typing import TypeVar

from textual import command
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

ResultT = TypeVar("ResultT")


class DismissedOnce(Screen[ResultT]):
    """A screen that a second, queued dismiss leaves alone."""

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Dismiss the screen with `result`, if it is still the one on top."""
        if not self.is_attached or self.app.screen is not self:
            return AwaitComplete.nothing()  # dismissed already: not the screen below
        return super().dismiss(result)


# Textual's class comes first among the bases: a screen inherits the styles of
# its first base only (DOMNode._css_bases), and DismissedOnce adds none.


class Dialog(ModalScreen[ResultT], DismissedOnce[ResultT]):
    """A modal screen over the map, dismissed once."""


class CommandPalette(command.CommandPalette, DismissedOnce[None]):
    """Textual's command palette, dismissed once, with page keys that wait
    for its list to be on screen."""

    BINDINGS = [
        Binding("pagedown", "page('down')", "Next page", show=False),
        Binding("pageup", "page('up')", "Previous page", show=False),
    ]

    def action_page(self, direction: str) -> None:
        """Page through the commands, once the list has room to page in."""
        commands = self.query_one(command.CommandList)
        if not commands.scrollable_content_region:
            return  # hidden (nothing typed yet, or no matches): nothing to page
        if direction == "down":
            commands.action_page_down()
        else:
            commands.action_page_up()


__all__ = ["CommandPalette", "Dialog", "DismissedOnce"]
