"""`attachmap encrypt FILE` and `attachmap decrypt FILE.age`, and how every command asks
for the passphrase of an encrypted map.

The passphrase is typed at the terminal without echo, or read from the first
line of `--passphrase-file` for scripts; it is never taken from the command
line or the environment, where other programs could read it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from exports.errors import AttachmapError
from exports.store import PassphraseSource
from tui.say import say

CONFIRM_TRIES = 3


def _tty_available() -> bool:
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False


def ask_passphrase(prompt: str) -> str:
    """Read a passphrase at the terminal without echo."""
    if not _tty_available():
        raise AttachmapError("this map is encrypted and there is no terminal to type its"
                             " passphrase in; use --passphrase-file FILE")
    from patterns.text import terminal_safe

    try:
        return getpass.getpass(terminal_safe(prompt))  # it names the map's file
    except EOFError:
        raise AttachmapError("no passphrase was typed") from None


def ask_new_passphrase(path: Path) -> str:
    """A new passphrase, typed twice to catch a slip of the finger."""
    for _ in range(CONFIRM_TRIES):
        first = ask_passphrase(f"New passphrase for {path.name}: ")
        if not first:
            print("The passphrase must not be empty.", file=sys.stderr)
            continue
        if ask_passphrase("Type it again: ") == first:
            return first
        print("The two did not match; try again.", file=sys.stderr)
    raise AttachmapError("no passphrase was set: the two entries did not match")


def passphrase_source(args: argparse.Namespace) -> PassphraseSource:
    """Where an encrypted map's passphrase comes from for this command: the file, or the terminal.

    Asked at most once per command, only when an encrypted map is met.
    """
    from exports.store.crypto import read_passphrase_file

    cache: list[str] = []

    def source(path: Path) -> str:
        if not cache:
            given = getattr(args, "passphrase_file", None)
            cache.append(read_passphrase_file(given) if given
                         else ask_passphrase(f"Passphrase for {Path(path).name}: "))
        return cache[0]

    return source


def encrypt(args: argparse.Namespace) -> int:
    """`attachmap encrypt FILE`: write FILE.age, check it, remove the plain file."""
    from exports.store.crypto import read_passphrase_file
    from exports.store.encrypt_file import encrypt_map_file, encryptable

    if not args.file.exists() and not args.file.is_symlink():
        raise AttachmapError(f"{args.file}: expected a map file here, but there is none")
    encryptable(args.file)  # a file that cannot be encrypted is refused before anything is asked
    passphrase = (read_passphrase_file(args.passphrase_file) if args.passphrase_file
                  else ask_new_passphrase(args.file))
    say("Encrypting (this takes a few seconds)…", err=True)
    notes: list[str] = []
    target = encrypt_map_file(args.file, passphrase, notes=notes)
    removed = (" ".join(f"{note}." for note in notes) if notes
               else f"removed {args.file} and its plain history.")
    say(f"wrote {target} and checked that it decrypts; {removed} Keep the passphrase safe:"
        " without it the map cannot be opened.", err=True)
    return 0


def decrypt(args: argparse.Namespace) -> int:
    """`attachmap decrypt FILE.age`: write the plain map back, remove the encrypted one."""
    from exports.store.encrypt_file import decrypt_map_file

    if not args.file.exists():
        raise AttachmapError(f"{args.file}: expected an encrypted map here, but there is none")
    notes: list[str] = []
    target = decrypt_map_file(args.file, passphrase_source(args)(args.file), notes=notes)
    removed = " ".join(f"{note}." for note in notes) if notes else f"removed {args.file}."
    say(f"wrote {target}; {removed} The map is no longer encrypted on disk.", err=True)
    return 0
