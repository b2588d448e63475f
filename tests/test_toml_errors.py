"""Every rule of SPEC section 3, broken in a file: one clear error at the exact
place, no crash, and the file left as it was."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from exports.store.load_errors import MapLoadError
from exports.store.toml import MAX_BYTES, load_map, loads_map

GOOD = """\
format = "attachmap"
version = 1
title = "Ana and Bo"

[[people]]
id = "ana"
name = "Ana"

[[sessions]]
id = "s1"
date = 2026-10-01

[[nodes]]
id = "late"
kind = "trigger"
label = "Bo is late home"
person = "ana"
session = "s1"

[[nodes]]
id = "alone"
kind = "feeling"
label = "alone"
layer = "core"

[[nodes]]
id = "check"
kind = "strategy"
label = "check the phone"
style = "hypervigilance"

[[nodes]]
id = "calm"
kind = "response"
label = "breathe, then ask once"

[[links]]
source = "late"
target = "alone"

[[links]]
source = "alone"
target = "check"

[[links]]
source = "check"
target = "late"
kind = "provokes"

[[loops]]
name = "waiting"
nodes = ["late", "alone", "check"]

[[experiments]]
id = "ask"
response = "calm"

[[experiments.tries]]
date = 2026-10-02
before = 7
after = 4

