"""Today's session: the `[[sessions]]` entry a day's edits belong to.

The first time a map is edited on a new day, a session entry with today's
date is added (as part of that first edit, so one undo takes both back), and
the nodes added that day carry its id.
"""

from __future__ import annotations

import datetime as dt

from patterns.graph import MapGraph
from patterns.models import Session
from patterns.side_edits import SetItem
from patterns.voice import day as day_words


def session_on(g: MapGraph, day: dt.date) -> Session | None:
    """The map's session held on `day` (the latest one if there are several)."""
    found = [s for s in g.sessions if s.date == day]
    return found[-1] if found else None


def session_number(g: MapGraph, session_id: str) -> int | None:
    """Which session this was, counting from 1 in the map's order."""
    for i, session in enumerate(g.sessions, start=1):
        if session.id == session_id:
            return i
    return None


def new_session_id(g: MapGraph) -> str:
    """`s3` for a map with two sessions, skipping ids already taken."""
    taken = {s.id for s in g.sessions}
    n = len(g.sessions) + 1
    while f"s{n}" in taken:
        n += 1
    return f"s{n}"


def start_session(g: MapGraph, day: dt.date) -> SetItem | None:
    """The edit that adds a session dated `day`, or None if the map has one."""
    if session_on(g, day) is not None:
        return None
    session = Session(id=new_session_id(g), date=day)
    return SetItem("sessions", None, session, what=f"session of {day_words(day)}")


def latest_session(g: MapGraph) -> Session | None:
    """The most recent session by date (the last in the file among equals)."""
    if not g.sessions:
        return None
    return max(reversed(g.sessions), key=lambda s: s.date)


__all__ = ["latest_session", "new_session_id", "session_number", "session_on", "start_session"]
