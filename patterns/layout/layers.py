"""The layout of the map picture: deterministic, pure, renderer-independent.

The picture reads as the pattern reads, top to bottom, in bands by kind:

    ORIGINS · TRIGGERS · FEELINGS, MEANINGS, SENSATIONS · STRATEGIES · NEEDS
    · NEW RESPONSES, RESOURCES

(origins beside the triggers, and new responses and resources beside the
needs, when no link joins them: patterns.layout.bands).

Each person's side of the pattern has a column of its own, left to right in
the map's people order, with a lane between two people where the steps of
their dance run (a strategy of one that provokes a trigger of the other).
Within a band, a node that leads to another of the same band sits a layer
above it (a meaning above the feeling it activates, a surface feeling above
the core feeling it masks). Edges that run back up (`provokes`, closing a
loop) are marked `upward`; edges that skip layers pass through slots of
their own, so a renderer never has to draw a line through a box. The order
within each layer is chosen to cross as few edges as possible.

Use:

    snap = snapshot(g)                      # on the screen's thread: cheap, immutable
    lay = layout_map(snap, person="zoe")    # anywhere, e.g. in a worker
    lay.layers[i]                           # slots left to right
    lay.nodes["quiet"].layer, .column, .order
    place_columns(lay, ...)                 # patterns.layout.place: x positions

The same snapshot and arguments give the same layout in every run: every
choice is ordered by file order, never by hashing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from patterns.graph import MapGraph
from patterns.layout.bands import BANDS, band_layers
from patterns.layout.model import (
    LayoutColumn,
    LayoutEdge,
    MapLayout,
    MapLink,
    MapLoop,
    MapNode,
    MapPerson,
    MapSnapshot,
    PlacedNode,
    Slot,
)
from patterns.layout.order import reduce_crossings
from patterns.models import Link, Loop, Node, Person, RelationalMap
from patterns.reading import strong_components

__all__ = ["BANDS", "layout_map", "layout_structure", "loop_members", "neighbourhood",
           "snapshot", "snapshot_of_map", "with_words"]


def snapshot(g: MapGraph, *, new: Collection[str] = ()) -> MapSnapshot:
    """An immutable copy of what drawing needs, taken from the live graph;
    the nodes in `new` are marked as mapped since the previous session."""
    return _snapshot(g.title, g.people, g.nodes(), g.links(), g.loops, new)


def snapshot_of_map(m: RelationalMap) -> MapSnapshot:
    """The same snapshot, from a loaded map (for exports)."""
    return _snapshot(m.title, m.people, m.nodes, m.links, m.loops)


def _snapshot(title: str, people: Sequence[Person], nodes: Sequence[Node],
              links: Sequence[Link], loops: Sequence[Loop],
              new: Collection[str] = ()) -> MapSnapshot:
    default = people[0].id if people else None
    return MapSnapshot(
        title=title,
        people=tuple(MapPerson(id=p.id, name=p.name) for p in people),
        nodes=tuple(
            MapNode(
                id=n.id, kind=n.kind, label=n.label, person=n.person or default,
                layer=n.layer, style=n.style, intensity=n.intensity, new=n.id in new,
            )
            for n in nodes
        ),
        links=tuple(
            MapLink(source=lk.source, target=lk.target, kind=lk.kind)
            for lk in links
        ),
        loops=tuple(MapLoop(name=lp.name, nodes=tuple(lp.nodes)) for lp in loops),
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
    and the links, in file order. Two snapshots with the same structure
    (an edit of a label, an intensity, what is new) get the same layout but
    for the nodes' words: `with_words` gives it without laying out again."""
    return (tuple(p.id for p in snap.people),
            tuple((n.id, n.kind, n.person) for n in snap.nodes),
            tuple((lk.source, lk.target, lk.kind) for lk in snap.links))


def with_words(layout: MapLayout, snap: MapSnapshot) -> MapLayout:
    """The layout of a snapshot with the same `layout_structure` as the one
    `layout` was made from, showing this snapshot's labels and names: the
    same as `layout_map` would give, in a fraction of the time."""
    fresh = {n.id: n for n in snap.nodes}
    nodes = {nid: p if fresh[nid] == p.node else p.model_copy(update={"node": fresh[nid]})
             for nid, p in layout.nodes.items()}
    return layout.model_copy(update={"nodes": nodes, "people": snap.people})


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


