"""Reading a map's history and bringing a version back, for `attachmap history` and `restore`.

Each version is described by its time, its counts and what changed since the
version before it (the diff engine's summary). Restoring is itself undoable:
it saves through `MapStore`, so the version it replaces goes into history
first. Encrypted histories are opened with the map's key, and
a passphrase only where a version was sealed under another one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel

from exports.diff import diff_maps
from exports.errors import AttachmapError
from exports.store import MapStore, PassphraseSource, history, map_from_bytes
from exports.store.crypto import SealingKey, is_encrypted_path, looks_sealed
from exports.store.load_errors import MapLoadError
from exports.store.safe_paths import real_map_path
from exports.store.toml import read_limited
from patterns.models import RelationalMap


class HistoryEntry(BaseModel):
    """One line of `attachmap history`: a version, or the map as it is now (number 0)."""

    number: int
    """0 for the file itself, 1 for the newest kept version (its place now)."""
    id: str = ""
    """The version's stable id, what `attachmap restore FILE ID` takes ("" for the file)."""
    session_start: bool = False
    """The map as it was when a session began (kept for good)."""
    saved: dt.datetime | None
    """When this version was replaced by a newer save (None for the file itself)."""
    nodes: int | None = None
    """How many nodes it holds (None if it could not be read)."""
    links: int | None = None
    """How many links it holds."""
    changes: str = ""
    """What changed since the version before it, in a few words."""
    problem: str = ""
    """Why it could not be read, if it could not."""


class _Opener:
    """Opens versions of one map, asking for a passphrase at most once."""

    def __init__(self, passphrase_source: PassphraseSource | None) -> None:
        self.source = passphrase_source
        self.passphrase: str | None = None
        self.keys: list[SealingKey] = []

    def open(self, data: bytes, path: Path) -> RelationalMap:
        for key in self.keys:
            if key.opens(data):
                return map_from_bytes(data, path, key=key)[0]
        if looks_sealed(data) or is_encrypted_path(path):
            if self.passphrase is None:
                if self.source is None:
                    raise AttachmapError(f"{path}: this map is encrypted; give its passphrase")
                self.passphrase = self.source(path)
        m, _, key = map_from_bytes(data, path, passphrase=self.passphrase)
        if key is not None:
            self.keys.append(key)
        return m


def history_entries(map_path: Path, passphrase_source: PassphraseSource | None = None
                    ) -> list[HistoryEntry]:
    """The map now (number 0) and each kept version, newest first, with what changed."""
    map_path = real_map_path(Path(map_path))
    history.check_folder(map_path)  # a symlink: refused, never listed
    opener = _Opener(passphrase_source)
    rows: list[tuple[HistoryEntry, RelationalMap | None]] = []
    sources: list[HistoryEntry] = []
    paths: list[Path] = []
    if map_path.exists() and not map_path.is_file():  # a pipe, a folder: not a map at all
        read_limited(map_path)
    if map_path.exists():
        sources.append(HistoryEntry(number=0, saved=None))
        paths.append(map_path)
    for v in history.versions(map_path):
        sources.append(HistoryEntry(number=v.number, saved=v.saved, id=v.id,
                                    session_start=v.session_start))
        paths.append(v.path)
    for entry, path in zip(sources, paths):
        number = entry.number
        m = None
        try:
            m = opener.open(read_limited(path), path)
            entry.nodes, entry.links = len(m.nodes), len(m.links)
        except MapLoadError as error:
            entry.problem = f"could not be read: {error.expected}"
        except AttachmapError as error:
            if number == 0 or "passphrase" not in str(error):
                raise
            entry.problem = f"could not be opened: {error}"
        rows.append((entry, m))
    for (entry, m), (_, older) in zip(rows, rows[1:]):
        if m is not None and older is not None:
            entry.changes = diff_maps(older, m).summary()
    if rows and rows[-1][0].number:
        rows[-1][0].changes = rows[-1][0].changes or "the oldest version kept"
    return [entry for entry, _ in rows]


class Restored(BaseModel):
    """What `restore_version` did."""

    id: str
    """The version brought back."""
    saved: dt.datetime
    """When that version had been kept."""
    session_start: bool
    """Whether it was the map as a session began."""
    changes: str
    """What the restore changed in the map, in a few words."""
    kept_as: str | None = None
    """The id under which the map it replaced is kept (restoring it undoes this)."""


def restore_version(map_path: Path, version_id: str,
                    passphrase_source: PassphraseSource | None = None,
                    *, now: dt.datetime | None = None) -> Restored:
    """Bring back the version `version_id` names (see `history.find_version`);
    the map it replaces goes into history first.

    Refuses while the map is open in attachmap (its screen would save over
    the restore). Raises `AttachmapError` with a plain reason.
    """
    map_path = real_map_path(Path(map_path))
    history.check_folder(map_path)
    if not history.versions(map_path):
        raise AttachmapError(f"{map_path}: no earlier versions are kept for this map")
    try:
        version = history.find_version(map_path, str(version_id))
    except history.NoSuchVersion as error:
        raise AttachmapError(f"{map_path}: {error}") from None
    store = MapStore(map_path)
    try:
        passphrase = passphrase_source(map_path) if store.encrypted and passphrase_source else None
        current = store.open(passphrase=passphrase)
        if store.locked_by is not None:
            raise AttachmapError(f"{map_path} is already open in {store.locked_by.describe()}:"
                                 " close it there, then restore")
        if store.read_only:
            raise AttachmapError(f"{map_path}: cannot restore here: {store.read_only_cause}")
        old = store.read_other(version.path, passphrase)
        when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        restored = old.model_copy(update={"updated": when})
        changes = diff_maps(current, restored).summary()
        before = {v.path for v in history.versions(map_path)}
        store.save(restored)
    finally:
        store.close()
    kept = [v for v in history.versions(map_path) if v.path not in before]
    return Restored(id=version.id, saved=version.saved, session_start=version.session_start,
                    changes=changes, kept_as=kept[0].id if kept else None)
