"""The drawing the engine decides (patterns.layout.drawing), and the screen's
cells of it: nothing overlaps, nothing is cut off, every edge is one line
from a port on its source to a port on its target, words sit where a reader
can tell what they belong to, and each cycle closes around the outside."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from patterns.graph import MapGraph
from patterns.layout import layout_map, snapshot, snapshot_of_map
from patterns.layout.boxes import Look, Metrics
from patterns.layout.crossings import drawing_crossings
from patterns.layout.drawing import draw
from patterns.layout.fit import LOOKS
from patterns.layout.words import line_text, wrap_label
from patterns.models import Link, Node, Person, RelationalMap
from patterns.synthetic import synthetic_map
from patterns.text import clean_label, graphemes
from patterns.vocabulary import NodeKind
from tests.support.drawing import check_drawing, check_screen, labels_of, route_cells
from tui.widgets.map_canvas import ViewState, picture_text, render_row
from tui.widgets.map_cells import CELLS, clusters
from tui.widgets.map_picture import Picture

HOSTILE = [
    "👩‍👩‍👧‍👦 family dinner, 👍🏽 then 🇬🇧🇫🇷 flags",
    "他不回我的信息 我觉得被抛弃了 心里很害怕",
    "כשהוא שותק אני מרגישה לבד",
    "e\u0301te\u0301 sans toi, n\u0303o, Zoe\u0308",
    "bell\x07 and tab\there, escape \x1b[31m red \x1b[0m, rtl override \u202eevil\u202c end",
    "x" * 120 + " " + " ".join(["long label that goes on"] * 7),
]


def hostile_map() -> RelationalMap:
    kinds = [NodeKind.TRIGGER, NodeKind.FEELING, NodeKind.MEANING, NodeKind.STRATEGY,
             NodeKind.NEED, NodeKind.RESOURCE]
    nodes = [Node(id=f"n{i}", kind=kinds[i], label=label[:300], person="p")
             for i, label in enumerate(HOSTILE)]
    links = [Link(source=f"n{i}", target=f"n{i + 1}") for i in range(4)]
    links.append(Link(source="n3", target="n0"))
    links.append(Link(source="n5", target="n1"))
    return RelationalMap(title="Labels of every kind", people=[Person(id="p", name="Ada")],
                         nodes=nodes, links=links)


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: repr(look))
@pytest.mark.parametrize("width", [14, 22, 28])
def test_the_chase_draws_cleanly_in_every_look(chase_graph: MapGraph, look: Look,
                                               width: int) -> None:
    d = draw(layout_map(snapshot(chase_graph)), CELLS, replace(look, box_width=width))
    check_drawing(d, {n.id: n.label for n in chase_graph.nodes()})
    text = "\n".join(check_screen(d))
    for word in ("Zoë", "Sam", "⟳ the chase"):
        assert word in text
    if look.gutter:
        headings = ("TRIG", "FEEL", "MEAN", "MOVE", "NEED") if look.short_bands else (
            "TRIGGERS", "FEELINGS", "MEANINGS", "STRATEGIES", "NEEDS")
        for heading in headings:
            assert heading in text
    # ⟳ says one thing only: the cycle's name on its ring, never on a box
    assert text.count("⟳") == 1
    assert ("provokes" in text) == look.edge_labels


@pytest.mark.parametrize("n", [60, 400])
def test_invented_maps_draw_cleanly(n: int) -> None:
    m = synthetic_map(n)
    d = draw(layout_map(snapshot_of_map(m)), CELLS, Look(box_width=20))
    check_drawing(d, labels_of(m))
    # ⟳ only where it says something: one name a cycle, not one a box
    text = "\n".join(check_screen(d))
    assert text.count("⟳") <= len(d.cycles) < len(m.nodes) / 5


def test_a_dense_map_with_three_people_draws_cleanly() -> None:
    m = synthetic_map(60, dense=True, people=3)
    d = draw(layout_map(snapshot_of_map(m)), CELLS, Look(box_width=18))
    check_drawing(d, labels_of(m))
    check_screen(d)


@pytest.mark.parametrize("width", [18, 24])
def test_labels_of_every_kind_are_drawn_whole(width: int) -> None:
    m = hostile_map()
    d = draw(layout_map(snapshot_of_map(m)), CELLS, Look(box_width=width, most_lines=None))
    check_drawing(d, labels_of(m), full=True)
    drawn = "\n".join(check_screen(d))
    assert "\x07" not in drawn and "\x1b" not in drawn and "\u202e" not in drawn
    assert "他不回我的" in drawn.replace("\n", "")
    assert "e\u0301te\u0301" in drawn  # combining marks stay on their letter


def test_wrapping_keeps_every_grapheme_and_the_width() -> None:
    for label in HOSTILE:
        for width in (8, 14, 24):
            lines = wrap_label(label, width, clusters, first_prefix="✦ ", prefix="  ")
            assert all(sum(w for _, w in line) <= width for line in lines)
            text = "".join(line_text(line)[2:] for line in lines)
            assert "".join(text.split()) == "".join(clean_label(label).split())


def test_graphemes_without_a_terminal_keep_marks_joiners_and_flags_whole() -> None:
    assert graphemes("e\u0301t") == ["e\u0301", "t"]
    assert graphemes("👩‍👩‍👧 x") == ["👩‍👩‍👧", " ", "x"]
    assert graphemes("🇬🇧🇫🇷") == ["🇬🇧", "🇫🇷"]
    assert graphemes("👍🏽") == ["👍🏽"]


def test_clean_label_makes_control_characters_harmless() -> None:
    assert clean_label("a\tb\nc") == "a b c"
    assert clean_label("ring\x07") == "ring\ufffd"
    assert clean_label("x\u202ey") == "xy"
    assert cell_len(clean_label("\x1b[31mred")) == len("\ufffd[31mred")


def test_a_window_of_a_row_shows_the_same_cells_as_the_whole_row() -> None:
    m = hostile_map()
    picture = Picture.of(draw(layout_map(snapshot_of_map(m)), CELLS, Look(box_width=18)))
    state = ViewState(people=snapshot_of_map(m).people)

    def cells(runs: list[tuple[str, str]]) -> list[str]:
        out: list[str] = []
        for text, _ in runs:
            for piece, w in clusters(text):
                out.extend([piece, ""] if w == 2 else [piece])
        return out

    for y in range(picture.height):
        whole = cells(render_row(picture, state, y))
        assert len(whole) == picture.width
        for start in range(0, picture.width, 7):
            end = min(picture.width, start + 23)
            expected = whole[start:end]
            if expected and expected[0] == "":
                expected[0] = " "  # the right half of a wide character
            if end < len(whole) and whole[end] == "" and expected:
                expected[-1] = " "  # the left half of one
            window = cells(render_row(picture, state, y, start, end))
            assert window == expected, (y, start)


def test_selection_and_loop_are_visible_without_colour(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    d = draw(layout_map(snap), CELLS, Look(box_width=22))
    picture = Picture.of(d)
    loop = chase_graph.loops[0].nodes
    steps = {(a, b) for a, b in zip(loop, loop[1:] + loop[:1])}
    state = ViewState(selected="zoe-need", loop_nodes=frozenset(loop),
                      loop_edges=frozenset(i for i, e in enumerate(picture.edges)
                                           if (e.source, e.target) in steps),
                      people=snap.people)
    rows = picture_text(picture, state)
    need, texting = picture.by_id["zoe-need"], picture.by_id["texting"]
    assert rows[need.y][need.x] == "╔" and rows[texting.y][texting.x] == "┏"
    gran = picture.by_id["gran"]
    assert rows[gran.y][gran.x] == "╭"
    # the cycle is heavy whether selected or not; a variant's step is dashed
    plain = "".join(picture_text(picture, ViewState(people=snap.people)))
    assert "━" in plain and "┃" in plain and ("╌" in plain or "╎" in plain)


def test_flat_boxes_show_selection_and_loop_by_their_ends(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    d = draw(layout_map(snap), CELLS, Look(box_width=20, most_lines=1, flat=True,
                                           gutter=False, edge_labels=False))
    picture = Picture.of(d)
    loop = chase_graph.loops[0].nodes
    state = ViewState(selected="zoe-need", loop_nodes=frozenset(loop), people=snap.people)
    rows = picture_text(picture, state)
    need, texting, gran = (picture.by_id[n] for n in ("zoe-need", "texting", "gran"))
    assert rows[need.y][need.x] == "«" and rows[texting.y][texting.x] == "⟦"
    assert rows[gran.y][gran.x] == "["


def test_privacy_shows_initials_in_the_headings(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    picture = Picture.of(draw(layout_map(snap), CELLS, Look(box_width=22)))
    top = picture_text(picture, ViewState(people=snap.people, privacy=True))[0]
    assert "Z." in top and "S." in top and "Zoë" not in top and "Sam" not in top


@settings(max_examples=15, deadline=None)
@given(n=st.integers(8, 45), seed=st.integers(1, 10_000), people=st.integers(1, 3),
       dense=st.booleans(), width=st.integers(14, 28), look=st.sampled_from(LOOKS))
def test_any_invented_map_draws_cleanly(n: int, seed: int, people: int, dense: bool,
                                        width: int, look: Look) -> None:
    m = synthetic_map(n, seed=seed, people=people, dense=dense)
    d = draw(layout_map(snapshot_of_map(m)), CELLS, replace(look, box_width=width))
    check_drawing(d, labels_of(m))
    check_screen(d)
    assert all(len(b.lines) <= (look.most_lines or 99) for b in d.boxes)


def test_masks_helps_and_blocks_show_without_words(chase_graph: MapGraph) -> None:
    d = draw(layout_map(snapshot(chase_graph)), CELLS, Look(box_width=20, edge_labels=False))
    picture = Picture.of(d)
    rows = picture_text(picture)

    def drawn(source: str, target: str) -> set[str]:
        route = next(r for r in d.routes if (d.edges[r.edge].source,
                                             d.edges[r.edge].target) == (source, target))
        return {rows[y][x] for a, b in zip(route.points, route.points[1:])
                for x, y in route_cells(*a, *b)[1:-1] if (x, y) not in route.points}

    assert drawn("zoe-angry", "zoe-scared") <= {"┊", "┈", "┼", "╂", "┿", "╋"}  # dotted
    assert drawn("gran", "zoe-scared") <= {"║", "═", "┼", "╂", "┿", "╋", "╫", "╪"}  # double
    need = d.by_id["zoe-need"]
    top = rows[need.y][need.x:need.x + need.w]
    assert "⊥" in top and "▼" in top  # criticise blocks it, texting longs for it


def test_each_cycle_is_a_ring_with_its_name_on_it(chase_graph: MapGraph) -> None:
    lay = layout_map(snapshot(chase_graph))
    ring = next(e for e in lay.edges if e.ring)
    assert (ring.source, ring.target) == ("shutdown", "quiet")  # the chase closes there
    for look in LOOKS:
        d = draw(lay, CELLS, replace(look, box_width=18))
        route = next(r for r in d.routes if d.edges[r.edge].ring)
        # around the outside: right of every box, then over the top of them
        assert max(x for x, _ in route.points) > max(b.x + b.w for b in d.boxes) - 1
        assert min(y for _, y in route.points) < min(b.y for b in d.boxes)
        name = next(lab for lab in d.labels if lab.cycle == 0)
        assert name.text == "⟳ the chase"
        assert name.y < min(b.y for b in d.boxes)  # in the clear space over the map
        # variants are drawn lighter than the cycle
        assert any(e.variant for e in d.edges) and any(e.cycle == 0 and not e.variant
                                                       for e in d.edges)


def test_side_labels_have_room_around_them_so_each_tells_its_line(chase_graph: MapGraph) -> None:
    d = draw(layout_map(snapshot(chase_graph)), CELLS, Look(box_width=22, most_lines=2))
    lines: dict[tuple[int, int], set[int]] = {}
    for r in d.routes:
        for a, b in zip(r.points, r.points[1:]):
            for c in route_cells(*a, *b):
                lines.setdefault(c, set()).add(r.edge)
    for label in d.labels:
        if label.edge is None:
            continue
        left, right = (label.x - 2, label.y), (label.x + label.w + 1, label.y)
        near = lines.get(left, set()) | lines.get(right, set())
        assert near <= {label.edge}, f"{label.text} sits between two lines"


def test_routing_adds_no_crossing_the_order_did_not_make() -> None:
    for m in (synthetic_map(60), synthetic_map(30, seed=5, people=3), synthetic_map(45)):
        lay = layout_map(snapshot_of_map(m))
        for look in (LOOKS[0], LOOKS[-1]):
            assert drawing_crossings(draw(lay, CELLS, replace(look, box_width=16))) \
                <= lay.crossings


def test_a_plain_metrics_draws_without_a_terminal() -> None:
    """The engine needs nothing of rich: any renderer's measure will do."""
    plain = Metrics("plain", lambda text: [(g, 1.0) for g in graphemes(text)],
                    tag_width=lambda tag: len(tag) + 2.0)
    m = synthetic_map(30)
    check_drawing(draw(layout_map(snapshot_of_map(m)), plain, Look(box_width=20)), labels_of(m))


