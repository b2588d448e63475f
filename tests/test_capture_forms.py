"""The capture line's forms for the rest of the work (issue 17): `name:`
(`loop:`), `try:`, `rupture:` and `repair:`, `person:`, and `;` between
statements. Each line is one undoable edit."""

from __future__ import annotations

import datetime as dt

import pytest

from patterns.capture import CaptureError
from patterns.capture.line import (
    Capture,
    capture_hint,
    complete_capture,
    parse_capture,
    split_statements,
)
from patterns.edits import Batch, History
from patterns.graph import MapGraph
from patterns.loops import find_loops
from patterns.models import Person, Repair, Session
from patterns.side_edits import SetItem
from patterns.vocabulary import LinkKind, NodeKind, StrategyStyle

DAY = dt.date(2026, 12, 4)


def take(g: MapGraph, line: str, **kw: object) -> tuple[Capture, History]:
    """Parse and apply one line as one undo step, as the session screen does."""
    capture = parse_capture(line, g, today=DAY, **kw)  # type: ignore[arg-type]
    history = History(g)
    history.do(capture.edit)
    g.to_map()  # every rule of the SPEC still holds
    return capture, history


def undone(g: MapGraph, line: str, **kw: object) -> Capture:
    """Apply a line, check that one undo puts the map back, and apply it again."""
    before = g.to_map()
    capture, history = take(g, line, **kw)
    assert g.to_map() != before
    history.undo()
    assert g.to_map() == before
    history.redo()
    return capture


def couple() -> MapGraph:
    return MapGraph("Invented: Priya and Tom", people=[
        Person(id="priya", name="Priya", role="client"),
        Person(id="tom", name="Tom", role="partner")])


# -- name: / loop: ------------------------------------------------------------------


def two_cycles() -> MapGraph:
    """Two cycles through one move: "I hide" sets off both the door and the silence."""
    g = MapGraph("Invented")
    for line in ("When the door slams, I feel scared, so I hide",
                 "When the house goes silent, I feel alone, so I hide",
                 "hide -provokes-> the door slams", "hide -provokes-> the house goes silent"):
        take(g, line)
    return g


@pytest.mark.parametrize("word", ["name", "loop", "Loop", "cycle", "NAME"])
def test_name_the_loop_through_the_selected_part(word: str) -> None:
    g = two_cycles()
    capture = undone(g, f"{word}: the slammed door", selected="scared")
    assert capture.form == "loop"
    (loop,) = g.loops
    assert loop.name == "the slammed door" and "scared" in loop.nodes
    assert capture.loop == tuple(loop.nodes)
    assert capture.summary == "named the loop “the slammed door” (through “scared”)"


def test_a_variant_names_its_whole_cycle(chase_graph: MapGraph) -> None:
    # The chase through "tight chest" is a variant of the chase: one pattern, one name.
    capture, _ = take(chase_graph, "name: the waiting game", selected="chest")
    assert [lp.name for lp in chase_graph.loops] == ["the waiting game"]
    assert capture.summary == ("renamed the loop “the waiting game”"
                               " (through “tight chest, racing heart”)")


def test_a_part_on_two_cycles_names_the_unnamed_one() -> None:
    g = two_cycles()
    first, _ = take(g, "name: the door", selected="hide")
    assert "the first unnamed of 2 through “hide”" in first.summary
    take(g, "name: the silence", selected="hide")
    assert {lp.name: "scared" in lp.nodes for lp in g.loops} == {"the door": True,
                                                                "the silence": False}


def test_the_loop_shown_on_the_map_comes_first() -> None:
    g = two_cycles()
    silence = next(lp for lp in find_loops(g).loops if "alone" in lp.nodes)
    capture, _ = take(g, "name: the silence", selected="scared", loop=tuple(silence.nodes))
    assert [lp.nodes for lp in g.loops] == [silence.nodes]
    assert capture.summary == "named the loop “the silence” (shown on the map)"


def test_the_only_loop_needs_no_selection() -> None:
    g = MapGraph("Invented")
    take(g, "When the door slams, I feel scared, so I hide")
    take(g, "hide -provokes-> the door slams")
    capture, _ = take(g, "name: hide and slam")
    assert [lp.name for lp in g.loops] == ["hide and slam"]
    assert "the map's only loop" in capture.summary


