"""The rules of SPEC section 3 that span tables: ids, references, loops.

Per-field rules (types, ranges, enums) live on the models; these need the
whole map. Each broken rule raises `MapRuleError` with the place it is at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from patterns.vocabulary import THERAPIST, NodeKind, default_link_kind

if TYPE_CHECKING:
    from patterns.models import RelationalMap


class MapRuleError(Exception):
    """A map breaks a rule of SPEC section 3.

    `place` is where (`links[2].target`), `expected` says what should be there.
    Deliberately not a ValueError, so pydantic lets it through unchanged.
    """

    def __init__(self, place: str, expected: str) -> None:
        super().__init__(f"{place}: {expected}")
        self.place = place
        self.expected = expected


def fill_default_link_kinds(data: Any) -> Any:
    """Give each link without a `kind` the default for its pair of node kinds.

    Works on raw mappings (as read from TOML) before validation; a link whose
    ends cannot be resolved yet is left alone for the rules to report.
    """
    if not isinstance(data, Mapping):
        return data
    nodes, links = data.get("nodes"), data.get("links")
    if not isinstance(nodes, list) or not isinstance(links, list):
        return data
    kinds: dict[str, NodeKind] = {}
    for node in nodes:
        node_id, kind = _get(node, "id"), _get(node, "kind")
        if isinstance(node_id, str) and isinstance(kind, str):
            try:
                kinds[node_id] = NodeKind(kind)
            except ValueError:
                continue
    filled = []
    for link in links:
        # A link read from a file without `kind`, or a Link built in Python
        # without naming one, takes the default for its pair of node kinds.
        unnamed = "kind" not in link if isinstance(link, Mapping) else (
            "kind" not in getattr(link, "model_fields_set", {"kind"}))
        source, target = _get(link, "source"), _get(link, "target")
        if unnamed and isinstance(source, str) and isinstance(target, str) \
                and source in kinds and target in kinds:
            kind = default_link_kind(kinds[source], kinds[target])
            link = ({**link, "kind": kind.value} if isinstance(link, Mapping)
                    else link.model_copy(update={"kind": kind}))
        filled.append(link)
    return {**data, "links": filled}


def _get(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(key)
    return getattr(item, key, None)


def _unique(table: str, ids: Iterable[str], what: str) -> set[str]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise MapRuleError(
                f"{table}[{index}].id", f"a unique {what} id, but '{item_id}' is used twice"
            )
        seen.add(item_id)
    return seen


def _resolves(place: str, ref: str | None, ids: set[str], table: str) -> None:
    if ref is not None and ref not in ids:
        known = ", ".join(sorted(ids)[:8]) or "none yet"
        raise MapRuleError(place, f"the id of one of the {table} ({known}), got '{ref}'")


def check_map_rules(m: RelationalMap) -> None:
    """Raise `MapRuleError` at the first rule of SPEC section 3 that `m` breaks."""
    people = _unique("people", (p.id for p in m.people), "person")
    sessions = _unique("sessions", (s.id for s in m.sessions), "session")
    node_ids = _unique("nodes", (n.id for n in m.nodes), "node")
    _unique("experiments", (e.id for e in m.experiments), "experiment")
    kinds = {n.id: n.kind for n in m.nodes}

    for i, node in enumerate(m.nodes):
        _resolves(f"nodes[{i}].person", node.person, people, "people")
        _resolves(f"nodes[{i}].session", node.session, sessions, "sessions")
        if node.layer is not None and node.kind is not NodeKind.FEELING:
            raise MapRuleError(
                f"nodes[{i}].layer", f"a layer only on a feeling, but '{node.id}' is a {node.kind}"
            )
        if node.style is not None and node.kind is not NodeKind.STRATEGY:
            raise MapRuleError(
                f"nodes[{i}].style", f"a style only on a strategy, but '{node.id}' is a {node.kind}"
            )

    edges: set[tuple[str, str]] = set()
    seen_links: set[tuple[str, str, str]] = set()
    for i, link in enumerate(m.links):
        _resolves(f"links[{i}].source", link.source, node_ids, "nodes")
        _resolves(f"links[{i}].target", link.target, node_ids, "nodes")
        if link.source == link.target:
            raise MapRuleError(
                f"links[{i}].target", f"a node other than the source, got '{link.target}' twice"
            )
        key = (link.source, link.target, link.kind.value)
        if key in seen_links:
            raise MapRuleError(
                f"links[{i}]",
                f"one link {link.source} -{link.kind}-> {link.target}, but it is there twice",
            )
        seen_links.add(key)
        edges.add((link.source, link.target))

    for i, loop in enumerate(m.loops):
        for j, node_id in enumerate(loop.nodes):
            _resolves(f"loops[{i}].nodes[{j}]", node_id, node_ids, "nodes")
        if len(set(loop.nodes)) != len(loop.nodes):
            raise MapRuleError(f"loops[{i}].nodes", "a cycle that passes each node once")
        for j, node_id in enumerate(loop.nodes):
            following = loop.nodes[(j + 1) % len(loop.nodes)]
            if (node_id, following) not in edges:
                raise MapRuleError(
                    f"loops[{i}].nodes[{j}]",
                    f"a cycle of the map in order, but there is no link {node_id} -> {following}",
                )

    for i, experiment in enumerate(m.experiments):
        place = f"experiments[{i}].response"
        _resolves(place, experiment.response, node_ids, "nodes")
        if kinds[experiment.response] is not NodeKind.RESPONSE:
            raise MapRuleError(
                place,
                f"a node of kind response, but '{experiment.response}'"
                f" is a {kinds[experiment.response]}",
            )

    for i, repair in enumerate(m.repairs):  # or "therapist": the therapy itself
        _resolves(f"repairs[{i}].with", repair.with_, people | {THERAPIST}, "people")
