"""The capture line (SPEC section 4): one typed line becomes one undoable edit.

    t: Sam goes quiet                 adds a node (kind words and aliases)
    scared -> texting                 links two nodes, default kind
    texting -provokes-> quiet         links with a kind named in the arrow
    When Sam goes quiet, I feel scared, so I text again, because I need reassurance
                                      adds and links a whole cycle
    I panic, so I call him            a sentence may start with its first part;
    Tom feels pressured, so he goes quiet
                                      a person of the map, named, owns the parts
    name: the waiting game            names the loop through the selected part
    try: name the fear — instead of checking his phone
                                      plans an experiment for a new response
    rupture: started late; she went cold     then   repair: named it together
    person: Tom, partner              adds a person
    t: Tom is late; f: scared         `;` then a form word: two statements, one
                                      undo step

`parse_capture` builds the edit and does not apply it: the session screen
hands it to `History.do`, so one line is one step of undo. Choices made for
the person typing, mid-session:

- Kind words are case-insensitive and may be spaced (`Trigger : …`); plurals
  (`triggers:`) and a few everyday words (`body`, `thought`, `belief`,
  `emotion`, `new response`) are taken too. `Note: …` is refused, naming the
  kinds (and the nearest one, if it looks like a slip).
- Labels are tidied (`tidy_label`): extra spaces, end commas and one closing
  full stop go; commas inside stay (`f: angry, fed up`). Over 300
  characters is refused, never cut.
- `->` (also `→`, `-->`, spaces optional: `a->b`) always links. A label
  that holds an arrow is typed in double quotes: `"before -> after" -> x`.
  `a -> b -> c` links a chain; a side may be a new node, `t: Boss shouts ->
  scared`, reusing a node of that kind with the same words if there is one.
- A sentence part whose words match a node of the same kind (case, spacing
  and quotes aside) reuses it. When `person` is given, only that person's
  nodes are reused: the sentence's "I" is that person.
- A line that adds nothing new (a node already there, links already there)
  is refused with a message saying so, rather than adding a twin.
- A `;` separates statements only where a form begins after it (a kind word
  or form word and its colon, or `When`): `t: Tom is late; f: scared` is two
  nodes, while "When Sam goes quiet; I feel scared" stays one sentence and
  `rupture: started late; she went cold` one rupture. The statements are one
  undo step, read in turn (a later one sees what an earlier one adds).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Literal

from patterns.capture import CaptureError
from patterns.capture.draft import Draft, a_kind, kind_name
from patterns.capture.forms import (
    FORM_WORDS,
    Done,
    form_at,
    name_form,
    person_form,
    repair_form,
    rupture_form,
    try_form,
)
from patterns.capture.refs import (
    check_length,
    inside,
    label_key,
    quoted_spans,
    resolve_node,
    tidy_label,
)
from patterns.capture.sentence import SELF, is_sentence, read_sentence, sentence_tail
from patterns.capture.speech import verb_at
from patterns.edits import Batch, Edit, EditError
from patterns.graph import MapGraph
from patterns.models import Session
from patterns.side_edits import SetItem
from patterns.text import quoted
from patterns.vocabulary import (
    KIND_ALIASES,
    KIND_PLURALS,
    LinkKind,
    NodeKind,
    default_link_kind,
    link_phrase,
    parse_link_kind,
)
from patterns.voice import possessive

#: The quiet line under an empty capture line.
GRAMMAR = ("t: trigger  f: feeling  s: strategy  n: need  a -> b  "
           "When …, I feel …, so I …, because I need …  name: …  try: …  rupture: …")
#: Longest line read at all (a few full labels and their part words).
MAX_LINE = 4000

#: Every word that names a node kind before a colon.
KIND_WORDS: dict[str, NodeKind] = {
    **KIND_ALIASES,
    **{kind.value: kind for kind in NodeKind},
    **{plural: kind for kind, plural in KIND_PLURALS.items()},
    "new response": NodeKind.RESPONSE,
    "body": NodeKind.SENSATION,
    "thought": NodeKind.MEANING,
    "belief": NodeKind.MEANING,
    "emotion": NodeKind.FEELING,
}
_KIND_LIST = ("trigger, feeling, meaning, sensation, strategy, need, resource, response"
              " or origin (t f m b s n r x o)")

_PREFIX = re.compile(r"\s*([^\W\d_]+(?:[ \t]+[^\W\d_]+)?)[ \t]*:")


Form = Literal["node", "link", "sentence", "loop", "experiment", "rupture", "repair", "person",
               "several"]


@dataclass(frozen=True)
class Capture:
    """What one capture line will do to the map."""

    edit: Edit
    """One undo step: AddNode, AddLink, or a Batch for a sentence or chain."""
    form: Form
    summary: str
    """For the status line once done: `added trigger “Sam goes quiet”`."""
    node_ids: tuple[str, ...]
    """Nodes added or reused, in reading order (the screen selects the last)."""
    hint: str = field(default="", compare=False)
    """The same in the future tense, for the hint while typing."""
    loop: tuple[str, ...] | None = None
    """A loop the line named (the screen shows it on the map)."""
    private: bool = False
    """It logs a private rupture or repair: behind the privacy screen the
    status line does not repeat its words."""


@dataclass(frozen=True)
class _Context:
    """What a line is read against besides the map: where the session is."""

    person: str | None
    session: str | None
    selected: str | None
    loop: tuple[str, ...] | None
    today: dt.date


# -- arrows: `a -> b`, `a -provokes-> b` --------------------------------------


#: An arrow: `->`, `-->`, `→` or `⟶`.
ARROW = re.compile(r"-+>|→|⟶")
_ARROW_KIND = re.compile(r"[A-Za-z](?:[A-Za-z _-]*[A-Za-z])?")
#: Longest link kind written in an arrow (`-longs for->`), with room to spare.
_KIND_MAX = 24

#: An arrow found: (where it begins, its kind word included; where it ends; the kind
#: it names, or None for the default of the pair)
Arrow = tuple[int, int, LinkKind | None]


def find_arrows(text: str) -> list[Arrow]:
    """Each arrow outside quotes: (start, end, the kind named in it or None).

    `-provokes->`, `-leads to->`, `-leads_to->`: the kind sits between a dash
    and the arrow. A dash inside a label (`self-critical -> x`) is not taken
    for one, but `a -foo-> b` with a dash after a space is refused as an
    unknown kind rather than read as a label ending in "-foo".
    """
    spans = quoted_spans(text)
    out: list[Arrow] = []
    last = 0
    for m in ARROW.finditer(text):
        if inside(m.start(), spans):
            continue
        start, kind = m.start(), None
        left = text[last:start]
        for dash in (i for i in range(len(left) - 1, -1, -1) if left[i] == "-"):
            word = left[dash + 1:].strip()
            if len(word) > _KIND_MAX:
                break
            kind = parse_link_kind(word) or parse_link_kind(_plural(word))
            if kind is not None:
                start = last + dash
                break
        if kind is None:
            dash = left.rfind("-")
            word = left[dash + 1:] if dash >= 0 else ""
            if (dash >= 0 and (dash == 0 or left[dash - 1].isspace()) and len(word) <= _KIND_MAX
                    and _ARROW_KIND.fullmatch(word)):
                kinds = ", ".join(link_phrase(k) for k in LinkKind)
                raise CaptureError(f"{quoted(word)} is not a link kind: use one of {kinds}",
                                   last + dash, m.end())
        out.append((start, m.end(), kind))
        last = m.end()
    return out


def _plural(word: str) -> str:
    """`provoke` -> `provokes`, `lead-to` -> `leads_to`: forgive the verb form."""
    head, _, tail = re.sub(r"[\s_-]+", "_", word.strip()).partition("_")
    return head + "s" + ("_" + tail if tail else "")


# -- the forms -------------------------------------------------------------------


def _kind_prefix(text: str) -> tuple[NodeKind | None, str, int, int] | None:
    """(kind or None, the word, its span) for `word:` at the start, or None."""
    m = _PREFIX.match(text)
    if m is None:
        return None
    word = " ".join(m.group(1).split())
    return KIND_WORDS.get(word.lower()), word, m.start(1), m.end()


def _not_a_kind(word: str, start: int, end: int) -> CaptureError:
    near = difflib.get_close_matches(word.lower(), [k.value for k in NodeKind], n=1, cutoff=0.75)
    guess = f" — did you mean “{near[0]}:”?" if near else ""
    return CaptureError(f"{quoted(word)} is not a kind: start with {_KIND_LIST}{guess}",
                        start, end)


def _node_label(text: str, kind: NodeKind, word: str, start: int, end: int) -> str:
    label = tidy_label(text[end:])
    if not label:
        raise CaptureError(f"type the {kind_name(kind)} after “{word}:”", start, len(text))
    check_length(label, start, len(text), "that label")
    return label


def _node_form(text: str, d: Draft, kind: NodeKind, word: str, start: int,
               end: int) -> Capture:
    label = _node_label(text, kind, word, start, end)
    twin = d.same(kind, label)
    if twin is not None:
        raise CaptureError(f"there is already a {kind_name(kind)} {quoted(d.label(twin))} on the"
                           " map: link to it with “->”", start, len(text))
    node_id = d.node(kind, label, reuse=False)
    summary = f"added {kind_name(kind)} {quoted(label)}"
    return Capture(d.edit(summary), "node", summary, (node_id,), f"adds {a_kind(kind)}")


def _side(text: str, start: int, end: int, d: Draft, g: MapGraph, where: str) -> str:
    """The node one side of an arrow names: a reference, or `kind: label`."""
    piece = text[start:end]
    if not piece.strip():
        raise CaptureError(f"type a node {where} the arrow", start, end)
    offset = start + len(piece) - len(piece.lstrip())
    prefix = _kind_prefix(piece)
    if prefix is not None and prefix[0] is not None:
        kind, word, w0, w1 = prefix
        try:
            label = _node_label(piece, kind, word, w0, w1)
        except CaptureError as error:  # its span is within the side: make it the line's
            raise CaptureError(error.message, offset, start + len(piece.rstrip())) from None
        return d.node(kind, label)
    try:
        return resolve_node(piece, g)
    except CaptureError as error:
        raise CaptureError(error.message, offset, start + len(piece.rstrip())) from None


def _link_form(text: str, g: MapGraph, d: Draft,
               arrows: list[Arrow]) -> Capture:
    bounds = [0, *(x for a, b, _ in arrows for x in (a, b)), len(text)]
    sides = [
        _side(text, bounds[2 * i], bounds[2 * i + 1], d, g, "before" if i == 0 else "after")
        for i in range(len(arrows) + 1)
    ]
    added = []
    for i, (_, _, kind) in enumerate(arrows):
        if sides[i] == sides[i + 1]:
            piece = text[bounds[2 * i]:bounds[2 * i + 3]]
            start = bounds[2 * i] + len(piece) - len(piece.lstrip())
            raise CaptureError(f"{quoted(d.label(sides[i]))} cannot link to itself",
                               start, bounds[2 * i] + len(piece.rstrip()))
        link = d.link(sides[i], sides[i + 1], kind)
        if link is not None:
            added.append(link)
    if not added and not d.new:
        if len(arrows) > 1:
            raise CaptureError("those links are already on the map", 0, len(text))
        kind = arrows[0][2] or default_link_kind(d.kind(sides[0]), d.kind(sides[1]))
        raise CaptureError(f"{quoted(d.label(sides[0]))} already {link_phrase(kind)}"
                           f" {quoted(d.label(sides[1]))}", 0, len(text))
    words = ", ".join(d.link_words(link) for link in added)
    news = [f"{kind_name(n.kind)} {quoted(n.label, 30)}" for n in d.new.values()]
    summary = (f"added {', '.join(news)}; " if news else "") + f"linked {words}"
    hint = (f"adds {', '.join(news)}; " if news else "") + f"links {words}"
    return Capture(d.edit(summary), "link", summary, tuple(dict.fromkeys(sides)), hint)


def _sentence_form(text: str, g: MapGraph, ctx: _Context) -> Capture:
    sentence = read_sentence(text, tuple(g.people))
    parts = sentence.parts
    who = ctx.person if sentence.who == SELF else sentence.who
    d = Draft(g, who, ctx.session)
    ids = [d.node(part.kind, part.label, style=part.style) for part in parts]
    for (a, b), (pa, pb) in zip(zip(ids, ids[1:]), zip(parts, parts[1:])):
        if a == b:
            raise CaptureError(f"{quoted(pb.label)} comes twice in a row", pa.start, pb.end)
        d.link(a, b)
    if not d.edits:
        raise CaptureError("all of that is already on the map", 0, len(text))
    side = ""
    if who is not None and who != ctx.person and g.person(who) is not None:
        side = f" ({possessive(g.person(who).name)} side)"
    if len(parts) == 1:
        summary = f"added {kind_name(parts[0].kind)} {quoted(parts[0].label)}{side}"
        return Capture(d.edit(summary), "sentence", summary, tuple(ids),
                       f"adds {a_kind(parts[0].kind)} {quoted(parts[0].label, 30)}{side}")
    n, k = len(d.new), len(d.links)
    bits = [f"{n} node{'s' if n != 1 else ''}"] if n else []
    bits += [f"{k} link{'s' if k != 1 else ''}"] if k else []
    reused = ", ".join(quoted(d.label(i), 30) for i in d.reused)
    summary = ("added " + " and ".join(bits) + (f", reused {reused}" if reused else "")
               + side)
    hint = " → ".join(
        f"{kind_name(p.kind)} {quoted(p.label, 30)}" + (" (on the map)" if i not in d.new else "")
        for p, i in zip(parts, ids)
    ) + side
    return Capture(d.edit(summary), "sentence", summary, tuple(dict.fromkeys(ids)), hint)


def _form(text: str, g: MapGraph, ctx: _Context) -> Capture | None:
    """A line that begins with a form word (`name:`, `try:`, `rupture:` …), or None."""
    form = form_at(text)
    if form is None:
        return None
    done: Done
    if form.what == "loop":
        done = name_form(text, form, g, ctx.selected, ctx.loop)
    elif form.what == "experiment":
        done = try_form(text, form, g, Draft(g, ctx.person, ctx.session))
    elif form.what == "rupture":
        done = rupture_form(text, form, g, ctx.today)
    elif form.what == "repair":
        done = repair_form(text, form, g, ctx.today)
    else:
        done = person_form(text, form, g)
    return Capture(done.edit, form.what, done.summary, done.node_ids,  # type: ignore[arg-type]
                   done.hint, done.loop, done.private)


_NAMED = re.compile(r"\s*([A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)?)\s+([\w'’]+(?:\s+\w+)?)")


def _not_a_person(text: str, g: MapGraph) -> CaptureError | None:
    """"Tom feels pressured" when no Tom is on the map: say how to add him."""
    m = _NAMED.match(text)
    if m is None or m.group(1).lower() in {"i", "when", "whenever", "so", "and", "then"}:
        return None
    verb = m.group(2).lower()
    inner = verb.split()[0] in {"feels", "felt", "thinks", "thought", "needs", "needed",
                                "notices", "noticed", "gets", "got", "panics", "worries"}
    if not inner and verb_at(m.group(2)) is None:
        return None
    name = m.group(1)
    return CaptureError(f"{quoted(name)} is not a person on this map: add them with"
                        f" “person: {name}, partner”, or say “I …”", m.start(1), m.end(1))


def _whole_label(text: str, g: MapGraph) -> str | None:
    """The node whose whole label the line is ("Sam goes quiet" on the map is
    that node, not Sam's move "go quiet"), or None."""
    key = label_key(text)
    return next((n.id for n in g.nodes() if label_key(n.label) == key), None)


def _statement(text: str, g: MapGraph, ctx: _Context) -> Capture:
    """One statement: a form, a link, a node or a sentence."""
    formed = _form(text, g, ctx)
    if formed is not None:
        return formed
    d = Draft(g, ctx.person, ctx.session)
    arrows = find_arrows(text)
    if arrows:
        return _link_form(text, g, d, arrows)
    prefix = _kind_prefix(text)
    if prefix is not None and prefix[0] is not None:
        kind, word, start, end = prefix
        return _node_form(text, d, kind, word, start, end)
    if _WHEN_START.match(text) or (prefix is None and is_sentence(text, tuple(g.people))
                                   and _whole_label(text, g) is None):
        return _sentence_form(text, g, ctx)
    if prefix is not None:
        if prefix[1].lower().startswith("private "):
            raise CaptureError("only a rupture or a repair can be private (“private rupture: …”);"
                               " a part's private note is set in its details",
                               prefix[2], prefix[2] + len(prefix[1]))
        raise _not_a_kind(prefix[1], prefix[2], prefix[2] + len(prefix[1]))
    try:
        known = g.node(resolve_node(text, g)).label
    except CaptureError:
        stranger = _not_a_person(text, g)
        if stranger is not None:
            raise stranger from None
        raise CaptureError(
            "start with a kind, like “t: …”, link with “a -> b”, or say “When …, I feel …”",
            0, len(text)) from None
    raise CaptureError(f"{quoted(known)} is on the map: add “-> …” and a node to link it",
                       0, len(text))


_INSTEAD_TAIL = re.compile(r"\binstead[ \t]+of[ \t]+(?=[^,;—–]*$)", re.IGNORECASE)
_WHEN_START = re.compile(r"\s*when(?:ever)?(?=[\s,]|$)", re.IGNORECASE)
_STARTS = re.compile(r";[ \t]*")


def _starts_statement(text: str) -> bool:
    """Whether `text` begins a statement of its own (after a `;`)."""
    if _WHEN_START.match(text) or form_at(text) is not None:
        return True
    prefix = _kind_prefix(text)
    return prefix is not None and prefix[0] is not None


def split_statements(text: str) -> list[tuple[int, int]]:
    """The spans of the statements on a line: a `;` outside quotes, followed
    by a form (`t:`, `When`, `repair:` …), ends one."""
    spans = quoted_spans(text)
    cuts = [m.start() for m in _STARTS.finditer(text)
            if not inside(m.start(), spans)
            and _starts_statement(text[m.end():])]
    bounds = [0, *cuts, len(text)]
    return [(bounds[i] + (1 if i else 0), bounds[i + 1]) for i in range(len(bounds) - 1)]


def _shifted(error: CaptureError, by: int) -> CaptureError:
    start = None if error.start is None else error.start + by
    end = None if error.end is None else error.end + by
    return CaptureError(error.message, start, end)


def _several(text: str, spans: list[tuple[int, int]], g: MapGraph, ctx: _Context) -> Capture:
    """Statements read in turn, each against the map as the ones before it
    leave it (they are applied, then undone: the caller applies the whole)."""
    applied: list[Edit] = []
    captures: list[Capture] = []
    try:
        if ctx.session is not None and g.session(ctx.session) is None:
            # Today's session, which the caller adds in the same step.
            day = SetItem("sessions", None, Session(id=ctx.session, date=ctx.today))
            day.apply(g)
            applied.append(day)
        for start, end in spans:
            piece = text[start:end]
            lead = len(piece) - len(piece.lstrip())
            try:
                capture = _statement(piece, g, ctx)
                capture.edit.apply(g)
            except CaptureError as error:
                raise _shifted(error, start) from None
            except EditError as error:
                raise CaptureError(str(error), start + lead, end) from None
            applied.append(capture.edit)
            captures.append(capture)
            if capture.loop is not None:
                ctx = replace(ctx, loop=capture.loop)
    finally:
        for edit in reversed(applied):
            edit.undo(g)
    summary = "; ".join(c.summary for c in captures)
    hint = " · ".join(c.hint for c in captures)
    loop = next((c.loop for c in reversed(captures) if c.loop is not None), None)
    ids = tuple(dict.fromkeys(i for c in captures for i in c.node_ids))
    return Capture(Batch([c.edit for c in captures], summary), "several", summary, ids, hint,
                   loop, any(c.private for c in captures))


def parse_capture(text: str, g: MapGraph, *, person: str | None = None,
                  session: str | None = None, selected: str | None = None,
                  loop: tuple[str, ...] | None = None,
                  today: dt.date | None = None) -> Capture:
    """Read one capture line into the edit it stands for (not applied).

    New nodes get `person` and `session` (None leaves them unset); a
    sentence that names a person of the map goes to theirs. The session may
    be one the caller adds in the same undo step (today's, on the first
    edit of a day): it is checked when the edit is applied. `selected` and
    `loop` (the part selected and the loop shown) say which loop `name:`
    names; `today` dates a rupture or repair (default: the computer's day).
    Raises CaptureError, with the span at fault where known, for anything
    it cannot take without guessing.
    """
    if not text.strip():
        raise CaptureError(f"type something first: {GRAMMAR}")
    if len(text) > MAX_LINE:
        raise CaptureError(f"that line is {len(text)} characters: add it in smaller pieces",
                           0, len(text))
    ctx = _Context(person, session, selected, loop, today or dt.date.today())
    Draft(g, person, session)  # refuses a person who is not on the map
    spans = split_statements(text)
    if len(spans) == 1:
        return _statement(text, g, ctx)
    return _several(text, spans, g, ctx)


# -- while typing ------------------------------------------------------------------


#: What a form word will do, while its words are still to come.
FORM_HINTS = {
    "loop": "names the loop through the selected part (or the one shown): type its name",
    "experiment": "plans an experiment: a new response, “— instead of” the move it replaces,"
                  " “, when …” its plan",
    "rupture": "logs a rupture today: what happened (“rupture with Tom:” says with whom)",
    "repair": "adds what reconnected to the last rupture without a repair",
    "person": "adds a person: their name, then their role (“person: Tom, partner”)",
}


def capture_hint(text: str, g: MapGraph, **context: object) -> str:
    """One quiet line about what the typed text will do, or why it cannot yet.
    `context` is what `parse_capture` takes besides the map (the selected part…)."""
    if not text.strip():
        return GRAMMAR
    try:
        return parse_capture(text, g, **context).hint  # type: ignore[arg-type]
    except CaptureError as error:
        spans = split_statements(text)
        if len(spans) > 1:
            start = spans[-1][0]
            if error.start is not None and error.start < start:
                return error.message
            text = text[start:]
            error = _shifted(error, -start)
        return _hint_while_typing(text, g, error)


def _hint_while_typing(text: str, g: MapGraph, error: CaptureError) -> str:
    form = form_at(text)
    if form is not None:
        return FORM_HINTS[form.what] if not tidy_label(text[form.end:]) else error.message
    prefix = _kind_prefix(text)
    if prefix is not None and prefix[0] is not None and not tidy_label(text[prefix[3]:]):
        return f"adds {a_kind(prefix[0])}: type its words"
    arrows = find_arrows(text) if error.message.startswith("type a node after") else []
    if arrows and error.start == arrows[-1][1]:
        # Only the last side is missing: name the node it will start from.
        begin = arrows[-2][1] if len(arrows) > 1 else 0
        d = Draft(g, None, None)
        try:
            node_id = _side(text, begin, arrows[-1][0], d, g, "before")
        except CaptureError:
            return error.message
        return f"links {quoted(d.label(node_id), 30)} → …: type the node it leads to"
    if prefix is None and not is_sentence(text, tuple(g.people)):
        try:
            label = g.node(resolve_node(text, g)).label
        except CaptureError as ref_error:
            return ref_error.message if "could be" in ref_error.message else error.message
        return f"{quoted(label)}: add “-> …” to link it"
    return error.message


def complete_capture(text: str, g: MapGraph) -> str | None:
    """The whole line with the node being typed completed, for ghost text.

    Completes a reference (before or after an arrow) to any node, and a
    sentence part to a node of its kind, so that it is reused; a new node's
    label (`t: …`) is never completed, since it is new. The result starts
    with `text` exactly; None if there is nothing to offer.
    """
    if not text.strip() or len(text) > MAX_LINE:
        return None
    start = split_statements(text)[-1][0]
    if start:  # complete the last statement of several
        rest = complete_capture(text[start:], g)
        return None if rest is None else text[:start] + rest
    kind: NodeKind | None = None
    arrows = list(ARROW.finditer(text))
    prefix = _kind_prefix(text)
    form = form_at(text)
    if form is not None:
        instead = _INSTEAD_TAIL.search(text, form.end) if form.what == "experiment" else None
        if instead is None:
            return None
        kind, begin = NodeKind.STRATEGY, instead.end()
    elif arrows:
        begin = arrows[-1].end()
        tail = _kind_prefix(text[begin:])
        if tail is not None and tail[0] is not None:
            return None
    elif prefix is not None:
        return None
    elif is_sentence(text, tuple(g.people)):
        if not _WHEN_START.match(text) and len(text.strip()) >= 2:
            # "Sam go": a node's label first (to link it), then Sam's move.
            fragment = text.lstrip()
            for node in reversed(g.nodes()):
                if (len(node.label) > len(fragment)
                        and node.label[: len(fragment)].lower() == fragment.lower()):
                    return text + node.label[len(fragment):]
        kind, begin = sentence_tail(text, tuple(g.people))
    else:
        word = text.strip().lower()
        if any(k.startswith(word) for k in (*KIND_WORDS, *FORM_WORDS, "whenever")):
            return None  # a kind word or `When` on its way, not a node
        begin = 0
    fragment = text[begin:].lstrip()
    if len(fragment.strip()) < 2:
        return None
    for node in reversed(g.nodes(kind)):
        label = node.label
        if len(label) > len(fragment) and label[: len(fragment)].lower() == fragment.lower():
            return text + label[len(fragment):]
    return None


__all__ = [
    "ARROW",
    "FORM_HINTS",
    "GRAMMAR",
    "KIND_WORDS",
    "Arrow",
    "Capture",
    "capture_hint",
    "complete_capture",
    "find_arrows",
    "parse_capture",
    "split_statements",
]
