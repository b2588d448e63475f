"""Page 1's geometry: the shared layout (patterns.layout) turned into points.

The layout says which band, layer, column and order each box has, and which
slots long edges pass through; this module gives every box a size (its
label wrapped to a fixed width) and a place, and every edge a route. The
picture is measured at full size in a y-down space of its own; the page
modules scale it onto paper (never below 7 pt type) or cut it into tiles.

Within a column, boxes keep the layout's left-to-right order (so crossings
stay as few as the layout made them); a few sweeps then slide each box
toward the boxes it links to, so that lines run as straight as they can.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.pdf_fonts import CONDENSED
from exports.pdf_text import wrap
from patterns.layout_model import MapLayout, MapNode
from patterns.vocabulary import LinkKind

#: Type sizes at full scale. A page may shrink the picture, but only as far as
#: `MIN_SCALE`, where the smallest of them (a link's kind) is still 7 pt.
LABEL_SIZE = 9.0
LINK_SIZE = 7.5
HEADING_SIZE = 8.5
MIN_SCALE = 7.0 / LINK_SIZE
LINE_HEIGHT = 1.2
BOX_W = 112.0
PAD_X, PAD_Y = 5.0, 4.0
MIN_BOX_H = 24.0
PASS_W = 6.0  # a pass-through point of a long edge
GAP_X = 12.0  # between two slots of a layer
COLUMN_GAP = 16.0
LANE_MIN = 34.0  # a lane between two people, even when no edge crosses it
LAYER_GAP = 34.0  # room for arrows and their labels between layers
BAND_GAP = 14.0  # extra room where a band ends
GUTTER = 70.0  # band headings at the left
HEADER = 22.0  # person headings at the top


@dataclass
class Box:
    """One node's box, y-down, (x, y) its top-left corner."""

    node: MapNode
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    column: int
    on_loop: bool

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass
class Route:
    """One edge's way across the picture: points y-down, source to target.

    Consecutive points alternate between gaps (drawn as curves) and passes
    through a layer (straight down or up)."""

    source: str
    target: str
    kinds: tuple[LinkKind, ...]
    upward: bool
    points: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class MapGeometry:
    """The whole picture at full size, y-down from the top-left corner."""

    width: float
    height: float
    boxes: dict[str, Box]
    routes: list[Route]
    bands: list[tuple[tuple[str, ...], float, float]]
    """(heading words, top, bottom) of each band."""
    columns: list[tuple[str | None, float, float]]
    """(person id or None, left, right) of each column; lanes have None."""
    lanes: set[int]


def _item(slot, layer: int) -> tuple:
    return ("n", slot.node) if slot.node is not None else ("e", slot.edge, layer)


