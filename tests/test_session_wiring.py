"""The pieces other screens built, as reached from the session screen: the
export dialog (ctrl+e), the Practice and Repairs tabs, and what is new since
the previous session (F6)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from tests.support.pilot import pilot_test, screen_text, session_app, settle

from patterns.edits import AddNode
from patterns.models import Node
from patterns.vocabulary import NodeKind
from tui.export_screen import ExportProgress, ExportScreen
from tui.widgets.map_canvas import picture_text
from tui.widgets.map_view import MapView


@pilot_test
async def test_ctrl_e_exports_the_map_as_it_is_now(chase_path: Path) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.session.apply(AddNode(Node(id="boss", kind=NodeKind.TRIGGER,
                                       label="Boss raises his voice")))
        await pilot.press("ctrl+e")  # taken from the capture line, which has focus
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "chase-client.pdf" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, 0.2)
        for _ in range(50):
            if "✓ Saved" in screen_text(app):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, ExportProgress)
        assert "✓ Saved" in screen_text(app)
    pdf = chase_path.with_name("chase-client.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Boss raises his voice" in text  # the unsaved edit is in the export
    assert "2019 separation" not in text  # the client's copy


@pilot_test
async def test_practice_and_repairs_tabs_show_the_between_session_record(
    chase_path: Path,
) -> None:
    app = session_app(chase_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.session.action_go_to("practice")
        await settle(pilot)
        text = screen_text(app)
        assert "say 'I'm scared' once, then wait" in text
        assert "2 tries" in text and "Sent one message" in text
        app.session.action_go_to("repairs")
        await settle(pilot)
        assert "Shouted about the dishes" in screen_text(app)


@pilot_test
async def test_f6_marks_what_is_new_since_the_previous_session(chase_path: Path) -> None:
    app = session_app(chase_path)  # a week after the chase's second session
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*"t: Boss raises his voice", "enter")  # carries today's session
        await settle(pilot, 0.1)
        view = app.session.query_one(MapView)
        assert "✦" not in "\n".join(picture_text(view.picture))
        await pilot.press("f6")
        await settle(pilot, 0.1)
        assert "Since the session on 27 Nov 2026: 1 new part" in screen_text(app)
        lines = picture_text(view.picture)
        marked = [line for line in lines if "✦" in line]
        assert len(marked) == 1 and "Boss raises" in marked[0]
        await pilot.press("f6")
        await settle(pilot, 0.1)
        assert "✦" not in "\n".join(picture_text(view.picture))
