"""The `attachmap` command line (SPEC section 5): one argparse subcommand per
command, each naming the function that runs it (`set_defaults(func=…)`);
the help is argparse's, made from the same declarations.

Exit codes: 0 ok, 1 invalid input (a plain message on stderr, never a
traceback), 2 usage error. Declaring the commands imports nothing heavy:
each command imports what it needs (Textual, reportlab, the store) when it
runs, so `attachmap --version` and `attachmap check` never load Textual.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from exports.errors import AttachmapError
from tui.say import say

#: Runs one command on its parsed arguments; returns the exit code.
Command = Callable[[argparse.Namespace], int]

#: The command `attachmap FILE` stands for.
OPEN = "open"


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("attachmap")
    except metadata.PackageNotFoundError:
        return "unknown"


class _ShowVersion(argparse.Action):
    """`--version`: the package's metadata is read only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="the version of attachmap")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"attachmap {_version()}")
        parser.exit()


def _lazy(target: str) -> Command:
    """The function `module:name`, imported when the command runs."""
    def run(args: argparse.Namespace) -> int:
        import importlib

        module_name, function_name = target.split(":")
        return getattr(importlib.import_module(module_name), function_name)(args)

    return run


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """The `--passphrase-file` option every command that opens maps takes."""
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help="for encrypted maps: read the passphrase from FILE's first line"
                             " instead of asking")


