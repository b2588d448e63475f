"""Draw the README's screenshot: the session screen on the demo map at 120x40.

Run from the clone: `.venv/bin/python docs/make_screenshot.py`. It works on a
private copy of the demo map (in a temporary folder), so nothing is saved here
but docs/session.svg. The picture is taken the way the snapshot tests take
theirs: the clock frozen, the cursor steady, one feeling selected so the
details panel shows what a node holds.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from tui.app import AttachmapApp
from tui.demo import ensure_demo
from tui.session.capture_line import CaptureInput

HERE = Path(__file__).resolve().parent
#: A week after the demo map's last session.
NOW = dt.datetime(2026, 12, 4, 10, 30, tzinfo=dt.UTC)


async def _shoot(map_path: Path, out: Path) -> None:
    app = AttachmapApp(map_path, clock=lambda: NOW, idle_after=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        screen.query_one(CaptureInput).cursor_blink = False
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        screen.selected = "zoe-scared"
        screen.redraw()
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        map_path = Path(folder) / "demo.toml"
        ensure_demo(map_path)
        asyncio.run(_shoot(map_path, HERE / "session.svg"))
    print(HERE / "session.svg")


if __name__ == "__main__":
    main()
