"""The same story everywhere (issue 11): the PDF (read back with pypdf), the
Markdown, the client's review and the session's Patterns panel (both through
the Pilot, read from their widgets) tell the same cycles, with the same
titles and the same sentences, each person's chain once per cycle, no word of
a label changed; and `attachmap check` counts the same cycles.

Maps: the chase example, and invented ones (a couple whose one named loop has
five variants, a family of three with two cycles, a single client with a
cycle and two triggers on no cycle; from the voice review: Luis and Chris,
names ending in s, plural triggers, a feeling said "panic", one try, a
rupture with the therapist and a private one; Inés, whose map has no cycle
at all and a mother with no needs; the Okafors, a move "headphones on,
door shut" and "be the easy one"), in tests/voice_maps/.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.support.pilot import pilot_test, session_app, settle
from textual.widgets import Static

from exports.markdown import esc, render_markdown
from exports.pdf import render_pdf
from exports.store.toml import load_map
from exports.summary import summarize
from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.story import PatternStory, tell
from patterns.voice import on_cycle, part_words
from tests.support.examples import example_paths
from tui.review.app import ReviewApp

HERE = Path(__file__).resolve().parent / "voice_maps"
MAPS = [next(p for p in example_paths() if p.name == "chase.toml"),
        HERE / "couple.toml", HERE / "family.toml", HERE / "single.toml",
        HERE / "luis_chris.toml", HERE / "no_cycle.toml", HERE / "okafors.toml"]


def told(path: Path) -> PatternStory:
    g = MapGraph.from_map(load_map(path))
    return tell(g, analyse(g))


def expected(story: PatternStory) -> list[str]:
    """Every chain as the outputs show it: `Zoë: When …`."""
    chains = [c for cycle in story.cycles for c in cycle.chains] + story.others
    return [f"{c.who}: {c.text}" if c.who else c.text for c in chains]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(params=MAPS, ids=[p.stem for p in MAPS])
def map_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    target = tmp_path / request.param.name
    shutil.copyfile(request.param, target)
    target.chmod(0o600)
    return target


def test_the_pdf_and_the_markdown_tell_the_same_chains(map_path: Path) -> None:
    m = load_map(map_path)
    story = told(map_path)
    chains = expected(story)
    assert chains, "every map here has something to tell"
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(m))).pages))
    md = render_markdown(m)
    told_part = re.search(r"(?s)\n## (The cycles? that keeps? you stuck|Your pattern, in words)\n"
                          r"(.*?)(\n## |$)", md).group(2)
    md_chains = [f"{who}: {text}" for who, text in
                 re.findall(r"(?m)^- \*\*(.+?):\*\* (.+)$", told_part)]
    assert md_chains == chains
    for chain in chains:
        assert pdf.count(chain) == 1, chain
    for cycle in story.cycles:
        assert f"### ⟳ {cycle.title}" in md
        assert f"⟳ {cycle.title}" in pdf


def test_every_part_is_described_in_the_same_words_in_the_pdf_and_the_markdown(
        map_path: Path) -> None:
    # "Everything on the map", in both: a part's layer, style and strength in
    # plain words, and "on the cycle" (or "on a cycle", with several) for a
    # part the map marks ⟳: one vocabulary with the heading above the chains.
    m = load_map(map_path)
    found = analyse(MapGraph.from_map(m))
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(m))).pages))
    md = render_markdown(m)
    cycle = on_cycle(len(found.cycles))
    marked = 0
    for node in m.nodes:
        words = ", ".join(part_words(node, cycle=cycle if node.id in found.on_loop() else None))
        if not words:
            continue
        marked += cycle in words
        assert re.search(rf"(?m)^- {re.escape(esc(node.label))}( \(.+?\))? \*\({re.escape(words)}\)\*",
                         md), (node.label, words)
        assert re.search(rf"{re.escape(flat(node.label))} ·? ?{re.escape(words)}", pdf), \
            (node.label, words)
    assert marked == len(found.on_loop())
    assert "on a loop" not in md


def test_each_person_is_told_once_per_cycle_and_no_label_word_changes(map_path: Path) -> None:
    g = MapGraph.from_map(load_map(map_path))
    found = analyse(g)
    seen = [(s.cycle, s.person) for s in found.sentences if s.cycle is not None]
    assert len(seen) == len(set(seen))
    for s in found.sentences:
        for node_id in s.node_ids:
            label = g.node(node_id).label
            assert label in s.text or s.text.startswith(label[:1].upper() + label[1:]), label


def test_check_counts_the_cycles_the_documents_tell(map_path: Path) -> None:
    story = told(map_path)
    line = next(x for x in summarize(load_map(map_path), "x").splitlines()
                if x.startswith("  cycles"))
    assert re.match(rf"  cycles    {len(story.cycles)}\+?(:|$)", line), line


def test_a_map_whose_loops_are_all_variants_of_one_named_loop_has_one_cycle() -> None:
    m = load_map(HERE / "couple.toml")
    found = analyse(MapGraph.from_map(m))
    assert len(found.loops) == 6 and len(found.cycles) == 1
    assert "  cycles    1: “the phone”" in summarize(m, "couple.toml").splitlines()


@pilot_test
async def test_the_review_and_the_patterns_panel_tell_the_same_chains(map_path: Path) -> None:
    story = told(map_path)
    chains = expected(story)
    review = ReviewApp(map_path)
    async with review.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(review.screen.query_one("#patterns-text", Static).visual)
    assert [line for line in shown.splitlines() if line in chains] == chains
    for cycle in story.cycles:
        assert f"⟳ {cycle.title}" in shown
    app = session_app(map_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = str(app.session.query_one("#patterns-text", Static).visual)
    assert [line for line in panel.splitlines() if line in chains] == chains
    for cycle in story.cycles:
        assert f"⟳ {cycle.title}" in panel


@pilot_test
async def test_swapping_the_demos_two_people_still_speaks_to_the_client(tmp_path: Path) -> None:
    # Zoë has the role "client"; listing Sam first must not make Sam "you".
    m = load_map(MAPS[0])
    swapped = m.model_copy(update={"people": list(reversed(m.people))})
    assert swapped.people[0].name == "Sam"
    to_zoe = "Sam’s “go quiet and shut down” lands on you as “Sam goes quiet after a disagreement”."
    from_zoe = "Your “text again and again” and “criticise and demand an answer” land on Sam"
    for version in (m, swapped):
        pdf = flat(" ".join(p.extract_text()
                            for p in PdfReader(io.BytesIO(render_pdf(version))).pages))
        md = render_markdown(version)
        assert to_zoe in pdf and from_zoe in pdf
        assert to_zoe in md and from_zoe in md
    from exports.store.toml import save_map

    path = tmp_path / "swapped.toml"
    save_map(swapped, path)
    review = ReviewApp(path)
    async with review.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(review.screen.query_one("#patterns-text", Static).visual)
    assert to_zoe in shown and from_zoe in shown
    assert "reassurance that we're ok (you)" in shown


def test_each_cycle_is_told_from_the_client_when_it_passes_through_them() -> None:
    # Rosa (the mother) is listed first; Mia has the role "client".
    story = told(HERE / "family.toml")
    assert [[c.who for c in cycle.chains] for cycle in story.cycles] == [
        ["Mia", "Rosa"], ["Mia", "Ken", "Rosa"]]
    assert story.cycles[1].chains[1].text == (
        "When the shouting starts, I feel helpless, and I feel it in my body — knot in my"
        " stomach — so I stay late at work, or make a joke, because what I need is for us to be"
        " ok as a family.")
    assert story.cycles[1].chains[2].text == (
        "When I'm left to handle it alone, I feel furious, worn out, so I ask more questions,"
        " because I need to know she's safe.")


def test_the_voice_reviews_invented_clients_read_as_a_therapist_would_hand_them_over() -> None:
    luis = told(HERE / "luis_chris.toml")
    assert [f"{c.who}: {c.text}" for c in luis.cycles[0].chains] == [
        "Luis: When there are mixed signals about the weekend, I panic, and underneath that, I"
        " feel worthless, and I tell myself “he's going to leave”, and I go numb and I feel it in"
        " my body — shaking hands — so I ask 'are we ok?' over and over, because I need to hear"
        " I'm wanted.",
        "Chris: When there are questions at bedtime, I feel cornered and I worry, and I tell"
        " myself ‘Luis says \"we need to talk\" and it's a trial’, so I pretend to be asleep."]
    okafors = told(HERE / "okafors.toml")
    assert okafors.cycles[0].chains[0].text == (
        "When there are lectures about my grades, I'm feeling like a disappointment, and my jaw"
        " clenches and I feel it in my body — hot face — so it's headphones on, door shut,"
        " because I need to be seen as more than a report card.")
    assert okafors.others[0].text == (
        "When there are raised voices upstairs, I feel invisible, so I try to be the easy one.")
    alone = told(HERE / "no_cycle.toml")
    assert not alone.cycles and {c.who for c in alone.others} == {"Inés"}
    assert [c.text for c in alone.others][1:3] == [
        "When I'm faced with Sunday evenings, I feel dread, and I tell myself “nobody would"
        " notice if I vanished”, and I feel it in my body — lump in my throat — so I clean the"
        " whole kitchen, or check my phone every few minutes, though what I need is rest without"
        " guilt.",
        "When there's news about layoffs, I freak out, and underneath that, I feel small, and I"
        " tell myself “I should cope better”, so I clean the whole kitchen, I check my phone every"
        " few minutes, or I end up yelling at the kids, though what I need is rest without"
        " guilt."]


@pilot_test
async def test_a_map_with_no_cycle_is_framed_alike_and_as_one_persons_words(tmp_path: Path) -> None:
    # Inés's map holds her mother too, but only Inés's chains are told: "in
    # your own words", not "person by person"; the same heading in all three.
    path = tmp_path / "no_cycle.toml"
    shutil.copyfile(HERE / "no_cycle.toml", path)
    path.chmod(0o600)
    m = load_map(path)
    md = render_markdown(m)
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(m))).pages))
    intro = ("These sentences put the map into words, in your own words, as found in our"
             " sessions.")
    assert "\n## Your pattern, in words\n\nThese sentences put the map into words, in your own" \
        " words," in md
    assert "Your pattern, in words " + intro in pdf
    assert "person by person" not in md and "person by person" not in pdf
    assert "What you need underneath" in md and "What you need underneath" in pdf
    review = ReviewApp(path)
    async with review.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(review.screen.query_one("#patterns-text", Static).visual)
    assert shown.startswith("Your pattern, in words\n")
    assert "What you need underneath" in shown and "How it goes" not in shown


def test_a_map_with_no_new_response_says_so_in_the_pdf_as_in_the_markdown() -> None:
    m = load_map(HERE / "okafors.toml")
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(m))).pages))
    assert "\n## New ways to try\n" in render_markdown(m)
    assert "No new responses mapped yet." in render_markdown(m)
    assert "a straight line. No new responses mapped yet. Still looking" in pdf


def test_an_experiment_not_tried_yet_is_said_alike() -> None:
    m = load_map(MAPS[0])
    m = m.model_copy(update={"experiments": [m.experiments[0].model_copy(update={"tries": []})]})
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(m))).pages))
    words = "Not tried yet. Each try, however it goes, is worth noting down."
    assert f"*{words}*" in render_markdown(m) and words in pdf
