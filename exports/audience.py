"""Who an output is for: the client never sees therapist-only notes."""

from __future__ import annotations

from typing import Literal

from patterns.models import RelationalMap

Audience = Literal["client", "therapist"]
AUDIENCES: tuple[Audience, ...] = ("client", "therapist")


def for_audience(m: RelationalMap, audience: Audience) -> RelationalMap:
    """The map as `audience` may see it: for the client, every `private_note`
    is dropped; for the therapist, the map is unchanged."""
    if audience == "therapist":
        return m
    nodes = [n.model_copy(update={"private_note": None}) for n in m.nodes]
    return m.model_copy(update={"nodes": nodes})


def has_private_notes(m: RelationalMap) -> bool:
    """Whether any node carries a therapist-only note."""
    return any(n.private_note for n in m.nodes)
