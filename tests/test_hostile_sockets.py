"""No network: the suite runs with sockets disabled, so nothing can phone home.

pytest-socket is switched on in pyproject's addopts; these tests fail if it
is ever switched off, and show that unix sockets (used by local tools) still work.
"""

from __future__ import annotations

import socket
import tomllib
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")
def test_an_internet_socket_is_refused() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_the_suite_is_configured_to_block_sockets() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "--disable-socket" in config["tool"]["pytest"]["ini_options"]["addopts"]


def test_unix_sockets_still_work() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
