"""The one error a map load raises, and plain words for pydantic's errors.

A therapist reads these, so each says where (file, place, line) and what was
expected there, in words rather than type names.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from exports.errors import AttachmapError
from patterns.models import (
    Experiment,
    Link,
    Loop,
    Node,
    Person,
    RelationalMap,
    Repair,
    Session,
    Try,
)
from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind, StrategyStyle

_TABLE_MODELS: dict[str, type] = {
    "people": Person, "sessions": Session, "nodes": Node, "links": Link, "loops": Loop,
    "experiments": Experiment, "tries": Try, "repairs": Repair,
}
_ENUMS: dict[str, type] = {
    "kind@nodes": NodeKind, "kind@links": LinkKind, "layer": FeelingLayer, "style": StrategyStyle,
}


class MapLoadError(AttachmapError):
    """A map file could not be loaded; nothing of it was.

    `path` is the file, `place` where in it (`nodes[3].intensity`, or
    `line 4, column 7`), `expected` what should be there, `line` the line of
    the table the place is in, when it can be found.
    """

    def __init__(
        self,
        path: Path | str,
        place: str,
        expected: str,
        *,
        text: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.path = Path(path)
        self.place = place
        self.expected = expected
        self.line = _line_of(place, text) if text else None
        self.context = _context_of(place, data) if data else ""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.place
        extras = [x for x in (f"line {self.line}" if self.line else "", self.context) if x]
        if extras:
            where += f" ({', '.join(extras)})"
        return f"{self.path}: {where}: expected {self.expected}" if where else (
            f"{self.path}: expected {self.expected}"
        )


def _steps(place: str) -> list[tuple[str, int | None]]:
    steps = []
    for part in place.split("."):
        found = re.fullmatch(r"([A-Za-z_]+)(?:\[(\d+)\])*", part)
        if not found:
            break
        indexes = re.findall(r"\[(\d+)\]", part)
        steps.append((found[1], int(indexes[0]) if indexes else None))
    return steps


def _line_of(place: str, text: str) -> int | None:
    """The line of the `[[table]]` header (or top-level key) a place is in."""
    steps = _steps(place)
    if not steps:
        return None
    lines = text.splitlines()
    table, index = steps[0]
    if index is None:
        for number, line in enumerate(lines, 1):
            if re.match(rf"\s*{re.escape(table)}\s*=", line):
                return number
        return None
    headers = [n for n, line in enumerate(lines, 1) if re.match(rf"\s*\[\[\s*{table}\s*\]\]", line)]
    if index >= len(headers):
        return None
    line = headers[index]
    if len(steps) > 1 and steps[1][1] is not None:
        sub, sub_index = steps[1]
        end = headers[index + 1] if index + 1 < len(headers) else len(lines) + 1
        subs = [
            n for n in range(line, end)
            if re.match(rf"\s*\[\[\s*{table}\.{sub}\s*\]\]", lines[n - 1])
        ]
        if sub_index is not None and sub_index < len(subs):
            return subs[sub_index]
    return line


def _context_of(place: str, data: dict[str, Any]) -> str:
    """`node 'texting'` for a place inside the nodes table, and the like."""
    steps = _steps(place)
    if not steps or steps[0][1] is None:
        return ""
    table, index = steps[0]
    rows = data.get(table)
    if not isinstance(rows, list) or not 0 <= index < len(rows) or not isinstance(rows[index], dict):
        return ""
    row = rows[index]
    if table == "links" and isinstance(row.get("source"), str) and isinstance(row.get("target"), str):
        return f"link {row['source']} -> {row['target']}"
    if table == "loops" and isinstance(row.get("name"), str):
        return f"loop '{row['name']}'"
    if isinstance(row.get("id"), str):
        singular = {"people": "person", "nodes": "node", "sessions": "session",
                    "experiments": "experiment"}.get(table, table)
        return f"{singular} '{row['id']}'"
    return ""


def _place(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _model_at(loc: tuple[Any, ...]) -> type:
    model: type = RelationalMap
    for part in loc:
        if isinstance(part, str) and part in _TABLE_MODELS:
            model = _TABLE_MODELS[part]
    return model


def describe_validation_error(error: ValidationError, data: Any) -> tuple[str, str]:
    """(place, expected) for the first problem pydantic found, in plain words."""
    first = error.errors(include_url=False)[0]
    loc = tuple(p for p in first["loc"] if p not in ("function-after", "function-before"))
    kind, value = first["type"], first.get("input")
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    table = next((p for p in loc if isinstance(p, str) and p in _TABLE_MODELS), "")
    place = _place(loc)
    ctx = first.get("ctx") or {}

    if kind == "missing":
        return place, f"a value: `{field}` is required here"
    if kind == "extra_forbidden":
        allowed = ", ".join(
            getattr(f, "alias", None) or name
            for name, f in _model_at(loc[:-1]).model_fields.items()
        )
        return place, f"one of the keys {allowed}; `{field}` is not a key attachmap knows"
    if kind == "enum":
        enum = _ENUMS.get(f"{field}@{table}") or _ENUMS.get(field)
        options = ", ".join(m.value for m in enum) if enum else ctx.get("expected", "")
        return place, f"one of {options}; got {_shown(value)}"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return place, f"a whole number from 0 to 10, got {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return place, f"a whole number, got {_shown(value)}"
    if kind == "string_pattern_mismatch":
        return place, (
            "an id of 1 to 64 letters, digits, '_' or '-' (no spaces), got " + _shown(value)
        )
    if kind == "string_too_short":
        return place, "some text, not an empty string"
    if kind == "string_type":
        return place, f"text in quotes, got {_shown(value)}"
    if kind == "literal_error":
        return place, f"{ctx.get('expected', 'a fixed value')}, got {_shown(value)}"
    if kind in ("list_type", "too_short"):
        if field == "nodes" and table == "loops":
            return place, "a list of at least 2 node ids, in the order of the cycle"
        return place, f"a list ([[{field}]] tables), got {_shown(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return place, f"a table of keys and values, got {_shown(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return place, "a date like 2026-11-27"
    if kind in ("timezone_aware", "datetime_type", "datetime_parsing", "datetime_from_date_parsing"):
        return place, "a date and time with its offset, like 2026-11-27T15:40:00Z"
    if kind == "value_error":
        message = str(ctx.get("error", first["msg"]))
        return place, message.removeprefix("expected ")
    return place, first["msg"].lower()
