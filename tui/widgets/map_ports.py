"""Where edges meet the boxes, and the tracks they run on between layers.

A port is an x on a box border, one per edge piece.

Ports on one side of a box keep the left-to-right order of what they lead
to, so lines do not cross at the box; an edge goes straight down when both
ends allow it. A line arriving at the bottom of a channel never shares an x
with a line leaving its top, so two lines can never run on top of each
other (the lower layer's ports are chosen first, avoiding the pass-through
lines above; then the upper layer's, avoiding everything below).
"""

from __future__ import annotations

from patterns.layout import MapLayout

_TAG_COST = 50  # a port over the kind tag hides part of it: only when there is no room


def assign_ports(
    layout: MapLayout,
    xs: list[list[int]],
    ws: list[list[int]],
    conns: list[list[tuple[int, int, int]]],
    tags: dict[str, int],
    climbs: dict[int, list[tuple[int, int, int]]] | None = None,
) -> tuple[list[list[tuple[int, int]]], dict[int, int]]:
    """For each channel (below layer i), the (x at the top, x at the bottom)
    of each connection `(upper order, lower order, edge)` in `conns[i]`;
    and the top port of each edge that climbs past its target and comes
    down onto it (`climbs[i]`: (target order in layer i + 1, x of the
    climb, edge), i = -1 for the top layer). `tags[node id]` is how many
    cells of the box's top border its kind tag takes, from the left."""
    climbs = climbs or {}
    # `ws[layer][order]` is each slot's width (1 for a pass-through point).
    result: list[list[tuple[int, int]]] = []
    climb_ports: dict[int, int] = {}
    for li in range(-1, len(conns)):
        channel = conns[li] if li >= 0 else []
        upper = layout.layers[li] if li >= 0 else ()
        lower = layout.layers[li + 1] if li + 1 < len(xs) else ()
        x_top: list[int | None] = [None] * len(channel)
        x_bottom: list[int | None] = [None] * len(channel)
        for ci, (o1, o2, _) in enumerate(channel):
            if upper[o1].node is None:
                x_top[ci] = xs[li][o1]
            if lower[o2].node is None:
                x_bottom[ci] = xs[li + 1][o2]
        fixed_top = {x for x in x_top if x is not None}

        def centre(layer: int, order: int) -> float:
            slot = layout.layers[layer][order]
            return xs[layer][order] + (ws[layer][order] / 2 if slot.node is not None else 0)

        # Lower boxes first: their top ports avoid lines coming down from passes.
        by_box: dict[int, list[int]] = {}
        for ci, (_, o2, _) in enumerate(channel):
            if x_bottom[ci] is None:
                by_box.setdefault(o2, []).append(ci)
        climbing = {len(channel) + k: c for k, c in enumerate(climbs.get(li, ()))}
        for ci, (o2, _, _) in climbing.items():
            by_box.setdefault(o2, []).append(ci)
        for o2, members in by_box.items():
            left = xs[li + 1][o2]
            wants = []
            for ci in members:
                if ci in climbing:
                    x_climb = climbing[ci][1]
                    wants.append((float(x_climb), float(x_climb), ci))
                    continue
                o1 = channel[ci][0]
                if x_top[ci] is not None:
                    want = float(x_top[ci])
                else:  # another box: aim where the two boxes overlap
                    lo, hi = xs[li][o1] + 1, xs[li][o1] + ws[li][o1] - 2
                    want = min(max(centre(li + 1, o2), lo), hi)
                wants.append((want, centre(li, o1), ci))
            own = {ci: x_top[ci] for ci in members if ci not in climbing}
            tag = tags.get(lower[o2].node or "", 0)
            chosen = _choose(left, ws[li + 1][o2], wants, fixed_top, own, tag)
            for ci, x in chosen.items():
                if ci in climbing:
                    climb_ports[climbing[ci][2]] = x
                else:
                    x_bottom[ci] = x
        fixed_bottom = {x for x in x_bottom if x is not None}
        for _, x_climb, e in climbing.values():
            fixed_bottom.update((x_climb, climb_ports[e]))
        by_box = {}
        for ci, (o1, _, _) in enumerate(channel):
            if x_top[ci] is None:
                by_box.setdefault(o1, []).append(ci)
        for o1, members in by_box.items():
            left = xs[li][o1]
            wants = [(float(x_bottom[ci]), float(x_bottom[ci]), ci)  # type: ignore[arg-type]
                     for ci in members]
            own = {ci: x_bottom[ci] for ci in members}
            chosen = _choose(left, ws[li][o1], wants, fixed_bottom, own, 0)
            for ci, x in chosen.items():
                x_top[ci] = x
        if li >= 0:
            result.append([(t, b) for t, b in zip(x_top, x_bottom)])  # type: ignore[misc]
    return result, climb_ports


