"""The practice's settings: `$XDG_CONFIG_HOME/attachmap/config.toml`.

One small TOML file of top-level keys, all optional:

    therapist = "Ana Example"        # printed on the client's PDF
    practice = "Riverside Couples Therapy"
    paper = "a4"                     # or "letter": the PDF's paper
    idle_lock_minutes = 5            # 0 turns the idle lock off
    theme = "attachmap-light"        # any theme of ctrl+p → theme
    audience = "client"              # who an export is for unless asked

A missing file means every default. A bad file is refused whole with one
line naming the file, the key and what was expected (`SettingsError`), as a
bad map is: nothing is half-read. `ATTACHMAP_IDLE_LOCK_MINUTES` in the
environment overrides `idle_lock_minutes`. Writing one setting
(`save_setting`) keeps the other keys and comments, and writes the file
atomically, readable by its owner only.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, ValidationError

from exports.errors import AttachmapError
from exports.store.atomic import write_atomic

FOLDER = "attachmap"
FILE = "config.toml"
IDLE_ENV = "ATTACHMAP_IDLE_LOCK_MINUTES"
#: Textual's own default theme, the one in force when the file names none.
DEFAULT_THEME = "textual-dark"
MAX_BYTES = 64 * 1024

Name = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1,
                                                  max_length=100)]


class Settings(BaseModel):
    """What a practice sets once, for every map."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    therapist: Name | None = None
    """The therapist's name, as the client's PDF shows it ("prepared with …")."""
    practice: Name | None = None
    """The practice's name, shown on the client's PDF beside the therapist's."""
    paper: Literal["a4", "letter"] = "a4"
    """The PDF's paper: A4 or US Letter."""
    idle_lock_minutes: Annotated[float, Strict(), Field(ge=0, le=24 * 60, allow_inf_nan=False)] = 5
    """Minutes without a key before the session screen hides the map; 0: never."""
    theme: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=64)] | None = None
    """The screens' theme (as chosen with ctrl+p → theme); None: Textual's default."""
    audience: Literal["client", "therapist"] = "client"
    """Who an export is for when not asked: the client's copy has no private notes."""

    def signature(self) -> str | None:
        """The therapist and the practice as the client's PDF names them
        (`Ana Example · Riverside Couples Therapy`); None when neither is set."""
        return " · ".join(x for x in (self.therapist, self.practice) if x) or None


#: What each key must hold, in the words of the error.
EXPECTED: dict[str, str] = {
    "therapist": "a name in quotes, 1 to 100 characters",
    "practice": "a name in quotes, 1 to 100 characters",
    "paper": '"a4" or "letter"',
    "idle_lock_minutes": "a number of minutes from 0 to 1440 (0 turns the idle lock off)",
    "theme": "a theme's name in quotes, like \"attachmap-light\"",
    "audience": '"client" or "therapist"',
}
KEYS = tuple(Settings.model_fields)


class SettingsError(AttachmapError):
    """The settings file cannot be used: `path`, `key` (or line) and what was expected."""

    def __init__(self, path: Path, where: str, expected: str) -> None:
        self.path, self.where, self.expected = path, where, expected
        super().__init__(f"{path}: {where}: expected {expected}" if where
                         else f"{path}: expected {expected}")


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the settings live: `$XDG_CONFIG_HOME/attachmap/config.toml`, or
    `~/.config/attachmap/config.toml` when that is unset (or not absolute, as
    the XDG specification asks)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME", "")
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return folder / FOLDER / FILE


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _read_text(path: Path) -> str | None:
    """The file's text; None when there is no file."""
    try:
        if path.is_dir():
            raise SettingsError(path, "", "a settings file, but this is a folder")
        if path.stat().st_size > MAX_BYTES:
            raise SettingsError(path, "", "a settings file of a few lines, not this large one")
        return path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except PermissionError:
        raise SettingsError(path, "", "a file you may read, but permission was denied") from None
    except UnicodeDecodeError:
        raise SettingsError(path, "", "UTF-8 text") from None
    except OSError as error:
        raise SettingsError(path, "", f"a readable file ({error.strerror or error})") from None


