"""The map frozen for reading, once per analysis.

`MapGraph` sorts a node's links into file order on every call, which is
right for an edit and too slow for an analysis that asks thousands of small questions after
every keystroke. A `MapReading` answers them from plain dicts built in one pass.
It is a snapshot: build a new one after the map changes.
"""

from __future__ import annotations

from patterns.graph import MapGraph
from patterns.models import Link, Node
from patterns.vocabulary import LinkKind, NodeKind


class MapReading:
    """Nodes in file order, links out of and into each node, and owners."""

    def __init__(self, g: MapGraph) -> None:
        self.graph = g
        nodes = g.nodes()
        self.ids: list[str] = [n.id for n in nodes]
        """Node ids in file order."""
        self.seq: dict[str, int] = {node_id: i for i, node_id in enumerate(self.ids)}
        """Each node's place in file order."""
        self.node: dict[str, Node] = {n.id: n for n in nodes}
        """The node model of each id."""
        self.out: dict[str, list[Link]] = {node_id: [] for node_id in self.ids}
        """Links leaving each node, in file order."""
        self.into: dict[str, list[Link]] = {node_id: [] for node_id in self.ids}
        """Links arriving at each node, in file order."""
        for link in g.links():
            self.out[link.source].append(link)
            self.into[link.target].append(link)
        self.succ: list[list[int]] = [
            sorted({self.seq[lk.target] for lk in self.out[node_id]
                    if lk.kind is not LinkKind.MASKS})
            for node_id in self.ids
        ]
        """Successors of each node by file-order number, each once (parallel
        links of different kinds are one step for walking). A `masks` link is
        no step: the core feeling lies underneath the surface one, it is not
        set off by it, so loops, components and reach never walk it."""
        self._component: list[int] | None = None
        self.person_rank: dict[str, int] = {p.id: i for i, p in enumerate(g.people)}
        """Each person's place in the map's list of people (the client first)."""
        first = g.people[0].id if g.people else None
        self.owner: dict[str, str | None] = {
            node_id: (node.person if node.person in self.person_rank else first)
            for node_id, node in self.node.items()
        }
        """Whose experience each node is: its person, else the first person."""

    @property
    def component(self) -> list[int]:
        """The strongly connected component of each node (by file-order number).

        Numbered so that every link between components goes from a higher
        number to a lower one: component 0 leads nowhere else.
        """
        if self._component is None:
            self._component = strong_components(self.succ)
        return self._component

    def of_kind(self, kind: NodeKind) -> list[Node]:
        """Nodes of one kind, in file order."""
        return [n for n in self.node.values() if n.kind is kind]

    def kind(self, node_id: str) -> NodeKind:
        """The kind of a node."""
        return self.node[node_id].kind

    def sources(self, node_id: str, kind: LinkKind,
                from_kinds: tuple[NodeKind, ...] | None = None) -> list[str]:
        """Ids of the nodes linking to `node_id` by `kind`, in file order."""
        return [lk.source for lk in self.into[node_id]
                if lk.kind is kind and (from_kinds is None or self.kind(lk.source) in from_kinds)]

    def has_link(self, source: str, target: str, kind: LinkKind) -> bool:
        """Whether the link source -kind-> target exists."""
        return any(lk.target == target and lk.kind is kind for lk in self.out[source])

    def name(self, person_id: str | None) -> str | None:
        """A person's name, or None."""
        person = self.graph.person(person_id)
        return person.name if person else None


def strong_components(succ: list[list[int]]) -> list[int]:
    """Tarjan's algorithm without recursion: each node's component number.

    Tarjan closes a component only after every component it reaches, so the
    numbers come out in reverse topological order.
    """
    n = len(succ)
    order, low = [-1] * n, [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    component = [-1] * n
    counter = found = 0
    for root in range(n):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            if i < len(succ[v]):
                work[-1] = (v, i + 1)
                w = succ[v][i]
                if order[w] == -1:
                    order[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and order[w] < low[v]:
                    low[v] = order[w]
                continue
            work.pop()
            if work and low[v] < low[work[-1][0]]:
                low[work[-1][0]] = low[v]
            if low[v] == order[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component[w] = found
                    if w == v:
                        break
                found += 1
    return component


def reading_of(g: MapGraph | MapReading) -> MapReading:
    """A view of `g`, or `g` itself if it already is one."""
    return g if isinstance(g, MapReading) else MapReading(g)
