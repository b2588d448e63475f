"""Save then load gives the same map, for the examples and generated maps;
files are owner-only, written atomically, keys in SPEC order."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from tests.support.examples import example_paths
from hypothesis import HealthCheck, given, settings
from tests.support.strategies import maps

from exports.store.atomic import TEMP_PREFIX, write_atomic
from exports.store.toml import dumps_map, load_map, loads_map, save_map
from patterns.graph import MapGraph
from patterns.models import RelationalMap
from patterns.synthetic import synthetic_map


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_examples_load_and_save_unchanged(path: Path, tmp_path: Path) -> None:
    m = load_map(path)
    out = tmp_path / path.name
    save_map(m, out)
    assert load_map(out) == m
    # Written by attachmap in SPEC's layout, the example comes back byte for byte.
    assert out.read_text("utf-8") == path.read_text("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_generated_maps_round_trip(m: RelationalMap) -> None:
    assert loads_map(dumps_map(m)) == m
    assert MapGraph.from_map(m).to_map() == m


@pytest.mark.parametrize(("n", "dense"), [(8, False), (60, False), (400, True)])
def test_synthetic_maps_round_trip(n: int, dense: bool, tmp_path: Path) -> None:
    m = synthetic_map(n, dense=dense)
    assert len(m.nodes) == n
    save_map(m, tmp_path / "m.toml")
    assert load_map(tmp_path / "m.toml") == m


def test_keys_come_out_in_spec_order(chase_map: RelationalMap) -> None:
    text = dumps_map(chase_map)
    top = [line.split(" =")[0] for line in text.split("\n\n")[0].splitlines()]
    assert top == ["format", "version", "title", "client", "created", "updated"]
    headers = [line for line in text.splitlines() if line.startswith("[[")]
    order = ["[[people]]", "[[sessions]]", "[[nodes]]", "[[links]]", "[[loops]]",
             "[[experiments]]", "[[experiments.tries]]", "[[repairs]]"]
    firsts = [headers.index(h) for h in order]
    assert firsts == sorted(firsts)
    node_block = text.split("[[nodes]]\n")[1].split("\n\n")[0]
    assert [line.split(" =")[0] for line in node_block.splitlines()] == [
        "id", "kind", "label", "person", "intensity", "note", "session"]


def test_default_link_kinds_are_filled_and_written() -> None:
    text = """format = "attachmap"\nversion = 1\ntitle = "t"\n
[[nodes]]\nid = "a"\nkind = "strategy"\nlabel = "a"\n
[[nodes]]\nid = "b"\nkind = "trigger"\nlabel = "b"\n
[[links]]\nsource = "a"\ntarget = "b"\n"""
    m = loads_map(text)
    assert m.links[0].kind.value == "provokes"
    assert 'kind = "provokes"' in dumps_map(m)


def test_empty_optional_tables_are_left_out() -> None:
    m = RelationalMap(title="Just a title")
    text = dumps_map(m)
    assert text == 'format = "attachmap"\nversion = 1\ntitle = "Just a title"\n'
    assert tomllib.loads(text)["title"] == "Just a title"


def test_saved_files_are_owner_only(tmp_path: Path, chase_map: RelationalMap) -> None:
    out = tmp_path / "m.toml"
    out.write_text("old", "utf-8")
    out.chmod(0o644)
    save_map(chase_map, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "m.toml"
    out.write_bytes(b"the good map")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(out, b"the new map")
    assert out.read_bytes() == b"the good map"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_map_made_invalid_after_checking_is_never_saved(
    tmp_path: Path, chase_map: RelationalMap
) -> None:
    out = tmp_path / "m.toml"
    save_map(chase_map, out)
    good = out.read_bytes()
    chase_map.links[0].target = "nobody"  # models can be changed after validation
    with pytest.raises(ValueError, match="invalid map"):
        save_map(chase_map, out)
    assert out.read_bytes() == good
