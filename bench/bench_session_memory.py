"""The session's resident memory (issue 14): `attachmap FILE` with a 400- and
a 5,000-part map, beside a bare Textual app started the same way.

Each runs in a process of its own, headless at 120x40, until the first
frame in which the map picture and the Patterns panel show the whole map
(as the start-up figure of bench_session waits for); then it reads its
resident set (VmRSS) and its peak (VmHWM) from /proc. Target: 5,000 parts
under 300 MB resident. `--quick` measures the 400-part map only.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import Row

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 300

_MEMORY = """
def memory():
    kb = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, value = line.split(":")
                kb[name] = int(value.split()[0])
    print(f"RSS {kb['VmRSS']} HWM {kb['VmHWM']}", flush=True)
"""

_BARE = _MEMORY + """
from textual.app import App
from textual.widgets import Footer, Input, Label
class Bare(App):
    def compose(self):
        yield Label("a bare Textual app"); yield Input(); yield Footer()
app = Bare()
original = app._display
def display(screen, renderable):
    original(screen, renderable)
    if renderable is not None:
        memory()
        app.exit()
app._display = display
app.run(headless=True, size=(120, 40))
"""

_SESSION = _MEMORY + """
import sys
import textual.app
App = textual.app.App
run, display = App.run, App._display
def headless(self, *args, **kwargs):
    return run(self, headless=True, size=(120, 40))
def watch(self, screen, renderable):
    display(self, screen, renderable)
    if (renderable is not None and getattr(screen, "_late_pending", None) is False
            and screen.is_mounted):
        views, patterns = screen.query("#map-view"), screen.query("#patterns")
        if (views and views.first().layout_result is not None
                and patterns and not patterns.first().busy):
            memory()
            self.exit()
App.run, App._display = headless, watch
from tui.cli import main
sys.exit(main([sys.argv[1]]))
"""


def _measure(code: str, *args: str) -> tuple[float, float, float]:
    """(resident MB, peak MB, seconds to the measured frame) of one run."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    line = next(x for x in out.splitlines() if x.startswith("RSS "))
    _, rss, _, hwm = line.split()
    return int(rss) / 1024, int(hwm) / 1024, seconds


def rows(quick: bool) -> list[Row]:
    from exports.store.toml import save_map
    from patterns.synthetic import synthetic_map

    bare_mb, bare_peak, _ = _measure(_BARE)
    out: list[Row] = []
    with tempfile.TemporaryDirectory() as name:
        for n in (400,) if quick else (400, 5000):
            path = Path(name) / f"map{n}.toml"
            save_map(synthetic_map(n), path)
            mb, peak, seconds = _measure(_SESSION, str(path))
            target = TARGET_MB if n == 5000 else None
            out.append(Row(f"session: resident memory, {n} parts", mb, "bare Textual app",
                           bare_mb, target, value=f"{mb:.0f} MB", unit="MB",
                           note=f"peak {peak:.0f} MB (bare {bare_peak:.0f} MB); map shown after"
                                f" {seconds:.1f} s" ))
    return out
