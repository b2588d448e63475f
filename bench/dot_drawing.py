"""Graphviz `dot`'s drawing of a map under the constraints of ours, and the
crossings of both, counted by one function (patterns.layout.crossings).

The constraints: a row per band of kinds (`newrank=true`, `rank=same` for
each band, the bands kept in reading order by an invisible chain), a
cluster per person, the links that run back up the bands left out of the
ranking (`constraint=false`, as ours draw them upward). Box sizes are the
labels', wrapped as on paper. dot's edges are B-splines (`-Tplain`): each is
sampled into a polyline and counted like ours. Used by the bench row
(bench_crossings.py) and by tests/test_layout_crossings.py.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from exports.map_paper import PAPER, PAPER_LOOK
from exports.store.toml import load_map
from patterns.layout import BANDS, layout_map, snapshot_of_map
from patterns.layout.crossings import count_crossings, drawing_crossings, sample_bezier
from patterns.layout.drawing import draw
from patterns.layout.model import MapSnapshot
from patterns.models import RelationalMap
from patterns.synthetic import synthetic_map

__all__ = ["dot_available", "dot_crossings", "dot_source", "our_crossings", "maps_drawn"]

_BAND = {kind: i for i, kinds in enumerate(BANDS) for kind in kinds}


def dot_available() -> bool:
    """Whether Graphviz's `dot` is installed here."""
    return shutil.which("dot") is not None


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_source(snap: MapSnapshot) -> str:
    """The map as a dot graph under the same constraints as ours."""
    out = ["digraph map {", "newrank=true;", "node [shape=box, fontsize=9];"]
    people = [p.id for p in snap.people] or [None]
    for i, person in enumerate(people):
        out.append(f"subgraph cluster_{i} {{")
        for n in snap.nodes:
            if n.person == person or person is None:
                label = "\\n".join(textwrap.wrap(n.label, 22)) or " "
                out.append(f"  {_q(n.id)} [label={_q(label)}];")
        out.append("}")
    bands: dict[int, list[str]] = {}
    for n in snap.nodes:
        bands.setdefault(_BAND[n.kind], []).append(n.id)
    present = sorted(bands)
    for b in present:
        out.append(f'{{ rank=same; "__band{b}"; ' + " ".join(_q(v) for v in bands[b]) + " }")
        out.append(f'"__band{b}" [style=invis, shape=point, width=0];')
    for a, b in zip(present, present[1:]):
        out.append(f'"__band{a}" -> "__band{b}" [style=invis, weight=100];')
    kind = {n.id: n.kind for n in snap.nodes}
    seen = set()
    for lk in snap.links:
        if (lk.source, lk.target) in seen:
            continue  # parallel links are one line, as in ours
        seen.add((lk.source, lk.target))
        back = _BAND[kind[lk.target]] <= _BAND[kind[lk.source]] and lk.source != lk.target
        out.append(f"{_q(lk.source)} -> {_q(lk.target)}"
                   + (" [constraint=false]" if back else "") + ";")
    out.append("}")
    return "\n".join(out)


def _plain_edges(text: str) -> list[list[tuple[float, float]]]:
    import shlex

    paths = []
    for line in text.splitlines():
        parts = shlex.split(line)
        if parts and parts[0] == "edge" and not parts[1].startswith("__band"):
            n = int(parts[3])
            points = [(float(parts[4 + 2 * i]), float(parts[5 + 2 * i])) for i in range(n)]
            paths.append(sample_bezier(points))
    return paths


def dot_crossings(snap: MapSnapshot) -> int | None:
    """Crossings in dot's banded drawing of the map (None without dot)."""
    if not dot_available():
        return None
    out = subprocess.run(["dot", "-Tplain"], input=dot_source(snap), capture_output=True,
                         text=True, check=True, timeout=600).stdout
    return count_crossings(_plain_edges(out))


def our_crossings(snap: MapSnapshot) -> int:
    """Crossings in our drawing of the map: the PDF's and the SVG's map page."""
    return drawing_crossings(draw(layout_map(snap), PAPER, PAPER_LOOK))


def maps_drawn(*, large: bool = True) -> dict[str, RelationalMap]:
    """The example maps and the invented ones the tests draw, by name."""
    from tests.support.examples import example_paths

    maps = {p.stem: load_map(p) for p in example_paths()}
    for n in (10, 20, 30, 45, 60):
        maps[f"invented {n}"] = synthetic_map(n)
    maps["invented 60, three people"] = synthetic_map(60, people=3)
    maps["invented 60, dense"] = synthetic_map(60, dense=True)
    maps["invented 60, dense, three people"] = synthetic_map(60, dense=True, people=3)
    if large:
        maps["invented 400"] = synthetic_map(400)
    return maps


def table(maps: dict[str, RelationalMap]) -> list[tuple[str, int, int, int | None]]:
    """(map, nodes, ours, dot's) for each map."""
    rows = []
    for name, m in maps.items():
        snap = snapshot_of_map(m)
        rows.append((name, len(m.nodes), our_crossings(snap), dot_crossings(snap)))
    return rows