def parse_settings(text: str, path: Path) -> Settings:
    """Settings from the file's text, or `SettingsError` at the first bad key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = f"line {found[1]}, column {found[2]}" if found else "the end of the file"
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        raise SettingsError(path, where, f"valid TOML ({reason.rstrip('.').lower()})") from None
    for key, allowed in (("paper", ("a4", "letter")), ("audience", ("client", "therapist"))):
        value = data.get(key)  # "A4", "Letter": written as a person would
        if isinstance(value, str) and value.strip().lower() in allowed:
            data[key] = value.strip().lower()
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        if first["type"] == "extra_forbidden":
            near = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
            raise SettingsError(path, key, "one of the settings " + ", ".join(KEYS)
                                + f"; `{key}` is not a setting attachmap knows"
                                + (f" (did you mean `{near[0]}`?)" if near else "")) from None
        got = f", got {_shown(first.get('input'))}"
        raise SettingsError(path, key, EXPECTED.get(key, first["msg"].lower()) + got) from None


def load_settings(path: Path | None = None) -> Settings:
    """The settings in the file (defaults for a missing file); `SettingsError` if bad."""
    path = settings_path() if path is None else path
    text = _read_text(path)
    return Settings() if text is None else parse_settings(text, path)


def env_idle_minutes(environ: Mapping[str, str] | None = None) -> float | None:
    """`ATTACHMAP_IDLE_LOCK_MINUTES` when set to a number of minutes (0 or
    more); None when unset or not a number (the settings then hold)."""
    raw = (os.environ if environ is None else environ).get(IDLE_ENV, "").strip()
    try:
        minutes = float(raw) if raw else None
    except ValueError:
        return None
    return None if minutes is None or minutes != minutes else max(minutes, 0.0)


class SettingsInForce(BaseModel):
    """The settings that hold now, where they live, and where each came from."""

    model_config = ConfigDict(frozen=True)

    settings: Settings
    path: Path
    file_exists: bool
    sources: dict[str, str]
    """Per key: `file`, `default`, or the environment variable that set it."""


def settings_in_force(path: Path | None = None,
                      environ: Mapping[str, str] | None = None) -> SettingsInForce:
    """The file's settings with the environment's override applied."""
    env = os.environ if environ is None else environ
    path = settings_path(env) if path is None else path
    text = _read_text(path)
    settings = Settings() if text is None else parse_settings(text, path)
    sources = {key: "file" if key in settings.model_fields_set else "default" for key in KEYS}
    minutes = env_idle_minutes(env)
    if minutes is not None:
        settings = settings.model_copy(update={"idle_lock_minutes": minutes})
        sources["idle_lock_minutes"] = IDLE_ENV
    return SettingsInForce(settings=settings, path=path, file_exists=text is not None,
                           sources=sources)


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return '"' + "".join(
            {"\\": "\\\\", '"': '\\"'}.get(c, c) if ord(c) >= 0x20 and c != "\x7f"
            else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def save_setting(key: str, value: Any, path: Path | None = None) -> Settings:
    """Set one setting in the file, keeping every other key and comment as it
    was; the file is written atomically, owner-only, and only if the result is
    a valid settings file (a bad file on disk is left alone: `SettingsError`)."""
    if key not in KEYS:
        raise SettingsError(settings_path() if path is None else path, key,
                            "one of the settings " + ", ".join(KEYS))
    path = settings_path() if path is None else path
    text = _read_text(path) or ""
    parse_settings(text, path)  # never rewrite a file we could not read
    line = f"{key} = {_toml_value(value)}"
    # A top-level key sits before any [table] header; the file has none of ours.
    pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=.*$", re.MULTILINE)
    if pattern.search(text):
        new_text = pattern.sub(lambda _m: line, text, count=1)
    else:
        new_text = text + ("" if not text or text.endswith("\n") else "\n") + line + "\n"
    settings = parse_settings(new_text, path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(path, new_text.encode("utf-8"))
    return settings


def describe(in_force: SettingsInForce) -> str:
    """The settings in force as the TOML they could be written as, each with
    where it came from: what `attachmap config` prints."""
    where = str(in_force.path) + ("" if in_force.file_exists else " (no file yet: the defaults)")
    lines = [f"# attachmap settings, from {where}"]
    s = in_force.settings
    for key in KEYS:
        value = getattr(s, key)
        source = in_force.sources[key]
        note = {"file": "from the file", "default": "default"}.get(source, f"from {source}")
        if value is None:
            shown = {"therapist": '# therapist = ""', "practice": '# practice = ""',
                     "theme": f"theme = {_toml_value(DEFAULT_THEME)}"}[key]
            note = "not set" if key != "theme" else "default"
        else:
            shown = f"{key} = {_toml_value(value)}"
        lines.append(f"{shown:<40} # {note}")
    return "\n".join(lines)


__all__ = ["DEFAULT_THEME", "IDLE_ENV", "KEYS", "Settings", "SettingsError", "SettingsInForce",
           "describe", "env_idle_minutes", "load_settings", "parse_settings", "save_setting",
           "settings_in_force", "settings_path"]
