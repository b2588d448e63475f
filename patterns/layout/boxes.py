"""What each box of the picture says, and how large it is, in units.

A box is no wider than its label needs: the narrowest width that keeps the
label on as few lines as the widest box allowed would (a short feeling gets
a small box, a long trigger two balanced lines), but never so narrow that
its kind tag and its arrows have no room. A compact picture keeps at most a
few lines per box, the last ending in …; the whole label is in the details.
A one-line (`flat`) box is a single row: its label shortened to fit, no
border above or below, no tag.

Widths come from the renderer's `Metrics` (terminal cells, or points on
paper divided into units), so the screen and the paper size their boxes
the same way, each in its own type.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from patterns.layout.model import MapLayout
from patterns.layout.words import (
    Cluster,
    Clusters,
    cut_lines,
    line_width,
    shorten,
    wrap_label,
)
from patterns.text import clean_label
from patterns.vocabulary import NodeKind

__all__ = ["KIND_TAGS", "NEW_MARK", "BoxText", "Look", "Metrics", "box_texts", "grow_into_room"]

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


@dataclass(frozen=True, eq=False)
class Metrics:
    """How one renderer measures: the engine sizes boxes and labels with it.

    A unit is a terminal cell across and a row down; paper divides its
    points into the same grid. Every spacing is in units.
    """

    name: str
    clusters: Clusters
    """The graphemes of a label with their widths, in units."""
    label_clusters: Clusters | None = None
    """The same for the words written on edges (smaller type on paper);
    None: `clusters`."""
    tag_width: Callable[[str], float] | None = None
    """Units a kind tag takes on a box's top border, or None: no tags."""
    box_gap: int = 2
    pass_gap: int = 1
    column_gap: int = 1
    part_gap: int = 4
    """Between two parts of the picture (two patterns that go round)."""
    ring_gap: int = 2
    """Between two rings' lines at the side of a part."""
    min_channel: int = 0
    """Least rows between two layers of bordered boxes."""
    widest_box: int = 28
    """No box grows wider than this, to keep a long word whole or into room."""
    most_tracks: int | None = None
    """Tracks a channel may take before its lines run straight across it,
    aslant (a renderer that can draw a slanting line: paper); None: always
    tracks (a terminal draws only across and down)."""
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def edge_clusters(self) -> Clusters:
        return self.label_clusters or self.clusters


@dataclass(frozen=True, slots=True)
class Look:
    """How a picture is drawn for one view: chosen by `patterns.layout.fit`
    for a screen, fixed for paper."""

    box_width: int = 28
    """The widest a box may be, borders included (each is as narrow as its
    label allows)."""
    most_lines: int | None = 3
    """Lines of label a box shows (None: every label whole)."""
    flat: bool = False
    """One-row boxes: the label on one line, no border above or below."""
    gutter: bool = True
    """Band names in a gutter at the left; without it the boxes' kind tags say
    the band."""
    short_bands: bool = False
    """The gutter narrow: each kind's name in four letters (`TRIG`, `MOVE`,
    `FEEL·BODY`), for one-row boxes, which have no kind tag."""
    edge_labels: bool = True
    """The link kinds written on the edges; without them the key says what
    each line means."""
    slack: int | None = 0
    """How much wider than its widest layer a column may grow so that edges
    run straight: 0 packs it tight (a screen short of room), None leaves it
    free (paper)."""


@dataclass(frozen=True, slots=True)
class BoxText:
    """A box's wrapped label, size and tag (shared between redraws: do not
    mutate)."""

    lines: tuple[tuple[Cluster, ...], ...]
    """The label's lines, ✦ first when the node is new."""
    width: int
    """The box's width in units, borders included."""
    height: int
    """Its height in rows, borders included (1 for a flat box)."""
    tag: str
    """The kind written on the top border (`feeling`, `strategy · pursue`)."""
    cut: bool
    """True when the label was shortened with … to keep the box small."""


def _wrapped(metrics: Metrics, text: str, inner: float, marks: str) -> tuple[tuple[Cluster, ...], ...]:
    key = ("wrap", text, inner, marks)
    found = metrics._cache.get(key)
    if found is None:
        lines = wrap_label(text, inner, metrics.clusters, first_prefix=marks,
                           prefix="  " if marks else "")
        found = metrics._cache[key] = tuple(tuple(line) for line in lines)
    return found


