"""Edits of the map's own fields and its side tables (people, sessions, named
loops, experiments with their tries, repairs), and the constructors the
screens use for the common ones: naming a loop, logging or changing a try.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from patterns.edits import EditError
from patterns.graph import MapGraph
from patterns.models import THERAPIST, Experiment, Loop, Person, Repair, Session
from patterns.text import quoted
from patterns.vocabulary import NodeKind

# -- the map's own fields and its side tables ----------------------------------

Table = Literal["people", "sessions", "loops", "experiments", "repairs"]
_TABLE_MODELS: dict[str, type] = {
    "people": Person, "sessions": Session, "loops": Loop,
    "experiments": Experiment, "repairs": Repair,
}


@dataclass
class SetField:
    """Set the map's title or client alias."""

    name: Literal["title", "client", "created", "updated"]
    value: Any
    _old: Any = field(default=None, repr=False)

    def apply(self, g: MapGraph) -> None:
        if self.name == "title" and not (isinstance(self.value, str) and self.value.strip()):
            raise EditError("a map needs a title")
        self._old = getattr(g, self.name)
        setattr(g, self.name, self.value.strip() if self.name == "title" else self.value)

    def undo(self, g: MapGraph) -> None:
        setattr(g, self.name, self._old)

    def describe(self) -> str:
        return f"changed the {self.name}"


@dataclass
class SetItem:
    """Insert, replace or remove one entry of a side table.

    `index` None appends `new`; `new` None removes the entry at `index`;
    both given replace that entry.
    """

    table: Table
    index: int | None
    new: Any = None
    what: str = ""
    _old: Any = field(default=None, repr=False)
    _at: int = field(default=0, repr=False)

    def apply(self, g: MapGraph) -> None:
        rows: list[Any] = getattr(g, self.table)
        at = len(rows) if self.index is None else self.index
        if self.index is not None and not 0 <= at < len(rows):
            raise EditError(f"there is no entry {at} in {self.table}")
        if self.new is not None:
            if not isinstance(self.new, _TABLE_MODELS[self.table]):
                raise EditError(f"{self.table} holds {_TABLE_MODELS[self.table].__name__} entries")
            _check_side_refs(g, self.table, self.new, self.index)
        elif self.index is not None:
            _check_unused(g, self.table, rows[at])
        self._at = at
        if self.index is None:
            rows.append(self.new)
        elif self.new is None:
            self._old = rows.pop(at)
        else:
            self._old, rows[at] = rows[at], self.new

    def undo(self, g: MapGraph) -> None:
        rows: list[Any] = getattr(g, self.table)
        if self.index is None:
            rows.pop()
        elif self.new is None:
            rows.insert(self._at, self._old)
        else:
            rows[self._at] = self._old

    def describe(self) -> str:
        verb = "added" if self.index is None else "removed" if self.new is None else "changed"
        return f"{verb} {self.what or self.table}"


def _check_side_refs(g: MapGraph, table: str, item: Any, replacing: int | None) -> None:
    rows = getattr(g, table)
    if hasattr(item, "id"):
        clash = [i for i, row in enumerate(rows) if row.id == item.id and i != replacing]
        if clash:
            raise EditError(f"there is already an entry '{item.id}' in {table}")
        if replacing is not None and rows[replacing].id != item.id:
            raise EditError("an entry's id cannot change")
    if isinstance(item, Experiment) and (
            item.response not in g or g.node(item.response).kind is not NodeKind.RESPONSE):
        raise EditError("an experiment practises a node of kind response")
    if (isinstance(item, Repair) and item.with_ not in (None, THERAPIST)
            and g.person(item.with_) is None):
        raise EditError(f"there is no person '{item.with_}'")
    if isinstance(item, Loop):
        for i, node_id in enumerate(item.nodes):
            following = item.nodes[(i + 1) % len(item.nodes)]
            if not g.linked(node_id, following):
                raise EditError("those nodes do not form a loop of the map")


def _check_unused(g: MapGraph, table: str, item: Any) -> None:
    if table == "people":
        users = [n for n in g.nodes() if n.person == item.id]
        users += [r for r in g.repairs if r.with_ == item.id]
    elif table == "sessions":
        users = [n for n in g.nodes() if n.session == item.id]
    else:
        return
    if users:
        raise EditError(f"'{item.id}' is still used in {len(users)} place(s) on the map")


# -- constructors for the side tables -----------------------------------------


def loop_key(nodes: list[str]) -> tuple[str, ...]:
    """The same cycle gives the same key wherever it is said to start."""
    if not nodes:
        return ()
    start = min(range(len(nodes)), key=lambda i: nodes[i])
    return tuple(nodes[start:] + nodes[:start])


def name_loop(g: MapGraph, nodes: list[str], name: str) -> SetItem:
    """Name a found loop; renames it if it already has a name."""
    if not name.strip():
        raise EditError("a loop name cannot be empty")
    key = loop_key(nodes)
    loop = Loop(name=name, nodes=list(nodes))
    for i, existing in enumerate(g.loops):
        if loop_key(existing.nodes) == key:
            return SetItem("loops", i, loop.model_copy(update={"nodes": existing.nodes}),
                           what=f"loop name {quoted(name)}")
    return SetItem("loops", None, loop, what=f"loop name {quoted(name)}")


def add_try(g: MapGraph, experiment_id: str, attempt: Any) -> SetItem:
    """Log one try of an experiment (the client's between-session record)."""
    for i, e in enumerate(g.experiments):
        if e.id == experiment_id:
            new = e.model_copy(update={"tries": [*e.tries, attempt]})
            return SetItem("experiments", i, new, what="a try")
    raise EditError(f"there is no experiment '{experiment_id}'")


def set_try(g: MapGraph, experiment_id: str, index: int, attempt: Any | None) -> SetItem:
    """Change (or, with None, remove) one try of an experiment."""
    for i, e in enumerate(g.experiments):
        if e.id == experiment_id:
            tries = list(e.tries)
            if not 0 <= index < len(tries):
                raise EditError(f"there is no try {index}")
            if attempt is None:
                del tries[index]
            else:
                tries[index] = attempt
            verb = "a try" if attempt is not None else "a try (removed)"
            return SetItem("experiments", i, e.model_copy(update={"tries": tries}), what=verb)
    raise EditError(f"there is no experiment '{experiment_id}'")


__all__ = ["SetField", "SetItem", "Table", "add_try", "loop_key", "name_loop", "set_try"]
