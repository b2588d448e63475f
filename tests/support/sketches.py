"""Small hand-made maps for the analysis tests, written the way a therapist
would sketch them: `("quiet", "t", "Sam goes quiet")` and `"quiet > scared"`.

The clients are invented.
"""

from __future__ import annotations

import re

from patterns.graph import MapGraph
from patterns.models import Loop, Node, Person, RelationalMap
from patterns.vocabulary import parse_link_kind, parse_node_kind

_LINK = re.compile(r"^\s*(\S+)\s*(?:-(\w+)->|>)\s*(\S+)\s*$")


def sketch(nodes: list[tuple[str, ...]], links: list[str] = (), *,  # type: ignore[assignment]
           people: list[str] = (), loops: dict[str, list[str]] | None = None,  # type: ignore[assignment]
           title: str = "An invented map") -> MapGraph:
    """A valid map as a graph.

    nodes: (id, kind word or alias, label[, person id]).
    links: "a > b" (default kind) or "a -blocks-> b".
    people: person ids; each is named by its id, capitalised.
    """
    built = [
        Node(id=spec[0], kind=parse_node_kind(spec[1]), label=spec[2],
             person=spec[3] if len(spec) > 3 else None)
        for spec in nodes
    ]
    parsed = []
    for text in links:
        match = _LINK.match(text)
        assert match, f"cannot read link {text!r}"
        source, kind, target = match.groups()
        link = {"source": source, "target": target}
        if kind:
            link["kind"] = parse_link_kind(kind).value
        parsed.append(link)
    m = RelationalMap(
        title=title,
        people=[Person(id=p, name=p.capitalize()) for p in people],
        nodes=built,
        links=parsed,
        loops=[Loop(name=name, nodes=ids) for name, ids in (loops or {}).items()],
    )
    return MapGraph.from_map(m)


def chain(*ids: str) -> list[str]:
    """Links a > b > c ... as a list."""
    return [f"{a} > {b}" for a, b in zip(ids, ids[1:])]
