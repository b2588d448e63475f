"""Terminal sizes from 40×12 to 240×80, with labels a paste could bring: emoji
sequences, CJK, right-to-left text, combining marks, control characters,
markup-like brackets and 300 characters. The session app never crashes, and
the layout holds: the capture line and the header stay on screen (or, below
80×24, the screen says plainly that it is too small).
"""

from __future__ import annotations

from pathlib import Path

from tests.support.pilot import frozen_clock, pilot_test, screen_text, settle

from exports.store.toml import load_map, save_map
from patterns.models import Link, Node
from patterns.vocabulary import LinkKind, NodeKind
from tui.app import AttachmapApp
from tui.session.capture_line import CaptureInput

HOSTILE_LABELS = [
    "👩‍👩‍👧‍👦 family 🇳🇿 🏳️‍🌈 👍🏽",  # zero-width-joined emoji, flags, skin tones
    "害怕被抛弃，心里很慌",  # CJK, double width
    "أنا خائفة من أن يتركني",  # right-to-left (Arabic)
    "\u202eevol ton si sihT\u202c and שלום",  # an RTL override, Hebrew
    "Zalgo: Z̷̢̛͓a̴͖͐l̶̰̈́g̸̱̈o̵͚̍ and e\u0301\u0301\u0301",  # stacked combining marks
    "bell\x07 escape\x1b[31m red\x1b[0m tab\tnul-free\x7f",  # control characters
    "[bold]not markup[/bold] [link=http://x]x[/link] [@click=app.quit]quit[/]",
    "long " + "x" * 295,  # exactly 300 characters
]
SIZES = [(40, 12), (60, 18), (79, 23), (80, 24), (100, 30), (120, 40), (160, 50), (200, 60),
         (240, 80)]


def hostile_map(chase_path: Path) -> Path:
    m = load_map(chase_path)
    nodes = [Node(id=f"h{i}", kind=kind, label=label, note=label, private_note=label)
             for i, (label, kind) in enumerate(zip(HOSTILE_LABELS, [
                 NodeKind.TRIGGER, NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION,
                 NodeKind.STRATEGY, NodeKind.NEED, NodeKind.RESOURCE, NodeKind.ORIGIN]))]
    links = [Link(source="h0", target="h1", kind=LinkKind.ACTIVATES),
             Link(source="h1", target="h4", kind=LinkKind.LEADS_TO),
             Link(source="h4", target="h5", kind=LinkKind.LONGS_FOR),
             Link(source="h4", target="h0", kind=LinkKind.PROVOKES),
             Link(source="h7", target="quiet", kind=LinkKind.SHAPES)]
    hostile = m.model_copy(update={"nodes": [*m.nodes, *nodes], "links": [*m.links, *links],
                                   "title": HOSTILE_LABELS[0] + " " + HOSTILE_LABELS[5]})
    save_map(hostile, chase_path)
    return chase_path


def test_the_labels_are_what_they_claim() -> None:
    assert len(HOSTILE_LABELS[-1]) == 300
    assert any("\x1b" in label for label in HOSTILE_LABELS)


@pilot_test
async def test_every_size_with_hostile_labels_keeps_its_layout(chase_path: Path) -> None:
    path = hostile_map(chase_path)
    app = AttachmapApp(path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        for width, height in [*SIZES, (120, 40), (80, 24), (40, 12)]:  # grow, then shrink again
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert app.is_running
            strips = app.screen._compositor.render_strips()
            assert len(strips) == height
            assert all(strip.cell_length == width for strip in strips), (width, height)
            text = screen_text(app)
            lines = text.split("\n")
            if width < 80 or height < 24:
                assert "too small" in text
                continue
            capture = app.session.query_one(CaptureInput)
            region = capture.region
            assert region.width > 0 and region.bottom <= height, (width, height)
            assert "attachmap" in lines[0], (width, height)
            for selected in ("h3", "h5", "h7"):  # details of a hostile node at this size
                app.session.selected = selected
                app.session.redraw()
            await settle(pilot)
            assert app.is_running
        assert "\x1b" not in screen_text(app) and "\x07" not in screen_text(app)
    assert load_map(path).nodes  # still a valid map on disk
