"""The session screen (issue 3): how fast a typed line shows, and start-up.

- Enter on the capture line (`t: …`, adding a node) to the first painted
  frame that answers it (line cleared, ✓ under it, the new node's details),
  and to the frame with the map picture and the Patterns panel redrawn too
  (the same frame when they are quick to draw, else a frame later; a large
  map is laid out in a worker), at 60
  and 400 nodes, median and p95 (targets 16 ms, one frame, and 100 ms).
  Baseline: a bare Textual app with one Input, from a keypress to its frame.
- Start-up of `attachmap FILE` (tui.cli's main, as the installed command
  runs it), from starting Python to the first painted session screen with a
  60-node map (map picture and Patterns panel drawn), beside a bare Textual
  app started the same way (target 1.5x). The typing figures start the app
  the way the command does too (garbage collector paused until the first
  frame, then what start-up made frozen out of its scans).

Both run headless at 120x40; "painted" is the moment the frame is handed to
the terminal driver (`App._display`), which is where a real terminal would
draw it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import Row, median, p95

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
_CLOCK = dt.datetime(2026, 12, 4, 10, 30, tzinfo=dt.UTC)


class EnterProfile:
    """cProfile over the Enter path only (from the key to the painted frame
    with the map and the Patterns panel), summed over every measured line:
    the screen's thread, and the work it hands to worker threads (a large
    map is laid out and analysed there; each piece is profiled where it runs
    and added in)."""

    def __init__(self) -> None:
        import cProfile

        self._profile = cProfile.Profile
        self.main = cProfile.Profile()
        self.threads: list[object] = []
        self._loop_patch: tuple[object, object] | None = None

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        original = loop.run_in_executor
        threads, make = self.threads, self._profile

        def run_in_executor(executor, fn, *args):  # type: ignore[no-untyped-def]
            def profiled(*inner):  # type: ignore[no-untyped-def]
                profile = make()
                threads.append(profile)
                return profile.runcall(fn, *inner)

            return original(executor, profiled, *args)

        loop.run_in_executor = run_in_executor  # type: ignore[method-assign]
        self._loop_patch = (loop, original)
        self.main.enable()

    def stop(self) -> None:
        self.main.disable()
        if self._loop_patch is not None:
            loop, original = self._loop_patch
            del loop.run_in_executor  # type: ignore[attr-defined]
            self._loop_patch = None

    def report(self, title: str, top: int = 10) -> str:
        """The `top` costliest functions by their own time, and by time
        including what they call (the project's own code, where it is
        clearer which of our steps is slow)."""
        import io
        import pstats

        out = io.StringIO()
        stats = pstats.Stats(self.main, stream=out)
        for profile in self.threads:
            stats.add(profile)
        # Waiting for the next event is idle time, not work on the path.
        idle = [k for k in stats.stats if k[0] == "~" and "poll' of 'select." in k[2]]
        for key in idle:
            del stats.stats[key]
        stats.strip_dirs()
        out.write(f"== {title}: the {top} costliest functions by own time (tottime) ==\n")
        stats.sort_stats("tottime").print_stats(top)
        out.write(f"== {title}: the {top} costliest of attachmap's functions by cumulative time"
                  " ==\n")
        # strip_dirs() dropped the folders: keep the full names for this filter.
        full = pstats.Stats(self.main, stream=out)
        for profile in self.threads:
            full.add(profile)
        full.sort_stats("cumulative").print_stats(
            r"/(tui|patterns|exports)/(?!.*site-packages)", top)
        return "\n".join(line for line in out.getvalue().splitlines()
                          if line.strip() and not line.lstrip().startswith(("Ordered by",
                                                                            "List reduced")))


def _watch_paints(app, complete=None) -> list[float]:  # type: ignore[no-untyped-def]
    """Times at which `app` hands a frame to the driver (only frames for which
    `complete()` is true, when given)."""
    paints: list[float] = []
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is not None and (complete is None or complete()):
            paints.append(time.perf_counter())

    app._display = display
    return paints


async def _workers_done(app) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app's workers; one cancelled by a newer one is done too."""
    from textual.worker import WorkerCancelled

    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def _first_paint_after(paints: list[float], moment: float, limit: float = 5.0) -> float:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        later = [p for p in paints if p >= moment]
        if later:
            return later[0]
        await asyncio.sleep(0.0005)
    raise TimeoutError("no frame was painted")


async def _enter_to_paint(n: int, repeats: int, folder: Path,
                          profile: EnterProfile | None = None) -> tuple[list[float], list[float]]:
    # Started as `attachmap FILE` starts it (tui.cli): the garbage collector
    # paused until the first frame, when the app freezes what start-up made.
    gc.disable()
    try:
        return await _typing(n, repeats, folder, profile)
    finally:
        gc.unfreeze()  # the next figures start from a plain collector again
        gc.enable()


