"""Invented maps of any size, for tests, benchmarks and trying the app.

The clients are fictional. The shape follows real maps: each person has
chains trigger -> meaning/sensation/feeling -> strategy -> need, strategies
provoke the other person's triggers (so loops form), and resources, new
responses and origins sit beside. `dense=True` adds many cross links, so the
number of cycles grows fast: the worst case for loop finding.
"""

from __future__ import annotations

import datetime as dt
import random

from patterns.models import Experiment, Link, Loop, Node, Person, RelationalMap, Session, Try
from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind, StrategyStyle, default_link_kind

_WORDS = {
    NodeKind.TRIGGER: ["goes quiet", "is late home", "checks the phone", "sighs", "raises voice",
                       "cancels plans", "looks away", "forgets to call"],
    NodeKind.MEANING: ["I'm too much", "I'm failing", "nobody stays", "I must be perfect",
                       "I'm on my own"],
    NodeKind.SENSATION: ["tight chest", "heavy limbs", "racing heart", "hot face"],
    NodeKind.FEELING: ["scared of being left", "ashamed", "angry", "lonely", "overwhelmed"],
    NodeKind.STRATEGY: ["text again and again", "shut down", "criticise", "keep busy",
                        "say it's fine", "check the phone"],
    NodeKind.NEED: ["reassurance", "to feel good enough", "closeness", "calm", "to matter"],
    NodeKind.RESOURCE: ["a walk by the river", "a friend who listens", "slow breathing"],
    NodeKind.RESPONSE: ["name the fear once", "ask for a pause", "say what I need"],
    NodeKind.ORIGIN: ["moving school often", "a busy, tired parent", "being the eldest"],
}
_PEOPLE = [("ana", "Ana", "client"), ("bo", "Bo", "partner"), ("cy", "Cy", "mother")]


def synthetic_map(n_nodes: int = 60, *, seed: int = 1, dense: bool = False,
                  people: int = 2) -> RelationalMap:
    """A valid map of exactly `n_nodes` nodes (at least 8) with loops."""
    rnd = random.Random(seed)
    persons = [Person(id=i, name=n, role=r) for i, n, r in _PEOPLE[: max(1, min(people, 3))]]
    sessions = [Session(id=f"s{i + 1}", date=dt.date(2026, 9, 1) + dt.timedelta(weeks=i),
                        note=f"Session {i + 1}") for i in range(4)]
    nodes: list[Node] = []
    links: dict[tuple[str, str, LinkKind], Link] = {}

    def add(kind: NodeKind, person: Person) -> Node:
        word = rnd.choice(_WORDS[kind])
        node = Node(
            id=f"{kind.value[:3]}-{len(nodes)}",
            kind=kind,
            label=f"{word} ({person.name} {len(nodes)})",
            person=person.id,
            layer=rnd.choice(list(FeelingLayer)) if kind is NodeKind.FEELING else None,
            style=rnd.choice(list(StrategyStyle)) if kind is NodeKind.STRATEGY else None,
            intensity=rnd.randint(0, 10) if rnd.random() < 0.5 else None,
            note="a shared note" if rnd.random() < 0.2 else None,
            private_note="a therapist note" if rnd.random() < 0.1 else None,
            session=rnd.choice(sessions).id,
        )
        nodes.append(node)
        return node

    def link(a: Node, b: Node, kind: LinkKind | None = None) -> None:
        if a.id != b.id:
            kind = kind or default_link_kind(a.kind, b.kind)
            links[(a.id, b.id, kind)] = Link(source=a.id, target=b.id, kind=kind)

    chains: list[list[Node]] = []
    cycle_kinds = [NodeKind.TRIGGER, NodeKind.MEANING, NodeKind.FEELING, NodeKind.STRATEGY,
                   NodeKind.NEED]
    while len(nodes) + len(cycle_kinds) <= max(n_nodes - 3, len(cycle_kinds)):
        person = persons[len(chains) % len(persons)]
        chain = [add(kind, person) for kind in cycle_kinds]
        for a, b in zip(chain, chain[1:]):
            link(a, b)
        chains.append(chain)
        if len(nodes) >= n_nodes * 0.75:
            break
    # Chains pair up, each strategy provoking the other's trigger: a dance.
    for i in range(0, len(chains) - 1, 2):
        link(chains[i][3], chains[i + 1][0], LinkKind.PROVOKES)
        link(chains[i + 1][3], chains[i][0], LinkKind.PROVOKES)
    extras = [NodeKind.RESOURCE, NodeKind.RESPONSE, NodeKind.ORIGIN, NodeKind.SENSATION]
    while len(nodes) < n_nodes:
        chain = rnd.choice(chains)
        kind = extras[len(nodes) % len(extras)]
        node = add(kind, persons[0] if chain[0].person == persons[0].id else
                   next(p for p in persons if p.id == chain[0].person))
        target = {NodeKind.RESOURCE: chain[2], NodeKind.RESPONSE: chain[3],
                  NodeKind.ORIGIN: chain[1], NodeKind.SENSATION: chain[3]}[kind]
        link(node, target)
        if kind is NodeKind.RESPONSE:
            link(node, chain[4], LinkKind.MEETS)
        if kind is NodeKind.SENSATION:
            link(chain[0], node)
    if dense:
        inner = [n for n in nodes if n.kind in (NodeKind.FEELING, NodeKind.MEANING,
                                                  NodeKind.STRATEGY, NodeKind.TRIGGER)]
        for _ in range(len(nodes)):
            a, b = rnd.sample(inner, 2)
            link(a, b)
    loop_nodes = [n.id for chain in chains[:2] for n in chain[:4]] if len(chains) >= 2 else []
    loops = [Loop(name="the usual round", nodes=loop_nodes)] if loop_nodes else []
    responses = [n for n in nodes if n.kind is NodeKind.RESPONSE]
    experiments = [
        Experiment(id=f"exp-{i}", response=r.id, plan="Try it once this week",
                   tries=[Try(date=dt.date(2026, 10, 1 + d), before=rnd.randint(5, 10),
                              after=rnd.randint(0, 6)) for d in range(3)])
        for i, r in enumerate(responses[:3])
    ]
    return RelationalMap(
        title=f"Invented map of {n_nodes} nodes",
        client="A.",
        created=dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC),
        updated=dt.datetime(2026, 10, 1, 10, 0, tzinfo=dt.UTC),
        people=persons,
        sessions=sessions,
        nodes=nodes,
        links=list(links.values()),
        loops=loops,
        experiments=experiments,
    )
