"""The map as a graph: nodes and links, walked in both directions.

Nodes are kept by id with their `Node` model; links by (source, target,
kind) with their `Link` model (two links may join the same pair with
different kinds, e.g. a strategy that both longs for and blocks a need),
and each node knows the links leaving and reaching it. The tables that are
not graph-shaped (people, sessions, loops, experiments, repairs) sit beside
it as lists.

`MapGraph.from_map(m).to_map() == m` exactly: each node and link keeps a
sequence number so the file's order survives edits, removal and undo.

Plain dicts, not networkx: the session builds this before its first frame,
and networkx took longer to import than the rest of the map to load. For an
algorithm of networkx, `digraph()` and `simple_digraph()` give copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from patterns.models import (
    Experiment,
    Link,
    Loop,
    Node,
    Person,
    RelationalMap,
    Repair,
    Session,
)
from patterns.vocabulary import LinkKind, NodeKind

if TYPE_CHECKING:
    import networkx as nx

#: A link's key: (source, target, kind).
LinkKey = tuple[str, str, LinkKind]


class MapGraph:
    """A relational map that can be walked and edited.

    Edits go through `patterns.edits` so they can be undone; reading is free.
    """

    def __init__(
        self,
        title: str,
        *,
        client: str | None = None,
        created: dt.datetime | None = None,
        updated: dt.datetime | None = None,
        people: list[Person] | None = None,
        sessions: list[Session] | None = None,
        loops: list[Loop] | None = None,
        experiments: list[Experiment] | None = None,
        repairs: list[Repair] | None = None,
    ) -> None:
        self.title = title
        self.client = client
        self.created = created
        self.updated = updated
        self.people: list[Person] = list(people or [])
        self.sessions: list[Session] = list(sessions or [])
        self.loops: list[Loop] = list(loops or [])
        self.experiments: list[Experiment] = list(experiments or [])
        self.repairs: list[Repair] = list(repairs or [])
        self._node: dict[str, Node] = {}
        self._node_seq: dict[str, int] = {}
        self._link: dict[LinkKey, Link] = {}
        self._link_seq: dict[LinkKey, int] = {}
        #: The keys of the links leaving / reaching each node (as a dict: ordered, no repeats).
        self._out: dict[str, dict[LinkKey, None]] = {}
        self._in: dict[str, dict[LinkKey, None]] = {}
        #: Nodes and links in file order, sorted once after a change.
        self._nodes_sorted: list[Node] | None = None
        self._links_sorted: list[Link] | None = None
        self._next_seq = 0

    # -- conversions ------------------------------------------------------

    @classmethod
    def from_map(cls, m: RelationalMap) -> MapGraph:
        """The graph of a validated map."""
        g = cls(
            m.title,
            client=m.client,
            created=m.created,
            updated=m.updated,
            people=[p.model_copy() for p in m.people],
            sessions=[s.model_copy() for s in m.sessions],
            loops=[lp.model_copy(deep=True) for lp in m.loops],
            experiments=[e.model_copy(deep=True) for e in m.experiments],
            repairs=[r.model_copy() for r in m.repairs],
        )
        for node in m.nodes:
            g.put_node(node.model_copy())
        for link in m.links:
            g.put_link(link.model_copy())
        return g

    def to_map(self) -> RelationalMap:
        """The map as a validated model (raises `MapRuleError` if an edit broke a rule)."""
        return RelationalMap(
            title=self.title,
            client=self.client,
            created=self.created,
            updated=self.updated,
            people=[p.model_copy() for p in self.people],
            sessions=[s.model_copy() for s in self.sessions],
            nodes=[n.model_copy() for n in self.nodes()],
            links=[lk.model_copy() for lk in self.links()],
            loops=[lp.model_copy(deep=True) for lp in self.loops],
            experiments=[e.model_copy(deep=True) for e in self.experiments],
            repairs=[r.model_copy() for r in self.repairs],
        )

    # -- reading ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._node)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._node

    def node(self, node_id: str) -> Node:
        """The node with this id (KeyError if there is none)."""
        return self._node[node_id]

    def nodes(self, kind: NodeKind | None = None) -> list[Node]:
        """Nodes in file order, optionally only of one kind."""
        if self._nodes_sorted is None:
            seq = self._node_seq
            self._nodes_sorted = [self._node[i] for i in sorted(self._node, key=seq.__getitem__)]
        if kind is None:
            return list(self._nodes_sorted)
        return [n for n in self._nodes_sorted if n.kind is kind]

    def node_ids(self) -> list[str]:
        """Every node's id, in file order."""
        return [n.id for n in self.nodes()]

    def links(self) -> list[Link]:
        """Links in file order."""
        if self._links_sorted is None:
            seq = self._link_seq
            self._links_sorted = [self._link[k] for k in sorted(self._link, key=seq.__getitem__)]
        return list(self._links_sorted)

    def link(self, source: str, target: str, kind: LinkKind) -> Link | None:
        """The link source -kind-> target, or None."""
        return self._link.get((source, target, kind))

    def linked(self, source: str, target: str) -> bool:
        """Whether any link runs from source to target."""
        return any(key[1] == target for key in self._out.get(source, ()))

    def _sorted(self, keys: dict[LinkKey, None] | None) -> list[Link]:
        if not keys:
            return []
        seq = self._link_seq
        return [self._link[k] for k in sorted(keys, key=seq.__getitem__)]

    def links_out(self, node_id: str) -> list[Link]:
        """Links leaving a node, in file order."""
        return self._sorted(self._out.get(node_id))

    def links_in(self, node_id: str) -> list[Link]:
        """Links arriving at a node, in file order."""
        return self._sorted(self._in.get(node_id))

    def links_of(self, node_id: str) -> list[Link]:
        """Every link touching a node, in file order."""
        keys = dict(self._in.get(node_id) or {})
        keys.update(self._out.get(node_id) or {})
        return self._sorted(keys)

    def person(self, person_id: str | None) -> Person | None:
        """The person with this id, or None."""
        return next((p for p in self.people if p.id == person_id), None)

    def owner(self, node: Node) -> Person | None:
        """Whose experience a node is: its person, else the first person."""
        if node.person is not None:
            return self.person(node.person)
        return self.people[0] if self.people else None

    def session(self, session_id: str | None) -> Session | None:
        """The session with this id, or None."""
        return next((s for s in self.sessions if s.id == session_id), None)

    def experiment(self, experiment_id: str) -> Experiment | None:
        """The experiment with this id, or None."""
        return next((e for e in self.experiments if e.id == experiment_id), None)

    def iter_labels(self) -> Iterator[tuple[str, str]]:
        """(id, label) of every node, in file order."""
        for node in self.nodes():
            yield node.id, node.label

    def digraph(self) -> nx.MultiDiGraph:
        """A copy of the map as a networkx multigraph (for its algorithms):
        nodes carry the `Node` model under `node`, edges are keyed by the
        link kind's value and carry the `Link` model under `link`; both
        carry their place in file order under `seq`."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for node in self.nodes():
            g.add_node(node.id, node=node, seq=self._node_seq[node.id])
        for key, link in self._link.items():
            g.add_edge(link.source, link.target, key=link.kind.value, link=link,
                       seq=self._link_seq[key])
        return g

    def simple_digraph(self) -> nx.DiGraph:
        """The map with parallel links merged: what cycle-finding walks."""
        import networkx as nx

        return nx.DiGraph(self.digraph())

    # -- low-level writes, used by edits ------------------------------------

    def node_seq(self, node_id: str) -> int:
        return self._node_seq[node_id]

    def link_seq(self, link: Link) -> int:
        return self._link_seq[link.source, link.target, link.kind]

    def _take_seq(self, seq: int | None) -> int:
        if seq is None:
            seq = self._next_seq
        self._next_seq = max(self._next_seq, seq + 1)
        return seq

    def _changed(self) -> None:
        self._nodes_sorted = None
        self._links_sorted = None

    def put_node(self, node: Node, seq: int | None = None) -> None:
        """Add or replace a node, keeping its place in file order."""
        if node.id in self._node and seq is None:
            seq = self._node_seq[node.id]
        self._node[node.id] = node
        self._node_seq[node.id] = self._take_seq(seq)
        self._out.setdefault(node.id, {})
        self._in.setdefault(node.id, {})
        self._changed()

    def drop_node(self, node_id: str) -> None:
        """Remove a node and its links (edits keep what undo needs first)."""
        del self._node[node_id]
        del self._node_seq[node_id]
        for key in [*self._out.pop(node_id, ()), *self._in.pop(node_id, ())]:
            if key in self._link:
                self._unlink(key)
        self._changed()

    def put_link(self, link: Link, seq: int | None = None) -> None:
        """Add or replace a link, keeping its place in file order."""
        key = (link.source, link.target, link.kind)
        if key in self._link and seq is None:
            seq = self._link_seq[key]
        self._link[key] = link
        self._link_seq[key] = self._take_seq(seq)
        self._out.setdefault(link.source, {})[key] = None
        self._in.setdefault(link.target, {})[key] = None
        self._changed()

    def drop_link(self, link: Link) -> None:
        """Remove one link."""
        key = (link.source, link.target, link.kind)
        if key not in self._link:
            raise KeyError(f"no link {link.source} -{link.kind.value}-> {link.target}")
        self._unlink(key)
        self._changed()

    def _unlink(self, key: LinkKey) -> None:
        del self._link[key]
        del self._link_seq[key]
        self._out.get(key[0], {}).pop(key, None)
        self._in.get(key[1], {}).pop(key, None)
