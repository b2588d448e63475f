"""The `attachmap` command line (SPEC section 5).

Exit codes: 0 ok, 1 invalid input (a plain message on stderr, never a
traceback), 2 usage error. Heavy modules (Textual, reportlab) are imported
only by the commands that need them.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from exports.errors import AttachmapError
from tui.say import say

COMMANDS = ("review", "check", "export", "diff", "history", "restore", "encrypt", "decrypt", "demo",
            "config")

USAGE = """\
attachmap [FILE]                 open FILE (create it if missing) in the session screen
attachmap demo [FILE]            open a copy of the example map (default demo.toml)
attachmap review FILE            the client's read-only review; may log experiment tries
attachmap check FILE             validate; print a one-screen summary; exit 1 on an invalid file
attachmap export FILE -f FORMAT [-o OUT] [--audience client|therapist]
                                 FORMAT: pdf, toml, md (with a Mermaid drawing),
                                 dot (Graphviz), json (networkx node-link),
                                 svg (the map drawn as on paper)
attachmap diff OLD NEW           what changed between two saves of a map
attachmap history FILE           earlier versions kept beside the map, by id (their time)
attachmap restore FILE ID        bring back the version with that id
attachmap encrypt FILE           encrypt a map with a passphrase (FILE.age)
attachmap decrypt FILE.age       turn an encrypted map back into plain TOML
attachmap config                 the practice's settings in force, and their file
attachmap --version              the version of attachmap

An encrypted map (FILE.age) asks for its passphrase without echo; every command
also takes --passphrase-file PATH (the passphrase on its first line) for scripts.
"""


def _version() -> str:
    try:
        return metadata.version("attachmap")
    except metadata.PackageNotFoundError:
        return "unknown"


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=prog, description=description)


def _cmd_check(argv: Sequence[str]) -> int:
    parser = _parser("attachmap check", "Check a map against the v1 format and summarise it.")
    parser.add_argument("file", type=Path, help="the map to check")
    from tui.crypto_cli import add_passphrase_option, passphrase_source

    add_passphrase_option(parser)
    args = parser.parse_args(argv)
    from exports.store import read_map
    from exports.summary import summarize

    m = read_map(args.file, passphrase_source(args))
    say(summarize(m, str(args.file)))
    return 0


def _cmd_export(argv: Sequence[str]) -> int:
    from exports.formats import FORMATS

    parser = _parser("attachmap export", "Write a map out for the client (without private"
                     " notes) or for the therapist; every format keeps the same privacy rules.")
    parser.add_argument("file", type=Path, help="the map to export")
    parser.add_argument("-f", "--format", required=True, choices=sorted(FORMATS), dest="fmt",
                        help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: beside FILE; - for standard output)")
    parser.add_argument("--audience", choices=("client", "therapist"), default=None,
                        help="client leaves out every private note (default: the settings',"
                             " else client)")
    parser.add_argument("--paper", choices=("a4", "letter"), default=None,
                        help="PDF paper size (default: the settings', else a4)")
    parser.add_argument("--name-in-metadata", action="store_true",
                        help="let the PDF's metadata name the client (off by default)")
    from tui.crypto_cli import add_passphrase_option, passphrase_source

    add_passphrase_option(parser)
    args = parser.parse_args(argv)
    from exports.export_file import default_output, export_file
    from exports.settings import settings_in_force

    settings = settings_in_force().settings
    args.audience = args.audience or settings.audience
    out = args.output or default_output(args.file, args.fmt, args.audience)
    written = export_file(args.file, args.fmt, out, audience=args.audience,
                          paper=args.paper or settings.paper,
                          name_in_metadata=args.name_in_metadata,
                          signature=settings.signature(),
                          passphrase_source=passphrase_source(args))
    if written is not None:
        say(f"wrote {written} ({args.fmt}, for the {args.audience})", err=True)
        if str(args.file).endswith(".age"):
            say("note: the export itself is not encrypted; keep it somewhere private", err=True)
    return 0


def _cmd_config(argv: Sequence[str]) -> int:
    parser = _parser("attachmap config", "Show the practice's settings in force and the file"
                     " they are kept in ($XDG_CONFIG_HOME/attachmap/config.toml).")
    parser.add_argument("--path", action="store_true", help="print only the file's path")
    args = parser.parse_args(argv)
    from exports.settings import describe, settings_in_force, settings_path

    if args.path:
        say(str(settings_path()))
        return 0
    in_force = settings_in_force()
    say(describe(in_force))
    theme = in_force.settings.theme
    if theme is not None:
        from tui.themes import theme_names

        if theme not in theme_names():
            say(f"note: there is no theme {theme!r}; the screens use the default."
                f" Themes: {', '.join(theme_names())}", err=True)
    return 0


def _cmd_demo(argv: Sequence[str]) -> int:
    parser = _parser("attachmap demo", "Open a copy of the example map (a fictional couple).")
    parser.add_argument("file", nargs="?", type=Path, default=Path("demo.toml"))
    args = parser.parse_args(argv)
    from tui.demo import ensure_demo

    ensure_demo(args.file)
    return _open(args.file)


def _open(path: Path, passphrase_file: Path | None = None) -> int:
    # Start-up makes some 190,000 objects that live as long as the app
    # (Textual's styles, pydantic's validators, networkx): the garbage
    # collector would scan them over and over, finding next to nothing, for
    # a quarter of the start-up time. It is paused until the first frame is
    # on screen, when the app freezes them out of its scans (tui.app).
    gc.disable()
    try:
        from tui.app import run_session

        return run_session(path, passphrase_file)
    finally:
        gc.enable()


def _lazy(target: str) -> Callable[[Sequence[str]], int]:
    def run(argv: Sequence[str]) -> int:
        import importlib

        module_name, function_name = target.split(":")
        return getattr(importlib.import_module(module_name), function_name)(argv)

    return run


HANDLERS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": _cmd_check,
    "export": _cmd_export,
    "demo": _cmd_demo,
    "config": _cmd_config,
    "review": _lazy("tui.review_cli:main"),
    "diff": _lazy("tui.diff_cli:main"),
    "history": _lazy("tui.history_cli:history_main"),
    "restore": _lazy("tui.history_cli:restore_main"),
    "encrypt": _lazy("tui.crypto_cli:encrypt_main"),
    "decrypt": _lazy("tui.crypto_cli:decrypt_main"),
}


def run(argv: Sequence[str]) -> int:
    """Run the command line on `argv` (without the program name); the exit code."""
    argv = list(argv)
    if argv and argv[0] in ("-h", "--help", "help"):
        print("usage:\n" + USAGE)
        return 0
    if argv and argv[0] in ("-V", "--version"):
        print(f"attachmap {_version()}")
        return 0
    if argv and argv[0] in HANDLERS:
        return HANDLERS[argv[0]](argv[1:])
    parser = argparse.ArgumentParser(prog="attachmap", usage=USAGE, add_help=False)
    parser.add_argument("file", nargs="?", type=Path, default=None)
    parser.add_argument("--passphrase-file", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.file is None:
        print("usage:\n" + USAGE, file=sys.stderr)
        print("Give a map file to open (it is created if missing), e.g. attachmap my-map.toml",
              file=sys.stderr)
        return 2
    return _open(args.file, args.passphrase_file)


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point."""
    try:
        code = run(sys.argv[1:] if argv is None else argv)
    except AttachmapError as error:
        say(f"attachmap: {error}", err=True)
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as error:  # a bug: one line, and a report without map text
        from tui.crash_report import print_crash

        print_crash(error)
        code = 1
    if argv is None:
        sys.exit(code)
    return code
