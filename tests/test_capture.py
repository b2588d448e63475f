"""The capture line's node and link forms, references, and the issue's walkthrough."""

from __future__ import annotations

import datetime as dt

import pytest

from patterns.capture import CaptureError
from patterns.capture.line import GRAMMAR, Capture, capture_hint, complete_capture, parse_capture
from patterns.capture.refs import complete_reference, resolve_node
from patterns.edits import AddLink, AddNode, Batch, EditError, History
from patterns.graph import MapGraph
from patterns.models import Node, Person, Session
from patterns.side_edits import SetItem
from patterns.vocabulary import LinkKind, NodeKind


def empty() -> MapGraph:
    return MapGraph("Invented client: the chase")


def take(g: MapGraph, line: str, **kw: str) -> Capture:
    """Parse and apply one line, as the session screen does."""
    capture = parse_capture(line, g, **kw)
    History(g).do(capture.edit)
    g.to_map()  # every rule of the SPEC still holds
    return capture


def refused(g: MapGraph, line: str) -> CaptureError:
    before = g.to_map()
    with pytest.raises(CaptureError) as caught:
        parse_capture(line, g)
    assert g.to_map() == before
    return caught.value


# -- the walkthrough of issue 3 --------------------------------------------------


def test_the_walkthrough_gives_five_nodes_and_four_links() -> None:
    g = empty()
    first = take(g, "When Sam goes quiet, I feel scared of being left, so I text again and"
                    " again, because I need reassurance")
    assert first.form == "sentence"
    assert first.summary == "added 4 nodes and 3 links"
    second = take(g, "trigger: Boss raises his voice")
    assert second.summary == "added trigger “Boss raises his voice”"
    third = take(g, "Boss raises -> scared")
    assert third.form == "link"
    assert third.summary == ("linked “Boss raises his voice” → “scared of being left”"
                             " (activates)")
    m = g.to_map()
    assert [(n.kind, n.label) for n in m.nodes] == [
        (NodeKind.TRIGGER, "Sam goes quiet"),
        (NodeKind.FEELING, "scared of being left"),
        (NodeKind.STRATEGY, "text again and again"),
        (NodeKind.NEED, "reassurance"),
        (NodeKind.TRIGGER, "Boss raises his voice"),
    ]
    assert [lk.kind for lk in m.links] == [
        LinkKind.ACTIVATES, LinkKind.LEADS_TO, LinkKind.LONGS_FOR, LinkKind.ACTIVATES,
    ]
    assert third.node_ids == ("boss-raises-his-voice", "scared-of-being-left")


# -- node form -------------------------------------------------------------------

KIND_WORDS = [
    ("trigger", NodeKind.TRIGGER), ("t", NodeKind.TRIGGER), ("T", NodeKind.TRIGGER),
    ("Trigger", NodeKind.TRIGGER), ("TRIGGERS", NodeKind.TRIGGER),
    ("feeling", NodeKind.FEELING), ("f", NodeKind.FEELING), ("emotion", NodeKind.FEELING),
    ("meaning", NodeKind.MEANING), ("m", NodeKind.MEANING), ("thought", NodeKind.MEANING),
    ("belief", NodeKind.MEANING),
    ("sensation", NodeKind.SENSATION), ("b", NodeKind.SENSATION), ("body", NodeKind.SENSATION),
    ("strategy", NodeKind.STRATEGY), ("s", NodeKind.STRATEGY), ("strategies", NodeKind.STRATEGY),
    ("need", NodeKind.NEED), ("n", NodeKind.NEED), ("Needs", NodeKind.NEED),
    ("resource", NodeKind.RESOURCE), ("r", NodeKind.RESOURCE),
    ("response", NodeKind.RESPONSE), ("x", NodeKind.RESPONSE),
    ("new response", NodeKind.RESPONSE), ("New  Response", NodeKind.RESPONSE),
    ("origin", NodeKind.ORIGIN), ("o", NodeKind.ORIGIN), ("O", NodeKind.ORIGIN),
]


@pytest.mark.parametrize(("word", "kind"), KIND_WORDS)
def test_every_kind_word_and_alias_adds_that_kind(word: str, kind: NodeKind) -> None:
    g = empty()
    capture = take(g, f"{word}: Sam goes quiet")
    assert capture.form == "node"
    assert isinstance(capture.edit, AddNode)
    (node,) = g.nodes()
    assert (node.kind, node.label, node.id) == (kind, "Sam goes quiet", "sam-goes-quiet")
    assert capture.node_ids == ("sam-goes-quiet",)


