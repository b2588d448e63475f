"""Labels as the drawing measures them: wrapped into lines and shortened, in
the renderer's units.

A label is the client's own words and may hold anything: emoji sequences,
CJK (two cells a character on a terminal), right-to-left scripts, combining
marks, pasted control characters. Drawing it inside a box must neither cut a
word off nor break a character apart, and nothing in it may steer a
terminal (`patterns.text.clean_label` cleans it first). How wide each
grapheme is belongs to the renderer (terminal cells, points on paper): it
passes a `Clusters` function, and everything here works in its units.
"""

from __future__ import annotations

from collections.abc import Callable

from patterns.text import clean_label

#: A grapheme and its width, in the renderer's units.
Cluster = tuple[str, float]
#: A renderer's way of cutting text into graphemes with their widths.
Clusters = Callable[[str], list[Cluster]]


def wrap_label(
    text: str, width: float, clusters: Clusters, *, first_prefix: str = "", prefix: str = ""
) -> list[list[Cluster]]:
    """Wrap a label into lines of at most `width` units, breaking at spaces
    and, for a word longer than a line, between graphemes. Every grapheme of
    the label appears exactly once, in order. The first line starts with
    `first_prefix`, the others with `prefix` (e.g. `✦ ` and two spaces)."""
    words = [clusters(w) for w in clean_label(text).split(" ") if w]
    space = clusters(" ")[0]
    lines: list[list[Cluster]] = []
    line = clusters(first_prefix) if first_prefix else []
    used, start = line_width(line), len(line)

    def break_line() -> None:
        nonlocal line, used, start
        lines.append(line)
        line = clusters(prefix) if prefix else []
        used, start = line_width(line), len(line)

    for word in words:
        if len(line) > start:
            if used + space[1] + line_width(word) <= width:
                line.append(space)
                used += space[1]
            else:
                break_line()
        for piece, w in word:
            if used + w > width and len(line) > start:
                break_line()
            line.append((piece, w))
            used += w
    lines.append(line)
    return lines


def line_width(line: list[Cluster]) -> float:
    """Units taken by a wrapped line."""
    return sum(w for _, w in line)


def line_text(line: list[Cluster]) -> str:
    """A wrapped line as a string."""
    return "".join(piece for piece, _ in line)


def cut_lines(lines: list[list[Cluster]], width: float, most: int,
              clusters: Clusters) -> list[list[Cluster]]:
    """The first `most` wrapped lines, the last ending in … when anything was
    left out (a compact box; the whole label is in the details)."""
    if len(lines) <= most:
        return lines
    ellipsis = clusters("…")[0]
    kept = [list(line) for line in lines[:most]]
    last = kept[-1]
    while last and (line_width(last) + ellipsis[1] > width or last[-1][0] == " "):
        last.pop()
    last.append(ellipsis)
    return kept


def shorten(text: str, width: float, clusters: Clusters) -> str:
    """Text on one line, shortened with … to at most `width` units (names,
    headings, a one-line box)."""
    pieces = clusters(clean_label(text))
    if line_width(pieces) <= width:
        return line_text(pieces)
    ellipsis = clusters("…")[0]
    out, used = [], 0.0
    for piece, w in pieces:
        if used + w > width - ellipsis[1]:
            break
        out.append(piece)
        used += w
    return "".join(out).rstrip() + "…"
