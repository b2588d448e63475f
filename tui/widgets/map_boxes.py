"""What each box of the map picture says, and how wide it is.

A box is no wider than its label needs: the narrowest width that keeps the
label on as few lines as the widest box allowed would (a short feeling
gets a small box, a long trigger two balanced lines), but never so narrow
that its kind tag and its arrows have no room. A compact picture keeps at
most a few lines per box, the last ending in …; the whole label is in the
details.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from patterns.layout.model import MapLayout
from patterns.vocabulary import NodeKind
from rich.cells import cell_len

from tui.widgets.map_text import Cluster, clean_label, cut_lines, line_width, wrap_label

LOOP_MARK = "⟳ "
NEW_MARK = "✦ "
KIND_TAGS: dict[NodeKind, str] = {
    NodeKind.TRIGGER: "trigger",
    NodeKind.FEELING: "feeling",
    NodeKind.MEANING: "meaning",
    NodeKind.SENSATION: "body",
    NodeKind.STRATEGY: "strategy",
    NodeKind.NEED: "need",
    NodeKind.RESOURCE: "resource",
    NodeKind.RESPONSE: "new way",
    NodeKind.ORIGIN: "origin",
}


@dataclass(frozen=True, slots=True)
class BoxText:
    """A box's wrapped label, width and tag (shared between redraws: do not
    mutate)."""

    lines: list[list[Cluster]]
    """The label's lines, marks first (✦ new, ⟳ on a loop)."""
    width: int
    """The box's width in cells, borders included."""
    tag: str
    """The kind written on the top border (`feeling`, `strategy · pursue`)."""
    cut: bool
    """True when the label was shortened with … to keep the box low."""


@lru_cache(maxsize=8192)
def _wrapped(text: str, inner: int, marks: str) -> list[list[Cluster]]:
    if marks:
        return wrap_label(text, inner, first_prefix=marks, prefix="  ")
    return wrap_label(text, inner)


def box_lines(text: str, inner: int, on_loop: bool, new: bool = False) -> list[list[Cluster]]:
    """A label wrapped to a box's inside, ✦ first when the node is new since
    the previous session and ⟳ when it is on a loop (cached: labels rarely
    change between two redraws; do not mutate)."""
    return _wrapped(text, inner, (NEW_MARK if new else "") + (LOOP_MARK if on_loop else ""))


#: No box grows wider than this, to keep a long word whole or into room.
ROOMIEST = 28


@lru_cache(maxsize=8192)
def size_box(text: str, kind: NodeKind, detail: str | None, on_loop: bool, new: bool,
             widest: int, most_lines: int | None = None, top_ports: int = 0,
             bottom_ports: int = 0) -> BoxText:
    """The box of one node: at most `widest` cells wide (more when its tag
    needs it, or to keep a word whole, up to ROOMIEST), at most `most_lines`
    lines of label (None: all of it), with room on its borders for
    `top_ports` and `bottom_ports` lines."""
    marks = (NEW_MARK if new else "") + (LOOP_MARK if on_loop else "")
    tag = KIND_TAGS[kind]
    # The tag is drawn `╭─ tag ─…`; arrows take the cells after it.
    floor = min(max(len(tag) + 5 + max(1, top_ports), bottom_ports + 2), ROOMIEST) - 4
    longest = max((cell_len(w) for w in clean_label(text).split(" ")), default=0)
    word = min(longest + len(marks), ROOMIEST - 4)
    inner = max(1, widest - 4, word, floor)
    lines = _wrapped(text, inner, marks)
    cut = most_lines is not None and len(lines) > most_lines
    if cut:
        lines = cut_lines(lines, inner, most_lines)  # type: ignore[arg-type]
    else:
        # Narrower while the label keeps its number of lines (greedy wrapping
        # never needs fewer lines on a narrower box, so halving finds it).
        lo, hi = max(word, floor) - 1, inner
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if len(_wrapped(text, mid, marks)) <= len(lines):
                hi = mid
            else:
                lo = mid
        lines = _wrapped(text, hi, marks)
    need = max(max(line_width(line) for line in lines), floor) + 4
    if detail and len(tag) + len(detail) + 3 <= need // 2:
        tag = f"{tag} · {detail}"
    return BoxText(lines, need, tag, cut)


def _ports(layout: MapLayout) -> dict[str, tuple[int, int]]:
    """How many lines meet each box's top and bottom border (a step of a
    dance may climb past its target and arrive on its top)."""
    count = {nid: [0, 0] for nid in layout.nodes}
    for edge in layout.edges:
        if edge.upward:
            count[edge.source][0] += 1
            a, b = layout.nodes[edge.source], layout.nodes[edge.target]
            count[edge.target][0 if a.column != b.column else 1] += 1
        else:
            count[edge.source][1] += 1
            count[edge.target][0] += 1
    return {nid: (top, bottom) for nid, (top, bottom) in count.items()}


def box_texts(layout: MapLayout, box_width: int, most_lines: int | None) -> dict[str, BoxText]:
    """Each node's box: its lines, width and tag, with boxes at most
    `box_width` wide and labels of at most `most_lines` lines."""
    ports = _ports(layout)
    return {
        nid: size_box(p.node.label, p.node.kind, p.node.layer or p.node.style, p.on_loop,
                      p.node.new, box_width, most_lines, *ports[nid])
        for nid, p in layout.nodes.items()
    }


def grow_into_room(layout: MapLayout, texts: dict[str, BoxText], most_lines: int | None, *,
                   box_gap: int, pass_gap: int) -> None:
    """Widen boxes into the room their layer leaves in its column, where
    that shows more of a cut label or takes fewer lines: the column is as
    wide as its widest layer packed tight, so its width does not change.
    Cut labels first, then the tallest, left to right."""
    ports = _ports(layout)
    rows: dict[int, list[tuple[list[str], int]]] = {}  # column -> (boxes, packed width)
    for layer in layout.layers:
        by_column: dict[int, list] = {}
        for slot in layer:
            by_column.setdefault(slot.column, []).append(slot)
        for column, slots in by_column.items():
            packed = 0
            for k, slot in enumerate(slots):
                packed += texts[slot.node].width if slot.node is not None else 1
                if k + 1 < len(slots):
                    both = slot.node is not None and slots[k + 1].node is not None
                    packed += box_gap if both else pass_gap
            boxes = [s.node for s in slots if s.node is not None]
            rows.setdefault(column, []).append((boxes, packed))  # type: ignore[arg-type]
    for column_rows in rows.values():
        widest = max(packed for _, packed in column_rows)
        for boxes, packed in column_rows:
            room = widest - packed
            for nid in sorted(boxes, key=lambda n: (not texts[n].cut, -len(texts[n].lines))):
                if room <= 0:
                    break
                now = texts[nid]
                node = layout.nodes[nid]
                wider = size_box(node.node.label, node.node.kind,
                                 node.node.layer or node.node.style, node.on_loop, node.node.new,
                                 min(now.width + room, ROOMIEST), most_lines, *ports[nid])
                if wider.width - now.width > room:
                    continue
                if (now.cut, len(now.lines)) > (wider.cut, len(wider.lines)) \
                        or _shown(wider) > _shown(now):
                    room -= wider.width - now.width
                    texts[nid] = wider


def _shown(text: BoxText) -> int:
    """How many graphemes of the label a box shows."""
    return sum(len(line) for line in text.lines)
