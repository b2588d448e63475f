"""`attachmap review FILE`: the client's read-only review of a saved map.

A missing or invalid file is one plain message and exit 1 before the
screen opens; the client can log tries and repairs, nothing else.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from exports.load_errors import MapLoadError


def main(argv: Sequence[str]) -> int:
    """Run `attachmap review` on `argv` (the arguments after `review`)."""
    parser = argparse.ArgumentParser(
        prog="attachmap review",
        description="Read your map between sessions, and log how practice and repairs went.")
    parser.add_argument("file", type=Path, help="the map to review")
    args = parser.parse_args(argv)
    if not args.file.exists():
        raise MapLoadError(args.file, "", "a map file here, but there is none"
                           " (the review opens a map saved in session)")
    from tui.review.app import run_review

    return run_review(args.file)
