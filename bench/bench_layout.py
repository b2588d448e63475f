"""The map view (issue 3): layout, picture and drawing the lines on screen.

Targets: a redraw after an edit (new snapshot, layout, picture, the lines of
a 120x40 screen) within 16 ms at 60 nodes and 100 ms at 400 (the session
screen's budget from keypress to screen; this is most of it). Baselines from
the same run: grandalf's Sugiyama layout of the same graph when grandalf is
installed (it is not a dependency; otherwise networkx's topological layering
of the same graph, the least any layered layout pays), and rendering a
screenful of plain text lines with rich for the drawing.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from timing import Row, measure, median, p95

from patterns.graph import MapGraph
from patterns.layout import layout_map, snapshot
from patterns.layout.boxes import Look
from patterns.layout.drawing import draw
from patterns.layout.fit import Asked, choose_fit, draw_map
from patterns.synthetic import synthetic_map
from tui.widgets.map_canvas import ViewState, render_row
from tui.widgets.map_cells import CELLS
from tui.widgets.map_picture import Picture

#: What a map too large to fit a screen is drawn with.
WIDE = Look(box_width=20, most_lines=3)


def build_picture(lay, look=WIDE):  # type: ignore[no-untyped-def]
    """The layout drawn and rasterised into cells, as the map view does."""
    return Picture.of(draw(lay, CELLS, look))

SCREEN_W, SCREEN_H = 118, 38
STYLE = Style(color="white")


def _baseline(graph: MapGraph):  # type: ignore[no-untyped-def]
    """(name, function) of the layout baseline for this graph."""
    try:
        from grandalf.graphs import Edge, Graph, Vertex
        from grandalf.layouts import SugiyamaLayout, VertexViewer
    except ImportError:
        import networkx as nx

        def layered() -> object:
            dag = nx.condensation(graph.simple_digraph())
            return [sorted(gen) for gen in nx.topological_generations(dag)]

        return "networkx layering", layered

    def grandalf() -> object:
        vertices = {n.id: Vertex(n.id) for n in graph.nodes()}
        for v in vertices.values():
            v.view = VertexViewer(w=20, h=4)
        g = Graph(list(vertices.values()),
                  [Edge(vertices[lk.source], vertices[lk.target]) for lk in graph.links()])
        out = []
        for part in g.C:
            sug = SugiyamaLayout(part)
            sug.init_all()
            sug.draw(N=1.5)
            out.append(sug)
        return out

    return "grandalf Sugiyama", grandalf


def _screen(picture, state: ViewState, top: int = 0, left: int = 0) -> list[list[Segment]]:  # type: ignore[no-untyped-def]
    """The lines of one screen, as the widget draws them."""
    lines = []
    for y in range(top, min(picture.height, top + SCREEN_H)):
        runs = render_row(picture, state, y, left, left + SCREEN_W)
        lines.append([Segment(text, STYLE) for text, _ in runs])
    return lines


_CONSOLE = Console(width=SCREEN_W, file=io.StringIO(), color_system="truecolor")
_TEXT = Text("\n".join("a quiet line of map text, " * 5 for _ in range(SCREEN_H)), style=STYLE)


def _plain_screen() -> list[list[Segment]]:
    """A screenful of styled text through rich: what any text widget pays."""
    return _CONSOLE.render_lines(_TEXT, _CONSOLE.options.update(width=SCREEN_W), pad=False)


def rows(quick: bool) -> list[Row]:
    out: list[Row] = []
    for n in (60, 400):
        repeats = (5 if quick else 30) if n == 60 else (3 if quick else 15)
        graph = MapGraph.from_map(synthetic_map(n))
        base_name, base = _baseline(graph)
        base_times = measure(base, max(3, repeats // 3), warmup=1)
        snap = snapshot(graph)
        state = ViewState(people=snap.people)
        lay = layout_map(snap)
        times = measure(lambda: layout_map(snapshot(graph)), repeats)
        out.append(Row(f"layout {n}-node map (snapshot + layout)", median(times), base_name,
                       median(base_times), None, p95(times),
                       note=f"{lay.crossings} crossings"))
        picture = build_picture(lay)
        times = measure(lambda: build_picture(lay), repeats)
        plain = measure(_plain_screen, repeats)
        out.append(Row(f"picture of {n}-node map (cells)", median(times), "plain screen",
                       median(plain), None, p95(times)))
        times = measure(lambda: _screen(picture, state), repeats)
        out.append(Row(f"draw one 118x38 screen, {n} nodes", median(times), "plain screen",
                       median(plain), None, p95(times)))

        def redraw() -> None:
            s = snapshot(graph)
            p = build_picture(layout_map(s))
            _screen(p, ViewState(people=s.people))

        times = measure(redraw, repeats)
        out.append(Row(f"redraw after an edit, {n} nodes", median(times), base_name,
                       median(base_times), 16 if n == 60 else 100, p95(times), note="p95"))

        # An edit that leaves the map's structure as it was: the layout is
        # reused (a label: the picture is drawn again; an intensity: not even
        # that). Alternating two versions, so each redraw has a change to draw.
        before = snapshot(graph)
        first = before.nodes[0]
        versions = {
            "a label edit": before.model_copy(update={"nodes": (
                first.model_copy(update={"label": first.label + " again and again"}),
                *before.nodes[1:])}),
            "an intensity edit": before.model_copy(update={"nodes": (
                first.model_copy(update={"intensity": ((first.intensity or 0) + 1) % 11}),
                *before.nodes[1:])}),
        }
        for what, edited in versions.items():
            drawn = [draw_map(before, CELLS, Asked(), 76, 29)]
            cells = [Picture.of(drawn[0].drawing)]

            def reuse(edited: object = edited) -> None:
                snap = edited if drawn[0].layout.nodes[first.id].node == first else before
                drawn[0] = draw_map(snap, CELLS, Asked(), 76, 29, drawn[0])  # type: ignore[arg-type]
                if cells[0].drawing is not drawn[0].drawing:  # as the map view keeps it
                    cells[0] = Picture.of(drawn[0].drawing)
                _screen(cells[0], ViewState(people=snap.people))

            times = measure(reuse, repeats)
            out.append(Row(f"redraw after {what} (layout reused), {n} nodes", median(times),
                           base_name, median(base_times), 16 if n == 60 else 100, p95(times),
                           note="p95"))
        if n == 60:
            # Once per view size (opening, resizing, narrowing): lines and box
            # widths tried until the picture fits the session's 76x29 map pane.
            times = measure(lambda: choose_fit(lay, CELLS, 76, 29), repeats)
            out.append(Row(f"fit a {n}-node map to the map pane", median(times), base_name,
                           median(base_times), None, p95(times)))
    return out
