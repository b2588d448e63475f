"""Page 1's geometry: the shared layout (patterns.layout) turned into points.

The layout says which band, layer, column and order each box has, and which
slots long edges pass through; this module gives every box a size (its
label wrapped to a fixed width) and a place, and every edge a route. The
picture is measured at full size in a y-down space of its own; the page
modules scale it onto paper (never below 7 pt type) or cut it into tiles.

The x positions come from patterns.layout.place, the placement the screen
uses too, so that both align the same boxes: within a column boxes keep the
layout's order (as few crossings as it found) and sit as straight below the
boxes they link to as that order allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.pdf_fonts import CONDENSED, CONDENSED_BOLD, text_width
from exports.pdf_text import wrap
from patterns.layout.model import MapLayout, MapNode
from patterns.layout.place import place_columns
from patterns.vocabulary import LinkKind

#: Type sizes at full scale. A page may shrink the picture, but only as far as
#: `MIN_SCALE`, where the smallest of them (a link's kind) is still 7 pt.
LABEL_SIZE = 8.8
LINK_SIZE = 7.3
HEADING_SIZE = 8.3
MIN_SCALE = 7.0 / LINK_SIZE
LINE_HEIGHT = 1.2
BOX_W = 100.0
PAD_X, PAD_Y = 5.0, 4.0
MIN_BOX_H = 24.0
PASS_W = 6.0  # a pass-through point of a long edge
PASS_GAP = 6.0  # between a pass-through point and its neighbour
GAP_X = 12.0  # between two slots of a layer
COLUMN_GAP = 16.0
LAYER_GAP = 28.0  # room for arrows and their labels between layers
BAND_GAP = 10.0  # extra room where a band ends
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
    lines_of: dict[str, list[str]] = {}
    for pn in layout.nodes.values():
        lines_of[pn.id] = wrap(pn.node.label, CONDENSED, LABEL_SIZE, BOX_W - 2 * PAD_X)
    heights = {nid: max(MIN_BOX_H, 2 * PAD_Y + len(lines) * LABEL_SIZE * LINE_HEIGHT)
               for nid, lines in lines_of.items()}

    # Band headings at the left, as wide as the longest of them needs.
    gutter = max((text_width(w, CONDENSED_BOLD, HEADING_SIZE) for b in layout.bands for w in b.words),
                 default=40.0) + 14
    # x positions from the layout's own placement, shared with the screen.
    placement = place_columns(
        layout, width=lambda slot: BOX_W if slot.node is not None else PASS_W,
        box_gap=GAP_X, pass_gap=PASS_GAP, column_gap=COLUMN_GAP,
    )
    centre: dict[tuple, float] = {}
    for li, layer in enumerate(layout.layers):
        for order, slot in enumerate(layer):
            w = BOX_W if slot.node is not None else PASS_W
            centre[_item(slot, li)] = gutter + placement.left[li][order] + w / 2
    width = gutter + placement.width + 8
    lanes = {i for i, c in enumerate(layout.columns) if c.lane}

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
    columns = [(c.person, gutter + x, gutter + x + w)
               for c, (x, w) in zip(layout.columns, placement.columns)]
    routes = [_route(layout, e, boxes, centre, layer_top, layer_bottom) for e in range(len(layout.edges))]
    _spread_ports(routes, boxes)
    return MapGeometry(width, height, boxes, routes, bands, columns, lanes)


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
