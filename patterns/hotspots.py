"""Hot spots: the parts of the map where a small change would matter most.

Two kinds: the triggers and feelings that reach the most of the map
downstream (everything they can set going), and the nodes that sit on the
most loops (where several rounds of the pattern meet).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import networkx as nx
from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.map_view import MapView, view_of
from patterns.vocabulary import NodeKind

#: How many of each kind of hot spot to name: a short list gets read.
TOP = 3

Why = Literal["reach", "loops"]


class HotSpot(BaseModel):
    """A node that reaches far or sits where loops meet."""

    node: str
    """The node's id."""
    person: str | None
    """Whose part of the pattern it is (None on a map without people)."""
    reach: int
    """How many other nodes it leads to, directly or further down the map."""
    loops: int
    """On how many of the listed loops it sits."""
    why: list[Why] = Field(default_factory=list)
    """Why it is a hot spot: it reaches far ("reach"), it sits on many loops
    ("loops"), or both."""


def downstream_reach(g: MapGraph | MapView) -> dict[str, int]:
    """For every node, how many other nodes it leads to.

    Nodes in one strongly connected component reach the same set, so the
    count is worked out once per component, as a bit set, bottom up.
    """
    graph = view_of(g).graph.graph
    component: dict[str, int] = {}
    members: list[list[str]] = []
    for c, scc in enumerate(nx.strongly_connected_components(graph)):
        members.append(list(scc))
        for node_id in scc:
            component[node_id] = c
    successors: list[set[int]] = [set() for _ in members]
    for c, scc in enumerate(members):
        for node_id in scc:
            for target in graph.adj[node_id]:
                if component[target] != c:
                    successors[c].add(component[target])
    bits: list[int | None] = [None] * len(members)
    # One bit per node, so the count is of nodes, not of components.
    bit = {node_id: i for i, node_id in enumerate(graph)}
    own = [sum(1 << bit[node_id] for node_id in scc) for scc in members]
    for c in range(len(members)):
        _fill(c, successors, own, bits)
    out = {}
    for c, scc in enumerate(members):
        total = bin(bits[c] or 0).count("1")
        for node_id in scc:
            # In a cycle the node reaches itself too; count only the others.
            out[node_id] = total - 1
    return out


def _fill(start: int, successors: list[set[int]], own: list[int], bits: list[int | None]) -> None:
    """Set bits[c] for `start` and everything below it, without recursion."""
    stack = [start]
    while stack:
        c = stack[-1]
        if bits[c] is not None:
            stack.pop()
            continue
        pending = [s for s in successors[c] if bits[s] is None]
        if pending:
            stack.extend(pending)
            continue
        value = own[c]
        for s in successors[c]:
            value |= bits[s]  # type: ignore[operator]
        bits[c] = value
        stack.pop()


def hot_spots(g: MapGraph | MapView, loops: Iterable[list[str]], *,
              top: int = TOP) -> list[HotSpot]:
    """The triggers and feelings that reach furthest, then the nodes on the
    most loops (at least two), `top` of each; a node can be both."""
    view = view_of(g)
    reach = downstream_reach(view)
    on_loops: dict[str, int] = {}
    for cycle in loops:
        for node_id in set(cycle):
            on_loops[node_id] = on_loops.get(node_id, 0) + 1
    seq = view.seq

    def spot(node_id: str) -> HotSpot:
        return HotSpot(node=node_id, person=view.owner[node_id],
                       reach=reach.get(node_id, 0), loops=on_loops.get(node_id, 0))

    far = sorted((n.id for n in view.node.values()
                  if n.kind in (NodeKind.TRIGGER, NodeKind.FEELING)
                  and reach.get(n.id, 0) > 0), key=lambda i: (-reach[i], seq[i]))[:top]
    busy = sorted((i for i, count in on_loops.items() if count >= 2),
                  key=lambda i: (-on_loops[i], seq[i]))[:top]
    spots: dict[str, HotSpot] = {}
    for node_id in far:
        spots.setdefault(node_id, spot(node_id)).why.append("reach")
    for node_id in busy:
        spots.setdefault(node_id, spot(node_id)).why.append("loops")
    return list(spots.values())


def hot_spot_text(h: HotSpot, g: MapGraph | MapView) -> str:
    """One line for a list: “Sam goes quiet” sets off 9 other parts of the map."""
    parts = []
    if "reach" in h.why:
        parts.append(f"sets off {h.reach} other part{'s' if h.reach != 1 else ''} of the map")
    if "loops" in h.why:
        parts.append(f"sits on {h.loops} loops")
    return f"“{view_of(g).node[h.node].label}” " + " and ".join(parts)
