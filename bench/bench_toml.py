"""Load and save of maps (issue 2): target under 50 ms each at 400 nodes.

Baseline: parsing the same text with tomllib alone, and writing the same
bytes with a plain `open().write()` — what any TOML app pays at least.
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from timing import Row, measure, median, p95

from exports.store.toml import dumps_map, load_map, save_map
from patterns.synthetic import synthetic_map


def rows(quick: bool) -> list[Row]:
    repeats = 5 if quick else 40
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (60, 400):
            m = synthetic_map(n)
            path = Path(folder) / f"map{n}.toml"
            save_map(m, path)
            text = path.read_text("utf-8")
            base_parse = measure(lambda: tomllib.loads(text), repeats)
            load = measure(lambda: load_map(path), repeats)
            out.append(Row(f"load {n}-node map", median(load), "tomllib.loads", median(base_parse),
                           50 if n == 400 else None, p95(load)))
            plain = Path(folder) / "plain.toml"
            data = dumps_map(m).encode()
            base_write = measure(lambda: plain.write_bytes(data), repeats)
            save = measure(lambda: save_map(m, path), repeats)
            out.append(Row(f"save {n}-node map (atomic, fsync)", median(save), "plain write",
                           median(base_write), 50 if n == 400 else None, p95(save)))
    return out
