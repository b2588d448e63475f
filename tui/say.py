"""Printing on the command line: every line a command prints passes
`patterns.text.terminal_safe`, so map text (a title, a label, a file name, an
error quoting the file) can never steer the terminal."""

from __future__ import annotations

import sys


def say(text: str = "", *, err: bool = False) -> None:
    """Print `text` (line breaks kept, every other control character removed)
    to standard output, or to standard error with `err`."""
    from patterns.text import terminal_safe

    print(terminal_safe(text, lines=True), file=sys.stderr if err else sys.stdout)


__all__ = ["say"]
