"""The map as Graphviz DOT: `attachmap export FILE -f dot`, then `dot -Tsvg`.

Each kind of part has its own shape and the PDF's colours (so the kind
reads without colour too); a core feeling has a double outline, as on the
PDF. Each person's parts sit in a cluster of their own, labelled with their
name; parts of nobody in particular sit outside. Links read as the PDF's
do: their kind as a label, `masks` dashed, `blocks` ending in a bar, and the
steps of a named loop drawn heavier in the loop's colour.

Every text the user typed goes out inside a quoted DOT string with its
backslashes and quotes escaped and control characters dropped, so a label
can never end the string or start a Graphviz escape (`\\N`, `\\l`).
"""

from __future__ import annotations

import math
import re
import textwrap
from typing import Any

from exports.audience import Audience, for_audience
from exports.map_paper import link_style
from exports.palette import KIND_HEX, LOOP_HEX
from patterns.graph import MapGraph
from patterns.models import RelationalMap
from patterns.reading import MapReading
from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind, link_phrase

#: Graphviz shapes by kind: each kind looks different in black and white too.
SHAPES: dict[NodeKind, str] = {
    NodeKind.TRIGGER: "house",
    NodeKind.FEELING: "ellipse",
    NodeKind.MEANING: "note",
    NodeKind.SENSATION: "octagon",
    NodeKind.STRATEGY: "box",
    NodeKind.NEED: "hexagon",
    NodeKind.RESOURCE: "parallelogram",
    NodeKind.RESPONSE: "cds",
    NodeKind.ORIGIN: "tab",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Longest line inside a box before it wraps, in characters.
WRAP = 24


def quote(text: str) -> str:
    """`text` as a DOT quoted string: backslashes and quotes escaped, control
    characters dropped, line breaks as Graphviz's centred `\\n`."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " "))
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def wrapped(label: str, width: int = WRAP) -> str:
    """A label broken at spaces into lines of at most about `width`
    characters, as even as they can be (no lone last word)."""
    out = []
    for paragraph in label.splitlines() or [""]:
        rows = max(1, math.ceil(len(paragraph) / width))
        even = math.ceil(len(paragraph) / rows)
        for attempt in range(even, max(even, width) + 1):
            lines = textwrap.wrap(paragraph, attempt, break_long_words=False) or [""]
            if len(lines) <= rows:
                break
        out += lines
    return "\n".join(out)


def _hex(colour: Any) -> str:
    return "#" + colour.hexval()[2:].upper()


def _attrs(**attrs: str | float) -> str:
    return "[" + ", ".join(f"{k}={v}" for k, v in attrs.items()) + "]"


def render_dot(m: RelationalMap, *, audience: Audience = "client", **_: Any) -> bytes:
    """The map as a Graphviz digraph for `audience` (UTF-8)."""
    m = for_audience(m, audience)
    view = MapReading(MapGraph.from_map(m))
    font = quote("DejaVu Sans")  # the font the PDF ships, where Graphviz finds it
    lines = [
        f"digraph {quote(m.title)} {{",
        "  graph " + _attrs(label=quote(m.title), labelloc="t", fontname=font, newrank="true")
        + ";",
        "  node " + _attrs(fontname=font, fontsize=11, style="filled") + ";",
        "  edge " + _attrs(fontname=font, fontsize=9) + ";",
    ]

    def node_line(node_id: str) -> str:
        node = view.node[node_id]
        fill, line = KIND_HEX[node.kind]
        attrs: dict[str, str | float] = {
            "label": quote(wrapped(node.label)), "shape": SHAPES[node.kind],
            "fillcolor": quote(fill), "color": quote(line),
            "tooltip": quote(node.kind.value),
        }
        if node.layer is FeelingLayer.CORE:
            attrs["peripheries"] = 2
        if node.kind is NodeKind.STRATEGY:
            attrs["penwidth"] = 1.6
        return f"    {quote(node_id)} {_attrs(**attrs)};"

    people = [p for p in m.people if any(view.owner[i] == p.id for i in view.ids)]
    for number, person in enumerate(people):
        cluster = quote(f"cluster_{number}")  # "cluster_": Graphviz draws a box round it
        lines.append(f"  subgraph {cluster} {{")
        lines.append("    graph " + _attrs(label=quote(person.name), style="rounded",
                                            color=quote("#C9CED6")) + ";")
        lines += [node_line(i) for i in view.ids if view.owner[i] == person.id]
        lines.append("  }")
    lines += [node_line(i).removeprefix("  ") for i in view.ids if view.owner[i] is None]

    loop_steps: dict[tuple[str, str], str] = {}
    for colour, loop in zip(LOOP_HEX, m.loops):
        for a, b in zip(loop.nodes, loop.nodes[1:] + loop.nodes[:1]):
            loop_steps.setdefault((a, b), colour)
    for link in m.links:
        style = link_style(link.kind)
        attrs: dict[str, str | float] = {"label": quote(link_phrase(link.kind)),
                                         "color": quote(_hex(style.colour))}
        if link.kind in (LinkKind.MASKS, LinkKind.SHAPES, LinkKind.LONGS_FOR):
            attrs["style"] = "dashed"
        elif link.kind in (LinkKind.REPLACES, LinkKind.SOOTHES):
            attrs["style"] = "dotted"
        if link.kind is LinkKind.BLOCKS:
            attrs["arrowhead"] = "tee"
        if link.kind is LinkKind.MASKS:
            attrs["constraint"] = "false"
        colour = loop_steps.get((link.source, link.target))
        if colour is not None and link.kind is not LinkKind.MASKS:
            attrs.update(color=quote(colour), fontcolor=quote(colour), penwidth=2.2)
        lines.append(f"  {quote(link.source)} -> {quote(link.target)} {_attrs(**attrs)};")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


__all__ = ["SHAPES", "quote", "render_dot", "wrapped"]
