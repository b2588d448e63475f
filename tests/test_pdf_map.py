"""Page 1 and the map pages of the PDF: readable at every size of map.

The type-size check walks the PDF's own drawing operations (including the
forms the map is drawn into), so it measures what a printer would print.
"""

from __future__ import annotations

import io
import itertools
import math
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from exports.pdf import render_pdf
from exports.pdf_fonts import register_fonts
from exports.pdf_map_place import MIN_SCALE, place
from exports.pdf_map_plan import pieces, plan_pages
from exports.pdf_style import MIN_FONT
from exports.toml_map import load_map
from patterns.layout import layout_map, snapshot_of_map
from patterns.synthetic import synthetic_map
from tests.conftest import example_paths

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _walk(stream, resources, reader, ctm: Matrix, sizes: list[float]) -> None:
    stack: list[Matrix] = []
    tm: Matrix = IDENTITY
    font_size = 0.0
    for operands, op in ContentStream(stream, reader).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _times(tuple(float(x) for x in operands), ctm)
        elif op == b"BT":
            tm = IDENTITY
        elif op == b"Tf":
            font_size = float(operands[1])
        elif op == b"Tm":
            tm = tuple(float(x) for x in operands)
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            a, b, c, d, _, _ = _times(tm, ctm)
            sizes.append(font_size * math.sqrt(abs(a * d - b * c)))
        elif op == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject["/Subtype"] == "/Form":
                matrix = tuple(float(x) for x in xobject.get("/Matrix", IDENTITY))
                _walk(xobject, xobject.get("/Resources", resources), reader,
                      _times(matrix, ctm), sizes)


def type_sizes(data: bytes) -> list[float]:
    """The printed size of every piece of text in the PDF, in points."""
    reader = PdfReader(io.BytesIO(data))
    sizes: list[float] = []
    for page in reader.pages:
        _walk(page.get_contents(), page["/Resources"], reader, IDENTITY, sizes)
    return sizes


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
        # The overview has no words of the map (they would be far too small).
        assert "(Ana 0)" not in first


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


def test_the_paper_keeps_the_screens_order_and_bands(chase_map) -> None:
    """Screen and paper tell the same story: left-to-right order within each
    layer and top-to-bottom bands come from the shared layout."""
    register_fonts()
    layout = layout_map(snapshot_of_map(chase_map))
    geo = place(layout)
    for layer in layout.layers:
        boxes = [geo.boxes[s.node] for s in layer if s.node is not None]
        assert [b.x for b in boxes] == sorted(b.x for b in boxes)
        assert all(b.x + b.w <= c.x for b, c in itertools.pairwise(boxes))  # never overlapping
    tops = {pn.band: geo.boxes[nid].y for nid, pn in layout.nodes.items()}
    assert [tops[b] for b in sorted(tops)] == sorted(tops.values())
    trigger, need = geo.boxes["quiet"], geo.boxes["zoe-need"]
    assert trigger.y < geo.boxes["zoe-scared"].y < geo.boxes["texting"].y < need.y


def test_boxes_never_overlap_on_a_large_map() -> None:
    register_fonts()
    geo = place(layout_map(snapshot_of_map(synthetic_map(400))))
    boxes = sorted(geo.boxes.values(), key=lambda b: (b.y, b.x))
    by_row: dict[float, list] = {}
    for b in boxes:
        by_row.setdefault(b.y, []).append(b)
    for row in by_row.values():
        assert all(a.x + a.w <= b.x for a, b in itertools.pairwise(row))


def test_long_labels_wrap_inside_their_box_and_keep_every_word() -> None:
    from exports.pdf_fonts import CONDENSED, text_width
    from exports.pdf_map_place import BOX_W, LABEL_SIZE, PAD_X
    from exports.pdf_text import wrap

    label = "When nobody answers I imagine the worst " * 7 + "Zoë’s ✓ e\u0301"
    lines = wrap(label, CONDENSED, LABEL_SIZE, BOX_W - 2 * PAD_X)
    assert " ".join(lines) == " ".join(label.split())
    assert all(text_width(line, CONDENSED, LABEL_SIZE) <= BOX_W - 2 * PAD_X for line in lines)
    unbroken = wrap("x" * 300, CONDENSED, LABEL_SIZE, BOX_W - 2 * PAD_X)
    assert "".join(unbroken) == "x" * 300 and len(unbroken) > 1


def test_a_large_map_that_hangs_together_is_split_by_person() -> None:
    register_fonts()
    pages = plan_pages(snapshot_of_map(synthetic_map(60, dense=True)), "a4", 40.0)
    assert pages[0].overview
    assert [p.heading for p in pages[1:]] == ["Ana’s side", "Bo’s side"]
    for page in pages[1:]:
        people = {b.node.person for part in page.parts for b in part.geo.boxes.values()}
        assert len(people) == 1
