"""The map as plain data: one pydantic model per thing in SPEC section 3.

Field order is the key order of a saved file, so that diffs stay small.
A `RelationalMap` that exists has passed every rule of SPEC section 3;
breaking one raises `MapRuleError` naming the place, e.g. `links[2].target`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)

from patterns.rules import MapRuleError, check_map_rules, fill_default_link_kinds
from patterns.vocabulary import THERAPIST, FeelingLayer, LinkKind, NodeKind, StrategyStyle

FORMAT = "attachmap"
#: The newest file format version this code reads and writes.
VERSION = 1
LABEL_MAX = 300

NodeId = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Ref = Annotated[str, Strict(), StringConstraints(min_length=1)]
Text = Annotated[str, Strict()]
Score = Annotated[int, Strict(), Field(ge=0, le=10)]


def _strict_date(value: object) -> object:
    # SPEC: dates are TOML dates. A TOML datetime is a `date` subclass, and
    # pydantic would parse a quoted string: both are refused.
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date like 2026-11-27, not a date and time")
    if not isinstance(value, dt.date):
        raise ValueError(f"expected a date like 2026-11-27 (no quotes), got {value!r:.40}")
    return value


def _strict_datetime(value: object) -> object:
    # SPEC: times are TOML datetimes with offset, never quoted strings.
    if value is not None and not isinstance(value, dt.datetime):
        raise ValueError(
            f"expected a date and time with its offset, like 2026-11-27T15:40:00Z, got {value!r:.40}"
        )
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, populate_by_name=True)


class Person(_Model):
    """Someone in the pattern: the client, a partner, a parent."""

    id: Ref
    """Short handle other tables refer to (`zoe`)."""
    name: Annotated[Text, StringConstraints(min_length=1, strip_whitespace=True)]
    """What the client calls them; an alias or initials is enough."""
    role: Text | None = None
    """Their place in the client's life: client, partner, mother, ..."""


class Session(_Model):
    """A therapy session in which the map grew."""

    id: Ref
    """Short handle nodes refer to (`s1`)."""
    date: dt.date
    """The day of the session."""
    note: Text | None = None
    """What the session was about, in a line."""

    _no_time = field_validator("date", mode="before")(_strict_date)


