"""The PDF's title comes from the map's title, never from the file's name,
and its metadata names nobody unless asked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from tui.cli import main


def test_the_pdf_title_is_the_maps_and_the_file_name_is_nowhere(
    chase_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named = tmp_path / "jo-bloggs-intake-2026.toml"
    shutil.copyfile(chase_path, named)
    out = tmp_path / "out.pdf"
    assert main(["export", str(named), "-f", "pdf", "-o", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    assert "Zoë and Sam: the chase · updated 27 Nov 2026" in reader.pages[0].extract_text().splitlines()
    assert reader.metadata.title == "Relational map"  # nameless by default
    text = "".join(page.extract_text() for page in reader.pages)
    for piece in ("jo-bloggs", "bloggs", "intake"):
        assert piece not in text.lower()
        assert piece.encode() not in out.read_bytes().lower()
    assert main(["export", str(named), "-f", "pdf", "-o", str(out), "--name-in-metadata"]) == 0
    assert pypdf.PdfReader(out).metadata.title == "Zoë and Sam: the chase"
    assert b"bloggs" not in out.read_bytes().lower()
    capsys.readouterr()
