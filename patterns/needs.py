"""What is missing yet: needs with no new way to meet them, needs a strategy
gets in the way of, and strategies no new response replaces.

These are where the work of therapy goes next: a need longed for but met by
nothing but the old protective move, and a move with no alternative to
practise.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.reading import MapReading, reading_of
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


def unmet_needs(g: MapGraph | MapReading) -> list[UnmetNeed]:
    """Needs longed for but met by no response or resource: "needs without a
    new way to meet them yet", in file order."""
    view = reading_of(g)
    out = []
    for need in view.of_kind(NodeKind.NEED):
        longing = view.sources(need.id, LinkKind.LONGS_FOR)
        met = view.sources(need.id, LinkKind.MEETS, (NodeKind.RESPONSE, NodeKind.RESOURCE))
        if longing and not met:
            out.append(UnmetNeed(need=need.id, person=view.owner[need.id], longed_for_by=longing))
    return out


def blocked_needs(g: MapGraph | MapReading) -> list[BlockedNeed]:
    """Needs a strategy blocks, with what longs for them, in file order."""
    view = reading_of(g)
    out = []
    for need in view.of_kind(NodeKind.NEED):
        blocking = view.sources(need.id, LinkKind.BLOCKS, (NodeKind.STRATEGY,))
        if blocking:
            out.append(BlockedNeed(need=need.id, person=view.owner[need.id], blocked_by=blocking,
                                   longed_for_by=view.sources(need.id, LinkKind.LONGS_FOR)))
    return out


def unreplaced_strategies(g: MapGraph | MapReading) -> list[UnreplacedStrategy]:
    """Strategies no response replaces yet, in file order."""
    view = reading_of(g)
    return [
        UnreplacedStrategy(strategy=s.id, person=view.owner[s.id])
        for s in view.of_kind(NodeKind.STRATEGY)
        if not view.sources(s.id, LinkKind.REPLACES, (NodeKind.RESPONSE,))
    ]
