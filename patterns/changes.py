"""What is new since the previous session, for the session screen to mark.

At the start of a session the therapist wants to see at a glance what grew
since last time: the nodes mapped since then, and the tries and repairs the
client logged at home. Two ways to know:

- with the map as it was saved at the end of the previous session (from the
  file's history), anything not in it is new: exact;
- without it, the map's own dates are read: nodes tagged with a session after
  the previous one, tries and repairs dated after the previous session.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.models import RelationalMap, Session
from patterns.voice import day


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SinceLastSession(BaseModel):
    """The parts of a map that are new since the previous session."""

    previous: Session | None = None
    """The session things are new since (None: there was none before today)."""
    nodes: set[str] = Field(default_factory=set)
    """Ids of nodes mapped since then."""
    links: set[tuple[str, str, str]] = Field(default_factory=set)
    """(source, target, kind) of links drawn since then."""
    tries: dict[str, list[int]] = Field(default_factory=dict)
    """For each experiment id, the positions of its new tries."""
    repairs: list[int] = Field(default_factory=list)
    """Positions of new entries in the repair log."""

    def __bool__(self) -> bool:
        return bool(self.nodes or self.links or self.tries or self.repairs)

    def is_new(self, node_id: str) -> bool:
        """Whether a node is new since the previous session (for a mark on the map)."""
        return node_id in self.nodes

    def sentence(self) -> str:
        """`Since the session on 20 Nov 2026: 4 new parts and 6 new arrows on
        the map, 2 tries and 1 repair logged.` In the words the client's copy
        uses for the map (parts and arrows, as "How to read your map" says),
        never "nodes" and "links": the review shows it to the client."""
        if self.previous is None and not self:
            return "This is the first session."
        when = "Since last time" if self.previous is None else (
            f"Since the session on {day(self.previous.date)}")
        tries = sum(len(t) for t in self.tries.values())
        mapped = [_count(len(self.nodes), "new part", "new parts") if self.nodes else "",
                  _count(len(self.links), "new arrow", "new arrows") if self.links else ""]
        logged = [_count(tries, "try", "tries") if tries else "",
                  _count(len(self.repairs), "repair", "repairs") if self.repairs else ""]
        mapped, logged = [p for p in mapped if p], [p for p in logged if p]
        parts = ([" and ".join(mapped) + " on the map"] if mapped else []) + (
            [" and ".join(logged) + " logged"] if logged else [])
        said = ", ".join(parts)
        return f"{when}: {said}." if said else f"{when}: nothing new yet."


def previous_session(g: MapGraph, today: dt.date) -> Session | None:
    """The latest session held before `today`, or None."""
    earlier = [s for s in g.sessions if s.date < today]
    return max(earlier, key=lambda s: s.date) if earlier else None


def since_last_session(g: MapGraph, today: dt.date,
                       baseline: RelationalMap | None = None) -> SinceLastSession:
    """What is new in `g` since the session before `today`.

    `baseline` is the map as it was saved at the end of that session, when
    the caller has it; then "new" means "not in the baseline" exactly.
    """
    previous = previous_session(g, today)
    if previous is None and baseline is None:
        return SinceLastSession()
    if baseline is not None:
        return _against(g, baseline, previous)
    later = {s.id for s in g.sessions if s.date > previous.date}
    nodes = {n.id for n in g.nodes() if n.session in later}
    return SinceLastSession(
        previous=previous,
        nodes=nodes,
        links={(lk.source, lk.target, lk.kind.value) for lk in g.links()
               if lk.source in nodes or lk.target in nodes},
        tries={e.id: new for e in g.experiments
               if (new := [i for i, t in enumerate(e.tries) if t.date > previous.date])},
        repairs=[i for i, r in enumerate(g.repairs) if r.date > previous.date],
    )


def _against(g: MapGraph, baseline: RelationalMap, previous: Session | None) -> SinceLastSession:
    old_nodes = {n.id for n in baseline.nodes}
    old_links = {(lk.source, lk.target, lk.kind.value) for lk in baseline.links}
    old_tries = {e.id: e.tries for e in baseline.experiments}
    tries = {}
    for e in g.experiments:
        # Tries are only appended in practice; one not in the old list is new.
        kept = list(old_tries.get(e.id, []))
        new = []
        for i, attempt in enumerate(e.tries):
            if attempt in kept:
                kept.remove(attempt)
            else:
                new.append(i)
        if new:
            tries[e.id] = new
    kept_repairs = list(baseline.repairs)
    repairs = []
    for i, repair in enumerate(g.repairs):
        if repair in kept_repairs:
            kept_repairs.remove(repair)
        else:
            repairs.append(i)
    return SinceLastSession(
        previous=previous,
        nodes={n.id for n in g.nodes() if n.id not in old_nodes},
        links={k for lk in g.links() if (k := (lk.source, lk.target, lk.kind.value))
               not in old_links},
        tries=tries,
        repairs=repairs,
    )


__all__ = ["SinceLastSession", "previous_session", "since_last_session"]
