"""Hostile input: whatever bytes or TOML reach the loader, the answer is a valid
map or `MapLoadError` (file, place, what was expected), never anything else.

Three kinds of input: arbitrary bytes; arbitrary TOML documents built from the
keys attachmap knows (so they reach the rule checks, not just the parser);
and the example map with one value replaced, removed or added anywhere.
bench/bench_stress.py runs a larger storm of mutated texts.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.store import map_from_bytes
from exports.store.crypto import CryptoError
from exports.store.load_errors import MapLoadError
from exports.store.toml import load_map, map_to_data
from patterns.models import RelationalMap
from tests.support.examples import example_paths

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
PATH = Path("hostile.toml")
KEYS = ["format", "version", "title", "client", "created", "updated", "people", "sessions",
        "nodes", "links", "loops", "experiments", "tries", "repairs", "id", "name", "role", "date",
        "note", "kind", "label", "person", "intensity", "private_note", "session", "layer",
        "style", "source", "target", "nodes", "response", "plan", "before", "after", "with",
        "rupture", "repair", "outcome", "unknown", ""]
WORDS = st.sampled_from(["attachmap", "trigger", "feeling", "core", "pursue", "activates",
                         "masks", "zoe", "sam", "quiet", "scared", "s1", "", " ", "🙂", "a" * 301])
SCALARS = (
    st.integers(-(2**63), 2**63 - 1) | st.sampled_from([0, 1, 10, 11, -1])
    | st.floats(allow_nan=True) | st.booleans() | WORDS
    | st.text(max_size=40)
    | st.dates() | st.times()
    | st.datetimes(timezones=st.none() | st.just(dt.UTC))
)


def toml_values(depth: int = 3) -> st.SearchStrategy[Any]:
    """Any value TOML can hold, nested a few levels, with attachmap's keys."""
    return st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5),
        max_leaves=20,
    )


def must_be_map_or_load_error(data: bytes) -> RelationalMap | None:
    """Load `data`; fail the test on anything but a valid map or MapLoadError."""
    try:
        m = map_from_bytes(data, PATH)[0]
    except MapLoadError as error:
        assert error.path == PATH and str(error).startswith(str(PATH))
        assert "\n" not in error.expected
        return None
    assert isinstance(m, RelationalMap)
    RelationalMap.model_validate(m.model_dump(by_alias=True))  # valid all the way through
    return m


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    must_be_map_or_load_error(data)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), toml_values(), max_size=8),
       st.booleans())
def test_arbitrary_toml_documents(doc: dict[str, Any], with_header: bool) -> None:
    if with_header:
        doc = {"format": "attachmap", "version": 1, "title": "t",
               "created": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
               "updated": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), **doc}
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return  # a value TOML itself cannot write (e.g. a time with a zone)
    must_be_map_or_load_error(text.encode("utf-8", "surrogatepass"))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _paths(inner, (*prefix, i))
    return found


EXAMPLE = map_to_data(load_map(example_paths()[0]))
PLACES = _paths(EXAMPLE)


@SETTINGS
@given(st.sampled_from(PLACES), st.sampled_from(["replace", "remove", "add"]), toml_values(),
       st.sampled_from(KEYS))
def test_the_example_with_one_value_broken(place: tuple, how: str, value: Any, key: str) -> None:
    doc = copy.deepcopy(EXAMPLE)
    parent = doc
    for step in place[:-1]:
        parent = parent[step]
    last = place[-1]
    if how == "replace":
        parent[last] = value
    elif how == "remove":
        del parent[last]
    elif isinstance(parent, dict):
        parent[key] = value
    else:
        parent.insert(last, value)
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return
    must_be_map_or_load_error(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.binary(min_size=0, max_size=300))
def test_bytes_named_age_are_a_crypto_or_load_error(data: bytes) -> None:
    path = Path("hostile.toml.age")
    try:
        map_from_bytes(b"age-encryption.org/v1\n" + data, path, passphrase="x")
    except (CryptoError, MapLoadError) as error:
        assert str(error).startswith(str(path))


def test_deeply_nested_and_huge_documents_are_load_errors(tmp_path: Path) -> None:
    for text in ["a = " + "[" * 5000 + "]" * 5000, "x = {" * 3000 + "}" * 3000,
                 "title = '" + "a" * 100 + "'\n" * 2]:
        assert must_be_map_or_load_error(text.encode()) is None
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (10 * 1024 * 1024 + 1))
    try:
        load_map(big)
    except MapLoadError as error:
        assert "10 MB" in str(error)
    else:
        raise AssertionError("a file over 10 MB was loaded")
