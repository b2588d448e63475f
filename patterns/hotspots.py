"""Hot spots: the parts of the map where a small change would matter most.

Two kinds: the triggers and feelings that reach the most of the map
downstream (everything they can set going), and the nodes that sit on the
most loops (where several rounds of the pattern meet).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.reading import MapReading, reading_of
from patterns.vocabulary import NodeKind
from patterns.voice import quote

#: How many of each kind of hot spot to name: a short list gets read.
TOP = 3

Why = Literal["reach", "loops"]

_TIE = {NodeKind.STRATEGY: 0, NodeKind.TRIGGER: 1, NodeKind.FEELING: 2}


class HotSpot(BaseModel):
    """A node that reaches far or sits where loops meet."""

    node: str
    """The node's id."""
    person: str | None
    """Whose part of the pattern it is (None on a map without people)."""
    reach: int
    """How many other nodes it leads to, directly or further down the map."""
    loops: int
    """On how many of the cycles it sits (the variants of one cycle count once)."""
    why: list[Why] = Field(default_factory=list)
    """Why it is a hot spot: it reaches far ("reach"), it sits on many loops
    ("loops"), or both."""


def downstream_reach(g: MapGraph | MapReading) -> dict[str, int]:
    """For every node, how many other nodes it leads to.

    Nodes in one strongly connected component reach the same set, so the
    set is worked out once per component, as a bit set, from the components
    that lead nowhere upwards.
    """
    view = reading_of(g)
    component = view.component
    count = max(component, default=-1) + 1
    own = [0] * count
    below: list[set[int]] = [set() for _ in range(count)]
    for v, c in enumerate(component):
        own[c] |= 1 << v
        for w in view.succ[v]:
            if component[w] != c:
                below[c].add(component[w])
    # Links between components go from higher numbers to lower ones.
    reach = [0] * count
    for c in range(count):
        bits = own[c]
        for d in below[c]:
            bits |= reach[d]
        reach[c] = bits
    # In a cycle the node reaches itself too; count only the others.
    return {node_id: reach[component[v]].bit_count() - 1 for v, node_id in enumerate(view.ids)}


def hot_spots(g: MapGraph | MapReading, loops: Iterable[list[str]], *,
              top: int = TOP) -> list[HotSpot]:
    """The triggers and feelings that reach furthest, then the nodes on the
    most loops (at least two), `top` of each; a node can be both."""
    view = reading_of(g)
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
    # Among nodes on as many loops, the moves first: a strategy is where a
    # new response can break every loop it sits on.
    busy = sorted((i for i, count in on_loops.items() if count >= 2),
                  key=lambda i: (-on_loops[i], _TIE.get(view.kind(i), len(_TIE)), seq[i]))[:top]
    spots: dict[str, HotSpot] = {}
    for node_id in far:
        spots.setdefault(node_id, spot(node_id)).why.append("reach")
    for node_id in busy:
        spots.setdefault(node_id, spot(node_id)).why.append("loops")
    return list(spots.values())


def hot_spot_text(h: HotSpot, g: MapGraph | MapReading) -> str:
    """One line for a list: “Sam goes quiet” sets off 9 other parts of the map."""
    parts = []
    if "reach" in h.why:
        parts.append(f"sets off {h.reach} other part{'s' if h.reach != 1 else ''} of the map")
    if "loops" in h.why:
        parts.append(f"is part of {h.loops} cycles")
    label = g.node[h.node].label if isinstance(g, MapReading) else g.node(h.node).label
    return f"{quote(label)} " + " and ".join(parts)
