"""Whether the map on screen is safely on disk, in words a therapist can act on.

`MapStore` keeps one `SaveStatus` and raises `DiskTrouble` when a save
fails, so a screen never has to read an errno: it shows `status.message`
and, when `status.saved` is False, never the word "saved".
"""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from exports.errors import AttachmapError
from exports.store.safe_paths import NotFollowed

Problem = Literal["", "disk-full", "read-only", "permission", "missing-folder", "too-large",
                  "other"]

_PROBLEMS: dict[int, tuple[Problem, str]] = {
    errno.ENOSPC: ("disk-full", "the disk is full"),
    errno.EDQUOT: ("disk-full", "your disk quota is used up"),
    errno.EROFS: ("read-only", "the disk is read-only"),
    errno.EACCES: ("permission", "the folder does not let you write there"),
    errno.EPERM: ("permission", "the folder does not let you write there"),
    errno.ENOENT: ("missing-folder", "its folder is gone (moved, deleted or unplugged)"),
    errno.ENOTDIR: ("missing-folder", "its folder is gone (moved, deleted or unplugged)"),
    errno.EIO: ("other", "the disk reported an input/output error"),
}


class SaveStatus(BaseModel):
    """The map's state on disk, as the status bar shows it."""

    saved: bool
    """True only when the file on disk holds everything on screen."""
    message: str
    """One plain line: `saved 14:03`, `not saved: the disk is full ...`."""
    problem: Problem = ""
    """What went wrong, for a screen that offers a remedy (e.g. "save as")."""
    at: dt.datetime | None = None
    """When the map was last saved, if ever in this session."""

    @classmethod
    def ok(cls, when: dt.datetime) -> SaveStatus:
        """Everything is on disk as of `when`."""
        return cls(saved=True, message=f"saved {when.astimezone():%H:%M:%S}", at=when)


class DiskTrouble(AttachmapError, OSError):
    """A save failed; the file on disk is unchanged and the map stays in memory.

    An `OSError` too, so code that guards saves with `except OSError` keeps
    working; `problem` names the kind of trouble and `str()` says it plainly.
    """

    def __init__(self, path: Path, problem: Problem, reason: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.reason = reason
        super().__init__(f"{path.name} was not saved: {reason}")
        self.strerror = reason  # what screens that read OSError.strerror show

    def __str__(self) -> str:
        return f"{self.path.name} was not saved: {self.reason}"


class OpenReadOnly(DiskTrouble, PermissionError):
    """A save asked of a map open read-only; `reason` says why (the other
    window that holds it, a read-only file), never just "permission denied"."""


def describe_os_error(error: OSError) -> tuple[Problem, str]:
    """(problem, plain reason) for an error from the file system."""
    if isinstance(error, NotFollowed):  # a sentence of its own, naming the path
        return "other", error.why
    if isinstance(error, DiskTrouble):
        return error.problem, error.reason
    known = _PROBLEMS.get(error.errno or 0)
    if known:
        return known
    return "other", (error.strerror or str(error)).lower()


def trouble_status(trouble: DiskTrouble, last: dt.datetime | None) -> SaveStatus:
    """The status to show after a failed save, with what the user can do."""
    remedy = {
        "disk-full": "free some space or use save as to put it elsewhere; attachmap keeps trying",
        "read-only": "use save as to put it on a writable disk",
        "permission": "use save as to put it in a folder of yours",
        "missing-folder": "use save as to put it somewhere else; attachmap keeps trying",
        "too-large": "undo the last change or shorten a long note: the map stays here on"
                     " screen until then",
    }.get(trouble.problem, "attachmap keeps trying; save as puts it elsewhere")
    since = f" (last saved {last.astimezone():%H:%M:%S})" if last else ""
    return SaveStatus(saved=False, message=f"NOT SAVED: {trouble.reason}{since}; {remedy}",
                      problem=trouble.problem, at=last)
