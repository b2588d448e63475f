"""The picture in units: every box, every route, every label, decided once.

`draw(layout, metrics, look)` turns a layout (parts, layers, order) into a
`Drawing`: boxes with their places and words, each edge's route as an
orthogonal polyline from a port on its source to a port on its target, the
link kinds and the cycles' names where they can be read, the band and
person headings. A unit is a terminal cell across and a row down; the
screen draws a `Drawing` cell by cell, the PDF and the SVG scale it to
points. Nothing here knows of terminals or paper but through `Metrics`.

Geometry:

* a layer is a row of boxes; between two layers runs a channel whose rows
  carry the sideways parts of edges, one track per piece (patterns.layout.routes);
* an edge leaves its box through a port on the border facing where it goes
  and arrives through one (patterns.layout.ports); one that skips layers
  passes through them in a slot of its own, so no line runs through a box;
* the step closing a cycle runs around the outside of its part: a ring;
* a one-line (`flat`) box has no border above or below: its ports are the
  cells just outside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from patterns.layout.boxes import BoxText, Look, Metrics, box_texts, grow_into_room
from patterns.layout.labels import EdgeLabel, Occupancy, place_cycle_names, place_edge_labels
from patterns.layout.model import LayoutEdge, MapLayout, MapPerson
from patterns.layout.place import place_columns
from patterns.layout.ports import choose_ports
from patterns.layout.routes import Piece, assign_tracks, simplify
from patterns.layout.words import Cluster
from patterns.vocabulary import KIND_PLURALS, NodeKind

__all__ = ["Box", "Drawing", "Route", "draw", "row_headings", "write_words"]

Point = tuple[int, int]
#: Rows of a channel whose lines run aslant (see `Metrics.most_tracks`).
ASLANT_ROWS = 4


@dataclass(slots=True)
class Box:
    """A node's box: where it is and what it says."""

    node_id: str
    kind: NodeKind
    x: int
    y: int
    w: int
    h: int
    lines: tuple[tuple[Cluster, ...], ...]
    tag: str
    flat: bool
    cut: bool
    part: int
    cycle: int | None
    """Index in `Drawing.cycles` of the cycle whose main loop it is on."""
    core: bool = False
    """A core feeling (underneath): paper gives it a second outline."""

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the box, in units."""
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: int, y: int) -> bool:
        """Whether the cell (x, y) is part of the box."""
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(slots=True)
class Route:
    """One edge's way across the picture: an orthogonal polyline, source to
    target. The first point is the port it leaves by, the last the port it
    arrives at: on the box's border, or (a flat box) the cell just outside."""

    edge: int
    """Index in `Drawing.edges`."""
    points: list[Point]
    start: str
    """The side of the source it leaves by: top, bottom, left or right."""
    end: str
    """The side of the target it arrives at."""


@dataclass
class Drawing:
    """Everything drawn, in units (y down from the top-left corner)."""

    width: int
    height: int
    gutter: int
    """Units at the left for the band headings (0 without a gutter)."""
    boxes: list[Box]
    edges: tuple[LayoutEdge, ...]
    routes: list[Route]
    labels: list[EdgeLabel]
    """The link kinds written on edges, and each cycle's name (`cycle` set)."""
    bands: list[tuple[int, int, tuple[str, ...]]]
    """(first row, last row, heading words) of each band with a heading (on
    paper, a faint rule runs above each band but the first)."""
    headers: list[tuple[int, int, str | None]]
    """(x, width, person id) of each person's column heading, on row 0."""
    header_rows: int
    cycles: tuple
    """The cycles drawn (`MapLayout.cycles`)."""
    people: tuple[MapPerson, ...]
    look: Look
    by_id: dict[str, Box] = field(default_factory=dict)
    band_words: list[tuple[int, str]] = field(default_factory=list)
    """(row, words) of the headings in the gutter: beside each row of boxes,
    the kinds of box that row holds (see `row_headings`)."""


#: The band names of a narrow gutter, and of a heading joined on one row.
SHORT_BANDS = {"TRIGGERS": "TRIG", "ORIGINS": "ORIG", "FEELINGS": "FEEL", "MEANINGS": "MEAN",
               "SENSATIONS": "BODY", "STRATEGIES": "MOVE", "NEEDS": "NEED",
               "NEW RESPONSES": "NEW", "RESOURCES": "RES"}
