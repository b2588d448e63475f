"""The map view widget, driven as a user would: keys, clicks, scrolling."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable, Coroutine
from typing import Any

from patterns.graph import MapGraph
from patterns.layout import snapshot, snapshot_of_map
from patterns.models import RelationalMap
from patterns.synthetic import synthetic_map
from tests.support.map_app import MapApp, laid_out, visible
from tui.widgets.map_view import MapView


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test without an async test plugin (fixtures still work)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


def screen_text(view: MapView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


@pilot_test
async def test_arrow_keys_walk_the_pattern_and_tell_the_screen(chase_graph: MapGraph) -> None:
    app = MapApp(snapshot(chase_graph))
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(MapView)
        await pilot.press("down")
        assert view.selected == app.chosen[-1]
        first = view.selected
        lay = view.layout_result
        assert lay is not None
        start_layer = lay.nodes[first].layer  # type: ignore[index]
        await pilot.press("down")
        assert app.chosen[-1] == view.selected != first
        assert lay.nodes[view.selected].layer > start_layer  # type: ignore[index]
        view.select("texting")
        await pilot.press("right")
        moved = view.selected
        assert moved != "texting"
        region, start = view.node_region(moved), view.node_region("texting")
        assert region is not None and start is not None and region.x > start.x
        await pilot.press("up")
        assert lay.nodes[view.selected].layer < lay.nodes[moved].layer  # type: ignore[index]
        assert app.chosen[-2:] == [moved, view.selected]


@pilot_test
async def test_the_view_scrolls_to_follow_the_selection(chase_graph: MapGraph) -> None:
    app = MapApp(snapshot(chase_graph))
    async with app.run_test(size=(60, 16)) as pilot:
        view = app.query_one(MapView)
        view.full_labels = True  # every label whole: the map scrolls both ways
        await pilot.pause()
        await pilot.press("down")
        for _ in range(8):
            await pilot.press("down")
            await pilot.pause()
            assert visible(view, view.selected)  # type: ignore[arg-type]
        assert view.scroll_offset.y > 0
        view.select("ask-pause")
        await pilot.pause()
        assert visible(view, "ask-pause") and view.scroll_offset.x > 0
        # the band headings and the names stay on screen while the map scrolls
        text = screen_text(view)
        assert "NEW RESPONSES" in text and "Sam" in text.splitlines()[0]


@pilot_test
async def test_a_click_selects_a_node(chase_graph: MapGraph) -> None:
    app = MapApp(snapshot(chase_graph))
    # too narrow for the whole chase even with its most compact look (one-row
    # boxes of 14 cells): a click on a scrolled map is tried too
    async with app.run_test(size=(40, 44)) as pilot:
        view = app.query_one(MapView)
        region = view.node_region("quiet")
        assert region is not None
        ox, oy = view.scroll_offset
        await pilot.click(MapView, offset=(region.x - ox + 3, region.y - oy))
        assert view.selected == "quiet" and app.chosen == ["quiet"]
        view.select("sam-need")  # scrolled: a click still lands on what is drawn there
        await pilot.pause()
        region = view.node_region("sam-failing")
        assert region is not None
        ox, oy = view.scroll_offset
        assert ox > 0
        await pilot.click(MapView, offset=(region.x - ox + 3, region.y - oy))
        assert view.selected == "sam-failing" and app.chosen[-1] == "sam-failing"


@pilot_test
async def test_selection_given_by_the_screen_is_drawn_and_not_echoed(
    chase_graph: MapGraph,
) -> None:
    app = MapApp(snapshot(chase_graph), selected="sam-need")
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(MapView)
        await pilot.pause()
        assert view.selected == "sam-need" and visible(view, "sam-need")
        assert app.chosen == []
        region = view.node_region("sam-need")
        assert region is not None
        oy = view.scroll_offset.y
        assert "╔" in view.render_line(region.y - oy).text


@pilot_test
async def test_the_screen_shows_bands_people_and_loops(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    app = MapApp(snap, loop=list(chase_graph.loops[0].nodes))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        text = screen_text(app.query_one(MapView))
        for word in ("TRIGGERS", "STRATEGIES", "NEEDS", "Zoë", "Sam", "⟳", "provokes",
                     "Sam goes quiet", "┏"):
            assert word in text
        assert "2019" not in text  # a private note is never drawn


@pilot_test
async def test_narrowing_to_a_person_and_to_a_neighbourhood(chase_graph: MapGraph) -> None:
    snap = snapshot(chase_graph)
    app = MapApp(snap, person="sam", privacy=True)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(MapView)
        await pilot.pause()
        assert view.picture is not None
        assert {b.node_id for b in view.picture.boxes} == {
            "sam-pressure", "sam-failing", "sam-overwhelm", "shutdown", "sam-need", "ask-pause"}
        text = screen_text(view)
        assert "S." in text and "Sam goes quiet" not in text
        view.show(snap, around="texting", radius=1)
        await pilot.pause()
        assert {b.node_id for b in view.picture.boxes} == {
            "texting", "zoe-scared", "chest", "zoe-need", "sam-pressure", "say-scared"}


@pilot_test
async def test_an_empty_map_says_so() -> None:
    app = MapApp(snapshot_of_map(RelationalMap(title="New")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(MapView)
        assert "Nothing on the map yet" in screen_text(view)
        await pilot.press("down")  # nothing to select, nothing breaks
        assert view.selected is None


@pilot_test
async def test_a_large_map_is_laid_out_in_a_worker() -> None:
    snap = snapshot_of_map(synthetic_map(400))
    app = MapApp(snap)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(MapView)
        started = time.perf_counter()
        view.show(snap, selected="tri-0")
        assert time.perf_counter() - started < 0.5
        assert view.pending
        await laid_out(pilot, view)
        assert view.picture is not None
        assert len(view.picture.boxes) == 400
        assert visible(view, "tri-0")


@pilot_test
async def test_a_newer_map_wins_over_a_late_layout() -> None:
    big = snapshot_of_map(synthetic_map(400))
    small = snapshot_of_map(synthetic_map(200, seed=2))
    app = MapApp(big)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(MapView)
        view.show(small)
        await laid_out(pilot, view)
        assert view.picture is not None and len(view.picture.boxes) == 200


@pilot_test
async def test_boxes_keep_their_size_until_a_growing_map_no_longer_fits(
    chase_graph: MapGraph,
) -> None:
    from patterns.edits import AddNode
    from patterns.models import Node
    from patterns.vocabulary import NodeKind

    small = MapGraph.from_map(chase_graph.to_map())
    for node in list(small.nodes())[4:]:
        small.drop_node(node.id)
    app = MapApp(snapshot(small))
    async with app.run_test(size=(110, 40)) as pilot:
        view = app.query_one(MapView)
        await pilot.pause()
        first = view.picture
        assert first is not None and first.width <= 110
        wide = first.boxes[0].w
        # a need below the rest: the map grows down, not across
        AddNode(Node(id="extra", kind=NodeKind.NEED, label="to be heard")).apply(small)
        view.show(snapshot(small))
        await pilot.pause()
        assert view.picture is not None and view.picture.boxes[0].w == wide  # kept
        assert "extra" in view.picture.by_id
        view.show(snapshot(chase_graph))  # much bigger: it no longer fits at that size
        await pilot.pause()
        assert view.picture is not None and view.picture.boxes[0].w < wide


@pilot_test
async def test_a_part_just_added_is_brought_into_view(chase_graph: MapGraph) -> None:
    from patterns.edits import AddNode
    from patterns.models import Node
    from patterns.vocabulary import NodeKind

    app = MapApp(snapshot(chase_graph), selected="dad-left")
    async with app.run_test(size=(50, 14)) as pilot:
        view = app.query_one(MapView)
        await pilot.pause()
        assert visible(view, "dad-left")
        AddNode(Node(id="boss", kind=NodeKind.RESPONSE, label="Boss shouts",
                     person="sam")).apply(chase_graph)
        view.show(snapshot(chase_graph), selected="dad-left")
        await pilot.pause()
        assert visible(view, "boss") and not visible(view, "dad-left")
        assert view.selected == "dad-left" and app.chosen == []
        view.show(snapshot(chase_graph), selected="dad-left")  # nothing new: follow the selection
        await pilot.pause()
        assert visible(view, "dad-left")


@pilot_test
async def test_a_burst_of_edits_to_a_large_map_ends_on_the_last_one() -> None:
    maps = [snapshot_of_map(synthetic_map(300 + k, seed=k)) for k in range(4)]
    app = MapApp(maps[0])
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(MapView)
        for snap in maps[1:]:
            view.show(snap)
        await laid_out(pilot, view)
        assert view.picture is not None and len(view.picture.boxes) == 303
        # a small map shown while a large one is still being laid out wins
        view.show(maps[0])
        view.show(snapshot_of_map(synthetic_map(40)))
        await laid_out(pilot, view)
        await app.workers.wait_for_complete()  # the large one's thread has finished...
        await pilot.pause()
        assert len(view.picture.boxes) == 40  # ...and was not shown over the small one