def place(layout: MapLayout) -> MapGeometry:
    """Sizes and places every box and routes every edge of `layout`."""
    width_of: dict[tuple, float] = {}
    lines_of: dict[str, list[str]] = {}
    for pn in layout.nodes.values():
        lines_of[pn.id] = wrap(pn.node.label, CONDENSED, LABEL_SIZE, BOX_W - 2 * PAD_X)
    heights = {nid: max(MIN_BOX_H, 2 * PAD_Y + len(lines) * LABEL_SIZE * LINE_HEIGHT)
               for nid, lines in lines_of.items()}

    # Column widths: the widest layer of each column.
    n_cols = max(len(layout.columns), 1)
    need = [0.0] * n_cols
    runs: list[dict[int, list[tuple]]] = []
    for li, layer in enumerate(layout.layers):
        by_col: dict[int, list[tuple]] = {}
        for slot in layer:
            key = _item(slot, li)
            width_of[key] = BOX_W if slot.node is not None else PASS_W
            by_col.setdefault(slot.column, []).append(key)
        for col, keys in by_col.items():
            need[col] = max(need[col], sum(width_of[k] for k in keys) + GAP_X * (len(keys) - 1))
        runs.append(by_col)
    lanes = {i for i, c in enumerate(layout.columns) if c.lane}
    col_left, x = [], GUTTER
    for i in range(n_cols):
        if i in lanes:
            need[i] = max(need[i], LANE_MIN)
        col_left.append(x)
        x += need[i] + COLUMN_GAP
    width = x - COLUMN_GAP + 8

    # Neighbours of each item along the edges, to straighten lines.
    neighbours: dict[tuple, list[tuple]] = {k: [] for k in width_of}
    for e, edge in enumerate(layout.edges):
        chain = [("n", edge.source)] + [("e", e, layer) for layer, _ in edge.via] + [("n", edge.target)]
        for a, b in zip(chain, chain[1:]):
            neighbours[a].append(b)
            neighbours[b].append(a)

    centre: dict[tuple, float] = {}
    for by_col in runs:
        for col, keys in by_col.items():
            total = sum(width_of[k] for k in keys) + GAP_X * (len(keys) - 1)
            x = col_left[col] + (need[col] - total) / 2
            for k in keys:
                centre[k] = x + width_of[k] / 2
                x += width_of[k] + GAP_X
    order = list(range(len(runs)))
    for sweep in range(4):
        for li in (order if sweep % 2 == 0 else order[::-1]):
            for col, keys in runs[li].items():
                wanted = [
                    sum(centre[n] for n in neighbours[k]) / len(neighbours[k]) if neighbours[k]
                    else centre[k] for k in keys
                ]
                _slide(keys, wanted, width_of, centre, col_left[col], col_left[col] + need[col])

    # Layers top to bottom, a little more room where a band ends.
    boxes: dict[str, Box] = {}
    layer_top: list[float] = []
    layer_bottom: list[float] = []
    y = HEADER + 6
    band_last = {b.first + b.count - 1 for b in layout.bands}
    for li, layer in enumerate(layout.layers):
        tallest = max((heights[s.node] for s in layer if s.node is not None), default=MIN_BOX_H)
        layer_top.append(y)
        layer_bottom.append(y + tallest)
        for s in layer:
            if s.node is not None:
                pn = layout.nodes[s.node]
                key = ("n", s.node)
                boxes[s.node] = Box(pn.node, centre[key] - BOX_W / 2, y, BOX_W, heights[s.node],
                                    lines_of[s.node], s.column, pn.on_loop)
        y += tallest + LAYER_GAP + (BAND_GAP if li in band_last else 0)
    height = y - LAYER_GAP - BAND_GAP + 8
    bands = []
    for b in layout.bands:
        top = layer_top[b.first] - LAYER_GAP / 2 + 4
        bottom = layer_bottom[b.first + b.count - 1] + LAYER_GAP / 2 - 4
        bands.append((b.words, top, bottom))
    columns = [(c.person, col_left[i], col_left[i] + need[i]) for i, c in enumerate(layout.columns)]
    routes = [_route(layout, e, boxes, centre, layer_top, layer_bottom) for e in range(len(layout.edges))]
    _spread_ports(routes, boxes)
    return MapGeometry(width, height, boxes, routes, bands, columns, lanes)


def _slide(keys: list[tuple], wanted: list[float], width_of: dict[tuple, float],
           centre: dict[tuple, float], left: float, right: float) -> None:
    # Keep the order and the gaps; get each item as near its wish as they allow.
    xs = []
    edge = left
    for k, want in zip(keys, wanted):
        x = max(want - width_of[k] / 2, edge)
        xs.append(x)
        edge = x + width_of[k] + GAP_X
    edge = right
    for i in range(len(keys) - 1, -1, -1):
        k = keys[i]
        xs[i] = min(xs[i], edge - width_of[k])
        edge = xs[i] - GAP_X
    for k, x in zip(keys, xs):
        centre[k] = x + width_of[k] / 2


def _route(layout: MapLayout, e: int, boxes: dict[str, Box], centre: dict[tuple, float],
           layer_top: list[float], layer_bottom: list[float]) -> Route:
    edge = layout.edges[e]
    source, target = boxes[edge.source], boxes[edge.target]
    route = Route(edge.source, edge.target, edge.kinds, edge.upward)
    if not edge.upward:
        route.points.append((source.cx, source.bottom))
        for layer, _ in edge.via:
            x = centre[("e", e, layer)]
            route.points += [(x, layer_top[layer]), (x, layer_bottom[layer])]
        route.points.append((target.cx, target.y))
    else:
        route.points.append((source.cx, source.y))
        for layer, _ in edge.via:
            x = centre[("e", e, layer)]
            route.points += [(x, layer_bottom[layer]), (x, layer_top[layer])]
        route.points.append((target.cx, target.bottom))
    return route


def _spread_ports(routes: list[Route], boxes: dict[str, Box]) -> None:
    """Several lines at one side of a box leave from points spread along it,
    ordered by where they go, so they do not start on top of one another."""
    ends: dict[tuple[str, str], list[tuple[float, Route, int]]] = {}
    for r in routes:
        start_side = "top" if r.upward else "bottom"
        end_side = "bottom" if r.upward else "top"
        ends.setdefault((r.source, start_side), []).append((r.points[1][0], r, 0))
        ends.setdefault((r.target, end_side), []).append((r.points[-2][0], r, -1))
    for (node_id, _side), items in ends.items():
        box = boxes[node_id]
        items.sort(key=lambda item: item[0])
        n = len(items)
        span = box.w * (0.7 if n > 1 else 0)
        for i, (_, r, at) in enumerate(items):
            x = box.cx - span / 2 + (span * i / (n - 1) if n > 1 else 0)
            r.points[at] = (x, r.points[at][1])
