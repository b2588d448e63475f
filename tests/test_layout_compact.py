"""A map that shows the pattern on one screen: side bands beside the others,
free nodes in the emptier layer, boxes as small as their labels, columns
packed tight, long labels cut with … (whole with full labels), and the
chase's loop whole in the session's map pane at 120x40."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_layout_render import check_picture, labels_of
from test_map_view import MapApp, pilot_test, visible

from patterns.graph import MapGraph
from patterns.layout import layout_map, snapshot, snapshot_of_map
from patterns.layout.place import place_columns
from patterns.models import Link, Node, Person, RelationalMap
from patterns.synthetic import synthetic_map
from patterns.vocabulary import LinkKind, NodeKind
from tui.widgets.map_canvas import ViewState, picture_text
from tui.widgets.map_geometry import FIT_LINES, build_picture, fitting_box_width
from tui.widgets.map_view import MapView
from tui.widgets.map_text import clean_label


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
    picture = build_picture(lay, 20)
    text = "\n".join(picture_text(picture))
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
    # order and spacing still hold
    for li, layer in enumerate(lay.layers):
        xs = tight.left[li]
        for o in range(len(layer) - 1):
            assert xs[o + 1] >= xs[o] + width(layer[o]) + 1


def test_boxes_are_as_small_as_their_labels_and_keep_words_whole(
    chase_graph: MapGraph,
) -> None:
    snap = snapshot(chase_graph)
    for width in (14, 18, 22, 28):
        picture = build_picture(layout_map(snap), width, None)
        boxes = picture.by_id
        assert boxes["zoe-angry"].w < boxes["quiet"].w
        for box in picture.boxes:
            lines = ["".join(p for p, _ in line).strip().removeprefix("⟳ ")
                     for line in box.lines]
            words = [w for line in lines for w in line.split()]
            assert words == clean_label(snap.node(box.node_id).label).split(), box.node_id
        check_picture(picture, labels_of(chase_graph.to_map()), full=True)


def test_long_labels_are_cut_with_an_ellipsis_and_whole_with_full_labels() -> None:
    long = "I keep going over what I said and wonder if they will ever forgive me " * 3
    m = RelationalMap(title="Long", people=[Person(id="p", name="Ada")], nodes=[
        Node(id="t", kind=NodeKind.TRIGGER, label="a look"),
        Node(id="m", kind=NodeKind.MEANING, label=long.strip()),
    ], links=[Link(source="t", target="m")])
    lay = layout_map(snapshot_of_map(m))
    fitted = build_picture(lay, 20)
    box = fitted.by_id["m"]
    assert len(box.lines) == FIT_LINES and box.h == FIT_LINES + 2
    assert "".join(p for p, _ in box.lines[-1]).endswith("…")
    check_picture(fitted, labels_of(m))
    full = build_picture(lay, 20, None)
    assert len(full.by_id["m"].lines) > FIT_LINES
    check_picture(full, labels_of(m), full=True)


def test_growing_boxes_into_room_never_widens_the_picture(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    for view in (60, 74, 90, 120):
        width = fitting_box_width(lay, view)
        picture = build_picture(lay, width)
        if width != 20 or picture.width <= view:
            assert picture.width <= view
        # the trigger that starts the chase is not cut when its layer has room
        words = "".join("".join(p for p, _ in line) for line in picture.by_id["quiet"].lines)
        assert "disagreement" in words


@settings(max_examples=12, deadline=None)
@given(n=st.integers(8, 40), seed=st.integers(1, 10_000), people=st.integers(1, 3),
       dense=st.booleans(), width=st.integers(14, 28), lines=st.sampled_from([None, 1, 2, 3]))
def test_any_invented_map_draws_cleanly_fitted_or_whole(n: int, seed: int, people: int,
                                                       dense: bool, width: int,
                                                       lines: int | None) -> None:
    m = synthetic_map(n, seed=seed, people=people, dense=dense)
    picture = build_picture(layout_map(snapshot_of_map(m)), width, lines)
    check_picture(picture, labels_of(m), full=lines is None)
    if lines is not None:
        assert all(len(b.lines) <= lines for b in picture.boxes)


@pilot_test
async def test_the_chase_loop_is_whole_in_the_session_map_pane(chase_graph: MapGraph) -> None:
    """The session screen at 120x40 gives the map 76x29 cells."""
    loop = chase_graph.loops[0].nodes
    app = MapApp(snapshot(chase_graph), loop=list(loop))
    async with app.run_test(size=(76, 29)) as pilot:
        await pilot.pause()
        view = app.query_one(MapView)
        assert view.scroll_offset == (0, 0)
        shown = [n.id for n in chase_graph.nodes() if visible(view, n.id)]
        assert set(loop) <= set(shown)
        assert len(shown) >= 12


def test_fitting_the_screen_chooses_lines_and_box_widths(chase_graph: MapGraph) -> None:
    from tui.widgets.map_fit import LEGIBLE, choose_fit, in_view, shown_without_scrolling

    lay = layout_map(snapshot(chase_graph))
    loop = set(chase_graph.loops[0].nodes)
    # the session's map pane at 120x40: the loop is whole, labels keep 3 lines
    picture, fit = choose_fit(lay, 76, 29)
    assert fit.most_lines == FIT_LINES and not fit.whole
    width, height = in_view(picture, 76, 29)
    assert (width, height) == (74, 29) and picture.width <= width  # no sideways scrolling
    shown = {b.node_id for b in picture.boxes if b.x + b.w <= width and 2 <= b.y
             and b.y + b.h <= height}
    assert loop <= shown and len(shown) >= 12
    # the same pane with the Patterns pane folded away: the whole map, one line a box
    picture, fit = choose_fit(lay, 118, 29)
    assert fit.whole and picture.width <= 118 and picture.height <= 29
    assert shown_without_scrolling(picture, 118, 29)[1] == len(chase_graph.nodes())
    assert fit.most_lines is not None and fit.most_lines * (fit.box_width - 4) >= LEGIBLE
    # at 80x24 the map pane is 78x17: two lines a box show more than three
    picture, fit = choose_fit(lay, 78, 17)
    assert fit.most_lines == 2
    assert shown_without_scrolling(picture, 78, 17)[1] >= 7
    # a large screen: every label whole
    picture, fit = choose_fit(lay, 136, 50)
    assert fit.whole and not any(b.lines[-1][-1][0] == "…" for b in picture.boxes)
    # full labels, on request: nothing cut, the picture scrolls
    picture, fit = choose_fit(lay, 76, 29, full_labels=True)
    assert fit.full_labels and fit.most_lines is None
    check_picture(picture, labels_of(chase_graph.to_map()), full=True)


def test_a_fitted_picture_keeps_its_sizes_until_the_map_outgrows_the_view(
    chase_graph: MapGraph,
) -> None:
    from patterns.edits import AddNode
    from tui.widgets.map_fit import choose_fit, draw_fitted

    small = MapGraph.from_map(chase_graph.to_map())
    for node in list(small.nodes())[5:]:
        small.drop_node(node.id)
    picture, fit = choose_fit(layout_map(snapshot(small)), 100, 30)
    assert fit.whole
    AddNode(Node(id="extra", kind=NodeKind.NEED, label="to be heard", person="zoe")).apply(small)
    again, kept = draw_fitted(layout_map(snapshot(small)), fit, 100, 30)
    assert kept == fit and "extra" in again.by_id  # still fits: the same sizes
    bigger, chosen = draw_fitted(layout_map(snapshot(chase_graph)), fit, 100, 30)
    assert chosen != fit and bigger.width <= 100  # outgrew the view: chosen afresh
    # a picture that never fitted keeps its sizes: the map scrolls anyway
    _, loose = choose_fit(layout_map(snapshot(chase_graph)), 76, 29)
    _, still = draw_fitted(layout_map(snapshot(small)), loose, 76, 29)
    assert still == loose
    # asking for full labels draws afresh
    _, full = draw_fitted(layout_map(snapshot(small)), fit, 100, 30, full_labels=True)
    assert full.full_labels and full.most_lines is None


def test_a_map_too_large_to_fit_gets_readable_boxes_and_scrolls() -> None:
    from tui.widgets.map_fit import choose_fit

    lay = layout_map(snapshot_of_map(synthetic_map(80)))
    picture, fit = choose_fit(lay, 76, 29)
    assert fit.box_width == 20 and fit.most_lines == FIT_LINES and not fit.whole
    assert picture.width > 76


def test_a_map_grown_too_wide_tries_the_narrowest_boxes_too(chase_graph: MapGraph) -> None:
    """One trigger more and the chase no longer fits 76 columns at any box
    width: the narrowest boxes still show more of its loop than the wide
    ones a map that scrolls anyway would get."""
    from patterns.edits import AddNode
    from tui.widgets.map_fit import choose_fit, shown_without_scrolling
    from tui.widgets.map_geometry import MIN_BOX

    AddNode(Node(id="door", kind=NodeKind.TRIGGER, label="the door slams",
                 person="zoe")).apply(chase_graph)
    lay = layout_map(snapshot(chase_graph))
    picture, fit = choose_fit(lay, 76, 29)
    assert not fit.whole and fit.box_width == MIN_BOX
    wide = build_picture(lay, 20, fit.most_lines)
    assert shown_without_scrolling(picture, 76, 29) > shown_without_scrolling(wide, 76, 29)