async def _typing(n: int, repeats: int, folder: Path,
                  profile: EnterProfile | None = None) -> tuple[list[float], list[float]]:
    from exports.store.toml import save_map
    from patterns.synthetic import synthetic_map
    from tui.app import AttachmapApp
    from tui.session.capture_line import CaptureInput
    from tui.session.patterns_panel import PatternsPanel
    from tui.widgets.map_view import MapView

    path = folder / f"map{n}.toml"
    save_map(synthetic_map(n), path)
    app = AttachmapApp(path, clock=lambda: _CLOCK, idle_after=0)
    paints = _watch_paints(app)
    state: dict[str, object] = {}

    def complete() -> bool:
        # The frame shows the map picture and the Patterns panel of the new map.
        screen, view, patterns = state.get("screen"), state.get("view"), state.get("patterns")
        return bool(screen and not screen._late_pending and not view.pending  # type: ignore[attr-defined]
                    and not patterns.busy)  # type: ignore[attr-defined]

    complete_paints = _watch_paints(app, complete)
    redrawn: list[float] = []
    to_screen: list[float] = []
    to_map: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.session
        original_redraw = screen.redraw

        def redraw() -> None:
            original_redraw()
            redrawn.append(time.perf_counter())

        screen.redraw = redraw  # type: ignore[method-assign]
        await _workers_done(app)
        await pilot.pause()
        line = screen.query_one(CaptureInput)
        view = screen.query_one(MapView)
        patterns = screen.query_one(PatternsPanel)
        state.update(screen=screen, view=view, patterns=patterns)
        for i in range(repeats + 2):
            line.value = f"t: the phone stays silent {i}"
            await _workers_done(app)
            await pilot.pause(0.02)
            revision = screen.history.revision
            measured = i >= 2  # two warm-up lines
            if profile is not None and measured:
                profile.start()
            start = time.perf_counter()
            await pilot.press("enter")
            while screen.history.revision == revision or not redrawn or redrawn[-1] < start:
                await asyncio.sleep(0.0005)
            painted = await _first_paint_after(paints, redrawn[-1])
            # Complete: the map picture and the Patterns panel caught up too.
            pictured = await _first_paint_after(complete_paints, redrawn[-1])
            if profile is not None and measured:
                profile.stop()
            if measured:
                to_screen.append((painted - start) * 1000)
                to_map.append((pictured - start) * 1000)
    return to_screen, to_map


async def _bare_key_to_paint(repeats: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = Bare()
    paints = _watch_paints(app)
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for i in range(repeats + 2):
            await pilot.pause(0.02)
            start = time.perf_counter()
            await pilot.press("x")
            painted = await _first_paint_after(paints, start)
            if i >= 2:
                times.append((painted - start) * 1000)
    return times


_BARE_START = """
import time
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
        app.exit()
app._display = display
app.run(headless=True, size=(120, 40))
"""

_SESSION_START = """
import sys
import textual.app
# `attachmap FILE` itself (tui.cli), run headless at 120x40 until the first
# frame with the map picture and the Patterns panel in it. Nothing of ours is
# imported before the command line does it.
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
            self.exit()
App.run, App._display = headless, watch
from tui.cli import main
sys.exit(main([sys.argv[1]]))
"""


def _start_times(runs: list[tuple[str, list[str]]], repeats: int,
                 env: dict[str, str] | None = None) -> list[list[float]]:
    """Wall times of starting each script `repeats` times, the scripts taking
    turns (so a busy moment of the machine falls on both, not on one), after
    a first round that warms the disk cache (and, with `env` letting Python
    write byte code, compiles every module)."""
    times: list[list[float]] = [[] for _ in runs]
    for round_ in range(repeats + 1):
        for (code, args), out in zip(runs, times):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, env=env)
            if round_:
                out.append((time.perf_counter() - start) * 1000)
    return times


def profile_enter(n: int, repeats: int = 20) -> str:
    """The Enter path at `n` nodes under cProfile (see EnterProfile)."""
    profile = EnterProfile()
    with tempfile.TemporaryDirectory() as name:
        to_screen, to_map = asyncio.run(_enter_to_paint(n, repeats, Path(name), profile))
    return (profile.report(f"Enter adds a node, {n} nodes, {repeats} lines") +
            f"\n(under the profiler: line answered median {median(to_screen):.1f} ms,"
            f" map and patterns drawn median {median(to_map):.1f} ms)\n")


def rows(quick: bool) -> list[Row]:
    repeats = 5 if quick else 30
    out: list[Row] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        bare = asyncio.run(_bare_key_to_paint(repeats))
        for n, target in ((60, 16), (400, 100)):
            to_screen, to_map = asyncio.run(_enter_to_paint(n, repeats, folder))
            out.append(Row(f"session: Enter adds a node -> line answered, {n} nodes",
                           median(to_screen), "bare app: key -> painted", median(bare), target,
                           p95(to_screen), note="p95"))
            out.append(Row(f"session: Enter adds a node -> map and patterns drawn, {n} nodes",
                           median(to_map), "bare app: key -> painted", median(bare), target,
                           p95(to_map), note="p95"))
        from exports.store.toml import save_map
        from patterns.synthetic import synthetic_map

        path = folder / "start60.toml"
        save_map(synthetic_map(60), path)
        bare_start, session_start = _start_times(
            [(_BARE_START, []), (_SESSION_START, [str(path)])], 2 if quick else 11)
        ratio = median(session_start) / median(bare_start)
        out.append(Row("session: start-up to first painted screen, 60 nodes",
                       median(session_start), "bare Textual app start-up", median(bare_start),
                       median(bare_start) * 1.5, p95(session_start),
                       note=f"target <= 1.5x bare ({ratio:.2f}x)"))
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            # Here Python may not write byte code, so the figure above includes
            # compiling every module of ours at every start (textual's came
            # compiled with the package). An installed attachmap has its byte
            # code from pip: the same start, beside the same bare app, with
            # byte code kept in a folder of its own (a figure to read, not the
            # target's).
            with tempfile.TemporaryDirectory() as cache:
                env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
                env["PYTHONPYCACHEPREFIX"] = cache
                bare_c, session_c = _start_times(
                    [(_BARE_START, []), (_SESSION_START, [str(path)])], 2 if quick else 11, env)
            out.append(Row("session: start-up, 60 nodes, with byte code (as installed)",
                           median(session_c), "bare Textual app, the same", median(bare_c),
                           None, p95(session_c),
                           note=f"{median(session_c) / median(bare_c):.2f}x bare; not the"
                                " target's figure"))
    return out
