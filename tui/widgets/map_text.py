"""Labels as terminal cells: made safe to draw, cut into graphemes, wrapped.

A label is the client's own words and may hold anything: emoji sequences,
CJK (two cells a character), right-to-left scripts, combining marks, pasted
control characters. Drawing it inside a box must neither cut a word off nor
break a character apart, and nothing in it may steer the terminal.
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes

from patterns.text import terminal_safe

#: A grapheme and the cells it takes on screen.
Cluster = tuple[str, int]

_REPLACEMENT = "\ufffd"


def clean_label(text: str) -> str:
    """The label with line breaks and tabs as spaces, other control
    characters shown as � and bidirectional overrides removed: the rule of
    `patterns.text.terminal_safe`, with a mark where something was."""
    return " ".join(terminal_safe(text, replacement=_REPLACEMENT).split())


def clusters(text: str) -> list[Cluster]:
    """The text as graphemes with their cell widths (a flag's two regional
    indicators, an emoji with its skin tone or joiners, a letter with its
    combining marks each stay whole)."""
    spans, _ = split_graphemes(text)
    out: list[Cluster] = []
    for start, end, width in spans:
        piece = text[start:end]
        if out and (width == 0 or (_regional(piece) and _regional(out[-1][0]))):
            # A mark with nothing to sit on joins the previous grapheme.
            out[-1] = (out[-1][0] + piece, out[-1][1] + width)
        else:
            out.append((piece, width))
    return out


def _regional(piece: str) -> bool:
    return len(piece) == 1 and 0x1F1E6 <= ord(piece) <= 0x1F1FF


def wrap_label(
    text: str, width: int, *, first_prefix: str = "", prefix: str = ""
) -> list[list[Cluster]]:
    """Wrap a label into lines of at most `width` cells, breaking at spaces
    and, for a word longer than a line, between graphemes. Every grapheme of
    the label appears exactly once, in order. The first line starts with
    `first_prefix`, the others with `prefix` (e.g. `⟳ ` and two spaces)."""
    words = [clusters(w) for w in clean_label(text).split(" ") if w]
    lines: list[list[Cluster]] = []
    line = clusters(first_prefix)
    used, start = line_width(line), len(line)

    def break_line() -> None:
        nonlocal line, used, start
        lines.append(line)
        line = clusters(prefix)
        used, start = line_width(line), len(line)

    for word in words:
        if len(line) > start:
            if used + 1 + line_width(word) <= width:
                line.append((" ", 1))
                used += 1
            else:
                break_line()
        for piece, w in word:
            if used + w > width and len(line) > start:
                break_line()
            line.append((piece, w))
            used += w
    lines.append(line)
    return lines


def line_width(line: list[Cluster]) -> int:
    """Cells taken by a wrapped line."""
    return sum(w for _, w in line)


def fit(text: str, width: int) -> str:
    """Text shortened with … to at most `width` cells (for headings only:
    labels are wrapped, never shortened)."""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for piece, w in clusters(text):
        if used + w > width - 1:
            break
        out.append(piece)
        used += w
    return "".join(out) + "…"


def cut_lines(lines: list[list[Cluster]], width: int, most: int) -> list[list[Cluster]]:
    """The first `most` wrapped lines, the last ending in … when anything was
    left out (a compact box; the whole label is in the details)."""
    if len(lines) <= most:
        return lines
    kept = [list(line) for line in lines[:most]]
    last = kept[-1]
    while last and (line_width(last) + 1 > width or last[-1][0] == " "):
        last.pop()
    last.append(("…", 1))
    return kept
