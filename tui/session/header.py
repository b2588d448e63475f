"""The session screen's top line: the map's title, today's session, whether
the file is saved, and whether the privacy screen is on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from tui.session.autosave import SaveStatus


class SessionHeader(Horizontal):
    """` attachmap · Zoë and Sam   session 2 · 27 Nov 2026   ● saved   privacy off`."""

    DEFAULT_CSS = """
    SessionHeader { height: 1; background: $panel; color: $text; }
    SessionHeader Label { height: 1; padding: 0 1; }
    SessionHeader #map-title { width: 1fr; text-style: bold; }
    SessionHeader #session-info { color: $text-muted; }
    SessionHeader #save-state { min-width: 13; }
    SessionHeader #save-state.-saving { color: $warning; }
    SessionHeader #save-state.-failed { background: $error; color: $text; text-style: bold; }
    SessionHeader #privacy-state.-on { background: $success; color: $text; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, str] = {}

    def _put(self, name: str, text: str) -> Label:
        # Updating a label re-lays out the screen: only when the words change.
        label = self.query_one(f"#{name}", Label)
        old = self._shown.get(name)
        if old != text:
            self._shown[name] = text
            label.update(text, layout=old is None or len(old) != len(text))
        return label

    def compose(self) -> ComposeResult:
        yield Label("", id="map-title", markup=False)
        yield Label("", id="session-info", markup=False)
        yield Label("", id="save-state", markup=False)
        yield Label("", id="privacy-state", markup=False)

    def show_title(self, title: str) -> None:
        """The map's title (the file name's words until it is renamed)."""
        self._put("map-title", f"attachmap · {title}")

    def show_session(self, text: str) -> None:
        """`session 2 · 27 Nov 2026`, or `no session yet`."""
        self._put("session-info", text)

    def show_save(self, status: SaveStatus) -> None:
        """The saved state; a failure stands out, it is never shown as saved."""
        label = self._put("save-state", status.text)
        label.set_class(status.state == "saving", "-saving")
        label.set_class(status.state == "failed", "-failed")

    def show_privacy(self, on: bool) -> None:
        """`privacy on` stands out so the therapist always knows."""
        label = self._put("privacy-state", "privacy on" if on else "privacy off")
        label.set_class(on, "-on")


__all__ = ["SessionHeader"]
