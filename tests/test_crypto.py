"""Encryption at rest: age files that rage and the `age` tool open, and clear errors."""

from __future__ import annotations

import os
import pty
import select
import shutil
import time
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.store import MapStore, PassphraseNeeded, read_map
from exports.store.crypto import SealingKey, TamperedFile, WrongPassphrase, unlock
from exports.store.toml import dumps_map, load_map

PASS = "correct horse battery"
#: A small scrypt work factor keeps tests fast; the format is the same.
FAST = 4


def fast_key(passphrase: str) -> SealingKey:
    return SealingKey.create(passphrase, log_n=FAST)


def age_decrypt(path: Path, passphrase: str, out: Path) -> int:
    """Run the standard `age -d`, typing the passphrase at its terminal prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes age
        os.execvp("age", ["age", "-d", "-o", str(out), str(path)])
    seen, sent, deadline = b"", False, time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not sent and b"passphrase" in seen.lower():
            os.write(fd, passphrase.encode() + b"\n")
            sent = True
    os.close(fd)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_sealed_bytes_open_with_rage_and_back() -> None:
    key = fast_key(PASS)
    for size in (0, 1, 65536, 65537, 200_000):
        data = os.urandom(size)
        sealed = key.seal(data)
        assert pyrage.passphrase.decrypt(sealed, PASS) == data
        assert key.unseal(sealed) == data
        assert unlock(sealed, PASS)[0] == data
    assert key.seal(b"same") != key.seal(b"same"), "each save has a fresh payload nonce"


def test_a_file_made_by_rage_is_unlocked_and_resealed() -> None:
    made = pyrage.passphrase.encrypt(b"format = 'attachmap'\n", PASS)
    plain, key = unlock(made, PASS)
    assert plain == b"format = 'attachmap'\n"
    assert pyrage.passphrase.decrypt(key.seal(b"again"), PASS) == b"again"
    assert "hidden" in repr(key) and key.file_key.hex() not in repr(key)


def test_wrong_passphrase_is_a_clear_error() -> None:
    sealed = fast_key(PASS).seal(b"x")
    with pytest.raises(WrongPassphrase, match="passphrase does not open"):
        unlock(sealed, "Correct horse battery")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_tampered_file_is_refused_never_misread(data: st.DataObject) -> None:
    key = fast_key(PASS)
    plain = b"title = 'Zo\xc3\xab and Sam'\n" * 50
    sealed = bytearray(key.seal(plain))
    how = data.draw(st.sampled_from(["flip", "cut", "append"]))
    if how == "flip":
        at = data.draw(st.integers(0, len(sealed) - 1))
        sealed[at] ^= data.draw(st.integers(1, 255))
    elif how == "cut":
        del sealed[data.draw(st.integers(0, len(sealed) - 1)):]
    else:
        sealed += data.draw(st.binary(min_size=1, max_size=40))
    try:
        opened, _ = unlock(bytes(sealed), PASS)
    except (TamperedFile, WrongPassphrase):
        return
    # Only a change the format ignores may pass (e.g. a non-canonical-looking
    # but equal header is impossible: so whatever opens must be the original).
    assert opened == plain


def test_not_an_age_file_or_one_for_age_keys_is_named() -> None:
    with pytest.raises(TamperedFile, match="not an age-encrypted file"):
        unlock(b"format = 'attachmap'\n", PASS)
    for_keys = pyrage.encrypt(b"x", [pyrage.x25519.Identity.generate().to_public()])
    with pytest.raises(TamperedFile, match="not with a passphrase"):
        unlock(for_keys, PASS)


def test_an_encrypted_map_saves_and_keeps_history_encrypted(chase_path: Path) -> None:
    path = chase_path.with_name("chase.toml.age")
    path.write_bytes(fast_key(PASS).seal(chase_path.read_bytes()))
    chase_path.unlink()
    store = MapStore(path)
    with pytest.raises(PassphraseNeeded):
        store.open()
    with pytest.raises(WrongPassphrase):
        store.open(passphrase="nope")
    m = store.open(passphrase=PASS)
    assert store.encrypted and store.check_passphrase(PASS) and not store.check_passphrase("x")
    store.save(m.model_copy(update={"title": "Zoë and Sam, later"}))
    store.close()
    data = path.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n") and b"Sam" not in data
    assert pyrage.passphrase.decrypt(data, PASS).decode().count("Zoë and Sam, later") == 1
    versions = list((path.parent / ".chase.toml.age.history").iterdir())
    assert len(versions) == 1 and versions[0].suffix == ".age"
    assert b"Sam" not in versions[0].read_bytes()
    assert read_map(path, lambda p: PASS).title == "Zoë and Sam, later"


def test_a_new_encrypted_map_is_made_with_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "new.toml.age"
    store = MapStore(path)
    m = store.open(passphrase=PASS, new_key=fast_key)
    assert store.created_now
    store.save(m)
    store.close()
    assert unlock(path.read_bytes(), PASS)[0] == dumps_map(m).encode()


def test_opening_the_plain_name_of_an_encrypted_map_opens_the_encrypted_one(
        chase_path: Path) -> None:
    sealed = chase_path.with_name("chase.toml.age")
    sealed.write_bytes(fast_key(PASS).seal(chase_path.read_bytes()))
    chase_path.unlink()
    store = MapStore(chase_path)
    m = store.open(passphrase=PASS)
    assert store.path == sealed and not store.created_now and m.nodes
    assert "encrypted now" in store.notices[0]
    store.close()


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_the_standard_age_tool_opens_a_saved_map(chase_path: Path, tmp_path: Path) -> None:
    path = chase_path.with_name("chase.toml.age")
    store = MapStore(path)
    m = load_map(chase_path)
    store.open(passphrase=PASS, new_key=fast_key)
    store.save(m)
    store.close()
    out = tmp_path / "out.toml"
    assert age_decrypt(path, PASS, out) == 0
    assert out.read_text("utf-8") == dumps_map(m)
