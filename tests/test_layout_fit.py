"""A map that shows the pattern on one screen: side bands beside the others,
free nodes in the emptier layer, boxes as small as their labels, columns
packed tight, long labels cut with … (whole with full labels), and looks
tried from the most generous to the most compact until the map fits: band
names left to the boxes' tags, link kinds to the key, boxes of one row."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.drawing import check_drawing, check_screen, labels_of
from tests.support.map_app import MapApp, visible
from tests.support.pilot import pilot_test

from patterns.edits import AddNode
from patterns.graph import MapGraph
from patterns.layout import layout_map, snapshot, snapshot_of_map
from patterns.layout.boxes import Look
from patterns.layout.drawing import draw
from patterns.layout.fit import (
    LEGIBLE,
    LOOKS,
    MIN_BOX,
    WIDE_MAP_BOX,
    choose_fit,
    draw_fitted,
    fitting_width,
    in_view,
    shown_without_scrolling,
)
from patterns.layout.place import place_columns
from patterns.layout.words import line_text
from patterns.models import Link, Node, Person, RelationalMap
from patterns.synthetic import synthetic_map
from patterns.text import clean_label
from patterns.vocabulary import LinkKind, NodeKind
from tui.widgets.map_cells import CELLS
from tui.widgets.map_view import MapView


def small_map(*links: tuple[str, str, LinkKind | None]) -> RelationalMap:
    """One person's cycle, a need, an origin and a new response; `links` adds
    links by node id."""
    nodes = [
        Node(id="t", kind=NodeKind.TRIGGER, label="door slams"),
        Node(id="f", kind=NodeKind.FEELING, label="scared"),
        Node(id="s", kind=NodeKind.STRATEGY, label="hide in my room"),
        Node(id="n", kind=NodeKind.NEED, label="safety"),
        Node(id="o", kind=NodeKind.ORIGIN, label="shouting at home"),
        Node(id="x", kind=NodeKind.RESPONSE, label="say I need a minute"),
    ]
    base = [Link(source="t", target="f"), Link(source="f", target="s"),
            Link(source="s", target="n")]
    extra = [Link(source=a, target=b, kind=k) if k else Link(source=a, target=b)
             for a, b, k in links]
    return RelationalMap(title="Small", people=[Person(id="p", name="Ada")], nodes=nodes,
                         links=base + extra)


def test_origins_sit_beside_the_triggers(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    assert lay.nodes["dad-left"].layer == lay.nodes["quiet"].layer == 0
    origins, triggers = lay.bands[0], lay.bands[1]
    assert origins.label == "ORIGINS" and origins.beside == 1 and origins.words == ()
    assert triggers.words == ("TRIGGERS", "ORIGINS") and triggers.beside is None
    # the new responses meet needs: they keep a layer of their own, below
    assert lay.bands[-1].beside is None
    assert lay.nodes["say-scared"].layer > lay.nodes["zoe-need"].layer


def test_a_side_band_keeps_its_own_layer_when_linked_to_its_neighbour() -> None:
    lay = layout_map(snapshot_of_map(small_map(("o", "t", LinkKind.SHAPES))))
    assert lay.nodes["o"].layer < lay.nodes["t"].layer
    origins = lay.bands[0]
    assert origins.label == "ORIGINS" and origins.beside is None and origins.words == ("ORIGINS",)
    assert lay.bands[1].words == ("TRIGGERS",)


def test_new_responses_sit_beside_the_needs_when_nothing_joins_them() -> None:
    lay = layout_map(snapshot_of_map(small_map(("x", "s", None))))  # replaces the move
    assert lay.nodes["x"].layer == lay.nodes["n"].layer
    assert lay.nodes["o"].layer == lay.nodes["t"].layer
    needs = next(b for b in lay.bands if NodeKind.NEED in b.kinds)
    assert needs.words == ("NEEDS", "NEW RESPONSES")
    # with a link to the need it takes a layer of its own again
    apart = layout_map(snapshot_of_map(small_map(("x", "s", None), ("x", "n", None))))
    assert apart.nodes["x"].layer == apart.nodes["n"].layer + 1
    text = "\n".join(check_screen(draw(lay, CELLS, Look(box_width=20))))
    assert "NEW RESPONSES" in text and "ORIGINS" in text


def test_a_node_free_to_move_takes_the_emptier_layer_of_its_band(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    # the meaning and the surface feeling sit above the core feeling they lead
    # to; the body sensation, linked to neither, sits beside the core feeling
    assert lay.nodes["zoe-too-much"].layer == lay.nodes["zoe-angry"].layer
    assert lay.nodes["chest"].layer == lay.nodes["zoe-scared"].layer
    assert lay.nodes["zoe-angry"].layer < lay.nodes["zoe-scared"].layer


def test_a_bounded_column_is_as_wide_as_its_widest_layer() -> None:
    lay = layout_map(snapshot_of_map(synthetic_map(60, people=2)))

    def width(slot):  # type: ignore[no-untyped-def]
        return 18 if slot.node is not None else 1

    free = place_columns(lay, width=width, box_gap=2, pass_gap=1, column_gap=1, integer=True)
    tight = place_columns(lay, width=width, box_gap=2, pass_gap=1, column_gap=1, integer=True,
                          slack=0)
    for c, column in enumerate(lay.columns):
        rows = [[s for s in layer if s.column == c] for layer in lay.layers]
        packed = max((sum(width(s) for s in row) + sum(
            2 if a.node and b.node else 1 for a, b in zip(row, row[1:])) for row in rows if row),
            default=0)
        assert tight.columns[c][1] == packed and free.columns[c][1] >= packed, column
    for li, layer in enumerate(lay.layers):
        xs = tight.left[li]
        for o in range(len(layer) - 1):
            assert xs[o + 1] >= xs[o] + width(layer[o]) + 1


def test_boxes_are_as_small_as_their_labels_and_keep_words_whole(
    chase_graph: MapGraph,
) -> None:
    snap = snapshot(chase_graph)
    for width in (14, 18, 22, 28):
        d = draw(layout_map(snap), CELLS, Look(box_width=width, most_lines=None))
        # a short feeling gets a small box: its words, two cells of border and
        # padding a side, or what its kind tag and arrows need
        angry = d.by_id["zoe-angry"]
        if width >= 17:
            assert len(angry.lines) == 1 and angry.w == len("angry, fed up") + 4
        assert all(b.w <= CELLS.widest_box for b in d.boxes)
        for box in d.boxes:
            words = [w for line in box.lines for w in line_text(list(line)).split()]
            assert words == clean_label(snap.node(box.node_id).label).split(), box.node_id
        check_drawing(d, labels_of(chase_graph.to_map()), full=True)


def test_long_labels_are_cut_with_an_ellipsis_and_whole_with_full_labels() -> None:
    long = "I keep going over what I said and wonder if they will ever forgive me " * 3
    m = RelationalMap(title="Long", people=[Person(id="p", name="Ada")], nodes=[
        Node(id="t", kind=NodeKind.TRIGGER, label="a look"),
        Node(id="m", kind=NodeKind.MEANING, label=long.strip()),
    ], links=[Link(source="t", target="m")])
    lay = layout_map(snapshot_of_map(m))
    fitted = draw(lay, CELLS, Look(box_width=20, most_lines=3))
    box = fitted.by_id["m"]
    assert len(box.lines) == 3 and box.h == 5
    assert line_text(list(box.lines[-1])).endswith("…")
    check_drawing(fitted, labels_of(m))
    full = draw(lay, CELLS, Look(box_width=20, most_lines=None))
    assert len(full.by_id["m"].lines) > 3
    check_drawing(full, labels_of(m), full=True)
    flat = draw(lay, CELLS, Look(box_width=20, most_lines=1, flat=True, gutter=False))
    assert flat.by_id["m"].h == 1 and line_text(list(flat.by_id["m"].lines[0])).endswith("…")


def test_growing_boxes_into_room_never_widens_the_drawing(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    for view in (60, 74, 90, 120):
        look = replace(LOOKS[1], box_width=fitting_width(lay, CELLS, LOOKS[1], view))
        d = draw(lay, CELLS, look)
        if look.box_width > MIN_BOX:
            assert d.width <= view
    # with room enough, the trigger that starts the chase is not cut
    d = draw(lay, CELLS, replace(LOOKS[1], box_width=fitting_width(lay, CELLS, LOOKS[1], 120)))
    assert "disagreement" in "".join(line_text(list(x)) for x in d.by_id["quiet"].lines)


@settings(max_examples=12, deadline=None)
@given(n=st.integers(8, 40), seed=st.integers(1, 10_000), people=st.integers(1, 3),
       dense=st.booleans(), width=st.integers(40, 200), height=st.integers(12, 60))
def test_any_invented_map_fits_cleanly(n: int, seed: int, people: int, dense: bool, width: int,
                                       height: int) -> None:
    m = synthetic_map(n, seed=seed, people=people, dense=dense)
    lay = layout_map(snapshot_of_map(m))
    d, fit = choose_fit(lay, CELLS, width, height)
    check_drawing(d, labels_of(m))
    check_screen(d)
    if fit.whole:
        assert d.width <= width and d.height <= height


def test_fitting_the_screen_chooses_looks_and_box_widths(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    loop = set(chase_graph.loops[0].nodes)
    # the session's map pane at 120x40 with the side panel open: the whole map
    d, fit = choose_fit(lay, CELLS, 76, 29)
    assert fit.whole and d.width <= 76 and d.height <= 29
    assert shown_without_scrolling(d, 76, 29)[2] == len(chase_graph.nodes())
    # first words readable: every box shows its label's first word whole
    for box in d.boxes:
        first = clean_label(chase_graph.node(box.node_id).label).split()[0]
        assert line_text(list(box.lines[0])).split()[0] == first
    # the same pane with the side folded away: a more generous look
    d2, fit2 = choose_fit(lay, CELLS, 118, 29)
    assert fit2.whole and LOOKS.index(replace(fit2.look, box_width=28)) \
        <= LOOKS.index(replace(fit.look, box_width=28))
    # at 80x24 the map pane is 78x16 under the tab bar: the main cycle whole
    d, fit = choose_fit(lay, CELLS, 78, 16)
    assert fit.look.flat and fit.mode == "fit · one-line boxes"
    width, height = in_view(d, 78, 16)
    shown = {b.node_id for b in d.boxes if b.x + b.w <= width and b.y + b.h <= height}
    assert loop <= shown
    # a large screen: every label whole, band names and link kinds written
    d, fit = choose_fit(lay, CELLS, 196, 50)
    assert fit.whole and fit.mode == "fit" and not any(b.cut for b in d.boxes)
    assert fit.look.most_lines is not None and fit.look.most_lines * (fit.look.box_width - 4) \
        >= LEGIBLE
    # full labels, on request: nothing cut, the drawing scrolls
    d, fit = choose_fit(lay, CELLS, 76, 29, full_labels=True)
    assert fit.full_labels and fit.look.most_lines is None and fit.mode == "full labels"
    check_drawing(d, labels_of(chase_graph.to_map()), full=True)


def test_a_fitted_drawing_keeps_its_sizes_until_the_map_outgrows_the_view(
    chase_graph: MapGraph,
) -> None:
    small = MapGraph.from_map(chase_graph.to_map())
    for node in list(small.nodes())[5:]:
        small.drop_node(node.id)
    _, fit = choose_fit(layout_map(snapshot(small)), CELLS, 100, 30)
    assert fit.whole
    AddNode(Node(id="extra", kind=NodeKind.NEED, label="to be heard", person="zoe")).apply(small)
    again, kept = draw_fitted(layout_map(snapshot(small)), CELLS, fit, 100, 30)
    assert kept == fit and "extra" in again.by_id  # still fits: the same sizes
    bigger, chosen = draw_fitted(layout_map(snapshot(chase_graph)), CELLS, fit, 100, 30)
    assert chosen != fit and bigger.width <= 100  # outgrew the view: chosen afresh
    # a drawing that never fitted keeps its sizes: the map scrolls anyway
    _, loose = choose_fit(layout_map(snapshot(chase_graph)), CELLS, 60, 12)
    assert not loose.whole
    _, still = draw_fitted(layout_map(snapshot(small)), CELLS, loose, 60, 12)
    assert still == loose
    # asking for full labels draws afresh
    _, full = draw_fitted(layout_map(snapshot(small)), CELLS, fit, 100, 30, full_labels=True)
    assert full.full_labels and full.look.most_lines is None


def test_a_map_too_large_to_fit_gets_readable_boxes_and_scrolls() -> None:
    lay = layout_map(snapshot_of_map(synthetic_map(80)))
    d, fit = choose_fit(lay, CELLS, 76, 29)
    assert fit.look.box_width == WIDE_MAP_BOX and not fit.whole
    assert d.width > 76


@pilot_test
async def test_the_chase_is_whole_in_the_session_map_pane(chase_graph: MapGraph) -> None:
    """The session screen at 120x40 gives the map 76x29 cells."""
    app = MapApp(snapshot(chase_graph), loop=list(chase_graph.loops[0].nodes))
    async with app.run_test(size=(76, 29)) as pilot:
        await pilot.pause()
        view = app.query_one(MapView)
        assert view.scroll_offset == (0, 0)
        assert all(visible(view, n.id) for n in chase_graph.nodes())
        assert view.fit_mode.startswith("fit")
