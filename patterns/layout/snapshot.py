"""What a picture of the map is drawn from: an immutable snapshot of the map,
taken on the screen's thread and handed to a worker, and what a layout of it
depends on (so an edit that leaves the structure alone reuses the layout).

The snapshot carries the map's cycles (patterns.cycles), found once here:
every renderer draws each cycle as a ring, and they must agree on which.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from typing import TYPE_CHECKING

from patterns.graph import MapGraph
from patterns.layout.model import (
    MapCycle,
    MapLayout,
    MapLink,
    MapLoop,
    MapNode,
    MapPerson,
    MapSnapshot,
)
from patterns.models import Link, Loop, Node, Person, RelationalMap
from patterns.reading import strong_components

if TYPE_CHECKING:
    from patterns.cycles import Cycle

__all__ = ["cycles_of", "layout_structure", "loop_members", "neighbourhood", "snapshot",
           "snapshot_of_map", "with_words"]


def snapshot(g: MapGraph, *, new: Collection[str] = (), cycles: Sequence[Cycle] | None = None,
             before: MapSnapshot | None = None) -> MapSnapshot:
    """An immutable copy of what drawing needs, taken from the live graph;
    the nodes in `new` are marked as mapped since the previous session.

    `cycles` are the map's cycles when the caller has found them already
    (`find_cycles(g).cycles`, e.g. in `analyse(g).cycles`); `before` is the
    snapshot taken before an edit: what it holds that did not change is
    shared, not made again."""
    found = cycles_of(g) if cycles is None else _map_cycles(cycles)
    return _snapshot(g.title, g.people, g.nodes(), g.links(), g.loops, found, new, before)


def snapshot_of_map(m: RelationalMap) -> MapSnapshot:
    """The same snapshot, from a loaded map (for exports)."""
    return _snapshot(m.title, m.people, m.nodes, m.links, m.loops,
                     cycles_of(MapGraph.from_map(m)))


def cycles_of(g: MapGraph) -> tuple[MapCycle, ...]:
    """The map's cycles as node ids: named ones first, then as found."""
    from patterns.cycles import find_cycles  # the analysis, only when a picture needs it

    return _map_cycles(find_cycles(g).cycles)


def _map_cycles(cycles: Sequence[Cycle]) -> tuple[MapCycle, ...]:
    return tuple(MapCycle(name=c.name, loop=tuple(c.loop.nodes),
                          variants=tuple(tuple(v.nodes) for v in c.variants), number=i + 1)
                 for i, c in enumerate(cycles))


def _snapshot(title: str, people: Sequence[Person], nodes: Sequence[Node],
              links: Sequence[Link], loops: Sequence[Loop], cycles: tuple[MapCycle, ...],
              new: Collection[str] = (), before: MapSnapshot | None = None) -> MapSnapshot:
    default = people[0].id if people else None
    # The parts of the snapshot before that are the same are used again (an
    # edit changes one or two of them): their models are immutable, and
    # checking a few fields is quicker than making and validating a model.
    old_nodes = {n.id: n for n in before.nodes} if before is not None else {}
    old_links = ({(lk.source, lk.target, lk.kind): lk for lk in before.links}
                 if before is not None else {})
    made: list[MapNode] = []
    for n in nodes:
        person, marked = n.person or default, n.id in new
        old = old_nodes.get(n.id)
        if (old is None or old.label != n.label or old.kind is not n.kind
                or old.person != person or old.layer is not n.layer or old.style is not n.style
                or old.intensity != n.intensity or old.new != marked):
            old = MapNode(id=n.id, kind=n.kind, label=n.label, person=person, layer=n.layer,
                          style=n.style, intensity=n.intensity, new=marked)
        made.append(old)
    shown_people = tuple(MapPerson(id=p.id, name=p.name) for p in people)
    if before is not None and before.people == shown_people:
        shown_people = before.people
    shown_loops = tuple(MapLoop(name=lp.name, nodes=tuple(lp.nodes)) for lp in loops)
    if before is not None and before.loops == shown_loops:
        shown_loops = before.loops
    if before is not None and before.cycles == cycles:
        cycles = before.cycles
    return MapSnapshot.model_construct(
        # Every part is a model made (and validated) here or in the snapshot
        # before, from a validated map: the whole is not validated again.
        title=title,
        people=shown_people,
        nodes=tuple(made),
        links=tuple(
            old_links.get((lk.source, lk.target, lk.kind))
            or MapLink(source=lk.source, target=lk.target, kind=lk.kind)
            for lk in links
        ),
        loops=shown_loops,
        cycles=cycles,
    )


def loop_members(snap: MapSnapshot) -> dict[str, int]:
    """Each node that lies on a loop, with the number of its strongly
    connected group (two nodes share a number when a loop joins them).

    A node lies on a directed cycle exactly when its strongly connected
    component has more than one node (a link never joins a node to itself);
    the components are the analysis' own (patterns.reading).
    """
    index = {n.id: i for i, n in enumerate(snap.nodes)}
    succ: list[list[int]] = [[] for _ in snap.nodes]
    for lk in snap.links:
        succ[index[lk.source]].append(index[lk.target])
    component = strong_components(succ)
    size: dict[int, int] = {}
    for c in component:
        size[c] = size.get(c, 0) + 1
    return {n.id: component[i] for i, n in enumerate(snap.nodes) if size[component[i]] > 1}


def layout_structure(snap: MapSnapshot) -> tuple[object, ...]:
    """What a layout depends on: the people, each node's id, kind and person,
    the links, in file order, and the cycles' nodes. Two snapshots with the
    same structure (an edit of a label, an intensity, what is new, a loop's
    name) get the same layout but for the words: `with_words` gives it
    without laying out again."""
    return (tuple(p.id for p in snap.people),
            tuple((n.id, n.kind, n.person) for n in snap.nodes),
            tuple((lk.source, lk.target, lk.kind) for lk in snap.links),
            tuple((c.loop, c.variants) for c in snap.cycles))


def with_words(layout: MapLayout, snap: MapSnapshot) -> MapLayout:
    """The layout of a snapshot with the same `layout_structure` as the one
    `layout` was made from, showing this snapshot's labels and names: the
    same as `layout_map` would give, in a fraction of the time."""
    fresh = {n.id: n for n in snap.nodes}
    nodes = {nid: p if fresh[nid] == p.node else p.model_copy(update={"node": fresh[nid]})
             for nid, p in layout.nodes.items()}
    names = {c.loop: c.name for c in snap.cycles}
    cycles = tuple(c if names.get(c.loop) == c.name else c.model_copy(update={"name": names.get(c.loop)})
                   for c in layout.cycles)
    return layout.model_copy(update={"nodes": nodes, "people": snap.people, "cycles": cycles})


def neighbourhood(snap: MapSnapshot, around: str, radius: int = 1) -> list[str]:
    """Ids of the nodes within `radius` links of `around` (either direction),
    in file order; empty when there is no such node."""
    if snap.node(around) is None:
        return []
    near: dict[str, list[str]] = {n.id: [] for n in snap.nodes}
    for lk in snap.links:
        near[lk.source].append(lk.target)
        near[lk.target].append(lk.source)
    reached = {around}
    frontier = [around]
    for _ in range(max(0, radius)):
        frontier = [w for v in frontier for w in near[v] if w not in reached]
        reached.update(frontier)
        if not frontier:
            break
    return [n.id for n in snap.nodes if n.id in reached]
