"""The panes of the session screen through the Pilot: editing a node in
place, its links, naming a loop in the Patterns panel, choosing a node on
the map, the command palette, people and whose side new parts go to."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import pilot_test, screen_text, session_app, settle

from exports.store.toml import load_map
from patterns.edits import UpdateNode
from patterns.vocabulary import LinkKind
from tui.session.capture_line import CaptureInput
from tui.session.details import DetailsPanel, LinkList
from tui.session.patterns_panel import LoopList, PatternsPanel
from tui.widgets.map_view import MapView


async def _edit(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    """Find a node by words of its label and open it for editing."""
    await pilot.press("ctrl+f")
    pilot.app.session.query_one("#nodes-filter").value = words
    await pilot.press("enter", "enter")
    await pilot.pause()


async def _paste(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put text into the focused field at its cursor, as a paste would."""
    pilot.app.focused.insert_text_at_cursor(text)
    await pilot.pause()


@pilot_test
async def test_editing_a_node_in_place_is_one_undo_step_per_field(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        await _edit(pilot, "scared of")
        assert screen.query_one(DetailsPanel).editing
        await _paste(pilot, " (deep)")
        await pilot.press("tab")  # the label, kept on leaving it
        await pilot.pause()
        assert screen.graph.node("zoe-scared").label == "scared of being left (deep)"
        intensity = screen.query_one("#field-intensity")
        intensity.focus()
        await pilot.press("backspace", "4", "enter")
        await settle(pilot, 0.6)
        node = screen.graph.node("zoe-scared")
        assert node.intensity == 4 and node.layer is not None  # layer untouched
        assert "intensity 4" in screen_text(app)
        assert load_map(chase_path).nodes[1].intensity == 4
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.graph.node("zoe-scared").intensity == 9
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.graph.node("zoe-scared").label == "scared of being left"
        await pilot.press("escape")
        assert isinstance(app.focused, CaptureInput)
        assert not screen.query_one(DetailsPanel).editing


@pilot_test
async def test_a_private_note_is_written_and_hidden_behind_the_privacy_screen(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        await _edit(pilot, "text again")
        screen.query_one("#field-private_note").focus()
        await pilot.pause()
        await _paste(pilot, "ask about her sister")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.graph.node("texting").private_note == "ask about her sister"
        assert "ask about her sister" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        assert "ask about her sister" not in text and "(hidden: privacy on)" in text
        assert screen.query_one("#field-private_note").disabled


@pilot_test
async def test_links_of_a_node_change_kind_and_are_removed_with_undo(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, g = app.session, app.session.graph
        await _edit(pilot, "criticise")
        links = screen.query_one(LinkList)
        links.focus()
        links.highlighted = [i for i, lk in enumerate(links.links)
                             if lk.target == "zoe-need"][0]
        await pilot.press("enter")  # the kind picker
        await pilot.pause()
        await pilot.press("home", "enter")  # the first kind: activates
        await pilot.pause()
        assert g.link("criticise", "zoe-need", LinkKind.ACTIVATES) is not None
        assert g.link("criticise", "zoe-need", LinkKind.BLOCKS) is None
        links.focus()
        links.highlighted = [i for i, lk in enumerate(links.links)
                             if lk.target == "sam-pressure"][0]
        await pilot.press("delete")
        await pilot.pause()
        assert g.link("criticise", "sam-pressure", LinkKind.PROVOKES) is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert g.link("criticise", "sam-pressure", LinkKind.PROVOKES) is not None


@pilot_test
async def test_a_loop_is_shown_on_the_map_and_renamed_from_the_patterns_panel(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.1)
        screen = app.session
        loops = screen.query_one(LoopList)
        loops.focus()
        loops.highlighted = 0
        await pilot.press("enter")
        await settle(pilot, 0.1)
        assert screen.loop is not None and "texting" in screen.loop
        assert "on the map" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await _paste(pilot, "round and round")
        await pilot.press("enter")
        await settle(pilot, 0.6)
        assert [lp.name for lp in screen.graph.loops] == ["round and round"]
        assert [lp.name for lp in load_map(chase_path).loops] == ["round and round"]
        assert "round and round" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [lp.name for lp in screen.graph.loops] == ["the chase"]


@pilot_test
async def test_moving_on_the_map_selects_a_node_and_shows_its_details(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 0.1)
        screen = app.session
        screen.query_one(MapView).focus()
        await pilot.press("down")
        await settle(pilot, 0.1)
        assert screen.selected is not None
        label = screen.graph.node(screen.selected).label
        assert screen.query_one(DetailsPanel).border_title.startswith(label[:20])


@pilot_test
async def test_the_palette_starts_a_line_of_the_chosen_kind(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"add: need")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        line = app.session.query_one(CaptureInput)
        assert line.value == "n: " and app.focused is line


@pilot_test
async def test_a_person_is_added_and_new_parts_go_to_their_side(tmp_path: Path) -> None:
    app = session_app(tmp_path / "couple.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        for name, role in (("Ana", "client"), ("Bo", "partner")):
            screen.action_add_person()
            await pilot.pause()
            await pilot.press(*name, "enter", *role, "enter")
            await pilot.pause()
        assert [p.name for p in screen.graph.people] == ["Ana", "Bo"]
        await pilot.press("f4", "f4")  # everyone -> Ana -> Bo
        await pilot.pause()
        assert "Bo ›" in screen_text(app)
        await _paste(pilot, "t: a stream of messages")
        await pilot.press("enter")
        await settle(pilot, 0.6)
        node = screen.graph.nodes()[-1]
        assert node.person == "bo"
        assert load_map(tmp_path / "couple.toml").nodes[-1].person == "bo"


@pilot_test
async def test_a_loop_in_the_patterns_panel_follows_a_node_renamed_on_it(
    chase_path: Path,
) -> None:
    # Loop prompts are kept between redraws: one must still change with its nodes.
    app = session_app(chase_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = app.session
        loop = screen.query_one(PatternsPanel).insights.loops[0]
        assert "the silence after" not in screen_text(app)
        assert screen.apply(UpdateNode(loop.nodes[0], {"label": "the silence after a row"}))
        await settle(pilot, 0.1)
        loops = screen.query_one(LoopList)
        prompts = [str(loops.get_option_at_index(i).prompt) for i in range(loops.option_count)]
        assert any("the silence after" in p for p in prompts)
        await pilot.press("f2")  # privacy: the people on the loop by their initials
        await settle(pilot)
        prompts = [str(loops.get_option_at_index(i).prompt) for i in range(loops.option_count)]
        names = [p.name for p in screen.graph.people]
        assert not any(name in p for p in prompts for name in names)
