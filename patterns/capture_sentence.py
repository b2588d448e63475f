"""Reading the capture sentence: `When …, I feel …, so I …, because I need …`.

The parts (SPEC section 4) are introduced by their words:

    When …                          trigger
    I feel … / I felt …             feeling
    I think … / I thought …         meaning ("that" after it is dropped)
    my body … / I notice …          sensation (a `my body` part keeps those
                                    words: its box reads "my body goes stiff")
    so I … / and I … / then I …     strategy
    because I need … / I need …     need

`and`, `but`, `so`, `then` or `because` may stand before any of them, up to
two ("so I need …" is a need, "and I think …" a meaning, "and then I …" a
strategy): they belong to the part word, not to the part before. After the trigger come
the inner parts (feeling, meaning, sensation: each at most once, in the order
spoken), then one or more strategies (a sequence of moves: "so I text, then I
call"), then at most one need.

Where a part begins:
- A comma or semicolon before a part word always begins a new part.
- Without a comma a part word begins a part if it fits the order; if the
  line could be cut in two ways ("When Sam and I argue I feel scared"), it
  is refused with a request for commas rather than guessed.
- Words inside double quotes are never part words (`When Sam says "I need
  space", I feel hurt`).
- A comma followed by a bare `I …` that is not a part word (", I text") is
  refused: it is unclear whether it is a move or a feeling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from patterns.capture_refs import CaptureError, check_length, clean_label, quoted
from patterns.vocabulary import NodeKind

#: Part words in one line beyond which the line is refused as too tangled.
MAX_MARKERS = 40

NEEDS_MORE = "a sentence needs “When …” and at least one more part, like “I feel …”"
ORDER = "put the parts in order: When …, I feel / I think / I notice …, so I …, because I need …"

_WHEN = re.compile(r"\s*(when(?:ever)?)(?=[\s,]|$)", re.IGNORECASE)
_MARKERS = re.compile(
    r"""(?<![\w'’])
    (?:
      (?:(?:and|but|so|then|because)\s+){0,2}
      (?:
         (?P<feeling>I\s+(?:feel|felt))
       | (?P<meaning>I\s+(?:think|thought)(?:\s+that)?)
       | (?P<notice>I\s+(?:notice|noticed)(?:\s+that)?)
       | (?P<body>my\s+body)
       | (?P<need>I\s+(?:need|needed))
      )
    | (?:(?:and|but)\s+)?(?P<strategy>(?:so|and|then)\s+I)(?=\s|$)
    )(?![\w'’])""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE_I = re.compile(r"[,;]\s*(I\s+[\w'’]+)", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_BREAKS = (",", ";", ".", "—", "–")

_KINDS = {
    "feeling": NodeKind.FEELING,
    "meaning": NodeKind.MEANING,
    "notice": NodeKind.SENSATION,
    "body": NodeKind.SENSATION,
    "strategy": NodeKind.STRATEGY,
    "need": NodeKind.NEED,
}
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
    """The words of the part, tidied (`clean_label`)."""
    start: int
    """Where the part begins in the line, its part word included."""
    end: int
    """Where it ends (before the comma that closes it)."""
    cue: str
    """The words that introduced it, as typed: `When`, `I feel`, `so I`."""


@dataclass(frozen=True)
class _Marker:
    kind: NodeKind
    start: int  # where its words begin, a leading `and`/`so` included
    end: int  # where its words end
    label_start: int  # where the label begins (`my body` keeps its words)
    forced: bool  # a comma stands before it: it surely begins a part
    cue: str


def is_sentence(text: str) -> bool:
    """Whether the line is meant as a sentence: it begins with `When`."""
    return _WHEN.match(text) is not None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text in double quotes, which protect what is inside."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _markers(text: str, begin: int) -> list[_Marker]:
    spans = quoted_spans(text)
    found = []
    for m in _MARKERS.finditer(text, begin):
        if _inside(m.start(), spans):
            continue
        group = next(name for name in _KINDS if m.group(name) is not None)
        label_start = m.start(group) if group == "body" else m.end()
        before = text[: m.start()].rstrip()
        found.append(_Marker(
            _KINDS[group], m.start(), m.end(), label_start,
            before.endswith(_BREAKS), " ".join(m.group(group).split()),
        ))
    return found


def _refuse_bare_i(text: str, begin: int, markers: list[_Marker]) -> None:
    spans = quoted_spans(text)
    starts = {mk.start for mk in markers}
    for m in _BARE_I.finditer(text, begin):
        if m.start(1) not in starts and not _inside(m.start(1), spans):
            raise CaptureError(
                f"{quoted(m.group(1))} after a comma is unclear: say “so I …” for what you do,"
                " “I feel …” for a feeling, or put it in quotes",
                m.start(1), m.end(1),
            )


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
    label = clean_label(text[a:b])
    return bool(label) and label.lower() not in _FILLERS


def _check_forced(text: str, when: re.Match[str], markers: list[_Marker]) -> None:
    """The parts a comma marks must stand in order, once each, with words."""
    forced = [mk for mk in markers if mk.forced]
    if forced and not _has_words(text, when.end(), forced[0].start):
        raise CaptureError(_EMPTY[NodeKind.TRIGGER], when.start(1), when.end(1))
    state: State = (0, _INNER)
    seen: list[_Marker] = []
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


def _choose(text: str, begin: int, markers: list[_Marker]) -> list[int]:
    """The markers that begin parts: every comma-marked one, and as many
    others as fit the order; refused if two cuts fit equally well."""
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
            if _has_words(text, begin, mk.start):
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


def split_sentence(text: str) -> list[SentencePart]:
    """The parts of a capture sentence, trigger first; CaptureError with
    the span at fault if the line cannot be read as one."""
    when = _WHEN.match(text)
    if when is None:
        raise CaptureError(NEEDS_MORE, 0, len(text))
    begin = when.end()
    markers = _markers(text, begin)
    if len(markers) > MAX_MARKERS:
        raise CaptureError("that sentence has too many parts to read: split it up", 0, len(text))
    _refuse_bare_i(text, begin, markers)
    if not markers:
        raise CaptureError(NEEDS_MORE, 0, len(text))
    _check_forced(text, when, markers)
    chosen = [markers[i] for i in _choose(text, begin, markers)]
    pieces = [(NodeKind.TRIGGER, when.start(1), begin, when.group(1))]
    pieces += [(mk.kind, mk.start, mk.label_start, mk.cue) for mk in chosen]
    parts = []
    for k, (kind, start, label_start, cue) in enumerate(pieces):
        until = pieces[k + 1][1] if k + 1 < len(pieces) else len(text)
        end = start + len(text[start:until].rstrip(" \t,;"))
        label = clean_label(text[label_start:until])
        check_length(label, start, end, f"the {kind.value} part")
        parts.append(SentencePart(kind, label, start, end, cue))
    return parts


def sentence_tail(text: str) -> tuple[NodeKind, int]:
    """The kind of the part being typed at the end of a sentence, and where
    its words begin (for completing it to a node of that kind)."""
    when = _WHEN.match(text)
    kind, begin = NodeKind.TRIGGER, when.end() if when else 0
    for mk in _markers(text, begin):
        kind, begin = mk.kind, mk.label_start
    return kind, begin


__all__ = ["MAX_MARKERS", "NEEDS_MORE", "SentencePart", "is_sentence", "quoted_spans",
           "sentence_tail", "split_sentence"]
