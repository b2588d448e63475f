"""The capture sentence: `When …, I feel …, so I …, because I need …`.

The parts (SPEC section 4) are introduced by their words:

    When …                          trigger
    I feel … / I felt …             feeling
    I think … / I thought …         meaning ("that" after it is dropped)
    my body … / I notice …          sensation (a `my body` part keeps those
                                    words: its box reads "my body goes stiff")
    so I … / and I … / then I …     strategy
    because I need … / I need …     need

and the ways people say them (the part words, below): "I panic", "I get
anxious", "I'm scared" are feelings, "I freeze" a move, "my stomach drops" a
sensation of its own, and "Tom feels pressured, so he goes quiet, because he
needs room" is Tom's (a person of the map, by name; "he", "she" or "they"
stand for the person named last before them). A line may also begin with its
first part rather than `When` ("I panic, so I call him"): then it has no
trigger, and one part is enough.

`and`, `but`, `so`, `then` or `because` may stand before any of them, up to
two ("so I need …" is a need, "and I think …" a meaning, "and then I …" a
strategy): they belong to the part word, not to the part before. After the trigger come
the inner parts (feeling, meaning, sensation: each at most once, in the order
spoken), then one or more strategies (a sequence of moves: "so I text, then I
call"), then at most one need. One sentence is one person's.

A line is read in two passes: `find_markers` finds every part word, then
`read_sentence` chooses which of them begin parts:
- A comma or semicolon before a part word always begins a new part; a bare
  "I …" after one is a move ("When Sam goes quiet, I text him"), unless it
  names the body or the lexicon knows it as a feeling.
- Without a comma a part word begins a part if it fits the order; if the
  line could be cut in two ways ("When Sam and I argue I feel scared"), it
  is refused with a request for commas rather than guessed.
- Words inside double quotes are never part words (`When Sam says "I need
  space", I feel hurt`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from patterns.capture import CaptureError
from patterns.capture.refs import check_length, inside, quoted_spans, tidy_label
from patterns.capture.speech import (
    BODY_WORDS,
    base_after_joins,
    feeling_at,
    mentions_body,
    style_of,
    verb_at,
)
from patterns.models import Person
from patterns.text import quoted
from patterns.vocabulary import NodeKind, StrategyStyle

#: Marks the person a line is for ("I", "my"), as `Marker.who`.
SELF = "\x00self"
#: Marks a pronoun with no name before it to stand for.
UNKNOWN = "\x00unknown"

#: Part words in one line beyond which the line is refused as too tangled.
MAX_MARKERS = 40

NEEDS_MORE = "a sentence needs “When …” and at least one more part, like “I feel …”"
ORDER = "put the parts in order: When …, I feel / I think / I notice …, so I …, because I need …"

_WHEN = re.compile(r"\s*(when(?:ever)?)(?=[\s,]|$)", re.IGNORECASE)
_INNER_BIT = {NodeKind.FEELING: 1, NodeKind.MEANING: 2, NodeKind.SENSATION: 4}
_ALIAS = {NodeKind.FEELING: "f", NodeKind.MEANING: "m", NodeKind.SENSATION: "b",
          NodeKind.NEED: "n"}
_EMPTY = {
    NodeKind.TRIGGER: "say what sets it off after “When”",
    NodeKind.FEELING: "say the feeling after {cue}",
    NodeKind.MEANING: "say the thought after {cue}",
    NodeKind.SENSATION: "say what the body does after {cue}",
    NodeKind.STRATEGY: "say what you do after {cue}",
    NodeKind.NEED: "say the need after {cue}",
}

# Phases of a sentence: inner parts, then strategies, then the need.
_INNER, _MOVES, _NEED = 0, 1, 2
State = tuple[int, int]  # (inner kinds used, phase)


@dataclass(frozen=True)
class SentencePart:
    """One part of a capture sentence, as it will go on the map."""

    kind: NodeKind
    label: str
    """The words of the part, tidied (`tidy_label`)."""
    start: int
    """Where the part begins in the line, its part word included."""
    end: int
    """Where it ends (before the comma that closes it)."""
    cue: str
    """The words that introduced it, as typed: `When`, `I feel`, `so I`."""
    style: StrategyStyle | None = None
    """For a move, the style its verb usually is ("I freeze": freeze)."""


@dataclass(frozen=True)
class Sentence:
    """A line read as a sentence: its parts, and whose they are."""

    parts: list[SentencePart]
    who: str
    """SELF (the person the line is for) or the id of the person it names."""


def is_sentence(text: str, people: tuple[Person, ...] = ()) -> bool:
    """Whether the line is meant as a sentence: it begins with `When`, or
    with a part word ("I panic", "Tom feels …", "my stomach drops")."""
    if _WHEN.match(text) is not None:
        return True
    markers = find_markers(text, 0, people)
    return bool(markers) and not text[: markers[0].start].strip()


def _step(state: State, kind: NodeKind) -> State | None:
    """The state after one more part of `kind`, or None if it cannot come next."""
    used, phase = state
    if kind in _INNER_BIT:
        bit = _INNER_BIT[kind]
        return None if phase != _INNER or used & bit else (used | bit, _INNER)
    if kind is NodeKind.STRATEGY:
        return None if phase > _MOVES else (used, _MOVES)
    return None if phase == _NEED else (used, _NEED)


# Words that cannot be a part on their own: "I feel like I need …" is one
# feeling, not the feeling "like" and a need.
_FILLERS = {"like", "that", "as if", "so", "and", "but", "then", "because", "to", "if", "when",
            "just", "really", "kind of", "sort of"}


def _has_words(text: str, a: int, b: int) -> bool:
    label = tidy_label(text[a:b])
    return bool(label) and label.lower() not in _FILLERS


def _check_forced(text: str, begin: int, when: re.Match[str] | None,
                  markers: list[Marker]) -> None:
    """The parts a comma marks must stand in order, once each, with words."""
    forced = [mk for mk in markers if mk.forced]
    if when is not None and forced and not _has_words(text, begin, forced[0].start):
        raise CaptureError(_EMPTY[NodeKind.TRIGGER], when.start(1), when.end(1))
    state: State = (0, _INNER)
    seen: list[Marker] = []
    for i, mk in enumerate(forced):
        nxt = _step(state, mk.kind)
        if nxt is None:
            twice = next((s for s in seen if s.kind is mk.kind), None)
            if twice is not None and mk.kind is not NodeKind.STRATEGY:
                raise CaptureError(
                    f"one {quoted(twice.cue)} part per sentence: add the other with"
                    f" “{_ALIAS[mk.kind]}: …”", mk.start, mk.end)
            raise CaptureError(ORDER, mk.start, mk.end)
        state = nxt
        seen.append(mk)
        until = forced[i + 1].start if i + 1 < len(forced) else len(text)
        if not _has_words(text, mk.end, until):
            raise CaptureError(_EMPTY[mk.kind].format(cue=quoted(mk.cue)), mk.start, mk.end)


def _choose(text: str, begin: int, markers: list[Marker], trigger: bool) -> list[int]:
    """The markers that begin parts: every comma-marked one, and as many
    others as fit the order; refused if two cuts fit equally well. Without
    a trigger (`trigger` False) the first marker begins the line's first part."""
    n = len(markers)
    # best[i][state] = (parts, ways (capped at 2), previous marker, previous state)
    best: list[dict[State, tuple[int, int, int, State]]] = [{} for _ in range(n)]
    start_state: State = (0, _INNER)
    for i, mk in enumerate(markers):
        options: list[tuple[int, State, int, int]] = []
        for j in range(i - 1, -1, -1):
            if _has_words(text, markers[j].end, mk.start):
                options += [(j, st, parts, ways) for st, (parts, ways, _, _) in best[j].items()]
            if markers[j].forced:
                break
        else:
            if (_has_words(text, begin, mk.start) if trigger else i == 0):
                options.append((-1, start_state, 0, 1))
        for j, st, parts, ways in options:
            nxt = _step(st, mk.kind)
            if nxt is None:
                continue
            old = best[i].get(nxt)
            if old is None or parts + 1 > old[0]:
                best[i][nxt] = (parts + 1, ways, j, st)
            elif parts + 1 == old[0]:
                best[i][nxt] = (old[0], min(2, old[1] + ways), old[2], old[3])
    finals: list[tuple[int, int, int, State]] = []
    for i in range(n - 1, -1, -1):
        if _has_words(text, markers[i].end, len(text)):
            finals += [(parts, ways, i, st) for st, (parts, ways, _, _) in best[i].items()]
        if markers[i].forced:
            break
    if not finals:
        raise CaptureError(NEEDS_MORE, 0, len(text))
    top = max(f[0] for f in finals)
    winners = [f for f in finals if f[0] == top]
    if sum(f[1] for f in winners) > 1:
        loose = next((mk for mk in markers if not mk.forced), markers[0])
        raise CaptureError(
            "I can't tell where the parts begin: put a comma before each,"
            " like “When …, I feel …, so I …”", loose.start, loose.end)
    _, _, i, st = winners[0]
    chosen = []
    while i >= 0:
        chosen.append(i)
        _, _, i, st = best[i][st]
    return chosen[::-1]


