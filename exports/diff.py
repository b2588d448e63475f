"""What changed between two saves of a map, in plain words.

`diff_maps(old, new)` compares two valid maps table by table and returns a
`MapDiff`: nodes, people and sessions are matched by id, links by source,
target and kind, loops by their cycle, experiments by id; tries and repairs
have no ids, so they are matched as sequences (most are only ever added at
the end). `updated` is left out: every save changes it.

A private note is therapist-only, so a diff says that one was added, changed
or removed, and never what it says: a diff may be read with the client.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from patterns.models import Experiment, Link, Node, RelationalMap, Repair, Try
from patterns.side_edits import loop_key
from patterns.text import quoted
from patterns.vocabulary import link_phrase
from patterns.voice import day

Action = Literal["added", "removed", "changed"]
Section = Literal["map", "people", "sessions", "nodes", "links", "loops", "experiments",
                  "tries", "repairs"]

#: Singular and plural words for each section, for summaries.
WORDS: dict[str, tuple[str, str]] = {
    "map": ("map detail", "map details"), "people": ("person", "people"),
    "sessions": ("session", "sessions"), "nodes": ("node", "nodes"), "links": ("link", "links"),
    "loops": ("loop name", "loop names"), "experiments": ("experiment", "experiments"),
    "tries": ("try", "tries"), "repairs": ("repair", "repairs"),
}
_ORDER = list(WORDS)


class Change(BaseModel):
    """One thing added, removed or changed between two saves."""

    section: Section
    """Which table of the map it is in."""
    action: Action
    """What happened to it."""
    subject: str
    """The thing itself in plain words: `trigger “Sam goes quiet”`."""
    details: list[str] = Field(default_factory=list)
    """For a change, each field that changed: `intensity 9 → 7`."""

    def text(self) -> str:
        """One line: `changed feeling “scared”: intensity 9 → 7`."""
        line = f"{self.action} {self.subject}"
        return line + (": " + "; ".join(self.details) if self.details else "")


class MapDiff(BaseModel):
    """Every change between two saves, in the order of the file's tables."""

    changes: list[Change] = Field(default_factory=list)
    """The changes, table by table, in file order within each table."""

    def __bool__(self) -> bool:
        return bool(self.changes)

    def of(self, section: Section, action: Action | None = None) -> list[Change]:
        """The changes in one table, optionally of one action."""
        return [c for c in self.changes if c.section == section and action in (None, c.action)]

    def lines(self) -> list[str]:
        """One plain sentence per change; `no changes` when there are none."""
        return [c.text() for c in self.changes] or ["no changes"]

    def summary(self) -> str:
        """Counts in a line: `2 nodes added, 1 try added`, or `no changes`."""
        counts = Counter((c.section, c.action) for c in self.changes)
        parts = []
        for section in _ORDER:
            for action in ("added", "changed", "removed"):
                n = counts[(section, action)]
                if n:
                    one, many = WORDS[section]
                    parts.append(f"{_count(n, one, many)} {action}")
        return ", ".join(parts) or "no changes"


# -- words for things ------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _value(name: str, value: Any) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, str) and name not in ("kind", "layer", "style", "person", "session",
                                                "response", "with"):
        return quoted(value, 60)
    return str(value)


def _fields(old: BaseModel, new: BaseModel, names: Sequence[str]) -> list[str]:
    """`intensity 9 → 7` for each field that differs; private notes unquoted."""
    out = []
    for attr in names:
        a, b = getattr(old, attr), getattr(new, attr)
        name = attr.rstrip("_")  # `with_` is `with` in the file
        if a == b:
            continue
        if name == "private_note":
            out.append("private note " + ("added" if not a else "removed" if not b else "changed"))
        else:
            out.append(f"{name.replace('_', ' ')} {_value(name, a)} → {_value(name, b)}")
    return out


class _Names:
    """Labels of nodes in either save, so a removed node can still be named."""

    def __init__(self, old: RelationalMap, new: RelationalMap) -> None:
        self.old = {n.id: n.label for n in old.nodes}
        self.new = self.old | {n.id: n.label for n in new.nodes}

    def node(self, node_id: str, *, was: bool = False) -> str:
        """A node by its label in the new save, or as it was in the old one."""
        return quoted((self.old if was else self.new).get(node_id, node_id))

    def link(self, link: Link, *, was: bool = False) -> str:
        ends = self.node(link.source, was=was), self.node(link.target, was=was)
        return f"link {ends[0]} {link_phrase(link.kind)} {ends[1]}"


def _node_words(node: Node) -> str:
    return f"{node.kind} {quoted(node.label, 60)}"


def _try_words(attempt: Try) -> str:
    scores = []
    if attempt.before is not None:
        scores.append(f"distress {attempt.before} before")
    if attempt.after is not None:
        scores.append(f"{attempt.after} after" if scores else f"distress {attempt.after} after")
    scores += [quoted(attempt.note, 60)] if attempt.note else []
    return day(attempt.date) + (f" ({', '.join(scores)})" if scores else "")


def _repair_words(repair: Repair, people: dict[str, str]) -> str:
    who = (" between us (in the therapy)" if repair.with_ == "therapist" else
           f" with {people.get(repair.with_, repair.with_)}" if repair.with_ else "")
    said = f": {quoted(repair.rupture, 60)}" if repair.rupture else ""
    return f"repair{who} on {day(repair.date)}{said}"


# -- comparing tables ------------------------------------------------------------------