class Node(_Model):
    """One part of the pattern: a trigger, a feeling, a move, a need..."""

    id: NodeId
    """Unique handle, letters, digits, `_` and `-` (`quiet`)."""
    kind: NodeKind
    """Which part of the pattern this is (SPEC section 2)."""
    label: Text
    """The client's own words for it, 1 to 300 characters."""
    person: Ref | None = None
    """Whose experience it is; defaults to the first person on the map."""
    layer: FeelingLayer | None = None
    """Feelings only: surface (reactive, shown) or core (vulnerable, underneath)."""
    style: StrategyStyle | None = None
    """Strategies only: the shape of the protective move (pursue, withdraw...)."""
    intensity: Score | None = None
    """How strongly it is felt, 0 (not at all) to 10 (overwhelming)."""
    note: Text | None = None
    """A note shared with the client."""
    private_note: Text | None = None
    """The therapist's note: never shown to the client or exported for them."""
    session: Ref | None = None
    """The session in which it was first mapped."""

    @field_validator("label")
    @classmethod
    def _trimmed_label(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("expected a label of 1 to 300 characters, got an empty one")
        if len(value) > LABEL_MAX:
            raise ValueError(
                f"expected a label of 1 to 300 characters, got {len(value)} characters"
            )
        return value


class Link(_Model):
    """A directed step of the pattern: `source` bears on `target`."""

    source: NodeId
    """The node the step comes from."""
    target: NodeId
    """The node the step goes to; never the source itself."""
    kind: LinkKind = LinkKind.LEADS_TO
    """How the source bears on the target; left out in a file, it takes the
    default for the pair of node kinds (SPEC section 2)."""
    note: Text | None = None
    """A note about this step, shared with the client."""


class Loop(_Model):
    """A name given to a loop found in the map (`the chase`)."""

    name: Annotated[Text, StringConstraints(min_length=1, strip_whitespace=True)]
    """The name the therapist and client gave this cycle."""
    nodes: list[NodeId] = Field(min_length=2)
    """The cycle's node ids in order; the last leads back to the first."""


class Try(_Model):
    """One time the client practised a new response between sessions."""

    date: dt.date
    """The day they tried it."""
    before: Score | None = None
    """Distress before trying, 0 to 10."""
    after: Score | None = None
    """Distress after trying, 0 to 10."""
    note: Text | None = None
    """How it went, in the client's words."""

    _no_time = field_validator("date", mode="before")(_strict_date)


class Experiment(_Model):
    """A plan to practise a new response, and how the tries went."""

    id: Ref
    """Short handle (`pause`)."""
    response: NodeId
    """The `response` node being practised."""
    plan: Text | None = None
    """When and how to try it."""
    tries: list[Try] = Field(default_factory=list)
    """Each time it was tried, oldest first."""


class Repair(_Model):
    """One rupture in a relationship and the attempt to repair it."""

    date: dt.date
    """When it happened."""
    with_: Ref | None = Field(default=None, alias="with")
    """The person the rupture was with (a people id), or `therapist`: a
    rupture between the client and the therapist, in the therapy itself."""
    rupture: Text | None = None
    """What went wrong between them."""
    repair: Text | None = None
    """What was done to reconnect."""
    outcome: Text | None = None
    """How the repair landed."""
    private: Annotated[bool, Strict()] | None = None
    """True: therapist-only, like a private note: never in the review, an
    export for the client, or on screen behind the privacy screen."""

    @property
    def is_private(self) -> bool:
        """Whether only the therapist may see it."""
        return self.private is True

    _no_time = field_validator("date", mode="before")(_strict_date)


class RelationalMap(_Model):
    """A client's relational map: the whole file."""

    format: Literal["attachmap"] = FORMAT
    """Always `attachmap`: marks the file as one of ours."""
    version: Annotated[int, Strict()] = VERSION
    """The file format version; newer versions are refused, not misread."""
    title: Annotated[Text, StringConstraints(min_length=1, strip_whitespace=True)]
    """What the map is called (`Zoë and Sam: the chase`)."""
    client: Text | None = None
    """The client's alias or initials; never needs a full name."""
    created: AwareDatetime | None = None
    """When the map was started."""
    updated: AwareDatetime | None = None
    """When the map was last changed."""
    people: list[Person] = Field(default_factory=list)
    """People in the pattern; the first is the default owner of nodes."""
    sessions: list[Session] = Field(default_factory=list)
    """Sessions so far, oldest first."""
    nodes: list[Node] = Field(default_factory=list)
    """The parts of the pattern."""
    links: list[Link] = Field(default_factory=list)
    """The steps between them."""
    loops: list[Loop] = Field(default_factory=list)
    """Names given to loops found in the map."""
    experiments: list[Experiment] = Field(default_factory=list)
    """New responses being practised between sessions."""
    repairs: list[Repair] = Field(default_factory=list)
    """The rupture-and-repair log."""

    _typed_times = field_validator("created", "updated", mode="before")(_strict_datetime)

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value < 1:
            raise ValueError("expected version 1")
        if value > VERSION:
            raise ValueError(
                f"this map was written by a newer attachmap (file format version {value});"
                f" this attachmap reads version {VERSION} - please update attachmap"
            )
        return value

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: object) -> object:
        return fill_default_link_kinds(data)

    @model_validator(mode="after")
    def _rules(self) -> RelationalMap:
        check_map_rules(self)
        return self


__all__ = [
    "FORMAT",
    "VERSION",
    "Experiment",
    "Link",
    "Loop",
    "MapRuleError",
    "Node",
    "Person",
    "RelationalMap",
    "Repair",
    "Session",
    "THERAPIST",
    "Try",
]
