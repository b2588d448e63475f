"""Issue 17 in the running app: each new capture form and each ordinary-speech
sentence of the issue, typed on the capture line of an invented couple's
map, checked on the map, on screen and in the file; each line one undo."""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import NOW, pilot_test, screen_text, session_app, settle, wait_for

from exports.store.toml import load_map
from patterns.vocabulary import LinkKind, NodeKind, StrategyStyle
from tui.session.capture_line import CaptureInput
from tui.session.patterns_panel import PatternsPanel


async def _type(pilot, line: str) -> str:
    """Type a line key by key, press Enter, and return what the line says under it."""
    await pilot.press(*line)
    await pilot.press("enter")
    await pilot.pause()
    return str(pilot.app.session.query_one("#capture-hint").render())


def _parts(g, kind: NodeKind) -> dict[str, str | None]:
    return {n.label: n.person for n in g.nodes(kind)}


@pilot_test
async def test_a_first_session_in_ordinary_speech(tmp_path: Path) -> None:
    path = tmp_path / "priya.toml"
    app = session_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        g = screen.graph
        line = screen.query_one(CaptureInput)

        # People, by the capture line.
        assert (await _type(pilot, "person: Priya, client")).startswith("✓ added person Priya")
        await _type(pilot, "person: Tom, partner")
        assert [(p.name, p.role) for p in g.people] == [("Priya", "client"), ("Tom", "partner")]

        # The ordinary speech.
        assert await _type(pilot, "I panic") == "✓ added feeling “panic”"
        await _type(pilot, "I get anxious")
        await _type(pilot, "I freeze")
        assert _parts(g, NodeKind.FEELING) == {"panic": None, "anxious": None}
        assert g.nodes(NodeKind.STRATEGY)[0].style is StrategyStyle.FREEZE
        said = await _type(pilot, "Tom feels pressured, so he goes quiet, because he needs room")
        assert said == "✓ added 3 nodes and 2 links (Tom’s side)"
        assert _parts(g, NodeKind.NEED) == {"room": "tom"}
        assert _parts(g, NodeKind.STRATEGY)["go quiet"] == "tom"
        await _type(pilot, "When Tom is late, I think he's leaving, my stomach drops, so I call"
                           " him")
        assert _parts(g, NodeKind.SENSATION) == {"my stomach drops": None}
        assert _parts(g, NodeKind.MEANING) == {"he's leaving": None}
        await _type(pilot, "When Tom is late, I get anxious, so I check his phone")
        # Two statements on one line: two nodes, one undo step.
        before = len(g)
        await _type(pilot, "t: Tom forgets to call; f: alone")
        assert len(g) == before + 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(g) == before
        await _type(pilot, "t: Tom forgets to call; f: alone")

        # Close the loop, then name it through the selected part.
        await _type(pilot, "When Priya calls again, Tom feels pressured")
        await _type(pilot, "call him -> Priya calls again")
        assert (await _type(pilot, "go quiet -> Tom is late")).startswith("✓ linked")
        assert screen.selected == "tom-is-late"
        named = await _type(pilot, "name: the waiting game")
        assert named.startswith("✓ named the loop “the waiting game”")
        (loop,) = g.loops
        assert {"tom-is-late", "call-him", "go-quiet"} <= set(loop.nodes)
        assert screen.loop == tuple(loop.nodes)
        await settle(pilot, 0.2)
        assert "the waiting game" in screen_text(app)  # in the Patterns panel
        assert screen.query_one(PatternsPanel).insights.loops[0].name == "the waiting game"

        # An experiment for a new response, instead of a move said another way.
        planned = await _type(pilot, "try: name the fear, then tea — instead of checking his"
                                     " phone")
        assert planned == ("✓ planned an experiment: new response “name the fear, then tea”"
                           " instead of “check his phone” (Practice tab)")
        (response,) = g.nodes(NodeKind.RESPONSE)
        assert g.link(response.id, "check-his-phone", LinkKind.REPLACES) is not None
        assert [e.response for e in g.experiments] == [response.id]

        # A rupture, then its repair.
        await _type(pilot, "rupture: started ten minutes late; she went cold")
        assert (await _type(pilot, "repair: named it together")).startswith(
            "✓ logged the repair of “started ten minutes late; she…”")
        (entry,) = g.repairs
        assert (entry.date, entry.rupture, entry.repair) == (
            NOW.date(), "started ten minutes late; she went cold", "named it together")
        assert line.value == ""

        # Everything is in the file.
        await settle(pilot, 0.6)
        saved = load_map(path)
        assert [lp.name for lp in saved.loops] == ["the waiting game"]
        assert saved.repairs == g.repairs and saved.experiments == g.experiments
        assert {n.label for n in saved.nodes} == {n.label for n in g.nodes()}


@pilot_test
async def test_a_sentence_that_names_no_one_on_the_map_keeps_its_text(tmp_path: Path) -> None:
    app = session_app(tmp_path / "solo.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        said = await _type(pilot, "Sam feels pressured, so he goes quiet")
        assert said.startswith("✗ “Sam” is not a person on this map: add them with “person:"
                               " Sam, partner”")
        assert app.session.query_one(CaptureInput).value == "Sam feels pressured, so he goes quiet"
        assert len(app.session.graph) == 0


@pilot_test
async def test_the_hint_says_what_a_form_will_do_before_enter(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"loop:")
        await pilot.pause()
        hint = str(app.session.query_one("#capture-hint").render())
        assert hint.startswith("names the loop through the selected part")
        await pilot.press(*" x")
        await wait_for(pilot, lambda: "renames the loop “x” (the map's only loop)" in str(
            app.session.query_one("#capture-hint").render()))