@pytest.mark.parametrize(("line", "label"), [
    ("t: Sam goes quiet", "Sam goes quiet"),
    ("t:Sam goes quiet", "Sam goes quiet"),
    ("  t :   Sam   goes quiet  ", "Sam goes quiet"),
    ("Trigger : Sam goes quiet.", "Sam goes quiet"),
    ("t: Sam goes quiet,", "Sam goes quiet"),
    ("t: Sam goes quiet...", "Sam goes quiet..."),
    ("f: angry, fed up", "angry, fed up"),
    ("m: I'm too much: for everyone", "I'm too much: for everyone"),
    ("t: Sam says “it's fine”", "Sam says “it's fine”"),
    ('t: "before -> after"', '"before -> after"'),
    ("t: Sam\tgoes\x1bquiet", "Sam goes quiet"),
    ("t: When Sam goes quiet", "When Sam goes quiet"),
    ("t: back then", "back then"),
    ("r: now and then a walk, and", "now and then a walk, and"),
])
def test_node_labels_are_tidied_not_rewritten(line: str, label: str) -> None:
    g = empty()
    take(g, line)
    assert g.nodes()[0].label == label


def test_new_nodes_carry_person_and_session() -> None:
    g = MapGraph("Invented", people=[Person(id="ana", name="Ana"), Person(id="bo", name="Bo")],
                 sessions=[Session(id="s1", date=dt.date(2026, 1, 5))])
    take(g, "t: Bo is late home", person="bo", session="s1")
    (node,) = g.nodes()
    assert (node.person, node.session) == ("bo", "s1")
    take(g, "t: the phone pings")
    assert (g.nodes()[1].person, g.nodes()[1].session) == (None, None)


def test_unknown_person_is_refused() -> None:
    with pytest.raises(CaptureError, match="no person “zed”"):
        parse_capture("t: x", empty(), person="zed")


def test_the_session_may_be_added_in_the_same_undo_step() -> None:
    # The session screen adds today's session with the first edit of a day.
    g = empty()
    capture = parse_capture("When Sam goes quiet, I feel scared", g, session="s1")
    today = SetItem("sessions", None, Session(id="s1", date=dt.date(2026, 1, 5)))
    history = History(g)
    history.do(Batch([today, capture.edit]))
    assert {n.session for n in g.nodes()} == {"s1"}
    history.undo()
    assert g.to_map() == empty().to_map()
    with pytest.raises(EditError, match="no session 's9'"):
        History(g).do(parse_capture("t: x", g, session="s9").edit)


def test_new_ids_never_clash_and_fall_back_to_the_kind() -> None:
    g = empty()
    take(g, "t: Sam goes quiet")
    take(g, "f: Sam goes quiet")
    take(g, "t: ???")
    take(g, "n: ¿¡")
    assert [n.id for n in g.nodes()] == ["sam-goes-quiet", "sam-goes-quiet-2", "trigger", "need"]


@pytest.mark.parametrize(("line", "message", "span"), [
    ("t:", "type the trigger after “t:”", (0, 2)),
    ("feeling :  .", "type the feeling after “feeling:”", (0, 12)),
    ("Note: call Sam's mother", "“Note” is not a kind: start with trigger, feeling", (0, 4)),
    ("trigegr: Sam goes quiet", "did you mean “trigger:”?", (0, 7)),
    ("Sam says: it's fine", "“Sam says” is not a kind", (0, 8)),
    ("hello there", "start with a kind, like “t: …”, link with “a -> b”", (0, 11)),
    ("t: " + "x" * 301, "that label is 301 characters; a box holds up to 300", (0, 304)),
])
def test_lines_that_are_not_a_node_say_what_was_expected(
    line: str, message: str, span: tuple[int, int]
) -> None:
    error = refused(empty(), line)
    assert message in error.message
    assert (error.start, error.end) == span


def test_a_label_of_exactly_300_characters_is_taken() -> None:
    g = empty()
    take(g, "t: " + "x" * 300)
    assert len(g.nodes()[0].label) == 300


@pytest.mark.parametrize("line", ["", "   ", "\t"])
def test_an_empty_line_is_refused_with_the_grammar(line: str) -> None:
    assert GRAMMAR in refused(empty(), line).message


def test_adding_a_twin_is_refused(chase_graph: MapGraph) -> None:
    error = refused(chase_graph, "f:  Scared of being left.")
    assert error.message.startswith("there is already a feeling “scared of being left”")


# -- references ------------------------------------------------------------------


