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
    track = [-1] * n
    left = list(order)
    t = 0
    while left:
        placed = [i for i in left if all(track[j] >= 0 for j in hard[i])]
        ready = [i for i in placed if all(track[j] >= 0 for j in soft[i])]
        if not ready:
            # Needs that contradict one another (a crossing the order made
            # inevitable): the leftmost piece free of hard needs goes first.
            ready = [(placed or left)[0]]
        end = None
        for i in ready:
            p = pieces[i]
            if end is None or p.lo > end + 1:
                track[i] = t
                end = p.hi
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