def _by_key(section: Section, old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], Any],
            words: Callable[[Any], str], fields: Sequence[str]) -> list[Change]:
    """Added, changed, then removed entries of a table whose entries have keys."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    out = []
    for item in new:
        k = key(item)
        if k not in before:
            out.append(Change(section=section, action="added", subject=words(item)))
        else:
            details = _fields(before[k], item, fields)
            if details:
                out.append(Change(section=section, action="changed", subject=words(before[k]),
                                  details=details))
    out += [Change(section=section, action="removed", subject=words(item))
            for item in old if key(item) not in after]
    return out


def _sequence(section: Section, old: Sequence[Any], new: Sequence[Any],
              words: Callable[[Any], str], fields: Sequence[str]) -> list[Change]:
    """Entries without ids, matched as sequences; an entry replaced one for
    one is a change, anything else is added or removed."""
    out = []
    # Models are not hashable; their values are, and equal values mean equal entries.
    matcher = difflib.SequenceMatcher(a=[tuple(x.model_dump().values()) for x in old],
                                      b=[tuple(x.model_dump().values()) for x in new],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone, came = list(old[i1:i2]), list(new[j1:j2])
        if len(gone) == len(came):  # entries edited in place
            pairs, gone, came = list(zip(gone, came)), [], []
        else:  # an entry edited beside one added or removed: pair them by day
            pairs = []
            for a in list(gone):
                b = next((b for b in came if b.date == a.date), None)
                if b is not None:
                    pairs.append((a, b))
                    gone.remove(a)
                    came.remove(b)
        for a, b in pairs:
            out.append(Change(section=section, action="changed", subject=words(a),
                              details=_fields(a, b, fields)))
        out += [Change(section=section, action="added", subject=words(x)) for x in came]
        out += [Change(section=section, action="removed", subject=words(x)) for x in gone]
    return out


def _links(old: RelationalMap, new: RelationalMap, names: _Names) -> list[Change]:
    """Links by (source, target, kind); a pair whose only link changed kind
    reads as one change of kind rather than a removal and an addition."""
    key = lambda lk: (lk.source, lk.target, lk.kind)  # noqa: E731
    before, after = {key(lk): lk for lk in old.links}, {key(lk): lk for lk in new.links}
    gone = [lk for lk in old.links if key(lk) not in after]
    came = [lk for lk in new.links if key(lk) not in before]
    out = []
    for link in came:
        twin = [g for g in gone if (g.source, g.target) == (link.source, link.target)]
        if len(twin) == 1 and sum((c.source, c.target) == (link.source, link.target)
                                  for c in came) == 1:
            gone.remove(twin[0])
            details = [f"kind {link_phrase(twin[0].kind)} → {link_phrase(link.kind)}"]
            details += _fields(twin[0], link, ["note"])
            out.append(Change(section="links", action="changed", subject=names.link(twin[0]),
                              details=details))
        else:
            out.append(Change(section="links", action="added", subject=names.link(link)))
    for link in new.links:
        if key(link) in before:
            details = _fields(before[key(link)], link, ["note"])
            if details:
                out.append(Change(section="links", action="changed", subject=names.link(link),
                                  details=details))
    out += [Change(section="links", action="removed", subject=names.link(lk, was=True))
            for lk in gone]
    return out


def _experiments(old: RelationalMap, new: RelationalMap, names: _Names) -> list[Change]:
    """Experiments by id, then the tries of each experiment in both saves."""
    words = lambda e: f"experiment practising {names.node(e.response)}"  # noqa: E731
    out = _by_key("experiments", old.experiments, new.experiments, lambda e: e.id, words,
                  ["response", "plan"])
    before = {e.id: e for e in old.experiments}
    kept = {e.id for e in new.experiments}
    for change, gone in zip([c for c in out if c.action == "removed"],
                            [e for e in old.experiments if e.id not in kept]):
        if gone.tries:
            change.details.append(f"with its {_count(len(gone.tries), 'try', 'tries')}")
    for experiment in new.experiments:
        was: Experiment | None = before.get(experiment.id)
        practising = f" of {names.node(experiment.response)}"
        out += _sequence("tries", was.tries if was else [], experiment.tries,
                         lambda t: f"a try{practising} on {_try_words(t)}",
                         ["date", "before", "after", "note"])
    return out


def diff_maps(old: RelationalMap, new: RelationalMap) -> MapDiff:
    """Everything added, removed or changed from `old` to `new`."""
    names = _Names(old, new)
    people = {p.id: p.name for p in old.people} | {p.id: p.name for p in new.people}
    changes = _fields(old, new, ["title", "client", "created"])
    out = [Change(section="map", action="changed", subject="the map", details=changes)] if (
        changes) else []
    out += _by_key("people", old.people, new.people, lambda p: p.id,
                   lambda p: f"person {p.name}", ["name", "role"])
    out += _by_key("sessions", old.sessions, new.sessions, lambda s: s.id,
                   lambda s: f"session of {day(s.date)}", ["date", "note"])
    out += _by_key("nodes", old.nodes, new.nodes, lambda n: n.id, _node_words,
                   ["kind", "label", "person", "layer", "style", "intensity", "note",
                    "private_note", "session"])
    out += _links(old, new, names)
    out += _by_key("loops", old.loops, new.loops, lambda lp: loop_key(lp.nodes),
                   lambda lp: f"loop name {quoted(lp.name, 60)}", ["name"])
    out += _experiments(old, new, names)
    out += _sequence("repairs", old.repairs, new.repairs, lambda r: _repair_words(r, people),
                     ["date", "with_", "rupture", "repair", "outcome", "private"])
    order = {s: i for i, s in enumerate(_ORDER)}
    return MapDiff(changes=sorted(out, key=lambda c: order[c.section]))


__all__ = ["Change", "MapDiff", "diff_maps"]
