"""The capture line takes the ways people talk (issue 17): "I panic", "I get
anxious", "I freeze", a sentence about another person of the map, the body
inside a sentence, and the lexicon behind them."""

from __future__ import annotations

import pytest

from patterns.capture import CaptureError
from patterns.capture.line import capture_hint, complete_capture, parse_capture
from patterns.capture.speech import (
    BODY_WORDS,
    FEELING_VERBS,
    STRATEGY_VERBS,
    base_after_joins,
    feeling_at,
    mentions_body,
    style_of,
    verb_at,
)
from patterns.edits import History
from patterns.graph import MapGraph
from patterns.models import Node, Person
from patterns.vocabulary import NodeKind, StrategyStyle

T, F, M, B, S, N = (NodeKind.TRIGGER, NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION,
                    NodeKind.STRATEGY, NodeKind.NEED)


def couple() -> MapGraph:
    """An invented couple: Priya (the client) and Tom."""
    return MapGraph("Invented: Priya and Tom", people=[
        Person(id="priya", name="Priya", role="client"),
        Person(id="tom", name="Tom", role="partner")])


def said(line: str, g: MapGraph | None = None, **kw: str) -> list[tuple[NodeKind, str, str | None]]:
    """(kind, label, person) of each part the line adds or reuses, after applying it."""
    g = g if g is not None else couple()
    capture = parse_capture(line, g, **kw)
    History(g).do(capture.edit)
    g.to_map()  # every rule of the SPEC still holds
    return [(g.node(i).kind, g.node(i).label, g.node(i).person) for i in capture.node_ids]


# -- the corpus: ordinary speech, each line and the parts it makes ------------------

CORPUS = [
    # The issue's own lines.
    ("I panic", [(F, "panic", None)]),
    ("I get anxious", [(F, "anxious", None)]),
    ("I freeze", [(S, "freeze", None)]),
    ("Tom feels pressured, so he goes quiet, because he needs room",
     [(F, "pressured", "tom"), (S, "go quiet", "tom"), (N, "room", "tom")]),
    ("When Tom is late, I think he's leaving, my stomach drops, so I call him",
     [(T, "Tom is late", None), (M, "he's leaving", None), (B, "my stomach drops", None),
      (S, "call him", None)]),
    # Feelings said as verbs, or after "I'm" and "I get".
    ("I'm scared", [(F, "scared", None)]),
    ("I'm really anxious", [(F, "anxious", None)]),  # "really" is its intensity
    ("I got so angry", [(F, "angry", None)]),
    ("I panicked", [(F, "panicked", None)]),
    ("I worry", [(F, "worry", None)]),
    ("When Tom is late, I get anxious, so I check his phone",
     [(T, "Tom is late", None), (F, "anxious", None), (S, "check his phone", None)]),
    ("When Tom is late I panic", [(T, "Tom is late", None), (F, "panic", None)]),
    ("When Tom goes quiet, I panic, so I text him again and again",
     [(T, "Tom goes quiet", None), (F, "panic", None), (S, "text him again and again", None)]),
    ("When he doesn't answer, I'm scared, so I call",
     [(T, "he doesn't answer", None), (F, "scared", None), (S, "call", None)]),
    # "I'm …" that is not a feeling is a thought, kept whole.
    ("I'm too much for people", [(M, "I'm too much for people", None)]),
    ("When Tom sighs, I'm a burden, so I apologise",
     [(T, "Tom sighs", None), (M, "I'm a burden", None), (S, "apologise", None)]),
    # Moves: bare after a comma, or known to the lexicon.
    ("When Tom raises his voice, I freeze", [(T, "Tom raises his voice", None),
                                             (S, "freeze", None)]),
    ("When Tom raises his voice, I leave the room", [(T, "Tom raises his voice", None),
                                                     (S, "leave the room", None)]),
    ("I shut down, because I need calm", [(S, "shut down", None), (N, "calm", None)]),
    ("I get anxious, so I check his phone, because I need to know we're ok",
     [(F, "anxious", None), (S, "check his phone", None), (N, "to know we're ok", None)]),
    # Another person of the map, by name, or "he" after their name.
    ("Tom goes quiet", [(S, "go quiet", "tom")]),
    ("Tom feels overwhelmed, so he goes quiet and shuts down",
     [(F, "overwhelmed", "tom"), (S, "go quiet and shut down", "tom")]),
    ("When Tom is late, he feels guilty, so he snaps",
     [(T, "Tom is late", "tom"), (F, "guilty", "tom"), (S, "snap", "tom")]),
    ("When Priya cries, Tom freezes", [(T, "Priya cries", "tom"), (S, "freeze", "tom")]),
    ("When I'm late, Tom feels pressured", [(T, "I'm late", "tom"), (F, "pressured", "tom")]),
    ("tom thinks he's failing her", [(M, "he's failing her", "tom")]),
    ("Tom's stomach churns", [(B, "Tom's stomach churns", "tom")]),
    ("Priya feels small", [(F, "small", "priya")]),
    # The body inside a sentence is a sensation of its own.
    ("my stomach drops", [(B, "my stomach drops", None)]),
    ("When Tom is late, I feel scared, my chest tightens, so I call him",
     [(T, "Tom is late", None), (F, "scared", None), (B, "my chest tightens", None),
      (S, "call him", None)]),
    ("When Tom is late, I feel scared and my heart races",
     [(T, "Tom is late", None), (F, "scared", None), (B, "my heart races", None)]),
    ("When Tom is late, I think he's gone, my throat closes",
     [(T, "Tom is late", None), (M, "he's gone", None), (B, "my throat closes", None)]),
    ("When Tom shouts, my hands shake, so I hide",
     [(T, "Tom shouts", None), (B, "my hands shake", None), (S, "hide", None)]),
    ("When Tom shouts, my shoulders go up", [(T, "Tom shouts", None),
                                             (B, "my shoulders go up", None)]),
    ("When Tom shouts, my jaw clenches", [(T, "Tom shouts", None), (B, "my jaw clenches", None)]),
    ("When Tom shouts, my breath stops", [(T, "Tom shouts", None), (B, "my breath stops", None)]),
    ("When Tom is late, I get a knot in my stomach",
     [(T, "Tom is late", None), (B, "a knot in my stomach", None)]),
    ("When Tom is late, I shake", [(T, "Tom is late", None), (B, "shake", None)]),
    # A body word inside a clause stays in it.
    ("When Tom touches my hand, I freeze", [(T, "Tom touches my hand", None),
                                            (S, "freeze", None)]),
    ("When Tom holds my hand, I feel safe", [(T, "Tom holds my hand", None), (F, "safe", None)]),
]


