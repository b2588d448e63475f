"""Who an output is for: the client never sees therapist-only notes."""

from __future__ import annotations

from typing import Literal

from patterns.models import RelationalMap

Audience = Literal["client", "therapist"]
AUDIENCES: tuple[Audience, ...] = ("client", "therapist")


def for_audience(m: RelationalMap, audience: Audience) -> RelationalMap:
    """The map as `audience` may see it: for the client, every `private_note`
    and every private rupture or repair is dropped; for the therapist, the
    map is unchanged."""
    if audience == "therapist":
        return m
    nodes = [n.model_copy(update={"private_note": None}) for n in m.nodes]
    repairs = [r for r in m.repairs if not r.is_private]
    return m.model_copy(update={"nodes": nodes, "repairs": repairs})


def has_private_notes(m: RelationalMap) -> bool:
    """Whether anything is therapist-only: a node's private note, or a
    private rupture or repair."""
    return any(n.private_note for n in m.nodes) or any(r.is_private for r in m.repairs)
