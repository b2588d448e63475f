"""The demo map: a fictional couple's pursue-withdraw cycle, to explore safely."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from exports.store.atomic import write_atomic


def demo_text() -> str:
    """The example map shipped with attachmap (Zoë and Sam are invented)."""
    return resources.files("tui").joinpath("demo/chase.toml").read_text("utf-8")


def ensure_demo(path: Path) -> None:
    """Write the demo map to `path` unless a file is already there."""
    if not path.exists():
        write_atomic(path, demo_text().encode("utf-8"))
