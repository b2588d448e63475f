"""One writer per map: a lock file beside it, so the same map opened twice is noticed.

The lock is an advisory `flock` on `.NAME.lock` beside the map, held for as
long as the map is open. The kernel lets go of it when its process ends, even
by `kill -9`, so a lock left by a dead process is simply taken over: no
guessing from process ids. The file also records who holds it (process id,
host and since when, nothing clinical), for the message the second opener
sees. Where a folder cannot hold a lock file (read-only), the map opens
read-only too, since it could not be saved there anyway. The lock file is
never reached through a symbolic link, nor waited on if it is a pipe: either
is refused (`NotFollowed`), naming it. `flock` is POSIX: attachmap runs on
Linux and macOS (the README says so).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
from pathlib import Path

from pydantic import BaseModel

from exports.store.atomic import PRIVATE
from exports.store.safe_paths import NOFOLLOW, NotFollowed, open_regular, read_regular
from patterns.voice import day


class LockHolder(BaseModel):
    """Who has a map open: shown to the second person who opens it."""

    pid: int = 0
    """The process id of the attachmap that holds the map."""
    host: str = ""
    """The computer it runs on."""
    since: dt.datetime | None = None
    """When it opened the map."""

    def describe(self) -> str:
        """`attachmap (process 4242) since 14:03`, or a plainer phrase if unknown."""
        who = f"attachmap (process {self.pid})" if self.pid else "another attachmap"
        if self.host and self.host != socket.gethostname():
            who += f" on {self.host}"
        if self.since:
            since = self.since.astimezone()
            who += f" since {since:%H:%M} on {day(since, year=False)}"
        return who


def lock_path(map_path: Path) -> Path:
    """`.chase.toml.lock` beside `chase.toml`."""
    return map_path.with_name(f".{map_path.name}.lock")


class MapLock:
    """The lock on one map file; `acquire()` says whether this process got it."""

    def __init__(self, map_path: Path) -> None:
        self.map_path = Path(map_path)
        self.path = lock_path(self.map_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if no live process holds it (a dead one's is taken over).

        False if another process holds it, or the folder cannot hold a lock
        file; `holder()` then says who, where it can. Raises `NotFollowed`
        if a symlink, a pipe or the like sits where the lock file goes.
        """
        if self._fd is not None:
            return True
        for _ in range(5):
            try:
                # Held read-only: an open write handle would stop the disk being
                # remounted read-only, and flock needs none.
                fd = open_regular(self.path, os.O_RDONLY | os.O_CREAT, follow=False,
                                  mode=PRIVATE, what="the map's lock file")
            except NotFollowed:
                raise
            except OSError:
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            # The holder before us may have removed the file between our open
            # and our flock: then we locked a file nobody else sees. Retry.
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except OSError:
                same = False
            if same:
                self._fd = fd
                self._record()
                return True
            os.close(fd)
        return False

    def _record(self) -> None:
        assert self._fd is not None
        me = LockHolder(pid=os.getpid(), host=socket.gethostname(),
                        since=dt.datetime.now(dt.UTC).replace(microsecond=0))
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_WRONLY | NOFOLLOW | os.O_NONBLOCK
                         | getattr(os, "O_CLOEXEC", 0))
            try:
                if os.path.sameopenfile(fd, self._fd):  # the very file we locked
                    os.ftruncate(fd, 0)
                    os.write(fd, me.model_dump_json().encode())
            finally:
                os.close(fd)

    def holder(self) -> LockHolder:
        """Who holds the lock, as far as its file says."""
        try:
            data = read_regular(self.path, 4096, follow=False)
            return LockHolder.model_validate(json.loads(data[:4096].decode("utf-8")))
        except (OSError, ValueError):
            return LockHolder()

    def release(self) -> None:
        """Let go of the lock and remove its file."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None

    def move_to(self, map_path: Path) -> bool:
        """Lock `map_path` instead (after "save as"); keeps this lock if that fails."""
        other = MapLock(map_path)
        if not other.acquire():
            return False
        self.release()
        self.map_path, self.path, self._fd = other.map_path, other.path, other._fd
        return True
