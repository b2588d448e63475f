"""Guards around Textual bugs a fast typist can hit, found by the random key storm.

Each guard wraps one private Textual method, keeps its behaviour, and turns
a crash into "do nothing this time". Remove a guard when the pinned Textual
fixes the bug (tests/test_hostile_keys.py shows whether it still happens).
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList

_GUARDED = "_attachmap_guarded"


def _guard_option_list_page_keys() -> None:
    """Textual 8.2: PageUp/PageDown in an option list (the command palette's) before
    its lines are laid out raises KeyError from `_move_page` and ends the app."""
    original = OptionList._move_page
    if getattr(original, _GUARDED, False):
        return

    def _move_page(self: OptionList, direction: int) -> None:
        try:
            original(self, direction)  # type: ignore[arg-type]
        except (KeyError, IndexError):
            pass  # not laid out yet: the next key press will work

    setattr(_move_page, _GUARDED, True)
    OptionList._move_page = _move_page  # type: ignore[method-assign]


def _guard_double_dismiss() -> None:
    """Textual 8.2: `Screen.dismiss` pops whatever screen is on top. Two quick
    Escapes queued on a dialog dismiss it twice, and the second pops the
    session screen itself, leaving a blank terminal (and later actions crash
    on the detached screen). A screen that is no longer on top is already
    dismissed: do nothing."""
    original = Screen.dismiss
    if getattr(original, _GUARDED, False):
        return

    def dismiss(self: Screen, result: object = None) -> AwaitComplete:
        if not self.is_attached or self.app.screen is not self:
            return AwaitComplete.nothing()
        return original(self, result)

    setattr(dismiss, _GUARDED, True)
    Screen.dismiss = dismiss  # type: ignore[method-assign,assignment]


def _guard_palette_after_close() -> None:
    """Textual 8.2: the command palette's search worker can finish after the
    palette was closed (ctrl+p, a letter, Escape in quick succession); it then
    looks for its list among removed widgets, NoMatches ends the app."""
    original = getattr(CommandPalette, "_watch__list_visible", None)
    if original is None or getattr(original, _GUARDED, False):
        return

    def _watch__list_visible(self: CommandPalette) -> None:
        try:
            original(self)
        except NoMatches:
            pass  # the palette is closing: nothing left to show

    setattr(_watch__list_visible, _GUARDED, True)
    CommandPalette._watch__list_visible = _watch__list_visible  # type: ignore[method-assign]


def install() -> None:
    """Put every guard in place (idempotent)."""
    _guard_option_list_page_keys()
    _guard_double_dismiss()
    _guard_palette_after_close()