def size_box(metrics: Metrics, text: str, kind: NodeKind, detail: str | None, new: bool,
             widest: int, most_lines: int | None = None, flat: bool = False,
             top_ports: int = 0, bottom_ports: int = 0) -> BoxText:
    """The box of one node: at most `widest` units wide (more when its tag
    needs it, or to keep a word whole, up to the metrics' widest box), at
    most `most_lines` lines of label (None: all of it), with room on its
    borders for `top_ports` and `bottom_ports` lines."""
    key = ("box", text, kind, detail, new, widest, most_lines, flat, top_ports, bottom_ports)
    found = metrics._cache.get(key)
    if found is not None:
        return found
    marks = NEW_MARK if new else ""
    if len(metrics._cache) > 20_000:
        metrics._cache.clear()  # a long session of label edits: start afresh
    if flat:
        full = marks + clean_label(text)
        short = shorten(full, max(1, widest - 2), metrics.clusters)
        line = tuple(metrics.clusters(short))
        width = max(math.ceil(line_width(list(line))) + 2, top_ports, bottom_ports, 3)
        found = BoxText((line,), width, 1, "", short != full)
        metrics._cache[key] = found
        return found
    tag = KIND_TAGS[kind]
    tag_w = metrics.tag_width(tag) if metrics.tag_width else 0.0
    # The tag sits after the corner and a cell of border; arrows take the cells after it.
    floor = min(max(math.ceil(tag_w) + 3 + max(1, top_ports), bottom_ports + 2),
                metrics.widest_box) - 4
    words = [metrics.clusters(w) for w in clean_label(text).split(" ") if w]
    longest = max((line_width(w) for w in words), default=0.0)
    word = min(math.ceil(longest + line_width(metrics.clusters(marks))), metrics.widest_box - 4)
    inner = max(1, widest - 4, word, floor)
    lines = _wrapped(metrics, text, inner, marks)
    cut = most_lines is not None and len(lines) > most_lines
    if cut:
        lines = tuple(tuple(line) for line in cut_lines([list(x) for x in lines], inner,
                                                          most_lines, metrics.clusters))
    else:
        # Narrower while the label keeps its number of lines (greedy wrapping
        # never needs fewer lines on a narrower box, so halving finds it).
        lo, hi = max(word, floor) - 1, inner
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if len(_wrapped(metrics, text, mid, marks)) <= len(lines):
                hi = mid
            else:
                lo = mid
        lines = _wrapped(metrics, text, hi, marks)
    need = max(math.ceil(max(line_width(list(line)) for line in lines)), floor) + 4
    if detail and metrics.tag_width and metrics.tag_width(f"{tag} · {detail}") + 3 <= need // 2:
        tag = f"{tag} · {detail}"
    found = BoxText(lines, need, len(lines) + 2, tag, cut)
    metrics._cache[key] = found
    return found


def ports_needed(layout: MapLayout) -> dict[str, tuple[int, int]]:
    """How many lines meet each box's top and bottom border (a ring arrives
    on its target's top and may leave by its source's top)."""
    count = {nid: [0, 0] for nid in layout.nodes}
    for edge in layout.edges:
        if edge.ring:
            count[edge.source][0] += 1
            count[edge.target][0] += 1
        elif edge.upward:
            count[edge.source][0] += 1
            count[edge.target][1] += 1
        else:
            count[edge.source][1] += 1
            count[edge.target][0] += 1
    return {nid: (top, bottom) for nid, (top, bottom) in count.items()}


_PORTS: dict[int, tuple[MapLayout, dict[str, tuple[int, int]]]] = {}


def _ports_of(layout: MapLayout) -> dict[str, tuple[int, int]]:
    """`ports_needed`, once per layout (a fitted screen tries many looks)."""
    found = _PORTS.get(id(layout))
    if found is None or found[0] is not layout:
        if len(_PORTS) > 8:
            _PORTS.clear()
        found = _PORTS[id(layout)] = (layout, ports_needed(layout))
    return found[1]


def box_texts(layout: MapLayout, metrics: Metrics, look: Look) -> dict[str, BoxText]:
    """Each node's box: its lines, size and tag, as the look asks."""
    ports = _ports_of(layout)
    return {
        nid: size_box(metrics, p.node.label, p.node.kind,
                      (p.node.layer or p.node.style) and str((p.node.layer or p.node.style).value),
                      p.node.new, look.box_width, look.most_lines, look.flat, *ports[nid])
        for nid, p in layout.nodes.items()
    }


def grow_into_room(layout: MapLayout, texts: dict[str, BoxText], metrics: Metrics,
                   look: Look) -> None:
    """Widen boxes into the room their layer leaves in its column, where
    that shows more of a cut label or takes fewer lines: the column is as
    wide as its widest layer packed tight, so its width does not change.
    Cut labels first, then the tallest, left to right."""
    ports = _ports_of(layout)
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
                    packed += metrics.box_gap if both else metrics.pass_gap
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
                node = layout.nodes[nid].node
                detail = node.layer or node.style
                wider = size_box(metrics, node.label, node.kind, detail and str(detail.value),
                                 node.new, min(now.width + room, metrics.widest_box),
                                 look.most_lines, look.flat, *ports[nid])
                if wider.width - now.width > room or wider.height > now.height:
                    continue
                if (now.cut, len(now.lines)) > (wider.cut, len(wider.lines)) \
                        or _shown(wider) > _shown(now):
                    room -= wider.width - now.width
                    texts[nid] = wider


def _shown(text: BoxText) -> int:
    """How many graphemes of the label a box shows."""
    return sum(len(line) for line in text.lines)
