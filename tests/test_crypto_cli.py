"""`attachmap encrypt` / `decrypt`, and every reading command on an encrypted map."""

from __future__ import annotations

from pathlib import Path

import pyrage
import pytest

from exports.store import MapStore, encrypt_file, history
from exports.store.crypto import SealingKey
from exports.store.toml import load_map
from patterns.edits import History, RemoveNode
from patterns.graph import MapGraph
from tui.cli import main as cli

PASS = "a long passphrase for tests"


@pytest.fixture(autouse=True)
def fast_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """New keys with a small scrypt work factor: the same format, seconds faster."""
    real = SealingKey.create
    monkeypatch.setattr(encrypt_file.SealingKey, "create",
                        staticmethod(lambda p, log_n=None: real(p, log_n=log_n or 4)))


@pytest.fixture
def pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASS + "\n", "utf-8")
    path.chmod(0o600)
    return path


def test_encrypt_then_decrypt_gives_back_the_same_bytes(
        chase_path: Path, pass_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = chase_path.read_bytes()
    assert cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)]) == 0
    sealed = chase_path.with_name("chase.toml.age")
    assert not chase_path.exists() and sealed.exists()
    assert oct(sealed.stat().st_mode & 0o777) == "0o600"
    assert pyrage.passphrase.decrypt(sealed.read_bytes(), PASS) == original
    assert "checked that it decrypts" in capsys.readouterr().err
    assert cli(["decrypt", str(sealed), "--passphrase-file", str(pass_file)]) == 0
    assert chase_path.read_bytes() == original and not sealed.exists()


def test_encrypt_takes_the_history_along_and_leaves_no_plain_copy(
        chase_path: Path, pass_file: Path) -> None:
    store = MapStore(chase_path)
    hist = History(MapGraph.from_map(store.open()))
    hist.do(RemoveNode("quiet"))
    store.save(hist.graph.to_map())
    store.close()
    assert cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)]) == 0
    sealed = chase_path.with_name("chase.toml.age")
    assert not history.history_folder(chase_path).exists()
    kept = history.versions(sealed)
    assert len(kept) == 1 and kept[0].path.suffix == ".age"
    for path in chase_path.parent.rglob("*"):
        if path.is_file() and path != pass_file:
            assert b"Sam goes quiet" not in path.read_bytes(), path
    assert cli(["restore", str(sealed), kept[0].id, "--passphrase-file", str(pass_file)]) == 0
    assert cli(["decrypt", str(sealed), "--passphrase-file", str(pass_file)]) == 0
    assert "quiet" in {n.id for n in load_map(chase_path).nodes}
    assert len(history.versions(chase_path)) == 2


def test_reading_commands_open_an_encrypted_map(
        chase_path: Path, pass_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    plain_copy = tmp_path / "plain.toml"
    plain_copy.write_bytes(chase_path.read_bytes())
    cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)])
    sealed = str(chase_path.with_name("chase.toml.age"))
    capsys.readouterr()
    assert cli(["check", sealed, "--passphrase-file", str(pass_file)]) == 0
    assert "a valid attachmap map" in capsys.readouterr().out
    assert cli(["diff", str(plain_copy), sealed, "--passphrase-file", str(pass_file)]) == 0
    assert "No changes" in capsys.readouterr().out
    out = tmp_path / "chase.md"
    assert cli(["export", sealed, "-f", "md", "-o", str(out),
                "--passphrase-file", str(pass_file)]) == 0
    assert "not encrypted" in capsys.readouterr().err and out.exists()
    assert cli(["history", sealed, "--passphrase-file", str(pass_file)]) == 0


