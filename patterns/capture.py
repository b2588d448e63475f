"""The capture line (SPEC section 4): one typed line becomes one undoable edit.

    t: Sam goes quiet                 adds a node (kind words and aliases)
    scared -> texting                 links two nodes, default kind
    texting -provokes-> quiet         links with a kind named in the arrow
    When Sam goes quiet, I feel scared, so I text again, because I need reassurance
                                      adds and links a whole cycle

`parse_capture` builds the edit and does not apply it: the session screen
hands it to `History.do`, so one line is one step of undo. Choices made for
the person typing, mid-session:

- Kind words are case-insensitive and may be spaced (`Trigger : …`); plurals
  (`triggers:`) and a few everyday words (`body`, `thought`, `belief`,
  `emotion`, `new response`) are taken too. `Note: …` is refused, naming the
  kinds (and the nearest one, if it looks like a slip).
- Labels are tidied (`clean_label`): extra spaces, end commas and one closing
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
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from patterns.capture_arrows import ARROW, Arrow, find_arrows
from patterns.capture_draft import Draft, a_kind, kind_name
from patterns.capture_refs import (
    CaptureError,
    check_length,
    clean_label,
    complete_reference,
    quoted,
    resolve_node,
)
from patterns.capture_sentence import is_sentence, sentence_tail, split_sentence
from patterns.edits import Edit
from patterns.graph import MapGraph
from patterns.vocabulary import (
    KIND_ALIASES,
    KIND_PLURALS,
    NodeKind,
    default_link_kind,
    link_phrase,
)

#: The quiet line under an empty capture line.
GRAMMAR = ("t: trigger  f: feeling  s: strategy  n: need  a -> b  "
           "When …, I feel …, so I …, because I need …")
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


@dataclass(frozen=True)
class Capture:
    """What one capture line will do to the map."""

    edit: Edit
    """One undo step: AddNode, AddLink, or a Batch for a sentence or chain."""
    form: Literal["node", "link", "sentence"]
    summary: str
    """For the status line once done: `added trigger “Sam goes quiet”`."""
    node_ids: tuple[str, ...]
    """Nodes added or reused, in reading order (the screen selects the last)."""
    hint: str = field(default="", compare=False)
    """The same in the future tense, for the hint while typing."""


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
    label = clean_label(text[end:])
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


def _sentence_form(text: str, g: MapGraph, d: Draft) -> Capture:
    parts = split_sentence(text)
    ids = [d.node(part.kind, part.label) for part in parts]
    for (a, b), (pa, pb) in zip(zip(ids, ids[1:]), zip(parts, parts[1:])):
        if a == b:
            raise CaptureError(f"{quoted(pb.label)} comes twice in a row", pa.start, pb.end)
        d.link(a, b)
    if not d.edits:
        raise CaptureError("all of that is already on the map", 0, len(text))
    n, k = len(d.new), len(d.links)
    bits = [f"{n} node{'s' if n != 1 else ''}"] if n else []
    bits += [f"{k} link{'s' if k != 1 else ''}"] if k else []
    reused = ", ".join(quoted(d.label(i), 30) for i in d.reused)
    summary = "added " + " and ".join(bits) + (f", reused {reused}" if reused else "")
    hint = " → ".join(
        f"{kind_name(p.kind)} {quoted(p.label, 30)}" + (" (on the map)" if i not in d.new else "")
        for p, i in zip(parts, ids)
    )
    return Capture(d.edit(summary), "sentence", summary, tuple(dict.fromkeys(ids)), hint)


def parse_capture(text: str, g: MapGraph, *, person: str | None = None,
                  session: str | None = None) -> Capture:
    """Read one capture line into the edit it stands for (not applied).

    New nodes get `person` and `session` (None leaves them unset). The
    session may be one the caller adds in the same undo step (today's, on
    the first edit of a day): it is checked when the edit is applied. Raises
    CaptureError, with the span at fault where known, for anything it
    cannot take without guessing.
    """
    if not text.strip():
        raise CaptureError(f"type something first: {GRAMMAR}")
    if len(text) > MAX_LINE:
        raise CaptureError(f"that line is {len(text)} characters: add it in smaller pieces",
                           0, len(text))
    d = Draft(g, person, session)
    arrows = find_arrows(text)
    if arrows:
        return _link_form(text, g, d, arrows)
    prefix = _kind_prefix(text)
    if prefix is not None and prefix[0] is not None:
        kind, word, start, end = prefix
        return _node_form(text, d, kind, word, start, end)
    if is_sentence(text):
        return _sentence_form(text, g, d)
    if prefix is not None:
        raise _not_a_kind(prefix[1], prefix[2], prefix[2] + len(prefix[1]))
    try:
        known = g.node(resolve_node(text, g)).label
    except CaptureError:
        raise CaptureError(
            "start with a kind, like “t: …”, link with “a -> b”, or say “When …, I feel …”",
            0, len(text)) from None
    raise CaptureError(f"{quoted(known)} is on the map: add “-> …” and a node to link it",
                       0, len(text))


# -- while typing ------------------------------------------------------------------


def capture_hint(text: str, g: MapGraph) -> str:
    """One quiet line about what the typed text will do, or why it cannot yet."""
    if not text.strip():
        return GRAMMAR
    try:
        return parse_capture(text, g).hint
    except CaptureError as error:
        return _hint_while_typing(text, g, error)


def _hint_while_typing(text: str, g: MapGraph, error: CaptureError) -> str:
    prefix = _kind_prefix(text)
    if prefix is not None and prefix[0] is not None and not clean_label(text[prefix[3]:]):
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
    if prefix is None and not is_sentence(text):
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
    kind: NodeKind | None = None
    arrows = list(ARROW.finditer(text))
    prefix = _kind_prefix(text)
    if arrows:
        begin = arrows[-1].end()
        tail = _kind_prefix(text[begin:])
        if tail is not None and tail[0] is not None:
            return None
    elif prefix is not None:
        return None
    elif is_sentence(text):
        kind, begin = sentence_tail(text)
    else:
        word = text.strip().lower()
        if any(k.startswith(word) for k in (*KIND_WORDS, "whenever")):
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
    "GRAMMAR",
    "KIND_WORDS",
    "Capture",
    "CaptureError",
    "capture_hint",
    "complete_capture",
    "complete_reference",
    "kind_name",
    "parse_capture",
    "resolve_node",
]
