"""A stand-in for the session screen that opens the export dialog, and a
wait for the export worker to finish: for the export dialog's tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Label

from exports.store.toml import load_map
from tui.export_screen import ExportProgress, ExportScreen, start_export


class Host(App[None]):
    """A stand-in for the session screen: it holds a map and opens the dialog."""

    def __init__(self, source: Path) -> None:
        super().__init__()
        self.source = source
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Label("session")

    def ask(self, **kwargs) -> None:
        self.push_screen(ExportScreen(self.source, **kwargs), self.results.append)

    def export(self, **kwargs) -> None:
        start_export(self.screen, self.source, lambda: load_map(self.source),
                     done=self.results.append, **kwargs)


async def finished(pilot, screen: ExportProgress) -> None:
    """Wait until the export worker has written the file or failed (it starts
    when the screen mounts, so one wait for workers may come too early)."""
    for _ in range(300):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if screen.written is not None or screen.error is not None:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the export never finished")
