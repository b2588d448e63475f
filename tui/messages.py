"""Messages shared across the app's widgets.

Data flows down as attributes and up as messages: a pane never changes the
map itself, it asks the screen that owns the map with `EditRequested`, and
the screen answers every change with one `MapChanged`.
"""

from __future__ import annotations

from textual.message import Message

from patterns.edits import Edit


class EditRequested(Message):
    """A pane asks the owner of the map to apply an edit (undoable)."""

    def __init__(self, edit: Edit, *, select: str | None = None) -> None:
        super().__init__()
        self.edit = edit
        #: A node to select once the edit is done (e.g. the node just added).
        self.select = select


class MapChanged(Message):
    """The map changed (an edit, an undo or a redo); views redraw from it."""

    def __init__(self, revision: int, description: str) -> None:
        super().__init__()
        self.revision = revision
        #: What happened, in words (`added trigger “Sam goes quiet”`).
        self.description = description


class NodeChosen(Message):
    """A pane chose a node: the screen selects it everywhere."""

    def __init__(self, node_id: str | None) -> None:
        super().__init__()
        self.node_id = node_id


class LoopChosen(Message):
    """A pane chose a loop (its node ids in order) to highlight, or None."""

    def __init__(self, nodes: tuple[str, ...] | None) -> None:
        super().__init__()
        self.nodes = nodes


class SaveState(Message):
    """The file caught up with the map, or failed to."""

    def __init__(self, revision: int, error: str | None) -> None:
        super().__init__()
        self.revision = revision
        #: None when the map at `revision` is on disk; else why it is not.
        self.error = error


__all__ = ["EditRequested", "LoopChosen", "MapChanged", "NodeChosen", "SaveState"]
