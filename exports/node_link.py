"""The map as JSON node-link data, for Python, D3 and Kumu-style tools.

`attachmap export FILE -f json` writes `networkx.node_link_data` of the
map's graph, links under `"links"`: every part of the map is a node (its
id, kind, label, person and the rest of its keys), every link a link (its
source, target, kind and note). It is a multigraph, since two parts may be
linked twice with different kinds (`activates` and `masks`). The graph's own
attributes hold the map's title, client alias, people, sessions and named
loops. `networkx.node_link_graph(data, edges="links")` reads it back.

The map reaching here has already been made fit for its audience
(exports.audience): for the client, there is no private note in it.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from exports.audience import Audience, for_audience
from patterns.models import RelationalMap

#: The key the links are under (networkx's old default, and what D3 reads).
LINKS = "links"


def _plain(model: Any, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """A model's keys as JSON values (dates as ISO text), unset ones left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude=exclude)


def map_digraph(m: RelationalMap) -> nx.MultiDiGraph:
    """The map as a networkx multigraph with plain (JSON-ready) attributes."""
    g = nx.MultiDiGraph()
    g.graph.update(_plain(m, exclude={"nodes", "links", "experiments", "repairs"}))
    for node in m.nodes:
        g.add_node(node.id, **_plain(node, exclude={"id"}))
    for link in m.links:
        g.add_edge(link.source, link.target, key=link.kind.value,
                   **_plain(link, exclude={"source", "target"}))
    return g


def node_link(m: RelationalMap) -> dict[str, Any]:
    """networkx node-link data of the map, links under `"links"`."""
    return nx.node_link_data(map_digraph(m), edges=LINKS)


def render_json(m: RelationalMap, *, audience: Audience = "client", **_: Any) -> bytes:
    """The map as node-link JSON for `audience` (UTF-8, keys in file order)."""
    data = node_link(for_audience(m, audience))
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


__all__ = ["LINKS", "map_digraph", "node_link", "render_json"]