@pytest.mark.parametrize(("line", "expected"), CORPUS, ids=[line for line, _ in CORPUS])
def test_ordinary_speech(line: str, expected: list[tuple[NodeKind, str, str | None]]) -> None:
    assert said(line) == expected


def test_a_sentence_about_another_person_links_its_parts_on_their_side() -> None:
    g = couple()
    said("Tom feels pressured, so he goes quiet, because he needs room", g)
    tom = [n.id for n in g.nodes() if n.person == "tom"]
    assert [(lk.source, lk.target, lk.kind.value) for lk in g.links()] == [
        (tom[0], tom[1], "leads_to"), (tom[1], tom[2], "longs_for")]


def test_a_named_sentence_reuses_only_that_persons_nodes() -> None:
    g = couple()
    said("f: scared", g)  # Priya's (the first person's) feeling
    assert said("Tom feels scared", g) == [(F, "scared", "tom")]
    assert len(g.nodes(F)) == 2
    assert said("I feel scared, so I call", g)[0] == (F, "scared", None)
    assert len(g.nodes(F)) == 2  # "I" is Priya: hers is reused


def test_i_is_the_person_whose_side_is_chosen() -> None:
    g = couple()
    assert said("I panic", g, person="tom") == [(F, "panic", "tom")]
    assert said("Priya feels small", g, person="tom") == [(F, "small", "priya")]


def test_a_move_the_lexicon_knows_carries_its_style() -> None:
    g = couple()
    said("I freeze", g)
    said("When Tom is late, I get anxious, so I check his phone", g)
    said("Tom goes quiet", g)
    said("I mutter", g)
    styles = {n.label: n.style for n in g.nodes(S)}
    assert styles == {"freeze": StrategyStyle.FREEZE, "check his phone":
                      StrategyStyle.HYPERVIGILANCE, "go quiet": StrategyStyle.WITHDRAW,
                      "mutter": None}


def test_the_summary_names_the_other_persons_side() -> None:
    capture = parse_capture("Tom feels pressured, so he goes quiet", couple())
    assert capture.summary == "added 2 nodes and 1 link (Tom’s side)"
    assert parse_capture("I panic", couple()).summary == "added feeling “panic”"
    assert capture_hint("I freeze", couple()) == "adds a strategy “freeze”"


