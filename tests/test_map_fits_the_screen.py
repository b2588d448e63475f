"""The map at a glance, in the session as a therapist and client see it: at
120x40 with the side panel open every part of the example map is on the
first screen, its first words readable; at 80x24 every part of its loop,
the side folded to a one-line tab bar that opens while it has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.pilot import pilot_test, screen_text, session_app, settle

from patterns.layout.key import Family
from patterns.text import clean_label
from tui.session.map_pane import MapPane, key_sample
from tui.widgets.map_view import MapView


def on_screen(app, node_id: str) -> bool:  # type: ignore[no-untyped-def]
    """The node's whole box is within the map view, as scrolled now, and the
    screen shows its first word there."""
    view = app.session.query_one(MapView)
    region = view.node_region(node_id)
    if region is None:
        return False
    sx, sy = view.scroll_offset
    width, height = view.scrollable_content_region.size
    if not (sx <= region.x and region.right <= sx + width
            and sy <= region.y and region.bottom <= sy + height):
        return False
    first = clean_label(app.session.graph.node(node_id).label).split()[0]
    screen_row = view.content_region.y + region.y - sy + (0 if region.height == 1 else 1)
    return first in screen_text(app).splitlines()[screen_row]


@pilot_test
async def test_at_120x40_every_part_of_the_example_is_on_the_first_screen(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.05)
        assert app.session.query_one("#side").display  # the Patterns panel is open
        view = app.session.query_one(MapView)
        assert view.scroll_offset == (0, 0)
        missing = [n.id for n in app.session.graph.nodes() if not on_screen(app, n.id)]
        assert missing == []
        assert "⟳ the chase" in screen_text(app)


@pilot_test
async def test_at_80x24_every_part_of_the_loop_is_on_the_first_screen(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 0.05)
        loop = app.session.graph.loops[0].nodes
        assert [n for n in loop if not on_screen(app, n)] == []
        rows = screen_text(app).splitlines()
        # the side is a one-line tab bar under the map, not a column beside it
        tabs = next(i for i, row in enumerate(rows) if "Patterns" in row and "Nodes" in row)
        assert "Practice" in rows[tabs] and not rows[tabs].startswith("│")
        map_bottom = max(i for i, row in enumerate(rows) if row.startswith("╰"))
        assert tabs == map_bottom + 1
        # the map says how it is drawn, and what its lines mean
        assert "fit · one-line boxes" in rows[1]
        assert "⟳ cycle" in rows[map_bottom]
        # focused, the tab bar opens out over the map's foot
        side = app.session.query_one("#side")
        for _ in range(8):
            await pilot.press("tab")
            await settle(pilot)
            if side.has_focus_within:
                break
        assert side.has_focus_within and side.region.height > 1
        await pilot.press("escape")
        await settle(pilot)
        assert side.region.height == 1


@pilot_test
async def test_at_80x24_each_row_of_boxes_is_named_by_the_kinds_it_holds(
    chase_path: Path,
) -> None:
    """The one-line boxes have no kind tag: the word beside a row is all that
    says what it holds, so it names every kind on that row and nothing else
    (the row of “scared of being left” holds a feeling and a body sensation,
    not a body sensation alone)."""
    from tests.support.drawing import heading_kinds

    app = session_app(chase_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 0.05)
        view = app.session.query_one(MapView)
        assert view.picture is not None and view.picture.drawing.look.flat
        gutter = view.picture.drawing.gutter
        rows = screen_text(app).splitlines()
        left, top = view.content_region.x, view.content_region.y
        holds: dict[int, set] = {}
        for node in app.session.graph.nodes():
            region = view.node_region(node.id)
            assert region is not None and region.height == 1
            holds.setdefault(top + region.y, set()).add(node.kind)
        for y, row in enumerate(rows[top:top + view.size.height], top):
            words = row[left:left + gutter].split()
            if y in holds:
                assert len(words) == 1 and heading_kinds(words[0]) == holds[y], row
            else:
                assert words == [], f"a heading beside no boxes: {row}"
        scared = next(y for y, row in enumerate(rows) if "[scared of" in row)
        assert rows[scared][left:left + gutter].split() == ["FEEL·BODY"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (110, 34), (120, 40)])
@pilot_test
async def test_the_key_in_the_border_is_never_cut(chase_path: Path,
                                                   size: tuple[int, int]) -> None:
    """The key in the map's bottom border shows each entry whole, its line
    and its words, or leaves it out; at 80x24 and at 120x40 with the side
    panel open all six kinds of line on the example are there."""
    app = session_app(chase_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, 0.05)
        pane = app.session.query_one(MapPane)
        border = screen_text(app).splitlines()[pane.region.bottom - 1]
        border = border[pane.region.x:pane.region.right]
        assert border.startswith("╰") and border.endswith("╯") and "…" not in border
        border = border[1:-1].strip("─").strip() + " "  # the key, without the border's line
        shown = []
        for entry in app.session.query_one(MapView).key:
            sample = key_sample(entry.family)
            if sample in border:
                words = border.split(sample, 1)[1]
                assert words.startswith(f" {entry.short} ") or words.startswith(
                    f" {entry.short.removeprefix('⟳ ')} "), (entry, border)
                shown.append(entry.family)
        assert {Family.CYCLE, Family.MASKS, Family.HELPS, Family.BLOCKS} <= set(shown)
        if size in ((80, 24), (120, 40)):
            assert shown == list(Family)
            assert "┈┈ underneath" in border  # the client's copy's word for masks


def test_the_key_fits_any_border_whole(chase_graph) -> None:  # type: ignore[no-untyped-def]
    """However narrow the border, the key line is no wider than its room, and
    every entry in it is whole; the cycle's goes last."""
    from patterns.layout import layout_map, snapshot
    from patterns.layout.key import key_entries
    from tui.session.map_pane import key_line

    key = key_entries(layout_map(snapshot(chase_graph)).edges)
    for room in range(8, 90):
        line = key_line(key, room).plain
        assert len(line) <= room
        for entry in key:
            sample = key_sample(entry.family)
            if sample in line:
                rest = line.split(sample, 1)[1] + " "
                assert rest.startswith((f" {entry.short} ", f" {entry.short[2:]} "))
        if room >= 10:
            assert key_sample(Family.CYCLE) in line