@pytest.mark.parametrize(("line", "kw", "message"), [
    ("name: the door", {"selected": "scared"}, "that loop is already called “the door”"),
    ("name: The Door", {"selected": "hide"}, "another loop is already called “The Door”"),
    ("name:", {"selected": "hide"}, "type the loop's name after “name:”"),
    ("name: x", {}, "select a part of the loop first"),
    ("name: x", {"selected": "the-door-slams"}, None),  # on a cycle: taken
])
def test_naming_a_loop_says_what_is_missing(line: str, kw: dict[str, str],
                                            message: str | None) -> None:
    g = two_cycles()
    take(g, "name: the door", selected="scared")
    take(g, "t: the phone rings")
    before = g.to_map()
    if message is None:
        parse_capture(line, g, **kw)
        return
    with pytest.raises(CaptureError, match=message):
        parse_capture(line, g, **kw)
    assert g.to_map() == before
    with pytest.raises(CaptureError, match="no loop passes through “the phone rings” yet"):
        parse_capture("name: x", g, selected="the-phone-rings")


def test_no_loop_yet_says_how_one_closes() -> None:
    with pytest.raises(CaptureError, match="no loop on the map yet: a move that provokes"):
        parse_capture("loop: the waiting game", couple())


# -- try: ---------------------------------------------------------------------------


def test_try_plans_an_experiment_for_a_new_response_instead_of_a_move() -> None:
    g = couple()
    take(g, "When Tom is late, I feel scared, so I check his phone")
    capture = undone(g, "try: name the fear, then tea — instead of checking his phone")
    assert capture.form == "experiment"
    response = g.nodes(NodeKind.RESPONSE)[0]
    assert response.label == "name the fear, then tea"
    assert g.link(response.id, "check-his-phone", LinkKind.REPLACES) is not None
    (experiment,) = g.experiments
    assert (experiment.response, experiment.plan, experiment.tries) == (response.id, None, [])
    assert capture.summary == ("planned an experiment: new response “name the fear, then tea”"
                               " instead of “check his phone” (Practice tab)")
    assert capture.node_ids == (response.id,)


@pytest.mark.parametrize(("line", "response", "replaced", "plan"), [
    ("try: one message, then wait", "one message, then wait", None, None),
    ("Try: one message, then wait instead of text again", "one message, then wait",
     "text again and again", None),
    ("try: one message, then wait, instead of text again and again, when no reply for an hour",
     "one message, then wait", "text again and again", "when no reply for an hour"),
    ("try: breathe — when he goes quiet", "breathe", None, "when he goes quiet"),
    ("experiment: ask for a pause -- instead of criticise", "ask for a pause",
     "criticise and demand an answer", None),
    # A move the map does not have yet is added with the response.
    ("try: say I'm hurt instead of going silent", "say I'm hurt", "going silent", None),
])
def test_try_said_several_ways(chase_graph: MapGraph, line: str, response: str,
                               replaced: str | None, plan: str | None) -> None:
    take(chase_graph, line)
    new = chase_graph.nodes(NodeKind.RESPONSE)[-1]
    assert new.label == response
    experiment = chase_graph.experiments[-1]
    assert (experiment.response, experiment.plan) == (new.id, plan)
    links = [lk for lk in chase_graph.links() if lk.source == new.id]
    assert [chase_graph.node(lk.target).label for lk in links] == ([replaced] if replaced else [])
    assert all(lk.kind is LinkKind.REPLACES for lk in links)


def test_a_new_move_named_by_try_gets_its_style(chase_graph: MapGraph) -> None:
    take(chase_graph, "try: say I'm hurt instead of go silent")
    assert chase_graph.nodes(NodeKind.STRATEGY)[-1].style is StrategyStyle.WITHDRAW


def test_try_reuses_a_response_on_the_map_not_yet_practised(chase_graph: MapGraph) -> None:
    responses = len(chase_graph.nodes(NodeKind.RESPONSE))
    take(chase_graph, "try: Ask for a 20-minute pause and come back")
    assert len(chase_graph.nodes(NodeKind.RESPONSE)) == responses
    assert chase_graph.experiments[-1].response == "ask-pause"


