"""`attachmap review FILE`: the client's read-only review of a saved map.

A missing or invalid file is one plain message and exit 1 before the
screen opens; an encrypted map (`.age`) asks for its passphrase on screen
first. The client can log tries and repairs, nothing else.
"""

from __future__ import annotations

import argparse

from exports.store.crypto import SUFFIX
from exports.store.load_errors import MapLoadError


def review(args: argparse.Namespace) -> int:
    """Run `attachmap review` (its arguments parsed by `tui.cli`)."""
    sealed = args.file.with_name(args.file.name + SUFFIX)
    if not args.file.exists() and not sealed.exists():
        raise MapLoadError(args.file, "", "a map file here, but there is none"
                           " (the review opens a map saved in session)")
    from tui.review.app import run_review

    # The map may have been encrypted since: `chase.toml` is now `chase.toml.age`.
    return run_review(args.file if args.file.exists() else sealed,
                      passphrase_file=args.passphrase_file)
