"""Map text as every output shows it: made safe for a terminal, on one line,
cut into graphemes, quoted. The one home of these rules (SPEC section 6).

A label, a note, a name or a title is whatever a person typed or a file
held, and a terminal obeys control characters: `ESC ] 52` writes the
clipboard, `ESC ] 0` retitles the window, `ESC [ 2J` clears the screen, a
lone C1 `0x9b` starts the same sequences on some terminals, and the
bidirectional overrides reorder whatever follows them on the line. Every
piece of map text on its way to a terminal (a widget, a notification, a line
the command line prints, an error message quoting the file) passes
`terminal_safe` first. Markup is a separate matter: widgets are given text,
never markup built from these strings.

A label drawn or printed (`clean_label`) is on one line, with a mark where a
control character was; it is cut into graphemes (`graphemes`) so that a
letter keeps its accents and an emoji its joiners when a line breaks; named
in a sentence it is `quoted`. How wide a grapheme is belongs to the renderer
(terminal cells, points on paper): the layout engine is handed that.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypeVar

from pydantic import BaseModel

_Model = TypeVar("_Model", bound=BaseModel)

#: Line breaks, tabs and the other control characters that separate words:
#: each becomes one space, so words never run together.
_SPACING = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
#: Every other C0 control (ESC and BEL among them), DEL and the C1 controls
#: (Unicode category Cc), the bidirectional embeddings, overrides and isolates
#: (they reorder the rest of the terminal line), and lone surrogates (they
#: cannot be written to a terminal at all).
_CONTROLS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_REMOVED = _CONTROLS + _BIDI
_IS_BIDI = re.compile(f"[{_BIDI}]")
_UNSAFE = re.compile(f"[{_SPACING}{_REMOVED}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[{_SPACING.replace(chr(10), '')}{_REMOVED}]")


def terminal_safe(text: str, *, lines: bool = False, replacement: str = "") -> str:
    """`text` as it may reach a terminal: nothing in it can move the cursor,
    start an escape sequence or reorder the line.

    Line breaks and tabs become a space (with `lines`, a line break stays:
    for whole printed messages); every other control character is removed
    (or becomes `replacement`, e.g. `\\ufffd` where a box shows that something
    was there; bidirectional marks are always removed). Printable text, emoji and right-to-left letters are kept as
    they are, so an escape sequence loses only its control characters:
    `\\x1b]0;title\\x07` reads `]0;title`.
    """
    unsafe = _UNSAFE_BUT_NEWLINE if lines else _UNSAFE
    if unsafe.search(text) is None:  # nearly always: no copy made
        return text

    def swap(found: re.Match[str]) -> str:
        ch = found.group()
        if ch in _SPACING:
            return " "
        return "" if _IS_BIDI.match(ch) else replacement

    return unsafe.sub(swap, text)


def is_terminal_safe(text: str) -> bool:
    """Whether `text` holds nothing `terminal_safe` would change, line breaks
    apart (for tests and checks of whole screens and printed output)."""
    return _UNSAFE_BUT_NEWLINE.search(text) is None


def terminal_safe_copy(model: _Model) -> _Model:
    """A copy of a map (or any part of one) with every text in it made
    `terminal_safe`, for a screen drawn wholly from it (the client's review).
    Parts with nothing to clean are shared, not copied; nothing is validated
    again (a label of control characters alone becomes empty, not an error)."""
    return _cleaned(model)


#: Where a control character was, in a label drawn or printed.
_REPLACEMENT = "\ufffd"


def clean_label(text: str) -> str:
    """The label on one line, as every output shows it: line breaks and tabs
    as spaces, other control characters shown as � and bidirectional
    overrides removed (`terminal_safe`, with a mark where something was)."""
    return " ".join(terminal_safe(text, replacement=_REPLACEMENT).split())


def graphemes(text: str) -> list[str]:
    """The text cut into graphemes without a terminal library: a letter with
    its combining marks, an emoji with its joiners, variation selectors and
    skin tone, a flag's two regional indicators each stay whole."""
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me")
                    or ch in "\u200d\ufe0e\ufe0f" or out[-1].endswith("\u200d")
                    or 0x1F3FB <= ord(ch) <= 0x1F3FF
                    or (_regional(ch) and len(out[-1]) == 1 and _regional(out[-1]))):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _regional(piece: str) -> bool:
    return len(piece) == 1 and 0x1F1E6 <= ord(piece) <= 0x1F1FF


def quoted(text: str, limit: int = 40) -> str:
    """`“scared of being left”`: a label named in a sentence for the
    therapist (a status line, a diff), on one line and cut with `…` past
    `limit` characters. What the client reads is quoted by `voice.quote`."""
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + "”"


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return terminal_safe(value)  # the same object when nothing changes
    if isinstance(value, list):
        items = [_cleaned(item) for item in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, BaseModel):
        changes = {}
        for name, item in value:
            new = _cleaned(item)
            if new is not item:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    return value


__all__ = ["clean_label", "graphemes", "is_terminal_safe", "quoted", "terminal_safe",
           "terminal_safe_copy"]
