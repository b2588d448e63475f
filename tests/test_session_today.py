"""Today's session (patterns/today.py): added once per day with the first
edit, numbered after the map's sessions, and undone with that edit."""

from __future__ import annotations

import datetime as dt

from patterns.edits import AddNode, Batch, History
from patterns.graph import MapGraph
from patterns.models import Node, Session
from patterns.today import latest_session, new_session_id, session_number, session_on, start_session
from patterns.vocabulary import NodeKind

DAY = dt.date(2026, 12, 4)


def test_the_first_edit_of_a_day_adds_its_session_and_undo_takes_both_back(
    chase_graph: MapGraph,
) -> None:
    history = History(chase_graph)
    start = start_session(chase_graph, DAY)
    assert start is not None and start.new.id == "s3"
    node = Node(id="new", kind=NodeKind.TRIGGER, label="the door slams", session="s3")
    history.do(Batch([start, AddNode(node)]))
    assert session_on(chase_graph, DAY).id == "s3"  # type: ignore[union-attr]
    assert session_number(chase_graph, "s3") == 3
    assert start_session(chase_graph, DAY) is None  # once a day
    history.undo()
    assert [s.id for s in chase_graph.sessions] == ["s1", "s2"] and "new" not in chase_graph


def test_a_new_session_id_skips_ids_already_taken() -> None:
    g = MapGraph("t", sessions=[Session(id="s2", date=dt.date(2026, 1, 1))])
    assert new_session_id(g) == "s3"
    g.sessions.append(Session(id="s1", date=dt.date(2026, 1, 8)))
    assert new_session_id(g) == "s3"


def test_the_latest_session_is_the_last_by_date_not_by_place(chase_graph: MapGraph) -> None:
    assert latest_session(chase_graph).id == "s2"  # type: ignore[union-attr]
    chase_graph.sessions.insert(0, Session(id="late", date=dt.date(2026, 12, 1)))
    assert latest_session(chase_graph).id == "late"  # type: ignore[union-attr]
    assert latest_session(MapGraph("empty")) is None
