"""Shared fixtures: the example maps from ../shared/examples and invented ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exports.store.toml import load_map
from patterns.graph import MapGraph
from patterns.models import RelationalMap
from tests.support.examples import PACKAGED_CHASE, SHARED_EXAMPLES


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own settings folder ($XDG_CONFIG_HOME), empty: the
    suite never reads or writes the developer's own config.toml."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    # Crash reports too (tui.crash_report): never in the developer's own home.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    return folder / "attachmap" / "config.toml"


@pytest.fixture
def chase_path(tmp_path: Path) -> Path:
    """A private copy of the chase example, safe to edit."""
    source = SHARED_EXAMPLES / "chase.toml"
    if not source.exists():
        source = PACKAGED_CHASE
    target = tmp_path / "chase.toml"
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def chase_map(chase_path: Path) -> RelationalMap:
    """The chase example as a model."""
    return load_map(chase_path)


@pytest.fixture
def chase_graph(chase_map: RelationalMap) -> MapGraph:
    """The chase example as a graph."""
    return MapGraph.from_map(chase_map)
