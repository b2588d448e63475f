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

What the key says is the client's copy's own wording (patterns.voice): a
"cycle", a feeling "underneath" the one that shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from patterns.layout.model import LayoutEdge
from patterns.vocabulary import LinkKind, link_phrase
from patterns.voice import KEY_WORDS, SHORT_KEY_WORDS

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

def _words(family: Family, kinds: set[LinkKind], short: bool) -> str:
    """What the key says of a family (voice's words); the helping kinds it
    names are those drawn."""
    words = (SHORT_KEY_WORDS if short else KEY_WORDS)[family.value]
    if family is Family.HELPS and not short:
        words += ": " + ", ".join(link_phrase(k) for k in LinkKind if k in kinds and k in _HELPS)
    return words


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
    """The families drawn among `edges`, in the key's order (at most six).
    A cycle's step that blocks still shows the bar, so blocks is listed too."""
    present = {edge_family(e) for e in edges}
    present |= {Family.BLOCKS for e in edges if LinkKind.BLOCKS in e.kinds}
    helping = {k for e in edges if edge_family(e) is Family.HELPS for k in e.kinds}
    return [KeyEntry(f, _words(f, helping, False), _words(f, helping, True))
            for f in Family if f in present]
