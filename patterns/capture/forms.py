"""The capture line's forms for the rest of the work, beside nodes and links.

    name: the waiting game            names the loop (the cycle, with its
                                      variants) shown on the map, or the one
                                      through the selected part (`loop:`,
                                      `cycle:` too)
    try: name the fear, then tea — instead of checking his phone
                                      plans an experiment: a new response that
                                      replaces a move; `, when …` adds its plan
    rupture: started late; she went cold
                                      logs a rupture (today); `rupture with Tom:`
                                      says with whom, `rupture between us:` (or
                                      `with me:`, `in session:`) that it was in
                                      the therapy; `private rupture:` keeps it
                                      the therapist's alone
    repair: named it together         the repair of the last rupture without one
    person: Tom, partner              adds a person (name, then role)

Each makes one edit, applied (and undone) as one step like every other line.
In a rupture or a repair the text is the person's own account, kept whole: a
`;` inside it stays ("started late; she went cold" is what happened), unless
another form follows it (`rupture: …; repair: …`, see `line.split_statements`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from patterns.capture import CaptureError
from patterns.capture.draft import Draft
from patterns.capture.refs import check_length, resolve_node, tidy_label
from patterns.capture.speech import style_of
from patterns.cycles import find_cycles
from patterns.edits import Edit, EditError
from patterns.graph import MapGraph
from patterns.ids import new_id
from patterns.models import Experiment, Person, Repair
from patterns.side_edits import SetItem, name_loop
from patterns.text import quoted
from patterns.vocabulary import THERAPIST, LinkKind, NodeKind
from patterns.voice import repair_party

#: Form words before a colon, to what each does.
FORM_WORDS = {
    "name": "loop", "loop": "loop", "cycle": "loop",
    "try": "experiment", "experiment": "experiment",
    "rupture": "rupture", "repair": "repair",
    "person": "person",
}

_FORM = re.compile(
    r"\s*(?P<private>private[ \t]+)?"
    r"(?P<word>name|loop|cycle|try|experiment|rupture|repair|person)"
    r"(?P<who>[ \t]+(?:with|between|in)[ \t]+[^:]{1,60}?)?[ \t]*:",
    re.IGNORECASE,
)
#: Words after `with`, `between` or `in` that mean the therapy itself.
_THE_THERAPY = {"us", "me", "you", "therapist", "the therapist", "my therapist", "session",
                "the session", "therapy", "the therapy"}
_INSTEAD = re.compile(r"[ \t]*(?:[—–]+|-{1,2}|[,;])?[ \t]*\binstead[ \t]+of(?:[ \t]+|$)", re.I)
_WHEN = re.compile(r"[ \t]*(?:[—–]+|-{1,2}|[,;])[ \t]*(?=\bwhen\b)", re.I)


@dataclass(frozen=True)
class Form:
    """A form word found at the start of a line."""

    what: str
    """`loop`, `experiment`, `rupture`, `repair` or `person`."""
    word: str
    """The word as typed (`loop`, `Name`)."""
    who: str | None
    """For a rupture or repair: the words after `with` (`between`, `in`), or None."""
    private: bool
    """`private rupture:`: therapist-only."""
    start: int
    end: int
    """The span of the form words and their colon."""


@dataclass(frozen=True)
class Done:
    """What a form will do: its edit and the words for the status line."""

    edit: Edit
    summary: str
    hint: str
    node_ids: tuple[str, ...] = ()
    loop: tuple[str, ...] | None = None
    private: bool = False


def form_at(text: str) -> Form | None:
    """The form a line begins with (`name:`, `try:`, `rupture with Tom:` …), or None."""
    m = _FORM.match(text)
    if m is None:
        return None
    what = FORM_WORDS[m.group("word").lower()]
    who, private = m.group("who"), m.group("private") is not None
    if (who is not None or private) and what not in ("rupture", "repair"):
        return None
    name = " ".join(who.split()[1:]) if who else None
    return Form(what, m.group("word"), name, private, m.start("private") if private
                else m.start("word"), m.end())


def _text(text: str, form: Form, what: str) -> str:
    words = tidy_label(text[form.end:])
    if not words:
        raise CaptureError(f"type {what} after “{text[form.start:form.end].strip()}”",
                           form.start, len(text))
    return words


# -- name: ---------------------------------------------------------------------


def name_form(text: str, form: Form, g: MapGraph, selected: str | None,
              shown: tuple[str, ...] | None) -> Done:
    """Name the cycle shown on the map, or the one through the selected part
    (a cycle's variants are one pattern: its main loop carries the name)."""
    name = _text(text, form, "the loop's name")
    check_length(name, form.start, len(text), "that name")
    cycles = find_cycles(g).cycles
    on_map = [c for c in cycles if shown is not None
              and any(tuple(lp.nodes) == tuple(shown) for lp in c.loops)]
    if on_map:
        chosen, note = on_map[0], "shown on the map"
    elif selected is not None and selected in g:
        through = [c for c in cycles if selected in c.node_ids]
        part = quoted(g.node(selected).label, 30)
        if not through:
            raise CaptureError(f"no loop passes through {part} yet: a move that provokes a"
                               " trigger closes one (a -provokes-> b)", form.start, len(text))
        unnamed = [c for c in through if c.name is None]
        chosen = (unnamed or through)[0]
        note = (f"through {part}" if len(through) == 1 else
                f"the {'first unnamed' if unnamed else 'first'} of {len(through)} through"
                f" {part}; Enter on a loop in Patterns picks another")
    elif len(cycles) == 1:
        chosen, note = cycles[0], "the map's only loop"
    else:
        raise CaptureError(
            "select a part of the loop first (on the map or in the nodes list), then “name: …”"
            if cycles else "no loop on the map yet: a move that provokes a trigger closes one"
            " (a -provokes-> b)", form.start, len(text))
    if chosen.name == name:
        raise CaptureError(f"that loop is already called {quoted(name)}", form.start, len(text))
    if any(c.name is not None and c.name.casefold() == name.casefold() for c in cycles):
        raise CaptureError(f"another loop is already called {quoted(name)}: give this one"
                           " a name of its own", form.start, len(text))
    try:
        edit = name_loop(g, chosen.loop.nodes, name)
    except EditError as error:
        raise CaptureError(str(error), form.start, len(text)) from None
    verb = "renamed" if chosen.name else "named"
    summary = f"{verb} the loop {quoted(name)} ({note})"
    return Done(edit, summary, f"{verb[:-1]}s the loop {quoted(name)} ({note})",
                loop=tuple(chosen.loop.nodes))


# -- try: ----------------------------------------------------------------------


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")


_SMALL = {"a", "an", "the", "his", "her", "my", "their", "your", "our", "it", "to", "him",
          "them", "me", "and", "again", "of", "on", "at", "in", "up", "out"}


def _loosely(words: str, g: MapGraph) -> list[str]:
    """Strategies whose words hold every word of `words` in some form
    ("checking his phone" finds "check his phone again")."""
    want = {_stem(w) for w in re.findall(r"[\w'’]+", words) if w.lower() not in _SMALL}
    if not want:
        return []
    return [n.id for n in g.nodes(NodeKind.STRATEGY)
            if want <= {_stem(w) for w in re.findall(r"[\w'’]+", n.label)}]


def _replaced(ref: str, at: int, g: MapGraph, d: Draft) -> str:
    """The move a new response replaces: a node of the map, or a new strategy."""
    label = tidy_label(ref)
    if not label:
        raise CaptureError("say the move it replaces after “instead of”", at, at + len(ref))
    try:
        node_id = resolve_node(label, g)
    except CaptureError as error:
        if not error.message.startswith("no node matches"):
            raise CaptureError(error.message, at, at + len(ref)) from None
        loose = _loosely(label, g)
        if len(loose) > 1:
            names = " or ".join(quoted(g.node(i).label, 30) for i in loose[:3])
            raise CaptureError(f"{quoted(label)} could be {names}: type more", at,
                               at + len(ref)) from None
        if loose:
            return loose[0]
        check_length(label, at, at + len(ref), "that move")
        return d.node(NodeKind.STRATEGY, label, style=style_of(label))
    if g.node(node_id).kind is not NodeKind.STRATEGY:
        raise CaptureError(f"“instead of” names the move it replaces; {quoted(label)} is a"
                           f" {g.node(node_id).kind.value}", at, at + len(ref))
    return node_id


def try_form(text: str, form: Form, g: MapGraph, d: Draft) -> Done:
    """Plan an experiment: a new response, the move it replaces, when to try it."""
    body_start = form.end
    _text(text, form, "the new response")
    body = text[body_start:]
    plan = None
    when = _WHEN.search(body)
    if when is not None:
        plan = tidy_label(body[when.end():]) or None
        body = body[: when.start()]
    instead = _INSTEAD.search(body)
    said = body[: instead.start()] if instead else body
    label = tidy_label(said)
    if not label:
        raise CaptureError("say the new response after “try:”", form.start, len(text))
    check_length(label, body_start, body_start + len(said), "the new response")
    if plan is not None:
        check_length(plan, form.start, len(text), "the plan")
    twin = d.same(NodeKind.RESPONSE, label)
    if twin is not None and any(e.response == twin for e in g.experiments):
        raise CaptureError(f"{quoted(label)} is already being practised: log a try in the"
                           " Practice tab", form.start, len(text))
    response = d.node(NodeKind.RESPONSE, label)
    replaced = None
    if instead is not None:
        at = body_start + instead.end()
        replaced = _replaced(body[instead.end():], at, g, d)
        d.link(response, replaced, LinkKind.REPLACES)
    experiment = Experiment(id=new_id(label, {e.id for e in g.experiments}, "experiment"),
                            response=response, plan=plan)
    d.edits.append(SetItem("experiments", None, experiment, what="an experiment"))
    what = f"new response {quoted(label, 30)}"
    if replaced is not None:
        what += f" instead of {quoted(d.label(replaced), 30)}"
    summary = f"planned an experiment: {what} (Practice tab)"
    return Done(d.edit(summary), summary, f"plans an experiment: {what}",
                node_ids=(response,))


# -- rupture: and repair: --------------------------------------------------------


def _person(g: MapGraph, form: Form, text: str) -> str | None:
    """Whom a rupture was with: a person of the map, or the therapist
    (`between us`, `with me`, `in session`)."""
    if form.who is None:
        return None
    key = " ".join(form.who.split()).lower()
    if key in _THE_THERAPY:
        return THERAPIST
    for p in g.people:
        if key in (p.id.lower(), " ".join(p.name.split()).lower()):
            return p.id
    raise CaptureError(f"{quoted(form.who)} is not on the map: add them with"
                       f" “person: {form.who}, partner”", form.start, form.end)


def _with(g: MapGraph, who: str | None, private: bool = False) -> str:
    """` with Tom`, ` between us (in the therapy)`, and ` (private)`."""
    party = repair_party(who, g.people, to_client=False).replace(" (in the therapy)", "")
    return (f" {party}" if party else "") + (" (private)" if private else "")


def rupture_form(text: str, form: Form, g: MapGraph, today: dt.date) -> Done:
    """Log a rupture today: what happened, with whom, private or not."""
    what = _text(text, form, "what happened")
    check_length(what, form.start, len(text), "that")
    who = _person(g, form, text)
    entry = Repair(date=today, with_=who, rupture=what, private=True if form.private else None)
    said = _with(g, who, form.private)
    summary = f"logged a rupture{said}: {quoted(what, 30)} (Repairs tab)"
    return Done(SetItem("repairs", None, entry, what="a rupture"), summary,
                f"logs a rupture{said} today; then “repair: …” says what reconnected",
                private=entry.is_private)


def repair_form(text: str, form: Form, g: MapGraph, today: dt.date) -> Done:
    """The repair of the newest rupture without one (with that person, if
    named); a repair of its own if there is none."""
    what = _text(text, form, "what was done to reconnect")
    check_length(what, form.start, len(text), "that")
    who = _person(g, form, text)
    for index in reversed(range(len(g.repairs))):
        entry = g.repairs[index]
        if entry.repair is None and entry.rupture and (who is None or entry.with_ == who):
            update: dict[str, object] = {"repair": what}
            if form.private:  # `private repair:` makes the whole entry private
                update["private"] = True
            changed = entry.model_copy(update=update)
            said = _with(g, entry.with_, changed.is_private)
            summary = f"logged the repair of {quoted(entry.rupture, 30)}{said} (Repairs tab)"
            return Done(SetItem("repairs", index, changed, what="a repair"), summary,
                        f"adds the repair to the rupture {quoted(entry.rupture, 30)}",
                        private=changed.is_private)
    entry = Repair(date=today, with_=who, repair=what, private=True if form.private else None)
    said = _with(g, who, form.private)
    summary = f"logged a repair{said}: {quoted(what, 30)} (Repairs tab)"
    return Done(SetItem("repairs", None, entry, what="a repair"), summary,
                f"logs a repair{said} today (no rupture waits for one)",
                private=entry.is_private)


# -- person: --------------------------------------------------------------------


def person_form(text: str, form: Form, g: MapGraph) -> Done:
    """Add a person: `person: Tom, partner` (the role may be left out)."""
    words = _text(text, form, "the person's name, then their role")
    m = re.fullmatch(r"(?P<name>[^,(]+?)\s*(?:,\s*(?P<role>.*)|\((?P<paren>[^)]*)\)?)?", words)
    name = tidy_label(m.group("name")) if m else words
    role = tidy_label((m.group("role") or m.group("paren") or "") if m else "") or None
    if not name:
        raise CaptureError("type the person's name after “person:”", form.start, len(text))
    if len(name) > 60:
        raise CaptureError("a name holds up to 60 characters: an alias or initials is enough",
                           form.start, len(text))
    twin = next((p for p in g.people if " ".join(p.name.split()).lower() == name.lower()), None)
    if twin is not None:
        raise CaptureError(f"{twin.name} is already on the map", form.start, len(text))
    person = Person(id=new_id(name, {p.id for p in g.people}, "person"), name=name, role=role)
    about = f"{name}" + (f" ({role})" if role else "")
    summary = f"added person {about}; F4 chooses whose side new parts go to"
    return Done(SetItem("people", None, person, what=f"person {name}"), summary,
                f"adds person {about}")


__all__ = ["FORM_WORDS", "Done", "Form", "form_at", "name_form", "person_form", "repair_form",
           "rupture_form", "try_form"]