@pytest.mark.parametrize(("line", "message"), [
    ("try: say 'I'm scared' once, then wait", "is already being practised: log a try"),
    ("try:", "type the new response after “try:”"),
    ("try: breathe instead of scared", "“instead of” names the move it replaces; “scared” is"
                                       " a feeling"),
    ("try: breathe instead of", "say the move it replaces after “instead of”"),
])
def test_try_refusals(chase_graph: MapGraph, line: str, message: str) -> None:
    before = chase_graph.to_map()
    with pytest.raises(CaptureError, match=message.replace("(", r"\(")):
        parse_capture(line, chase_graph)
    assert chase_graph.to_map() == before


def test_try_finds_a_move_said_another_way_or_asks() -> None:
    g = couple()
    take(g, "s: check his phone again")
    take(g, "try: breathe instead of checking his phone")
    assert g.link(g.nodes(NodeKind.RESPONSE)[0].id, "check-his-phone-again",
                  LinkKind.REPLACES) is not None
    take(g, "s: check his location")
    with pytest.raises(CaptureError, match="“checking his” could be"):
        parse_capture("try: wait instead of checking his", g)


# -- rupture: and repair: ---------------------------------------------------------


def test_a_rupture_then_its_repair() -> None:
    g = couple()
    first = undone(g, "rupture: started ten minutes late; she went cold")
    assert first.form == "rupture"
    assert g.repairs == [Repair(date=DAY, rupture="started ten minutes late; she went cold")]
    second = undone(g, "repair: named it together")
    assert second.form == "repair"
    assert g.repairs == [Repair(date=DAY, rupture="started ten minutes late; she went cold",
                                repair="named it together")]
    assert second.summary == ("logged the repair of “started ten minutes late; she…”"
                              " (Repairs tab)")


def test_a_rupture_with_someone_and_its_repair_on_one_line() -> None:
    g = couple()
    capture = undone(g, "rupture with Tom: shouted about the dishes; repair: apologised")
    assert capture.form == "several"
    assert g.repairs == [Repair(date=DAY, with_="tom", rupture="shouted about the dishes",
                                repair="apologised")]
    assert capture.summary == ("logged a rupture with Tom: “shouted about the dishes” (Repairs"
                               " tab); logged the repair of “shouted about the dishes” with Tom"
                               " (Repairs tab)")


def test_a_repair_goes_to_the_newest_rupture_waiting_for_one() -> None:
    g = couple()
    take(g, "rupture with Tom: slammed the door")
    take(g, "rupture with priya: sharp words")
    take(g, "repair with Tom: came back and said sorry")
    assert [(r.with_, r.repair) for r in g.repairs] == [
        ("tom", "came back and said sorry"), ("priya", None)]
    take(g, "repair: a hug")
    assert g.repairs[1].repair == "a hug"
    take(g, "repair: a walk together")  # no rupture waits: a repair of its own
    assert g.repairs[2] == Repair(date=DAY, repair="a walk together")


@pytest.mark.parametrize(("line", "message"), [
    ("rupture:", "type what happened after “rupture:”"),
    ("rupture with Sam: x", "“Sam” is not on the map: add them with “person: Sam, partner”"),
    ("repair:   ", "type what was done to reconnect after “repair:”"),
])
def test_rupture_and_repair_refusals(line: str, message: str) -> None:
    with pytest.raises(CaptureError, match=message):
        parse_capture(line, couple())


def test_a_rupture_is_dated_by_the_day_given() -> None:
    g = couple()
    History(g).do(parse_capture("rupture: late again", g, today=dt.date(2027, 1, 2)).edit)
    assert g.repairs[0].date == dt.date(2027, 1, 2)


# -- person: ----------------------------------------------------------------------


@pytest.mark.parametrize(("line", "name", "role"), [
    ("person: Tom, partner", "Tom", "partner"),
    ("Person:  Mum (mother)", "Mum", "mother"),
    ("person: Dr K", "Dr K", None),
    ("person: Ana, her sister, older", "Ana", "her sister, older"),
])
def test_person_adds_a_person(line: str, name: str, role: str | None) -> None:
    g = MapGraph("Invented")
    capture = undone(g, line)
    assert capture.form == "person"
    assert [(p.name, p.role) for p in g.people] == [(name, role)]


