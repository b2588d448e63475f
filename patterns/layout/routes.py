"""The tracks edges run on between two layers, and the rings around a part.

Between two layers runs a channel: a line that has to move sideways does it
on a track (a row) of its own. Each piece of line in a channel has legs that
go up from its track to the channel's top and legs that go down to its
bottom; tracks are chosen so that no piece runs along another, and a piece
never crosses another's leg when a different order of tracks would avoid it
(a piece whose horizontal passes over another's up-leg goes below it; over a
down-leg, above it). Only crossings the order of the layers makes inevitable
remain.

A ring (the step that closes a cycle) leaves its source by the side when
nothing lies between the box and the outside of its part, else by a track of
the channel above it; runs up a track of its own outside the part, the
rings that span more layers further out; crosses over on a track of the
channel above its target; and comes down onto the target from above.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Piece", "assign_tracks", "simplify"]


@dataclass(slots=True)
class Piece:
    """A piece of line in one channel that needs a track: it runs sideways
    from `lo` to `hi`, with legs up to the channel's top at `ups` and down
    to its bottom at `downs` (x in units)."""

    lo: int
    hi: int
    ups: tuple[int, ...] = ()
    downs: tuple[int, ...] = ()


def assign_tracks(pieces: list[Piece]) -> tuple[list[int], int]:
    """A track for each piece (0 is the channel's top row) and how many
    tracks the channel needs.

    Two kinds of need: a leg up and a leg down at the same x must not run on
    top of each other (the piece going up lies above): that one always holds.
    A piece whose horizontal passes over another's leg would cross it: that
    one holds unless the order of the layers makes the crossing inevitable.
    """
    n = len(pieces)
    if not n:
        return [], 0
    hard: list[set[int]] = [set() for _ in range(n)]  # pieces that must lie above
    soft: list[set[int]] = [set() for _ in range(n)]
    order = sorted(range(n), key=lambda i: (pieces[i].lo, pieces[i].hi, i))
    for a_pos, a in enumerate(order):
        pa = pieces[a]
        for b in order[a_pos + 1:]:
            pb = pieces[b]
            if pb.lo > pa.hi + 1:
                break  # sorted by lo: nothing further overlaps a
            for p, q, i, j in ((pa, pb, a, b), (pb, pa, b, a)):
                for x in p.ups:
                    if x in q.downs:
                        hard[j].add(i)  # p's leg up starts above q's leg down
                    elif q.lo < x < q.hi:
                        soft[j].add(i)  # q runs below p's leg up
                for x in p.downs:
                    if q.lo < x < q.hi and x not in q.ups:
                        soft[i].add(j)  # q runs above p's leg down
    # How many of each piece's needs wait on a piece not placed yet (kept up
    # to date as pieces are placed: a crowded channel has hundreds).
    waiting_hard = [len(h) for h in hard]
    waiting_soft = [len(s_) for s_ in soft]
    after_hard: list[list[int]] = [[] for _ in range(n)]
    after_soft: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for j in hard[i]:
            after_hard[j].append(i)
        for j in soft[i]:
            after_soft[j].append(i)
    rank = {i: k for k, i in enumerate(order)}
    track = [-1] * n
    left = list(order)
    t = 0
    while left:
        placed = [i for i in left if not waiting_hard[i]]
        ready = [i for i in placed if not waiting_soft[i]]
        if not ready:
            # Needs that contradict one another (a crossing the order made
            # inevitable): the piece waiting on fewest others goes first.
            pool = placed or left
            ready = [min(pool, key=lambda i: (waiting_soft[i], rank[i]))]
        end = None
        done = []
        for i in ready:
            p = pieces[i]
            if end is None or p.lo > end + 1:
                track[i] = t
                end = p.hi
                done.append(i)
        for i in done:
            for k in after_hard[i]:
                waiting_hard[k] -= 1
            for k in after_soft[i]:
                waiting_soft[k] -= 1
        left = [i for i in left if track[i] < 0]
        t += 1
    return track, t


def simplify(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The polyline without repeated points and without points in the middle
    of a straight run."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out
