"""What one capture line adds: new nodes (or the ones it reuses) and links.

A draft collects edits without applying them; the line becomes one undo
step (`Draft.edit`). A part or a `kind: label` side whose words match a node
of the same kind is reused rather than twinned (SPEC section 4), and a link
already on the map is not added again.
"""

from __future__ import annotations

from patterns.capture import CaptureError
from patterns.capture.refs import label_key
from patterns.edits import AddLink, AddNode, Batch, Edit
from patterns.graph import MapGraph
from patterns.ids import new_id
from patterns.models import Link, Node
from patterns.text import quoted
from patterns.vocabulary import (
    LinkKind,
    NodeKind,
    StrategyStyle,
    default_link_kind,
    link_phrase,
)


def kind_name(kind: NodeKind) -> str:
    """The therapist's word for a kind (`new response` for `response`)."""
    return "new response" if kind is NodeKind.RESPONSE else kind.value


def a_kind(kind: NodeKind) -> str:
    """`a trigger`, `an origin`, `a new response`."""
    name = kind_name(kind)
    return ("an " if name[0] in "aeiou" else "a ") + name


class Draft:
    """The nodes and links one line adds, before they are applied."""

    def __init__(self, g: MapGraph, person: str | None, session: str | None) -> None:
        if person is not None and g.person(person) is None:
            raise CaptureError(f"there is no person “{person}” on this map")
        self.g, self.person, self.session = g, person, session
        self.taken: set[str] = set(g.node_ids())
        self.edits: list[Edit] = []
        self.new: dict[str, Node] = {}
        self.reused: list[str] = []
        self.links: list[Link] = []
        self._index: dict[tuple[NodeKind, str], list[Node]] | None = None

    def label(self, node_id: str) -> str:
        return self.new[node_id].label if node_id in self.new else self.g.node(node_id).label

    def kind(self, node_id: str) -> NodeKind:
        return self.new[node_id].kind if node_id in self.new else self.g.node(node_id).kind

    def _owned(self, node: Node) -> bool:
        if self.person is None:
            return True
        owner = self.g.owner(node)
        return owner is not None and owner.id == self.person

    def same(self, kind: NodeKind, label: str) -> str | None:
        """A node of this kind with these words, already drafted or on the map."""
        if self._index is None:  # one walk of the map per line, not one per part
            self._index = {}
            for node in self.g.nodes():
                self._index.setdefault((node.kind, label_key(node.label)), []).append(node)
        key = label_key(label)
        for node in [*self.new.values(), *self._index.get((kind, key), [])]:
            if node.kind is kind and label_key(node.label) == key and self._owned(node):
                return node.id
        return None

    def node(self, kind: NodeKind, label: str, *, reuse: bool = True,
             style: StrategyStyle | None = None) -> str:
        """The id of a node of this kind and label: reused, or drafted new
        (a new strategy with `style`, if given)."""
        found = self.same(kind, label) if reuse else None
        if found is not None:
            if found not in self.new and found not in self.reused:
                self.reused.append(found)
            return found
        node_id = new_id(label, self.taken, fallback=kind.value)
        self.taken.add(node_id)
        node = Node(id=node_id, kind=kind, label=label, person=self.person, session=self.session,
                    style=style if kind is NodeKind.STRATEGY else None)
        self.new[node_id] = node
        self.edits.append(AddNode(node))
        return node_id

    def link(self, source: str, target: str, kind: LinkKind | None = None) -> Link | None:
        """Draft a link (default kind from the pair); None if it is there already."""
        kind = kind or default_link_kind(self.kind(source), self.kind(target))
        link = Link(source=source, target=target, kind=kind)
        if link in self.links or (
            source in self.g and target in self.g and self.g.link(source, target, kind)
        ):
            return None
        self.links.append(link)
        self.edits.append(AddLink(link))
        return link

    def link_words(self, link: Link) -> str:
        return (f"{quoted(self.label(link.source), 30)} → {quoted(self.label(link.target), 30)}"
                f" ({link_phrase(link.kind)})")

    def edit(self, summary: str) -> Edit:
        """One step of undo: the single edit itself, or a batch of them."""
        return self.edits[0] if len(self.edits) == 1 else Batch(list(self.edits), summary)


__all__ = ["Draft", "a_kind", "kind_name"]