def test_a_person_already_there_is_refused() -> None:
    g = couple()
    with pytest.raises(CaptureError, match="Tom is already on the map"):
        parse_capture("person: tom, brother", g)
    take(g, "person: Tomás, brother")
    assert g.people[-1].id == "tomas"


# -- `;` between statements --------------------------------------------------------------


def test_a_semicolon_before_a_form_separates_statements_in_one_undo() -> None:
    g = MapGraph("Invented")
    capture = undone(g, "t: Tom is late; f: scared")
    assert capture.form == "several" and isinstance(capture.edit, Batch)
    assert [(n.kind, n.label) for n in g.nodes()] == [(NodeKind.TRIGGER, "Tom is late"),
                                                      (NodeKind.FEELING, "scared")]
    assert g.links() == []
    assert capture.summary == "added trigger “Tom is late”; added feeling “scared”"


@pytest.mark.parametrize(("line", "spans"), [
    ("t: Tom is late; f: scared", [(0, 14), (15, 25)]),
    ("t: Tom is late;f: scared", [(0, 14), (15, 24)]),
    ("t: late; scared", [(0, 15)]),  # no form after it: the `;` is the label's
    ("When Sam goes quiet; I feel scared; so I text", [(0, 45)]),
    ("rupture: late; she went cold", [(0, 28)]),
    ("rupture: late; she went cold; repair: named it", [(0, 28), (29, 46)]),
    ("t: a; When b, I feel c; person: Tom", [(0, 4), (5, 22), (23, 35)]),
    ('t: "a; f: b"', [(0, 12)]),  # inside quotes: never
])
def test_where_statements_begin(line: str, spans: list[tuple[int, int]]) -> None:
    assert split_statements(line) == spans


def test_a_later_statement_sees_what_an_earlier_one_added() -> None:
    g = MapGraph("Invented")
    take(g, "t: Tom is late; When Tom is late, I feel scared")
    assert [n.label for n in g.nodes()] == ["Tom is late", "scared"]
    assert len(g.links()) == 1


def test_an_error_in_a_later_statement_points_into_it() -> None:
    g = MapGraph("Invented")
    with pytest.raises(CaptureError) as caught:
        parse_capture("t: Tom is late; f:", g)
    assert caught.value.message == "type the feeling after “f:”"
    assert (caught.value.start, caught.value.end) == (16, 18)
    assert g.nodes() == []


def test_statements_on_the_first_edit_of_a_day_carry_the_new_session() -> None:
    g = MapGraph("Invented")
    capture = parse_capture("t: Tom is late; f: scared", g, session="s1", today=DAY)
    assert g.sessions == []  # parsing leaves the map as it was
    history = History(g)
    history.do(Batch([SetItem("sessions", None, Session(id="s1", date=DAY)), capture.edit]))
    assert {n.session for n in g.nodes()} == {"s1"}


# -- hints and completion -------------------------------------------------------------


@pytest.mark.parametrize(("line", "hint"), [
    ("name:", "names the loop through the selected part (or the one shown): type its name"),
    ("try:", "plans an experiment: a new response"),
    ("rupture:", "logs a rupture today: what happened"),
    ("repair:", "adds what reconnected to the last rupture without a repair"),
    ("person:", "adds a person: their name, then their role"),
    ("person: Ana, sister", "adds person Ana (sister)"),
    ("t: Tom is late; f:", "adds a feeling: type its words"),
    ("t: Tom is late; f: sad", "adds a trigger · adds a feeling"),
])
def test_the_hint_says_what_a_form_will_do(line: str, hint: str) -> None:
    assert capture_hint(line, couple()).startswith(hint)


def test_the_hint_for_name_follows_the_selection(chase_graph: MapGraph) -> None:
    assert capture_hint("name: x", chase_graph, selected="chest") == (
        "renames the loop “x” (through “tight chest, racing heart”)")
    assert capture_hint("name: x", two_cycles(), selected="alone") == (
        "names the loop “x” (through “alone”)")


def test_completion_after_instead_of_offers_the_moves(chase_graph: MapGraph) -> None:
    assert complete_capture("try: wait instead of text ag", chase_graph) == (
        "try: wait instead of text again and again")
    assert complete_capture("t: late; f: x; scared -> te", chase_graph) == (
        "t: late; f: x; scared -> text again and again")
    assert complete_capture("person: S", chase_graph) is None