@pytest.mark.parametrize(("ref", "node_id"), [
    ("quiet", "quiet"),  # exact id
    ("zoe-scared", "zoe-scared"),
    ("scared of being left", "zoe-scared"),  # whole label
    ("  SCARED of  being left. ", "zoe-scared"),
    ("I’m too much for people", "zoe-too-much"),  # curly apostrophe typed
    ("Sam goes", "quiet"),  # unique prefix
    ("gran", "gran"),
    ("Gran's", "gran"),
    ("ZOE-SCARED", "zoe-scared"),  # an id in another case
    ('"overwhelmed"', "sam-overwhelm"),
])
def test_references_resolve_by_id_label_or_prefix(
    chase_graph: MapGraph, ref: str, node_id: str
) -> None:
    assert resolve_node(ref, chase_graph) == node_id


def test_unknown_reference_names_what_to_type(chase_graph: MapGraph) -> None:
    with pytest.raises(CaptureError) as caught:
        resolve_node("Bos", chase_graph)
    assert caught.value.message == "no node matches “Bos” — type the start of its label"


def test_ambiguous_reference_names_up_to_three_candidates() -> None:
    g = empty()
    for line in ["f: scared of being left", "t: scary dream", "f: scattered",
                 "f: scorned", "f: Scotland"]:
        take(g, line)
    with pytest.raises(CaptureError) as two:
        resolve_node("scar", g)
    assert two.value.message == "“scar” could be “scared of being left” or “scary dream”: type more"
    with pytest.raises(CaptureError) as many:
        resolve_node("sc", g)
    assert many.value.message == ("“sc” could be “scared of being left”, “scary dream”,"
                                  " “scattered” or 2 more: type more")


def test_a_whole_label_beats_a_longer_label_it_starts() -> None:
    g = empty()
    take(g, "f: scared")
    take(g, "f: scared of being left")
    assert resolve_node("Scared", g) == "scared"


def test_two_nodes_with_the_same_words_ask_for_the_id(chase_graph: MapGraph) -> None:
    take(chase_graph, "f: overwhelmed", person="zoe")
    with pytest.raises(CaptureError, match="2 nodes read “Overwhelmed”: type its id"):
        resolve_node("Overwhelmed", chase_graph)
    assert resolve_node("sam-overwhelm", chase_graph) == "sam-overwhelm"


# -- link form ---------------------------------------------------------------------


@pytest.mark.parametrize(("line", "source", "target", "kind"), [
    ("scared -> texting", "zoe-scared", "texting", LinkKind.LEADS_TO),  # already there below
    ("quiet -> i'm too much", "quiet", "zoe-too-much", LinkKind.ACTIVATES),
    ("quiet->I'm too", "quiet", "zoe-too-much", LinkKind.ACTIVATES),
    ("quiet → I'm too", "quiet", "zoe-too-much", LinkKind.ACTIVATES),
    ("quiet --> I'm too", "quiet", "zoe-too-much", LinkKind.ACTIVATES),
    ("texting -> sam-need", "texting", "sam-need", LinkKind.LONGS_FOR),
    ("shutdown -> Sam goes", "shutdown", "quiet", LinkKind.PROVOKES),
    ("say-scared -> criticise", "say-scared", "criticise", LinkKind.REPLACES),
    ("gran -> reassurance", "gran", "zoe-need", LinkKind.MEETS),
    ("gran -> tight chest", "gran", "chest", LinkKind.SOOTHES),
    ("dad -> text", "dad-left", "texting", LinkKind.SHAPES),
    ("gran -> say 'I'm", "gran", "say-scared", LinkKind.LEADS_TO),  # any other pair
])
def test_links_take_the_default_kind_of_the_pair(
    chase_graph: MapGraph, line: str, source: str, target: str, kind: LinkKind
) -> None:
    if chase_graph.link(source, target, kind) is not None:
        error = refused(chase_graph, line)
        assert "already" in error.message
        return
    capture = take(chase_graph, line)
    assert isinstance(capture.edit, AddLink)
    assert chase_graph.link(source, target, kind) is not None
    assert capture.node_ids == (source, target)


