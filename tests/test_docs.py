"""The documents in docs/: every example in them is run.

- Each ```capture block of a page is typed line by line into the capture
  parser (as the session screen does on Enter) and the app's answer must be
  exactly the `✓ …` or `✗ …` line the page shows under it.
- Each ```toml block is a whole map that must load (and save as the same
  map); a ```toml refused block must be refused with exactly the message in
  the ```text block after it; a ```toml config block is a settings file that
  must be read without error.
- docs/file-format.md documents every key of every table of the map file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from exports.load_errors import MapLoadError
from exports.toml_map import dumps_map, loads_map
from patterns.capture import CaptureError, parse_capture
from patterns.edits import History
from patterns.graph import MapGraph
from patterns.models import (
    Experiment,
    Link,
    Loop,
    Node,
    Person,
    RelationalMap,
    Repair,
    Session,
    Try,
)
from patterns.vocabulary import LinkKind, NodeKind, StrategyStyle
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


# -- the file format ----------------------------------------------------------------


def _toml_cases() -> list[tuple[Block, str | None]]:
    """(block, the refusal it must give, or None for a map that must load)."""
    cases = []
    for page in pages():
        found = blocks(page)
        for i, block in enumerate(found):
            words = block.info.split(" ")
            if words[0] != "toml" or words[1:] == ["config"]:
                continue
            refusal = None
            if words[1:] == ["refused"]:
                after = found[i + 1]
                assert after.info == "text", f"{block.where}: the refusal follows in ```text"
                refusal = after.text.strip()
            cases.append((block, refusal))
    return cases


@pytest.mark.parametrize(("block", "refusal"), _toml_cases(),
                         ids=lambda x: x.where if isinstance(x, Block) else "")
def test_every_toml_example_loads_or_is_refused_as_the_page_says(
    block: Block, refusal: str | None
) -> None:
    if refusal is None:
        m = loads_map(block.text, "map.toml")
        assert m.title
        # What attachmap writes is the same map again.
        assert loads_map(dumps_map(m), "map.toml") == m
    else:
        with pytest.raises(MapLoadError) as caught:
            loads_map(block.text, "map.toml")
        assert str(caught.value) == refusal, block.where


def test_the_whole_example_uses_every_table() -> None:
    whole = blocks("file-format.md", "toml")[0]
    m = loads_map(whole.text, "map.toml")
    assert m.people and m.sessions and m.nodes and m.links and m.loops and m.repairs
    assert m.experiments[0].tries
    assert any(n.private_note for n in m.nodes)


#: The section of docs/file-format.md that documents each model's keys.
SECTIONS = {
    "## The map itself": RelationalMap, "## `[[people]]`": Person,
    "## `[[sessions]]`": Session, "## `[[nodes]]`": Node, "## `[[links]]`": Link,
    "## `[[loops]]`": Loop, "## `[[experiments]]`": Experiment,
    "### `[[experiments.tries]]`": Try, "## `[[repairs]]`": Repair,
}


def _key_table(text: str, heading: str) -> str:
    """The table of keys (`| key | type | …`) that follows `heading`."""
    start = text.index("| key | type |", text.index(heading))
    end = text.find("\n\n", start)
    return text[start:end if end >= 0 else len(text)]


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_every_key_of_the_file_is_documented(heading: str) -> None:
    text = (DOCS / "file-format.md").read_text("utf-8")
    documented = set(re.findall(r"(?m)^\| `([a-z_]+)` \|", _key_table(text, heading)))
    model = SECTIONS[heading]
    keys = {field.alias or name for name, field in model.model_fields.items()}
    if model is RelationalMap:  # the tables have sections of their own
        keys -= {"people", "sessions", "nodes", "links", "loops", "experiments", "repairs"}
    assert documented == keys


def test_every_kind_style_and_link_kind_is_documented() -> None:
    text = (DOCS / "file-format.md").read_text("utf-8")
    for kind in NodeKind:
        assert f"| `{kind.value}` |" in text
    for word in [*StrategyStyle, *LinkKind]:
        assert f"`{word.value}`" in text


# -- links ---------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", ["README.md", *(f"docs/{p}" for p in pages())])
def test_every_link_in_the_repository_docs_resolves(page: str) -> None:
    path = DOCS.parent / page
    text = path.read_text("utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address: not ours to check here
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.is_file(), f"{page}: {target} is not in the repository"
        assert linked.is_relative_to(DOCS.parent), f"{page}: {target} is outside the repository"
        if anchor and linked.suffix == ".md":
            headings = re.findall(r"(?m)^#+ (.*)$", linked.read_text("utf-8"))
            assert anchor in {_slug(h) for h in headings}, f"{page}: no heading for #{anchor}"


def test_the_readme_points_inside_the_repository() -> None:
    text = (DOCS.parent / "README.md").read_text("utf-8")
    assert "SPEC.md" not in text and "../shared" not in text
    for page in ("docs/file-format.md", "docs/capture.md"):
        assert f"]({page})" in text
