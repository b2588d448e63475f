"""Every change to a map as an object that can undo itself, and the history.

The session screen, the review screen, tests and scripts all change maps the
same way: build an edit, hand it to `History.do`. An edit checks that it
keeps the map valid before it changes anything, and raises `EditError` with a
sentence for the user if it would not. What an edit is, the node and link
edits, `Batch` and `History` are here; the edits of the map's own fields and
side tables (people, sessions, loop names, experiments, repairs) are in
`patterns.side_edits`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from patterns.graph import MapGraph
from patterns.models import Experiment, Link, Loop, Node
from patterns.text import quoted
from patterns.vocabulary import LinkKind, NodeKind, default_link_kind, link_phrase


class EditError(ValueError):
    """An edit that would break the map; the message is for the user."""


class Edit(Protocol):
    """A change that can be applied once and undone once, in turn."""

    def apply(self, g: MapGraph) -> None: ...

    def undo(self, g: MapGraph) -> None: ...

    def describe(self) -> str:
        """A few words for the status line: `added trigger “Sam goes quiet”`."""
        ...


def _loop_has_edge(loop: Loop, source: str, target: str) -> bool:
    n = len(loop.nodes)
    return any(loop.nodes[i] == source and loop.nodes[(i + 1) % n] == target for i in range(n))


# -- nodes -------------------------------------------------------------------


@dataclass
class AddNode:
    """Add a node to the map."""

    node: Node
    _seq: int | None = field(default=None, repr=False)

    def apply(self, g: MapGraph) -> None:
        if self.node.id in g:
            raise EditError(f"there is already a node with id '{self.node.id}'")
        _check_node_refs(g, self.node)
        g.put_node(self.node, self._seq)
        self._seq = g.node_seq(self.node.id)

    def undo(self, g: MapGraph) -> None:
        g.drop_node(self.node.id)

    def describe(self) -> str:
        return f"added {self.node.kind} {quoted(self.node.label)}"


@dataclass
class RemoveNode:
    """Remove a node with its links, and the loop names and experiments that
    need it; undo brings all of them back where they were."""

    node_id: str
    _node: Node | None = field(default=None, repr=False)
    _seq: int = field(default=0, repr=False)
    _links: list[tuple[Link, int]] = field(default_factory=list, repr=False)
    _loops: list[tuple[int, Loop]] = field(default_factory=list, repr=False)
    _experiments: list[tuple[int, Experiment]] = field(default_factory=list, repr=False)

    def apply(self, g: MapGraph) -> None:
        if self.node_id not in g:
            raise EditError(f"there is no node '{self.node_id}'")
        self._node = g.node(self.node_id)
        self._seq = g.node_seq(self.node_id)
        self._links = [(lk, g.link_seq(lk)) for lk in g.links_of(self.node_id)]
        self._loops = [(i, lp) for i, lp in enumerate(g.loops) if self.node_id in lp.nodes]
        self._experiments = [
            (i, e) for i, e in enumerate(g.experiments) if e.response == self.node_id
        ]
        for i, _ in reversed(self._loops):
            del g.loops[i]
        for i, _ in reversed(self._experiments):
            del g.experiments[i]
        g.drop_node(self.node_id)

    def undo(self, g: MapGraph) -> None:
        assert self._node is not None
        g.put_node(self._node, self._seq)
        for link, seq in self._links:
            g.put_link(link, seq)
        for i, loop in self._loops:
            g.loops.insert(i, loop)
        for i, experiment in self._experiments:
            g.experiments.insert(i, experiment)

    def describe(self) -> str:
        label = self._node.label if self._node else self.node_id
        extra = []
        if self._links:
            extra.append(f"{len(self._links)} link{'s' if len(self._links) != 1 else ''}")
        if self._loops:
            extra.append(f"{len(self._loops)} loop name{'s' if len(self._loops) != 1 else ''}")
        if self._experiments:
            extra.append(
                f"{len(self._experiments)} experiment{'s' if len(self._experiments) != 1 else ''}"
            )
        return f"removed {quoted(label)}" + (f" with {', '.join(extra)}" if extra else "")


_NODE_FIELDS = {"kind", "label", "person", "layer", "style", "intensity", "note", "private_note",
                "session"}


@dataclass
class UpdateNode:
    """Change fields of a node (not its id). Changing the kind drops a layer
    or style the new kind cannot have."""

    node_id: str
    changes: dict[str, Any]
    _old: Node | None = field(default=None, repr=False)

    def apply(self, g: MapGraph) -> None:
        if self.node_id not in g:
            raise EditError(f"there is no node '{self.node_id}'")
        unknown = set(self.changes) - _NODE_FIELDS
        if unknown:
            raise EditError(f"a node has no field {', '.join(sorted(unknown))}")
        old = g.node(self.node_id)
        data = old.model_dump() | self.changes
        kind = NodeKind(data["kind"])
        # A new kind drops a layer or style it cannot have; asking for one
        # on the wrong kind without changing the kind is refused below.
        if "kind" in self.changes and kind is not NodeKind.FEELING and "layer" not in self.changes:
            data["layer"] = None
        if "kind" in self.changes and kind is not NodeKind.STRATEGY and "style" not in self.changes:
            data["style"] = None
        try:
            new = Node.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            raise EditError(f"{first['loc'][0]}: {first['msg']}") from None
        _check_node_refs(g, new)
        if kind is not NodeKind.RESPONSE and any(
            e.response == self.node_id for e in g.experiments
        ):
            raise EditError("an experiment practises this response: it must stay a response")
        self._old = old
        g.put_node(new)

    def undo(self, g: MapGraph) -> None:
        assert self._old is not None
        g.put_node(self._old)

    def describe(self) -> str:
        label = self._old.label if self._old else self.node_id
        return f"changed {', '.join(sorted(self.changes))} of {quoted(label)}"


def _check_node_refs(g: MapGraph, node: Node) -> None:
    if node.person is not None and g.person(node.person) is None:
        raise EditError(f"there is no person '{node.person}'")
    if node.session is not None and g.session(node.session) is None:
        raise EditError(f"there is no session '{node.session}'")
    if node.layer is not None and node.kind is not NodeKind.FEELING:
        raise EditError("only feelings have a layer")
    if node.style is not None and node.kind is not NodeKind.STRATEGY:
        raise EditError("only strategies have a style")


# -- links -------------------------------------------------------------------


@dataclass
class AddLink:
    """Link two nodes."""

    link: Link
    _seq: int | None = field(default=None, repr=False)

    def apply(self, g: MapGraph) -> None:
        for end in (self.link.source, self.link.target):
            if end not in g:
                raise EditError(f"there is no node '{end}'")
        if self.link.source == self.link.target:
            raise EditError("a node cannot lead to itself")
        if "kind" not in self.link.model_fields_set:
            # No kind named: the default for the pair (SPEC section 2).
            kind = default_link_kind(g.node(self.link.source).kind, g.node(self.link.target).kind)
            self.link = self.link.model_copy(update={"kind": kind})
            self.link.model_fields_set.add("kind")
        if g.link(self.link.source, self.link.target, self.link.kind) is not None:
            raise EditError("those two are already linked that way")
        g.put_link(self.link, self._seq)
        self._seq = g.link_seq(self.link)

    def undo(self, g: MapGraph) -> None:
        g.drop_link(self.link)

    def describe(self) -> str:
        return f"linked {self.link.source} {link_phrase(self.link.kind)} {self.link.target}"


@dataclass
class RemoveLink:
    """Remove a link, and the names of loops that ran through it."""

    source: str
    target: str
    kind: LinkKind
    _link: Link | None = field(default=None, repr=False)
    _seq: int = field(default=0, repr=False)
    _loops: list[tuple[int, Loop]] = field(default_factory=list, repr=False)

    def apply(self, g: MapGraph) -> None:
        link = g.link(self.source, self.target, self.kind)
        if link is None:
            raise EditError("there is no such link")
        self._link, self._seq = link, g.link_seq(link)
        g.drop_link(link)
        if not g.linked(self.source, self.target):
            self._loops = [
                (i, lp) for i, lp in enumerate(g.loops)
                if _loop_has_edge(lp, self.source, self.target)
            ]
            for i, _ in reversed(self._loops):
                del g.loops[i]

    def undo(self, g: MapGraph) -> None:
        assert self._link is not None
        g.put_link(self._link, self._seq)
        for i, loop in self._loops:
            g.loops.insert(i, loop)

    def describe(self) -> str:
        return f"unlinked {self.source} {link_phrase(self.kind)} {self.target}"


@dataclass
class UpdateLink:
    """Change a link's kind or note, keeping its place."""

    source: str
    target: str
    kind: LinkKind
    new_kind: LinkKind | None = None
    note: str | None = None
    _old: Link | None = field(default=None, repr=False)
    _seq: int = field(default=0, repr=False)

    def apply(self, g: MapGraph) -> None:
        old = g.link(self.source, self.target, self.kind)
        if old is None:
            raise EditError("there is no such link")
        kind = self.new_kind or old.kind
        if kind is not old.kind and g.link(self.source, self.target, kind) is not None:
            raise EditError(f"those two are already linked as {link_phrase(kind)}")
        note = old.note if self.note is None else (self.note or None)
        self._old, self._seq = old, g.link_seq(old)
        g.drop_link(old)
        g.put_link(old.model_copy(update={"kind": kind, "note": note}), self._seq)

    def undo(self, g: MapGraph) -> None:
        assert self._old is not None
        g.drop_link(Link(source=self.source, target=self.target, kind=self.new_kind or self.kind))
        g.put_link(self._old, self._seq)

    def describe(self) -> str:
        return f"changed the link {self.source} → {self.target}"


