"""Stress runs for issue 7: SIGKILL during saves, and a storm of hostile loader inputs.

`python bench/bench_stress.py kills N [--encrypted]` forks a child that opens a
map through `MapStore` and saves new versions in a loop, SIGKILLs it at a
random moment, and checks the file: it must be the last completed save or the
one being written (never less, never half), it must load, no temp file may
survive the next open, and the history must load. It prints a JSON report;
tests/test_crash_safety.py runs it with a few hundred kills, `bench/run.py`
with thousands. `loader N` feeds N mutated and random documents to the loader.

Forking happens in this fresh, single-threaded interpreter, never inside a
test runner's threads.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from timing import Row  # noqa: E402

from exports.store import (  # noqa: E402
    MapStore,
    history,  # noqa: E402
    map_from_bytes,
)
from exports.store.atomic import TEMP_PREFIX  # noqa: E402
from exports.store.crypto import SealingKey  # noqa: E402
from exports.store.load_errors import MapLoadError  # noqa: E402
from exports.store.toml import dumps_map, loads_map  # noqa: E402
from patterns.models import RelationalMap  # noqa: E402
from patterns.synthetic import synthetic_map  # noqa: E402

PASSPHRASE = "stress test passphrase"
#: Kills land anywhere in the first few saves, each of which takes a few ms.
MAX_DELAY = 0.2


def map_for(k: int) -> RelationalMap:
    """The map the saver writes as its k-th save: its size changes, so a cut shows."""
    m = synthetic_map(10 + k % 40, seed=k)
    return m.model_copy(update={"title": f"crash test save {k}"})


def counter_of(m: RelationalMap) -> int:
    return int(m.title.rsplit(" ", 1)[1])


def _store(path: Path, encrypted: bool) -> MapStore:
    store = MapStore(path)
    if encrypted:
        store.unlock(PASSPHRASE)
    return store


def _saver(path: Path, encrypted: bool, report: int) -> None:
    """The child: open the map, then save k+1, k+2, ... until killed."""
    store = _store(path, encrypted)
    k = counter_of(store.open())
    while True:
        k += 1
        m = map_for(k)
        os.write(report, f"S{k}\n".encode())
        store.save(m)
        os.write(report, f"D{k}\n".encode())


def _temp_files(path: Path) -> list[str]:
    folders = [path.parent, history.history_folder(path)]
    return [p.name for f in folders if f.is_dir() for p in f.iterdir()
            if p.name.startswith(TEMP_PREFIX)]


def kill_loop(folder: Path, kills: int, *, seed: int = 7, encrypted: bool = False,
              check_all_history: bool = False) -> dict:
    """Run `kills` kill cycles on a map in `folder`; a report with every problem found."""
    rnd = random.Random(seed)
    path = folder / ("map.toml.age" if encrypted else "map.toml")
    first = MapStore(path)
    if encrypted:  # a small scrypt work factor: the kills test saving, not scrypt
        first.unlock(PASSPHRASE, new_key=lambda p: SealingKey.create(p, log_n=4))
    first.open()
    first.save(map_for(0))
    first.close()
    done, problems, cycle_ms, saves_seen, mid_save = 0, [], [], 0, 0
    for cycle in range(kills):
        started = time.perf_counter()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child is killed, never returns
            os.close(read_end)
            try:
                _saver(path, encrypted, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        time.sleep(rnd.uniform(0, MAX_DELAY))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        log = b""
        while chunk := os.read(read_end, 65536):
            log += chunk
        os.close(read_end)
        events = log.decode().split()
        started_k = [int(e[1:]) for e in events if e[0] == "S"]
        done_k = [int(e[1:]) for e in events if e[0] == "D"]
        last_done = done_k[-1] if done_k else done
        writing = started_k[-1] if started_k and started_k[-1] > last_done else None
        saves_seen += len(done_k)
        mid_save += writing is not None
        store = _store(path, encrypted)
        try:
            m = store.open()
            found = counter_of(m)
            if found != last_done and found != writing:
                problems.append(f"cycle {cycle}: file holds save {found}, expected {last_done}"
                                + (f" or {writing}" if writing else ""))
            elif m != map_for(found):
                problems.append(f"cycle {cycle}: save {found} is not the complete map")
            if store.read_only:
                problems.append(f"cycle {cycle}: the dead child's lock was not taken over")
            if leftovers := _temp_files(path):
                problems.append(f"cycle {cycle}: temp files left after open: {leftovers}")
            if oct(path.stat().st_mode & 0o777) != "0o600":
                problems.append(f"cycle {cycle}: the map is not owner-only")
            versions = history.versions(path)
            last_cycle = cycle == kills - 1
            for version in versions if check_all_history or last_cycle else versions[:1]:
                store.read_other(version.path)
            done = found
        except Exception as error:  # noqa: BLE001 - every failure is a finding to report
            problems.append(f"cycle {cycle}: {type(error).__name__}: {error}")
        finally:
            store.close()
        cycle_ms.append((time.perf_counter() - started) * 1000)
    return {"kills": kills, "encrypted": encrypted, "problems": problems,
            "completed_saves": saves_seen, "killed_mid_save": mid_save,
            "history_versions": len(history.versions(path)),
            "median_cycle_ms": sorted(cycle_ms)[len(cycle_ms) // 2] if cycle_ms else 0.0}


def _mutations(rnd: random.Random, text: str) -> str:
    """A valid map's text with a few random cuts, swaps and insertions."""
    junk = ['"', "'", "[", "]", "[[", "=", "\n", "nodes", "-1", "1e999", "2026-13-01", "\\u0000",
            "{", "}", ",", "true", "inf", "\x00", "é", "🙂", "kind", "id", "links", "99" * 40]
    out = text
    for _ in range(rnd.randint(1, 4)):
        at = rnd.randrange(len(out) + 1)
        how = rnd.random()
        if how < 0.35:
            out = out[:at] + out[at + rnd.randint(1, 30):]
        elif how < 0.7:
            out = out[:at] + rnd.choice(junk) + out[at:]
        else:
            lines = out.split("\n")
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            out = "\n".join(lines)
    return out


