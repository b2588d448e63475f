"""`attachmap history FILE` lists the versions kept beside a map;
`attachmap restore FILE N` brings version N back (and keeps the one it replaces).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from exports.history_restore import HistoryEntry, history_entries, restore_version
from tui.crypto_cli import add_passphrase_option, passphrase_source


def _when(entry: HistoryEntry) -> str:
    if entry.saved is None:
        return "now (the file)"
    return f"{entry.saved.astimezone():%a %d %b %Y %H:%M:%S}"


def format_history(path: Path, entries: list[HistoryEntry]) -> str:
    """The table `attachmap history` prints."""
    kept = sum(1 for e in entries if e.number)
    lines = [f"{path}: {kept} earlier version{'s' if kept != 1 else ''} kept"
             " (the newest 20 and the last of each day)"]
    width = len(str(max((e.number for e in entries), default=0)))
    lines.append(f"  {'N'.rjust(width)}  {'replaced at':<26}  {'holds':<22}  what changed since the"
                 " version before")
    for entry in entries:
        number = str(entry.number).rjust(width) if entry.number else "·".rjust(width)
        counts = (f"{entry.nodes} nodes, {entry.links} links" if entry.nodes is not None
                  else entry.problem)
        lines.append(f"  {number}  {_when(entry):<26}  {counts:<22}  {entry.changes}".rstrip())
    if kept:
        lines.append(f"Bring one back with: attachmap restore {path} N"
                     " (the map as it is now is kept first)")
    return "\n".join(lines)


def history_main(argv: Sequence[str]) -> int:
    """Run `attachmap history` on `argv` (the arguments after `history`)."""
    parser = argparse.ArgumentParser(
        prog="attachmap history",
        description="List the earlier versions kept beside a map: when, how big, what changed.")
    parser.add_argument("file", type=Path, help="the map")
    add_passphrase_option(parser)
    args = parser.parse_args(argv)
    entries = history_entries(args.file, passphrase_source(args))
    if not entries:
        print(f"{args.file}: no such map and no history kept for it", file=sys.stderr)
        return 1
    print(format_history(args.file, entries))
    return 0


def restore_main(argv: Sequence[str]) -> int:
    """Run `attachmap restore` on `argv` (the arguments after `restore`)."""
    parser = argparse.ArgumentParser(
        prog="attachmap restore",
        description="Bring back an earlier version of a map; the current one is kept in history.")
    parser.add_argument("file", type=Path, help="the map")
    parser.add_argument("number", type=int, help="the version number from attachmap history")
    add_passphrase_option(parser)
    args = parser.parse_args(argv)
    done = restore_version(args.file, args.number, passphrase_source(args))
    print(f"Restored version {done.number} (from {done.saved.astimezone():%d %b %Y %H:%M}):"
          f" {done.changes}.")
    print(f"The version it replaced is kept as version 1: attachmap restore {args.file} 1"
          " undoes this.")
    return 0
