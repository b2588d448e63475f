"""The map as a Mermaid flowchart, which Obsidian, GitHub, GitLab and many
notes tools draw from a ```` ```mermaid ```` block in Markdown.

Each part is a node whose shape and colours say its kind (the PDF's
colours; a core feeling has a heavier outline), each person's parts are a
subgraph with their name, and each link is an arrow labelled with its kind:
`masks`, `shapes` and `longs for` dashed, `blocks` ending in a cross, the
steps of a named loop heavy.

Labels are the client's words, so anything Mermaid would read as syntax is
written as an entity code (`#34;` for a quote, `#35;` for `#`, and so on for
brackets, pipes, backticks, angle brackets): a label can never close its
quotes, start a link, or end the Markdown code block it sits in. Nodes are
named `n1`, `n2`… rather than by their ids, which may be Mermaid keywords
(`end`, `graph`).
"""

from __future__ import annotations

import re

from exports.palette import INK_HEX, KIND_HEX
from patterns.graph import MapGraph
from patterns.models import RelationalMap
from patterns.reading import MapReading
from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind, link_phrase

#: Characters Mermaid reads as syntax, and the entity code that shows each.
_ESCAPES = {c: f"#{ord(c)};" for c in '"#`[](){}<>|&%\\'}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BREAK = re.compile(r"\r\n|\r|\n")

#: The node's shape by kind: (opening, closing) around its quoted label.
SHAPES: dict[NodeKind, tuple[str, str]] = {
    NodeKind.TRIGGER: (">", "]"),  # a flag: the cue
    NodeKind.FEELING: ("(", ")"),  # rounded
    NodeKind.MEANING: ("[[", "]]"),
    NodeKind.SENSATION: ("{{", "}}"),  # hexagon
    NodeKind.STRATEGY: ("[", "]"),  # a plain box: the move
    NodeKind.NEED: ("([", "])"),  # stadium
    NodeKind.RESOURCE: ("[(", ")]"),  # cylinder: a store to draw on
    NodeKind.RESPONSE: ("[/", "/]"),  # leaning forward: the new way
    NodeKind.ORIGIN: ("[\\", "\\]"),
}
def mermaid_text(text: str) -> str:
    """User text made inert inside a quoted Mermaid label: syntax characters
    as entity codes, control characters dropped, line breaks as `<br>`."""
    text = _CONTROL.sub("", text.replace("\t", " "))
    lines = ["".join(_ESCAPES.get(c, c) for c in line) for line in _BREAK.split(text)]
    return "<br>".join(lines)


def _arrow(kind: LinkKind, on_loop: bool) -> str:
    if kind is LinkKind.BLOCKS:
        return "--x"
    if kind in (LinkKind.MASKS, LinkKind.SHAPES, LinkKind.LONGS_FOR):
        return "-.->"
    return "==>" if on_loop else "-->"


def mermaid_flowchart(m: RelationalMap) -> str:
    """The map as the text of a Mermaid flowchart (without the code fence)."""
    view = MapReading(MapGraph.from_map(m))
    name = {node_id: f"n{i}" for i, node_id in enumerate(view.ids, 1)}
    lines = ["flowchart TB"]

    def node_line(node_id: str, indent: str) -> str:
        node = view.node[node_id]
        opening, closing = SHAPES[node.kind]
        return f'{indent}{name[node_id]}{opening}"{mermaid_text(node.label)}"{closing}'

    for number, person in enumerate(m.people, 1):
        theirs = [i for i in view.ids if view.owner[i] == person.id]
        if theirs:
            lines.append(f'  subgraph p{number}["{mermaid_text(person.name)}"]')
            lines += [node_line(i, "    ") for i in theirs]
            lines.append("  end")
    lines += [node_line(i, "  ") for i in view.ids if view.owner[i] is None]

    steps = {(a, b) for loop in m.loops for a, b in zip(loop.nodes, loop.nodes[1:] + loop.nodes[:1])}
    for link in m.links:
        arrow = _arrow(link.kind, (link.source, link.target) in steps)
        lines.append(f'  {name[link.source]} {arrow}|"{link_phrase(link.kind)}"|'
                     f" {name[link.target]}")

    for kind in NodeKind:
        fill, outline = KIND_HEX[kind]
        lines.append(f"  classDef {kind.value} fill:{fill},stroke:{outline},color:{INK_HEX}")
    lines.append("  classDef core stroke-width:3px")
    for kind in NodeKind:
        members = [name[n.id] for n in view.node.values() if n.kind is kind]
        if members:
            lines.append(f"  class {','.join(members)} {kind.value}")
    core = [name[n.id] for n in view.node.values() if n.layer is FeelingLayer.CORE]
    if core:
        lines.append(f"  class {','.join(core)} core")
    return "\n".join(lines) + "\n"


__all__ = ["SHAPES", "mermaid_flowchart", "mermaid_text"]
