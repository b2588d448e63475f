"""attachmap in a pseudo-terminal (a pty), typed at like a person: for the
tests that need the real app, its real driver and real signals."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


class Terminal:
    """attachmap running in a pseudo-terminal of 120×40, typed at like a person."""

    def __init__(self, *args: str, env: dict[str, str] | None = None,
                 program: str = "from tui.cli import main; main()") -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child becomes attachmap
            os.environ.update(env or {})
            os.environ["TERM"] = "xterm-256color"
            os.execv(sys.executable, [sys.executable, "-c", program, *args])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = b""

    def read(self, seconds: float) -> None:
        """Take in what the app drew for `seconds` (a pty must be drained)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < end, f"{text!r} never appeared"
            self.read(0.1)

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.fd, char.encode())
            self.read(0.01)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def wait_exit(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        self.kill()
        raise AssertionError("attachmap did not quit")
