"""The one layout engine of the map picture: the screen, the PDF and the SVG
draw only what it decides.

The picture reads as the pattern reads, top to bottom, in bands by kind, each
person's side in a column of its own. The engine is pure Python (no Textual,
no rich): a worker thread can run it, and every renderer gets the same answer.

    snap = snapshot(g)                      # on the screen's thread: cheap, immutable
    lay = layout_map(snap, person="zoe")    # anywhere, e.g. in a worker

Modules, one idea each: `model` (what a picture is made of), `bands` (which
band and layer), `order` (crossing reduction), `place` (x positions),
`snapshot` (what a picture is drawn from), `layers` (the layered structure:
parts, columns, long edges, rings, order).
"""

from __future__ import annotations

from patterns.layout.bands import BANDS
from patterns.layout.layers import layout_map
from patterns.layout.snapshot import (
    layout_structure,
    loop_members,
    neighbourhood,
    snapshot,
    snapshot_of_map,
    with_words,
)
from patterns.layout.model import MapLayout, MapSnapshot

__all__ = ["BANDS", "MapLayout", "MapSnapshot", "layout_map", "layout_structure", "loop_members",
           "neighbourhood", "snapshot", "snapshot_of_map", "with_words"]
