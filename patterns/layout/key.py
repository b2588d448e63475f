"""The key of the picture: what each kind of line means, in at most six
entries, the same on screen and on paper.

Ten link kinds are too many to tell apart by look, and most need not be:
the bands already say that a trigger *activates* a feeling and a feeling
*leads to* a strategy. So the lines come in families, each told apart by
shape and dash as well as by colour (it must read in greyscale, and for a
reader who does not see red from green):

* a cycle's steps: heavy, in the cycle's colour, its name on its ring (⟳);
* the same cycle another way round (a variant): dashed, lighter;
* leads on (activates, leads to, longs for, shapes, provokes): a thin line;
* masks (a surface feeling over a deeper one): dotted;
* helps (replaces, meets, soothes): a double line;
* blocks: a line that ends on a bar, not an arrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from patterns.layout.model import LayoutEdge
from patterns.vocabulary import LinkKind

__all__ = ["Family", "KeyEntry", "edge_family", "key_entries"]


class Family(Enum):
    """How a line looks, by what it means."""

    CYCLE = "cycle"
    VARIANT = "variant"
    LEADS = "leads"
    MASKS = "masks"
    HELPS = "helps"
    BLOCKS = "blocks"


_HELPS = {LinkKind.REPLACES, LinkKind.MEETS, LinkKind.SOOTHES}

#: What the key says of each family.
KEY_WORDS: dict[Family, str] = {
    Family.CYCLE: "⟳ a loop: each step sets off the next",
    Family.VARIANT: "the same loop, another way round",
    Family.LEADS: "leads to",
    Family.MASKS: "covers a feeling underneath",
    Family.HELPS: "helps: replaces, meets, soothes",
    Family.BLOCKS: "blocks what it longs for",
}

#: A shorter key, for one line of a screen.
SHORT_WORDS: dict[Family, str] = {
    Family.CYCLE: "⟳ loop",
    Family.VARIANT: "another way round",
    Family.LEADS: "leads to",
    Family.MASKS: "covers",
    Family.HELPS: "helps",
    Family.BLOCKS: "blocks",
}


def line_family(kinds: tuple[LinkKind, ...]) -> Family:
    """The family of a line by its kinds alone (blocks wins: it matters most)."""
    if LinkKind.BLOCKS in kinds:
        return Family.BLOCKS
    if LinkKind.MASKS in kinds:
        return Family.MASKS
    if all(k in _HELPS for k in kinds):
        return Family.HELPS
    return Family.LEADS


def edge_family(edge: LayoutEdge) -> Family:
    """How an edge is drawn: a cycle's step, a variant's, or by its kinds."""
    if edge.cycle is not None:
        return Family.VARIANT if edge.variant else Family.CYCLE
    return line_family(edge.kinds)


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One entry of the key: a sample of the line and what it means."""

    family: Family
    words: str
    short: str


def key_entries(edges: tuple[LayoutEdge, ...] | list[LayoutEdge]) -> list[KeyEntry]:
    """The families present among `edges`, in the key's order (at most six).
    A cycle's step that blocks still shows the bar, so blocks is listed too."""
    present = {edge_family(e) for e in edges}
    present |= {Family.BLOCKS for e in edges if LinkKind.BLOCKS in e.kinds}
    return [KeyEntry(f, KEY_WORDS[f], SHORT_WORDS[f]) for f in Family if f in present]