ARROW_WORDS = [
    ("activates", LinkKind.ACTIVATES), ("activate", LinkKind.ACTIVATES),
    ("leads_to", LinkKind.LEADS_TO), ("leads-to", LinkKind.LEADS_TO),
    ("leads to", LinkKind.LEADS_TO), ("lead to", LinkKind.LEADS_TO),
    ("masks", LinkKind.MASKS), ("MASKS", LinkKind.MASKS),
    ("longs_for", LinkKind.LONGS_FOR), ("longs for", LinkKind.LONGS_FOR),
    ("blocks", LinkKind.BLOCKS), ("provokes", LinkKind.PROVOKES),
    ("provoke", LinkKind.PROVOKES), ("replaces", LinkKind.REPLACES),
    ("meets", LinkKind.MEETS), ("soothes", LinkKind.SOOTHES), ("shapes", LinkKind.SHAPES),
]


@pytest.mark.parametrize(("word", "kind"), ARROW_WORDS)
def test_every_link_kind_can_be_named_in_the_arrow(word: str, kind: LinkKind) -> None:
    g = empty()
    take(g, "f: angry")
    take(g, "f: scared")
    capture = take(g, f"angry -{word}-> scared")
    assert [(lk.source, lk.target, lk.kind) for lk in g.links()] == [("angry", "scared", kind)]
    assert capture.summary.endswith(f"({kind.value.replace('_', ' ')})")


@pytest.mark.parametrize("line", ["angry-masks->scared", "angry -masks->scared",
                                  "angry  -masks->  scared", "angry -masks -> scared"])
def test_arrow_kinds_need_no_spaces(line: str) -> None:
    g = empty()
    take(g, "f: angry")
    take(g, "f: scared")
    take(g, line)
    assert g.link("angry", "scared", LinkKind.MASKS) is not None


def test_a_dash_inside_a_label_is_not_a_kind() -> None:
    g = empty()
    take(g, "m: self-critical")
    take(g, "s: shut down")
    take(g, "self-critical -> shut")
    assert g.link("self-critical", "shut-down", LinkKind.LEADS_TO) is not None


def test_quotes_protect_an_arrow_in_a_label() -> None:
    g = empty()
    take(g, 't: "before -> after"')
    take(g, "f: lost")
    take(g, '"before -> after" -> lost')
    assert len(g.links()) == 1


@pytest.mark.parametrize(("line", "message", "span"), [
    ("angry -soothing-> scared", "“soothing” is not a link kind: use one of activates", (6, 17)),
    ("-> scared", "type a node before the arrow", (0, 0)),
    ("angry ->", "type a node after the arrow", (8, 8)),
    ("angry -> Bos", "no node matches “Bos” — type the start of its label", (9, 12)),
    ("Bos -> angry", "no node matches “Bos”", (0, 3)),
    ("angry -> angry", "“angry” cannot link to itself", (0, 14)),
    ("scared -> f: angry -> angry", "“angry” cannot link to itself", (10, 27)),
    ("angry -> f:  ", "type the feeling after “f:”", (9, 11)),
    ("angry -> Note: x", "no node matches “Note: x”", (9, 16)),
    ("angry -> sca", "“sca” could be “scared” or “scattered”: type more", (9, 12)),
    ("angry -masks-> scattered", "“angry” already masks “scattered”", (0, 24)),
    ("angry -> scattered", "“angry” already leads to “scattered”", (0, 18)),
])
def test_bad_links_are_refused_with_the_place(
    line: str, message: str, span: tuple[int, int] | None
) -> None:
    g = empty()
    for node in ["f: angry", "f: scared", "f: scattered"]:
        take(g, node)
    take(g, "angry -masks-> scattered")
    take(g, "angry -> scattered")
    error = refused(g, line)
    assert error.message.startswith(message)
    if span is not None:
        assert (error.start, error.end) == span


def test_a_chain_links_each_step_as_one_undo(chase_graph: MapGraph) -> None:
    before = chase_graph.to_map()
    capture = parse_capture("tight chest -> f: numb -> shutdown", chase_graph)
    assert capture.form == "link" and isinstance(capture.edit, Batch)
    history = History(chase_graph)
    history.do(capture.edit)
    numb = chase_graph.node("numb")
    assert (numb.kind, numb.label) == (NodeKind.FEELING, "numb")
    assert chase_graph.link("chest", "numb", LinkKind.ACTIVATES) is not None
    assert chase_graph.link("numb", "shutdown", LinkKind.LEADS_TO) is not None
    assert capture.summary == ("added feeling “numb”; linked “tight chest, racing heart” → “numb”"
                               " (activates), “numb” → “go quiet and shut down” (leads to)")
    history.undo()
    assert chase_graph.to_map() == before


