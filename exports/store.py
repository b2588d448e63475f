"""Where an open map lives on disk: opening (or creating) it and saving it.

The session and review screens hold one `MapStore` each and never write the
file any other way, so every safety rule (atomic writes, owner-only files,
never a bad map over a good one) is kept in one place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports.atomic import sweep_temp_files
from exports.toml_map import load_map, save_map
from patterns.models import RelationalMap


def title_from_path(path: Path) -> str:
    """`zoe-and-sam.toml` -> `zoe and sam`: a first title until the user sets one."""
    words = path.stem.replace("_", " ").replace("-", " ").strip()
    return words or "Untitled map"


class MapStore:
    """One map file, opened by one screen."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.created_now = False

    def open(self, *, now: dt.datetime | None = None) -> RelationalMap:
        """Load the map, or make a new empty one (not yet on disk) if the file
        is missing. Raises `MapLoadError` for a file that is there but bad."""
        sweep_temp_files(self.path)
        if self.path.exists():
            return load_map(self.path)
        now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.created_now = True
        return RelationalMap(title=title_from_path(self.path), created=now, updated=now)

    def save(self, m: RelationalMap) -> None:
        """Write the map atomically (OSError if the disk refuses)."""
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        save_map(m, self.path)

    def close(self) -> None:
        """Let go of the file."""