#: Between the kinds of a heading joined on one row.
JOIN = "·"


def band_heading(words: tuple[str, ...], look: Look) -> tuple[str, ...]:
    """A band's heading words as the look writes them."""
    return tuple(SHORT_BANDS.get(w, w[:4]) for w in words) if look.short_bands else words


def _heading_order(layout: MapLayout) -> list[NodeKind]:
    """The kinds in the order a heading names them: each band's, then those
    of a band sitting beside it (`TRIGGERS` before `ORIGINS` on a shared row)."""
    order: list[NodeKind] = []
    for i, band in enumerate(layout.bands):
        if band.beside is None:
            order += band.kinds
            order += [k for guest in layout.bands if guest.beside == i for k in guest.kinds]
    return order


def row_headings(layout: MapLayout, texts: dict[str, BoxText],
                 look: Look) -> list[tuple[int, tuple[str, ...]]]:
    """(layer, lines) of the gutter's headings: each row of boxes (a layer)
    is named by the kinds of box it holds, and only beside its own boxes, so
    no word sits beside a row of another band or says a kind the row does
    not hold. The words stand one a row, from the boxes' first line of text
    down to their lower edge; where they outnumber those rows (a one-line
    box has one), they are joined on the first in their short form:
    `FEEL·BODY`. Nothing without a gutter."""
    if not look.gutter:
        return []
    order = _heading_order(layout)
    out: list[tuple[int, tuple[str, ...]]] = []
    for li, layer in enumerate(layout.layers):
        nodes = [s.node for s in layer if s.node is not None]
        if not nodes:
            continue
        kinds = {layout.nodes[n].node.kind for n in nodes}
        names = tuple(KIND_PLURALS[k].upper() for k in order if k in kinds)
        rows = max(texts[n].height for n in nodes) - (0 if look.flat else 1)
        if len(names) <= rows:
            out.append((li, band_heading(names, look)))
        else:
            out.append((li, (JOIN.join(SHORT_BANDS[w] for w in names),)))
    return out


def gutter_width(headings: list[tuple[int, tuple[str, ...]]], metrics: Metrics) -> int:
    """Units at the left for the band headings: the widest, a unit before
    it and one after (0 without a gutter)."""
    lines = [line for _, lines in headings for line in lines]
    if not lines:
        return 0
    return int(max(sum(w for _, w in metrics.clusters(line)) for line in lines) + 0.999) + 2


def ring_room(layout: MapLayout, metrics: Metrics) -> tuple[list[float], float]:
    """Room before each column (the gap between two parts, and the tracks of
    a part's rings), and after the last."""
    per_side: dict[tuple[int, str], int] = {}
    for edge in layout.edges:
        if edge.ring:
            part = layout.columns[layout.nodes[edge.source].column].part
            per_side[part, edge.ring] = per_side.get((part, edge.ring), 0) + 1

    def tracks(part: int, side: str) -> int:
        n = per_side.get((part, side), 0)
        return metrics.ring_gap * n + 1 if n else 0

    extra: list[float] = []
    for c, col in enumerate(layout.columns):
        room = 0.0
        if c == 0 or layout.columns[c - 1].part != col.part:
            room += tracks(col.part, "left")
            if c:
                room += metrics.part_gap + tracks(layout.columns[c - 1].part, "right")
        extra.append(room)
    last = layout.columns[-1].part if layout.columns else 0
    return extra, tracks(last, "right")


@dataclass
class _Ring:
    edge: int
    part: int
    side: str
    span: tuple[int, int]
    exit_side: bool = False
    outer: int = 0  # 0: nearest the part
    x: int = 0


def _rings(layout: MapLayout) -> list[_Ring]:
    out = []
    for e, edge in enumerate(layout.edges):
        if edge.ring:
            a, b = layout.nodes[edge.source], layout.nodes[edge.target]
            out.append(_Ring(e, layout.columns[a.column].part, edge.ring, (b.layer, a.layer)))
    # Per part and side: the rings spanning more layers further out.
    groups: dict[tuple[int, str], list[_Ring]] = {}
    for r in out:
        groups.setdefault((r.part, r.side), []).append(r)
    for group in groups.values():
        group.sort(key=lambda r: (r.span[1] - r.span[0], r.span[1], r.edge))
        for k, r in enumerate(group):
            r.outer = k
    return out