def test_wrong_passphrase_and_tampering_are_one_plain_line(
        chase_path: Path, pass_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)])
    sealed = chase_path.with_name("chase.toml.age")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n", "utf-8")
    capsys.readouterr()
    assert cli(["check", str(sealed), "--passphrase-file", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert "passphrase does not open" in err and "Traceback" not in err
    data = bytearray(sealed.read_bytes())
    data[-20] ^= 0x40
    sealed.write_bytes(bytes(data))
    assert cli(["check", str(sealed), "--passphrase-file", str(pass_file)]) == 1
    err = capsys.readouterr().err
    assert "changed or damaged" in err and err.count("\n") == 1
    assert cli(["decrypt", str(sealed), "--passphrase-file", str(pass_file)]) == 1
    assert sealed.exists() and not chase_path.exists(), "a failed decrypt removes nothing"


def test_encrypt_refuses_what_it_should(chase_path: Path, pass_file: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    store = MapStore(chase_path)
    store.open()
    assert cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)]) == 1
    assert "close it there first" in capsys.readouterr().err
    store.close()
    assert chase_path.exists()
    bad = chase_path.with_name("bad.toml")
    bad.write_text("format = 'nope'\n", "utf-8")
    assert cli(["encrypt", str(bad), "--passphrase-file", str(pass_file)]) == 1
    assert bad.exists() and not bad.with_name("bad.toml.age").exists()
    assert cli(["decrypt", str(chase_path), "--passphrase-file", str(pass_file)]) == 1
    assert "not an encrypted map" in capsys.readouterr().err
    empty = pass_file.with_name("empty.txt")
    empty.write_text("\n", "utf-8")
    assert cli(["encrypt", str(chase_path), "--passphrase-file", str(empty)]) == 1
    assert "empty" in capsys.readouterr().err


def test_without_a_terminal_the_passphrase_file_is_asked_for(
        chase_path: Path, pass_file: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)])
    monkeypatch.setattr("tui.crypto_cli._tty_available", lambda: False)
    capsys.readouterr()
    assert cli(["check", str(chase_path.with_name("chase.toml.age"))]) == 1
    assert "--passphrase-file" in capsys.readouterr().err


def test_review_opens_an_encrypted_map_with_a_passphrase_file_and_asks_nothing(
        chase_path: Path, pass_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import tui.passphrase_screen
    import tui.review.app

    title = load_map(chase_path).title
    cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)])
    opened: list[str] = []

    class Review:  # stands in for the screen: what it would show is the unlocked map
        def __init__(self, path: Path, *, today: object, store: MapStore) -> None:
            opened.append(store.open().title)

        def run(self) -> int:
            return 0

    def no_asking(store: MapStore) -> None:
        raise AssertionError("asked for the passphrase on screen")

    monkeypatch.setattr(tui.review.app, "ReviewApp", Review)
    monkeypatch.setattr(tui.passphrase_screen, "UnlockApp", no_asking)
    # The plain name still finds the map, now encrypted beside it.
    assert cli(["review", str(chase_path), "--passphrase-file", str(pass_file)]) == 0
    assert opened == [title]
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n", "utf-8")
    capsys.readouterr()
    assert cli(["review", str(chase_path), "--passphrase-file", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert "passphrase does not open" in err and "Traceback" not in err and opened == [title]


def test_the_session_opens_an_encrypted_map_with_a_passphrase_file(
        chase_path: Path, pass_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import tui.app
    import tui.passphrase_screen

    title = load_map(chase_path).title
    cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)])
    sealed = chase_path.with_name("chase.toml.age")
    opened: list[str] = []

    class Session:  # stands in for the screen: what it would show is the unlocked map
        def __init__(self, path: Path, *, store: MapStore) -> None:
            opened.append(store.open().title)
            store.close()

        def run(self) -> int:
            return 0

    def no_asking(store: MapStore) -> None:
        raise AssertionError("asked for the passphrase on screen")

    monkeypatch.setattr(tui.app, "AttachmapApp", Session)
    monkeypatch.setattr(tui.passphrase_screen, "UnlockApp", no_asking)
    assert cli([str(sealed), "--passphrase-file", str(pass_file)]) == 0
    assert opened == [title]
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n", "utf-8")
    capsys.readouterr()
    assert cli([str(sealed), "--passphrase-file", str(wrong)]) == 1
    err = capsys.readouterr().err
    assert "passphrase does not open" in err and "Traceback" not in err and opened == [title]
