"""The map picture in cells: nothing overlaps, nothing is cut off, every edge
is a connected line from its source to an arrow at its target."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from patterns.graph import MapGraph
from patterns.layout import layout_map, snapshot, snapshot_of_map
from patterns.models import Link, Node, Person, RelationalMap
from patterns.synthetic import synthetic_map
from patterns.vocabulary import NodeKind
from tui.widgets.map_canvas import ViewState, picture_text, render_row
from tui.widgets.map_geometry import DOWN, LEFT, RIGHT, UP, Picture, build_picture
from tui.widgets.map_text import clean_label, clusters, wrap_label

HOSTILE = [
    "👩‍👩‍👧‍👦 family dinner, 👍🏽 then 🇬🇧🇫🇷 flags",
    "他不回我的信息 我觉得被抛弃了 心里很害怕",
    "כשהוא שותק אני מרגישה לבד",
    "e\u0301te\u0301 sans toi, n\u0303o, Zoe\u0308",
    "bell\x07 and tab\there, escape \x1b[31m red \x1b[0m, rtl override \u202eevil\u202c end",
    "x" * 120 + " " + " ".join(["long label that goes on"] * 7),
]


def cells_of(picture: Picture, state: ViewState, y: int) -> list[str]:
    """Row y as one string per cell ('' after the first half of a wide one)."""
    out: list[str] = []
    for text, _ in render_row(picture, state, y):
        for piece, w in clusters(text):
            out.append(piece)
            if w == 2:
                out.append("")
    return out


def check_picture(picture: Picture, labels: dict[str, str], full: bool = False) -> None:
    """Every promise of the picture, checked cell by cell (`full`: every
    label drawn whole, as a picture with full labels promises)."""
    boxes = picture.boxes
    # no two boxes meet
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y
                     or b.y + b.h <= a.y)
            assert apart, f"{a.node_id} and {b.node_id} overlap"
    # no line inside a box
    spans = [[] for _ in range(picture.height)]
    for box in boxes:
        for y in range(box.y, box.y + box.h):
            spans[y].append((box.x, box.x + box.w - 1))
    line_cells = [picture.line_cells(y) for y in range(picture.height)]
    for y in range(picture.height):
        for x in line_cells[y]:
            assert not any(lo <= x <= hi for lo, hi in spans[y]), f"line through a box at {x},{y}"
        for lo, hi, _ in picture.hlines[y]:
            assert not any(a <= hi and lo <= b for a, b in spans[y]), f"line through a box, row {y}"
    # labels sit on free cells (or on their own edge's horizontal run)
    taken: dict[tuple[int, int], int] = {}
    for label in picture.labels:
        span = range(label.x - 1, label.x + len(label.text) + 1)
        for x in span:
            assert (x, label.y) not in taken, f"labels overlap at {x},{label.y}"
            taken[x, label.y] = label.edge
            assert x not in line_cells[label.y], f"label over a line at {x},{label.y}"
            for lo, hi, e in picture.hlines[label.y]:
                if lo <= x <= hi:
                    assert e == label.edge, "a label over another edge's line"
            assert not any(lo <= x <= hi for lo, hi in spans[label.y]), "label over a box"
    state = ViewState()
    text_rows = {}
    for box in boxes:
        inner = box.w - 4
        words = []
        for k, line in enumerate(box.lines):
            assert sum(w for _, w in line) <= inner, f"{box.node_id}: line wider than the box"
            y = box.y + 1 + k
            row = text_rows.get(y) or text_rows.setdefault(y, cells_of(picture, state, y))
            drawn = "".join(row[box.x + 2:box.x + 2 + inner])
            assert drawn.rstrip() == "".join(p for p, _ in line).rstrip(), box.node_id
            words.append("".join(p for p, _ in line))
        seen = "".join("".join(words).replace("⟳", "").replace("✦", "").split())
        whole = "".join(clean_label(labels[box.node_id]).split())
        # a label is drawn whole, or its beginning and a … that says so
        cut = seen.endswith("…") and len(seen) - 1 < len(whole) and whole.startswith(seen[:-1])
        assert seen == whole or (cut and not full), f"label text of {box.node_id} lost"
    check_edges(picture)


def check_edges(picture: Picture) -> None:
    """Each edge: one departure on its source, one arrow on its target, and a
    connected line between them."""
    by_id = picture.by_id
    owned: dict[int, dict[tuple[int, int], int]] = {}
    for y in range(picture.height):
        for x, cell in picture.line_cells(y).items():
            for e in cell[1:]:
                owned.setdefault(e, {})[x, y] = owned.get(e, {}).get((x, y), 0) | cell[0]
    for y, runs in enumerate(picture.hlines):
        for lo, hi, e in runs:
            for x in range(lo, hi + 1):
                owned.setdefault(e, {})[x, y] = owned.get(e, {}).get((x, y), 0) | LEFT | RIGHT
    for e, edge in enumerate(picture.edges):
        source, target = by_id[edge.source], by_id[edge.target]
        leave = [(x, source.y - 1 if top else source.y + source.h)
                 for top, ports in ((True, source.top), (False, source.bottom))
                 for x, (pe, arriving) in ports.items() if pe == e and not arriving]
        arrive = [(x, target.y - 1 if top else target.y + target.h)
                  for top, ports in ((True, target.top), (False, target.bottom))
                  for x, (pe, arriving) in ports.items() if pe == e and arriving]
        assert len(leave) == 1 and len(arrive) == 1, f"edge {edge.source}->{edge.target}"
        cells = owned.get(e, {})
        assert leave[0] in cells and arrive[0] in cells
        seen = {leave[0]}
        todo = deque([leave[0]])
        while todo:
            x, y = todo.popleft()
            mask = cells[x, y]
            for bit, nxt in ((UP, (x, y - 1)), (DOWN, (x, y + 1)), (LEFT, (x - 1, y)),
                             (RIGHT, (x + 1, y))):
                if mask & bit and nxt in cells and nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert arrive[0] in seen, f"edge {edge.source}->{edge.target} is broken"


def labels_of(m: RelationalMap) -> dict[str, str]:
    return {n.id: n.label for n in m.nodes}


@pytest.mark.parametrize("width", [18, 22, 28])
def test_the_chase_draws_cleanly(chase_graph: MapGraph, width: int) -> None:
    lay = layout_map(snapshot(chase_graph))
    picture = build_picture(lay, width)
    check_picture(picture, {n.id: n.label for n in chase_graph.nodes()})
    text = "\n".join(picture_text(picture, ViewState(people=snapshot(chase_graph).people)))
    for heading in ("TRIGGERS", "FEELINGS", "MEANINGS", "STRATEGIES", "NEEDS", "Zoë", "Sam"):
        assert heading in text
    assert "provokes" in text and "⟳" in text


@pytest.mark.parametrize("n", [60, 400])
def test_synthetic_maps_draw_cleanly(n: int) -> None:
    m = synthetic_map(n)
    picture = build_picture(layout_map(snapshot_of_map(m)), 20)
    check_picture(picture, labels_of(m))


def test_a_dense_map_with_three_people_draws_cleanly() -> None:
    m = synthetic_map(60, dense=True, people=3)
    check_picture(build_picture(layout_map(snapshot_of_map(m)), 18), labels_of(m))


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


@pytest.mark.parametrize("width", [18, 24])
def test_labels_of_every_kind_are_drawn_whole(width: int) -> None:
    m = hostile_map()
    picture = build_picture(layout_map(snapshot_of_map(m)), width)
    check_picture(picture, labels_of(m))
    drawn = "\n".join(picture_text(picture))
    assert "\x07" not in drawn and "\x1b" not in drawn and "\u202e" not in drawn
    assert "他不回我的信息" in drawn.replace("\n", "") or "他不回我的" in drawn
    assert "e\u0301te\u0301" in drawn  # combining marks stay on their letter


def test_wrapping_keeps_every_grapheme_and_the_width() -> None:
    for label in HOSTILE:
        for width in (8, 14, 24):
            lines = wrap_label(label, width, first_prefix="⟳ ", prefix="  ")
            assert all(sum(w for _, w in line) <= width for line in lines)
            text = "".join("".join(p for p, _ in line)[2:] for line in lines)
            assert "".join(text.split()) == "".join(clean_label(label).split())


def test_clean_label_makes_control_characters_harmless() -> None:
    assert clean_label("a\tb\nc") == "a b c"
    assert clean_label("ring\x07") == "ring\ufffd"
    assert clean_label("x\u202ey") == "xy"
    assert cell_len(clean_label("\x1b[31mred")) == len("\ufffd[31mred")


def test_a_window_of_a_row_shows_the_same_cells_as_the_whole_row() -> None:
    m = hostile_map()
    picture = build_picture(layout_map(snapshot_of_map(m)), 18)
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
    picture = build_picture(layout_map(snap), 22)
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
    assert "━" in "".join(rows) and "┃" in "".join(rows)
    plain = picture_text(picture, ViewState(people=snap.people))
    assert "━" not in "".join(plain)


def test_privacy_shows_initials_in_the_headings(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    picture = build_picture(layout_map(snap), 22)
    top = picture_text(picture, ViewState(people=snap.people, privacy=True))[0]
    assert "Z." in top and "S." in top and "Zoë" not in top and "Sam" not in top


@settings(max_examples=15, deadline=None)
@given(n=st.integers(8, 45), seed=st.integers(1, 10_000), people=st.integers(1, 3),
       dense=st.booleans(), width=st.integers(16, 28))
def test_any_invented_map_draws_cleanly(n: int, seed: int, people: int, dense: bool,
                                        width: int) -> None:
    m = synthetic_map(n, seed=seed, people=people, dense=dense)
    check_picture(build_picture(layout_map(snapshot_of_map(m)), width), labels_of(m))


def test_masks_and_blocks_show_without_words(chase_graph: MapGraph) -> None:
    picture = build_picture(layout_map(snapshot(chase_graph)), 20)
    rows = picture_text(picture)
    masks = next(i for i, e in enumerate(picture.edges)
                 if (e.source, e.target) == ("zoe-angry", "zoe-scared"))
    drawn = {rows[y][x] for x, y1, y2, e in picture.vruns if e == masks
             for y in range(y1, y2 + 1)}
    drawn |= {rows[y][x] for y, runs in enumerate(picture.hlines) for lo, hi, e in runs
              if e == masks for x in range(lo, hi + 1)}
    assert drawn and drawn <= {"┆", "┄", "┼"}  # dotted: what lies underneath
    need = picture.by_id["zoe-need"]
    arrows = {rows[need.y][x] for x in need.top}
    assert "⊥" in arrows and "▼" in arrows  # criticise blocks it, texting longs for it
