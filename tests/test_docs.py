"""The documents in docs/: every example in them is run.

- Each ```capture block of a page is typed line by line into the capture
  parser (as the session screen does on Enter) and the app's answer must be
  exactly the `✓ …` or `✗ …` line the page shows under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from exports.toml_map import loads_map
from patterns.capture import CaptureError, parse_capture
from patterns.edits import History
from patterns.graph import MapGraph
from tui.demo import demo_text

DOCS = Path(__file__).resolve().parent.parent / "docs"
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One fenced block of a page: its info string, text and first line number."""

    page: str
    info: str
    text: str
    line: int

    @property
    def where(self) -> str:
        return f"docs/{self.page}:{self.line}"


def blocks(page: str, language: str | None = None) -> list[Block]:
    """The fenced blocks of `docs/page`, those whose info string starts with
    `language` if given."""
    text = (DOCS / page).read_text("utf-8")
    found = []
    for m in FENCE.finditer(text):
        info = m.group(1).strip()
        if language is None or info.split(" ")[0] == language:
            found.append(Block(page, info, m.group(2), text.count("\n", 0, m.start()) + 2))
    return found


def pages() -> list[str]:
    return sorted(p.name for p in DOCS.glob("*.md"))


# -- the capture line ------------------------------------------------------------


def _fresh(info: str) -> MapGraph:
    if info.split(" ")[1:] == ["demo"]:
        return MapGraph.from_map(loads_map(demo_text()))
    return MapGraph("Invented client")


def _capture_steps(page: str) -> list[tuple[Block, str, str]]:
    return [(block, line, answer) for block in blocks(page, "capture")
            for line, answer in _pairs(block)]


def _pairs(block: Block) -> list[tuple[str, str]]:
    lines = block.text.splitlines()
    assert len(lines) % 2 == 0, f"{block.where}: each typed line needs its answer"
    pairs = list(zip(lines[::2], lines[1::2]))
    for typed, answer in pairs:
        assert typed.startswith("› "), f"{block.where}: {typed!r} should start with '› '"
        assert answer[:2] in ("✓ ", "✗ "), f"{block.where}: {answer!r} should start ✓ or ✗"
    return [(typed[2:], answer) for typed, answer in pairs]


def capture_pages() -> list[str]:
    return [p for p in pages() if blocks(p, "capture")]


def test_the_capture_page_has_examples_of_every_form() -> None:
    lines = [line for _, line, _ in _capture_steps("capture.md")]
    assert any(line.startswith("When ") for line in lines)
    assert any("->" in line for line in lines)
    assert any(re.match(r"\w+ ?:", line) for line in lines)
    assert len(lines) >= 30


@pytest.mark.parametrize("page", capture_pages())
def test_every_capture_example_gives_what_the_page_says(page: str) -> None:
    g = MapGraph("Invented client")
    history = History(g)
    for block in blocks(page, "capture"):
        if block.info != "capture":  # `capture demo` or `capture new`: start again
            g = _fresh(block.info)
            history = History(g)
        for line, answer in _pairs(block):
            before = g.to_map()
            try:
                capture = parse_capture(line, g)
            except CaptureError as error:
                said = f"✗ {error.message}"
                assert g.to_map() == before
            else:
                said = f"✓ {capture.summary}"
                history.do(capture.edit)
                after = g.to_map()  # every rule of the file format still holds
                assert (len(after.nodes), len(after.links)) != (len(before.nodes),
                                                                len(before.links))
            assert said == answer, f"{block.where}: typing {line!r}"