def loader_storm(n: int, *, seed: int = 11) -> dict:
    """Feed `n` mutated maps and random byte strings to the loader; count the outcomes."""
    rnd = random.Random(seed)
    base = dumps_map(synthetic_map(30, seed=seed))
    outcomes = {"valid": 0, "load_error": 0, "other": 0}
    others: list[str] = []
    for i in range(n):
        data = (_mutations(rnd, base).encode("utf-8", "surrogatepass") if i % 4
                else bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 300))))
        try:
            map_from_bytes(data, Path("storm.toml"))
            outcomes["valid"] += 1
        except MapLoadError:
            outcomes["load_error"] += 1
        except Exception as error:  # noqa: BLE001 - anything else is a bug to report
            outcomes["other"] += 1
            others.append(f"{type(error).__name__}: {error}"[:200])
    return {"inputs": n, **outcomes, "others": others[:10]}


def rows(quick: bool) -> list[Row]:
    """Kills survived and loader inputs tried, beside plain baselines."""
    kills, inputs = (60, 500) if quick else (2000, 20000)
    out = []
    with tempfile.TemporaryDirectory() as folder:
        plain = kill_loop(Path(folder), kills, check_all_history=False)
    with tempfile.TemporaryDirectory() as folder:
        sealed = kill_loop(Path(folder), max(20, kills // 10), encrypted=True)
    baseline = _fork_kill_ms(20 if quick else 200)
    for report, what in ((plain, "plain"), (sealed, "encrypted")):
        lost = len(report["problems"])
        out.append(Row(f"SIGKILL while saving ({what} map): kill, reopen, verify",
                       report["median_cycle_ms"], "fork + SIGKILL of an idle child", baseline,
                       value=f"{report['kills']} kills, {lost} lost",
                       note=f"{report['killed_mid_save']} mid-save, "
                            f"{report['completed_saves']} saves done"))
    started = time.perf_counter()
    storm = loader_storm(inputs)
    per_input = (time.perf_counter() - started) * 1000 / inputs
    base = dumps_map(synthetic_map(30, seed=11))
    started = time.perf_counter()
    for _ in range(200):
        loads_map(base)
    out.append(Row("hostile loader input (mutated map or random bytes)", per_input,
                   "loading the valid map", (time.perf_counter() - started) * 1000 / 200,
                   value=f"{storm['inputs']} inputs, {storm['other']} not MapLoadError"))
    return out


def _fork_kill_ms(n: int) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover
            time.sleep(10)
            os._exit(0)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[n // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    kill = sub.add_parser("kills", help="SIGKILL a saving process N times")
    kill.add_argument("n", type=int)
    kill.add_argument("--encrypted", action="store_true")
    kill.add_argument("--seed", type=int, default=7)
    kill.add_argument("--folder", type=Path, help="where to work (default: a temp folder)")
    storm = sub.add_parser("loader", help="N hostile inputs to the loader")
    storm.add_argument("n", type=int)
    args = parser.parse_args(argv)
    if args.what == "loader":
        report = loader_storm(args.n)
    elif args.folder:
        report = kill_loop(args.folder, args.n, seed=args.seed, encrypted=args.encrypted)
    else:
        with tempfile.TemporaryDirectory() as folder:
            report = kill_loop(Path(folder), args.n, seed=args.seed, encrypted=args.encrypted)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
