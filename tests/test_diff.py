"""`diff_maps`: every kind of change between two hand-made saves of the chase."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.diff import diff_maps
from patterns.models import (
    Experiment,
    Link,
    Loop,
    Node,
    Person,
    RelationalMap,
    Repair,
    Session,
    Try,
)
from patterns.synthetic import synthetic_map
from patterns.vocabulary import LinkKind, NodeKind


def edited(m: RelationalMap, **tables: object) -> RelationalMap:
    """A copy of `m` with some tables replaced, validated like a loaded file."""
    return RelationalMap.model_validate(m.model_dump(by_alias=True) | {
        k: [x.model_dump(by_alias=True) if hasattr(x, "model_dump") else x for x in v]
        if isinstance(v, list) else v
        for k, v in tables.items()})


def test_the_same_map_has_no_changes(chase_map: RelationalMap) -> None:
    diff = diff_maps(chase_map, chase_map)
    assert not diff
    assert diff.lines() == ["no changes"]
    assert diff.summary() == "no changes"


def test_a_new_save_time_alone_is_not_a_change(chase_map: RelationalMap) -> None:
    later = chase_map.model_copy(update={"updated": dt.datetime(2027, 1, 1, tzinfo=dt.UTC)})
    assert not diff_maps(chase_map, later)


def test_nodes_added_removed_and_changed(chase_map: RelationalMap) -> None:
    nodes = [n for n in chase_map.nodes if n.id != "gran"]
    links = [lk for lk in chase_map.links if "gran" not in (lk.source, lk.target)]
    nodes = [n.model_copy(update={"intensity": 6, "label": "scared they'll leave"})
             if n.id == "zoe-scared" else n for n in nodes]
    nodes.append(Node(id="walk", kind=NodeKind.RESOURCE, label="a walk by the canal"))
    new = edited(chase_map, nodes=nodes, links=links)
    diff = diff_maps(chase_map, new)
    assert diff.lines() == [
        "changed feeling “scared of being left”: label “scared of being left” → "
        "“scared they'll leave”; intensity 9 → 6",
        "added resource “a walk by the canal”",
        "removed resource “Gran's kitchen on Sundays”",
        "removed link “Gran's kitchen on Sundays” soothes “scared of being left”",
    ]
    assert diff.summary() == "1 node added, 1 node changed, 1 node removed, 1 link removed"


def test_a_link_added_removed_renoted_and_rekinded(chase_map: RelationalMap) -> None:
    links = [lk for lk in chase_map.links if (lk.source, lk.target) != ("quiet", "chest")]
    links = [lk.model_copy(update={"kind": LinkKind.LEADS_TO})
             if (lk.source, lk.target) == ("criticise", "zoe-need") else lk for lk in links]
    links = [lk.model_copy(update={"note": "every time"})
             if (lk.source, lk.target) == ("texting", "sam-pressure") else lk for lk in links]
    links.append(Link(source="gran", target="chest", kind=LinkKind.SOOTHES))
    diff = diff_maps(chase_map, edited(chase_map, links=links))
    assert diff.lines() == [
        "changed link “criticise and demand an answer” blocks “reassurance that we're ok”:"
        " kind blocks → leads to",
        "added link “Gran's kitchen on Sundays” soothes “tight chest, racing heart”",
        "changed link “text again and again” provokes “a stream of messages and questions”:"
        " note none → “every time”",
        "removed link “Sam goes quiet after a disagreement” activates “tight chest, racing heart”",
    ]


def test_a_loop_named_renamed_and_unnamed(chase_map: RelationalMap) -> None:
    renamed = [Loop(name="the dance", nodes=chase_map.loops[0].nodes)]
    assert diff_maps(chase_map, edited(chase_map, loops=renamed)).lines() == [
        "changed loop name “the chase”: name “the chase” → “the dance”"]
    # The same cycle said from another start is the same loop.
    turned = chase_map.loops[0].nodes[2:] + chase_map.loops[0].nodes[:2]
    assert not diff_maps(chase_map, edited(chase_map, loops=[Loop(name="the chase",
                                                                   nodes=turned)]))
    unnamed = edited(chase_map, loops=[])
    assert diff_maps(chase_map, unnamed).lines() == ["removed loop name “the chase”"]
    assert diff_maps(unnamed, chase_map).lines() == ["added loop name “the chase”"]


def test_experiments_and_their_tries(chase_map: RelationalMap) -> None:
    pause = chase_map.experiments[0]
    third = Try(date=dt.date(2026, 11, 29), before=6, after=2, note="Called instead")
    changed_try = pause.tries[0].model_copy(update={"after": 4})
    new_pause = pause.model_copy(update={"plan": "Breathe, then one message",
                                         "tries": [changed_try, pause.tries[1], third]})
    new_exp = Experiment(id="ask", response="ask-pause", plan="Say 'twenty minutes'",
                         tries=[Try(date=dt.date(2026, 11, 28), before=5)])
    diff = diff_maps(chase_map, edited(chase_map, experiments=[new_pause, new_exp]))
    assert diff.lines() == [
        "changed experiment practising “say 'I'm scared' once, then wait”: plan “When no reply"
        " for an hour: breathe slowly for two minutes,…” → “Breathe, then one"
        " message”",
        "added experiment practising “ask for a 20-minute pause and come back”",
        "changed a try of “say 'I'm scared' once, then wait” on 22 Nov 2026 (distress 8 before,"
        " 5 after, “Hard, but he called back”): after 5 → 4",
        "added a try of “say 'I'm scared' once, then wait” on 29 Nov 2026 (distress 6 before,"
        " 2 after, “Called instead”)",
        "added a try of “ask for a 20-minute pause and come back” on 28 Nov 2026"
        " (distress 5 before)",
    ]
    assert diff.summary() == ("1 experiment added, 1 experiment changed, 2 tries added,"
                              " 1 try changed")


def test_a_removed_try_and_a_removed_experiment(chase_map: RelationalMap) -> None:
    pause = chase_map.experiments[0]
    fewer = edited(chase_map, experiments=[pause.model_copy(update={"tries": pause.tries[1:]})])
    assert diff_maps(chase_map, fewer).of("tries", "removed")[0].subject.endswith(
        "on 22 Nov 2026 (distress 8 before, 5 after, “Hard, but he called back”)")
    gone = diff_maps(chase_map, edited(chase_map, experiments=[]))
    assert gone.lines() == ["removed experiment practising “say 'I'm scared' once, then wait”:"
                            " with its 2 tries"]


def test_repairs_people_sessions_and_the_title(chase_map: RelationalMap) -> None:
    repair = chase_map.repairs[0]
    new = edited(
        chase_map,
        title="Zoë and Sam",
        people=[*chase_map.people, Person(id="mum", name="Mum", role="mother")],
        sessions=[*chase_map.sessions[:1],
                  chase_map.sessions[1].model_copy(update={"note": "Naming the cycle"}),
                  Session(id="s3", date=dt.date(2026, 12, 4))],
        repairs=[repair.model_copy(update={"outcome": "Felt closer"}),
                 Repair(date=dt.date(2026, 11, 30), **{"with": "mum"},
                        rupture="Hung up on her")],
    )
    diff = diff_maps(chase_map, new)
    assert diff.lines() == [
        "changed the map: title “Zoë and Sam: the chase” → “Zoë and Sam”",
        "added person Mum",
        "changed session of 27 Nov 2026: note “Naming the cycle; first new responses” →"
        " “Naming the cycle”",
        "added session of 4 Dec 2026",
        "changed repair with Sam on 24 Nov 2026: “Shouted about the dishes”: outcome “Talked"
        " for an hour; felt closer” → “Felt closer”",
        "added repair with Mum on 30 Nov 2026: “Hung up on her”",
    ]


def test_private_notes_are_named_never_quoted(chase_map: RelationalMap) -> None:
    nodes = [n.model_copy(update={"private_note": "New worry about work"})
             if n.id == "zoe-too-much" else n for n in chase_map.nodes]
    nodes = [n.model_copy(update={"private_note": "Secret origin"}) if n.id == "dad-left" else n
             for n in nodes]
    text = "\n".join(diff_maps(chase_map, edited(chase_map, nodes=nodes)).lines())
    assert "meaning “I'm too much for people”: private note changed" in text
    assert "origin “Dad left without saying goodbye”: private note added" in text
    for secret in ("2019", "work", "Secret"):
        assert secret not in text


@settings(max_examples=15, deadline=None)
@given(st.integers(8, 60), st.integers(0, 1000))
def test_a_map_against_itself_and_against_nothing(n: int, seed: int) -> None:
    m = synthetic_map(n, seed=seed)
    assert not diff_maps(m, m)
    empty = RelationalMap(title=m.title)
    grown = diff_maps(empty, m)
    assert len(grown.of("nodes", "added")) == len(m.nodes)
    assert len(grown.of("links", "added")) == len(m.links)
    assert len(grown.of("tries", "added")) == sum(len(e.tries) for e in m.experiments)
    assert all(c.action == "added" for c in grown.changes if c.section != "map")
    shrunk = diff_maps(m, empty)
    assert len(shrunk.of("nodes", "removed")) == len(m.nodes)
