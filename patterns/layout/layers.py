"""The layered structure of the map picture: parts, columns, layers, order.

The picture reads as the pattern reads, top to bottom, in bands by kind:

    ORIGINS · TRIGGERS · FEELINGS, MEANINGS, SENSATIONS · STRATEGIES · NEEDS
    · NEW RESPONSES, RESOURCES

(origins beside the triggers, and new responses and resources beside the
needs, when no link joins them: patterns.layout.bands).

Each pattern that goes round (a cycle, patterns.cycles) is a *part* of the
picture with its people's columns side by side, so that the step closing it
(its last node back to its first: `LayoutEdge.ring`) can run around the
outside of the part and the cycle reads as a ring, crossing nothing of
another pattern. Whatever goes round nothing joins the first part. Within a
part each person's side is a column of its own, left to right in the map's
people order, with a lane between two people where the steps of their dance
run. Within a band, a node that leads to another of the same band sits a
layer above it (a meaning above the feeling it activates). Edges that run
back up are `upward`; edges that skip layers pass through slots of their own,
so a drawing never has a line through a box. The order within each layer
crosses as few edges as it can (patterns.layout.order), counting the ring's
way out of its part too.

The same snapshot and arguments give the same layout in every run: every
choice is ordered by file order, never by hashing. Given the layout drawn
before an edit (`before`), each part keeps its order where it can: an added
node moves only what it must.
"""

from __future__ import annotations

from functools import lru_cache

from patterns.layout.bands import band_layers
from patterns.layout.model import (
    LayoutColumn,
    LayoutEdge,
    MapCycle,
    MapLayout,
    MapNode,
    MapSnapshot,
    PlacedNode,
    Slot,
)
from patterns.layout.order import order_layers
from patterns.layout.snapshot import loop_members, neighbourhood
from patterns.vocabulary import LinkKind

__all__ = ["layout_map"]

#: Most cycles drawn as rings in one part: beyond this, the rings' ways out
#: would cross more of the part than they make clear.
MAX_RINGS = 6


