"""Where an open map lives on disk: opening (or creating) it and saving it.

The session and review screens hold one `MapStore` each and never write the
file any other way, so every safety rule is kept in one place:

- atomic, owner-only writes, and never a bad map over a good one;
- every save first puts the version it replaces into history; a session's
  store (`session_start=True`) also keeps the map as the session began;
- one writer per map: a second opener gets the map read-only, with a reason;
- an encrypted map (`.age`) is decrypted in memory only, and everything
  written for it (saves, history) is encrypted with the same key;
- a map deleted or changed by another program while open is noticed: the
  other version goes into history and ours is saved, nothing is lost;
- a failed save raises `DiskTrouble` and `status` says so plainly; the map
  stays in memory, the next save tries again, and `save_as` moves it.

`read_map` is the one decrypting load for commands that only read a map.

The rules have a module each: `toml` (the file format, loaded whole or
refused), `load_errors` (what a refused file says), `atomic` (writes),
`lock` (one writer), `history` (kept versions) and `restore` (listing and
bringing them back), `crypto` (the age format) and `encrypt_file` (a map
and its history to `.age` and back), `safe_paths` (nothing followed or
waited on) and `save_status` (whether the map is safely on disk).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import os
import stat
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from exports.errors import AttachmapError
from exports.store import history
from exports.store.atomic import sweep_temp_files, write_atomic
from exports.store.crypto import (
    SUFFIX,
    SealingKey,
    WrongPassphrase,
    is_encrypted_path,
    looks_sealed,
    open_sealed,
)
from exports.store.lock import LockHolder, MapLock
from exports.store.safe_paths import read_regular, real_map_path
from exports.store.save_status import (
    DiskTrouble,
    OpenReadOnly,
    SaveStatus,
    describe_os_error,
    trouble_status,
)
from exports.store.toml import MAX_BYTES, decode, dumps_map, loads_map, read_limited
from patterns.models import MapRuleError, RelationalMap

#: Past this share of the size limit, the user is told the map is getting near it.
NEAR_LIMIT = 0.9

#: Asked for a map's passphrase when one is needed; given the map's path.
PassphraseSource = Callable[[Path], str]


class PassphraseNeeded(AttachmapError):
    """The map is encrypted: call `open(passphrase=...)` with the user's passphrase."""


def title_from_path(path: Path) -> str:
    """`zoe-and-sam.toml` -> `zoe and sam`: a first title until the user sets one."""
    name = path.name.removesuffix(SUFFIX)
    words = Path(name).stem.replace("_", " ").replace("-", " ").strip()
    return words or "Untitled map"


def map_from_bytes(data: bytes, path: Path, *, key: SealingKey | None = None,
                   passphrase: str | None = None) -> tuple[RelationalMap, bytes, SealingKey | None]:
    """A map from a file's bytes, decrypting when they are sealed.

    Returns the map, its plaintext and the key that opened it (None if plain).
    """
    if looks_sealed(data) or is_encrypted_path(path):
        plain, key = open_sealed(data, path, key, passphrase)
    else:
        plain, key = data, None
    return loads_map(decode(plain, path), path), plain, key


def read_map(path: Path | str, passphrase_source: PassphraseSource | None = None) -> RelationalMap:
    """Load a plain or encrypted map for reading (check, export, diff, review).

    The passphrase is asked for only when the file is encrypted; the
    plaintext never leaves memory. Raises an `AttachmapError` with the file
    and the reason for a bad file or a wrong passphrase.
    """
    path = Path(path)
    data = read_limited(path)
    passphrase = None
    if looks_sealed(data) or is_encrypted_path(path):
        if passphrase_source is None:
            raise PassphraseNeeded(f"{path}: this map is encrypted; give its passphrase")
        passphrase = passphrase_source(path)
    return map_from_bytes(data, path, passphrase=passphrase)[0]