def _one_person(text: str, markers: list[Marker]) -> tuple[str, list[Marker]]:
    """Whose sentence it is (the subject of its first sure part), and the
    markers that may begin its parts: another person's part words inside a
    part are words ("When Sam goes quiet" on a map with Sam), after a
    comma they are refused: one sentence is one person's."""
    lead = next((mk for mk in markers if mk.forced), markers[0])
    if lead.who == UNKNOWN:
        raise CaptureError(f"say who {quoted(lead.subject)} is: a name on the map, like"
                           f" “Tom feels …”", lead.start, lead.end)
    for mk in markers:
        if mk.forced and mk.who != lead.who:
            raise CaptureError(
                "one person per sentence: say the other person's part on a line of its own",
                mk.start, mk.end)
    return lead.who, [mk for mk in markers if mk.who == lead.who]


def read_sentence(text: str, people: tuple[Person, ...] = ()) -> Sentence:
    """The parts of a capture sentence, trigger (if any) first, and whose
    they are; CaptureError with the span at fault if the line cannot be
    read as one. `people` are the map's, whose names may be subjects."""
    when = _WHEN.match(text)
    begin = when.end() if when is not None else 0
    markers = find_markers(text, begin, people)
    if len(markers) > MAX_MARKERS:
        raise CaptureError("that sentence has too many parts to read: split it up", 0, len(text))
    if not markers or (when is None and text[: markers[0].start].strip()):
        raise CaptureError(NEEDS_MORE, 0, len(text))
    who, markers = _one_person(text, markers)
    _check_forced(text, begin, when, markers)
    chosen = [markers[i] for i in _choose(text, begin, markers, when is not None)]
    pieces: list[tuple[NodeKind, int, int, str, Marker | None]] = []
    if when is not None:
        pieces.append((NodeKind.TRIGGER, when.start(1), begin, when.group(1), None))
    pieces += [(mk.kind, mk.start, mk.label_start, mk.cue, mk) for mk in chosen]
    parts = []
    for k, (kind, start, label_start, cue, mk) in enumerate(pieces):
        until = pieces[k + 1][1] if k + 1 < len(pieces) else len(text)
        end = start + len(text[start:until].rstrip(" \t,;"))
        words = text[label_start:until]
        if mk is not None and mk.verb is not None:  # "he goes quiet": his "go quiet"
            words = base_after_joins(mk.verb[1] + words[mk.verb[0]:])
        label = tidy_label(words)
        check_length(label, start, end, f"the {kind.value} part")
        style = (mk.style if mk is not None and mk.style else style_of(label)) \
            if kind is NodeKind.STRATEGY else None
        parts.append(SentencePart(kind, label, start, end, cue, style))
    return Sentence(parts, who)