@dataclass
class Batch:
    """Several edits as one step of undo (a capture sentence adds a cycle)."""

    edits: list[Edit]
    description: str = ""
    _done: int = field(default=0, repr=False)

    def apply(self, g: MapGraph) -> None:
        self._done = 0
        try:
            for edit in self.edits:
                edit.apply(g)
                self._done += 1
        except Exception:
            for edit in reversed(self.edits[: self._done]):
                edit.undo(g)
            raise

    def undo(self, g: MapGraph) -> None:
        for edit in reversed(self.edits):
            edit.undo(g)

    def describe(self) -> str:
        return self.description or "; ".join(e.describe() for e in self.edits)


# -- the history ---------------------------------------------------------------


class History:
    """The undo and redo stacks of one open map.

    `revision` counts changes (undo counts too) so a saver can tell whether
    what is on disk is what is in memory.
    """

    def __init__(self, graph: MapGraph, limit: int = 1000) -> None:
        self.graph = graph
        self.limit = limit
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        self.revision = 0

    def do(self, edit: Edit) -> Edit:
        """Apply an edit (raising `EditError` and changing nothing if it cannot)."""
        edit.apply(self.graph)
        self._undo.append(edit)
        del self._undo[: -self.limit]
        self._redo.clear()
        self.revision += 1
        return edit

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Edit | None:
        """Undo the last edit; None if there is nothing to undo."""
        if not self._undo:
            return None
        edit = self._undo.pop()
        edit.undo(self.graph)
        self._redo.append(edit)
        self.revision += 1
        return edit

    def redo(self) -> Edit | None:
        """Redo the last undone edit; None if there is nothing to redo."""
        if not self._redo:
            return None
        edit = self._redo.pop()
        edit.apply(self.graph)
        self._undo.append(edit)
        self.revision += 1
        return edit


__all__ = [
    "AddLink", "AddNode", "Batch", "Edit", "EditError", "History",
    "RemoveLink", "RemoveNode", "UpdateLink", "UpdateNode",
]
