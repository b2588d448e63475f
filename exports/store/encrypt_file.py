"""`attachmap encrypt` and `decrypt`: turn a map and its history into `.age` files and back.

Encrypting writes `FILE.age` and an encrypted history, checks that the new
file decrypts to the very same bytes (with rage, an independent age
implementation, as well as our own code), and only then removes the plain
map and its plain history. Decrypting is the mirror image. Each step that
could fail comes before anything is removed, so a failure leaves the old
files as they were.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from exports.errors import AttachmapError
from exports.store import history, map_from_bytes
from exports.store.atomic import sweep_temp_files, write_atomic
from exports.store.crypto import (
    SUFFIX,
    SealingKey,
    is_encrypted_path,
    looks_sealed,
    verify_with_pyrage,
)
from exports.store.lock import MapLock
from exports.store.safe_paths import read_regular
from exports.store.toml import decode, loads_map, read_limited


def remove_plain(path: Path) -> str:
    """Overwrite a plaintext file with zeros, then remove it; or, when the file
    has other names (a hard-linked backup) or `path` is a symbolic link, only
    remove the name: zeroing would destroy what the other names hold. Returns
    what a person should know about that ("" when the file is gone).

    Best effort: on SSDs and copy-on-write file systems old blocks may
    survive; full-disk encryption is what protects those.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return ""
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(path)
        path.unlink()
        return (f"{path} was a link: the link is removed, but the file it pointed to,"
                f" {target}, still holds the plain map")
    if info.st_nlink > 1:
        others = info.st_nlink - 1
        path.unlink()
        return (f"{path} had {others} other name{'s' if others > 1 else ''} (a hard link, such"
                f" as a backup): {path.name} is removed, but another name still holds the plain"
                " map")
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK
                     | getattr(os, "O_CLOEXEC", 0))
        try:
            now = os.fstat(fd)  # the very file checked above, still with no other name
            if stat.S_ISREG(now.st_mode) and now.st_nlink == 1 and now.st_ino == info.st_ino:
                os.write(fd, bytes(now.st_size))
                os.fsync(fd)
        finally:
            os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return ""


def _locked(path: Path) -> MapLock:
    lock = MapLock(path)
    if not lock.acquire():
        holder = lock.holder()
        if holder.pid:
            raise AttachmapError(f"{path} is open in {holder.describe()}; close it there first")
        raise AttachmapError(f"{path}: attachmap cannot write in this folder")
    return lock


def _move_history(source: Path, target: Path,
                  convert: Callable[[bytes, Path], bytes]) -> list[Path]:
    """Write each kept version of `source` as a version of `target`, converted; the old paths."""
    history.check_folder(source)
    history.check_folder(target)
    old = history.versions(source)
    if old:
        folder = history.ensure_folder(target)
        suffix = "age" if is_encrypted_path(target) else "toml"
        for version in old:
            data = convert(read_regular(version.path, follow=False, what="a kept version"),
                           version.path)
            write_atomic(folder / f"{version.path.stem}.{suffix}", data)
    return [v.path for v in old]


def _drop_history(paths: list[Path], map_path: Path, notes: list[str]) -> None:
    for path in paths:
        if note := remove_plain(path):
            notes.append(note)
    history.sweep(map_path)
    with contextlib.suppress(OSError):
        history.history_folder(map_path).rmdir()


def encryptable(path: Path) -> tuple[Path, bytes]:
    """The `.age` path a map would be encrypted to and its bytes, or the
    reason it cannot be (before anyone is asked for a passphrase)."""
    path = Path(path)
    if is_encrypted_path(path):
        raise AttachmapError(f"{path} is already encrypted")
    target = path.with_name(path.name + SUFFIX)
    if target.exists() or target.is_symlink():
        raise AttachmapError(f"{target} already exists; move it away first")
    plain = read_limited(path)
    if looks_sealed(plain):
        raise AttachmapError(f"{path} is already age-encrypted; rename it to {target.name}")
    loads_map(decode(plain, path), path)  # refuse to encrypt a file that is not a valid map
    history.check_folder(path)
    return target, plain


def encrypt_map_file(path: Path, passphrase: str, *,
                     new_key: Callable[[str], SealingKey] | None = None,
                     verify: bool = True, notes: list[str] | None = None) -> Path:
    """Encrypt the map at `path` (and its history) to `path.age`; remove the plain files.

    `new_key` makes the key (default: pyrage, the calibrated work factor);
    `verify` checks the result with pyrage too. Returns the new path; `notes`
    gets a sentence for each plain file that could only lose a name (see
    `remove_plain`).
    """
    path = Path(path)
    notes = [] if notes is None else notes
    target, plain = encryptable(path)
    if not passphrase:
        raise AttachmapError("the passphrase must not be empty")
    lock, target_lock = _locked(path), _locked(target)
    try:
        key = (new_key or SealingKey.create)(passphrase)

        def seal(data: bytes, source: Path) -> bytes:
            return data if key.opens(data) else key.seal(data)

        old_versions = _move_history(path, target, seal)
        sealed = key.seal(plain)
        if verify:
            verify_with_pyrage(sealed, passphrase, plain, target)
        write_atomic(target, sealed)
        if key.unseal(read_regular(target, follow=False), target) != plain:
            raise AttachmapError(f"{target}: did not read back as the map; {path} is kept")
        if note := remove_plain(path):
            notes.append(note)
        _drop_history(old_versions, path, notes)
        sweep_temp_files(path)
    finally:
        lock.release()
        target_lock.release()
    return target


def decrypt_map_file(path: Path, passphrase: str, *, notes: list[str] | None = None) -> Path:
    """Turn `FILE.age` (and its history) back into plain `FILE`; remove the
    encrypted files (`notes` as for `encrypt_map_file`)."""
    path = Path(path)
    notes = [] if notes is None else notes
    if not is_encrypted_path(path):
        raise AttachmapError(f"{path} is not an encrypted map (its name does not end in .age)")
    target = path.with_name(path.name.removesuffix(SUFFIX))
    if target.exists():
        raise AttachmapError(f"{target} already exists; move it away first")
    data = read_limited(path)
    lock, target_lock = _locked(path), _locked(target)
    try:
        _, plain, key = map_from_bytes(data, path, passphrase=passphrase)

        def open_version(sealed: bytes, source: Path) -> bytes:
            return map_from_bytes(sealed, source, key=key, passphrase=passphrase)[1]

        old_versions = _move_history(path, target, open_version)
        write_atomic(target, plain)
        if note := remove_plain(path):
            notes.append(note.replace("the plain map", "the encrypted map"))
        _drop_history(old_versions, path, notes)
        sweep_temp_files(path)
    finally:
        lock.release()
        target_lock.release()
    return target
