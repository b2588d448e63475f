"""Writing a file so that a crash leaves the old file or the new, never half.

The new bytes go to an owner-only temp file in the same folder, are fsynced,
renamed over the target, and the folder is fsynced so the rename survives a
power cut. A temp file left by a killed process is swept on the next write.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

TEMP_PREFIX = ".attachmap-tmp-"
PRIVATE = 0o600


def temp_files(target: Path) -> list[Path]:
    """Temp files a killed writer of `target` may have left beside it."""
    pattern = f"{TEMP_PREFIX}{target.name}."
    try:
        return [p for p in target.parent.iterdir() if p.name.startswith(pattern)]
    except OSError:
        return []


def sweep_temp_files(target: Path) -> None:
    """Remove temp files a killed writer left beside `target`."""
    for leftover in temp_files(target):
        with contextlib.suppress(OSError):
            leftover.unlink()


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically; the result is owner-only (0600).

    Raises OSError (disk full, read-only folder, ...) with `target` unchanged.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    sweep_temp_files(target)
    temp = folder / f"{TEMP_PREFIX}{target.name}.{secrets.token_hex(4)}"
    # O_EXCL: never an existing file, nor a symlink planted at the name.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0), PRIVATE)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE)  # whatever the umask
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