[[repairs]]
date = 2026-10-03
with = "ana"
rupture = "sulked"
"""


def test_the_good_file_loads() -> None:
    m = loads_map(GOOD)
    assert [lk.kind.value for lk in m.links] == ["activates", "leads_to", "provokes"]


# (what is broken, the change to GOOD, the place the error must name, words it must say)
BROKEN = [
    ("format missing", ('format = "attachmap"\n', ""), "format", "attachmap"),
    ("format wrong", ('format = "attachmap"', 'format = "mindmap"'), "format", "mindmap"),
    ("version newer", ("version = 1", "version = 2"), "version", "newer attachmap"),
    ("version zero", ("version = 1", "version = 0"), "version", "version 1"),
    ("version text", ("version = 1", 'version = "1"'), "version", "whole number"),
    ("title missing", ('title = "Ana and Bo"\n', ""), "title", "required"),
    ("title empty", ('title = "Ana and Bo"', 'title = "   "'), "title", "not an empty"),
    ("unknown top key", ('title = "Ana and Bo"', 'title = "Ana and Bo"\ncolour = "red"'),
     "colour", "not a key"),
    ("unknown node key", ('label = "alone"', 'label = "alone"\nweight = 3'),
     "nodes[1].weight", "not a key"),
    ("node id duplicate", ('id = "alone"', 'id = "late"'), "nodes[1].id", "used twice"),
    ("node id with space", ('id = "alone"', 'id = "all one"'), "nodes[1].id", "no spaces"),
    ("node id too long", ('id = "alone"', f'id = "{"a" * 65}"'), "nodes[1].id", "1 to 64"),
    ("node kind unknown", ('kind = "feeling"', 'kind = "emotion"'), "nodes[1].kind", "one of trigger"),
    ("label empty", ('label = "alone"', 'label = "  "'), "nodes[1].label", "1 to 300"),
    ("label too long", ('label = "alone"', f'label = "{"x" * 301}"'), "nodes[1].label", "301"),
    ("label not text", ('label = "alone"', "label = 5"), "nodes[1].label", "text"),
    ("person unknown", ('person = "ana"', 'person = "bo"'), "nodes[0].person", "'bo'"),
    ("session unknown", ('session = "s1"', 'session = "s9"'), "nodes[0].session", "'s9'"),
    ("intensity too high", ('label = "alone"', 'label = "alone"\nintensity = 11'),
     "nodes[1].intensity", "0 to 10"),
    ("intensity negative", ('label = "alone"', 'label = "alone"\nintensity = -1'),
     "nodes[1].intensity", "0 to 10"),
    ("intensity bool", ('label = "alone"', 'label = "alone"\nintensity = true'),
     "nodes[1].intensity", "whole number"),
    ("intensity float", ('label = "alone"', 'label = "alone"\nintensity = 5.5'),
     "nodes[1].intensity", "whole number"),
    ("intensity huge", ('label = "alone"', f'label = "alone"\nintensity = {10**30}'),
     "nodes[1].intensity", "0 to 10"),
    ("layer unknown", ('layer = "core"', 'layer = "deep"'), "nodes[1].layer", "surface, core"),
    ("layer on a strategy", ('style = "hypervigilance"', 'layer = "core"'),
     "nodes[2].layer", "only on a feeling"),
    ("style unknown", ('style = "hypervigilance"', 'style = "sulk"'), "nodes[2].style", "pursue"),
    ("style on a feeling", ('layer = "core"', 'style = "pursue"'), "nodes[1].style",
     "only on a strategy"),
    ("link source unknown", ('source = "late"\ntarget = "alone"', 'source = "lat"\ntarget = "alone"'),
     "links[0].source", "'lat'"),
    ("link target unknown", ('source = "late"\ntarget = "alone"', 'source = "late"\ntarget = "lone"'),
     "links[0].target", "'lone'"),
    ("link to itself", ('source = "late"\ntarget = "alone"', 'source = "late"\ntarget = "late"'),
     "links[0].target", "other than the source"),
    ("link twice", ('source = "alone"\ntarget = "check"', 'source = "late"\ntarget = "alone"'),
     "links[1]", "twice"),
    ("link kind unknown", ('kind = "provokes"', 'kind = "annoys"'), "links[2].kind", "provokes"),
    ("link source missing", ('source = "late"\ntarget = "alone"', 'target = "alone"'),
     "links[0].source", "required"),
    ("loop not a cycle", ('nodes = ["late", "alone", "check"]', 'nodes = ["late", "check", "alone"]'),
     "loops[0].nodes[0]", "no link late -> check"),
    ("loop repeats a node", ('nodes = ["late", "alone", "check"]',
                             'nodes = ["late", "alone", "check", "late"]'),
     "loops[0].nodes", "each node once"),
    ("loop unknown node", ('nodes = ["late", "alone", "check"]', 'nodes = ["late", "alone", "chek"]'),
     "loops[0].nodes[2]", "'chek'"),
    ("loop too short", ('nodes = ["late", "alone", "check"]', 'nodes = ["late"]'),
     "loops[0].nodes", "at least 2"),
    ("loop without name", ('name = "waiting"\n', ""), "loops[0].name", "required"),
    ("experiment response unknown", ('response = "calm"', 'response = "clam"'),
     "experiments[0].response", "'clam'"),
    ("experiment response not a response", ('response = "calm"', 'response = "check"'),
     "experiments[0].response", "kind response"),
    ("try before too high", ("before = 7", "before = 12"), "experiments[0].tries[0].before", "0 to 10"),
    ("try date is a time", ("date = 2026-10-02", "date = 2026-10-02T10:00:00Z"),
     "experiments[0].tries[0].date", "not a date and time"),
    ("try date text", ("date = 2026-10-02", 'date = "yesterday"'),
     "experiments[0].tries[0].date", "a date like"),
    ("repair with unknown", ('with = "ana"', 'with = "bo"'), "repairs[0].with", "'bo'"),
    ("session date missing", ("date = 2026-10-01\n", ""), "sessions[0].date", "required"),
    ("person duplicate", ('[[sessions]]', '[[people]]\nid = "ana"\nname = "A"\n\n[[sessions]]'),
     "people[1].id", "used twice"),
    ("naive created time", ('title = "Ana and Bo"', 'title = "Ana and Bo"\ncreated = 2026-10-01T10:00:00'),
     "created", "offset"),
]


@pytest.mark.parametrize(("name", "change", "place", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_rule_names_its_place(
    tmp_path: Path, name: str, change: tuple[str, str], place: str, words: str
) -> None:
    old, new = change
    assert old in GOOD, f"test setup: {old!r} is not in the good file"
    text = GOOD.replace(old, new, 1)
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(MapLoadError) as caught:
        load_map(path)
    error = caught.value
    message = str(error)
    assert str(path) in message
    assert error.place == place, message
    assert words in message, message
    assert "Traceback" not in message and "pydantic" not in message.lower()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("body", "place", "words"),
    [
        ('nodes = "many"', "nodes", "a list"),
        ("nodes = [1, 2]", "nodes[0]", "a table"),
        ('people = [{id = "a"}]', "people[0].name", "required"),
        ("title = 3", "title", "text"),
        ('[[nodes]]\nid = "a"\nkind = "trigger"\nlabel = "a"\n[[links]]\nsource = ["a"]\ntarget = "a"',
         "links[0].source", "text"),
    ],
)
def test_wrong_shapes(body: str, place: str, words: str) -> None:
    text = 'format = "attachmap"\nversion = 1\n' + ("" if "title" in body else 'title = "t"\n') + body
    with pytest.raises(MapLoadError) as caught:
        loads_map(text, "m.toml")
    assert caught.value.place == place
    assert words in str(caught.value)


def test_errors_inside_a_table_give_its_line_and_id(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(GOOD.replace('label = "alone"', 'label = "alone"\nintensity = 11'), "utf-8")
    with pytest.raises(MapLoadError) as caught:
        load_map(path)
    lines = path.read_text("utf-8").splitlines()
    assert caught.value.line is not None
    assert lines[caught.value.line - 1] == "[[nodes]]"
    assert lines[caught.value.line] == 'id = "alone"'
    assert "node 'alone'" in str(caught.value)


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(GOOD.replace('label = "alone"', 'label = "alone'), "utf-8")
    with pytest.raises(MapLoadError) as caught:
        load_map(path)
    assert caught.value.place.startswith("line 23, column")
    assert "valid TOML" in str(caught.value)


def test_bad_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(GOOD.replace('label = "alone"', 'label = "al\udcffone"').encode(
        "utf-8", "surrogateescape"))
    with pytest.raises(MapLoadError) as caught:
        load_map(path)
    assert caught.value.place == "line 23"
    assert "UTF-8" in str(caught.value) and "0xff" in str(caught.value)


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_map(path).title == "Ana and Bo"


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(GOOD + "deep = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    with pytest.raises(MapLoadError):
        load_map(path)


def test_a_huge_integer_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(GOOD.replace("before = 7", "before = " + "9" * 5000), "utf-8")
    with pytest.raises(MapLoadError):
        load_map(path)


def test_a_file_over_10_mb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as handle:
        handle.write(GOOD.encode())
        handle.truncate(MAX_BYTES + 1)  # sparse: cheap to make
    with pytest.raises(MapLoadError) as caught:
        load_map(path)
    assert "10 MB" in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(MapLoadError, match="there is none"):
        load_map(tmp_path / "nope.toml")
    with pytest.raises(MapLoadError, match="folder"):
        load_map(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(GOOD, "utf-8")
    path.chmod(0)
    with pytest.raises(MapLoadError, match="permission"):
        load_map(path)
