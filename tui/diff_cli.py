"""`attachmap diff OLD NEW`: what changed between two saves of a map.

Prints one plain sentence per change and a count at the end; exit 0 (also
when nothing changed), exit 1 with the loader's message if either file is
not a valid map. Private notes are never printed, only that one changed.
"""

from __future__ import annotations

import argparse

from exports.diff import diff_maps
from exports.store import read_map
from tui.crypto_cli import passphrase_source
from tui.say import say


def diff(args: argparse.Namespace) -> int:
    """Run `attachmap diff` (its arguments parsed by `tui.cli`)."""
    source = passphrase_source(args)
    old, new = read_map(args.old, source), read_map(args.new, source)
    diff = diff_maps(old, new)
    if not diff:
        say(f"No changes between {args.old} and {args.new}.")
        return 0
    if not args.summary:
        say(f"From {args.old} to {args.new}:")
        for line in diff.lines():
            say(f"  {line}")
    say(f"In all: {diff.summary()}.")
    return 0
