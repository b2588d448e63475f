"""An encrypted copy of the chase map, sealed with a quick key (a small
scrypt cost), for the tests of the passphrase and lock screens."""

from __future__ import annotations

from pathlib import Path

from exports.store.crypto import SealingKey

PASS = "a passphrase for the screen"


def fast_key(passphrase: str) -> SealingKey:
    return SealingKey.create(passphrase, log_n=4)


def encrypted_copy(chase_path: Path) -> Path:
    sealed = chase_path.with_name("chase.toml.age")
    sealed.write_bytes(fast_key(PASS).seal(chase_path.read_bytes()))
    chase_path.unlink()
    return sealed
