"""Readable, stable ids for new nodes and other entries, made from labels."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_MAX = 40


def slug(text: str) -> str:
    """`Sam goes quiet after…` -> `sam-goes-quiet-after`; `` for no ASCII letters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > _MAX:
            break
        out = candidate
    return out or (words[0][:_MAX] if words else "")


def new_id(text: str, taken: Container[str], fallback: str = "node") -> str:
    """A free id like `sam-goes-quiet`, `sam-goes-quiet-2`, or `trigger-3`."""
    base = slug(text) or fallback
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
