"""The Markdown export (issue 4): `attachmap export FILE -f md`."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from exports.markdown import esc, render_markdown, render_markdown_bytes
from exports.formats import render
from patterns.models import Node, RelationalMap
from tests.support.strategies import maps
from tui.cli import main

PRIVATE = "Links to the 2019 separation; go gently"


def test_the_client_copy_reads_as_a_relational_map(chase_map: RelationalMap) -> None:
    md = render_markdown(chase_map)
    assert md.startswith("---\ntitle: \"Zoë and Sam: the chase\"\n")
    assert "\n# Zoë and Sam: the chase\n" in md
    # The one cycle, each person's chain once, in their own words.
    assert "\n### ⟳ The chase\n" in md
    assert ("- **Zoë:** When Sam goes quiet after a disagreement, I feel angry, fed up, and"
            " underneath that, scared of being left") in md
    assert "- **Sam:** When there's a stream of messages and questions, I feel overwhelmed" in md
    assert md.count("When Sam goes quiet after a disagreement,") == 1
    assert "loop 2" not in md and "without a name" not in md
    # The framing speaks to Zoë, the client, as "you".
    assert "- Your “text again and again” and “criticise and demand an answer” land on Sam" in md
    assert "- **reassurance that we're ok**  \n  reached for by “text again and again”" in md
    assert "met by “say 'I'm scared' once, then wait”" in md
    assert "- **to feel good enough, not judged** (Sam)" in md
    assert "another way instead of: “criticise and demand an answer”." in md
    assert "| 22 Nov 2026 | 8/10 | 5/10 | Hard, but he called back |" in md
    assert "- **What happened:** Shouted about the dishes" in md
    assert "- **27 Nov 2026** — Naming the cycle; first new responses" in md
    assert "Your therapist noted: Worse late in the evening" in md  # shared notes stay
    words = re.sub(r"(?s)```mermaid.*?```", "", md)  # the drawing's code is not read aloud
    # One word for the pattern: the cycle, as its heading says (not "on a loop").
    assert "- tight chest, racing heart *(on the cycle)*" in md
    for jargon in ("vicious", "attack", "withdraw", "pursue", "/10)", "intensity", "core",
                   "surface", "Everyone", "loop"):
        assert jargon not in words, jargon


def test_the_client_copy_has_no_private_note(chase_map: RelationalMap) -> None:
    md = render_markdown(chase_map)
    assert "2019" not in md and "gently" not in md
    assert "private" not in md.lower() and "therapist only" not in md.lower()
    assert "therapist's copy" not in md


def test_the_therapist_copy_adds_private_notes_in_a_marked_section(
        chase_map: RelationalMap) -> None:
    md = render_markdown(chase_map, "therapist")
    section = md.index("## Therapist only: private notes")
    assert md.count(PRIVATE) == 1 and md.index(PRIVATE) > section
    assert "Not for the client" in md[section:]
    assert "therapist's copy: contains private notes" in md.split("\n## ")[0]


def test_headings_are_plain_markdown_for_notes_systems(chase_map: RelationalMap) -> None:
    headings = re.findall(r"(?m)^(#+) (.*)$", render_markdown(chase_map))
    assert headings[0] == ("#", "Zoë and Sam: the chase")
    assert [h for h in headings if h[0] == "#"] == [headings[0]]  # one title
    names = [text for level, text in headings if level == "##"]
    # The same sections as the PDF, in the same order.
    assert names == ["The cycle that keeps you stuck", "The dance between you",
                     "What you each need underneath", "New ways to try",
                     "What steadies you, and where it began", "Ruptures and repairs",
                     "Sessions so far", "The map", "Everything on the map"]


def test_every_private_note_is_left_out_of_a_client_copy_of_any_map() -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(maps())
    def check(m: RelationalMap) -> None:
        nodes = [n.model_copy(update={"private_note": f"PRIVATE-MARK-{i}"})
                 for i, n in enumerate(m.nodes)]
        marked = m.model_copy(update={"nodes": nodes})
        assert "PRIVATE-MARK" not in render_markdown(marked)
        assert render(marked, "md", "client").decode("utf-8") == render_markdown(marked)
        therapist = render_markdown(marked, "therapist")
        assert all(f"PRIVATE-MARK-{i}" in therapist for i in range(len(nodes)))

    check()


def test_user_text_cannot_become_markup() -> None:
    m = RelationalMap(title="# not a heading", nodes=[
        Node(id="t", kind="trigger", label="<script>alert(1)</script> [[Secret page]] *bold*"),
        Node(id="f", kind="feeling", label="- not a list\n# nor a heading"),
    ])
    md = render_markdown(m)
    assert "<script>" not in md and "[[" not in md
    assert "\\*bold\\*" in md
    assert "\n# \\# not a heading\n" in md
    assert not re.search(r"(?m)^\s*# nor", md)
    assert esc("1. first") == "1\\. first"


def test_a_bare_map_renders_its_title_only() -> None:
    md = render_markdown(RelationalMap(title="Just started"))
    assert "# Just started" in md
    assert "##" not in md


def test_an_unknown_audience_is_refused(chase_map: RelationalMap) -> None:
    with pytest.raises(ValueError):
        render_markdown(chase_map, "everyone")  # type: ignore[arg-type]
    assert render_markdown_bytes(chase_map) == render_markdown(chase_map).encode("utf-8")


def test_export_md_through_the_command_line(chase_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(chase_path), "-f", "md"]) == 0
    out = chase_path.with_name("chase-client.md")
    text = out.read_text("utf-8")
    assert "### ⟳ The chase" in text and "2019" not in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "chase-client.md" in capsys.readouterr().err

    mine = chase_path.with_name("notes.md")
    assert main(["export", str(chase_path), "-f", "md", "--audience", "therapist",
                 "-o", str(mine)]) == 0
    assert PRIVATE in mine.read_text("utf-8")


def test_export_md_to_standard_output(chase_path: Path,
                                      capsys: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(chase_path), "-f", "md", "-o", "-"]) == 0
    assert "# Zoë and Sam: the chase" in capsys.readouterr().out


def test_export_md_of_a_broken_map_says_what_is_wrong(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "attachmap"\nversion = 1\ntitle = "x"\n[[nodes]]\nid = "a"\n',
                      "utf-8")
    assert main(["export", str(broken), "-f", "md"]) == 1
    err = capsys.readouterr().err
    assert "broken.toml" in err and "nodes[0]" in err and "Traceback" not in err
    assert not (tmp_path / "broken-client.md").exists()


def test_a_map_still_at_the_start_says_what_is_missing() -> None:
    m = RelationalMap(title="First session", nodes=[
        Node(id="t", kind="trigger", label="my boss emails late at night"),
        Node(id="f", kind="feeling", label="dread"),
        Node(id="s", kind="strategy", label="answer at once"),
        Node(id="n", kind="need", label="to rest without fear"),
    ], links=[{"source": "t", "target": "f"}, {"source": "f", "target": "s"},
              {"source": "s", "target": "n"}, {"source": "s", "target": "t"}])
    md = render_markdown(m)
    assert "- **to rest without fear**  \n  reached for by “answer at once”  \n  *no new way" in md
    assert "No new responses mapped yet." in md
    assert "another way instead of: “answer at once”." in md  # no alternative yet
    # A cycle with no name yet is called by its first steps.
    assert "\n### ⟳ My boss emails late at night → answer at once\n" in md
    assert ("- When my boss emails late at night, I feel dread, so I answer at once, because I"
            " need to rest without fear.") in md
    assert "(Everyone)" not in md and "### " + "Everyone" not in md