def sentence_tail(text: str, people: tuple[Person, ...] = ()) -> tuple[NodeKind, int]:
    """The kind of the part being typed at the end of a sentence, and where
    its words begin (for completing it to a node of that kind)."""
    when = _WHEN.match(text)
    kind, begin = NodeKind.TRIGGER, when.end() if when else 0
    for mk in find_markers(text, begin, people):
        kind, begin = mk.kind, mk.label_start
    return kind, begin


# -- part words ------------------------------------------------------------------
#
# A part word is a subject and what follows it: "I feel", "so I", "Tom feels",
# "he goes quiet", "my stomach", "I'm scared". What a subject says decides the
# kind of the part it may begin:
#
#     I feel / Tom feels / he felt …        feeling
#     I think / she thinks (that) …         meaning
#     I notice / he noticed (that) …        sensation
#     I need / Tom needs …                  need
#     I'm / I get / he becomes + a feeling  feeling ("I get anxious": "anxious")
#     I panic / he worries …                feeling (`speech` lists the verbs)
#     I freeze / he goes quiet …            strategy, with its usual style
#     I shake / I can't breathe …           sensation
#     my stomach / his chest / Tom's jaw …  sensation (the words are kept)
#     so I / and he / then Tom …            strategy (any other verb)
#     , I … (a bare subject after a comma)  strategy; a sensation if it names the
#                                           body; a meaning if it is "I'm …",
#                                           "I've …", "I'll …"
#
# A subject is "I" (the person the line is for), a person of the map by name,
# or "he", "she", "they" (the person named last before it on the line).

