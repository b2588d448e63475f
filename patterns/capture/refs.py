"""Which node a capture line means, how a typed label is tidied, and what quotes protect.

A reference on the capture line (`scared -> texting`) names a node by its id,
its whole label, or the start of its label (SPEC section 4). Labels are
compared loosely, the way a person reads them: case, runs of spaces, curly
or straight quotes and a trailing full stop or comma make no difference.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from patterns.capture import CaptureError
from patterns.graph import MapGraph
from patterns.models import LABEL_MAX, Node
from patterns.text import quoted

#: Candidates named in an "ambiguous" message before "and N more".
SHOWN_CANDIDATES = 3

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def tidy_label(text: str) -> str:
    """A typed label as it is kept in the map (how any output then shows a
    label is `patterns.text.clean_label`).

    Control characters and runs of spaces become one space; spaces, commas
    and semicolons at either end go, and so does one closing full stop
    (`Sam goes quiet.` -> `Sam goes quiet`), but not an ellipsis (`so...`).
    Everything else is kept as typed.
    """
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in text)
    text = " ".join(text.split()).strip(" ,;")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip(" ,;")
    return text


def check_length(label: str, start: int | None, end: int | None, what: str = "that") -> None:
    """Refuse a label the map cannot hold (SPEC: 1 to 300 characters)."""
    if len(label) > LABEL_MAX:
        raise CaptureError(
            f"{what} is {len(label)} characters; a box holds up to {LABEL_MAX}: say it shorter",
            start, end,
        )


# Every keypress compares the typed words with every label: remember the
# labels' keys rather than fold them afresh (labels change rarely).
@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """What two labels must share to be the same words: case, spacing,
    quote style and a trailing full stop or comma do not count."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).rstrip(" .,;")


def unquote(text: str) -> str:
    """`"before -> after"` -> `before -> after`: quotes around a whole
    reference protect an arrow or a part word inside it."""
    text = text.strip()
    if len(text) >= 2 and (text[0], text[-1]) in (('"', '"'), ("“", "”")):
        return text[1:-1].strip()
    return text


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text in double quotes, which protect what is inside: an
    arrow or a part word there is words of a label."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls within one of the quoted `spans`."""
    return any(a < pos < b for a, b in spans)


def _names(nodes: list[Node]) -> str:
    """`“a”, “b” or “c”`, with ids where two labels read the same."""
    keys = [label_key(n.label) for n in nodes]
    shown = [
        quoted(n.label) + (f" ({n.id})" if keys.count(keys[i]) > 1 else "")
        for i, n in enumerate(nodes[:SHOWN_CANDIDATES])
    ]
    if len(nodes) > SHOWN_CANDIDATES:
        return ", ".join(shown) + f" or {len(nodes) - SHOWN_CANDIDATES} more"
    return ", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else shown[0]


def resolve_node(ref: str, g: MapGraph) -> str:
    """The id of the node `ref` names; CaptureError if none or several.

    Tried in turn: the exact id; the whole label (case-insensitive, trimmed);
    the id typed in another case; a case-insensitive start of exactly one
    label. Quotes around the whole reference are ignored.
    """
    raw = ref.strip()
    text = unquote(raw)
    for candidate in (raw, text):
        if candidate in g:
            return candidate
    if not label_key(text):
        raise CaptureError("type a node: its label, the start of its label, or its id")
    # The words as typed first; then without the quotes around them.
    whole, by_id, starts = _matches(label_key(raw), g)
    if not (whole or by_id or starts) and text != raw:
        whole, by_id, starts = _matches(label_key(text), g)
    if len(whole) == 1:
        return whole[0].id
    if whole:
        ids = " or ".join(f"“{n.id}”" for n in whole[:SHOWN_CANDIDATES])
        raise CaptureError(f"{len(whole)} nodes read {quoted(text)}: type its id, {ids}")
    if len(by_id) == 1:
        return by_id[0].id
    if len(starts) == 1:
        return starts[0].id
    if starts:
        raise CaptureError(f"{quoted(text)} could be {_names(starts)}: type more")
    raise CaptureError(f"no node matches {quoted(text)} — type the start of its label")


def _matches(key: str, g: MapGraph) -> tuple[list[Node], list[Node], list[Node]]:
    """Nodes whose whole label is `key`, whose id is (in any case), and
    whose label starts with it."""
    whole: list[Node] = []
    by_id: list[Node] = []
    starts: list[Node] = []
    if not key:
        return whole, by_id, starts
    for node in g.nodes():
        label = label_key(node.label)
        if label == key:
            whole.append(node)
        elif label.startswith(key):
            starts.append(node)
        if node.id.casefold() == key:
            by_id.append(node)
    return whole, by_id, starts


def complete_reference(prefix: str, g: MapGraph) -> list[str]:
    """Labels a reference could complete to (for tab completion), best first.

    First the label typed whole, then labels that start with `prefix`, then
    labels with a later word that does, then nodes whose id does; newest
    first within each group, since what was just said is what gets linked.
    A label that two nodes share is offered as their ids, so that what is
    completed always resolves.
    """
    key = label_key(unquote(prefix))
    if not key:
        return []
    nodes = g.nodes()
    counts: dict[str, int] = {}
    for node in nodes:
        k = label_key(node.label)
        counts[k] = counts.get(k, 0) + 1
    groups: list[list[str]] = [[], [], [], []]
    for node in reversed(nodes):
        label = label_key(node.label)
        name = node.label if counts[label] == 1 else node.id
        if label == key:
            groups[0].append(name)
        elif label.startswith(key):
            groups[1].append(name)
        elif f" {key}" in label:
            groups[2].append(name)
        elif node.id.casefold().startswith(key):
            groups[3].append(name)
    out: list[str] = []
    for group in groups:
        out.extend(name for name in group if name not in out)
    return out


__all__ = [
    "check_length",
    "complete_reference",
    "inside",
    "label_key",
    "quoted_spans",
    "resolve_node",
    "tidy_label",
    "unquote",
]
