"""The documents in docs/: every example in them is run.

- Each ```capture block of a page is typed line by line into the capture
  parser (as the session screen does on Enter) and the app's answer must be
  exactly the `✓ …` or `✗ …` line the page shows under it.
- Each ```toml block is a whole map that must load (and save as the same
  map); a ```toml refused block must be refused with exactly the message in
  the ```text block after it; a ```toml config block is a settings file that
  must be read without error.
- docs/file-format.md documents every key of every table of the map file.
- Each ```sh block's commands run, in page order, in a folder holding the
  demo map as my-client.toml (with a history), and must succeed; a
  ```sh interactive block (it opens a screen or asks at the terminal) is not
  run, but must name a real command.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from exports.settings import Settings, parse_settings
from exports.store import MapStore
from exports.store.load_errors import MapLoadError
from exports.store.toml import dumps_map, loads_map
from patterns.capture import CaptureError
from patterns.capture.line import parse_capture
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
from tui.cli import build_parser, main
from tui.demo import demo_text, ensure_demo

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The command line's commands, by name.
COMMANDS = build_parser()[1]
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
                assert after != before  # a taken line changes the map (a node, a loop name…)
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
    for page in ("docs/file-format.md", "docs/capture.md", "docs/guide.md"):
        assert f"]({page})" in text


# -- shell commands and settings ------------------------------------------------------


def _settings_examples() -> list[Block]:
    return [b for p in pages() for b in blocks(p, "toml") if b.info == "toml config"]


@pytest.mark.parametrize("block", _settings_examples(), ids=lambda b: b.where)
def test_every_settings_example_is_a_valid_settings_file(block: Block) -> None:
    settings = parse_settings(block.text, Path("config.toml"))
    written = {line.split("=")[0].strip() for line in block.text.splitlines()
               if "=" in line and not line.lstrip().startswith("#")}
    assert written == set(settings.model_fields_set) == set(Settings.model_fields)


def _shell_lines(page: str, info: str) -> list[tuple[Block, str]]:
    return [(block, line) for block in blocks(page, "sh") if block.info == info
            for line in block.text.splitlines() if line.strip()]


def _shim(folder: Path) -> Path:
    """A `bin` folder whose `attachmap` runs this clone's code with this Python."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "attachmap"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{DOCS.parent}" exec "{sys.executable}" -c '
                    "'import sys; sys.argv[0] = \"attachmap\"; from tui.cli import main; main()'"
                    ' "$@"\n')
    shim.chmod(0o755)
    return bin_dir


def _a_client_folder(tmp_path: Path) -> dict[str, str]:
    """my-client.toml (the demo map, saved twice so it has a history), a
    passphrase file, the guide's settings, and attachmap on the PATH."""
    path = tmp_path / "my-client.toml"
    ensure_demo(path)
    store = MapStore(path)
    m = store.open()
    store.save(m.model_copy(update={"title": "Zoë and Sam"}))
    store.save(m)
    store.close()
    (tmp_path / "passphrase.txt").write_text("an invented passphrase for the guide\n")
    config = tmp_path / "config" / "attachmap" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(_settings_examples()[0].text, "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ATTACHMAP_IDLE_LOCK_MINUTES"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"),
               PATH=f"{_shim(tmp_path)}{os.pathsep}{env.get('PATH', '')}")
    return env


@pytest.mark.parametrize("page", [p for p in pages() if blocks(p, "sh")])
def test_every_shell_example_runs(page: str, tmp_path: Path) -> None:
    env = _a_client_folder(tmp_path)
    ran = 0
    for block, line in _shell_lines(page, "sh"):
        tools = {piece.split()[0] for piece in line.split("|")}
        if any(shutil.which(tool, path=env["PATH"]) is None for tool in tools):
            continue  # e.g. Graphviz's dot, where it is not installed
        done = subprocess.run(["bash", "-c", f"set -o pipefail; {line}"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=180,
                              stdin=subprocess.DEVNULL, start_new_session=True)
        assert done.returncode == 0, f"{block.where}: {line}\n{done.stderr}"
        assert "Traceback" not in done.stderr, f"{block.where}: {line}"
        ran += 1
    assert ran >= len(_shell_lines(page, "sh")) - 1


@pytest.mark.parametrize("page", [p for p in pages() if blocks(p, "sh")])
def test_every_interactive_example_is_a_real_command(page: str) -> None:
    for block, line in _shell_lines(page, "sh interactive"):
        words = line.split()
        if words[0] == "pipx":
            assert words[1:] == ["install", "."], block.where
            continue
        assert words[0] == "attachmap", f"{block.where}: {line}"
        assert len(words) == 1 or words[1] in COMMANDS or words[1].endswith(".toml"), line


# -- pictures ------------------------------------------------------------------------


def test_the_pictures_script_draws_every_picture_the_docs_show(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_pictures", DOCS / "make_pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = {p.name for p in module.main(tmp_path)}
    shown = {Path(t).name for page in ["README.md", *(f"docs/{p}" for p in pages())]
             for t in re.findall(r"!\[[^\]]*\]\(([^)]+)\)",
                                 (DOCS.parent / page).read_text("utf-8"))}
    expected = shown if shutil.which("pdftoppm") else shown - {"pdf-page-1.png"}
    assert written == expected
    for name in written:
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG") if name.endswith(".png") else b"<svg" in data[:400]
    review = (tmp_path / "review.svg").read_text("utf-8")
    assert "Your&#160;patterns" in review or "Your patterns" in review
    assert "2019" not in review  # the review never shows a private note
    assert "cannot&#160;save" not in review and "cannot save" not in review


def _entries(lines: list[str], starts: re.Pattern[str]) -> dict[str, str]:
    """`name: description` from a two-column listing: a line that `starts`
    matches begins an entry (the name its first group, the description after
    two spaces or on the lines below); deeper-indented lines continue it."""
    entries: dict[str, list[str]] = {}
    name = ""
    for line in lines:
        found = starts.match(line)
        if found:
            name = found.group(1)
            entries[name] = [found.group(2)] if found.group(2) else []
        elif name and line.strip():
            entries[name].append(line.strip())
    return {name: " ".join(words) for name, words in entries.items()}


def test_the_readmes_commands_are_the_ones_attachmap_help_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (DOCS.parent / "README.md").read_text("utf-8")
    listed = text[text.index("## Commands"):]
    listed = listed[listed.index("```\n") + 4:]
    listed = listed[:listed.index("```")]
    in_readme = _entries(listed.splitlines(),
                         re.compile(r"attachmap \[?([\w-]+)\]?(?:\S| \S)*(?: {2,}(.*))?$"))
    assert main(["--help"]) == 0
    printed = capsys.readouterr().out
    commands = printed[printed.index("\ncommands:\n"):].split("\n\n")[0]
    in_help = _entries(commands.splitlines(), re.compile(r" {4}(\w+) {2,}(.*)$"))
    assert in_help.keys() == COMMANDS.keys()
    version = in_readme.pop("--version")
    assert in_readme == in_help  # every command, in the same words
    assert re.search(r"-V, --version +" + re.escape(version), printed)
