"""Every performance figure of attachmap in one table: `python bench/run.py`.

Each figure stands beside a baseline measured in the same run on the same
machine, because these machines are noisy: the ratio is what to compare
across runs, the milliseconds are for the targets. Each `bench/bench_*.py`
module offers `rows(quick)`; `--quick` runs fewer repeats (used by a test
that checks the benchmarks still run).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from timing import Row  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke test")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the session's Enter path (the ten costliest"
                             " functions, at 60 and 400 nodes)")
    parser.add_argument("only", nargs="*", help="only modules whose name contains one of these")
    args = parser.parse_args(argv)
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if args.only:
        modules = [m for m in modules if any(o in m for o in args.only)]
    rows: list[Row] = []
    started = time.perf_counter()
    for name in modules:
        rows.extend(importlib.import_module(name).rows(args.quick))
    print(Row.table(rows))
    print(f"\n{len(rows)} figures in {time.perf_counter() - started:.1f} s"
          f"{' (quick: fewer repeats)' if args.quick else ''}")
    if args.profile:
        from bench_session import profile_enter

        for n in (60, 400):
            print()
            print(profile_enter(n, 5 if args.quick else 20))
    missed = [r for r in rows if r.met is False]
    if missed:
        print("over target: " + "; ".join(r.what for r in missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
