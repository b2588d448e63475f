"""Loops: found, ordered, named, bounded (issue 4)."""

from __future__ import annotations

import itertools

import networkx as nx
from tests.support.sketches import chain, sketch
from hypothesis import given, settings
from hypothesis import strategies as st

from patterns.edits import History, RemoveLink
from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.loops import find_loops
from patterns.reading import strong_components
from patterns.side_edits import loop_key, name_loop
from patterns.synthetic import synthetic_map

# A pursue-withdraw dance between two invented partners, Ana and Bo.
DANCE_NODES = [
    ("late", "t", "Bo is late home", "ana"),
    ("alone", "f", "alone", "ana"),
    ("call", "s", "call over and over", "ana"),
    ("nagged", "t", "the phone ringing again", "bo"),
    ("trapped", "f", "trapped", "bo"),
    ("stay-out", "s", "stay out longer", "bo"),
]
DANCE_LINKS = [*chain("late", "alone", "call", "nagged", "trapped", "stay-out"),
               "stay-out > late"]


def test_a_map_with_no_loop_has_none() -> None:
    g = sketch([("t1", "t", "a door slams"), ("f1", "f", "scared"), ("s1", "s", "hide"),
                ("n1", "n", "safety")], chain("t1", "f1", "s1", "n1"))
    result = analyse(g)
    assert result.loops == []
    assert result.loops_capped is False


def test_the_dance_is_one_vicious_loop_starting_at_the_first_persons_trigger() -> None:
    g = sketch(DANCE_NODES, DANCE_LINKS, people=["ana", "bo"])
    [loop] = analyse(g).loops
    assert loop.nodes == ["late", "alone", "call", "nagged", "trapped", "stay-out"]
    assert loop.vicious is True
    assert loop.people == ["ana", "bo"]
    assert loop.name is None


def test_the_loop_starts_at_a_trigger_even_when_the_file_lists_a_feeling_first() -> None:
    g = sketch([("fear", "f", "scared"), ("check", "s", "check the phone"),
                ("silence", "t", "no reply")], ["fear > check", "check > silence", "silence > fear"])
    [loop] = analyse(g).loops
    assert loop.nodes == ["silence", "fear", "check"]


def test_two_loops_sharing_a_node_are_both_found_and_the_shared_node_is_a_hot_spot() -> None:
    # Two cycles (two triggers) meet at "scared"; the variants of one cycle
    # would meet everywhere, so a hot spot counts cycles, not loops.
    g = sketch(
        [("quiet", "t", "goes quiet"), ("scared", "f", "scared"), ("text", "s", "text again"),
         ("door", "t", "a door slams"), ("shame", "m", "I'm too much"), ("hide", "s", "hide away")],
        ["quiet > scared", "scared > text", "text > quiet",
         "door > scared", "scared > shame", "shame > hide", "hide -provokes-> door"],
    )
    result = analyse(g)
    assert [lp.nodes for lp in result.loops] == [
        ["quiet", "scared", "text"],
        ["door", "scared", "shame", "hide"],
    ]
    assert len(result.cycles) == 2
    busy = {h.node: h.loops for h in result.hot_spots if "loops" in h.why}
    assert busy == {"scared": 2}


def test_variants_of_one_cycle_do_not_make_a_hot_spot() -> None:
    g = sketch(
        [("quiet", "t", "goes quiet"), ("scared", "f", "scared"), ("text", "s", "text again"),
         ("shame", "m", "I'm too much"), ("hide", "s", "hide away")],
        ["quiet > scared", "scared > text", "text > quiet",
         "scared > shame", "shame > hide", "hide -provokes-> quiet"],
    )
    result = analyse(g)
    assert len(result.loops) == 2 and len(result.cycles) == 1
    assert not [h for h in result.hot_spots if "loops" in h.why]


def test_a_loop_named_from_a_different_starting_node_keeps_its_name() -> None:
    g = sketch(DANCE_NODES, DANCE_LINKS, people=["ana", "bo"],
               loops={"the late-night chase": ["trapped", "stay-out", "late", "alone", "call",
                                               "nagged"]})
    [loop] = analyse(g).loops
    assert loop.name == "the late-night chase"
    assert loop.nodes[0] == "late"


def test_vicious_loops_come_before_shorter_loops_without_a_strategy() -> None:
    g = sketch(
        [("t1", "t", "criticised"), ("m1", "m", "I'm useless"), ("f1", "f", "ashamed"),
         ("s1", "s", "work late"), ("t2", "t", "an empty house")],
        ["m1 > f1", "f1 > m1",  # a thought and a feeling feeding each other
         "t1 > f1", "f1 > s1", "s1 > t2", "t2 > t1"],
    )
    loops = analyse(g).loops
    assert [lp.vicious for lp in loops] == [True, False]
    assert len(loops[0].nodes) == 4 and len(loops[1].nodes) == 2


def test_shorter_loops_come_first() -> None:
    g = sketch(
        [("a", "t", "a sigh"), ("b", "f", "hurt"), ("c", "s", "snap back"),
         ("d", "m", "nobody cares"), ("e", "f", "lonely")],
        ["a > b", "b > c", "c > a", "b > d", "d > e", "e > c"],
    )
    assert [len(lp.nodes) for lp in analyse(g).loops] == [3, 5]


