"""What a picture of the map is made of: the snapshot it is drawn from and the
layout in abstract units (bands, layers, columns, order), shared by the screen
and the PDF so that both tell the same story.

Everything here is an immutable pydantic model: a snapshot can be handed to a
worker thread while the screen keeps editing the map.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind, StrategyStyle


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class MapPerson(_Frozen):
    """Someone whose side of the pattern gets a column of its own."""

    id: str
    """The people id (`zoe`)."""
    name: str
    """What the client calls them (`Zoë`)."""


class MapNode(_Frozen):
    """One box of the picture: what is drawn of a node (never a private note)."""

    id: str
    """The node id."""
    kind: NodeKind
    """Trigger, feeling, ...: decides the band and the colour."""
    label: str
    """The client's words, drawn in full."""
    person: str | None = None
    """Whose experience it is (the node's person, else the map's first person)."""
    layer: FeelingLayer | None = None
    """Feelings only: surface or core."""
    style: StrategyStyle | None = None
    """Strategies only: pursue, withdraw, ..."""
    intensity: int | None = None
    """0..10, how strongly it is felt."""
    new: bool = False
    """Mapped since the previous session, when the screen is asked to show
    what is new (marked ✦)."""


class MapLink(_Frozen):
    """One directed step of the pattern."""

    source: str
    target: str
    kind: LinkKind


class MapLoop(_Frozen):
    """A loop the therapist and client named, as a cycle of node ids."""

    name: str
    nodes: tuple[str, ...]


class MapCycle(_Frozen):
    """A pattern that goes round (patterns.cycles): its main loop and the
    variants folded into it, as node ids in order, each read from its start
    (a trigger where there is one), so the last step leads back to the first."""

    name: str | None = None
    """The name the map gives it (`the chase`), if any."""
    loop: tuple[str, ...]
    """The main loop."""
    variants: tuple[tuple[str, ...], ...] = ()
    """Other ways round the same pattern (through another feeling, say)."""
    number: int = 1
    """Its place among the map's cycles, from 1: an unnamed one is called
    `loop N` by it, and a cycle keeps its colour on every page."""


class MapSnapshot(_Frozen):
    """An immutable copy of what drawing the map needs, in file order.

    Build it with `patterns.layout.snapshot(g)` or `snapshot_of_map(m)`.
    Private notes are left out on purpose: nothing drawn from a snapshot can
    show one.
    """

    title: str
    people: tuple[MapPerson, ...] = ()
    nodes: tuple[MapNode, ...] = ()
    links: tuple[MapLink, ...] = ()
    loops: tuple[MapLoop, ...] = ()
    cycles: tuple[MapCycle, ...] = ()
    """The cycles found in the map, named ones first: each is drawn as a ring
    (its return step around the outside of the picture)."""

    def node(self, node_id: str) -> MapNode | None:
        """The node with this id, or None."""
        return next((n for n in self.nodes if n.id == node_id), None)

    def person(self, person_id: str | None) -> MapPerson | None:
        """The person with this id, or None."""
        return next((p for p in self.people if p.id == person_id), None)


class LayoutBand(_Frozen):
    """A horizontal band of the picture holding one part of the pattern."""

    kinds: tuple[NodeKind, ...]
    """The kinds shown in this band, most telling first."""
    label: str
    """The band's heading (`FEELINGS · MEANINGS`), upper case."""
    words: tuple[str, ...]
    """The heading as separate words (`FEELINGS`, `MEANINGS`), to stack them
    at the band's side; followed by the words of a band sitting beside this
    one, whose own `words` are then empty."""
    first: int
    """Index of the band's first layer."""
    count: int
    """How many layers the band spans (a meaning that activates a feeling
    sits a layer above it)."""
    beside: int | None = None
    """Index in `MapLayout.bands` of the band whose layer this one shares
    (origins beside the triggers, new responses beside the needs, when no
    link joins them), or None for a band with layers of its own."""


class LayoutColumn(_Frozen):
    """A vertical strip: one person's side of the pattern, or the lane
    between two people where the steps of their dance run."""

    person: str | None
    """The people id, or None for a lane (or a map without people)."""
    lane: bool = False
    """True for a lane between two people's columns: it holds no boxes, only
    the points where edges between them pass."""
    part: int = 0
    """Which part of the picture the column belongs to: a pattern that goes
    round is drawn as a part of its own, its people's columns side by side,
    so its ring goes around it and nothing else."""


class Slot(_Frozen):
    """One place in a layer, left to right: a node's box, or a point where a
    long edge passes through the layer."""

    node: str | None = None
    """The node id, for a box."""
    edge: int | None = None
    """The index in `MapLayout.edges`, for a pass-through point."""
    column: int = 0
    """Index in `MapLayout.columns`."""


class PlacedNode(_Frozen):
    """A node and where it sits, in abstract units."""

    node: MapNode
    layer: int
    """Row of the picture, top to bottom (several per band when needed)."""
    band: int
    """Index in `MapLayout.bands`."""
    column: int
    """Index in `MapLayout.columns`: whose side it is."""
    order: int
    """Index in `MapLayout.layers[layer]`, left to right after crossing reduction."""
    on_loop: bool
    """True when the node lies on a loop of the whole map."""
    cycle: int | None = None
    """Index in `MapLayout.cycles` of the cycle whose main loop the node is
    on (the first, when several), else None."""

    @property
    def id(self) -> str:
        return self.node.id


class LayoutEdge(_Frozen):
    """A link to draw (parallel links between one pair are one edge)."""

    source: str
    target: str
    kinds: tuple[LinkKind, ...]
    """Every link kind from source to target, in file order."""
    upward: bool
    """True when the edge runs back up the picture, against the reading
    order: a strategy that provokes a trigger, closing a loop."""
    on_loop: bool
    """True when the edge lies on a loop of the whole map."""
    cycle: int | None = None
    """Index in `MapLayout.cycles` of the cycle this edge is a step of: of its
    main loop, else of one of its variants (then `variant` is True)."""
    variant: bool = False
    """True for a step of a cycle's variant only: drawn lighter than the
    cycle itself."""
    ring: str | None = None
    """"left" or "right" for the step that closes a cycle (its last node back
    to its first): drawn around the outside of its part on that side, so the
    pattern reads as a ring. None for every other edge."""
    via: tuple[tuple[int, int], ...] = ()
    """(layer, order) of each pass-through slot, from the source's side to
    the target's: an edge between adjacent layers has none."""


class MapLayout(_Frozen):
    """The whole picture in abstract units; renderers add box sizes.

    `layers[i]` lists the slots of layer i left to right; columns are
    contiguous within a layer and in column order.
    """

    bands: tuple[LayoutBand, ...] = ()
    columns: tuple[LayoutColumn, ...] = ()
    layers: tuple[tuple[Slot, ...], ...] = ()
    nodes: dict[str, PlacedNode] = {}
    """Every shown node by id, in file order."""
    edges: tuple[LayoutEdge, ...] = ()
    crossings: int = 0
    """Edge crossings left after ordering (lower reads better), counted on
    the layers; a drawing counts its own (patterns.layout.crossings)."""
    people: tuple[MapPerson, ...] = ()
    """The people of the map, for column headings."""
    cycles: tuple[MapCycle, ...] = ()
    """The cycles drawn as rings (every node of their main loop shown)."""
    parts: int = 1
    """How many parts the picture has (see `LayoutColumn.part`)."""

    def band_of_layer(self, layer: int) -> LayoutBand | None:
        """The band a layer belongs to."""
        return next((b for b in self.bands if b.first <= layer < b.first + b.count), None)