def test_a_label_on_the_map_is_that_node_not_a_sentence() -> None:
    g = couple()
    said("t: Tom goes quiet", g)
    with pytest.raises(CaptureError, match="“Tom goes quiet” is on the map: add “-> …”"):
        parse_capture("Tom goes quiet", g)
    assert complete_capture("Tom go", g) == "Tom goes quiet"


@pytest.mark.parametrize(("line", "message", "span"), [
    ("he goes quiet", "say who “he” is: a name on the map, like “Tom feels …”", (0, 2)),
    ("Sam feels pressured, so he goes quiet",
     "“Sam” is not a person on this map: add them with “person: Sam, partner”, or say “I …”",
     (0, 3)),
    ("When Tom is late, I panic, and he shuts down",
     "one person per sentence: say the other person's part on a line of its own", (27, 33)),
    ("I feel", "say the feeling after “I feel”", (0, 6)),
    ("I panic, I feel scared", "one “I panic” part per sentence", None),
])
def test_speech_that_cannot_be_read_says_why(line: str, message: str,
                                             span: tuple[int, int] | None) -> None:
    g = couple()
    with pytest.raises(CaptureError) as caught:
        parse_capture(line, g)
    assert message in caught.value.message
    if span is not None:
        assert (caught.value.start, caught.value.end) == span
    assert g.nodes() == []


# -- the lexicon -----------------------------------------------------------------


@pytest.mark.parametrize(("words", "kind", "base", "style"), [
    ("freeze", S, "freeze", StrategyStyle.FREEZE),
    ("froze up", S, "freeze up", StrategyStyle.FREEZE),
    ("goes quiet and", S, "go quiet", StrategyStyle.WITHDRAW),
    ("went cold", S, "go cold", StrategyStyle.WITHDRAW),
    ("shuts down", S, "shut down", StrategyStyle.WITHDRAW),
    ("snapped at him", S, "snap", StrategyStyle.ATTACK),
    ("texts again", S, "text", StrategyStyle.PURSUE),
    ("gives in", S, "give in", StrategyStyle.APPEASE),
    ("zones out", S, "zone out", StrategyStyle.NUMB),
    ("checks his phone", S, "check", StrategyStyle.HYPERVIGILANCE),
    ("asked if we're ok", S, "ask if", StrategyStyle.REASSURANCE_SEEKING),
    ("panics", F, "panic", None),
    ("panicked", F, "panic", None),
    ("worries", F, "worry", None),
    ("cried", F, "cry", None),
    ("shook", B, "shake", None),
    ("can’t breathe", B, "can't breathe", None),
])
def test_the_lexicon_knows_each_form_of_its_verbs(words: str, kind: NodeKind, base: str,
                                                  style: StrategyStyle | None) -> None:
    verb = verb_at(words)
    assert verb is not None
    assert (verb.kind, verb.base, verb.style) == (kind, base, style)


@pytest.mark.parametrize("words", ["texture", "checkers", "panicky", "", "I", "goes"])
def test_the_lexicon_takes_whole_words_only(words: str) -> None:
    assert verb_at(words) is None


def test_every_move_of_the_lexicon_has_a_style_and_no_verb_is_two_kinds() -> None:
    assert all(isinstance(style, StrategyStyle) for style in STRATEGY_VERBS.values())
    assert not set(FEELING_VERBS) & set(STRATEGY_VERBS)
    assert style_of("text again and again") is StrategyStyle.PURSUE
    assert style_of("panic") is None


def test_feelings_after_i_get_and_body_words() -> None:
    assert feeling_at("anxious") == 0
    assert feeling_at("really anxious about it") == 7
    assert feeling_at("too much for people") is None
    assert feeling_at("late") is None
    assert {"stomach", "chest", "heart", "throat", "hands", "shoulders", "jaw",
            "breath"} <= BODY_WORDS
    assert mentions_body("a knot in my Stomach") and not mentions_body("heartbroken")


def test_moves_said_of_someone_else_read_in_their_base_form() -> None:
    assert base_after_joins("go quiet and shuts down") == "go quiet and shut down"
    assert base_after_joins("leave, then slams the door") == "leave, then slam the door"
    assert base_after_joins("stress and worry") == "stress and worry"


def test_a_strategy_node_keeps_a_style_only_where_it_may() -> None:
    g = couple()
    said("x: say I'm scared", g)
    node: Node = g.nodes()[0]
    assert node.style is None
