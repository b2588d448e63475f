"""Which band and which layer each node of the picture sits in.

Bands follow the reading order of the pattern (origins, triggers, feelings
and meanings, strategies, needs, new responses and resources). A band takes
as many layers as the links inside it need (a meaning above the feeling it
activates); a node free to sit in more than one takes the emptier; and a
side band (origins, new responses) shares its neighbour's layer when no
link joins them, so the picture is lower. Every choice follows file order:
the same map gives the same layers in every run.
"""

from __future__ import annotations

from patterns.layout.model import LayoutBand, MapLink, MapNode
from patterns.vocabulary import KIND_PLURALS, NodeKind

#: The bands top to bottom, and the kinds each holds (most telling first).
BANDS: tuple[tuple[NodeKind, ...], ...] = (
    (NodeKind.ORIGIN,),
    (NodeKind.TRIGGER,),
    (NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION),
    (NodeKind.STRATEGY,),
    (NodeKind.NEED,),
    (NodeKind.RESPONSE, NodeKind.RESOURCE),
)
_BAND_OF: dict[NodeKind, int] = {kind: i for i, kinds in enumerate(BANDS) for kind in kinds}


def band_layers(
    shown: list[MapNode], links: tuple[MapLink, ...], ids: set[str], column_of: dict[str, int]
) -> tuple[list[LayoutBand], dict[str, int]]:
    """The bands that have nodes (`shown`, whose ids are `ids`), and the
    layer of each node, top to bottom; `column_of` is each node's column."""
    by_band: dict[int, list[MapNode]] = {}
    for n in shown:
        by_band.setdefault(_BAND_OF[n.kind], []).append(n)
    inner: dict[str, list[str]] = {n.id: [] for n in shown}
    band_of = {n.id: _BAND_OF[n.kind] for n in shown}
    for lk in links:
        if lk.source in ids and lk.target in ids and band_of[lk.source] == band_of[lk.target]:
            inner[lk.source].append(lk.target)
    present = sorted(by_band)
    rank = {b: _ranks([n.id for n in by_band[b]], inner, column_of) for b in present}
    count = {b: max(rank[b].values()) + 1 for b in present}
    host = _hosts(present, count, {(band_of[lk.source], band_of[lk.target]) for lk in links
                                   if lk.source in ids and lk.target in ids})
    first: dict[int, int] = {}
    at = 0
    for b in present:
        if b not in host:
            first[b] = at
            at += count[b]
    for b, h in host.items():
        first[b] = first[h] if b < h else first[h] + count[h] - 1
    words = {b: tuple(KIND_PLURALS[k].upper() for k in BANDS[b]
                      if any(n.kind is k for n in by_band[b])) for b in present}
    bands: list[LayoutBand] = []
    layer_of: dict[str, int] = {}
    for b in present:
        for n in by_band[b]:
            layer_of[n.id] = first[b] + rank[b][n.id]
        kinds = tuple(k for k in BANDS[b] if any(n.kind is k for n in by_band[b]))
        # A band beside another writes nothing of its own: its host says both.
        shown_words = () if b in host else words[b] + tuple(
            w for guest, h in host.items() if h == b for w in words[guest])
        bands.append(LayoutBand(kinds=kinds, label=" · ".join(words[b]), words=shown_words,
                                first=first[b], count=count[b],
                                beside=present.index(host[b]) if b in host else None))
    return bands, layer_of


def _hosts(present: list[int], count: dict[int, int],
           joined: set[tuple[int, int]]) -> dict[int, int]:
    """The side bands that sit beside their neighbour instead of taking a
    layer of their own: origins beside the triggers (or whatever band comes
    first), new responses and resources beside the needs (or whatever comes
    last), each when it needs one layer and no link joins it to that
    neighbour. The picture is then one or two layers lower."""
    host: dict[int, int] = {}
    if len(present) < 2:
        return host
    top, bottom = present[0], present[-1]
    if top == 0 and count[top] == 1 and (top, present[1]) not in joined \
            and (present[1], top) not in joined:
        host[top] = present[1]
    if bottom == len(BANDS) - 1 and count[bottom] == 1 and present[-2] not in host \
            and (bottom, present[-2]) not in joined and (present[-2], bottom) not in joined:
        host[bottom] = present[-2]
    return host


def _ranks(members: list[str], inner: dict[str, list[str]],
           column_of: dict[str, int]) -> dict[str, int]:
    """The layer of each member within its band: a node sits below every
    node of the band that leads to it (after setting aside the links that
    close a cycle inside the band, found by a depth-first walk in file
    order). A node free to sit in more than one layer (a sensation beside a
    core feeling rather than above it) takes the one where its person's
    side has the fewest boxes, the topmost on a tie: the band then gets no
    wider than it must, and the picture fits more of a screen."""
    state: dict[str, int] = {}  # 1: on the walk's path, 2: done
    dag: dict[str, list[str]] = {v: [] for v in members}
    for root in members:
        if root in state:
            continue
        state[root] = 1
        work = [(root, iter(inner[root]))]
        while work:
            v, targets = work[-1]
            w = next(targets, None)
            if w is None:
                state[v] = 2
                work.pop()
            elif state.get(w) == 1:
                continue  # closes a cycle: drawn as an upward edge
            else:
                dag[v].append(w)
                if w not in state:
                    state[w] = 1
                    work.append((w, iter(inner[w])))
    order = _topological(members, dag)
    top = {v: 0 for v in members}
    for v in order:
        for w in dag[v]:
            top[w] = max(top[w], top[v] + 1)
    below = {v: 0 for v in members}  # the longest path on down to the band's foot
    for v in reversed(order):
        for w in dag[v]:
            below[v] = max(below[v], below[w] + 1)
    last = max(top.values())
    if last == 0:
        return top
    load: dict[tuple[int, int], int] = {}
    for v in members:
        if top[v] == last - below[v]:
            key = (column_of[v], top[v])
            load[key] = load.get(key, 0) + 1
    before: dict[str, list[str]] = {v: [] for v in members}
    for v in members:
        for w in dag[v]:
            before[w].append(v)
    rank: dict[str, int] = {}
    for v in order:
        lo = max([top[v], *(rank[u] + 1 for u in before[v])])
        hi = last - below[v]
        if top[v] == hi:
            rank[v] = hi  # no choice: counted already
            continue
        column = column_of[v]
        rank[v] = min(range(lo, hi + 1), key=lambda r: (load.get((column, r), 0), r))
        load[column, rank[v]] = load.get((column, rank[v]), 0) + 1
    return rank


def _topological(members: list[str], dag: dict[str, list[str]]) -> list[str]:
    incoming = {v: 0 for v in members}
    for v in members:
        for w in dag[v]:
            incoming[w] += 1
    ready = [v for v in members if incoming[v] == 0]
    out: list[str] = []
    while ready:
        v = ready.pop(0)
        out.append(v)
        for w in dag[v]:
            incoming[w] -= 1
            if incoming[w] == 0:
                ready.append(w)
    return out
