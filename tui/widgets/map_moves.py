"""Moving the selection on the map with the arrow keys.

The next node is the nearest box in the direction pressed, with boxes more
or less in line preferred over closer ones off to the side, so that down
follows the pattern and right moves along a band. Terminal cells are about
twice as tall as wide, which the distances allow for.
"""

from __future__ import annotations

from collections.abc import Sequence

from patterns.layout.drawing import Box

_ASPECT = 2.0  # a cell is about twice as tall as it is wide
_OFF_AXIS = 2.0  # how much being off to the side costs, against distance ahead


def nearest_box(boxes: Sequence[Box], current: Box | None, direction: str) -> Box | None:
    """The box to move to from `current` ("up", "down", "left" or "right");
    with nothing selected yet, the first box of the picture; None when no
    box lies that way."""
    if not boxes:
        return None
    if current is None:
        return min(boxes, key=lambda b: (b.y, b.x))
    cx, cy = current.centre
    best: tuple[float, int, int] | None = None
    chosen = None
    for box in boxes:
        if box is current:
            continue
        bx, by = box.centre
        dx, dy = bx - cx, (by - cy) * _ASPECT
        if direction == "down":
            ahead, side = (dy, abs(dx)) if box.y >= current.y + current.h else (-1, 0)
        elif direction == "up":
            ahead, side = (-dy, abs(dx)) if box.y + box.h <= current.y else (-1, 0)
        elif direction == "right":
            ahead, side = (dx, abs(dy)) if box.x >= current.x + current.w else (-1, 0)
        elif direction == "left":
            ahead, side = (-dx, abs(dy)) if box.x + box.w <= current.x else (-1, 0)
        else:
            raise ValueError(f"unknown direction {direction!r}")
        if ahead <= 0:
            continue
        key = (ahead + _OFF_AXIS * side, box.y, box.x)
        if best is None or key < best:
            best, chosen = key, box
    return chosen
