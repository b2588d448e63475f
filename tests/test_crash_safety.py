"""Crash safety, proven by killing: a process saving a map in a loop is SIGKILLed
at random moments; after each kill the file is the last completed save or the
one being written, complete, and the next open leaves no temp file.

The harness lives in bench/bench_stress.py (which runs 2,000 kills); it forks
in its own interpreter, never inside the test runner's threads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "bench" / "bench_stress.py"


def run_harness(*args: str) -> dict:
    done = subprocess.run([sys.executable, str(HARNESS), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_two_hundred_kills_while_saving_lose_nothing(tmp_path: Path) -> None:
    report = run_harness("kills", "200", "--seed", "2026", "--folder", str(tmp_path))
    assert report["problems"] == []
    assert report["kills"] == 200
    # The kills really landed while saving, and saves really completed in between.
    assert report["killed_mid_save"] >= 50 and report["completed_saves"] >= 50
    assert report["history_versions"] >= 20
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".attachmap-tmp")]


def test_kills_while_saving_an_encrypted_map_lose_nothing(tmp_path: Path) -> None:
    report = run_harness("kills", "30", "--encrypted", "--seed", "7", "--folder", str(tmp_path))
    assert report["problems"] == [] and report["kills"] == 30
    assert report["completed_saves"] >= 5
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.name.endswith(".lock"):
            assert path.read_bytes().startswith(b"age-encryption.org/v1\n"), path


def test_the_loader_storm_meets_only_valid_maps_or_load_errors() -> None:
    report = run_harness("loader", "600")
    assert report["inputs"] == 600 and report["other"] == 0, report["others"]
    assert report["valid"] > 0 and report["load_error"] > 0, "both outcomes were reached"
