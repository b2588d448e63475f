"""What attachmap leaves behind when it stops on an unexpected error.

A crash must not put the client's words on a screen the client may be
watching, nor into a file that outlives the session (SPEC section 6). So the
terminal gets one line: what happened, what became of the map, and where the
report is. The report names the error's type and the lines of code it passed
through; the error's message and the local variables are left out, as both
may quote the map (a markup error quotes the label it choked on; a local
variable may be the node with its private note). The report is owner-only in
a private folder, never written through a symlink.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def crash_folder(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_STATE_HOME/attachmap/crashes` (default `~/.local/state/attachmap/crashes`)."""
    environ = os.environ if environ is None else environ
    state = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "attachmap" / "crashes"


def _private_folder(folder: Path) -> Path:
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    info = folder.lstat()
    if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
        raise OSError(f"{folder} is not a private folder")
    if info.st_mode & 0o077:
        folder.chmod(FOLDER_MODE)
    return folder


#: One exception of a report: its type's name and the frames it passed
#: through, each (file, line number, function, source line).
Frames = list[tuple[str, int, str, str]]


def report_text(error: BaseException, now: dt.datetime) -> str:
    """The report: versions, then each exception of the chain with its type
    and the code it passed through; no messages, no local variables."""
    import traceback

    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    stacks = []
    for exc in reversed(chain):
        kind = type(exc)
        frames = [(f.filename, f.lineno or 0, f.name, f.line or "")
                  for f in traceback.extract_tb(exc.__traceback__)]
        stacks.append((f"{kind.__module__}.{kind.__qualname__}", frames))
    return _report(stacks, now)


def _report(stacks: list[tuple[str, Frames]], now: dt.datetime) -> str:
    import platform
    from importlib import metadata

    versions = []
    for name in ("attachmap", "textual", "rich", "pydantic"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    lines = [
        "attachmap crash report",
        f"when: {now.isoformat()}",
        f"running: {', '.join(versions)}; Python {platform.python_version()}"
        f" on {platform.system()}",
        "Left out on purpose: the error's message and every local variable (they may quote"
        " the map).",
        "",
    ]
    for number, (kind, frames) in enumerate(stacks):
        if number:
            lines.append("\nwhile handling it, another error:\n")
        lines.append("Traceback (most recent call last):")
        for filename, lineno, name, source in frames:
            lines.append(f'  File "{filename}", line {lineno}, in {name}')
            if source.strip():
                lines.append(f"    {source.strip()}")
        lines.append(kind)
    return "\n".join(lines) + "\n"


def write_crash_report(error: BaseException | tuple[str, Frames], *,
                       folder: Path | None = None,
                       now: dt.datetime | None = None) -> Path | None:
    """Write the report (owner-only) and return where; None if it could not be
    written. `error` is the exception, or (its type's name, its frames) where
    only that much is left of it."""
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        text = (report_text(error, now) if isinstance(error, BaseException)
                else _report([error], now))
        folder = _private_folder(folder or crash_folder())
        path = folder / f"crash-{now:%Y%m%dT%H%M%SZ}-{os.getpid()}.txt"
        flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0))
        fd = os.open(path, flags, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    except Exception:  # a crash report must never cause a second crash
        return None


def crash_line(error: BaseException | tuple[str, Frames], report: Path | None,
               map_state: str = "") -> str:
    """The one line the terminal gets: `attachmap stopped on an unexpected error …`."""
    kind = type(error).__name__ if isinstance(error, BaseException) else error[0].split(".")[-1]
    line = f"attachmap stopped on an unexpected error ({kind})"
    if map_state:
        line += f"; {map_state}"
    if report is not None:
        line += f". The report (no map text in it) is in {report}"
    else:
        line += ". No report could be written"
    return line + "."


def report_crash(error: BaseException | tuple[str, Frames], map_state: str = "") -> str:
    """Write the report; the line to show for it."""
    return crash_line(error, write_crash_report(error), map_state)


def print_crash(error: BaseException, map_state: str = "") -> None:
    """For the command line: the report written, its line on standard error."""
    from patterns.text import terminal_safe

    print(terminal_safe(report_crash(error, map_state)), file=sys.stderr)


__all__ = ["crash_folder", "crash_line", "print_crash", "report_crash", "report_text",
           "write_crash_report"]
