"""Maps as v1 TOML files (SPEC section 3): load with every rule checked, save
atomically, owner-only, with keys in SPEC order.

A load either returns a whole valid map or raises `MapLoadError` naming the
file, the place (`nodes[3].intensity`, with its line) and what was expected.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any

import tomli_w

try:  # tomli is tomllib's compiled twin: three times faster on large maps.
    import tomli as toml_reader
except ImportError:  # pragma: no cover - tomli is a dependency, tomllib the fallback
    import tomllib as toml_reader
from pydantic import ValidationError

from exports.store.atomic import write_atomic
from exports.store.load_errors import MapLoadError, describe_validation_error
from exports.store.safe_paths import NotFollowed, read_regular, what_it_is
from patterns.models import VERSION, MapRuleError, RelationalMap

MAX_BYTES = 10 * 1024 * 1024


def read_limited(path: Path) -> bytes:
    """The bytes of a map file, refusing one over 10 MB before reading it all,
    and anything but a regular file before opening it (a named pipe would
    make the open wait for ever)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise MapLoadError(path, "", f"a map file, but this is {what_it_is(info.st_mode)}")
        if info.st_size > MAX_BYTES:
            raise MapLoadError(
                path, "", f"a map file of at most 10 MB, but this one is"
                          f" {info.st_size / 1e6:.1f} MB"
            )
        data = read_regular(path, MAX_BYTES, what="a map file")
    except NotFollowed:  # changed into a pipe or the like since the stat
        raise MapLoadError(path, "", "a map file, but this is not a regular file") from None
    except FileNotFoundError:
        raise MapLoadError(path, "", "a map file here, but there is none") from None
    except PermissionError:
        raise MapLoadError(path, "", "a file you may read, but permission was denied") from None
    except OSError as error:
        raise MapLoadError(path, "", f"a readable file ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise MapLoadError(path, "", "a map file of at most 10 MB")
    return data


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text of a map file (a leading byte-order mark is allowed)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise MapLoadError(
            path, f"line {line}", f"UTF-8 text, but found the byte 0x{data[error.start]:02x}"
        ) from None


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """The TOML document as plain data, or `MapLoadError` with the line."""
    try:
        return toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        place = f"line {found[1]}, column {found[2]}" if found else "the end of the file"
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise MapLoadError(path, place, f"valid TOML ({reason.rstrip('.').lower()})") from None
    except RecursionError:
        raise MapLoadError(path, "", "TOML nested at most a few hundred levels deep") from None
    except (ValueError, OverflowError, MemoryError) as error:
        raise MapLoadError(path, "", f"valid TOML ({error})") from None


def map_from_data(data: dict[str, Any], path: Path | str, text: str = "") -> RelationalMap:
    """A validated map from parsed TOML, or `MapLoadError` at the first broken rule."""
    if data.get("format") != "attachmap":
        got = data.get("format")
        raise MapLoadError(
            path,
            "format",
            'format = "attachmap" at the top of an attachmap map'
            + (f", got {got!r}" if got is not None else ", but the key is missing"),
        )
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise MapLoadError(
            path,
            "version",
            f"version {VERSION}: this map was written by a newer attachmap (format version"
            f" {version}); update attachmap to open it",
        )
    try:
        return RelationalMap.model_validate(data)
    except ValidationError as error:
        place, expected = describe_validation_error(error, data)
        raise MapLoadError(path, place, expected, text=text, data=data) from None
    except MapRuleError as error:
        raise MapLoadError(path, error.place, error.expected, text=text, data=data) from None
    except RecursionError:
        raise MapLoadError(path, "", "values nested at most a few hundred levels deep") from None


def loads_map(text: str, path: Path | str = "<text>") -> RelationalMap:
    """A map from TOML text."""
    return map_from_data(parse_toml(text, path), path, text)


def load_map(path: Path | str) -> RelationalMap:
    """Load and check a map file; raise `MapLoadError` if it breaks any rule."""
    path = Path(path)
    text = decode(read_limited(path), path)
    return loads_map(text, path)


def map_to_data(m: RelationalMap) -> dict[str, Any]:
    """Plain data in SPEC key order; empty optional values are left out."""
    data = m.model_dump(mode="python", by_alias=True, exclude_none=True)
    data = {k: v for k, v in data.items() if v != [] or k in ("nodes",)}
    if not data.get("nodes"):
        data.pop("nodes", None)
    for experiment in data.get("experiments", []):
        if not experiment.get("tries"):
            experiment.pop("tries", None)
    return _plain(data)


def _plain(value: Any) -> Any:
    # StrEnum members become plain strings so the writer never sees our types.
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _value(value: Any) -> str:
    """One TOML value. Plain strings (most labels) are quoted directly; any
    string that needs escaping, and every other scalar, goes through tomli-w.
    Datetimes are written with `T` and `Z` and id lists on one line, as in
    SPEC, where tomli-w's own style differs."""
    if isinstance(value, str):
        if _NEEDS_ESCAPE.search(value) is None:
            return f'"{value}"'
    elif isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    elif isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": value})[4:-1]


def _table(header: str | None, row: dict[str, Any]) -> list[str]:
    lines = [f"[[{header}]]"] if header else []
    nested = []
    for key, value in row.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {_value(value)}")
    for key, rows in nested:
        for sub in rows:
            lines += ["", *_table(f"{header}.{key}", sub)]
    return lines


def dumps_map(m: RelationalMap) -> str:
    """The map as v1 TOML text, laid out as SPEC section 3 shows it: the
    map's own keys, then one `[[table]]` block per entry, keys in SPEC order."""
    data = map_to_data(m)
    top = {k: v for k, v in data.items() if not (isinstance(v, list) and v and isinstance(v[0], dict))}
    lines = _table(None, top)
    for key, rows in data.items():
        if key not in top:
            for row in rows:
                lines += ["", *_table(key, row)]
    return "\n".join(lines) + "\n"


def save_map(m: RelationalMap, path: Path | str) -> None:
    """Write the map atomically, owner-only. The map is validated again first
    (models can be changed after they were checked), so a bad map never
    replaces a good file."""
    try:
        RelationalMap.model_validate(m.model_dump(by_alias=True))
    except (ValidationError, MapRuleError) as error:
        raise ValueError(f"refusing to save an invalid map over {path}: {error}") from None
    write_atomic(Path(path), dumps_map(m).encode("utf-8"))
