"""`attachmap export`: load a map, render it for an audience, write it safely."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from exports.audience import Audience
from exports.errors import AttachmapError
from exports.formats import FORMATS, render
from exports.store import PassphraseSource, read_map
from exports.store.atomic import write_atomic
from patterns.text import terminal_safe


def default_output(source: Path, fmt: str, audience: Audience) -> Path:
    """`chase.toml` (or `chase.toml.age`) -> `chase-client.pdf`, beside the map."""
    stem = Path(source.name.removesuffix(".age")).stem
    return source.with_name(f"{stem}-{audience}{FORMATS[fmt].suffix}")


def _for_terminal(data: bytes, fmt: str) -> bytes:
    """An export shown on the terminal: text without anything the terminal
    would obey (a pipe or a file gets the exact bytes); a binary file refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AttachmapError(f"a {fmt.upper()} file is not for the terminal: give -o FILE, or"
                             " send it to another program with |") from None
    return terminal_safe(text, lines=True).encode("utf-8")


def export_file(source: Path, fmt: str, out: Path, *, audience: Audience = "client",
                passphrase_source: PassphraseSource | None = None,
                **options: Any) -> Path | None:
    """Write `source` as `fmt` to `out` (atomically, owner-only); `-` writes to
    standard output. Returns the path written, or None for standard output.
    An encrypted map is decrypted in memory with `passphrase_source`."""
    m = read_map(source, passphrase_source)
    if str(out) != "-" and out.resolve() == source.resolve():
        raise AttachmapError(f"{out}: refusing to export over the map itself; choose another -o")
    data = render(m, fmt, audience, **options)
    if str(out) == "-":
        if sys.stdout.isatty():
            data = _for_terminal(data, fmt)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    try:
        write_atomic(out, data)
    except OSError as error:
        raise AttachmapError(f"{out}: could not write the export ({error.strerror or error})") from None
    return out
