"""`attachmap history FILE` lists the versions kept beside a map, each by its
id (its time), marking the session starts; `attachmap restore FILE ID` brings
that version back (and keeps the one it replaces).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from exports.store.restore import HistoryEntry, history_entries, restore_version
from patterns.voice import day
from tui.crypto_cli import passphrase_source
from tui.say import say


def _at(when: dt.datetime, *, seconds: bool = True) -> str:
    """`4 Dec 2026 16:30:05`, in local time: the day as every output writes it."""
    local = when.astimezone()
    return f"{day(local)} {local:%H:%M:%S}" if seconds else f"{day(local)} {local:%H:%M}"


#: Marks a session start in the listing.
START = "▸"


def format_history(path: Path, entries: list[HistoryEntry]) -> str:
    """The table `attachmap history` prints."""
    kept = sum(1 for e in entries if e.number)
    lines = [f"{path}: {kept} earlier version{'s' if kept != 1 else ''} kept"
             " (the newest 20, the last of each day, and every session's start for good)"]
    width = max([len("the file now"), *(len(e.id) for e in entries)])
    lines.append(f"    {'version':<{width}}  {'kept at':<25}  {'holds':<22}  what changed since"
                 " the version before")
    for entry in entries:
        mark = START if entry.session_start else " "
        name = entry.id or "the file now"
        when = "" if entry.saved is None else _at(entry.saved)
        counts = (f"{entry.nodes} nodes, {entry.links} links" if entry.nodes is not None
                  else entry.problem)
        lines.append(f"  {mark} {name:<{width}}  {when:<25}  {counts:<22}  {entry.changes}"
                     .rstrip())
    if any(e.session_start for e in entries):
        lines.append(f"{START} the map as a session began: kept for good")
    if kept:
        example = next(e.id for e in entries if e.number)
        lines.append(f"Bring one back with: attachmap restore {path} {example}"
                     " (the version id; the map as it is now is kept first)")
    return "\n".join(lines)


def history(args: argparse.Namespace) -> int:
    """Run `attachmap history` (its arguments parsed by `tui.cli`)."""
    entries = history_entries(args.file, passphrase_source(args))
    if not entries:
        say(f"{args.file}: no such map and no history kept for it", err=True)
        return 1
    say(format_history(args.file, entries))
    return 0


def restore(args: argparse.Namespace) -> int:
    """Run `attachmap restore` (its arguments parsed by `tui.cli`)."""
    done = restore_version(args.file, args.version, passphrase_source(args))
    what = "the start of the session of" if done.session_start else "the version kept"
    say(f"Restored {done.id}, {what} {_at(done.saved, seconds=False)}:"
        f" {done.changes}.")
    if done.kept_as:
        say(f"The map it replaced is kept as {done.kept_as}: attachmap restore {args.file}"
            f" {done.kept_as} undoes this.")
    return 0
