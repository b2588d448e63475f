"""Reusing work between two redraws: a label edit keeps the layout, a map
that shows the same keeps its picture, and either way the picture is the one
a fresh drawing of the same map would give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from patterns.graph import MapGraph
from patterns.layout import layout_map, layout_structure, snapshot, with_words
from patterns.layout.model import MapLink, MapSnapshot
from patterns.vocabulary import LinkKind
from patterns.synthetic import synthetic_map
from patterns.layout.fit import Asked, draw_fitted, draw_map
from tui.widgets.map_canvas import picture_text
from tui.widgets.map_cells import CELLS
from tui.widgets.map_picture import Picture


def _relabelled(snap: MapSnapshot, node_id: str, label: str) -> MapSnapshot:
    nodes = tuple(n.model_copy(update={"label": label}) if n.id == node_id else n
                  for n in snap.nodes)
    return snap.model_copy(update={"nodes": nodes})


def test_a_label_edit_keeps_the_structure_and_the_layout_it_would_get(chase_graph: MapGraph) -> None:
    before = snapshot(chase_graph)
    after = _relabelled(before, "quiet", "Sam goes quiet and looks at his phone for a long time")
    assert layout_structure(after) == layout_structure(before)
    reused = with_words(layout_map(before), after)
    assert reused == layout_map(after)
    assert reused.nodes["quiet"].node.label.startswith("Sam goes quiet and looks")


def test_a_new_link_changes_the_structure_an_intensity_does_not(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    before = layout_structure(snap)
    linked = snap.model_copy(update={"links": (*snap.links, MapLink(
        source="gran", target="quiet", kind=LinkKind.LEADS_TO))})
    assert layout_structure(linked) != before
    felt = snap.model_copy(update={"nodes": tuple(
        n.model_copy(update={"intensity": 9}) for n in snap.nodes)})
    assert layout_structure(felt) == before


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 500), which=st.integers(0, 1000),
       label=st.text(min_size=1, max_size=60))
def test_whatever_is_reused_the_picture_is_the_one_drawn_afresh(n: int, seed: int, which: int,
                                                                 label: str) -> None:
    snap = snapshot(MapGraph.from_map(synthetic_map(n, seed=seed)))
    if not label.strip():
        label = "x"
    edited = _relabelled(snap, snap.nodes[which % len(snap.nodes)].id, label)
    asked = Asked()
    before = draw_map(snap, CELLS, asked, 76, 29)
    reused = draw_map(edited, CELLS, asked, 76, 29, before)
    fresh = layout_map(edited)
    assert reused.layout == fresh
    # drawn as a fresh layout of the edited map is, with the sizes kept from
    # before the edit (boxes do not change size under the user's eyes)
    drawing, fit = draw_fitted(fresh, CELLS, before.fit, 76, 29)
    assert reused.fit == fit
    assert picture_text(Picture.of(reused.drawing)) == picture_text(Picture.of(drawing))
    # the same map again: nothing to redo, the very same drawing
    assert draw_map(edited, CELLS, asked, 76, 29, reused).drawing is reused.drawing


def test_a_new_view_size_or_look_chooses_the_fit_again(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    small = draw_map(snap, CELLS, Asked(), 76, 29)
    wide = draw_map(snap, CELLS, Asked(), 196, 50, small)
    assert wide.drawing.width > small.drawing.width  # more room: wider boxes, fewer cuts
    assert sum(b.cut for b in wide.drawing.boxes) < sum(b.cut for b in small.drawing.boxes)
    full = draw_map(snap, CELLS, Asked(full_labels=True), 76, 29, small)
    assert full.fit.full_labels and full.fit.look.most_lines is None
    assert full.drawing.height > small.drawing.height
    zoe = draw_map(snap, CELLS, Asked(person="zoe"), 76, 29, small)
    assert set(zoe.layout.nodes) < set(small.layout.nodes)


def test_a_cycle_renamed_keeps_the_layout_and_shows_the_new_name(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    before = draw_map(snap, CELLS, Asked(), 118, 29)
    cycles = tuple(c.model_copy(update={"name": "the pull and push"}) for c in snap.cycles)
    renamed = snap.model_copy(update={"cycles": cycles})
    assert layout_structure(renamed) == layout_structure(snap)
    after = draw_map(renamed, CELLS, Asked(), 118, 29, before)
    assert any(lab.text == "⟳ the pull and push" for lab in after.drawing.labels)
