"""The PDF to take home (issue 5), read back with pypdf: what a therapist and
a client would check on paper."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.errors import AttachmapError
from exports.pdf import render_pdf
from exports.store.toml import load_map
from patterns.models import Link, Node, Person, RelationalMap
from tui.cli import main as cli

PRIVATE = "Links to the 2019 separation"


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    """All the words of the PDF, white space collapsed (labels wrap in boxes)."""
    reader = read(data)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def chase() -> RelationalMap:
    from tests.support.examples import example_paths

    return load_map(next(p for p in example_paths() if p.name == "chase.toml"))


@pytest.fixture(scope="module")
def client_pdf(chase: RelationalMap) -> bytes:
    return render_pdf(chase)


@pytest.fixture(scope="module")
def therapist_pdf(chase: RelationalMap) -> bytes:
    return render_pdf(chase, audience="therapist")


def test_it_is_a_pdf_with_the_map_first_on_one_a4_page(client_pdf: bytes) -> None:
    reader = read(client_pdf)
    first = reader.pages[0]
    size = sorted((float(first.mediabox.width), float(first.mediabox.height)))
    assert size == pytest.approx([595.28, 841.89], abs=0.1)  # A4, turned for the map
    words = re.sub(r"\s+", " ", first.extract_text())
    for label in ("Sam goes quiet after a disagreement", "scared of being left",
                  "text again and again", "go quiet and shut down", "reassurance that we're ok"):
        assert label in words
    assert "the chase" in words  # the loop is named on the picture
    for band in ("TRIGGERS", "STRATEGIES", "NEEDS"):
        assert band in words
    assert "Zoë" in words and "Sam" in words  # a column per person


def test_every_label_of_the_map_is_in_the_pdf(chase: RelationalMap, client_pdf: bytes) -> None:
    words = text_of(client_pdf)
    for node in chase.nodes:
        assert node.label in words, node.label


def test_the_story_speaks_to_the_client(client_pdf: bytes) -> None:
    words = text_of(client_pdf)
    # One cycle, each person's chain once, in that person's own "I".
    assert "⟳ The chase" in words
    assert ("Zoë: When Sam goes quiet after a disagreement, I feel angry, fed up, and underneath"
            " that, scared of being left, and I tell myself “I'm too much for people”, and I feel"
            " it in my body — tight chest, racing heart — so I text again and again, or criticise"
            " and demand an answer, because I need reassurance that we're ok.") in words
    assert ("Sam: When there's a stream of messages and questions, I feel overwhelmed, and I tell"
            " myself “I'm failing her again”, so I go quiet and shut down, because I need to feel"
            " good enough, not judged.") in words
    assert words.count("When Sam goes quiet after a disagreement,") == 1
    assert "so you text" not in words and "you need reassurance" not in words
    # The framing speaks to Zoë as "you".
    assert ("Sam’s “go quiet and shut down” lands on you as “Sam goes quiet after a disagreement”."
            in words)
    assert "What you each need underneath" in words
    for jargon in ("vicious", "loop 2", "attack", "withdraw", "hypervigilance", "/10",
                   "a way of coping with", "on average after"):
        assert jargon not in words, jargon
    assert "tried twice: distress afterwards has gone from 5 to 3 out of 10" in words.lower()
    assert "Shouted about the dishes" in words  # the repair log
    assert "Naming the cycle; first new responses" in words  # the sessions so far
    assert "Your therapist noted: Worse late in the evening" in words  # a shared note


def test_private_notes_only_in_the_therapists_copy(client_pdf: bytes, therapist_pdf: bytes) -> None:
    client, therapist = text_of(client_pdf), text_of(therapist_pdf)
    assert PRIVATE not in client
    assert "private note" not in client.lower().replace("no private notes", "")
    assert PRIVATE in therapist
    assert "Therapist only: private notes" in therapist
    # Every page of the therapist's copy says so, the map page too.
    for page in read(therapist_pdf).pages:
        assert "THERAPIST’S COPY" in page.extract_text()


def test_a_client_copy_holds_no_private_note_even_when_called_directly() -> None:
    m = RelationalMap(title="Private test", nodes=[
        Node(id="a", kind="trigger", label="door slams", private_note="SECRET-ONE"),
        Node(id="b", kind="feeling", label="frozen", private_note="SECRET-TWO"),
    ], links=[Link(source="a", target="b")])
    words = text_of(render_pdf(m, audience="client"))
    assert "SECRET" not in words and "door slams" in words


NAMES = ("Zoë", "Sam", "Z. & S.", "Zoë and Sam", "chase")


def _metadata_text(data: bytes) -> str:
    reader = read(data)
    info = " ".join(str(v) for v in (reader.metadata or {}).values())
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    return info + " " + xmp


def test_metadata_names_nobody(client_pdf: bytes, therapist_pdf: bytes) -> None:
    for data in (client_pdf, therapist_pdf):
        meta = read(data).metadata
        assert meta.title == "Relational map"
        assert not meta.author
        everything = _metadata_text(data)
        for name in NAMES:
            assert name not in everything
        for default in ("anonymous", "unspecified", "untitled"):
            assert default not in everything.lower()
        xmp = read(data).xmp_metadata
        assert xmp.dc_title == {"x-default": "Relational map"}


def test_metadata_names_the_client_only_when_asked(chase: RelationalMap) -> None:
    data = render_pdf(chase, name_in_metadata=True)
    meta = read(data).metadata
    assert meta.title == "Zoë and Sam: the chase"
    assert meta.author == "Z. & S."
    assert "Zoë and Sam: the chase" in _metadata_text(data)


def test_unicode_labels_render_in_the_shipped_font() -> None:
    label = "Zoë’s “fear” — ü, é, ✓"
    m = RelationalMap(title="Unicode", nodes=[
        Node(id="u", kind="feeling", label=label), Node(id="v", kind="strategy", label="ça va ✓")],
        links=[Link(source="u", target="v")])
    data = render_pdf(m)
    assert label in text_of(data)
    fonts = set()
    for page in read(data).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # Embedded subsets of the shipped DejaVu, none of the standard 14 or the system's.
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+DejaVuSans[-A-Za-z]*", f) for f in fonts), fonts
    from exports.pdf_fonts import missing_glyphs

    assert not missing_glyphs(label)


def test_markup_and_control_characters_in_labels_are_words_not_commands() -> None:
    m = RelationalMap(title="Odd <b>title</b> & co", nodes=[
        Node(id="a", kind="trigger", label="<b>bold?</b> & <i>\tthen\x07</i>"),
        Node(id="b", kind="feeling", label="x" * 300)])
    words = text_of(render_pdf(m))
    # The tab is a space; the bell is a mark, as on the map page and the screen's map.
    assert "<b>bold?</b> & <i> then\ufffd</i>" in words
    assert "\x07" not in words
    assert "x" * 300 in words.replace(" ", "")


def test_paper_letter_and_a4(chase: RelationalMap) -> None:
    letter = read(render_pdf(chase, paper="letter"))
    story = letter.pages[-1]
    assert (float(story.mediabox.width), float(story.mediabox.height)) == (612, 792)
    with pytest.raises(AttachmapError, match="paper"):
        render_pdf(chase, paper="a5")


def test_an_empty_map_and_a_map_without_people_still_make_a_pdf() -> None:
    empty = text_of(render_pdf(RelationalMap(title="Just started")))
    assert "Just started" in empty
    lone = RelationalMap(title="No people", nodes=[
        Node(id="t", kind="trigger", label="late reply"), Node(id="f", kind="feeling", label="alone"),
        Node(id="s", kind="strategy", label="check the phone"), Node(id="n", kind="need", label="to matter")],
        links=[Link(source="t", target="f", kind="activates"), Link(source="f", target="s"),
               Link(source="s", target="n", kind="longs_for")])
    words = text_of(render_pdf(lone))
    assert ("When there's late reply, I feel alone, so I check the phone, because I need"
            " to matter.") in words


def test_cli_export_writes_an_owner_only_pdf(chase_path: Path) -> None:
    assert cli(["export", str(chase_path), "-f", "pdf"]) == 0
    out = chase_path.with_name("chase-client.pdf")
    assert out.stat().st_mode & 0o777 == 0o600
    assert PRIVATE not in text_of(out.read_bytes())
    assert cli(["export", str(chase_path), "-f", "pdf", "--audience", "therapist",
                "--paper", "letter", "--name-in-metadata"]) == 0
    therapist = chase_path.with_name("chase-therapist.pdf").read_bytes()
    assert PRIVATE in text_of(therapist)
    assert read(therapist).metadata.title == "Zoë and Sam: the chase"


def test_two_people_in_a_map_each_get_a_column_heading() -> None:
    m = RelationalMap(title="Two", people=[Person(id="a", name="Ana"), Person(id="b", name="Bo")],
                      nodes=[Node(id="x", kind="trigger", label="silence", person="a"),
                             Node(id="y", kind="trigger", label="questions", person="b")])
    first = read(render_pdf(m)).pages[0].extract_text()
    assert "Ana" in first and "Bo" in first


def test_the_outline_lists_the_map_and_each_part_of_the_story(client_pdf: bytes) -> None:
    titles = [item.title for item in read(client_pdf).outline]
    assert titles[0] == "The map"
    for title in ("How to read your map", "The cycle that keeps you stuck",
                  "The dance between you", "What you each need underneath", "New ways to try",
                  "What steadies you, and where it began", "Ruptures and repairs",
                  "Sessions so far", "Everything on the map"):
        assert title in titles, titles


def test_many_tries_keep_their_trend_and_their_latest_entries(chase: RelationalMap) -> None:
    import datetime as dt

    from patterns.models import Try

    tries = [Try(date=dt.date(2026, 1, 1) + dt.timedelta(days=i), before=9, after=max(0, 8 - i // 5),
                 note=f"try number {i + 1}") for i in range(40)]
    experiment = chase.experiments[0].model_copy(update={"tries": tries})
    words = text_of(render_pdf(chase.model_copy(update={"experiments": [experiment]})))
    assert "tried 40 times: distress afterwards has gone from 8 to 1 out of 10" in words.lower()
    assert "try number 40" in words and "try number 29" in words  # the latest rows are listed
    assert "try number 3 " not in words  # older ones are summed up, in the chart
    assert "The 28 earlier tries are in the chart." in words


def test_named_loops_are_told_first_as_the_map_draws_them() -> None:
    from patterns.graph import MapGraph
    from patterns.insights import analyse
    from patterns.story import tell
    from patterns.synthetic import synthetic_map

    m = synthetic_map(60)
    told = tell(MapGraph.from_map(m), analyse(MapGraph.from_map(m)))
    assert told.cycles[0].title == "The usual round" and told.cycles[1].name is None
    words = text_of(render_pdf(m))
    story = words[words.index("The cycles that keep you stuck"):]
    assert story.index("⟳ The usual round") < story.index("⟳ " + told.cycles[1].title)


def test_notes_on_links_are_shared_with_the_client(chase: RelationalMap) -> None:
    links = [lk.model_copy(update={"note": "Mostly after 10 pm"}) if lk.kind == "provokes" and
             lk.source == "shutdown" else lk for lk in chase.links]
    words = text_of(render_pdf(chase.model_copy(update={"links": links})))
    assert "Notes on the links" in words
    assert "go quiet and shut down → Sam goes quiet after a disagreement" in words
    assert "Mostly after 10 pm" in words


def test_right_to_left_labels_are_drawn_right_to_left() -> None:
    from exports.pdf_fonts import missing_glyphs
    from exports.pdf_text import visual

    hebrew = "מפחדת שהוא יעזוב"  # "afraid he will leave"
    # A PDF draws every string left to right, so right-to-left letters are
    # stored in visual order: the first letter typed is drawn rightmost.
    assert visual(hebrew) == hebrew[::-1]
    assert visual(f"When no reply, you feel {hebrew}.") == f"When no reply, you feel {hebrew[::-1]}."
    assert visual("Zoë’s “fear”") == "Zoë’s “fear”"
    m = RelationalMap(title="RTL", nodes=[
        Node(id="t", kind="trigger", label="no reply"),
        Node(id="f", kind="feeling", label=hebrew), Node(id="s", kind="strategy", label="call her")],
        links=[Link(source="t", target="f", kind="activates"), Link(source="f", target="s")])
    words = text_of(render_pdf(m))
    # Readers (pypdf here, like screen readers and search) turn visual order
    # back into reading order: what they get is the label as typed.
    assert hebrew in words and hebrew[::-1] not in words
    assert not missing_glyphs(hebrew)


def test_letters_outside_the_font_are_named_not_left_as_silent_boxes() -> None:
    m = RelationalMap(title="CJK", nodes=[Node(id="a", kind="feeling", label="害怕 scared")])
    words = text_of(render_pdf(m))
    assert "outside the font attachmap ships" in words and "U+5BB3, U+6015" in words
    assert "outside the font" not in text_of(render_pdf(RelationalMap(title="Latin only")))