BREAKS = (",", ";", ".", "—", "–")
_PRONOUNS = ("he", "she", "they")
_POSSESSIVES = {"my": None, "his": "he", "her": "she", "their": "they"}
_INNER_VERBS = [
    (re.compile(r"\s+(feel|feels|felt)(?![\w'’])", re.I), NodeKind.FEELING),
    (re.compile(r"\s+(think|thinks|thought)(?:\s+that)?(?![\w'’])", re.I), NodeKind.MEANING),
    (re.compile(r"\s+(notice|notices|noticed)(?:\s+that)?(?![\w'’])", re.I), NodeKind.SENSATION),
    (re.compile(r"\s+(need|needs|needed)(?![\w'’])", re.I), NodeKind.NEED),
]
_BE = re.compile(r"(?:['’](?:m|s|re)|\s+(?:am|is|are|was|were))(?![\w'’])", re.I)
_HAVE_WILL = re.compile(r"['’](?:ve|d|ll)(?![\w'’])", re.I)
_BECOME = re.compile(r"\s+(?:get|gets|got|getting|become|becomes|became|go|goes|went)\s+",
                     re.I)
_HAVE = re.compile(r"(?:get|gets|got|have|has|had)\s+(?=\S)", re.I)
_STRATEGY_LEADS = {"so", "and", "then"}
_IRREGULAR_BASE = {"goes": "go", "does": "do", "has": "have", "is": "be"}


@dataclass(frozen=True)
class Marker:
    """A place where a part of a sentence may begin."""

    kind: NodeKind
    start: int
    """Where its words begin, a leading `and`/`so` included."""
    end: int
    """Where its part words end ("I feel", "so I", "my stomach")."""
    label_start: int
    """Where the part's label begins (`my stomach drops` and `I'm …` keep their words)."""
    forced: bool
    """A break (a comma, the line's start) stands before it: it surely begins a part."""
    cue: str
    """The part words as typed, for messages: `I feel`, `so I`, `Tom feels`."""
    who: str
    """Whose part: SELF, a person id, or UNKNOWN (a pronoun without a name)."""
    subject: str
    """The subject as typed: `I`, `he`, `Tom`, `my`."""
    verb: tuple[int, str] | None = None
    """(length, base form) of a verb at the label's start to say in its base
    form ("he goes quiet" is Tom's "go quiet"), or None."""
    style: StrategyStyle | None = None
    """A move's usual style, where its verb says it."""


def _names(people: tuple[Person, ...]) -> dict[str, str]:
    """Each person's name (and id), lowercased, to their id: pronouns and "I" never."""
    out: dict[str, str] = {}
    for p in people:
        for name in (p.name, p.id):
            key = " ".join(name.split()).lower()
            if key and key not in ("i", "me", "my", *_PRONOUNS, *_POSSESSIVES):
                out.setdefault(key, p.id)
    return out


@lru_cache(maxsize=32)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len,
                                                                     reverse=True))
    named = f"|{alt}" if alt else ""
    body = "|".join(sorted(BODY_WORDS, key=len, reverse=True))
    return re.compile(
        rf"""(?<![\w'’])
        (?P<lead>(?:(?:and|but|so|then|because)\s+){{0,2}})
        (?:
            (?P<poss>my|his|her|their{f"|(?:{alt})['’]s" if alt else ""})\s+(?P<body>{body})
          | (?P<subj>I|he|she|they{named})
        )(?![\w])""",
        re.IGNORECASE | re.VERBOSE,
    )


