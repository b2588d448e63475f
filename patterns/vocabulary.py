"""The words of attachment mapping (SPEC section 2): node kinds, link kinds,
feeling layers, strategy styles, and the default link kind for each pair."""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    """What a box on the map stands for, in the client's experience."""

    TRIGGER = "trigger"
    FEELING = "feeling"
    MEANING = "meaning"
    SENSATION = "sensation"
    STRATEGY = "strategy"
    NEED = "need"
    RESOURCE = "resource"
    RESPONSE = "response"
    ORIGIN = "origin"


class LinkKind(StrEnum):
    """How one part of the pattern bears on the next."""

    ACTIVATES = "activates"
    LEADS_TO = "leads_to"
    MASKS = "masks"
    LONGS_FOR = "longs_for"
    BLOCKS = "blocks"
    PROVOKES = "provokes"
    REPLACES = "replaces"
    MEETS = "meets"
    SOOTHES = "soothes"
    SHAPES = "shapes"


class FeelingLayer(StrEnum):
    """Surface feelings are reactive and shown; core feelings are underneath."""

    SURFACE = "surface"
    CORE = "core"


class StrategyStyle(StrEnum):
    """The shape of a protective move."""

    PURSUE = "pursue"
    WITHDRAW = "withdraw"
    ATTACK = "attack"
    APPEASE = "appease"
    FREEZE = "freeze"
    NUMB = "numb"
    HYPERVIGILANCE = "hypervigilance"
    REASSURANCE_SEEKING = "reassurance-seeking"
    OTHER = "other"


#: A repair's `with` for a rupture in the therapy itself, between the client
#: and the therapist (attachment-based work models repair there first).
THERAPIST = "therapist"

#: One-letter aliases typed on the capture line (SPEC section 2).
KIND_ALIASES: dict[str, NodeKind] = {
    "t": NodeKind.TRIGGER,
    "f": NodeKind.FEELING,
    "m": NodeKind.MEANING,
    "b": NodeKind.SENSATION,
    "s": NodeKind.STRATEGY,
    "n": NodeKind.NEED,
    "r": NodeKind.RESOURCE,
    "x": NodeKind.RESPONSE,
    "o": NodeKind.ORIGIN,
}

#: The order in which a pattern reads, used for bands on the map and lists.
READING_ORDER: tuple[NodeKind, ...] = (
    NodeKind.ORIGIN,
    NodeKind.TRIGGER,
    NodeKind.SENSATION,
    NodeKind.MEANING,
    NodeKind.FEELING,
    NodeKind.STRATEGY,
    NodeKind.NEED,
    NodeKind.RESOURCE,
    NodeKind.RESPONSE,
)

#: Plural headings a therapist would use for each kind.
KIND_PLURALS: dict[NodeKind, str] = {
    NodeKind.TRIGGER: "triggers",
    NodeKind.FEELING: "feelings",
    NodeKind.MEANING: "meanings",
    NodeKind.SENSATION: "sensations",
    NodeKind.STRATEGY: "strategies",
    NodeKind.NEED: "needs",
    NodeKind.RESOURCE: "resources",
    NodeKind.RESPONSE: "new responses",
    NodeKind.ORIGIN: "origins",
}

_INNER = {NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION}


def default_link_kind(source: NodeKind, target: NodeKind) -> LinkKind:
    """The link kind SPEC section 2 gives a pair when the user names none."""
    if source is NodeKind.ORIGIN:
        return LinkKind.SHAPES
    if source is NodeKind.TRIGGER and target in _INNER:
        return LinkKind.ACTIVATES
    if source in (NodeKind.MEANING, NodeKind.SENSATION) and target is NodeKind.FEELING:
        return LinkKind.ACTIVATES
    if source in _INNER and target is NodeKind.STRATEGY:
        return LinkKind.LEADS_TO
    if source in (NodeKind.STRATEGY, NodeKind.FEELING) and target is NodeKind.NEED:
        return LinkKind.LONGS_FOR
    if source is NodeKind.STRATEGY and target is NodeKind.TRIGGER:
        return LinkKind.PROVOKES
    if source is NodeKind.RESPONSE and target is NodeKind.STRATEGY:
        return LinkKind.REPLACES
    if source in (NodeKind.RESPONSE, NodeKind.RESOURCE) and target is NodeKind.NEED:
        return LinkKind.MEETS
    if source is NodeKind.RESOURCE and target in (NodeKind.FEELING, NodeKind.SENSATION):
        return LinkKind.SOOTHES
    return LinkKind.LEADS_TO


def parse_node_kind(word: str) -> NodeKind | None:
    """The kind named by a kind word or alias, case-insensitive; None if none."""
    word = word.strip().lower()
    if word in KIND_ALIASES:
        return KIND_ALIASES[word]
    try:
        return NodeKind(word)
    except ValueError:
        return None


def parse_link_kind(word: str) -> LinkKind | None:
    """The link kind named by a word (`leads_to`, `leads-to`, `leads to`)."""
    word = word.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return LinkKind(word)
    except ValueError:
        return None


def link_phrase(kind: LinkKind) -> str:
    """How a link kind reads aloud: `leads_to` -> `leads to`."""
    return kind.value.replace("_", " ")
