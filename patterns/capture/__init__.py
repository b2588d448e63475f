"""The capture line: the grammar by which one typed line becomes one edit of the map.

`line` reads a line (`parse_capture`), says what it will do while it is
typed (`capture_hint`) and completes it (`complete_capture`); the other
modules are its parts: `sentence` (`When …, I feel …, so I …`), `forms`
(`name:`, `try:`, `rupture:`, `repair:`, `person:`), `refs` (which node
a typed reference means), `draft` (what a line adds, reusing rather than
twinning) and `speech` (the words people say the parts with).
"""

from __future__ import annotations


class CaptureError(ValueError):
    """A line that cannot be taken. `message` is shown under the capture
    line; the typed text stays. `start`/`end` span the part at fault."""

    def __init__(self, message: str, start: int | None = None, end: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


__all__ = ["CaptureError"]
