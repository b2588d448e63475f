"""Part words of a capture sentence: where a part may begin, its kind, and whose it is.

A part word is a subject and what follows it: "I feel", "so I", "Tom feels",
"he goes quiet", "my stomach", "I'm scared". `find_markers` finds every one
in a line; `patterns.capture.sentence` then chooses which of them begin
parts. What a subject says decides the kind:

    I feel / Tom feels / he felt …        feeling
    I think / she thinks (that) …         meaning
    I notice / he noticed (that) …        sensation
    I need / Tom needs …                  need
    I'm / I get / he becomes + a feeling  feeling ("I get anxious": "anxious")
    I panic / he worries …                feeling (patterns.capture.speech lists the verbs)
    I freeze / he goes quiet …            strategy, with its usual style
    I shake / I can't breathe …           sensation
    my stomach / his chest / Tom's jaw …  sensation (the words are kept)
    so I / and he / then Tom …            strategy (any other verb)
    , I … (a bare subject after a comma)  strategy; a sensation if it names the
                                          body; a meaning if it is "I'm …",
                                          "I've …", "I'll …"

A subject is "I" (the person the line is for), a person of the map by name,
or "he", "she", "they" (the person named last before it on the line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from patterns.capture.speech import BODY_WORDS, feeling_at, verb_at
from patterns.models import Person
from patterns.vocabulary import NodeKind, StrategyStyle

#: Marks the person a line is for ("I", "my"), as `Marker.who`.
SELF = "\x00self"
#: Marks a pronoun with no name before it to stand for.
UNKNOWN = "\x00unknown"

BREAKS = (",", ";", ".", "—", "–")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
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


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text in double quotes, which protect what is inside."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


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
    if any(w.lower() in BODY_WORDS for w in re.findall(r"[^\W\d_]+", clause)):
        # "I get a knot in my stomach": the sensation is "a knot in my stomach".
        have = _HAVE.match(text, rest)
        return marker(NodeKind.SENSATION, after, have.end() if have else rest,
                      cue_end=first_word(rest))
    return marker(NodeKind.STRATEGY, after, rest, verb=base,
                  cue_end=None if led else first_word(rest))


__all__ = ["BREAKS", "SELF", "UNKNOWN", "Marker", "find_markers", "inside", "quoted_spans"]
