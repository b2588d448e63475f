"""The map as a graph: a class that holds a `networkx.MultiDiGraph`.

Nodes of the graph are node ids with the `Node` model under the key `node`;
edges are keyed by link kind (two links may join the same pair with
different kinds, e.g. a strategy that both longs for and blocks a need) and
carry the `Link` model under `link`. The tables that are not graph-shaped
(people, sessions, loops, experiments, repairs) sit beside it as lists.

`MapGraph.from_map(m).to_map() == m` exactly: each node and link keeps a
sequence number so the file's order survives edits, removal and undo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import networkx as nx

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
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
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
        return self.graph.number_of_nodes()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.graph

    def node(self, node_id: str) -> Node:
        """The node with this id (KeyError if there is none)."""
        return self.graph.nodes[node_id]["node"]

    def nodes(self, kind: NodeKind | None = None) -> list[Node]:
        """Nodes in file order, optionally only of one kind."""
        ordered = sorted(self.graph.nodes(data=True), key=lambda item: item[1]["seq"])
        return [d["node"] for _, d in ordered if kind is None or d["node"].kind is kind]

    def links(self) -> list[Link]:
        """Links in file order."""
        ordered = sorted(self.graph.edges(keys=True, data=True), key=lambda e: e[3]["seq"])
        return [d["link"] for *_, d in ordered]

    def link(self, source: str, target: str, kind: LinkKind) -> Link | None:
        """The link source -kind-> target, or None."""
        data = self.graph.get_edge_data(source, target, key=kind.value)
        return None if data is None else data["link"]

    def links_out(self, node_id: str) -> list[Link]:
        """Links leaving a node, in file order."""
        edges = self.graph.out_edges(node_id, keys=True, data=True)
        return [d["link"] for *_, d in sorted(edges, key=lambda e: e[3]["seq"])]

    def links_in(self, node_id: str) -> list[Link]:
        """Links arriving at a node, in file order."""
        edges = self.graph.in_edges(node_id, keys=True, data=True)
        return [d["link"] for *_, d in sorted(edges, key=lambda e: e[3]["seq"])]

    def links_of(self, node_id: str) -> list[Link]:
        """Every link touching a node, in file order."""
        seen = {(lk.source, lk.target, lk.kind) for lk in self.links_in(node_id)}
        out = [lk for lk in self.links_out(node_id) if (lk.source, lk.target, lk.kind) not in seen]
        both = self.links_in(node_id) + out
        return sorted(both, key=lambda lk: self.link_seq(lk))

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

    def simple_digraph(self) -> nx.DiGraph:
        """The map with parallel links merged: what cycle-finding walks."""
        return nx.DiGraph(self.graph)

    # -- low-level writes, used by edits ------------------------------------

    def node_seq(self, node_id: str) -> int:
        return self.graph.nodes[node_id]["seq"]

    def link_seq(self, link: Link) -> int:
        return self.graph.edges[link.source, link.target, link.kind.value]["seq"]

    def _take_seq(self, seq: int | None) -> int:
        if seq is None:
            seq = self._next_seq
        self._next_seq = max(self._next_seq, seq + 1)
        return seq

    def put_node(self, node: Node, seq: int | None = None) -> None:
        """Add or replace a node, keeping its place in file order."""
        if node.id in self.graph and seq is None:
            seq = self.node_seq(node.id)
        self.graph.add_node(node.id, node=node, seq=self._take_seq(seq))

    def drop_node(self, node_id: str) -> None:
        """Remove a node and its links (edits keep what undo needs first)."""
        self.graph.remove_node(node_id)

    def put_link(self, link: Link, seq: int | None = None) -> None:
        """Add or replace a link, keeping its place in file order."""
        key = link.kind.value
        if self.graph.has_edge(link.source, link.target, key=key) and seq is None:
            seq = self.graph.edges[link.source, link.target, key]["seq"]
        self.graph.add_edge(link.source, link.target, key=key, link=link, seq=self._take_seq(seq))

    def drop_link(self, link: Link) -> None:
        """Remove one link."""
        self.graph.remove_edge(link.source, link.target, key=link.kind.value)