def draw(layout: MapLayout, metrics: Metrics, look: Look | None = None, *,
         words: bool = True) -> Drawing:
    """The layout drawn with a renderer's metrics, as `look` asks. Without
    `words` the link kinds and cycle names are left for `write_words`
    (a drawing only tried for size)."""
    look = look or Look()
    texts = box_texts(layout, metrics, look)
    grow_into_room(layout, texts, metrics, look)
    drawing = _draw(layout, metrics, look, texts)
    if words:
        write_words(drawing, metrics)
    return drawing


def write_words(drawing: Drawing, metrics: Metrics) -> Drawing:
    """Place the cycles' names, and the link kinds when the look has them."""
    room = Occupancy(drawing)
    drawing.labels = place_cycle_names(drawing, room, metrics)
    if drawing.look.edge_labels:
        drawing.labels += place_edge_labels(drawing, room, metrics)
    return drawing


def _draw(layout: MapLayout, metrics: Metrics, look: Look, texts: dict[str, BoxText]) -> Drawing:
    flat = look.flat
    headings = row_headings(layout, texts, look)
    margin = gutter_width(headings, metrics)
    rings = _rings(layout)
    extra, after = ring_room(layout, metrics)
    placement = place_columns(
        layout, width=lambda s: texts[s.node].width if s.node is not None else 1,
        box_gap=metrics.box_gap, pass_gap=metrics.pass_gap, column_gap=metrics.column_gap,
        integer=True, slack=look.slack, extra=extra, after=after,
    )
    xs = [[margin + int(x) for x in row] for row in placement.left]
    ws = [[texts[s.node].width if s.node is not None else 1 for s in layer]
          for layer in layout.layers]
    heights = [max((texts[s.node].height for s in layer if s.node is not None),
                   default=1 if flat else 3) for layer in layout.layers]
    width = margin + int(placement.width)

    # Each part's outside: where its rings run.
    part_span: dict[int, list[int]] = {}
    for c, col in enumerate(layout.columns):
        x0, w = placement.columns[c]
        span = part_span.setdefault(col.part, [margin + int(x0), margin + int(x0 + w)])
        span[0] = min(span[0], margin + int(x0))
        span[1] = max(span[1], margin + int(x0 + w))
    for r in rings:
        lo, hi = part_span[r.part]
        r.x = hi + 1 + metrics.ring_gap * r.outer if r.side == "right" \
            else lo - 2 - metrics.ring_gap * r.outer
        width = max(width, r.x + 2)

    nodes = layout.nodes
    where = {s.node: (li, o) for li, layer in enumerate(layout.layers)
             for o, s in enumerate(layer) if s.node is not None}

    # Which rings can leave their source by the side: nothing between the box
    # and the outside of the part in the source's layer.
    for r in rings:
        edge = layout.edges[r.edge]
        li, o = where[edge.source]
        layer = layout.layers[li]
        part = r.part
        beyond = range(o + 1, len(layer)) if r.side == "right" else range(o - 1, -1, -1)
        r.exit_side = not any(layout.columns[layer[k].column].part == part for k in beyond)
    side_exits = {}
    for r in rings:
        if r.exit_side:
            key = (layout.edges[r.edge].source, r.side)
            if key in side_exits:
                r.exit_side = False
            else:
                side_exits[key] = r

    # Connections per channel (channel i lies below layer i; -1 above the
    # first): (upper order, lower order, edge) of every piece between layers.
    n_layers = len(layout.layers)
    conns: dict[int, list[tuple[int, int, int]]] = {i: [] for i in range(-1, n_layers)}
    ring_in: dict[int, list[_Ring]] = {}  # channel -> rings arriving across it
    ring_out: dict[int, list[_Ring]] = {}  # channel -> rings leaving across it
    for e, edge in enumerate(layout.edges):
        if edge.ring:
            continue
        a, b = nodes[edge.source], nodes[edge.target]
        chain = [(a.layer, a.order), *edge.via, (b.layer, b.order)]
        if a.layer > b.layer:
            chain.reverse()
        for (l1, o1), (_, o2) in zip(chain, chain[1:]):
            conns[l1].append((o1, o2, e))
    for r in rings:
        edge = layout.edges[r.edge]
        ring_in.setdefault(nodes[edge.target].layer - 1, []).append(r)
        if not r.exit_side:
            ring_out.setdefault(nodes[edge.source].layer - 1, []).append(r)

    def centre(li: int, o: int) -> float:
        slot = layout.layers[li][o]
        return xs[li][o] + (ws[li][o] / 2 if slot.node is not None else 0)

    def border(li: int, o: int) -> list[int]:
        """The cells of a box's top or bottom border that can hold a port."""
        x0, w = xs[li][o], ws[li][o]
        return list(range(x0, x0 + w)) if flat else list(range(x0 + 1, x0 + w - 1))

    def tag_end(li: int, o: int) -> int | None:
        node = layout.layers[li][o].node
        if flat or node is None or metrics.tag_width is None:
            return None
        return xs[li][o] + 1 + int(metrics.tag_width(texts[node].tag) + 0.999)

    # Ports, channel by channel: lower ends first (they avoid the lines
    # coming down through passes above), then upper ends (avoiding all below).
    tops: dict[int, list[int | None]] = {}  # channel -> x at the top of each connection
    bottoms: dict[int, list[int | None]] = {}
    ring_port: dict[tuple[int, str], int] = {}  # (edge, "in"/"out") -> x on the box's top
    for li in range(-1, n_layers):
        channel = conns[li]
        upper = layout.layers[li] if li >= 0 else ()
        lower = layout.layers[li + 1] if li + 1 < n_layers else ()
        x_top: list[int | None] = [None] * len(channel)
        x_bottom: list[int | None] = [None] * len(channel)
        for ci, (o1, o2, _) in enumerate(channel):
            if upper[o1].node is None:
                x_top[ci] = xs[li][o1]
            if lower[o2].node is None:
                x_bottom[ci] = xs[li + 1][o2]
        fixed_top = {x for x in x_top if x is not None}
        by_box: dict[int, list] = {}
        for ci, (o1, o2, _) in enumerate(channel):
            if x_bottom[ci] is None:
                if x_top[ci] is not None:
                    want = float(x_top[ci])
                else:  # another box: aim where the two boxes overlap
                    lo, hi = xs[li][o1] + 1, xs[li][o1] + ws[li][o1] - 2
                    want = min(max(centre(li + 1, o2), lo), hi)
                by_box.setdefault(o2, []).append((want, centre(li, o1), ("c", ci)))
        far = 1e6
        for kind, group in (("in", ring_in.get(li, ())), ("out", ring_out.get(li, ()))):
            for r in group:
                edge = layout.edges[r.edge]
                nid = edge.target if kind == "in" else edge.source
                o2 = where[nid][1]
                # Rings keep to the outside of the box's border, the outer
                # ring inside the inner one so that they nest.
                want = far - r.outer if r.side == "right" else -far + r.outer
                by_box.setdefault(o2, []).append((want, float(r.outer), (kind, r.edge)))
        for o2, members in by_box.items():
            own = {key: x_top[key[1]] for _, _, key in members if key[0] == "c"}
            keyed = {key: i for i, (_, _, key) in enumerate(members)}
            chosen = choose_ports(border(li + 1, o2), [(w, t, keyed[k]) for w, t, k in members],
                                  fixed_top, {keyed[k]: v for k, v in own.items()},
                                  tag_end(li + 1, o2))
            for key, i in keyed.items():
                if key[0] == "c":
                    x_bottom[key[1]] = chosen[i]
                else:
                    ring_port[key[1], key[0]] = chosen[i]
        fixed_bottom = {x for x in x_bottom if x is not None}
        fixed_bottom.update(x for (e, _), x in ring_port.items()
                            if _ring_channel(layout, e, _, nodes) == li)
        by_box = {}
        for ci, (o1, _, _) in enumerate(channel):
            if x_top[ci] is None:
                by_box.setdefault(o1, []).append((float(x_bottom[ci]), float(x_bottom[ci]), ci))
        for o1, members in by_box.items():
            own = {ci: x_bottom[ci] for _, _, ci in members}
            chosen = choose_ports(border(li, o1), members, fixed_bottom, own)
            for ci, x in chosen.items():
                x_top[ci] = x
        tops[li], bottoms[li] = x_top, x_bottom

    ring_of = {r.edge: r for r in rings}
    # Tracks per channel. A channel so crowded that its tracks would outgrow
    # the renderer's `most_tracks` (paper, on a dense map of hundreds of
    # nodes) has its lines run straight across it, aslant, instead.
    tracks: dict[int, dict[tuple[str, int], int]] = {}
    counts: dict[int, int] = {}
    aslant: set[int] = set()
    for li in range(-1, n_layers):
        keys: list[tuple[str, int]] = []
        pieces: list[Piece] = []
        jogs = [(ci, x1, x2) for ci, (x1, x2) in enumerate(zip(tops[li], bottoms[li]))
                if x1 != x2]
        if metrics.most_tracks is not None and li >= 0 and len(jogs) > metrics.most_tracks:
            found, count = assign_tracks([Piece(min(x1, x2), max(x1, x2), (x1,), (x2,))
                                          for _, x1, x2 in jogs])  # type: ignore[type-var]
            if count > metrics.most_tracks:
                aslant.add(li)
                jogs = []
        for ci, x1, x2 in jogs:
            keys.append(("c", ci))
            pieces.append(Piece(min(x1, x2), max(x1, x2), (x1,), (x2,)))  # type: ignore[arg-type]
        for r in ring_in.get(li, ()):
            x = ring_port[r.edge, "in"]
            keys.append(("in", r.edge))
            pieces.append(Piece(min(x, r.x), max(x, r.x), (), (x, r.x)))
        for r in ring_out.get(li, ()):
            x = ring_port[r.edge, "out"]
            keys.append(("out", r.edge))
            pieces.append(Piece(min(x, r.x), max(x, r.x), (r.x,), (x,)))
        found, count = assign_tracks(pieces)
        tracks[li] = {key: found[i] for i, key in enumerate(keys)}
        # an aslant channel: a row down, the slant over two, a row down
        counts[li] = count + (ASLANT_ROWS if li in aslant else 0)

    # Rows. Each layer's boxes sit at its top; ports are on their borders.
    # A flat box has none: its ports are the cells just above and below it,
    # in the channel, where tracks may run too (a line turns right under
    # the box, an arrow sits at the end of a sideways run).
    named = any(c.person for c in layout.columns)
    header_rows = (1 if flat else 2) if named else 0
    f = 1 if flat else 0
    ys: list[int] = []
    # Rows above the first layer: the rings' crossings, which may use the
    # header's spare row (a scrolled view draws its rule there).
    top_tracks = counts.get(-1, 0)
    spare = 1 if header_rows == 2 else 0
    first_track_row = header_rows - spare if top_tracks else header_rows
    y = max(first_track_row + top_tracks, header_rows)
    track_row: dict[int, int] = {-1: first_track_row}
    for li, h in enumerate(heights):
        ys.append(y)
        k = counts.get(li, 0)
        if flat:
            track_row[li] = y + h
            y = y + h + (max(1, k) if li + 1 < n_layers else k)
        else:
            k = max(k, metrics.min_channel) if li + 1 < n_layers else k
            track_row[li] = y + h
            y = y + h + k
    height = y

    def att_top(li: int) -> int:
        return ys[li] - f

    def att_bottom(li: int, o: int) -> int:
        slot = layout.layers[li][o]
        if slot.node is None:
            return ys[li] + heights[li] - 1 + f
        return ys[li] + texts[slot.node].height - 1 + f

    # Boxes.
    boxes: list[Box] = []
    by_id: dict[str, Box] = {}
    for li, layer in enumerate(layout.layers):
        for o, slot in enumerate(layer):
            if slot.node is None:
                continue
            p = nodes[slot.node]
            t = texts[slot.node]
            box = Box(slot.node, p.node.kind, xs[li][o], ys[li], t.width, t.height, t.lines,
                      t.tag, flat, t.cut, layout.columns[p.column].part, p.cycle,
                      p.node.layer is not None and p.node.layer.value == "core")
            boxes.append(box)
            by_id[slot.node] = box

    # Routes: top to bottom along each chain, reversed for an upward edge.
    routes: list[Route] = []
    piece_at: dict[int, list[tuple[int, int]]] = {}  # edge -> (channel, ci) top to bottom
    for li in range(n_layers):
        for ci, (_, _, e) in enumerate(conns[li]):
            piece_at.setdefault(e, []).append((li, ci))
    for e, edge in enumerate(layout.edges):
        if edge.ring:
            routes.append(_ring_route(e, ring_of[e], layout, by_id, ring_port, tracks, track_row,
                                      att_top, flat))
            continue
        pts: list[Point] = []
        for li, ci in sorted(piece_at.get(e, ())):
            o1, o2, _ = conns[li][ci]
            x1, x2 = tops[li][ci], bottoms[li][ci]
            pts.append((x1, att_bottom(li, o1)))  # type: ignore[arg-type]
            if x1 != x2 and li in aslant:
                top = track_row[li] + counts[li] - ASLANT_ROWS
                pts += [(x1, top), (x2, top + ASLANT_ROWS - 1)]  # type: ignore[list-item]
            elif x1 != x2:
                ty = track_row[li] + tracks[li][("c", ci)]
                pts += [(x1, ty), (x2, ty)]  # type: ignore[list-item]
            pts.append((x2, att_top(li + 1)))  # type: ignore[arg-type]
        pts = simplify(pts)
        if edge.upward:
            pts.reverse()
            routes.append(Route(e, pts, "top", "bottom"))
        else:
            routes.append(Route(e, pts, "bottom", "top"))

    headers = []
    if named:
        for c, column in enumerate(layout.columns):
            x0, w = placement.columns[c]
            if column.person is not None and w > 0:
                headers.append((margin + int(x0), int(w), column.person))
    bands = []
    band_words: list[tuple[int, str]] = []
    if margin:
        last_row = height - 1
        for b in layout.bands:
            if b.words:
                top = ys[b.first] + (0 if flat else 1)
                end = b.first + b.count
                bottom = ys[end] - 1 if end < n_layers else last_row
                bands.append((top, bottom, band_heading(b.words, look)))
        for li, lines in headings:
            top = ys[li] + (0 if flat else 1)
            band_words += [(top + k, line) for k, line in enumerate(lines)]
    return Drawing(width, height, margin, boxes, layout.edges, routes, [], bands, headers,
                   header_rows, layout.cycles, layout.people, look, by_id, band_words)