def _third_base(word: str) -> str:
    """`goes` -> `go`, `sighs` -> `sigh`, `cries` -> `cry`: a verb said of
    someone else in the form a box on their side reads."""
    low = word.lower()
    if low in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[low]
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("shes", "ches", "xes", "sses", "zes")):
        return word[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        return word[:-1]
    return word


def _clause_end(text: str, at: int) -> int:
    """Where the clause that begins at `at` ends: the next break, or the line's end."""
    ends = [i for i in (text.find(b, at) for b in BREAKS) if i != -1]
    return min(ends, default=len(text))


def find_markers(text: str, begin: int, people: tuple[Person, ...] = ()) -> list[Marker]:
    """Every part word in `text` from `begin`, in order (not inside quotes)."""
    names = _names(people)
    spans = quoted_spans(text)
    found: list[Marker] = []
    for m in _pattern(tuple(names)).finditer(text, begin):
        if inside(m.start(), spans):
            continue
        marker = _read(text, m, names)
        if marker is not None:
            found.append(marker)
    return found


def _who(text: str, at: int, word: str, names: dict[str, str]) -> str:
    """Whose part a subject or possessive at `at` names."""
    low = " ".join(word.split()).lower()
    if low in ("i", "my"):
        return SELF
    if low in names:
        return names[low]
    if low.endswith(("'s", "’s")) and low[:-2] in names:
        return names[low[:-2]]
    # A pronoun: the person named last before it.
    last = None
    for m in _pattern(tuple(names)).finditer(text, 0, at) if names else ():
        word2 = m.group("subj") or m.group("poss") or ""
        key = " ".join(word2.split()).lower()
        key = key[:-2] if key.endswith(("'s", "’s")) else key
        if key in names:
            last = names[key]
    return last or UNKNOWN


def _read(text: str, m: re.Match[str], names: dict[str, str]) -> Marker | None:
    """The marker a subject (or possessive) match stands for, or None."""
    start = m.start()
    forced = not text[:start].strip() or text[:start].rstrip().endswith(BREAKS)
    leads = m.group("lead").split()
    led = bool(leads) and leads[-1].lower() in _STRATEGY_LEADS
    if m.group("poss") is not None:
        word = m.group("poss")
        # "my body" always; another part of the body after a break or a joining word
        # ("…, my stomach drops", "and his jaw tightens"), not inside a clause
        # ("When Sam touches my hand").
        if not (forced or leads or (word.lower() == "my" and m.group("body").lower() == "body")):
            return None
        return Marker(NodeKind.SENSATION, start, m.end(), m.start("poss"), forced,
                      " ".join(m.group(0)[len(m.group("lead")):].split()),
                      _who(text, m.start("poss"), word, names), word)
    subject = m.group("subj")
    who = _who(text, m.start("subj"), subject, names)
    first = subject.lower() == "i"
    after = m.end()
    cue_start = m.start("subj") if not leads else start

    def marker(kind: NodeKind, end: int, label_start: int, *, verb: tuple[int, str] | None = None,
               style: StrategyStyle | None = None, cue_end: int | None = None) -> Marker:
        cue = " ".join(text[cue_start:cue_end or end].split())
        return Marker(kind, start, end, label_start, forced, cue, who, subject, verb, style)

    def first_word(at: int) -> int:
        """Where the word said at `at` ends: the cue of a message reads "I panic"."""
        word = re.match(r"[\w'’]+", text[at:])
        return at + word.end() if word else at

    for pattern, kind in _INNER_VERBS:
        inner = pattern.match(text, after)
        if inner is not None:
            return marker(kind, inner.end(), inner.end())
    be = _BE.match(text, after)
    if be is not None:
        rest = be.end() + len(text[be.end():]) - len(text[be.end():].lstrip())
        at = feeling_at(text[rest:])
        if at is not None and (first or forced or led):
            return marker(NodeKind.FEELING, rest, rest + at, cue_end=first_word(rest + at))
        if first and (forced or led):
            return marker(NodeKind.MEANING, be.end(), m.start("subj"))  # "I'm too much…" whole
        return None
    if _HAVE_WILL.match(text, after):
        return marker(NodeKind.MEANING, after, m.start("subj")) if first and forced else None
    words = text[after:]
    rest = after + len(words) - len(words.lstrip())
    if rest == after or rest >= len(text):
        # Nothing said after it: "so I" at the end still begins a part (to say
        # what is missing); a bare "I" there is just a word.
        return marker(NodeKind.STRATEGY, after, after) if led or (forced and first) else None
    verb = verb_at(text[rest:])
    become = _BECOME.match(text, after)
    if verb is None and become is not None:
        at = feeling_at(text[become.end():])
        if at is not None and (first or forced or led):
            return marker(NodeKind.FEELING, become.end(), become.end() + at,
                          cue_end=first_word(become.end() + at))
    if not (forced or led or (first and verb is not None)):
        return None
    base = None
    if not first and subject.lower() != "they":
        word = re.match(r"[\w'’]+", text[rest:])
        if verb is not None:
            base = (verb.length, verb.base)
        elif word is not None:
            base = (word.end(), _third_base(word.group()))
    if verb is not None:
        return marker(verb.kind, after, rest, verb=base, style=verb.style,
                      cue_end=rest + verb.length)
    clause = text[rest:_clause_end(text, rest)]
    if mentions_body(clause):
        # "I get a knot in my stomach": the sensation is "a knot in my stomach".
        have = _HAVE.match(text, rest)
        return marker(NodeKind.SENSATION, after, have.end() if have else rest,
                      cue_end=first_word(rest))
    return marker(NodeKind.STRATEGY, after, rest, verb=base,
                  cue_end=None if led else first_word(rest))


__all__ = ["MAX_MARKERS", "NEEDS_MORE", "SELF", "UNKNOWN", "Marker", "Sentence", "SentencePart",
           "find_markers", "is_sentence", "read_sentence", "sentence_tail"]
