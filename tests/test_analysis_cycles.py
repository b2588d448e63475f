"""Cycles: loops gathered by their trigger-to-trigger skeleton (issue 11).

The clients are invented."""

from __future__ import annotations

from tests.support.sketches import chain, sketch
from patterns.cycles import find_cycles, skeleton
from patterns.graph import MapGraph
from patterns.hotspots import downstream_reach
from patterns.insights import analyse
from patterns.loops import find_loops

# Ana pursues, Bo withdraws; Ana has two feelings and two moves, Bo two moves.
VARIANT_NODES = [
    ("late", "t", "Bo is late home", "ana"),
    ("alone", "f", "alone", "ana"),
    ("chest", "b", "tight chest", "ana"),
    ("call", "s", "call over and over", "ana"),
    ("blame", "s", "list everything he forgot", "ana"),
    ("nagged", "t", "the phone ringing again", "bo"),
    ("trapped", "f", "trapped", "bo"),
    ("stay-out", "s", "stay out longer", "bo"),
    ("mute", "s", "switch the phone off", "bo"),
]
VARIANT_LINKS = [
    *chain("late", "alone", "call", "nagged", "trapped", "stay-out"), "stay-out > late",
    "late > chest", "chest > call", "alone > blame", "blame > nagged",
    "trapped > mute", "mute > late",
]


def variant_map(**kwargs) -> MapGraph:
    return sketch(VARIANT_NODES, VARIANT_LINKS, people=["ana", "bo"], **kwargs)


def test_variants_through_other_feelings_and_moves_are_one_cycle() -> None:
    g = variant_map()
    assert len(find_loops(g).loops) == 6  # (alone|chest)->call, alone->blame; x2 for Bo
    [cycle] = find_cycles(g).cycles
    assert cycle.name is None
    assert cycle.loop.nodes == ["late", "alone", "call", "nagged", "trapped", "stay-out"]
    assert len(cycle.variants) == 5
    assert cycle.people == ["ana", "bo"]
    assert cycle.skeleton == [("late", "ana"), ("nagged", "bo")]
    assert set(cycle.node_ids) == {n[0] for n in VARIANT_NODES}
    assert cycle.node_ids[:6] == cycle.loop.nodes


def test_a_named_variant_names_its_cycle_and_is_its_main_loop() -> None:
    named = ["late", "chest", "call", "nagged", "trapped", "mute"]
    g = variant_map(loops={"the late-night chase": named})
    [cycle] = find_cycles(g).cycles
    assert cycle.name == "the late-night chase"
    assert cycle.loop.nodes == named
    assert len(cycle.variants) == 5 and all(v.name is None for v in cycle.variants)


def test_another_trigger_makes_another_cycle() -> None:
    g = sketch(VARIANT_NODES + [("door", "t", "the door slams", "ana")],
               VARIANT_LINKS + ["mute > door", "door > alone"], people=["ana", "bo"])
    cycles = find_cycles(g).cycles
    assert len(cycles) == 2
    assert {tuple(s[0] for s in c.skeleton) for c in cycles} == {("late", "nagged"),
                                                                ("door", "nagged")}


def test_another_persons_move_between_the_same_triggers_makes_another_cycle() -> None:
    # Bo's trigger is set off by Ana's move, and also by their son's.
    g = sketch(VARIANT_NODES + [("kid", "s", "slam his bedroom door", "cal")],
               VARIANT_LINKS + ["alone > kid", "kid > nagged"], people=["ana", "bo", "cal"])
    cycles = find_cycles(g).cycles
    assert [c.skeleton for c in cycles] == [[("late", "ana"), ("nagged", "bo")],
                                           [("late", "cal"), ("nagged", "bo")]]


def test_named_cycles_come_first_in_the_order_the_map_names_them() -> None:
    g = sketch(VARIANT_NODES + [("door", "t", "the door slams", "ana")],
               VARIANT_LINKS + ["mute > door", "door > alone"], people=["ana", "bo"],
               loops={"the door": ["door", "alone", "call", "nagged", "trapped", "mute"]})
    cycles = find_cycles(g).cycles
    assert [c.name for c in cycles] == ["the door", None]


def test_loops_without_a_trigger_stay_cycles_of_their_own() -> None:
    g = sketch([("worry", "f", "worried"), ("check", "s", "check the locks"),
                ("doubt", "m", "I missed one"), ("ask", "s", "ask for a promise")],
               ["worry > check", "check > doubt", "doubt > worry", "worry > ask", "ask > worry"])
    cycles = find_cycles(g).cycles
    assert len(cycles) == 2
    assert all(c.skeleton == [] and not c.variants for c in cycles)
    assert skeleton(g, cycles[0].loop.nodes) == ()


def test_masks_is_no_step_of_a_loop_and_no_cause_downstream() -> None:
    # "angry" masks "scared": the fear lies underneath, the anger does not set it off.
    g = sketch([("quiet", "t", "Sam goes quiet"), ("angry", "f", "angry"),
                ("scared", "f", "scared"), ("text", "s", "text again")],
               ["quiet > angry", "angry -masks-> scared", "scared > text", "text > quiet"])
    assert find_loops(g).loops == []
    assert find_cycles(g).cycles == []
    reach = downstream_reach(g)
    assert reach["angry"] == 0
    assert reach["quiet"] == 1  # only "angry"


def test_the_chase_is_one_cycle_through_the_feeling_and_the_chest(chase_graph: MapGraph) -> None:
    search = find_cycles(chase_graph)
    assert search.capped is False
    [cycle] = search.cycles
    assert cycle.name == "the chase"
    assert cycle.loop.name == "the chase"
    assert [v.nodes[1] for v in cycle.variants] == ["chest"]
    assert "zoe-angry" not in cycle.node_ids  # it masks the fear; it is not a step
    assert cycle.people == ["zoe", "sam"]


def test_analyse_lists_the_cycles_and_counts_hot_spots_by_cycle(chase_graph: MapGraph) -> None:
    found = analyse(chase_graph)
    assert [c.name for c in found.cycles] == ["the chase"]
    assert found.cycles_capped is False
    # Variants of one cycle do not make a node "sit on many loops".
    assert all("loops" not in h.why for h in found.hot_spots)
    # "angry, fed up" reaches what its own move sets off, not the fear it masks.
    reach = downstream_reach(chase_graph)
    assert reach["zoe-angry"] == reach["criticise"] + 1


def test_a_capped_loop_search_caps_the_cycles() -> None:
    g = variant_map()
    assert find_cycles(g, find_loops(g, limit=2)).capped is True