def _ring_channel(layout: MapLayout, e: int, kind: str, nodes) -> int:  # type: ignore[no-untyped-def]
    edge = layout.edges[e]
    return nodes[edge.target if kind == "in" else edge.source].layer - 1


def _ring_route(e: int, r: _Ring, layout: MapLayout, by_id: dict[str, Box],
                ring_port: dict[tuple[int, str], int], tracks, track_row,  # type: ignore[no-untyped-def]
                att_top, flat: bool) -> Route:
    edge = layout.edges[e]
    source, target = by_id[edge.source], by_id[edge.target]
    s_layer, t_layer = layout.nodes[edge.source].layer, layout.nodes[edge.target].layer
    pts: list[Point] = []
    if r.exit_side:
        ym = source.y + source.h // 2
        x0 = source.x + source.w - (0 if flat else 1) if r.side == "right" \
            else source.x - (1 if flat else 0)
        pts += [(x0, ym), (r.x, ym)]
        start = r.side
    else:
        xp = ring_port[e, "out"]
        ty = track_row[s_layer - 1] + tracks[s_layer - 1][("out", e)]
        pts += [(xp, att_top(s_layer)), (xp, ty), (r.x, ty)]
        start = "top"
    ty = track_row[t_layer - 1] + tracks[t_layer - 1][("in", e)]
    xp = ring_port[e, "in"]
    pts += [(r.x, ty), (xp, ty), (xp, att_top(t_layer))]
    del target
    return Route(e, simplify(pts), start, "top")
