"""Pattern sentences: the map read aloud in the client's own words.

Every path trigger -> (meaning | sensation | feeling)... -> strategy -> need
reads as one sentence (SPEC section 2):

    When Sam goes quiet after a disagreement, I feel scared of being left,
    so I text again and again, because I need reassurance that we're ok.

A part that is missing is left out of the sentence, never printed as "None":
a path with no feeling reads "When ..., I think ..., so I ...", and a move
that longs for no need yet ends at the move. A sentence belongs to the person
whose strategy it is, and sentences are grouped by person, in the order the
map lists its people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel

from patterns.graph import MapGraph
from patterns.models import Node
from patterns.reading import MapReading, reading_of
from patterns.vocabulary import LinkKind, NodeKind

#: Inner parts (feelings, meanings, sensations) one sentence walks through at
#: most; longer chains are still found through their shorter neighbours.
MAX_INNER = 4
#: Most sentences listed: beyond this a list stops being read.
MAX_SENTENCES = 60

_INNER = (NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION)

Voice = Literal["first", "second"]


class PatternSentence(BaseModel):
    """One path of the pattern, read as a sentence."""

    person: str | None
    """Whose sentence it is: the person whose strategy it describes (None on
    a map without people)."""
    node_ids: list[str]
    """The path: a trigger, the inner parts, a strategy, and a need if any."""
    text: str
    """The sentence in the first person ("When ..., I feel ...")."""


def find_sentences(g: MapGraph | MapReading, *,
                   limit: int = MAX_SENTENCES) -> tuple[list[PatternSentence], bool]:
    """Every pattern sentence of the map, grouped by person, without repeats;
    and whether the list was cut at `limit`."""
    view = reading_of(g)
    triggers = view.of_kind(NodeKind.TRIGGER)
    enough = limit * 4  # room to drop duplicates and still fill the list
    # Each trigger gets its share, so one busy corner cannot crowd out the rest.
    share = max(8, enough // max(1, len(triggers)))
    paths: list[list[str]] = []
    cut = False
    for trigger in triggers:
        for i, path in enumerate(_paths_from(view, trigger.id)):
            if i == share or len(paths) == enough:
                cut = True
                break
            paths.append(path)
    people, seq = view.person_rank, view.seq

    def owner(path: list[str]) -> str | None:
        return view.owner[path[-2] if view.kind(path[-1]) is NodeKind.NEED else path[-1]]

    paths.sort(key=lambda p: (people[o] if (o := owner(p)) else -1, [seq[n] for n in p]))
    sentences: list[PatternSentence] = []
    seen: set[str] = set()
    for path in paths:
        text = sentence_text_for(view, path, "first")
        if text.casefold() in seen:
            continue
        if len(sentences) == limit:
            cut = True
            break
        seen.add(text.casefold())
        sentences.append(PatternSentence(person=owner(path), node_ids=path, text=text))
    return sentences, cut


def sentence_text(s: PatternSentence, g: MapGraph | MapReading, voice: Voice = "first") -> str:
    """The sentence in the first person ("I feel") or the second ("you feel"),
    for the client reading their own map at home."""
    return sentence_text_for(g, s.node_ids, voice)


def sentence_text_for(g: MapGraph | MapReading, path: list[str], voice: Voice = "first") -> str:
    """The sentence for a path trigger -> inner parts -> strategy [-> need]."""
    view = reading_of(g)
    nodes = [view.node[n] for n in path]
    subject = "I" if voice == "first" else "you"
    own = _own if voice == "first" else _yours
    trigger, rest = nodes[0], nodes[1:]
    need = rest.pop() if rest and rest[-1].kind is NodeKind.NEED else None
    strategy = rest.pop() if rest and rest[-1].kind is NodeKind.STRATEGY else None
    clauses = [own(_when(trigger.label))]
    inner = _inner_clauses(view, rest, subject)
    clauses += inner
    if strategy is not None:
        move = own(_strip(strategy.label, ("i ",)))
        clauses.append(f"{'so ' if inner else ''}{subject} {move}")
    text = ", ".join(clauses)
    if need is not None:
        text += f", because {subject} need {own(_strip(need.label, ('i need ',)))}"
    return text + ("" if text.endswith((".", "!", "?")) else ".")


def _paths_from(view: MapReading, trigger: str) -> Iterator[list[str]]:
    """Paths trigger -> inner... -> strategy [-> need], depth first."""
    path = [trigger]

    def walk(node_id: str) -> Iterator[list[str]]:
        for link in view.out[node_id]:
            target = link.target
            if target in path:
                continue
            kind = view.kind(target)
            if kind is NodeKind.STRATEGY:
                needs = [lk.target for lk in view.out[target]
                         if lk.kind is LinkKind.LONGS_FOR and view.kind(lk.target) is NodeKind.NEED]
                if needs:
                    for need in needs:
                        yield [*path, target, need]
                else:
                    yield [*path, target]
            elif kind in _INNER and len(path) <= MAX_INNER and link.kind is not LinkKind.BLOCKS:
                path.append(target)
                yield from walk(target)
                path.pop()

    yield from walk(trigger)


def _inner_clauses(view: MapReading, parts: list[Node], subject: str) -> list[str]:
    """Feelings, thoughts and body parts in path order; feelings next to each
    other share one "I feel" ("I feel hurt and angry")."""
    clauses: list[str] = []
    feelings: list[str] = []

    def close_feelings() -> None:
        if feelings:
            clauses.append(f"{subject} feel {_join(feelings)}")
            feelings.clear()

    own = _own if subject == "I" else _yours
    previous = None
    for node in parts:
        if node.kind is NodeKind.FEELING:
            label = own(_strip(node.label, ("i feel ", "feeling ")))
            masked = previous is not None and previous.kind is NodeKind.FEELING and \
                view.has_link(previous.id, node.id, LinkKind.MASKS)
            # A surface feeling masks a core one: say what lies underneath.
            feelings.append(f"{_UNDERNEATH}{label}" if masked else label)
        else:
            close_feelings()
            if node.kind is NodeKind.MEANING:
                clauses.append(_thought(node.label, subject))
            else:
                clauses.append(own(_body(node.label, subject)))
        previous = node
    close_feelings()
    return clauses


def _when(label: str) -> str:
    text = _strip(label, ("when ",))
    # A trigger written as a thing ("a stream of messages") needs a verb.
    if text.lower().startswith(("a ", "an ", "another ", "no ", "some ", "too much ",
                                "too many ", "lots of ")):
        text = f"there's {text}"
    return f"When {text}"


def _thought(label: str, subject: str) -> str:
    text = _strip(label, ("i think ", "i think that "))
    if subject == "I":
        return f"I think {text}"
    # The client's thought stays in their words, quoted, so "I" stays theirs.
    first_person = text.lower().split()[0] in ("i", "i'm", "i've", "i'll", "my", "me", "we", "we're")
    return f"you think “{text}”" if first_person else f"you think {text}"


def _body(label: str, subject: str) -> str:
    # "my chest tightens" reads as it is; "tight chest" is something noticed.
    if label.lower().startswith("my "):
        return label
    return f"{subject} notice {_strip(label, ('i notice ',))}"


_FIRST_PERSON = re.compile(
    r"\b(i am|i['’]m|i['’]ve|i['’]ll|i['’]d|myself|mine|my|me|i)\b", re.IGNORECASE)
_SECOND_PERSON = {"i am": "you are", "i'm": "you're", "i've": "you've", "i'll": "you'll",
                  "i'd": "you'd", "myself": "yourself", "mine": "yours", "my": "your",
                  "me": "you", "i": "you"}


def _own(text: str) -> str:
    return text


def _yours(text: str) -> str:
    """The client's words turned to face them: "my mother" -> "your mother"."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        said = _SECOND_PERSON[word.lower().replace("’", "'")]
        return said.replace("'", "’") if "’" in word else said

    return _FIRST_PERSON.sub(swap, text)


def _strip(label: str, prefixes: tuple[str, ...]) -> str:
    """The label without a lead-in the sentence already says ("I feel ...")."""
    lowered = label.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix) and len(label) > len(prefix):
            return label[len(prefix):]
    return label


_UNDERNEATH = "\0underneath "


def _join(items: list[str]) -> str:
    """a; a and b; a, b and c; and a masked feeling as "a, and underneath, b"."""
    groups: list[list[str]] = [[]]
    for item in items:
        if item.startswith(_UNDERNEATH):
            groups.append([item[len(_UNDERNEATH):]])
        else:
            groups[-1].append(item)
    said = [_and(group) for group in groups if group]
    return ", and underneath that, ".join(said)


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
