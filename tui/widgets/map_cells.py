"""How the terminal measures the map: graphemes and the cells they take.

The layout engine (patterns.layout) works in units; on a terminal a unit is
a cell, and a grapheme takes one or two of them (CJK, most emoji). rich
knows the widths terminals use; the engine must not import it, so the
screen hands it this `Metrics`.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len, split_graphemes

from patterns.layout.boxes import Metrics
from patterns.layout.words import Cluster

__all__ = ["CELLS", "cells_of", "clusters"]


def _regional(piece: str) -> bool:
    return len(piece) == 1 and 0x1F1E6 <= ord(piece) <= 0x1F1FF


@lru_cache(maxsize=16384)
def _clusters(text: str) -> tuple[Cluster, ...]:
    spans, _ = split_graphemes(text)
    out: list[Cluster] = []
    for start, end, width in spans:
        piece = text[start:end]
        if out and (width == 0 or (_regional(piece) and _regional(out[-1][0]))):
            # A mark with nothing to sit on joins the previous grapheme.
            out[-1] = (out[-1][0] + piece, out[-1][1] + width)
        else:
            out.append((piece, width))
    return tuple(out)


def clusters(text: str) -> list[Cluster]:
    """The text as graphemes with their cell widths (a flag's two regional
    indicators, an emoji with its skin tone or joiners, a letter with its
    combining marks each stay whole)."""
    return list(_clusters(text))


@lru_cache(maxsize=4096)
def cells_of(text: str) -> tuple[str, ...]:
    """The cells a text takes: each grapheme, and "" after a wide one."""
    cells: list[str] = []
    for piece, w in _clusters(text):
        cells.append(piece)
        if w == 2:
            cells.append("")
    return tuple(cells)


#: The terminal's metrics: a unit is a cell; the kind tag is drawn ` tag `.
CELLS = Metrics("cells", clusters, tag_width=lambda tag: cell_len(tag) + 2.0)