def test_a_person_less_map_still_has_loops_with_no_people() -> None:
    g = sketch([("t", "t", "a raised voice"), ("f", "f", "frozen"), ("s", "s", "go still")],
               ["t > f", "f > s", "s > t"])
    [loop] = analyse(g).loops
    assert loop.people == []
    assert loop.vicious


def test_naming_a_found_loop_is_an_undoable_edit() -> None:
    g = sketch(DANCE_NODES, DANCE_LINKS, people=["ana", "bo"])
    history = History(g)
    found = analyse(g).loops[0]
    history.do(name_loop(g, found.nodes, "the chase"))
    assert analyse(g).loops[0].name == "the chase"
    assert g.to_map().loops[0].name == "the chase"
    history.undo()
    assert analyse(g).loops[0].name is None
    assert g.to_map().loops == []


def test_breaking_a_named_loop_removes_it_from_the_list() -> None:
    g = sketch(DANCE_NODES, DANCE_LINKS, people=["ana", "bo"],
               loops={"the chase": ["late", "alone", "call", "nagged", "trapped", "stay-out"]})
    History(g).do(RemoveLink("stay-out", "late", g.links_out("stay-out")[0].kind))
    assert analyse(g).loops == []


def test_a_named_loop_longer_than_the_search_bound_is_still_listed() -> None:
    g = sketch(DANCE_NODES, DANCE_LINKS, people=["ana", "bo"],
               loops={"the chase": ["late", "alone", "call", "nagged", "trapped", "stay-out"]})
    search = find_loops(g, max_length=3)
    assert [lp.name for lp in search.loops] == ["the chase"]
    assert search.capped is True


def test_a_dense_map_is_capped_and_says_so() -> None:
    g = MapGraph.from_map(synthetic_map(400, dense=True))
    result = analyse(g)
    assert result.loops_capped is True
    assert 0 < len(result.loops) <= 51  # 50, plus a named loop past the cap
    assert result.loops[0].vicious
    lengths = [len(lp.nodes) for lp in result.loops if lp.vicious and lp.name is None]
    assert lengths == sorted(lengths)
    assert [lp.name for lp in result.loops if lp.name] == ["the usual round"]


def test_a_small_limit_caps_the_list() -> None:
    g = sketch(
        [("quiet", "t", "goes quiet"), ("scared", "f", "scared"), ("text", "s", "text again"),
         ("shame", "m", "I'm too much"), ("hide", "s", "hide away")],
        ["quiet > scared", "scared > text", "text > quiet",
         "scared > shame", "shame > hide", "hide -provokes-> quiet"],
    )
    search = find_loops(g, limit=1)
    assert len(search.loops) == 1 and search.capped
    assert find_loops(g, limit=2).capped is False


def test_running_out_of_work_budget_says_the_list_is_capped() -> None:
    g = MapGraph.from_map(synthetic_map(120, dense=True))
    assert find_loops(g, budget=50).capped is True


@st.composite
def _digraphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(2, 9))
    pairs = [(a, b) for a, b in itertools.permutations(range(n), 2)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=22))
    return n, edges


@settings(max_examples=60, deadline=None)
@given(_digraphs(), st.integers(2, 9))
def test_every_loop_is_found_exactly_once_as_networkx_finds_them(
        shape: tuple[int, list[tuple[int, int]]], bound: int) -> None:
    n, edges = shape
    kinds = ["t", "f", "s", "m"]
    g = sketch([(f"n{i}", kinds[i % 4], f"part {i}") for i in range(n)],
               [f"n{a} -leads_to-> n{b}" for a, b in edges])
    search = find_loops(g, max_length=bound, limit=10_000)
    ours = [loop_key(lp.nodes) for lp in search.loops]
    assert len(ours) == len(set(ours))
    digraph = nx.DiGraph([(f"n{a}", f"n{b}") for a, b in edges])
    theirs = {loop_key(c) for c in nx.simple_cycles(digraph, length_bound=bound)}
    assert set(ours) == theirs
    everything = {loop_key(c) for c in nx.simple_cycles(digraph)}
    if not search.capped:
        assert everything == theirs
    for lp in search.loops:
        assert lp.vicious == any(g.node(i).kind.value == "strategy" for i in lp.nodes)
        for a, b in zip(lp.nodes, lp.nodes[1:] + lp.nodes[:1]):
            assert g.linked(a, b)


@settings(max_examples=60, deadline=None)
@given(_digraphs())
def test_strong_components_match_networkx(shape: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = shape
    succ = [sorted({b for a, b in edges if a == v}) for v in range(n)]
    component = strong_components(succ)
    digraph = nx.DiGraph()
    digraph.add_nodes_from(range(n))
    digraph.add_edges_from(edges)
    theirs = {frozenset(c) for c in nx.strongly_connected_components(digraph)}
    ours = {frozenset(v for v in range(n) if component[v] == c) for c in set(component)}
    assert ours == theirs
    # Every link between components goes from a higher number to a lower one.
    assert all(component[a] >= component[b] for a, b in edges)
