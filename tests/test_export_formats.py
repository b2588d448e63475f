"""The formats other tools read: Graphviz DOT, JSON node-link data, and the
Mermaid drawing in the Markdown, each under the same audience rules as the
PDF, each safe from whatever a label holds. Through the command line and
through the session's export dialog."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from tests.support.export_host import Host, finished
from tests.support.pilot import pilot_test

from exports.dot import SHAPES as DOT_SHAPES
from exports.dot import render_dot
from exports.formats import FORMATS, render
from exports.markdown import render_markdown
from exports.mermaid import SHAPES as MERMAID_SHAPES
from exports.mermaid import mermaid_flowchart
from exports.node_link import render_json
from patterns.models import Link, Node, Person, RelationalMap
from patterns.vocabulary import NodeKind
from tui.cli import main
from tui.export_screen import ExportProgress

PRIVATE = "Links to the 2019 separation"

HOSTILE = [
    'say "no" [then] {wait} (ok) | pipe',
    "# heading ```mermaid\nend",
    "a\nb\r\nc\ttab",
    "<script>alert(1)</script> & %% comment",
    "end",
    "click n1 call x()",
    "x --> y ;",
    "\\ back \\n slash \\N \\l",
    "#quot; literal `tick`",
    "bell\x07 and escape\x1b[2J",
    "Zoë – “curly” ’quotes’ 😊",
]


def hostile_map() -> RelationalMap:
    kinds = list(NodeKind)
    nodes = [Node(id=f"h{i}", kind=kinds[i % len(kinds)], label=label,
                  private_note=f"secret {i}" if i % 3 == 0 else None)
             for i, label in enumerate(HOSTILE)]
    links = [Link(source=f"h{i}", target=f"h{i + 1}") for i in range(len(HOSTILE) - 1)]
    return RelationalMap(title='Title "with" \\ quotes\nand a break',
                         people=[Person(id="p", name='Zo"ë] end'), Person(id="q", name="end")],
                         nodes=[n.model_copy(update={"person": "q"}) if i == 4 else n
                                for i, n in enumerate(nodes)],
                         links=links)


# -- JSON ------------------------------------------------------------------------


def test_json_reads_back_with_every_node_and_link(chase_map: RelationalMap) -> None:
    data = json.loads(render_json(chase_map))
    assert "links" in data and "edges" not in data
    g = nx.node_link_graph(data, edges="links")
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {n.id for n in chase_map.nodes}
    assert sorted((s, t, k) for s, t, k in g.edges(keys=True)) == sorted(
        (lk.source, lk.target, lk.kind.value) for lk in chase_map.links)
    quiet = g.nodes["quiet"]
    assert (quiet["kind"], quiet["label"], quiet["person"], quiet["intensity"]) == (
        "trigger", "Sam goes quiet after a disagreement", "zoe", 8)
    assert g.graph["title"] == "Zoë and Sam: the chase"
    assert [p["name"] for p in g.graph["people"]] == ["Zoë", "Sam"]
    assert g.graph["loops"][0]["name"] == "the chase"


def test_json_for_the_client_has_no_private_note_and_for_the_therapist_has_them(
    chase_map: RelationalMap
) -> None:
    client = render(chase_map, "json", "client").decode()
    assert PRIVATE not in client and "private_note" not in client
    therapist = json.loads(render(chase_map, "json", "therapist"))
    notes = {n["id"]: n.get("private_note") for n in therapist["nodes"]}
    assert notes["zoe-too-much"] == "Links to the 2019 separation; go gently"


def test_json_keeps_hostile_labels_exactly() -> None:
    m = hostile_map()
    g = nx.node_link_graph(json.loads(render_json(m, audience="therapist")), edges="links")
    assert [g.nodes[n.id]["label"] for n in m.nodes] == [n.label for n in m.nodes]


# -- DOT ---------------------------------------------------------------------------


def test_dot_has_a_cluster_per_person_and_a_shape_and_colour_per_kind(
    chase_map: RelationalMap
) -> None:
    text = render_dot(chase_map).decode()
    assert text.count('subgraph "cluster_') == 2
    assert 'label="Zoë"' in text and 'label="Sam"' in text
    zoe = text[text.index('"cluster_0"'):text.index('"cluster_1"')]
    assert '"texting" [' in zoe and '"shutdown" [' not in zoe
    for node in chase_map.nodes:
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(f'"{node.id}" ['))
        assert f"shape={DOT_SHAPES[node.kind]}" in line
        assert "fillcolor=" in line
    assert len(set(DOT_SHAPES.values())) == len(NodeKind)  # kinds read without colour
    assert 'peripheries=2' in next(ln for ln in text.splitlines() if '"zoe-scared" [' in ln)
    assert text.count(" -> ") == len(chase_map.links)
    assert PRIVATE not in text and PRIVATE not in render(chase_map, "dot", "client").decode()


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def _dot_svg(source: bytes) -> str:
    done = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert not done.stderr.strip(), done.stderr.decode()  # no syntax warnings either
    return done.stdout.decode("utf-8")


@needs_dot
def test_dot_draws_the_example_with_graphviz(chase_map: RelationalMap) -> None:
    svg = _dot_svg(render_dot(chase_map))
    titles = {html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg)}
    assert {n.id for n in chase_map.nodes} <= titles
    assert "cluster_0" in titles and "cluster_1" in titles
    words = html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    assert "Sam goes quiet after a" in words and "the chase" in words


@needs_dot
def test_dot_draws_hostile_labels_as_text() -> None:
    m = hostile_map()
    svg = _dot_svg(render_dot(m))
    words = html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    for label in ('say "no" [then] {wait} (ok) | pipe', "<script>alert(1)</script>",
                  "\\ back \\n slash \\N \\l", "click n1 call x()", "“curly”"):
        for word in label.split(" "):
            assert word in words, (label, word)
    assert "\x1b" not in svg and "\x07" not in svg
    assert len(re.findall(r'<g id="node\d+" class="node">', svg)) == len(m.nodes)


# -- Mermaid -------------------------------------------------------------------------

_NODE = re.compile(r'^\s+n(\d+)(>|\(\[|\[\[|\[\(|\[/|\[\\|\{\{|\(|\[)"([^"]*)"(\]|\]\)|\]\]|\)\]|/\]|\\\]|\}\}|\))$')
_EDGE = re.compile(r'^  n\d+ (-->|==>|-\.->|--x)\|"[a-z ]+"\| n\d+$')
_SUBGRAPH = re.compile(r'^  subgraph p\d+\["([^"]*)"\]$')
_SAFE = re.compile(r'^[^"`\[\](){}<>|%\\\n\r\x00-\x1f]*$')


def _decoded(text: str) -> str:
    assert _SAFE.match(text.replace("<br>", "")), text
    assert re.fullmatch(r"([^#]|#\d+;)*", text), text  # every # begins an entity code
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text).replace("<br>", "\n")


def test_every_line_of_the_flowchart_is_one_mermaid_statement(chase_map: RelationalMap) -> None:
    lines = mermaid_flowchart(chase_map).splitlines()
    assert lines[0] == "flowchart TB"
    body = [ln for ln in lines[1:] if ln.strip() not in ("end",)]
    for line in body:
        assert (_NODE.match(line) or _EDGE.match(line) or _SUBGRAPH.match(line)
                or line.startswith(("  classDef ", "  class "))), line
    assert sum(1 for ln in lines if _NODE.match(ln)) == len(chase_map.nodes)
    assert sum(1 for ln in lines if _EDGE.match(ln)) == len(chase_map.links)
    assert sum(1 for ln in lines if ln.strip() == "end") == 2  # one subgraph per person


def test_hostile_labels_are_escaped_for_mermaid_and_read_back_the_same() -> None:
    m = hostile_map()
    lines = mermaid_flowchart(m).splitlines()
    labels = [_decoded(found[3]) for ln in lines if (found := _NODE.match(ln))]
    expected = [re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", n.label.replace("\t", " ")
                       .replace("\r\n", "\n")) for n in m.nodes]
    # Nodes come person by person: Zo"ë's first, then end's, then nobody's.
    assert sorted(labels) == sorted(expected)
    names = [_decoded(found[1]) for ln in lines if (found := _SUBGRAPH.match(ln))]
    assert names == ['Zo"ë] end', "end"]
    assert len(MERMAID_SHAPES) == len(NodeKind)


def test_a_hostile_label_cannot_end_the_markdown_code_block() -> None:
    md = render_markdown(hostile_map())
    block = md[md.index("```mermaid\n"):]
    block = block[:block.index("\n```\n") + 5]
    assert block.count("```") == 2
    assert "2 back" not in md
    assert all(f"secret {i}" not in md for i in range(len(HOSTILE)))


def test_the_markdown_draws_the_map_for_notes_tools(chase_map: RelationalMap) -> None:
    md = render_markdown(chase_map)
    assert "## The map\n\n```mermaid\nflowchart TB\n" in md
    assert md.count("```mermaid") == 1


# -- through the command line -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["dot", "json", "md"])
def test_export_writes_each_format_beside_the_map_owner_only(
    capsys: pytest.CaptureFixture[str], chase_path: Path, fmt: str
) -> None:
    assert main(["export", str(chase_path), "-f", fmt]) == 0
    out = chase_path.with_name(f"chase-client{FORMATS[fmt].suffix}")
    assert out.stat().st_mode & 0o777 == 0o600
    assert PRIVATE not in out.read_text("utf-8")
    assert f"wrote {out} ({fmt}, for the client)" in capsys.readouterr().err


def test_the_help_lists_every_format_and_config(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^ +config +\S", out, re.MULTILINE) and "--version" in out
    export = re.search(r"^ +export +(.*(?:\n {6,}\S.*)*)", out, re.MULTILINE)
    assert export is not None
    summary = " ".join(export.group(1).split())
    assert main(["export", "--help"]) == 0
    options = " ".join(capsys.readouterr().out.split())
    for fmt in FORMATS.values():
        assert f"{fmt.name}: {fmt.description}" in options
        assert re.search(rf"\b{fmt.name}\b", summary), fmt.name


# -- through the session's export dialog ---------------------------------------------


@pilot_test
async def test_the_dialog_exports_json_with_the_settings_defaults(
    chase_path: Path, own_settings: Path
) -> None:
    own_settings.parent.mkdir(parents=True)
    own_settings.write_text('audience = "therapist"\npaper = "letter"\n', "utf-8")
    app = Host(chase_path)
    from exports.settings import load_settings

    app.settings = load_settings()
    async with app.run_test(size=(100, 30)) as pilot:
        app.export()
        await pilot.pause()
        screen = app.screen
        assert screen.audience == "therapist" and screen.paper == "letter"
        await pilot.click("#format-json")
        await pilot.pause()
        await pilot.click("#audience-client")
        await pilot.pause()
        await pilot.click("#export-go")
        await pilot.pause()
        progress = app.screen
        assert isinstance(progress, ExportProgress)
        await finished(pilot, progress)
        await pilot.press("enter")
        await pilot.pause()
    out = chase_path.with_name("chase-client.json")
    assert app.results == [out]
    g = nx.node_link_graph(json.loads(out.read_text("utf-8")), edges="links")
    assert len(g.nodes) == 17 and len(g.edges) == 22
    assert PRIVATE not in out.read_text("utf-8")


@pilot_test
async def test_every_format_is_offered_in_the_dialog_and_the_palette(chase_path: Path) -> None:
    from functools import partial

    from tui.app import AttachmapApp
    from tui.export_screen import CHOICES, FORMAT_NAMES
    from tui.session.palette import session_commands

    assert set(CHOICES) == set(FORMATS) == set(FORMAT_NAMES)
    app = AttachmapApp(chase_path, idle_after=0)
    async with app.run_test(size=(120, 40)):
        offered = {c.run.args[0] for c in session_commands(app.session)
                   if isinstance(c.run, partial) and c.run.func == app.session.action_export}
    assert offered == set(FORMATS)
