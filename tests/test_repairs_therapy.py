"""Ruptures as therapy has them (issue 17): the therapist is a party ("between
us", `with = "therapist"`), an entry can be private (therapist-only, like a
private note), and the client's own copy speaks to the client ("you went
cold"), not about them. Optional v1 fields: every older map still loads."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.audience import for_audience, has_private_notes
from exports.diff import diff_maps
from exports.formats import render
from exports.store.load_errors import MapLoadError
from exports.store.toml import dumps_map, load_map, loads_map
from patterns.capture.line import parse_capture
from patterns.edits import EditError, History
from patterns.graph import MapGraph
from patterns.models import Person, RelationalMap, Repair
from patterns.side_edits import SetItem
from patterns.voice import about_the_client, repair_party, repair_with, said_to_client

DAY = dt.date(2026, 12, 4)
PEOPLE = [Person(id="priya", name="Priya", role="client"),
          Person(id="tom", name="Tom", role="partner")]


def therapy_map() -> RelationalMap:
    """An invented client, Priya, with one rupture in the therapy, one private
    rupture, and one with her partner."""
    return RelationalMap(title="Invented: Priya and Tom", people=PEOPLE, repairs=[
        Repair(date=DAY, with_="therapist", rupture="started ten minutes late; she went cold",
               repair="named it together", outcome="Priya said it felt like being forgotten"),
        Repair(date=DAY, with_="therapist", rupture="I was distracted by my own week",
               private=True),
        Repair(date=DAY, with_="tom", rupture="Tom slammed the door", repair="he came back"),
    ])


# -- the file format ---------------------------------------------------------------


def test_the_new_fields_round_trip_and_sit_last_in_their_table() -> None:
    m = therapy_map()
    text = dumps_map(m)
    assert 'with = "therapist"' in text and "private = true" in text
    assert text.index("rupture = \"I was distracted") < text.index("private = true")
    assert loads_map(text) == m


def test_every_older_map_still_loads_the_same(chase_path: Path) -> None:
    before = chase_path.read_text("utf-8")
    m = load_map(chase_path)
    assert all(r.private is None and not r.is_private for r in m.repairs)
    assert dumps_map(m) == before


@pytest.mark.parametrize(("line", "message"), [
    ('with = "therapst"', "expected the id of one of the people (priya, therapist, tom),"
                          " got 'therapst'"),
    ('private = "yes"', "repairs[0].private (line 15): expected input should be a valid boolean"),
])
def test_a_wrong_value_names_its_place(line: str, message: str) -> None:
    text = dumps_map(RelationalMap(title="x", people=PEOPLE, repairs=[
        Repair(date=DAY, with_="tom", rupture="a")]))
    text = text.replace('with = "tom"', line) if "with" in line else text + line + "\n"
    with pytest.raises(MapLoadError) as caught:
        loads_map(text, "m.toml")
    assert message in str(caught.value)


def test_edits_take_the_therapist_as_a_party() -> None:
    g = MapGraph("x", people=PEOPLE)
    History(g).do(SetItem("repairs", None, Repair(date=DAY, with_="therapist", rupture="late")))
    with pytest.raises(EditError, match="there is no person 'sam'"):
        History(g).do(SetItem("repairs", None, Repair(date=DAY, with_="sam")))


# -- who sees what --------------------------------------------------------------------


def test_the_clients_copy_has_no_private_entry() -> None:
    m = therapy_map()
    client = for_audience(m, "client")
    assert [r.rupture for r in client.repairs] == [
        "started ten minutes late; she went cold", "Tom slammed the door"]
    assert for_audience(m, "therapist") == m
    assert has_private_notes(m) and not has_private_notes(client)


@pytest.mark.parametrize("fmt", ["md", "toml", "json", "dot", "pdf"])
def test_no_client_export_holds_a_private_entry(fmt: str) -> None:
    data = render(therapy_map(), fmt, "client")
    text = _text(data, fmt)
    assert "distracted" not in text
    assert "distracted" in _text(render(therapy_map(), fmt, "therapist"), fmt) or fmt in (
        "dot", "json")  # a drawing and node-link data hold no log


def _text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


def test_the_clients_markdown_speaks_to_the_client() -> None:
    md = render(therapy_map(), "md", "client").decode("utf-8")
    assert "### 4 Dec 2026 · between you and your therapist" in md
    assert "started ten minutes late; you went cold" in md
    assert "You said it felt like being forgotten" in md
    assert "with Priya" not in md and "she went cold" not in md
    assert "### 4 Dec 2026 · with Tom" in md
    assert "he came back" in md  # about Tom: his words stay his


def test_the_therapists_markdown_keeps_the_words_and_marks_private() -> None:
    md = render(therapy_map(), "md", "therapist").decode("utf-8")
    assert "between us (in the therapy)" in md
    assert "she went cold" in md
    assert "### 4 Dec 2026 · between us (in the therapy) · private" in md


def test_the_clients_pdf_speaks_to_the_client() -> None:
    text = " ".join(_text(render(therapy_map(), "pdf", "client"), "pdf").split())
    assert "you went cold" in text
    # The log's "with" column names the other party: "with | your therapist"
    # (was "with | between you and your therapist").
    assert "4 Dec 2026 your therapist" in text and "between you and" not in text
    assert "she went cold" not in text and "distracted" not in text
    therapists = " ".join(_text(render(therapy_map(), "pdf", "therapist"), "pdf").split())
    assert "me, in the therapy (private)" in therapists


def test_diff_says_a_repair_became_private() -> None:
    m = therapy_map()
    public = m.model_copy(update={"repairs": [r.model_copy(update={"private": None})
                                              for r in m.repairs]})
    summary = " ".join(c.describe() if hasattr(c, "describe") else str(c)
                       for c in diff_maps(public, m).changes)
    assert "private" in summary and "between us" in summary


# -- the voice: said to the client ---------------------------------------------------------


@pytest.mark.parametrize(("text", "pronouns", "said"), [
    ("started ten minutes late; she went cold", True, "started ten minutes late; you went cold"),
    ("She goes quiet when I am late", True, "You go quiet when I am late"),
    ("she always checks her phone", True, "you always check your phone"),
    ("I asked her about it", True, "I asked you about it"),
    ("she's been hurt before", True, "you've been hurt before"),
    ("he is fine now", True, "you are fine now"),
    ("they were late; they apologised", True, "you were late; you apologised"),
    ("Priya went cold. She left early", True, "You went cold. You left early"),
    ("Tom told Priya to wait", False, "Tom told you to wait"),
    ("Priya's coat was wet", False, "Your coat was wet"),
    ("she went cold with Tom", False, "she went cold with Tom"),  # another party: unchanged
    ("he came back", False, "he came back"),
    ("we hugged", True, "we hugged"),
])
def test_said_to_the_client(text: str, pronouns: bool, said: str) -> None:
    assert said_to_client(text, PEOPLE, pronouns=pronouns) == said


def test_whom_a_rupture_was_with() -> None:
    assert repair_party("therapist", PEOPLE, to_client=True) == "between you and your therapist"
    assert repair_party("therapist", PEOPLE, to_client=False) == "between us (in the therapy)"
    assert repair_party("tom", PEOPLE, to_client=True) == "with Tom"
    assert repair_party("tom", PEOPLE, to_client=False, privacy=True) == "with T."
    assert repair_party("priya", PEOPLE, to_client=True) == ""  # theirs: said as "you"
    assert repair_party(None, PEOPLE, to_client=True) == ""
    assert repair_with("therapist", PEOPLE, to_client=True) == "your therapist"
    assert repair_with("therapist", PEOPLE, to_client=False) == "me, in the therapy"
    assert repair_with("tom", PEOPLE, to_client=True) == "Tom"
    assert repair_with("tom", PEOPLE, to_client=False, privacy=True) == "T."
    assert repair_with("priya", PEOPLE, to_client=True) == ""
    assert about_the_client("therapist", PEOPLE) and about_the_client("priya", PEOPLE)
    assert not about_the_client("tom", PEOPLE) and not about_the_client(None, PEOPLE)


# -- the capture line -------------------------------------------------------------------


@pytest.mark.parametrize(("line", "with_", "private"), [
    ("rupture between us: started ten minutes late; she went cold", "therapist", None),
    ("rupture with me: I was late", "therapist", None),
    ("rupture in session: a long silence", "therapist", None),
    ("Private rupture between us: I was distracted", "therapist", True),
    ("private rupture with Tom: the dishes", "tom", True),
    ("rupture with Priya: she shouted", "priya", None),
])
def test_the_capture_line_logs_a_rupture_with_the_therapist(line: str, with_: str,
                                                            private: bool | None) -> None:
    g = MapGraph("x", people=PEOPLE)
    capture = parse_capture(line, g, today=DAY)
    History(g).do(capture.edit)
    (entry,) = g.repairs
    assert (entry.with_, entry.private) == (with_, private)
    assert capture.private is bool(private)


def test_a_private_repair_makes_its_entry_private() -> None:
    g = MapGraph("x", people=PEOPLE)
    History(g).do(parse_capture("rupture between us: late", g, today=DAY).edit)
    capture = parse_capture("private repair between us: I named it", g, today=DAY)
    assert capture.summary == "logged the repair of “late” between us (private) (Repairs tab)"
    History(g).do(capture.edit)
    assert g.repairs == [Repair(date=DAY, with_="therapist", rupture="late",
                                repair="I named it", private=True)]


def test_only_a_rupture_or_repair_can_be_private() -> None:
    from patterns.capture import CaptureError

    with pytest.raises(CaptureError, match="only a rupture or a repair can be private"):
        parse_capture("private person: Tom", MapGraph("x"))
