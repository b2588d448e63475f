"""`attachmap export FILE -f svg`: the map drawn as on paper, one element a
node and one a link, styled by kind, readable by any XML tool; the same
audience rules as the PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exports.formats import render
from exports.svg_map import render_svg
from patterns.models import Link, Node, Person, RelationalMap
from patterns.synthetic import synthetic_map
from tui.cli import main as cli

SVG = "{http://www.w3.org/2000/svg}"
PRIVATE = "Links to the 2019 separation"  # the chase's private note


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if cls in (g.get("class") or "").split()]


def check_svg(data: bytes, m: RelationalMap) -> ET.Element:
    """Every node and every link of the map, each one element, as promised."""
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    nodes = groups(root, "node")
    assert sorted(g.get("data-id") for g in nodes) == sorted(n.id for n in m.nodes)
    kind = {n.id: n.kind.value for n in m.nodes}
    for g in nodes:
        assert f"kind-{kind[g.get('data-id')]}" in g.get("class").split()
        assert g.find(f"{SVG}rect") is not None
    links = groups(root, "link")
    pairs = {(lk.source, lk.target) for lk in m.links}
    assert sorted((g.get("data-source"), g.get("data-target")) for g in links) == sorted(pairs)
    for g in links:
        path = g.find(f"{SVG}path")
        assert path is not None and path.get("d", "").startswith("M")
        kinds = {c.removeprefix("kind-") for c in g.get("class").split() if c.startswith("kind-")}
        expected = {lk.kind.value for lk in m.links
                    if (lk.source, lk.target) == (g.get("data-source"), g.get("data-target"))}
        assert kinds == expected
    return root


def test_the_chase_as_svg_has_every_node_and_link(chase_map: RelationalMap) -> None:
    root = check_svg(render_svg(chase_map), chase_map)
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    # the same drawing as the PDF's map page: the ring's name, people, the key
    assert "⟳ the chase" in text and "Zoë" in text and "Sam" in text
    assert "⟳ a cycle" in text and len(groups(root, "key-entry")) <= 6


def test_the_client_svg_never_holds_a_private_note(chase_map: RelationalMap) -> None:
    client = render(chase_map, "svg", "client")
    assert PRIVATE.encode() not in client and b"private-note" not in client
    therapist = render(chase_map, "svg", "therapist")
    assert PRIVATE.encode() not in therapist  # the SVG marks a note, never shows it
    root = ET.fromstring(therapist)
    marked = [g for g in groups(root, "node") if g.find(f".//{SVG}g[@class='private-note']")
              is not None]
    assert [g.get("data-id") for g in marked] == ["zoe-too-much"]


@pytest.mark.parametrize("n", [30, 60])
def test_invented_maps_as_svg(n: int) -> None:
    m = synthetic_map(n, people=3)
    check_svg(render_svg(m), m)


def test_words_that_look_like_markup_stay_words() -> None:
    m = RelationalMap(title="<script>alert(1)</script> & co", people=[Person(id="p", name="A&B")],
                      nodes=[Node(id="a", kind="trigger", label="</text><g class=\"node\">x",
                                  person="p"),
                             Node(id="b", kind="feeling", label="ring\x07 \x1b[31mred",
                                  person="p")],
                      links=[Link(source="a", target="b")])
    data = render_svg(m)
    root = check_svg(data, m)
    assert b"<script>" not in data and b"\x1b" not in data and b"\x07" not in data
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any("</text><g" in t for t in texts)


def test_cli_writes_an_owner_only_svg(chase_path: Path) -> None:
    assert cli(["export", str(chase_path), "-f", "svg"]) == 0
    out = chase_path.with_name("chase-client.svg")
    assert out.stat().st_mode & 0o777 == 0o600
    ET.fromstring(out.read_bytes())
