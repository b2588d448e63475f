"""Earlier versions of a map, kept beside it so that nothing is ever lost.

Every save first puts the version it replaces into `.NAME.history/` beside
the map (owner-only folder and files). The session screen also keeps the map
as it was when a session began (a *session start*), before its first edit.
Kept: the newest 20 versions, the last version of every day the map was
saved on, and every session start, for good. So a node deleted three
sessions ago can still be brought back, and so can the map as it was when
today's session began, however many edits came after. Versions are stored
exactly as the map was on disk: an encrypted map's history is encrypted too.

File names are UTC times (`20261204T163005.123456Z.toml`, a session start
`….start.toml`), so they sort by age and say when each version was kept.
Each version's *id* is that time, `2026-12-04T16:30:05Z`: it never changes
while the version is kept (`find_version` takes it back). Where two versions
were kept in the same second, the id carries the microseconds too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path

from pydantic import BaseModel

from exports.store.atomic import TEMP_PREFIX, write_atomic
from exports.store.safe_paths import private_folder, refuse_link

KEEP_RECENT = 20
FOLDER_MODE = 0o700
_NAME = re.compile(r"(\d{8}T\d{6}\.\d{6}Z)(?:-(\d+))?(\.start)?\.(toml|age)")
_STAMP = "%Y%m%dT%H%M%S.%fZ"
#: A version id as typed: `2026-12-04T16:30:05Z`, `20261204T163005Z`, with
#: microseconds (`.123456`) and a sequence (`-2`) where they are needed.
_ID = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})[T ](\d{2}):?(\d{2}):?(\d{2})(?:\.(\d{6}))?Z?"
                 r"(?:-(\d+))?", re.IGNORECASE)
#: How a version id looks, for messages.
ID_EXAMPLE = "2026-12-04T16:30:05Z"


class Version(BaseModel):
    """One earlier version of a map, as kept in its history folder."""

    number: int
    """1 for the newest: its place in the list now (it moves with every save)."""
    id: str
    """Its stable name, the UTC time it was kept: what `attachmap restore FILE ID` takes."""
    path: Path
    """The file holding it."""
    saved: dt.datetime
    """When it was put into history (when a newer save replaced it, or a session began), UTC."""
    size: int
    """Its size on disk in bytes."""
    session_start: bool = False
    """The map as it was when a session began: kept for good."""


def history_folder(map_path: Path) -> Path:
    """`.chase.toml.history/` beside `chase.toml`."""
    map_path = Path(map_path)
    return map_path.with_name(f".{map_path.name}.history")


def _stamp_of(name: str) -> dt.datetime | None:
    found = _NAME.fullmatch(name)
    if not found:
        return None
    return dt.datetime.strptime(found[1], _STAMP).replace(tzinfo=dt.UTC)


def check_folder(map_path: Path) -> None:
    """Raise `NotFollowed` if the history folder is a symlink: nothing is
    read from it or written to it then (it could be anyone's folder)."""
    refuse_link(history_folder(map_path), "the map's history folder")


def versions(map_path: Path) -> list[Version]:
    """The kept versions of a map, newest first (number 1); none from a
    history folder that is a symlink."""
    folder = history_folder(map_path)
    try:
        check_folder(map_path)
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
    seconds: dict[dt.datetime, int] = {}
    for stamp, _, _ in found:
        second = stamp.replace(microsecond=0)
        seconds[second] = seconds.get(second, 0) + 1
    return [Version(number=i, id=_id(stamp, _sequence(name), seconds), path=folder / name,
                    saved=stamp, size=size, session_start=".start." in name)
            for i, (stamp, name, size) in enumerate(found, 1)]


def _id(stamp: dt.datetime, sequence: int, seconds: dict[dt.datetime, int]) -> str:
    """`2026-12-04T16:30:05Z`; with the microseconds (and the sequence) only
    where another kept version shares its second."""
    if seconds[stamp.replace(microsecond=0)] == 1:
        return f"{stamp:%Y-%m-%dT%H:%M:%S}Z"
    return f"{stamp:%Y-%m-%dT%H:%M:%S.%f}Z" + (f"-{sequence}" if sequence else "")


def _sequence(name: str) -> int:
    found = _NAME.fullmatch(name)
    return int(found[2]) if found and found[2] else 0


class NoSuchVersion(LookupError):
    """A version id that names no kept version, or more than one; the message says which."""


def find_version(map_path: Path, version_id: str) -> Version:
    """The kept version `version_id` names (its id as listed, the compact form
    `20261204T163005Z`, or either with microseconds). Raises `NoSuchVersion`
    with a sentence if it names none, or several (two kept in one second)."""
    text = version_id.strip()
    if text.isdigit():
        raise NoSuchVersion(
            f"“{text}” is a number: versions are named by their time now, because numbers"
            f" moved with every save and could bring back another version; attachmap history"
            f" lists the ids, like {ID_EXAMPLE}")
    m = _ID.fullmatch(text)
    if m is None:
        raise NoSuchVersion(f"“{text}” is not a version id: expected a time like {ID_EXAMPLE},"
                            " as attachmap history lists them")
    try:
        second = dt.datetime(*(int(m[i]) for i in range(1, 7)), tzinfo=dt.UTC)
    except ValueError:
        raise NoSuchVersion(f"“{text}” is not a time: expected one like {ID_EXAMPLE}") from None
    micro = int(m[7]) if m[7] else None
    # With the microseconds, an id without a sequence is the first kept at that time.
    sequence = int(m[8]) if m[8] else (0 if micro is not None else None)
    kept = versions(map_path)
    matches = [v for v in kept
               if v.saved.replace(microsecond=0) == second
               and (micro is None or v.saved.microsecond == micro)
               and (sequence is None or _sequence(v.path.name) == sequence)]
    if not matches:
        raise NoSuchVersion(f"no version {text} is kept"
                            + (" (attachmap history lists the ones that are)" if kept else
                               ": no earlier versions are kept for this map"))
    if len(matches) > 1:
        full = ", ".join(f"{v.saved:%Y-%m-%dT%H:%M:%S.%f}Z"
                         + (f"-{_sequence(v.path.name)}" if _sequence(v.path.name) else "")
                         for v in matches)
        raise NoSuchVersion(f"{len(matches)} versions were kept in the second {text}: give"
                            f" one of {full}")
    return matches[0]


def ensure_folder(map_path: Path) -> Path:
    """The history folder, created owner-only if missing; `NotFollowed` if it is a symlink."""
    return private_folder(history_folder(map_path), FOLDER_MODE,
                          what="the map's history folder")


def keep_version(map_path: Path, data: bytes, *, now: dt.datetime | None = None,
                 keep: int = KEEP_RECENT, session_start: bool = False) -> Path:
    """Put `data` (a version of the map as it was on disk) into history; prune.

    `session_start` marks the map as a session began: kept for good.
    Written atomically and owner-only; raises OSError if the disk refuses,
    so the caller does not replace the map before its old version is safe.
    """
    folder = ensure_folder(map_path)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    suffix = ("start." if session_start else "") + (
        "age" if str(map_path).endswith(".age") else "toml")
    stem = now.strftime(_STAMP)

    def taken(name: str) -> bool:  # a time is one version, start or not
        return any((folder / f"{name}.{end}").exists()
                   for end in ("toml", "age", "start.toml", "start.age"))

    target = folder / f"{stem}.{suffix}"
    sequence = 1
    while taken(target.name.removesuffix(f".{suffix}")):
        target = folder / f"{stem}-{sequence}.{suffix}"
        sequence += 1
    write_atomic(target, data)
    prune(map_path, keep=keep)
    return target


def kept_numbers(all_versions: list[Version], keep: int = KEEP_RECENT) -> set[int]:
    """Which versions pruning keeps: the newest `keep`, the newest of each
    local day, and every session start."""
    kept = {v.number for v in all_versions[:keep]}
    kept |= {v.number for v in all_versions if v.session_start}
    days: set[dt.date] = set()
    for version in all_versions:  # newest first: the first seen of a day is its last save
        day = version.saved.astimezone().date()
        if day not in days:
            days.add(day)
            kept.add(version.number)
    return kept


def prune(map_path: Path, *, keep: int = KEEP_RECENT) -> None:
    """Remove versions beyond the newest `keep` that are neither their day's
    last nor a session's start."""
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
        check_folder(map_path)
        for entry in os.scandir(folder):
            if entry.name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
