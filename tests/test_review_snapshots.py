"""Snapshots of the client's review of the chase example, the day fixed:
your patterns at 80×24, practice at 120×40. (The map part is the shared
MapView, whose own snapshots live with it; the review's Pilot tests check
what the map part shows.) Look at each SVG before accepting it
(--snapshot-update)."""

from __future__ import annotations

from pathlib import Path


from tests.support.pilot import REVIEW_DAY
from tui.review.app import ReviewApp


def test_review_patterns_80x24(snap_compare, chase_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ReviewApp(chase_path, today=REVIEW_DAY), terminal_size=(80, 24))


def test_review_practice_120x40(snap_compare, chase_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ReviewApp(chase_path, today=REVIEW_DAY), terminal_size=(120, 40),
                        press=["3"])

