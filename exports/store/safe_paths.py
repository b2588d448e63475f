"""The files attachmap keeps beside a map, and the files it reads, as they really are.

Anyone who can write in a map's folder could plant a symbolic link at
`.NAME.lock` or `.NAME.history` and have attachmap truncate, overwrite or
chmod whatever it points to; a named pipe where a map should be would make
every command wait forever on `open`. So:

- the lock file, the history folder and temp files are never reached
  through a symbolic link (`O_NOFOLLOW`, `lstat`): a link there is refused
  with `NotFollowed`, which names it;
- a file is opened for reading only once `stat` says it is a regular file,
  and with `O_NONBLOCK`, then checked again on the open descriptor (`fstat`),
  so nothing swapped in between can make it wait; what is read is bounded.

A map reached through a symlink is a different matter: it is the user's
own way of keeping a file elsewhere, so `real_map_path` resolves it once and
the map is saved, locked and kept in history where it really is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from exports.errors import AttachmapError

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotFollowed(AttachmapError, OSError):
    """A path attachmap will not use as it is (a symbolic link, a pipe…); says which and why.

    An `OSError` too (errno ELOOP), so a save guarded by `except OSError`
    reports it as disk trouble and keeps the map in memory."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(errno.ELOOP, why, str(path))
        self.path = Path(path)
        self.why = why

    def __str__(self) -> str:
        return self.why


def what_it_is(mode: int) -> str:
    """`a folder`, `a named pipe (FIFO)`, … for a file that is not a regular one."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def refuse_link(path: Path, what: str) -> None:
    """Raise `NotFollowed` if `path` (one of attachmap's own files, `what`) is a symlink."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise NotFollowed(path, f"{path} ({what}) is a symbolic link; attachmap does not follow"
                                " links for its own files: remove it, then try again")


def open_regular(path: Path, flags: int = os.O_RDONLY, *, follow: bool = True,
                 mode: int = 0o600, what: str = "a file") -> int:
    """A descriptor of `path`, which must be a regular file (or be created one,
    with `os.O_CREAT` in `flags`). Never waits on a pipe or device, never
    follows a symlink unless `follow`. Raises `NotFollowed` for anything else."""
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        if not flags & os.O_CREAT:
            raise
    else:
        if stat.S_ISLNK(info.st_mode):
            refuse_link(path, what)
        if not stat.S_ISREG(info.st_mode):
            raise NotFollowed(path, f"{path} should be {what}, but it is"
                                    f" {what_it_is(info.st_mode)}")
    extra = NONBLOCK | _CLOEXEC | (0 if follow else NOFOLLOW)
    try:
        fd = os.open(path, flags | extra, mode)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow:
            refuse_link(path, what)
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped in since the stat
            raise NotFollowed(path, f"{path} should be {what}, but it is"
                                    f" {what_it_is(info.st_mode)}")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int | None = None, *, follow: bool = True,
                 what: str = "a file") -> bytes:
    """A regular file's bytes: all of them, or at most `limit + 1` (one more
    than allowed, so a caller can tell that the file is longer)."""
    fd = open_regular(path, follow=follow, what=what)
    try:
        if limit is None:
            limit = os.fstat(fd).st_size + (1 << 20)  # and whatever is added while reading
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def private_folder(path: Path, mode: int = 0o700, *, what: str = "a folder") -> Path:
    """`path` as an owner-only folder of ours, made if missing; never a symlink."""
    refuse_link(path, what)
    try:
        os.mkdir(path, mode)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NOFOLLOW | _CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode):
            raise NotFollowed(path, f"{path} should be {what}, but it is"
                                    f" {what_it_is(info.st_mode)}")
        if stat.S_IMODE(info.st_mode) != mode and info.st_uid == os.getuid():
            try:
                os.fchmod(fd, mode)
            except OSError:
                pass
    finally:
        os.close(fd)
    return path


def real_map_path(path: Path) -> Path:
    """Where a map really is: a symlinked map (or a map in a symlinked folder)
    resolved once, so it is saved, locked and kept in history there."""
    path = Path(path)
    try:
        if path.is_symlink() or path.parent.resolve() != path.parent.absolute():
            return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: left for the open to report
        return path
    return path


__all__ = ["NotFollowed", "open_regular", "private_folder", "read_regular", "real_map_path",
           "refuse_link", "what_it_is"]
