"""Page 1 and the map pages of the PDF: readable at every size of map.

The type-size check walks the PDF's own drawing operations (including the
forms the map is drawn into), so it measures what a printer would print.
The drawing is the engine's, as on screen: the same order, the same rings.
"""

from __future__ import annotations

import io
import itertools
import re

import pytest
from pypdf import PdfReader

from exports.map_paper import MIN_SCALE, PAPER, PAPER_LOOK, paper_shapes
from exports.pdf import render_pdf
from exports.pdf_fonts import register_fonts, text_width
from exports.pdf_map_plan import pieces, plan_pages
from exports.pdf_style import MIN_FONT
from exports.store.toml import load_map
from patterns.layout import layout_map, snapshot_of_map
from patterns.layout.crossings import drawing_crossings
from patterns.layout.drawing import draw
from patterns.synthetic import synthetic_map
from tests.support.examples import example_paths
from tests.support.drawing import check_drawing, labels_of
from tests.support.pdf import type_sizes
from tui.widgets.map_cells import CELLS

def words(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.fixture(scope="module")
def big() -> bytes:
    return render_pdf(synthetic_map(400))


@pytest.fixture(scope="module")
def medium() -> bytes:
    return render_pdf(synthetic_map(60))


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_examples_render_with_no_type_under_7_points(path) -> None:
    data = render_pdf(load_map(path), audience="therapist")
    sizes = type_sizes(data)
    assert sizes and min(sizes) >= MIN_FONT - 0.01


def test_large_maps_are_split_never_shrunk_below_7_points(medium: bytes, big: bytes) -> None:
    for data in (medium, big):
        assert min(type_sizes(data)) >= MIN_FONT - 0.01
        reader = PdfReader(io.BytesIO(data))
        first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
        assert "The whole map at a glance" in first
        assert "each part follows at a size you can read" in first
        # every part is captioned with the page it is on, and its loop
        assert re.search(r"Part 1 · ⟳ the usual round · page \d", first)


def test_the_overview_numbers_its_boxes_and_names_them_in_an_index(medium: bytes) -> None:
    first = re.sub(r"\s+", " ", PdfReader(io.BytesIO(medium)).pages[0].extract_text())
    m = synthetic_map(60)
    # every node once, by number, with its words and whose it is
    for node in m.nodes:
        assert node.label in first, node.label
    for number in (1, 30, 60):
        assert re.search(rf"\b{number} \S", first)


def test_every_label_of_a_large_map_is_readable_somewhere(big: bytes) -> None:
    text = words(big).replace(" ", "")
    for node in synthetic_map(400).nodes:
        assert node.label.replace(" ", "") in text, node.label


def test_each_part_of_a_split_map_hangs_together() -> None:
    snap = snapshot_of_map(synthetic_map(60))
    parts = pieces(snap)
    assert sum(len(p.nodes) for p in parts) == len(snap.nodes)
    for part in parts:
        ids = {n.id for n in part.nodes}
        assert all(lk.source in ids and lk.target in ids for lk in part.links)
    # The part holding the named loop comes first.
    assert set(snap.loops[0].nodes) <= {n.id for n in parts[0].nodes}


def test_no_part_is_drawn_below_the_smallest_readable_scale() -> None:
    register_fonts()
    for n in (60, 400):
        for page in plan_pages(snapshot_of_map(synthetic_map(n)), "a4", 40.0):
            if not page.overview:
                assert all(part.scale >= MIN_SCALE - 1e-9 for part in page.parts)


def test_the_example_fits_one_a4_page(chase_map) -> None:
    register_fonts()
    pages = plan_pages(snapshot_of_map(chase_map), "a4", 40.0)
    assert len(pages) == 1 and sorted(pages[0].size) == pytest.approx([595.28, 841.89], abs=0.1)
    assert pages[0].parts[0].scale >= MIN_SCALE


def test_the_paper_draws_what_the_screen_draws(chase_map) -> None:
    """Screen and paper tell the same story: one layout, the same order in
    each layer, the same bands top to bottom, the same ring, as many
    crossings."""
    layout = layout_map(snapshot_of_map(chase_map))
    paper = draw(layout, PAPER, PAPER_LOOK)
    screen = draw(layout, CELLS)
    for layer in layout.layers:
        ids = [s.node for s in layer if s.node is not None]
        for d in (paper, screen):
            xs = [d.by_id[n].x for n in ids]
            assert xs == sorted(xs)
            assert all(d.by_id[a].x + d.by_id[a].w <= d.by_id[b].x
                       for a, b in itertools.pairwise(ids))
    tops = {pn.band: paper.by_id[nid].y for nid, pn in layout.nodes.items()}
    assert [tops[b] for b in sorted(tops)] == sorted(tops.values())
    for d in (paper, screen):
        ring = next(r for r in d.routes if d.edges[r.edge].ring)
        assert (d.edges[ring.edge].source, d.edges[ring.edge].target) == ("shutdown", "quiet")
    assert drawing_crossings(paper) == drawing_crossings(screen) == layout.crossings
    check_drawing(paper, labels_of(chase_map), full=True)


def test_boxes_never_overlap_and_words_never_meet_on_a_large_map() -> None:
    m = synthetic_map(400)
    check_drawing(draw(layout_map(snapshot_of_map(m)), PAPER, PAPER_LOOK), labels_of(m),
                  full=True)


def test_long_labels_wrap_inside_their_box_and_keep_every_word() -> None:
    from patterns.models import Node, RelationalMap

    label = "When nobody answers I imagine the worst " * 7 + "Zoë’s ✓ e\u0301"
    m = RelationalMap(title="Long", nodes=[Node(id="a", kind="feeling", label=label),
                                           Node(id="b", kind="trigger", label="x" * 300)])
    d = draw(layout_map(snapshot_of_map(m)), PAPER, PAPER_LOOK)
    check_drawing(d, labels_of(m), full=True)
    shapes = paper_shapes(d, names={})
    for box in shapes.boxes:
        lines = [t.text for t in box.lines]
        assert all(text_width(t, "AttachmapSansCondensed", 8.8) <= box.w for t in lines)
    a = next(b for b in shapes.boxes if b.node_id == "a")
    assert " ".join(t.text for t in a.lines) == " ".join(label.split())


def test_a_large_map_that_hangs_together_is_split_by_person_with_a_mark_where_links_go_on(
) -> None:
    register_fonts()
    snap = snapshot_of_map(synthetic_map(60, dense=True))
    pages = plan_pages(snap, "a4", 40.0)
    assert pages[0].overview
    sides = [p for p in pages[1:] if p.heading.endswith("side")]
    assert [p.heading.split(" · ")[-1] for p in sides] == ["Ana’s side", "Bo’s side"]
    page_of = {p.heading.split(" · ")[-1]: i + 1 for i, p in enumerate(pages)}
    person = {n.id: n.person for n in snap.nodes}
    crossing = [lk for lk in snap.links if person[lk.source] != person[lk.target]]
    for page in sides:
        drawing = page.parts[0].drawing
        people = {person[b.node_id] for b in drawing.boxes}
        assert len(people) == 1
        notes = [n.text for part in page.parts for n in part.notes]
        here = next(iter(people))
        # every link to the other side is marked at its box, naming the page
        mine = [lk for lk in crossing if here in (person[lk.source], person[lk.target])]
        assert len(notes) == len(mine)
        other = "Bo’s side" if here == "ana" else "Ana’s side"
        name = other.split("’")[0]
        assert all(f"{name}, page {page_of[other]}:" in n for n in notes)
        # in clear space: no two marks on top of each other
        spots = [(round(n.y), round(n.x)) for part in page.parts for n in part.notes]
        assert len(spots) == len(set(spots))


def test_no_box_is_cut_at_a_tile_edge() -> None:
    from exports.pdf_map_plan import Planner

    register_fonts()
    snap = snapshot_of_map(synthetic_map(120, dense=True, people=1))
    planner = Planner(snap, "a4", 40.0, {}, set())
    drawing = draw(layout_map(snap), PAPER, PAPER_LOOK)
    shapes = planner.shapes(drawing)
    pages = planner.tiles(drawing, shapes, "tiles", 0)
    assert len(pages) > 1
    whole: set[str] = set()
    for page in pages:
        x0, y0, w, h = page.parts[0].window
        # every box a tile draws is whole in it
        for box in page.parts[0].boxes:
            assert x0 <= box.x and box.x + box.w <= x0 + w, box.node_id
            assert y0 <= box.y and box.y + box.h <= y0 + h, box.node_id
            whole.add(box.node_id)
        # a link that leaves the tile says where it goes on
        assert all("tile" in n.text and "page" in n.text for n in page.parts[0].notes)
    assert whole == {b.node_id for b in shapes.boxes}  # and every box is whole somewhere
    assert any(page.parts[0].notes for page in pages)


def test_the_key_has_at_most_six_entries_told_apart_without_colour(chase_map) -> None:
    from exports.map_paper import family_style
    from patterns.layout.key import Family, key_entries

    entries = key_entries(list(layout_map(snapshot_of_map(chase_map)).edges))
    assert 1 <= len(entries) <= 6
    looks = {(family_style(f).width, family_style(f).dash, family_style(f).double,
              family_style(f).end) for f in Family}
    assert len(looks) == len(Family)  # every family differs in shape, not only in colour
    text = words(render_pdf(chase_map))
    assert "⟳ a cycle" in text and "blocks what it longs for" in text


def test_the_key_says_what_the_client_copy_says(chase_map) -> None:
    """The key's words are the ones the rest of the client's copy uses: a
    dotted line (a surface feeling masking a core one) is a feeling
    "underneath", as Zoë's chain says "…, and underneath that, scared of
    being left"; the pattern that goes round is a "cycle", as the pages
    call it; "helps" names only the helping kinds drawn."""
    text = words(render_pdf(chase_map))
    assert "and underneath that, scared of being left" in text
    assert "shows on top of a feeling underneath" in text
    assert "⟳ a cycle: each step sets off the next" in text
    assert "the same cycle, another way round" in text
    assert "helps: replaces, meets, soothes" in text
    for jargon in ("covers", "a loop", "loop,", "carries ⟳"):
        assert jargon not in text
    m = chase_map.model_copy(update={"links": [lk for lk in chase_map.links
                                               if lk.kind.value != "soothes"]})
    assert "helps: replaces, meets" in words(render_pdf(m))
    assert "soothes" not in words(render_pdf(m))


def test_the_private_mark_is_7_pt_on_a_page_drawn_smaller(chase_map) -> None:
    """The therapist's ✎ beside a box with a private note is scaled with the
    drawing like its words: 7 pt at the least, where a page draws the map a
    little under full size."""
    from patterns.models import Node

    extra = [Node(id=f"t{i}", kind="trigger", label=f"another thing that sets it off {i}",
                  person="sam", private_note="go gently") for i in range(4)]
    m = chase_map.model_copy(update={"nodes": [*chase_map.nodes, *extra]})
    pages = plan_pages(snapshot_of_map(m), "a4", 40)
    assert pages[0].parts[0].scale < 1  # the case in point
    assert min(type_sizes(render_pdf(m, audience="therapist"))) >= 7.0 - 0.01
