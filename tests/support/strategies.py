"""Hypothesis strategies for valid maps: every kind, Unicode everywhere,
empty optional tables, loops, experiments and repairs."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from patterns.models import Experiment, Link, Loop, Node, Person, RelationalMap, Repair, Session, Try
from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind, StrategyStyle

# Any Unicode a person might type or paste, control characters included
# (TOML escapes them); surrogates cannot be stored in UTF-8 at all.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
LABEL = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300).map(
    str.strip
).filter(bool)
IDS = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
TIMES = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1),
                     timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]))
SCORE = st.none() | st.integers(0, 10)


@st.composite
def maps(draw: st.DrawFn, max_nodes: int = 12) -> RelationalMap:
    """A valid map, built table by table so every reference resolves."""
    people = [
        Person(id=pid, name=draw(LABEL), role=draw(st.none() | TEXT))
        for pid in draw(st.lists(IDS, unique=True, max_size=3))
    ]
    sessions = [
        Session(id=sid, date=draw(DATES), note=draw(st.none() | TEXT))
        for sid in draw(st.lists(IDS, unique=True, max_size=3))
    ]
    nodes = []
    for node_id in draw(st.lists(IDS, unique=True, max_size=max_nodes)):
        kind = draw(st.sampled_from(list(NodeKind)))
        nodes.append(Node(
            id=node_id,
            kind=kind,
            label=draw(LABEL),
            person=draw(st.none() | st.sampled_from([p.id for p in people])) if people else None,
            layer=draw(st.none() | st.sampled_from(list(FeelingLayer)))
            if kind is NodeKind.FEELING else None,
            style=draw(st.none() | st.sampled_from(list(StrategyStyle)))
            if kind is NodeKind.STRATEGY else None,
            intensity=draw(SCORE),
            note=draw(st.none() | TEXT),
            private_note=draw(st.none() | TEXT),
            session=draw(st.none() | st.sampled_from([s.id for s in sessions])) if sessions else None,
        ))
    ids = [n.id for n in nodes]
    links: dict[tuple[str, str, LinkKind], Link] = {}
    loops = []
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 2 * len(ids)))):
            source, target = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            kind = draw(st.sampled_from(list(LinkKind)))
            links[(source, target, kind)] = Link(source=source, target=target, kind=kind,
                                                 note=draw(st.none() | TEXT))
        if draw(st.booleans()):
            cycle = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=min(5, len(ids)),
                                  unique=True))
            for a, b in zip(cycle, cycle[1:] + cycle[:1]):
                if not any(k[:2] == (a, b) for k in links):
                    links[(a, b, LinkKind.PROVOKES)] = Link(source=a, target=b, kind=LinkKind.PROVOKES)
            loops.append(Loop(name=draw(LABEL), nodes=cycle))
    responses = [n.id for n in nodes if n.kind is NodeKind.RESPONSE]
    experiments = [
        Experiment(
            id=f"e{i}",
            response=response,
            plan=draw(st.none() | TEXT),
            tries=draw(st.lists(st.builds(Try, date=DATES, before=SCORE, after=SCORE,
                                          note=st.none() | TEXT), max_size=3)),
        )
        for i, response in enumerate(responses[:2])
    ]
    repairs = draw(st.lists(st.builds(
        Repair,
        date=DATES,
        with_=st.none() | st.sampled_from([p.id for p in people]) if people else st.none(),
        rupture=st.none() | TEXT, repair=st.none() | TEXT, outcome=st.none() | TEXT,
    ), max_size=2))
    return RelationalMap(
        title=draw(LABEL),
        client=draw(st.none() | TEXT),
        created=draw(st.none() | TIMES),
        updated=draw(st.none() | TIMES),
        people=people,
        sessions=sessions,
        nodes=nodes,
        links=list(links.values()),
        loops=loops,
        experiments=experiments,
        repairs=repairs,
    )
