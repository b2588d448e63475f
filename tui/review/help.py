"""The review's help: what each key does, and what this screen is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.screens import Dialog

HELP_TEXT = """\
[b]Your review[/b]

This is your map, as you and your therapist made it together. You can read
it here as often as you like; it cannot be changed by accident. What you can
add is your own record of the weeks between sessions:

  [b]t[/b]        log a try of something you are practising
  [b]r[/b]        log a rupture and repair (when things went wrong, and
           what you did to reconnect)

Each entry is saved as soon as you press Save.

  [b]↑ ↓[/b]      move through the list on the left
  [b]enter[/b]    go into the part you have chosen (tab goes back)
  [b]1–5[/b]      jump to a part: patterns, map, practice, repairs, sessions
  [b]v[/b]        the map as a picture, or as a list in words
  [b]?[/b]        this help
  [b]q[/b]        quit

Anything you want to change on the map itself, bring to your next session.
"""


class ReviewHelp(Dialog[None]):
    """A short page of help; any of escape, ? or q closes it."""

    DEFAULT_CSS = """
    ReviewHelp { align: center middle; background: $background 60%; }
    ReviewHelp > VerticalScroll {
        width: 80; max-width: 96%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "close help", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(HELP_TEXT)

    def action_close(self) -> None:
        """Back to the review."""
        self.dismiss(None)
