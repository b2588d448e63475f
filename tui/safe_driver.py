"""Textual's Linux driver, reading input that is not UTF-8 without dying.

Textual decodes keyboard input strictly: one byte that is not UTF-8 (a
line pasted from a Latin-1 document, a terminal sending C1 controls as the
raw byte 0x9b) raises UnicodeDecodeError in the input thread, which ends the
app with a traceback and exit code 0, and whatever was typed in the last
moment is not saved. Here the byte becomes U+FFFD (�) and typing goes on.

`run_input_thread` is Textual's own, unchanged but for `errors="replace"`.
Remove this class when the pinned Textual decodes that way itself
(tests/test_safe_input.py shows whether the plain driver still dies).
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class ReplacingLinuxDriver(LinuxDriver):
    """The Linux driver with a forgiving UTF-8 decoder for input."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's own loop, decoding
        with `errors="replace"`)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        read = os.read

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]],
            final: bool = False,
        ) -> None:
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        break  # this can occur if the stdin is piped
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(0.1))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _ in feed(""):
                    pass
            except (EOFError, ParseError):
                pass


__all__ = ["ReplacingLinuxDriver"]
