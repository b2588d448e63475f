"""How people say the parts of a pattern: a small lexicon for the capture line.

A therapist types what the client says. "I panic" and "I get anxious" are
feelings, "I freeze" and "he goes quiet" are protective moves, "I shake" and
"my stomach drops" are the body. This module knows only the words: which
verbs name a feeling, a move (and its style) or a body response, which words
after "I'm" or "I get" are feelings, and which words are parts of the body.
`patterns.capture.sentence` uses it to cut a line into parts.

The lists are short on purpose: a word missing here falls back to the
sentence's own rules (a bare "I …" after a comma is a move), and the hint
under the capture line says what a line will add before Enter is pressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from patterns.vocabulary import NodeKind, StrategyStyle

_S = StrategyStyle

#: Feelings said after "I'm", "I get", "I become", "he's"… ("I get anxious").
FEELING_WORDS = frozenset("""
    afraid alone angry annoyed anxious ashamed abandoned agitated awful betrayed
    confused cross crushed defeated desperate devastated disappointed disgusted
    embarrassed empty envious exhausted frantic frightened frustrated furious
    guilty heartbroken helpless hopeless humiliated hurt ignored inadequate
    insecure invisible irritated isolated jealous lonely lost low mad miserable
    nervous numb overwhelmed panicky panicked rejected resentful sad scared shaky
    shocked small stressed stupid tense terrified trapped unloved unsafe unseen
    unwanted upset useless vulnerable worried worthless wound wounded
""".split())

#: Words that may stand between "I get" and the feeling ("I get really anxious").
INTENSIFIERS = frozenset("really so very quite too a bit little kind sort of pretty"
                         " totally completely all more".split())

#: Verbs that are a feeling on their own: "I panic", "he worries".
FEELING_VERBS = ("panic", "worry", "freak out", "dread", "despair", "cry", "fall apart",
                 "crumble", "spiral", "sulk")

#: Moves (protective strategies) by their verb, with the style each usually is.
STRATEGY_VERBS: dict[str, StrategyStyle] = {
    # freezing
    "freeze": _S.FREEZE, "freeze up": _S.FREEZE, "go blank": _S.FREEZE, "lock up": _S.FREEZE,
    # moving away
    "shut down": _S.WITHDRAW, "go quiet": _S.WITHDRAW, "go silent": _S.WITHDRAW,
    "go cold": _S.WITHDRAW, "withdraw": _S.WITHDRAW, "pull away": _S.WITHDRAW,
    "walk away": _S.WITHDRAW, "walk out": _S.WITHDRAW, "leave the room": _S.WITHDRAW,
    "hide": _S.WITHDRAW, "avoid": _S.WITHDRAW, "clam up": _S.WITHDRAW,
    "stonewall": _S.WITHDRAW, "retreat": _S.WITHDRAW, "disappear": _S.WITHDRAW,
    "get quiet": _S.WITHDRAW, "get distant": _S.WITHDRAW, "get cold": _S.WITHDRAW,
    # numbing
    "numb out": _S.NUMB, "zone out": _S.NUMB, "switch off": _S.NUMB, "tune out": _S.NUMB,
    "drink": _S.NUMB, "scroll": _S.NUMB, "binge": _S.NUMB,
    # moving against
    "shout": _S.ATTACK, "yell": _S.ATTACK, "snap": _S.ATTACK, "criticise": _S.ATTACK,
    "criticize": _S.ATTACK, "blame": _S.ATTACK, "attack": _S.ATTACK, "lash out": _S.ATTACK,
    "nag": _S.ATTACK, "get defensive": _S.ATTACK, "get angry at": _S.ATTACK,
    "slam": _S.ATTACK, "argue": _S.ATTACK,
    # moving towards, to please
    "apologise": _S.APPEASE, "apologize": _S.APPEASE, "give in": _S.APPEASE,
    "placate": _S.APPEASE, "please": _S.APPEASE, "smooth it over": _S.APPEASE,
    "say sorry": _S.APPEASE, "agree": _S.APPEASE,
    # moving towards, to close the gap
    "chase": _S.PURSUE, "pursue": _S.PURSUE, "text": _S.PURSUE, "call": _S.PURSUE,
    "ring": _S.PURSUE, "message": _S.PURSUE, "follow": _S.PURSUE, "push": _S.PURSUE,
    "demand": _S.PURSUE, "cling": _S.PURSUE, "get clingy": _S.PURSUE,
    # watching
    "check": _S.HYPERVIGILANCE, "watch": _S.HYPERVIGILANCE, "scan": _S.HYPERVIGILANCE,
    "monitor": _S.HYPERVIGILANCE, "listen for": _S.HYPERVIGILANCE,
    # asking
    "ask if": _S.REASSURANCE_SEEKING, "ask whether": _S.REASSURANCE_SEEKING,
    "seek reassurance": _S.REASSURANCE_SEEKING, "ask for reassurance": _S.REASSURANCE_SEEKING,
}

#: Verbs that are the body's response: "I shake", "he goes red".
SENSATION_VERBS = ("shake", "tremble", "sweat", "blush", "go red", "go pale", "tense up",
                   "tighten up", "can't breathe", "cannot breathe", "go numb")

#: Parts of the body: "my stomach drops" is a sensation wherever it is said.
BODY_WORDS = frozenset("""
    stomach tummy belly gut chest heart throat hands hand fists shoulders shoulder
    jaw breath breathing lungs head neck face cheeks skin legs knees arms back
    muscles body
