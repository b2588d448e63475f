"""Draw the pictures of the README and docs/guide.md from the demo map.

Run from the clone: `.venv/bin/python docs/make_pictures.py`. It works on a
private copy of the demo map (in a temporary folder) and writes, in docs/:

- `session.svg`: the session screen at 120x40, one feeling selected so the
  details panel shows what a node holds;
- `session-light.svg`: the same in the light theme, `attachmap-light`;
- `review.svg`: the client's review at 100x30;
- `pdf-page-1.png`: the first page of the client's PDF at 60 dpi (with
  `pdftoppm`, from poppler-utils; skipped with a note where it is missing).

The screens are taken the way the snapshot tests take theirs: the clock
frozen, the cursor steady, and no settings file read (the defaults, with a
practice's name invented for the PDF's foot).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from exports.formats import render
from exports.settings import Settings
from exports.store.toml import load_map
from tui.app import AttachmapApp
from tui.demo import ensure_demo
from tui.review.app import ReviewApp
from tui.session.capture_line import CaptureInput

HERE = Path(__file__).resolve().parent
#: A week after the demo map's last session.
NOW = dt.datetime(2026, 12, 4, 10, 30, tzinfo=dt.UTC)
#: An invented practice for the pictures.
PRACTICE = Settings(therapist="Ana Example", practice="Riverside Couples Therapy")


async def _session(map_path: Path, out: Path, theme: str | None = None) -> None:
    app = AttachmapApp(map_path, clock=lambda: NOW, idle_after=0,
                       settings=Settings(theme=theme))
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


async def _review(map_path: Path, out: Path) -> None:
    app = ReviewApp(map_path, today=NOW.date(), settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def _pdf_page(map_path: Path, out: Path) -> bool:
    """The client's PDF, page 1, as a PNG; False where pdftoppm is missing."""
    if shutil.which("pdftoppm") is None:
        return False
    pdf = map_path.with_suffix(".pdf")
    pdf.write_bytes(render(load_map(map_path), "pdf", "client",
                           signature=PRACTICE.signature()))
    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True)
    return True


def main(folder: Path = HERE) -> list[Path]:
    """Draw every picture into `folder`; the paths written."""
    written = []
    with tempfile.TemporaryDirectory() as work:
        map_path = Path(work) / "demo.toml"
        ensure_demo(map_path)
        for name, theme in (("session.svg", None), ("session-light.svg", "attachmap-light")):
            asyncio.run(_session(map_path, folder / name, theme))
            written.append(folder / name)
        # A copy of its own: the session above still holds the first one's lock.
        review_path = Path(work) / "review" / "demo.toml"
        review_path.parent.mkdir()
        ensure_demo(review_path)
        asyncio.run(_review(review_path, folder / "review.svg"))
        written.append(folder / "review.svg")
        if _pdf_page(map_path, folder / "pdf-page-1.png"):
            written.append(folder / "pdf-page-1.png")
        else:
            print("note: pdftoppm (poppler-utils) is missing: pdf-page-1.png not drawn",
                  file=sys.stderr)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
