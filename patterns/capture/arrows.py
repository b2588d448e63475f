"""The arrows of the capture line's link form: `a -> b`, `a -provokes-> b`.

Pure text: where each arrow stands and which link kind, if any, it names.
"""

from __future__ import annotations

import re

from patterns.capture import CaptureError
from patterns.capture.refs import quoted
from patterns.capture.sentence import quoted_spans
from patterns.vocabulary import LinkKind, link_phrase, parse_link_kind

#: An arrow: `->`, `-->`, `→` or `⟶`.
ARROW = re.compile(r"-+>|→|⟶")
_ARROW_KIND = re.compile(r"[A-Za-z](?:[A-Za-z _-]*[A-Za-z])?")
#: Longest link kind written in an arrow (`-longs for->`), with room to spare.
_KIND_MAX = 24

#: (where the arrow begins, its kind word included; where it ends; the kind
#: it names, or None for the default of the pair)
Arrow = tuple[int, int, LinkKind | None]


def find_arrows(text: str) -> list[Arrow]:
    """Each arrow outside quotes: (start, end, the kind named in it or None).

    `-provokes->`, `-leads to->`, `-leads_to->`: the kind sits between a dash
    and the arrow. A dash inside a label (`self-critical -> x`) is not taken
    for one, but `a -foo-> b` with a dash after a space is refused as an
    unknown kind rather than read as a label ending in "-foo".
    """
    spans = quoted_spans(text)
    out: list[Arrow] = []
    last = 0
    for m in ARROW.finditer(text):
        if any(a < m.start() < b for a, b in spans):
            continue
        start, kind = m.start(), None
        left = text[last:start]
        for dash in (i for i in range(len(left) - 1, -1, -1) if left[i] == "-"):
            word = left[dash + 1:].strip()
            if len(word) > _KIND_MAX:
                break
            kind = parse_link_kind(word) or parse_link_kind(_plural(word))
            if kind is not None:
                start = last + dash
                break
        if kind is None:
            dash = left.rfind("-")
            word = left[dash + 1:] if dash >= 0 else ""
            if (dash >= 0 and (dash == 0 or left[dash - 1].isspace()) and len(word) <= _KIND_MAX
                    and _ARROW_KIND.fullmatch(word)):
                kinds = ", ".join(link_phrase(k) for k in LinkKind)
                raise CaptureError(f"{quoted(word)} is not a link kind: use one of {kinds}",
                                   last + dash, m.end())
        out.append((start, m.end(), kind))
        last = m.end()
    return out


def _plural(word: str) -> str:
    """`provoke` -> `provokes`, `lead-to` -> `leads_to`: forgive the verb form."""
    head, _, tail = re.sub(r"[\s_-]+", "_", word.strip()).partition("_")
    return head + "s" + ("_" + tail if tail else "")


__all__ = ["ARROW", "Arrow", "find_arrows"]