class MapStore:
    """One map file, opened by one screen."""

    def __init__(self, path: Path, *, read_only: bool = False,
                 keep_versions: int = history.KEEP_RECENT,
                 clock: Callable[[], dt.datetime] | None = None,
                 session_start: bool = False) -> None:
        # A symlinked map is saved, locked and kept in history where it really is.
        self.path = real_map_path(Path(path))
        #: Keep the map as it is when opened as a session start (the session
        #: screen's store): listed at once, kept for good.
        self.session_start = session_start
        self._start_pending = session_start
        self._in_history: bytes | None = None  # the bytes last put into history
        #: The time a save happens (tests pass their own to make days pass).
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.read_only = read_only
        self.created_now = False
        self.keep_versions = keep_versions
        #: Why the map is read-only when the user did not ask for it ("" otherwise).
        self.read_only_reason = ""
        #: The same cause in a few words, without advice: `the file is read-only`.
        self.read_only_cause = ""
        #: Who holds the map when it opened read-only because it is open elsewhere.
        self.locked_by: LockHolder | None = None
        #: Things to tell the user once (a map changed on disk, ...); the screen pops them.
        self.notices: list[str] = []
        self.status = SaveStatus(saved=True, message="not changed yet")
        self._lock = MapLock(self.path)
        self._key: SealingKey | None = None
        self._pass_check: tuple[bytes, bytes] | None = None
        self._disk: bytes | None = None  # the file's bytes as we last read or wrote them
        self._plain: bytes | None = None  # the plaintext of the last save
        self._warned_size = False  # told the map is near the size limit (until it is not)
        sealed_twin = self.path.with_name(self.path.name + SUFFIX)
        if not self.path.exists() and not self.encrypted and sealed_twin.exists():
            # `attachmap chase.toml` after `attachmap encrypt chase.toml`: never a new empty map.
            self.notices.append(f"{self.path.name} is encrypted now: opened {sealed_twin.name}")
            self.path = sealed_twin
            self._lock = MapLock(self.path)

    def unlock(self, passphrase: str, *,
               new_key: Callable[[str], SealingKey] | None = None) -> None:
        """Check an encrypted map's passphrase before `open()`, which then needs none.

        For a map not yet on disk, makes its key (`new_key`, default pyrage's).
        Raises `WrongPassphrase` or `TamperedFile`; takes seconds (scrypt).
        """
        if self.path.exists():
            self._key = open_sealed(read_limited(self.path), self.path, None, passphrase)[1]
        else:
            self._key = (new_key or SealingKey.create)(passphrase)
        self._remember(passphrase)

    @property
    def unlocked(self) -> bool:
        """Whether an encrypted map's key is in memory (always True for a plain map)."""
        return not self.encrypted or self._key is not None

    @property
    def encrypted(self) -> bool:
        """Whether this map is kept encrypted on disk."""
        return is_encrypted_path(self.path) or self._key is not None

    def open(self, *, now: dt.datetime | None = None, passphrase: str | None = None,
             new_key: Callable[[str], SealingKey] | None = None) -> RelationalMap:
        """Load the map, or make a new empty one (not yet on disk) if the file is missing.

        Raises `MapLoadError` for a file that is there but bad,
        `PassphraseNeeded` for an encrypted map opened without a passphrase,
        `WrongPassphrase` or `TamperedFile` when it cannot be decrypted.
        `new_key` makes the key of a new encrypted map (default: pyrage's).
        """
        if self.encrypted and passphrase is None and self._key is None:
            raise PassphraseNeeded(f"{self.path}: this map is encrypted; give its passphrase")
        history.check_folder(self.path)  # a symlink there: refused before anything is read
        cause = "" if self.read_only else _why_read_only(self.path)
        if cause:
            self.read_only, self.read_only_cause = True, cause
            self.read_only_reason = (f"{self.path.name} is open read-only, as {cause}: nothing"
                                     " is saved over it; use save as to keep changes")
        taking = not self.read_only and not self._lock.held
        self._take_lock()
        try:
            if self.path.exists():
                data = read_limited(self.path)
                m, self._plain, self._key = map_from_bytes(data, self.path, key=self._key,
                                                           passphrase=passphrase)
                self._disk = data
                self._keep_start(data)
            else:
                now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
                self.created_now = True
                m = RelationalMap(title=title_from_path(self.path), created=now, updated=now)
                if self._key is None and self.encrypted:
                    assert passphrase is not None
                    self._key = (new_key or SealingKey.create)(passphrase)
        except BaseException:
            if taking and self._lock.held:  # a map that did not open leaves no lock file
                self._lock.release()
            raise
        if passphrase is not None:
            self._remember(passphrase)
        return m

    def _keep_start(self, data: bytes) -> None:
        """A session's store keeps the map as the session begins, before any
        edit, so `attachmap history` lists it at once. If the disk refuses,
        the first save keeps it instead (and reports any trouble then)."""
        if not self._start_pending or self.read_only:
            return
        newest = history.versions(self.path)[:1]
        if newest and newest[0].session_start and _same_bytes(newest[0].path, data):
            self._start_pending, self._in_history = False, data  # opened again, no change
            return
        try:
            history.keep_version(self.path, data, keep=self.keep_versions, now=self.clock(),
                                 session_start=True)
        except OSError:
            return
        self._start_pending, self._in_history = False, data

    def read_other(self, path: Path, passphrase: str | None = None) -> RelationalMap:
        """Load another file of this map (a history version) with this map's key."""
        return map_from_bytes(read_limited(path), path, key=self._key, passphrase=passphrase)[0]

    def _take_lock(self) -> None:
        if self.read_only or self._lock.held:
            return
        if self._lock.acquire():
            sweep_temp_files(self.path)
            history.sweep(self.path)
            return
        self.read_only = True
        holder = self._lock.holder()
        if holder.pid:
            self.locked_by = holder
            self.read_only_cause = f"it is open in {holder.describe()}"
            self.read_only_reason = (f"{self.path.name} is already open in {holder.describe()}:"
                                     " this window is read-only and will not save")
        else:
            self.read_only_cause = "attachmap cannot write in its folder"
            self.read_only_reason = (f"{self.path.name} is in a folder attachmap cannot write to:"
                                     " read-only; use save as to keep changes")

    def _remember(self, passphrase: str) -> None:
        salt = os.urandom(16)
        self._pass_check = (salt, hmac.new(salt, passphrase.encode(), hashlib.sha256).digest())

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is the one this map was opened with (for the idle lock)."""
        if self._pass_check is None:
            return False
        salt, digest = self._pass_check
        return hmac.compare_digest(hmac.new(salt, passphrase.encode(), hashlib.sha256).digest(),
                                   digest)

    def save(self, m: RelationalMap) -> None:
        """Write the map: its previous version into history, then the file, atomically.

        Raises `DiskTrouble` (an OSError) if the disk refuses, with the file
        and its history unchanged; `status` says so until a save succeeds.
        """
        if self.read_only:
            raise OpenReadOnly(self.path, "read-only", "this window is read-only, as"
                               f" {self.read_only_cause or 'it was opened read-only'}")
        try:
            RelationalMap.model_validate(m.model_dump(by_alias=True))
        except (ValidationError, MapRuleError) as error:
            raise ValueError(f"refusing to save an invalid map over {self.path}: {error}") from None
        plain = dumps_map(m).encode("utf-8")
        try:
            self._write(plain)
        except OSError as error:
            problem, reason = describe_os_error(error)
            trouble = DiskTrouble(self.path, problem, reason)
            self.status = trouble_status(trouble, self.status.at)
            raise trouble from None
        self.status = SaveStatus.ok(self.clock())

    def _write(self, plain: bytes) -> None:
        if self.encrypted and self._key is None:
            raise PassphraseNeeded(f"{self.path}: open the map with its passphrase before saving")
        try:
            on_disk: bytes | None = read_regular(self.path, what="the map's file")
        except FileNotFoundError:
            on_disk = None
        if on_disk is not None and on_disk == self._disk and plain == self._plain:
            return  # nothing changed since the last save: no new version
        data = self._key.seal(plain) if self._key is not None else plain
        self._check_size(len(data))
        if on_disk is None and self._disk is not None:
            self.notices.append(f"{self.path.name} was deleted by another program while open;"
                                " it has been saved again")
        elif on_disk is not None and self._disk is not None and on_disk != self._disk:
            self.notices.append(
                f"{self.path.name} was changed by another program while open; that version is"
                " kept in history (attachmap history lists it), and this one is saved")
        if on_disk is not None and on_disk != self._in_history:
            history.keep_version(self.path, on_disk, keep=self.keep_versions, now=self.clock(),
                                 session_start=self._start_pending)
            self._in_history = on_disk
        self._start_pending = False
        write_atomic(self.path, data)
        self._disk, self._plain = data, plain

    def _check_size(self, size: int) -> None:
        """Never write a map the loader would refuse (SPEC: 10 MB); say so once
        as it comes near (90%). Raises `DiskTrouble` ("too-large") past it."""
        if size > MAX_BYTES:
            raise DiskTrouble(self.path, "too-large",
                              f"the map would be {_megabytes(size)} MB, more than the"
                              f" {MAX_BYTES >> 20} MB attachmap can open again")
        near = size > MAX_BYTES * NEAR_LIMIT
        if near and not self._warned_size:
            self.notices.append(
                f"{self.path.name} is {_megabytes(size)} MB, near the {MAX_BYTES >> 20} MB"
                " attachmap can open: a long pasted note is the likeliest thing to shorten")
        self._warned_size = near

    def save_as(self, m: RelationalMap, path: Path) -> None:
        """Save to another file and keep working there (after disk trouble, say).

        An encrypted map stays encrypted: `.age` is added to a name without it.
        Raises `DiskTrouble` if that fails too, or `AttachmapError` if the
        other file is open in another attachmap.
        """
        path = real_map_path(Path(path))
        if self._key is not None and not is_encrypted_path(path):
            path = path.with_name(path.name + SUFFIX)
        if path.resolve() == self.path.resolve():
            self.save(m)
            return
        if not self._lock.move_to(path):
            holder = MapLock(path).holder()
            raise AttachmapError(f"{path} is open in {holder.describe()}; choose another name")
        old_path = self.path
        self.path, self.read_only, self.read_only_reason, self.locked_by = path, False, "", None
        self.read_only_cause = ""
        self._disk, self._plain, self._in_history = None, None, None
        self.notices.append(f"now working on {path} (was {old_path.name})")
        self.save(m)

    def close(self) -> None:
        """Let go of the file (and of the key of an encrypted map)."""
        self._lock.release()
        self._key, self._pass_check = None, None


def _megabytes(size: int) -> str:
    """`10.1` for a size just over 10 MB (rounded up, so it never reads as the limit)."""
    return f"{math.ceil(size * 10 / (1 << 20)) / 10:.1f}"


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return read_regular(path, len(data), follow=False) == data
    except OSError:
        return False


def _why_read_only(path: Path) -> str:
    """Why an existing map may not be written (it is then opened read-only,
    never replaced), or "": its owner made it read-only (chmod 0400), its disk
    is read-only, or we may not write it."""
    try:
        info = os.stat(path)
    except OSError:
        return ""
    if not stat.S_ISREG(info.st_mode):
        return ""  # the load says what it is instead
    if not info.st_mode & 0o222:
        return "the file is read-only (its permissions allow reading only)"
    if os.access(path, os.W_OK):
        return ""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "its disk is read-only"
    except OSError:
        pass
    return "you may not write to the file"


__all__ = ["MapStore", "PassphraseNeeded", "PassphraseSource", "read_map", "title_from_path",
           "WrongPassphrase", "DiskTrouble", "SaveStatus"]
