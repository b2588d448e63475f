"""Where the example maps are: the shared examples beside the clone when
present, else the packaged copy of the chase map (the same map), so the
suite runs on a lone clone too."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"
PACKAGED_CHASE = ROOT / "tui" / "demo" / "chase.toml"


def example_paths() -> list[Path]:
    """Every example map we can find (the shared folder, else the packaged copy)."""
    found = sorted(SHARED_EXAMPLES.glob("*.toml")) if SHARED_EXAMPLES.is_dir() else []
    return found or [PACKAGED_CHASE]
