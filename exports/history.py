"""Earlier versions of a map, kept beside it so that nothing is ever lost.

Every save first puts the version it replaces into `.NAME.history/` beside
the map (owner-only folder and files). The newest 20 versions are kept, plus
the last version of every day the map was saved on, so a node deleted three
sessions ago can still be brought back. Versions are stored exactly as the
map was on disk: an encrypted map's history is encrypted too.

Version 1 is the newest. File names are UTC times, so they sort by age and
say when each version was replaced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path

from pydantic import BaseModel

from exports.atomic import TEMP_PREFIX, write_atomic

KEEP_RECENT = 20
FOLDER_MODE = 0o700
_NAME = re.compile(r"(\d{8}T\d{6}\.\d{6}Z)(?:-(\d+))?\.(toml|age)")
_STAMP = "%Y%m%dT%H%M%S.%fZ"


class Version(BaseModel):
    """One earlier version of a map, as kept in its history folder."""

    number: int
    """1 for the newest; what `attachmap restore FILE N` takes."""
    path: Path
    """The file holding it."""
    saved: dt.datetime
    """When it was put into history (when a newer save replaced it), UTC."""
    size: int
    """Its size on disk in bytes."""


def history_folder(map_path: Path) -> Path:
    """`.chase.toml.history/` beside `chase.toml`."""
    map_path = Path(map_path)
    return map_path.with_name(f".{map_path.name}.history")


def _stamp_of(name: str) -> dt.datetime | None:
    found = _NAME.fullmatch(name)
    if not found:
        return None
    return dt.datetime.strptime(found[1], _STAMP).replace(tzinfo=dt.UTC)


def versions(map_path: Path) -> list[Version]:
    """The kept versions of a map, newest first (number 1)."""
    folder = history_folder(map_path)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        stamp = _stamp_of(entry.name)
        if stamp is None:
            continue
        with contextlib.suppress(OSError):
            found.append((stamp, entry.name, entry.stat().st_size))
    found.sort(key=lambda f: (f[0], _sequence(f[1])), reverse=True)
    return [Version(number=i, path=folder / name, saved=stamp, size=size)
            for i, (stamp, name, size) in enumerate(found, 1)]


def _sequence(name: str) -> int:
    found = _NAME.fullmatch(name)
    return int(found[2]) if found and found[2] else 0


def ensure_folder(map_path: Path) -> Path:
    """The history folder, created owner-only if missing."""
    folder = history_folder(map_path)
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(FOLDER_MODE)
    return folder


def keep_version(map_path: Path, data: bytes, *, now: dt.datetime | None = None,
                 keep: int = KEEP_RECENT) -> Path:
    """Put `data` (a version of the map as it was on disk) into history; prune.

    Written atomically and owner-only; raises OSError if the disk refuses,
    so the caller does not replace the map before its old version is safe.
    """
    folder = ensure_folder(map_path)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    suffix = "age" if str(map_path).endswith(".age") else "toml"
    stem = now.strftime(_STAMP)
    target = folder / f"{stem}.{suffix}"
    sequence = 1
    while target.exists():
        target = folder / f"{stem}-{sequence}.{suffix}"
        sequence += 1
    write_atomic(target, data)
    prune(map_path, keep=keep)
    return target


def kept_numbers(all_versions: list[Version], keep: int = KEEP_RECENT) -> set[int]:
    """Which versions pruning keeps: the newest `keep`, and the newest of each local day."""
    kept = {v.number for v in all_versions[:keep]}
    days: set[dt.date] = set()
    for version in all_versions:  # newest first: the first seen of a day is its last save
        day = version.saved.astimezone().date()
        if day not in days:
            days.add(day)
            kept.add(version.number)
    return kept


def prune(map_path: Path, *, keep: int = KEEP_RECENT) -> None:
    """Remove versions beyond the newest `keep` that are not their day's last."""
    all_versions = versions(map_path)
    kept = kept_numbers(all_versions, keep)
    for version in all_versions:
        if version.number not in kept:
            with contextlib.suppress(OSError):
                version.path.unlink()


def sweep(map_path: Path) -> None:
    """Remove temp files a killed save left in the history folder."""
    folder = history_folder(map_path)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