def build_parser() -> tuple[argparse.ArgumentParser, Mapping[str, argparse.ArgumentParser]]:
    """The whole command line (its commands, their arguments and their
    help), and each command's own parser by name."""
    from exports.formats import FORMATS

    parser = argparse.ArgumentParser(
        prog="attachmap", usage="%(prog)s [-h] [-V] [FILE | COMMAND ...]",
        description="Map attachment patterns together in session: triggers, feelings,"
                    " strategies, needs and the loops between them. `attachmap FILE` opens"
                    " FILE (the open command).",
        epilog="An encrypted map (FILE.age) asks for its passphrase without echo; every"
               " command also takes --passphrase-file FILE (the passphrase on its first"
               " line) for scripts. attachmap COMMAND --help says more about each.")
    parser.add_argument("-V", "--version", action=_ShowVersion)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, func: Command, summary: str, description: str,
                *, passphrase: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, prog=f"attachmap {name}", help=summary,
                                  description=description)
        sub.set_defaults(func=func)
        if passphrase:
            add_passphrase_option(sub)
        return sub

    sub = command(OPEN, _open_map, "open FILE (create it if missing) in the session screen",
                  "Open a map in the session screen (a new file is created); `attachmap FILE`"
                  " does the same.")
    sub.add_argument("file", type=Path, help="the map to open")

    sub = command("demo", _demo, "open a copy of the example map (default demo.toml)",
                  "Open a copy of the example map (a fictional couple).", passphrase=False)
    sub.add_argument("file", nargs="?", type=Path, default=Path("demo.toml"),
                     help="where the copy goes (kept if it is already there)")

    sub = command("review", _lazy("tui.review_cli:review"),
                  "the client's read-only review; may log experiment tries",
                  "Read your map between sessions, and log how practice and repairs went.")
    sub.add_argument("file", type=Path, help="the map to review")

    sub = command("check", _check,
                  "validate; print a one-screen summary; exit 1 on an invalid file",
                  "Check a map against the v1 format and summarise it.")
    sub.add_argument("file", type=Path, help="the map to check")

    *first, last = FORMATS
    sub = command("export", _export,
                  f"write the map as {', '.join(first)} or {last}, for the client or the"
                  " therapist",
                  "Write a map out for the client (without private notes) or for the"
                  " therapist; every format keeps the same privacy rules.")
    sub.add_argument("file", type=Path, help="the map to export")
    sub.add_argument("-f", "--format", required=True, choices=sorted(FORMATS), dest="fmt",
                     help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
    sub.add_argument("-o", "--output", type=Path,
                     help="where to write (default: beside FILE; - for standard output)")
    sub.add_argument("--audience", choices=("client", "therapist"), default=None,
                     help="client leaves out every private note (default: the settings',"
                          " else client)")
    sub.add_argument("--paper", choices=("a4", "letter"), default=None,
                     help="PDF paper size (default: the settings', else a4)")
    sub.add_argument("--name-in-metadata", action="store_true",
                     help="let the PDF's metadata name the client (off by default)")

    sub = command("diff", _lazy("tui.diff_cli:diff"), "what changed between two saves of a map",
                  "Say in plain words what changed between two saves of a map.")
    sub.add_argument("old", type=Path, help="the earlier save")
    sub.add_argument("new", type=Path, help="the later save")
    sub.add_argument("--summary", action="store_true", help="print only the counts")

    sub = command("history", _lazy("tui.history_cli:history"),
                  "earlier versions kept beside the map, by id (their time)",
                  "List the earlier versions kept beside a map: when, how big, what changed.")
    sub.add_argument("file", type=Path, help="the map")

    sub = command("restore", _lazy("tui.history_cli:restore"),
                  "bring back the version with that id",
                  "Bring back an earlier version of a map; the current one is kept in history.")
    sub.add_argument("file", type=Path, help="the map")
    sub.add_argument("version", help="the version's id from attachmap history, like"
                     " 2026-12-04T16:30:05Z")

    sub = command("encrypt", _lazy("tui.crypto_cli:encrypt"),
                  "encrypt a map with a passphrase (FILE.age)",
                  "Encrypt a map and its history with a passphrase (age format); the plain"
                  " files are removed once the encrypted ones are checked.")
    sub.add_argument("file", type=Path, help="the plain map to encrypt")

    sub = command("decrypt", _lazy("tui.crypto_cli:decrypt"),
                  "turn an encrypted map back into plain TOML",
                  "Turn an encrypted map (and its history) back into plain TOML.")
    sub.add_argument("file", type=Path, help="the encrypted map (FILE.age)")

    sub = command("config", _config, "the practice's settings in force, and their file",
                  "Show the practice's settings in force and the file they are kept in"
                  " ($XDG_CONFIG_HOME/attachmap/config.toml).", passphrase=False)
    sub.add_argument("--path", action="store_true", help="print only the file's path")
    return parser, commands.choices


# -- the commands run here -----------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from exports.store import read_map
    from exports.summary import summarize
    from tui.crypto_cli import passphrase_source

    m = read_map(args.file, passphrase_source(args))
    say(summarize(m, str(args.file)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from exports.export_file import default_output, export_file
    from exports.settings import settings_in_force
    from tui.crypto_cli import passphrase_source

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


def _config(args: argparse.Namespace) -> int:
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


def _demo(args: argparse.Namespace) -> int:
    from tui.demo import ensure_demo

    ensure_demo(args.file)
    return _open(args.file)


def _open_map(args: argparse.Namespace) -> int:
    return _open(args.file, args.passphrase_file)


def _open(path: Path, passphrase_file: Path | None = None) -> int:
    # Start-up makes a great many objects that live as long as the app
    # (Textual's styles, pydantic's validators): the garbage collector would
    # scan them over and over, finding next to nothing. It is paused until
    # the first frame is on screen, when the app freezes them out of its
    # scans (tui.app).
    gc.disable()
    try:
        from tui.app import run_session

        return run_session(path, passphrase_file)
    finally:
        gc.enable()


# -- running -------------------------------------------------------------------------


def run(argv: Sequence[str]) -> int:
    """Run the command line on `argv` (without the program name); the exit code."""
    parser, commands = build_parser()
    argv = list(argv)
    if not argv:
        print(parser.format_help(), file=sys.stderr)
        print("Give a map file to open (it is created if missing), e.g. attachmap my-map.toml",
              file=sys.stderr)
        return 2
    if argv[0] == "help":
        argv[0] = "--help"
    if argv[0] not in (*commands, "-h", "--help", "-V", "--version"):
        argv.insert(0, OPEN)  # `attachmap FILE`
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse: 0 after --help or --version, 2 for a usage error
        return stop.code if isinstance(stop.code, int) else 2
    return args.func(args)


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