""".split())

_IRREGULAR_PAST = {"freeze": "froze", "go": "went", "shut": "shut", "get": "got",
                   "withdraw": "withdrew", "hide": "hid", "give": "gave", "fall": "fell",
                   "lock": "locked", "shake": "shook", "say": "said", "ring": "rang",
                   "cling": "clung",
                   "drink": "drank", "can't": "couldn't", "cannot": "could not",
                   "feel": "felt", "leave": "left", "tighten": "tightened"}
_IRREGULAR_THIRD = {"go": "goes", "can't": "can't", "cannot": "cannot", "do": "does"}


def _third(verb: str) -> str:
    if verb in _IRREGULAR_THIRD:
        return _IRREGULAR_THIRD[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    if verb == "panic":
        return "panicked"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb):
        return verb + verb[-1] + "ed"  # snap -> snapped
    return verb + "ed"


def _forms(phrase: str) -> dict[str, str]:
    """Every spelling of a verb phrase, mapped to its base form."""
    first, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    return {f"{form}{tail}": phrase for form in (first, _third(first), _past(first))}


@dataclass(frozen=True)
class Verb:
    """A verb phrase the lexicon knows, as it was found at the start of some words."""

    kind: NodeKind
    """What the phrase names: a feeling, a strategy or a sensation."""
    base: str
    """The phrase in its base form ("go quiet" for "goes quiet")."""
    length: int
    """How many characters of the words it took."""
    style: StrategyStyle | None = None
    """For a move, the style it usually is."""


def _table() -> list[tuple[str, NodeKind, str, StrategyStyle | None]]:
    rows: list[tuple[str, NodeKind, str, StrategyStyle | None]] = []
    for phrase in FEELING_VERBS:
        rows += [(form, NodeKind.FEELING, base, None) for form, base in _forms(phrase).items()]
    for phrase, style in STRATEGY_VERBS.items():
        rows += [(form, NodeKind.STRATEGY, base, style)
                 for form, base in _forms(phrase).items()]
    for phrase in SENSATION_VERBS:
        rows += [(form, NodeKind.SENSATION, base, None)
                 for form, base in _forms(phrase).items()]
    # The longest phrase first, so "go quiet" wins over "go".
    return sorted(rows, key=lambda row: -len(row[0]))


_TABLE = _table()
_APOSTROPHES = str.maketrans({"’": "'"})


def verb_at(words: str) -> Verb | None:
    """The lexicon's verb phrase that `words` begin with ("goes quiet and…"), or None."""
    low = words.translate(_APOSTROPHES).lower()
    for form, kind, base, style in _TABLE:
        if low.startswith(form) and (len(low) == len(form) or not low[len(form)].isalnum()):
            return Verb(kind, base, len(form), style)
    return None


def feeling_at(words: str) -> int | None:
    """Where the feeling word begins if `words` begin with one, after any
    intensifiers ("really anxious" -> 7); None if they do not."""
    at = 0
    for m in re.finditer(r"[^\W\d_]+", words):
        if words[at:m.start()].strip():  # something that is not a word between
            return None
        word = m.group().lower()
        if word in FEELING_WORDS:
            return m.start()
        if word not in INTENSIFIERS:
            return None
        at = m.end()
    return None


_JOIN = re.compile(r"(?:\b(?:and|then|or)|,)\s+", re.IGNORECASE)


def base_after_joins(words: str) -> str:
    """Moves the lexicon knows, said of someone else after "and" or "then",
    in their base form: "go quiet and shuts down" -> "go quiet and shut down"."""
    out, at = [], 0
    for m in _JOIN.finditer(words):
        verb = verb_at(words[m.end():])
        if verb is not None and words[m.end():m.end() + verb.length].lower() != verb.base:
            out += [words[at:m.end()], verb.base]
            at = m.end() + verb.length
    return "".join(out) + words[at:]


def style_of(label: str) -> StrategyStyle | None:
    """The usual style of a move from its first words ("text him again" -> pursue)."""
    verb = verb_at(label)
    return verb.style if verb is not None and verb.kind is NodeKind.STRATEGY else None


def mentions_body(words: str) -> bool:
    """Whether `words` name a part of the body ("a knot in my stomach")."""
    return any(w.lower() in BODY_WORDS for w in re.findall(r"[^\W\d_]+", words))


__all__ = ["BODY_WORDS", "FEELING_VERBS", "FEELING_WORDS", "INTENSIFIERS", "SENSATION_VERBS",
           "STRATEGY_VERBS", "Verb", "base_after_joins", "feeling_at", "mentions_body",
           "style_of", "verb_at"]