def _nearest_by_trying(n: int, points: list[tuple[int, int]], room, reach):  # type: ignore[no-untyped-def]
    """Where words n units long go nearest the points, by trying every place
    (rows off count twice as much as units across), as labels._near promises."""
    best = None
    for px, py in points:
        for d in range(reach if reach is not None else max(room.width, room.height)):
            for y in (py - d, py + d) if d else (py,):
                for x in range(px - n - 1 - 2 * d, px + 2 * d + 1):
                    if room.free(x - 1, y, n + 2):
                        key = (abs(y - py) * 2 + abs(x + n // 2 - px), y, x)
                        best = min(best or (key, (x, y)), (key, (x, y)))
            if best is not None and d * 2 > best[0][0]:
                return best[1]
    return None if best is None else best[1]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([None, 1, 6, 40]))
def test_words_go_in_the_free_place_nearest_where_they_belong(rnd, reach) -> None:  # type: ignore[no-untyped-def]
    """The marks, names and kinds placed in clear space go to the nearest
    free place, as trying every place would find it, on a crowded picture."""
    from patterns.layout.labels import Occupancy, _near

    m = synthetic_map(60, dense=True)
    d = draw(layout_map(snapshot_of_map(m)), CELLS, Look(box_width=16))
    room = Occupancy(d)
    for _ in range(40):
        n = rnd.randint(1, 40)
        points = [(rnd.randint(-3, d.width + 3), rnd.randint(-3, d.height + 3))
                  for _ in range(rnd.randint(1, 3))]
        found = _near(n, points, room, reach)
        assert found == _nearest_by_trying(n, points, room, reach)
        if found is not None:
            room.take(found[0] - 1, found[1], n + 2)
