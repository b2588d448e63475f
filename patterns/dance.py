"""The dance between two people: whose protective move sets off whose alarm.

In a pursue-withdraw cycle each person's strategy lands on the other as a
trigger: Zoë's texting is, for Sam, "a stream of messages and questions";
Sam's going quiet is, for Zoë, "Sam goes quiet after a disagreement". Read in
turn, these steps are the dance the couple is caught in.
"""

from __future__ import annotations

from pydantic import BaseModel

from patterns.graph import MapGraph
from patterns.reading import MapReading, reading_of
from patterns.vocabulary import LinkKind, NodeKind
from patterns.voice import dance_line

#: Link kinds by which one move can set off a trigger (explicit or default).
_SETS_OFF = (LinkKind.PROVOKES, LinkKind.LEADS_TO, LinkKind.ACTIVATES)


class DanceStep(BaseModel):
    """One person's moves setting off another person's trigger."""

    person: str
    """Whose moves these are (a people id)."""
    strategies: list[str]
    """The strategy node ids that set the trigger off, in file order."""
    other: str
    """Whose trigger they set off (a people id)."""
    trigger: str
    """The trigger's node id."""
    text: str
    """The step as a line, everyone by name: Zoë’s “text again and again”
    lands on Sam as “a stream of messages and questions”."""


def find_dance(g: MapGraph | MapReading) -> list[DanceStep]:
    """Every step of the dance, the first person's moves first.

    Only moves that reach someone else count: a map without people has none.
    """
    view = reading_of(g)
    seq, people = view.seq, view.person_rank
    steps: dict[tuple[str, str, str], list[str]] = {}
    for strategy in view.of_kind(NodeKind.STRATEGY):
        mover = view.owner[strategy.id]
        if mover is None:
            continue
        for link in view.out[strategy.id]:
            trigger = view.node[link.target]
            if trigger.kind is not NodeKind.TRIGGER or link.kind not in _SETS_OFF:
                continue
            other = view.owner[trigger.id]
            if other is None or other == mover:
                continue
            moves = steps.setdefault((mover, other, trigger.id), [])
            if strategy.id not in moves:
                moves.append(strategy.id)
    ordered = sorted(steps.items(), key=lambda item: (people[item[0][0]], seq[item[1][0]],
                                                       seq[item[0][2]]))
    return [
        DanceStep(person=mover, strategies=moves, other=other, trigger=trigger,
                  text=_line(view, mover, moves, other, trigger))
        for (mover, other, trigger), moves in ordered
    ]


def _line(view: MapReading, mover: str, moves: list[str], other: str, trigger: str) -> str:
    mover_name, other_name = view.name(mover) or mover, view.name(other) or other
    return dance_line(mover_name, [view.node[m].label for m in moves], other_name,
                      view.node[trigger].label)
