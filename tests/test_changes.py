"""What is new since the previous session, read from dates or from an old save."""

from __future__ import annotations

import datetime as dt

from patterns.changes import previous_session, since_last_session
from patterns.edits import AddLink, AddNode, History
from patterns.graph import MapGraph
from patterns.models import Link, Node, RelationalMap, Repair, Session, Try
from patterns.side_edits import SetItem, add_try
from patterns.vocabulary import LinkKind, NodeKind


def test_at_the_second_session_the_first_is_the_previous(chase_graph: MapGraph) -> None:
    new = since_last_session(chase_graph, dt.date(2026, 11, 27))
    assert new.previous is not None and new.previous.id == "s1"
    assert new.nodes == {"dad-left", "gran", "say-scared", "ask-pause"}
    assert new.is_new("gran") and not new.is_new("quiet")
    assert ("gran", "zoe-scared", "soothes") in new.links
    assert ("quiet", "zoe-scared", "activates") not in new.links
    assert new.tries == {"pause": [0, 1]}
    assert new.repairs == [0]
    # Parts and arrows, the client's words for the map (the review shows it).
    assert new.sentence() == ("Since the session on 20 Nov 2026: 4 new parts and 6 new arrows"
                              " on the map, 2 tries and 1 repair logged.")


def test_a_week_later_only_the_home_practice_is_new(chase_graph: MapGraph) -> None:
    history = History(chase_graph)
    history.do(add_try(chase_graph, "pause", Try(date=dt.date(2026, 12, 1), before=6, after=2)))
    history.do(SetItem("repairs", None, Repair(date=dt.date(2026, 11, 30), rupture="Snapped")))
    history.do(SetItem("sessions", None, Session(id="s3", date=dt.date(2026, 12, 4))))
    new = since_last_session(chase_graph, dt.date(2026, 12, 4))
    assert new.previous is not None and new.previous.id == "s2"
    assert (new.nodes, new.links) == (set(), set())
    assert new.tries == {"pause": [2]} and new.repairs == [1]
    assert new.sentence() == "Since the session on 27 Nov 2026: 1 try and 1 repair logged."


def test_nothing_before_the_first_session(chase_graph: MapGraph) -> None:
    assert previous_session(chase_graph, dt.date(2026, 11, 20)) is None
    new = since_last_session(chase_graph, dt.date(2026, 11, 20))
    assert not new
    assert new.sentence() == "This is the first session."
    quiet = since_last_session(chase_graph, dt.date(2026, 11, 28))
    assert not quiet and quiet.sentence() == "Since the session on 27 Nov 2026: nothing new yet."


def test_against_the_last_save_of_the_previous_session(chase_map: RelationalMap) -> None:
    g = MapGraph.from_map(chase_map)
    history = History(g)
    # Undated additions (no session tag) are found only by comparing saves.
    history.do(AddNode(Node(id="walk", kind=NodeKind.RESOURCE, label="a walk by the canal")))
    history.do(AddLink(Link(source="walk", target="chest", kind=LinkKind.SOOTHES)))
    history.do(AddLink(Link(source="gran", target="chest", kind=LinkKind.SOOTHES)))
    history.do(add_try(g, "pause", Try(date=dt.date(2026, 11, 22), before=8, after=5)))
    new = since_last_session(g, dt.date(2026, 12, 4), baseline=chase_map)
    assert new.nodes == {"walk"}
    assert new.links == {("walk", "chest", "soothes"), ("gran", "chest", "soothes")}
    # The same scores on the same day again is a second try, and new.
    assert new.tries == {"pause": [2]}
    assert new.repairs == []
    assert new.sentence() == ("Since the session on 27 Nov 2026: 1 new part and 2 new arrows"
                              " on the map, 1 try logged.")