def _choose(
    left: int,
    width: int,
    wants: list[tuple[float, float, int]],
    avoid: set[int],
    own: dict[int, int | None],
    tag: int,
) -> dict[int, int]:
    """Distinct ports on one border for each (wanted x, connection), in the
    order of the wanted x, as close to it as possible (exact, by dynamic
    programming over the border's cells). A cell in `avoid` may only take
    the connection whose other end is there (it then runs straight)."""
    positions = list(range(left + 1, left + width - 1))
    wants = sorted(wants)
    k, m = len(wants), len(positions)
    if k > m:
        # More lines than cells on the border: some share a port.
        return {ci: positions[i * m // k] for i, (_, _, ci) in enumerate(wants)}
    tag_end = left + tag
    inf = float("inf")

    if k == 1:
        want, _, ci = wants[0]
        x = _nearest_free(want, max(left + 1, tag_end + 1), left + width - 2, avoid, own.get(ci))
        if x is None:
            x = _nearest_free(want, left + 1, left + width - 2, avoid, own.get(ci))
        if x is not None:
            return {ci: x}
    extra = [(_TAG_COST if x <= tag_end else 0) for x in positions]
    costs = []
    for want, _, ci in wants:
        mine = own.get(ci)
        costs.append([inf if (x in avoid and x != mine) else abs(x - want) + extra[j]
                      for j, x in enumerate(positions)])
    # best[i][j]: least cost with connection i at positions[j]
    best = [costs[0]] + [[inf] * m for _ in range(k - 1)]
    back = [[-1] * m for _ in range(k)]
    for i in range(1, k):
        prev, row, here, links = best[i - 1], costs[i], best[i], back[i]
        run_min, run_at = inf, -1
        for j in range(1, m):
            if prev[j - 1] < run_min:
                run_min, run_at = prev[j - 1], j - 1
            if run_min < inf:
                here[j] = run_min + row[j]
                links[j] = run_at
    j = min(range(m), key=lambda jj: (best[k - 1][jj], jj))
    if best[k - 1][j] == inf:
        # Every choice meets a line: spread evenly and let them meet.
        return {ci: positions[i * m // k] for i, (_, _, ci) in enumerate(wants)}
    out: dict[int, int] = {}
    for i in range(k - 1, -1, -1):
        out[wants[i][2]] = positions[j]
        j = back[i][j]
    return out


def _nearest_free(want: float, lo: int, hi: int, avoid: set[int], own: int | None) -> int | None:
    """The cell in lo..hi nearest `want` (leftmost on a tie) that no other
    line needs, or None."""
    if lo > hi:
        return None
    centre = min(max(int(want // 1), lo), hi)
    if want - centre > 0.5 and centre + 1 <= hi:
        centre += 1
    for d in range(hi - lo + 1):
        for x in (centre - d, centre + d):
            if lo <= x <= hi and (x not in avoid or x == own):
                return x
    return None


def assign_tracks(pieces: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> dict[int, int]:
    """A track (row of the channel) for each piece of line that runs sideways
    in it. `pieces[i]` is (the x where it leaves by the channel's top, the x
    where it leaves by the bottom): a jog has one of each, a climb that turns
    down onto its target two at the bottom. Pieces on one track never touch,
    and a line leaving the top at x lies above any line leaving the bottom at
    that x, so no two lines ever run on top of each other."""
    tops: dict[int, list[int]] = {}
    for i, (up, _) in enumerate(pieces):
        for x in up:
            tops.setdefault(x, []).append(i)
    before: dict[int, set[int]] = {i: set() for i in range(len(pieces))}
    for i, (_, down) in enumerate(pieces):
        for x in down:
            before[i].update(other for other in tops.get(x, ()) if other != i)
    span = [(min(up + down), max(up + down)) for up, down in pieces]
    track: dict[int, int] = {}
    left = sorted(range(len(pieces)), key=lambda i: (span[i], i))
    t = 0
    while left:
        ready = [i for i in left if before[i] <= track.keys()]
        if not ready:
            ready = left  # a cycle of constraints: rare, let lines meet
        placed_end = None
        for i in ready:
            lo, hi = span[i]
            if placed_end is None or lo > placed_end + 1:
                track[i] = t
                placed_end = hi
        left = [i for i in left if i not in track]
        t += 1
    return track
