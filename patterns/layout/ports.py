"""Where edges meet the boxes: one port per edge piece on a box's border.

Ports on one side of a box keep the left-to-right order of what they lead
to, so lines do not cross at the box; an edge goes straight down when both
ends allow it. A line arriving at the bottom of a channel never shares an x
with a line leaving its top, so two lines never run on top of each other:
the lower layer's ports are chosen first, avoiding the lines that pass
through the layer above; then the upper layer's, avoiding everything below.
"""

from __future__ import annotations

__all__ = ["choose_ports"]

_TAG_COST = 50  # a port over the kind tag hides part of it: only when there is no room


def choose_ports(
    positions: list[int],
    wants: list[tuple[float, float, int]],
    avoid: set[int],
    own: dict[int, int | None],
    tag_end: int | None = None,
) -> dict[int, int]:
    """Distinct ports among `positions` (the border's cells, left to right)
    for each (wanted x, tie-break, connection), in the order of the wanted
    x, as close to it as possible (exact, by dynamic programming over the
    border's cells). A cell in `avoid` may only take the connection whose
    other end is there (`own`; it then runs straight). Cells up to
    `tag_end` hold the box's kind tag: used only when nothing else is free."""
    wants = sorted(wants)
    k, m = len(wants), len(positions)
    if not k:
        return {}
    if k > m:
        # More lines than cells on the border: some share a port.
        return {ci: positions[i * m // k] for i, (_, _, ci) in enumerate(wants)}
    tag_end = positions[0] - 1 if tag_end is None else tag_end
    inf = float("inf")
    if k == 1:
        want, _, ci = wants[0]
        free = [x for x in positions if x > tag_end] or positions
        x = _nearest_free(want, free, avoid, own.get(ci))
        if x is None:
            x = _nearest_free(want, positions, avoid, own.get(ci))
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


def _nearest_free(want: float, cells: list[int], avoid: set[int], own: int | None) -> int | None:
    """The cell nearest `want` (leftmost on a tie) that no other line needs."""
    best = None
    for x in cells:
        if x in avoid and x != own:
            continue
        key = (abs(x - want), x)
        if best is None or key < best[0]:
            best = (key, x)
    return None if best is None else best[1]
