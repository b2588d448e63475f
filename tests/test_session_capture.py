"""The capture line in the running app: each form adds to the model, the file
and the screen; a line that cannot be taken keeps its text and says why; up
and down recall earlier lines; the issue's new-user walkthrough."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import NOW, pilot_test, screen_text, session_app, settle
from textual.widgets import Static

from exports.store.toml import load_map
from patterns.vocabulary import LinkKind, NodeKind
from tui.session.capture_line import CaptureInput


async def _type(pilot, line: str) -> None:
    """Type a line key by key and press Enter."""
    await pilot.press(*line)
    await pilot.press("enter")
    await pilot.pause()


async def _enter(pilot, line: str) -> None:
    """Put a line on the capture line (as a paste would) and press Enter."""
    pilot.app.session.query_one(CaptureInput).insert_text_at_cursor(line)
    await pilot.press("enter")
    await pilot.pause()


@pilot_test
async def test_kind_colon_label_adds_a_node_with_todays_session(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        await _enter(pilot, "s: go for a run")
        node = screen.graph.nodes()[-1]
        assert (node.kind, node.label) == (NodeKind.STRATEGY, "go for a run")
        assert screen.graph.session(node.session).date == NOW.date()
        assert screen.selected == node.id
        text = screen_text(app)
        assert "✓ added strategy “go for a run”" in text
        assert "go for a run · strategy" in text  # the details of the new node
        assert screen.query_one(CaptureInput).value == ""


@pilot_test
async def test_an_alias_and_a_link_with_its_default_kind(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        g = app.session.graph
        await _enter(pilot, "T: the phone stays silent")
        await _enter(pilot, "the phone stays silent -> scared of being")
        trigger = g.nodes(NodeKind.TRIGGER)[-1]
        assert trigger.label == "the phone stays silent"
        assert g.link(trigger.id, "zoe-scared", LinkKind.ACTIVATES) is not None
        assert "activates" in screen_text(app)


@pilot_test
async def test_a_link_with_an_explicit_kind(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        g = app.session.graph
        await _enter(pilot, "criticise -blocks-> to feel good enough")
        assert g.link("criticise", "sam-need", LinkKind.BLOCKS) is not None
        assert "blocks" in screen_text(app)


@pilot_test
async def test_the_sentence_adds_and_links_a_whole_cycle_reusing_nodes(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        g = app.session.graph
        before = len(g)
        await _enter(pilot, "When the phone stays silent, I feel scared of being left, "
                            "so I check his location, because I need reassurance that we're ok")
        # Trigger and strategy are new; the feeling and the need are reused.
        assert len(g) == before + 2
        trigger = g.nodes(NodeKind.TRIGGER)[-1]
        strategy = g.nodes(NodeKind.STRATEGY)[-1]
        assert g.link(trigger.id, "zoe-scared", LinkKind.ACTIVATES)
        assert g.link("zoe-scared", strategy.id, LinkKind.LEADS_TO)
        assert g.link(strategy.id, "zoe-need", LinkKind.LONGS_FOR)
        await settle(pilot, 0.6)
        saved = load_map(chase_path)
        assert strategy.label in {n.label for n in saved.nodes}
        text = screen_text(app)
        assert "the phone stays silent" in text or "the phone stays silent" in \
            str(app.session.query_one("#patterns-text", Static).visual)
        # The new trigger, on no cycle, gets a chain of its own in the panel: the
        # fear it sets off leads to the new move and to the old ones.
        panel = str(app.session.query_one("#patterns-text", Static).visual)
        [chain] = [line for line in panel.splitlines() if "When the phone stays silent" in line]
        assert chain.startswith("Zoë: When the phone stays silent, I feel angry, fed up, and"
                                " underneath that, scared of being left")
        # Outside a cycle the alternatives are in file order (the new move last),
        # the same order in every chain that has them.
        assert ("so I text again and again, criticise and demand an answer, or check his"
                " location") in chain
        assert chain.endswith("because I need reassurance that we're ok.")
        # One line is one undo step.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(g) == before


@pilot_test
async def test_an_unknown_reference_keeps_the_text_and_shows_the_error(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        g = app.session.graph
        links = len(g.links())
        await _enter(pilot, "texting -> nobody we know")
        assert len(g.links()) == links
        line = app.session.query_one(CaptureInput)
        assert line.value == "texting -> nobody we know"
        hint = app.session.query_one("#capture-hint")
        assert hint.has_class("-error")
        assert "✗" in screen_text(app)


@pilot_test
async def test_an_ambiguous_reference_is_refused(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        g = app.session.graph
        links = len(g.links())
        await _enter(pilot, "s -> to feel good enough")  # "s" starts several labels
        assert len(g.links()) == links
        assert app.session.query_one(CaptureInput).value == "s -> to feel good enough"
        assert app.session.query_one("#capture-hint").has_class("-error")


@pilot_test
async def test_up_and_down_recall_earlier_lines(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        line = app.session.query_one(CaptureInput)
        await _enter(pilot, "t: first")
        await _enter(pilot, "t: second")
        await pilot.press(*"dr")
        await pilot.press("up")
        assert line.value == "t: second"
        await pilot.press("up")
        assert line.value == "t: first"
        await pilot.press("down", "down")
        assert line.value == "dr"


@pilot_test
async def test_new_user_walkthrough_of_issue_3(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    app = session_app(path)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _type(pilot, "When Sam goes quiet, I feel scared of being left, so I text again "
                           "and again, because I need reassurance")
        await _type(pilot, "trigger: Boss raises his voice")
        await _type(pilot, "Boss raises -> scared")
        await settle(pilot)
        seen.append(screen_text(app))
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    m = load_map(path)
    assert sorted((n.kind.value, n.label) for n in m.nodes) == [
        ("feeling", "scared of being left"),
        ("need", "reassurance"),
        ("strategy", "text again and again"),
        ("trigger", "Boss raises his voice"),
        ("trigger", "Sam goes quiet"),
    ]
    label = {n.id: n.label for n in m.nodes}
    assert sorted((label[lk.source], lk.kind.value, label[lk.target]) for lk in m.links) == [
        ("Boss raises his voice", "activates", "scared of being left"),
        ("Sam goes quiet", "activates", "scared of being left"),
        ("scared of being left", "leads_to", "text again and again"),
        ("text again and again", "longs_for", "reassurance"),
    ]
    for n in m.nodes:
        assert n.label in seen[0]


@pilot_test
async def test_an_enter_typed_while_the_app_started_adds_the_line(chase_path: Path) -> None:
    # Typed before Textual took the terminal over, Enter arrives as a line feed (ctrl+j).
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        pilot.app.session.query_one(CaptureInput).insert_text_at_cursor("t: the phone buzzes")
        await pilot.press("ctrl+j")
        await pilot.pause()
        node = app.session.graph.nodes()[-1]
        assert (node.kind, node.label) == (NodeKind.TRIGGER, "the phone buzzes")
        assert app.session.query_one(CaptureInput).value == ""