def test_a_new_node_in_a_link_reuses_one_with_the_same_words(chase_graph: MapGraph) -> None:
    capture = take(chase_graph, "t: Boss raises his voice -> f: Scared of being left")
    assert capture.node_ids == ("boss-raises-his-voice", "zoe-scared")
    assert len(chase_graph.nodes(NodeKind.FEELING)) == 3


def test_links_that_are_all_there_already_are_refused(chase_graph: MapGraph) -> None:
    assert refused(chase_graph, "quiet -> scared -> texting").message == (
        "those links are already on the map")


# -- hints and completion -----------------------------------------------------------


@pytest.mark.parametrize(("line", "hint"), [
    ("", GRAMMAR),
    ("t: Sam", "adds a trigger"),
    ("x: say it once", "adds a new response"),
    ("o: moving school", "adds an origin"),
    ("t:", "adds a trigger: type its words"),
    ("scared -> texting", "“scared of being left” already leads to “text again and again”"),
    ("quiet -> I'm too", "links “Sam goes quiet after a disagr…” → “I'm too much for people”"
                         " (activates)"),
    ("scared ->", "links “scared of being left” → …: type the node it leads to"),
    ("quiet -> scared -> ", "links “scared of being left” → …: type the node it leads to"),
    ("F:0->->", "type a node after the arrow"),
    ("Bos -> ", "no node matches “Bos”"),
    ("Gran", "“Gran's kitchen on Sundays”: add “-> …” to link it"),
    ("s", "“s” could be"),
    ("Note: x", "“Note” is not a kind"),
    ("When Sam goes quiet", "a sentence needs “When …” and at least one more part"),
    ("When Sam goes quiet, I feel scared of being left, so I hide",
     "trigger “Sam goes quiet” → feeling “scared of being left” (on the map) → strategy “hide”"),
])
def test_the_hint_says_what_enter_will_do(chase_graph: MapGraph, line: str, hint: str) -> None:
    assert capture_hint(line, chase_graph).startswith(hint)


def test_hint_for_an_empty_line_is_the_grammar() -> None:
    assert capture_hint("", empty()) == (
        "t: trigger  f: feeling  s: strategy  n: need  a -> b  When …, I feel …, so I …,"
        " because I need …  name: …  try: …  rupture: …")


def test_completion_lists_labels_best_first(chase_graph: MapGraph) -> None:
    assert complete_reference("sc", chase_graph) == [
        "scared of being left", "say 'I'm scared' once, then wait"]
    assert complete_reference("Sam goes", chase_graph)[0] == "Sam goes quiet after a disagreement"
    assert complete_reference("", chase_graph) == []
    assert complete_reference("zzz", chase_graph) == []


def test_completion_offers_ids_where_labels_repeat(chase_graph: MapGraph) -> None:
    take(chase_graph, "f: Overwhelmed", person="zoe")
    assert complete_reference("overw", chase_graph) == ["overwhelmed", "sam-overwhelm"]
    for choice in complete_reference("overw", chase_graph):
        assert resolve_node(choice, chase_graph) in ("overwhelmed", "sam-overwhelm")


@pytest.mark.parametrize(("line", "completed"), [
    ("scared -> te", "scared -> text again and again"),
    ("Sam go", "Sam goes quiet after a disagreement"),
    ("When Sam goes qu", "When Sam goes quiet after a disagreement"),
    ("When Boss shouts, I feel sc", "When Boss shouts, I feel scared of being left"),
    ("When Boss shouts, I feel angry, so I crit", "When Boss shouts, I feel angry, so I criticise"
                                                 " and demand an answer"),
    ("tr", None),  # a kind word on its way
    ("Whe", None),
    ("t: Sam go", None),  # a new node is new: never completed to an old one
    ("scared -> f: ang", None),
    ("s", None),
    ("", None),
])
def test_ghost_completion_keeps_what_was_typed(
    chase_graph: MapGraph, line: str, completed: str | None
) -> None:
    assert complete_capture(line, chase_graph) == completed


def test_completing_a_sentence_part_offers_only_its_kind(chase_graph: MapGraph) -> None:
    # "I'm too much" is a meaning: as a feeling it is not offered.
    assert complete_capture("When Boss shouts, I feel I'm", chase_graph) is None
    assert complete_capture("When Boss shouts, I think I'm too", chase_graph) == (
        "When Boss shouts, I think I'm too much for people")


def test_node_form_edit_is_one_plain_add() -> None:
    capture = parse_capture("t: Sam goes quiet", empty())
    assert capture.edit == AddNode(Node(id="sam-goes-quiet", kind=NodeKind.TRIGGER,
                                        label="Sam goes quiet"))
