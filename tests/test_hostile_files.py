"""Hostile files beside a map (issue 12): a symlink planted at the lock or the
history is never followed; a symlinked map is saved to its real file and
locked there; a FIFO, a device or a folder where a map should be is refused
at once, never waited on; a passphrase file is read a few KiB at most;
`encrypt` and `decrypt` never zero a file that has other names; a
read-only map stays read-only; a lock file is not left after a failed open.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from exports.errors import AttachmapError
from exports.store import MapStore, encrypt_file, history
from exports.store.crypto import SealingKey
from exports.store.lock import lock_path
from exports.store.save_status import DiskTrouble
from exports.store.toml import load_map
from tui.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
PASS = "a long passphrase for tests"


@pytest.fixture(autouse=True)
def fast_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    real = SealingKey.create
    monkeypatch.setattr(encrypt_file.SealingKey, "create",
                        staticmethod(lambda p, log_n=None: real(p, log_n=log_n or 4)))


def _command(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """`attachmap ARGS` in a process of its own: a hang is a failure, not a stuck suite."""
    try:
        return subprocess.run([sys.executable, "-c", "from tui.cli import main; main()", *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"attachmap {' '.join(args)} hung")


def _edited(store: MapStore):  # noqa: ANN202
    m = store.open()
    return m.model_copy(update={"title": "edited"})


# -- 3: the lock and the history are never reached through a symlink --------------------


def test_a_symlink_planted_at_the_lock_is_refused_and_its_target_untouched(
        chase_path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("precious\n")
    lock_path(chase_path).symlink_to(victim)
    store = MapStore(chase_path)
    with pytest.raises(AttachmapError) as refused:
        store.open()
    message = str(refused.value)
    assert ".chase.toml.lock" in message and "symbolic link" in message
    assert victim.read_text() == "precious\n"
    assert lock_path(chase_path).is_symlink(), "the link is the user's to remove"
    result = _command(str(chase_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ".chase.toml.lock" in result.stderr and result.stderr.count("\n") == 1


def test_a_symlink_planted_at_the_history_is_refused_and_nothing_written_through_it(
        chase_path: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    history.history_folder(chase_path).symlink_to(elsewhere)
    before = chase_path.read_bytes()
    store = MapStore(chase_path)
    with pytest.raises(AttachmapError) as refused:
        store.open()
    assert ".chase.toml.history" in str(refused.value) and "symbolic link" in str(refused.value)
    assert not lock_path(chase_path).exists(), "no lock left behind by the refused open"
    # Planted while the map is open: the save is refused, nothing is written there.
    history.history_folder(chase_path).unlink()
    store = MapStore(chase_path)
    m = _edited(store)
    history.history_folder(chase_path).symlink_to(elsewhere)
    with pytest.raises(DiskTrouble) as trouble:
        store.save(m)
    assert ".chase.toml.history" in str(trouble.value)
    store.close()
    assert list(elsewhere.iterdir()) == []
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert chase_path.read_bytes() == before
    result = _command("history", str(chase_path))
    assert result.returncode == 1 and ".chase.toml.history" in result.stderr
    assert "Traceback" not in result.stderr


# -- 5: a symlinked map is one map ------------------------------------------------------


def test_a_symlinked_map_is_saved_to_its_real_file_and_stays_a_link(chase_path: Path,
                                                                    tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(chase_path)
    store = MapStore(link)
    store.save(_edited(store))
    store.close()
    assert link.is_symlink() and os.readlink(link) == str(chase_path)
    assert load_map(chase_path).title == "edited"
    assert history.versions(chase_path), "history is kept beside the real file"
    assert not history.history_folder(link).exists()


def test_two_paths_to_one_map_share_one_lock(chase_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(chase_path)
    first = MapStore(chase_path)
    first.open()
    second = MapStore(link)
    second.open()
    try:
        assert not first.read_only and second.read_only
        assert second.locked_by is not None and second.locked_by.pid == os.getpid()
    finally:
        first.close()
        second.close()


# -- 6: nothing that is not a regular file is opened as one -----------------------------


@pytest.mark.parametrize("args", [
    ["check"], ["export", "-f", "md", "-o", "-"], ["diff", "{map}"], ["history"],
    ["encrypt", "--passphrase-file", "{pass}"], [], ["review"],
])
def test_a_fifo_as_the_map_is_refused_at_once(args: list[str], chase_path: Path,
                                             tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASS + "\n")
    extra = [a.format(map=chase_path, **{"pass": pass_file}) for a in args[1:]]
    argv = [*args[:1], str(fifo), *extra]
    result = _command(*argv)
    assert result.returncode == 1, result
    assert "pipe.toml" in result.stderr and "named pipe" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_a_fifo_at_the_lock_is_refused_at_once(chase_path: Path) -> None:
    os.mkfifo(lock_path(chase_path))
    result = _command("check", str(chase_path))  # reading takes no lock
    assert result.returncode == 0
    result = _command(str(chase_path))
    assert result.returncode == 1 and ".chase.toml.lock" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_passphrase_file_is_read_a_few_kib_at_most(chase_path: Path, tmp_path: Path) -> None:
    sealed = chase_path.with_name("chase.toml.age")
    sealed.write_bytes(SealingKey.create(PASS, log_n=4).seal(chase_path.read_bytes()))
    result = _command("check", str(sealed), "--passphrase-file", "/dev/zero")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "/dev/zero" in result.stderr and result.stderr.count("\n") == 1
    assert "first line" in result.stderr
    long_line = tmp_path / "long.txt"
    long_line.write_text("x" * 100_000)
    result = _command("check", str(sealed), "--passphrase-file", str(long_line))
    assert result.returncode == 1 and "first line" in result.stderr


# -- 4: encrypt and decrypt zero only a file that has no other name ---------------------


def test_encrypting_a_map_with_a_hard_linked_backup_leaves_the_backup_whole(
        chase_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = chase_path.read_bytes()
    backup = tmp_path / "backup.toml"
    os.link(chase_path, backup)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASS + "\n")
    assert cli(["encrypt", str(chase_path), "--passphrase-file", str(pass_file)]) == 0
    err = capsys.readouterr().err
    assert backup.read_bytes() == original, "the backup was zeroed"
    assert not chase_path.exists()
    assert "another name" in err and "still holds the plain map" in err
    assert cli(["decrypt", str(chase_path) + ".age", "--passphrase-file", str(pass_file)]) == 0
    assert chase_path.read_bytes() == original


def test_encrypting_through_a_symlink_removes_the_link_and_says_the_file_is_still_there(
        chase_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = chase_path.read_bytes()
    link = tmp_path / "link.toml"
    link.symlink_to(chase_path)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASS + "\n")
    assert cli(["encrypt", str(link), "--passphrase-file", str(pass_file)]) == 0
    err = capsys.readouterr().err
    assert chase_path.read_bytes() == original, "the link's target was zeroed"
    assert not link.exists() and not link.is_symlink()
    assert (tmp_path / "link.toml.age").exists()
    assert "link" in err and str(chase_path) in err and "still holds the plain map" in err
    assert f"removed {link} and" not in err


# -- 8: a read-only map is opened read-only ----------------------------------------------


def test_a_read_only_map_is_opened_read_only_and_never_overwritten(chase_path: Path) -> None:
    chase_path.chmod(0o400)
    before = chase_path.read_bytes()
    store = MapStore(chase_path)
    m = _edited(store)
    try:
        assert store.read_only
        assert "read-only" in store.read_only_reason and "chase.toml" in store.read_only_reason
        assert "save as" in store.read_only_reason
        with pytest.raises(PermissionError):
            store.save(m)
    finally:
        store.close()
    assert chase_path.read_bytes() == before
    assert stat.S_IMODE(chase_path.stat().st_mode) == 0o400
    assert not lock_path(chase_path).exists()


# -- 11: a failed open leaves no lock file ------------------------------------------------


def test_a_failed_open_leaves_no_lock_file(chase_path: Path) -> None:
    chase_path.write_text("this is not a map\n")
    with pytest.raises(AttachmapError):
        MapStore(chase_path).open()
    assert not lock_path(chase_path).exists()
    result = _command(str(chase_path))
    assert result.returncode == 1
    assert not lock_path(chase_path).exists()


def test_encrypt_checks_the_map_before_it_says_encrypting(
        chase_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    chase_path.write_text('format = "attachmap"\nversion = 1\n')  # no title: not a valid map

    def asked(path: Path) -> str:
        raise AssertionError("a passphrase was asked for a file that cannot be encrypted")

    monkeypatch.setattr("tui.crypto_cli.ask_new_passphrase", asked)
    assert cli(["encrypt", str(chase_path)]) == 1
    err = capsys.readouterr().err
    assert "Encrypting" not in err and err.count("\n") == 1 and "title" in err
