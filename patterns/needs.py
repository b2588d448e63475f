"""What is missing yet: needs with no new way to meet them, needs a strategy
gets in the way of, and strategies no new response replaces.

These are where the work of therapy goes next: a need longed for but met by
nothing but the old protective move, and a move with no alternative to
practise.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.vocabulary import LinkKind, NodeKind


class UnmetNeed(BaseModel):
    """A need something longs for that no new response or resource meets yet."""

    need: str
    """The need's node id."""
    person: str | None
    """Whose need it is (None on a map without people)."""
    longed_for_by: list[str] = Field(default_factory=list)
    """The strategies and feelings that long for it, in file order."""


class BlockedNeed(BaseModel):
    """A need a strategy blocks: the move pushes away what the person longs for."""

    need: str
    """The need's node id."""
    person: str | None
    """Whose need it is (None on a map without people)."""
    blocked_by: list[str]
    """The strategies that block it, in file order."""
    longed_for_by: list[str] = Field(default_factory=list)
    """What longs for it (often the same person's other move, or the same one)."""


class UnreplacedStrategy(BaseModel):
    """A protective strategy no new response replaces yet."""

    strategy: str
    """The strategy's node id."""
    person: str | None
    """Whose move it is (None on a map without people)."""


def _person(g: MapGraph, node_id: str) -> str | None:
    owner = g.owner(g.node(node_id))
    return owner.id if owner else None


def _sources(g: MapGraph, node_id: str, kind: LinkKind,
             from_kinds: tuple[NodeKind, ...] | None = None) -> list[str]:
    return [lk.source for lk in g.links_in(node_id)
            if lk.kind is kind and (from_kinds is None or g.node(lk.source).kind in from_kinds)]


def unmet_needs(g: MapGraph) -> list[UnmetNeed]:
    """Needs longed for but met by no response or resource: "needs without a
    new way to meet them yet", in file order."""
    out = []
    for need in g.nodes(NodeKind.NEED):
        longing = _sources(g, need.id, LinkKind.LONGS_FOR)
        met = _sources(g, need.id, LinkKind.MEETS, (NodeKind.RESPONSE, NodeKind.RESOURCE))
        if longing and not met:
            out.append(UnmetNeed(need=need.id, person=_person(g, need.id), longed_for_by=longing))
    return out


def blocked_needs(g: MapGraph) -> list[BlockedNeed]:
    """Needs a strategy blocks, with what longs for them, in file order."""
    out = []
    for need in g.nodes(NodeKind.NEED):
        blocking = _sources(g, need.id, LinkKind.BLOCKS, (NodeKind.STRATEGY,))
        if blocking:
            out.append(BlockedNeed(need=need.id, person=_person(g, need.id), blocked_by=blocking,
                                   longed_for_by=_sources(g, need.id, LinkKind.LONGS_FOR)))
    return out


def unreplaced_strategies(g: MapGraph) -> list[UnreplacedStrategy]:
    """Strategies no response replaces yet, in file order."""
    return [
        UnreplacedStrategy(strategy=s.id, person=_person(g, s.id))
        for s in g.nodes(NodeKind.STRATEGY)
        if not _sources(g, s.id, LinkKind.REPLACES, (NodeKind.RESPONSE,))
    ]
