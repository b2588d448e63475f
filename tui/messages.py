"""Messages shared across the app's widgets.

Data flows down as attributes and up as messages: a pane never changes the
map itself, it asks the screen that owns the map with `EditRequested`, and
the screen answers every change with one `MapChanged`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from patterns.edits import Edit


@dataclass
class EditRequested(Message):
    """A pane asks the owner of the map to apply an edit (undoable)."""

    edit: Edit
    select: str | None = field(default=None, kw_only=True)
    """A node to select once the edit is done (e.g. the node just added)."""


@dataclass
class MapChanged(Message):
    """The map changed (an edit, an undo or a redo); views redraw from it."""

    revision: int
    description: str
    """What happened, in words (`added trigger “Sam goes quiet”`)."""


@dataclass
class NodeChosen(Message):
    """A pane chose a node: the screen selects it everywhere."""

    node_id: str | None


@dataclass
class LoopChosen(Message):
    """A pane chose a loop (its node ids in order) to highlight, or None."""

    nodes: tuple[str, ...] | None


@dataclass
class SaveState(Message):
    """The file caught up with the map, or failed to."""

    revision: int
    error: str | None
    """None when the map at `revision` is on disk; else why it is not."""


__all__ = ["EditRequested", "LoopChosen", "MapChanged", "NodeChosen", "SaveState"]
