"""Snapshots of the export dialog at 80x24 and 120x40, over a plain screen.

The map's path is fixed (a folder made for the test), so the suggested file
name and the note under it are the same in every run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Label

from tests.support.examples import example_paths
from tui.export_screen import ExportScreen

FOLDER = Path("/tmp/attachmap-export-snapshot")


class DialogOver(App[None]):
    """A plain screen with the export dialog open over it."""

    def __init__(self, audience: str = "client") -> None:
        super().__init__()
        self.audience = audience

    def compose(self) -> ComposeResult:
        yield Label("the session screen would be here")

    def on_mount(self) -> None:
        FOLDER.mkdir(exist_ok=True)
        source = FOLDER / "chase.toml"
        shutil.copyfile(example_paths()[0], source)
        for old in FOLDER.glob("chase-*"):
            old.unlink()
        self.push_screen(ExportScreen(source, audience=self.audience, private_notes=True))


def test_export_dialog_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(DialogOver(), terminal_size=(80, 24))


def test_export_dialog_for_the_therapist_120x40(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(DialogOver("therapist"), terminal_size=(120, 40))
