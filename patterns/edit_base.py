"""What every edit is: an object that applies and undoes itself once, in turn,
or refuses with `EditError` and a sentence for the user."""

from __future__ import annotations

from typing import Protocol

from patterns.graph import MapGraph


class EditError(ValueError):
    """An edit that would break the map; the message is for the user."""


class Edit(Protocol):
    """A change that can be applied once and undone once, in turn."""

    def apply(self, g: MapGraph) -> None: ...

    def undo(self, g: MapGraph) -> None: ...

    def describe(self) -> str:
        """A few words for the status line: `added trigger “Sam goes quiet”`."""
        ...


def quoted(text: str, limit: int = 40) -> str:
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


__all__ = ["Edit", "EditError", "quoted"]
