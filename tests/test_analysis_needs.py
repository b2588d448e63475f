"""Needs without a new way yet, blocked needs, strategies without an
alternative, hot spots and the dance between two people (issue 4)."""

from __future__ import annotations

from tests.support.sketches import chain, sketch
from patterns.hotspots import downstream_reach, hot_spot_text
from patterns.insights import analyse


def test_a_need_longed_for_and_met_by_nothing_is_unmet() -> None:
    g = sketch([("s", "s", "text again"), ("n", "n", "reassurance"),
                ("calm", "n", "calm")],  # nobody longs for calm yet: not listed
               ["s > n"])
    [unmet] = analyse(g).unmet_needs
    assert unmet.need == "n" and unmet.longed_for_by == ["s"]


def test_a_need_met_by_a_new_response_or_a_resource_is_not_unmet() -> None:
    g = sketch([("s", "s", "text again"), ("n1", "n", "reassurance"), ("n2", "n", "closeness"),
                ("x", "x", "say 'I'm scared' once"), ("r", "r", "my best friend")],
               ["s > n1", "s > n2", "x > n1", "r > n2"])
    assert analyse(g).unmet_needs == []


def test_a_feeling_longing_for_a_need_counts_too() -> None:
    g = sketch([("f", "f", "lonely"), ("n", "n", "company")], ["f > n"])
    assert [u.need for u in analyse(g).unmet_needs] == ["n"]


def test_a_need_a_strategy_blocks_while_another_longs_for_it() -> None:
    g = sketch([("text", "s", "text again"), ("crit", "s", "criticise"),
                ("n", "n", "reassurance")], ["text > n", "crit -blocks-> n"])
    [blocked] = analyse(g).blocked_needs
    assert blocked.need == "n"
    assert blocked.blocked_by == ["crit"]
    assert blocked.longed_for_by == ["text"]


def test_a_strategy_that_longs_for_and_blocks_the_same_need() -> None:
    g = sketch([("cling", "s", "cling"), ("n", "n", "closeness")],
               ["cling > n", "cling -blocks-> n"])
    [blocked] = analyse(g).blocked_needs
    assert blocked.blocked_by == blocked.longed_for_by == ["cling"]


def test_strategies_without_an_alternative_yet() -> None:
    g = sketch([("a", "s", "text again", "zoe"), ("b", "s", "criticise", "zoe"),
                ("c", "s", "shut down", "sam"), ("x", "x", "name the fear", "zoe"),
                ("y", "x", "ask for a pause", "sam")],
               ["x > a", "y > c"], people=["zoe", "sam"])
    assert [(u.strategy, u.person) for u in analyse(g).unreplaced_strategies] == [("b", "zoe")]


def test_a_response_that_only_meets_a_need_does_not_replace_a_move() -> None:
    g = sketch([("s", "s", "text again"), ("n", "n", "reassurance"), ("x", "x", "ask for a hug")],
               ["s > n", "x > n"])
    assert [u.strategy for u in analyse(g).unreplaced_strategies] == ["s"]


def test_downstream_reach_counts_every_part_a_node_sets_going() -> None:
    g = sketch([("t", "t", "a sigh"), ("f", "f", "hurt"), ("m", "m", "I'm a burden"),
                ("s", "s", "go to my room"), ("n", "n", "to be wanted"),
                ("t2", "t", "a late text"), ("f2", "f", "uneasy")],
               [*chain("t", "f", "m", "s", "n"), "t2 > f2"])
    reach = downstream_reach(g)
    assert reach["t"] == 4 and reach["f"] == 3 and reach["n"] == 0 and reach["t2"] == 1


def test_in_a_loop_a_node_does_not_count_itself() -> None:
    g = sketch([("t", "t", "a sigh"), ("f", "f", "hurt"), ("s", "s", "sulk")],
               ["t > f", "f > s", "s > t"])
    assert downstream_reach(g) == {"t": 2, "f": 2, "s": 2}


def test_hot_spots_name_the_trigger_and_feeling_that_reach_furthest() -> None:
    g = sketch([("t", "t", "a sigh"), ("f", "f", "hurt"), ("m", "m", "I'm a burden"),
                ("s", "s", "go to my room"), ("n", "n", "to be wanted"),
                ("t2", "t", "a late text"), ("f2", "f", "uneasy")],
               [*chain("t", "f", "m", "s", "n"), "t2 > f2"])
    spots = analyse(g).hot_spots
    assert [(h.node, h.reach) for h in spots] == [("t", 4), ("f", 3), ("t2", 1)]
    assert hot_spot_text(spots[0], g) == "“a sigh” sets off 4 other parts of the map"


def test_the_dance_lists_whose_move_sets_off_whose_trigger() -> None:
    g = sketch(
        [("z-t", "t", "Sam goes quiet", "zoe"), ("z-f", "f", "scared", "zoe"),
         ("z-s", "s", "text again and again", "zoe"), ("z-s2", "s", "criticise", "zoe"),
         ("s-t", "t", "a stream of messages", "sam"), ("s-f", "f", "overwhelmed", "sam"),
         ("s-s", "s", "go quiet", "sam")],
        [*chain("z-t", "z-f", "z-s"), "z-f > z-s2", "z-s > s-t", "z-s2 > s-t",
         *chain("s-t", "s-f", "s-s"), "s-s > z-t"],
        people=["zoe", "sam"],
    )
    dance = analyse(g).dance
    assert [d.text for d in dance] == [
        "Zoe’s “text again and again” and “criticise” land on Sam as “a stream of messages”.",
        "Sam’s “go quiet” lands on Zoe as “Sam goes quiet”.",
    ]
    assert (dance[0].person, dance[0].other, dance[0].strategies) == ("zoe", "sam",
                                                                       ["z-s", "z-s2"])


def test_no_dance_without_people_or_within_one_person() -> None:
    nodes = [("t", "t", "a slammed door"), ("f", "f", "scared"), ("s", "s", "hide")]
    links = [*chain("t", "f", "s"), "s > t"]
    assert analyse(sketch(nodes, links)).dance == []
    assert analyse(sketch(nodes, links, people=["ana"])).dance == []
