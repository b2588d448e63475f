"""The nodes panel: every part of the map, grouped by kind in reading order.

Moving through the list selects a node (its details show below the map);
Enter edits it, Delete removes it (undoable with ctrl+z). Typing in the
filter narrows the list to labels that contain the words typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from patterns.edits import RemoveNode
from patterns.vocabulary import KIND_PLURALS, READING_ORDER
from tui.messages import EditRequested, NodeChosen
from tui.session.view import SessionView


class NodeList(OptionList):
    """The list itself: one option per node, a heading per kind."""

    BINDINGS = [
        Binding("enter", "edit", "edit node", id="node.edit"),
        Binding("delete,backspace", "remove", "remove node", id="node.remove"),
    ]

    @dataclass
    class EditWanted(Message):
        """Enter on a node: open its details for editing."""

        node_id: str

    def _current_id(self) -> str | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.disabled else option.id

    def action_edit(self) -> None:
        node_id = self._current_id()
        if node_id is not None:
            self.post_message(self.EditWanted(node_id))

    def action_remove(self) -> None:
        node_id = self._current_id()
        if node_id is not None:
            self.post_message(EditRequested(RemoveNode(node_id)))


class NodesPanel(Vertical):
    """A filter line over the list of nodes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: SessionView | None = None
        self._drawn: tuple[int, str | None, bool, str] | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="find a node…", id="nodes-filter")
        yield NodeList(id="node-list")

    @property
    def node_list(self) -> NodeList:
        return self.query_one(NodeList)

    def show(self, view: SessionView) -> None:
        """Redraw from the map (only when visible: a hidden list waits)."""
        self._view = view
        if self.display and self.is_on_screen:
            self._redraw()

    def on_show(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        view = self._view
        if view is None:
            return
        words = self.query_one("#nodes-filter", Input).value.strip().lower()
        key = (view.revision, view.selected, view.privacy, words)
        if key == self._drawn:
            return
        self._drawn = key
        g = view.graph
        options: list[Option] = []
        several = len(g.people) > 1
        for kind in READING_ORDER:
            nodes = [n for n in g.nodes(kind) if not words or words in n.label.lower()]
            if not nodes:
                continue
            options.append(Option(Text(KIND_PLURALS[kind].upper(), style="bold dim"),
                                  disabled=True))
            for node in nodes:
                text = Text(f"  {view.mask(node.label)}")
                if several:
                    text.append(f"  {view.owner_name(node)}", style="dim")
                options.append(Option(text, id=node.id))
        node_list = self.node_list
        with self.app.batch_update():
            node_list.clear_options()
            node_list.add_options(options)
            if view.selected is not None and view.selected in g:
                try:
                    node_list.highlighted = node_list.get_option_index(view.selected)
                except Exception:  # filtered out of the list
                    pass

    @on(Input.Changed, "#nodes-filter")
    def _filtered(self, event: Input.Changed) -> None:
        event.stop()
        self._redraw()

    @on(Input.Submitted, "#nodes-filter")
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()
        node_list = self.node_list
        node_list.focus()
        if node_list.highlighted is None or node_list.get_option_at_index(
            node_list.highlighted
        ).disabled:
            first = next((i for i in range(node_list.option_count)
                          if not node_list.get_option_at_index(i).disabled), None)
            node_list.highlighted = first

    @on(OptionList.OptionHighlighted, "#node-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None and self._view and event.option.id != self._view.selected:
            self.post_message(NodeChosen(event.option.id))

    @on(OptionList.OptionSelected, "#node-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(NodeList.EditWanted(event.option.id))


__all__ = ["NodeList", "NodesPanel"]
