"""The export dialog (tui/export_screen.py), driven with the Pilot as a
therapist would: choose, confirm, watch it work, read where the file went."""

from __future__ import annotations

import asyncio
import functools
import io
from pathlib import Path

from pypdf import PdfReader
from textual.widgets import Input, Label, RadioButton

from exports.store.toml import load_map, loads_map
from tests.support.export_host import Host, finished
from tui import export_screen
from tui.export_screen import ExportProgress, ExportRequest, ExportScreen


def pilot_test(fn):
    """Run an async Pilot test without an async plugin for pytest."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


@pilot_test
async def test_defaults_are_a_pdf_for_the_client_beside_the_map(chase_path: Path) -> None:
    app = Host(chase_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.ask()
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#export-path", Input).value == str(chase_path.with_name("chase-client.pdf"))
        assert screen.query_one("#format-pdf", RadioButton).value
        assert screen.query_one("#audience-client", RadioButton).value
        assert "no private notes" in _text(screen, "#export-audience-note")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest(fmt="pdf", audience="client",
                                         path=chase_path.with_name("chase-client.pdf"))]


@pilot_test
async def test_choosing_format_and_audience_follows_in_the_file_name(chase_path: Path) -> None:
    app = Host(chase_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.ask(private_notes=True)
        await pilot.pause()
        await pilot.click("#format-toml")
        await pilot.click("#audience-therapist")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#export-path", Input).value == str(chase_path.with_name("chase-therapist.toml"))
        assert "Includes the private notes" in _text(screen, "#export-audience-note")
        assert not screen.query_one("#export-pdf-options").display  # paper is for PDFs only
        await pilot.click("#export-go")
        await pilot.pause()
    request = app.results[0]
    assert (request.fmt, request.audience, request.path.name) == ("toml", "therapist", "chase-therapist.toml")


@pilot_test
async def test_a_typed_name_goes_beside_the_map_and_is_kept(chase_path: Path) -> None:
    app = Host(chase_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.ask()
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = "for-zoe"
        await pilot.click("#format-md")  # the user's own name survives a change of format
        await pilot.pause()
        assert field.value == "for-zoe"
        await pilot.click("#export-go")
        await pilot.pause()
    assert app.results[0].path == chase_path.parent / "for-zoe.md"


@pilot_test
async def test_the_map_itself_is_refused_and_the_dialog_stays(chase_path: Path) -> None:
    app = Host(chase_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.ask()
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(chase_path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "That is the map itself" in _text(app.screen, "#export-path-note")
        app.screen.query_one("#export-path", Input).value = str(chase_path.parent / "nowhere" / "x.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in _text(app.screen, "#export-path-note")
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert sorted(p.name for p in chase_path.parent.iterdir()) == ["chase.toml"]


@pilot_test
async def test_the_whole_export_writes_the_pdf_and_says_where(chase_path: Path) -> None:
    app = Host(chase_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.export()
        await pilot.pause()
        await pilot.press("enter")  # confirm the defaults: a PDF for the client
        await pilot.pause()
        progress = app.screen
        assert isinstance(progress, ExportProgress)
        await finished(pilot, progress)
        out = chase_path.with_name("chase-client.pdf")
        status = _text(progress, "#export-status")
        assert status == f"✓ Saved {out}"
        assert "for the client, without private notes" in _text(progress, "#export-result")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [out]
    assert out.stat().st_mode & 0o777 == 0o600
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Links to the 2019 separation" not in words and "the chase" in words


@pilot_test
async def test_a_toml_export_holds_the_map_as_it_is_in_memory(chase_path: Path, tmp_path: Path) -> None:
    m = load_map(chase_path)
    changed = m.model_copy(update={"title": "Edited, not saved yet"})
    app = Host(chase_path)
    out = tmp_path / "copy.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        progress = ExportProgress(changed, ExportRequest(fmt="toml", path=out), source=chase_path)
        app.push_screen(progress, app.results.append)
        await finished(pilot, progress)
        await pilot.press("enter")
        await pilot.pause()
    assert loads_map(out.read_text("utf-8")).title == "Edited, not saved yet"
    assert all(n.private_note is None for n in loads_map(out.read_text("utf-8")).nodes)


@pilot_test
async def test_a_failed_write_says_so_and_writes_nothing(chase_path: Path, monkeypatch) -> None:
    def refuse(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_screen, "write_atomic", refuse)
    app = Host(chase_path)
    out = chase_path.with_name("chase-client.pdf")
    async with app.run_test(size=(100, 30)) as pilot:
        progress = ExportProgress(load_map(chase_path), ExportRequest(fmt="pdf", path=out),
                                  source=chase_path)
        app.push_screen(progress, app.results.append)
        await finished(pilot, progress)
        assert _text(app.screen, "#export-status") == "✗ Nothing was written."
        assert "No space left on device" in _text(app.screen, "#export-result")
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None] and not out.exists()
