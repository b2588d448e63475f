"""The map at a glance, in the session as a therapist and client see it: at
120x40 with the side panel open every part of the example map is on the
first screen, its first words readable; at 80x24 every part of its loop,
the side folded to a one-line tab bar that opens while it has the focus."""

from __future__ import annotations

from pathlib import Path

from test_session_support import pilot_test, screen_text, session_app, settle

from patterns.layout.words import clean_label
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
        assert "⟳ loop" in rows[map_bottom]
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
    from test_layout_drawing import heading_kinds

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