def layout_map(
    snap: MapSnapshot, *, person: str | None = None, around: str | None = None, radius: int = 1,
    before: MapLayout | None = None,
) -> MapLayout:
    """Lay the map out in parts, bands, layers, columns and order.

    `person` narrows the picture to one person's nodes; `around` to the
    nodes within `radius` links of one node (both may be given). An unknown
    person or node leaves nothing to show. `before` is the layout on screen
    before an edit: its order is kept where the edit allows.
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
    cycles = tuple(c for c in snap.cycles if all(v in ids for v in c.loop))

    # Parallel links between one pair become one edge with several kinds.
    pairs: dict[tuple[str, str], list] = {}
    for lk in snap.links:
        if lk.source in ids and lk.target in ids:
            pairs.setdefault((lk.source, lk.target), []).append(lk.kind)

    part_of, parts = _parts(shown, pairs, cycles)
    columns, column_of = _columns(snap, shown, part_of, parts)
    bands, layer_of = band_layers(shown, snap.links, ids, column_of)
    band_index = {kinds: i for i, kinds in enumerate(b.kinds for b in bands)}
    steps = _steps(cycles)
    rings = _rings(cycles, pairs, layer_of, column_of, columns, part_of)

    # Items: boxes 0..n-1, then the pass-through points of long edges, then
    # the fixed points at a part's side that stand for a ring's way out.
    index = {n.id: i for i, n in enumerate(shown)}
    item_layer = [layer_of[n.id] for n in shown]
    item_part = [part_of[n.id] for n in shown]
    group: list[float] = [float(column_of[n.id]) for n in shown]
    up: list[list[int]] = [[] for _ in shown]
    down: list[list[int]] = [[] for _ in shown]

    def item(layer: int, key: float, part: int) -> int:
        item_layer.append(layer)
        item_part.append(part)
        group.append(key)
        up.append([])
        down.append([])
        return len(item_layer) - 1

    def join(a: int, b: int) -> None:
        top, bottom = (a, b) if item_layer[a] < item_layer[b] else (b, a)
        down[top].append(bottom)
        up[bottom].append(top)

    chains: list[list[int]] = []
    for (source, target), _kinds in pairs.items():
        ls, lt = layer_of[source], layer_of[target]
        if (source, target) in rings:
            chains.append([index[source], index[target]])
            side = rings[source, target]
            edge_key = _outside(columns, part_of[source], side)
            part = part_of[source]
            if ls > 0:  # its way out: across the channel above the source
                join(index[source], item(ls - 1, edge_key, part))
            if lt > 0:  # and its way in: across the channel above the target
                join(item(lt - 1, edge_key, part), index[target])
            continue
        cs, ct = column_of[source], column_of[target]
        via_column = cs if cs == ct else cs + (1 if ct > cs else -1)
        step = 1 if lt > ls else -1
        chain = [index[source]]
        for layer in range(ls + step, lt, step):
            chain.append(item(layer, float(via_column), part_of[source]))
        chain.append(index[target])
        for a, b in zip(chain, chain[1:]):
            join(a, b)
        chains.append(chain)

    n_layers = bands[-1].first + bands[-1].count
    hint = _hint(before, shown, chains, list(pairs), item_layer)
    # Parts share no edge: each is ordered on its own (most have few
    # crossings to remove, and none is slowed by the others).
    by_part: dict[int, list[list[int]]] = {}
    for it in sorted(range(len(item_layer)), key=lambda i: (group[i], hint.get(i, i), i)):
        by_part.setdefault(item_part[it], [[] for _ in range(n_layers)])[item_layer[it]].append(it)
    layers: list[list[int]] = [[] for _ in range(n_layers)]
    crossings = 0
    for part in sorted(by_part):
        ordered, count = order_layers(by_part[part], group, up, down, stable=bool(hint))
        crossings += count
        for li, layer in enumerate(ordered):
            layers[li] += layer

    # The ring points only steered the order: they are no slot of the picture.
    real = set(range(len(shown))) | {it for chain in chains for it in chain}
    layers = [[it for it in layer if it in real] for layer in layers]
    order = {it: i for layer in layers for i, it in enumerate(layer)}
    edge_of_item: dict[int, int] = {}
    edges: list[LayoutEdge] = []
    for e, ((source, target), kinds) in enumerate(pairs.items()):
        chain = chains[e]
        for it in chain[1:-1]:
            edge_of_item[it] = e
        grp = on_loop.get(source)
        cycle, variant = steps.get((source, target), (None, False))
        edges.append(_edge(
            source, target, tuple(kinds), layer_of[target] < layer_of[source],
            grp is not None and on_loop.get(target) == grp, cycle, variant,
            rings.get((source, target)), tuple((item_layer[i], order[i]) for i in chain[1:-1]),
        ))
    slots = tuple(
        tuple(
            _slot(shown[it].id, None, int(group[it]))
            if it < len(shown)
            else _slot(None, edge_of_item[it], int(group[it]))
            for it in layer
        )
        for layer in layers
    )
    node_cycle = _node_cycles(cycles)
    band_of_kind = {kind: band_index[b.kinds] for b in bands for kind in b.kinds}
    placed = {
        n.id: _placed(n, layer_of[n.id], band_of_kind[n.kind], column_of[n.id],
                      order[index[n.id]], n.id in on_loop, node_cycle.get(n.id))
        for n in shown
    }
    return MapLayout(bands=tuple(bands), columns=columns, layers=slots, nodes=placed,
                     edges=tuple(edges), crossings=crossings, people=snap.people,
                     cycles=cycles, parts=len(parts))


# The slots, edges and placed nodes of a layout are immutable values: those
# the layout before an edit had are the same objects again (an edit changes a
# few of them; making and validating a model each time was most of the time
# of a layout of hundreds of nodes).

@lru_cache(maxsize=1 << 14)
def _slot(node: str | None, edge: int | None, column: int) -> Slot:
    return Slot(node=node, edge=edge, column=column)


@lru_cache(maxsize=1 << 13)
def _edge(source: str, target: str, kinds: tuple[LinkKind, ...], upward: bool, on_loop: bool,
          cycle: int | None, variant: bool, ring: str | None,
          via: tuple[tuple[int, int], ...]) -> LayoutEdge:
    return LayoutEdge(source=source, target=target, kinds=kinds, upward=upward,
                      on_loop=on_loop, cycle=cycle, variant=variant, ring=ring, via=via)


@lru_cache(maxsize=1 << 13)
def _placed(node: MapNode, layer: int, band: int, column: int, order: int, on_loop: bool,
            cycle: int | None) -> PlacedNode:
    return PlacedNode(node=node, layer=layer, band=band, column=column, order=order,
                      on_loop=on_loop, cycle=cycle)


def _parts(shown: list[MapNode], pairs: dict[tuple[str, str], list],
           cycles: tuple[MapCycle, ...]) -> tuple[dict[str, int], list[list[str]]]:
    """Each node's part: the pieces of the map that hang together and hold a
    cycle, in the order of their first cycle; every other node joins the
    first part (a picture with no cycle is one part)."""
    parent = {n.id: n.id for n in shown}

    def root(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for source, target in pairs:
        a, b = root(source), root(target)
        if a != b:
            parent[b] = a
    order: list[str] = []
    for c in cycles[:MAX_RINGS * 50]:
        r = root(c.loop[0])
        if r not in order:
            order.append(r)
    part = {r: i for i, r in enumerate(order)}
    part_of = {n.id: part.get(root(n.id), 0) for n in shown}
    parts: list[list[str]] = [[] for _ in range(max(1, len(order)))]
    for n in shown:
        parts[part_of[n.id]].append(n.id)
    return part_of, parts


def _columns(snap: MapSnapshot, shown: list[MapNode], part_of: dict[str, int],
             parts: list[list[str]]) -> tuple[tuple[LayoutColumn, ...], dict[str, int]]:
    """Per part, a column per person with shown nodes (people order), lanes
    between them."""
    by_id = {n.id: n for n in shown}
    columns: list[LayoutColumn] = []
    where: dict[tuple[int, str | None], int] = {}
    for p, members in enumerate(parts):
        owners = {by_id[v].person for v in members}
        people: list[str | None] = [q.id for q in snap.people if q.id in owners]
        if None in owners or not people or any(o not in people for o in owners):
            people.append(None)
        for i, pid in enumerate(people):
            if i:
                columns.append(LayoutColumn(person=None, lane=True, part=p))
            where[p, pid] = len(columns)
            columns.append(LayoutColumn(person=pid, part=p))
    column_of = {}
    for n in shown:
        p = part_of[n.id]
        column_of[n.id] = where.get((p, n.person), where.get((p, None), 0))
    return tuple(columns), column_of


def _steps(cycles: tuple[MapCycle, ...]) -> dict[tuple[str, str], tuple[int, bool]]:
    """Each step of a cycle: (the cycle's index, True when only a variant
    takes it); a step of two cycles belongs to the first."""
    steps: dict[tuple[str, str], tuple[int, bool]] = {}
    for i, c in enumerate(cycles):
        for k, loop in enumerate((c.loop, *c.variants)):
            for pair in zip(loop, loop[1:] + loop[:1]):
                if pair not in steps or (steps[pair][1] and k == 0 and steps[pair][0] == i):
                    steps[pair] = (i, k > 0)
    return steps


def _node_cycles(cycles: tuple[MapCycle, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, c in enumerate(cycles):
        for v in c.loop:
            found.setdefault(v, i)
    return found


def _rings(cycles: tuple[MapCycle, ...], pairs: dict[tuple[str, str], list],
           layer_of: dict[str, int], column_of: dict[str, int],
           columns: tuple[LayoutColumn, ...], part_of: dict[str, int]) -> dict[tuple[str, str], str]:
    """The step closing each cycle (main loop and variants), drawn around the
    outside of its part: on the side of the part its source's column is
    nearer to (the right on a tie). Only a step that runs back up closes a
    ring; at most MAX_RINGS cycles per part get one."""
    rings: dict[tuple[str, str], str] = {}
    per_part: dict[int, int] = {}
    for c in cycles:
        part = part_of[c.loop[0]]
        if per_part.get(part, 0) >= MAX_RINGS:
            continue
        closing = [(loop[-1], loop[0]) for loop in (c.loop, *c.variants)]
        closing = [pair for pair in closing if pair in pairs and pair not in rings
                   and layer_of[pair[1]] < layer_of[pair[0]]]
        if not closing:
            continue
        per_part[part] = per_part.get(part, 0) + 1
        mine = [i for i, col in enumerate(columns) if col.part == part]
        for source, target in closing:
            here = column_of[source]
            rings[source, target] = "left" if here - mine[0] < mine[-1] - here else "right"
    return rings


def _outside(columns: tuple[LayoutColumn, ...], part: int, side: str) -> float:
    """The ordering group of a point just outside a part, on one side."""
    mine = [i for i, col in enumerate(columns) if col.part == part]
    return mine[0] - 0.5 if side == "left" else mine[-1] + 0.5


def _hint(before: MapLayout | None, shown: list[MapNode], chains: list[list[int]],
          pairs: list[tuple[str, str]], item_layer: list[int]) -> dict[int, float]:
    """Where each item sat in the layout before an edit (its order in its
    layer); a new node, or a point of a new edge, beside its neighbours.
    Empty without a layout before."""
    if before is None or not before.nodes:
        return {}
    hint: dict[int, float] = {}
    for i, n in enumerate(shown):
        old = before.nodes.get(n.id)
        if old is not None and old.layer == item_layer[i]:
            hint[i] = float(old.order)
    old_edges = {(e.source, e.target): e for e in before.edges}
    for (source, target), chain in zip(pairs, chains):
        old = old_edges.get((source, target))
        for k, it in enumerate(chain[1:-1]):
            if old is not None and k < len(old.via) and old.via[k][0] == item_layer[it]:
                hint[it] = old.via[k][1] - 0.25
    if not hint:
        return {}
    # New items: at the mean of their neighbours' places, else at the end.
    near: dict[int, list[int]] = {}
    for chain in chains:
        for a, b in zip(chain, chain[1:]):
            near.setdefault(a, []).append(b)
            near.setdefault(b, []).append(a)
    for it in range(len(item_layer)):
        if it not in hint:
            known = [hint[v] for v in near.get(it, ()) if v in hint]
            hint[it] = sum(known) / len(known) + 0.1 if known else 1e6 + it
    return hint