def layout_map(
    snap: MapSnapshot, *, person: str | None = None, around: str | None = None, radius: int = 1
) -> MapLayout:
    """Lay the map out in bands, layers, columns and order.

    `person` narrows the picture to one person's nodes; `around` to the
    nodes within `radius` links of one node (both may be given). An unknown
    person or node leaves nothing to show.
    """
    shown = list(snap.nodes)
    if around is not None:
        near = set(neighbourhood(snap, around, radius))
        shown = [n for n in shown if n.id in near]
    if person is not None:
        shown = [n for n in shown if n.person == person]
    if not shown:
        return MapLayout(people=snap.people)
    ids = {n.id for n in shown}
    on_loop = loop_members(snap)

    columns, column_of = _columns(snap, shown)
    bands, layer_of = band_layers(shown, snap.links, ids, column_of)
    band_index = {kinds: i for i, kinds in enumerate(b.kinds for b in bands)}

    # Parallel links between one pair become one edge with several kinds.
    pairs: dict[tuple[str, str], list] = {}
    for lk in snap.links:
        if lk.source in ids and lk.target in ids:
            pairs.setdefault((lk.source, lk.target), []).append(lk.kind)

    # Items: boxes 0..n-1, then the pass-through points of long edges.
    index = {n.id: i for i, n in enumerate(shown)}
    item_layer = [layer_of[n.id] for n in shown]
    item_column = [column_of[n.id] for n in shown]
    up: list[list[int]] = [[] for _ in shown]
    down: list[list[int]] = [[] for _ in shown]
    chains: list[list[int]] = []
    for (source, target), _kinds in pairs.items():
        ls, lt = layer_of[source], layer_of[target]
        cs, ct = column_of[source], column_of[target]
        via_column = cs if cs == ct else cs + (1 if ct > cs else -1)
        step = 1 if lt > ls else -1
        chain = [index[source]]
        for layer in range(ls + step, lt, step):
            item_layer.append(layer)
            item_column.append(via_column)
            up.append([])
            down.append([])
            chain.append(len(item_layer) - 1)
        chain.append(index[target])
        for a, b in zip(chain, chain[1:]):
            top, bottom = (a, b) if item_layer[a] < item_layer[b] else (b, a)
            down[top].append(bottom)
            up[bottom].append(top)
        chains.append(chain)

    layers: list[list[int]] = [[] for _ in range(bands[-1].first + bands[-1].count)]
    for item in sorted(range(len(item_layer)), key=lambda i: (item_column[i], i)):
        layers[item_layer[item]].append(item)
    layers, crossings = reduce_crossings(layers, item_column, up, down)

    order = {item: i for layer in layers for i, item in enumerate(layer)}
    edge_of_item: dict[int, int] = {}
    edges: list[LayoutEdge] = []
    for e, ((source, target), kinds) in enumerate(pairs.items()):
        chain = chains[e]
        for item in chain[1:-1]:
            edge_of_item[item] = e
        group = on_loop.get(source)
        edges.append(LayoutEdge(
            source=source, target=target, kinds=tuple(kinds),
            upward=layer_of[target] < layer_of[source],
            on_loop=group is not None and on_loop.get(target) == group,
            via=tuple((item_layer[i], order[i]) for i in chain[1:-1]),
        ))
    slots = tuple(
        tuple(
            Slot(node=shown[item].id, edge=None, column=item_column[item]) if item < len(shown)
            else Slot(node=None, edge=edge_of_item[item], column=item_column[item])
            for item in layer
        )
        for layer in layers
    )
    placed = {
        n.id: PlacedNode(
            node=n, layer=layer_of[n.id], column=column_of[n.id], order=order[index[n.id]],
            band=band_index[next(b.kinds for b in bands if n.kind in b.kinds)],
            on_loop=n.id in on_loop,
        )
        for n in shown
    }
    return MapLayout(bands=tuple(bands), columns=columns, layers=slots, nodes=placed,
                     edges=tuple(edges), crossings=crossings, people=snap.people)


def _columns(
    snap: MapSnapshot, shown: list[MapNode]
) -> tuple[tuple[LayoutColumn, ...], dict[str, int]]:
    """A column per person with shown nodes (people order), lanes between."""
    owners = {n.person for n in shown}
    people = [p.id for p in snap.people if p.id in owners]
    if None in owners or not people:
        people.append(None)  # type: ignore[arg-type]
    columns: list[LayoutColumn] = []
    where: dict[str | None, int] = {}
    for i, pid in enumerate(people):
        if i:
            columns.append(LayoutColumn(person=None, lane=True))
        where[pid] = len(columns)
        columns.append(LayoutColumn(person=pid))
    return tuple(columns), {n.id: where.get(n.person, where.get(None, 0)) for n in shown}
