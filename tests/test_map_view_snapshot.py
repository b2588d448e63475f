"""What the map view looks like on the chase example at 120x40 (the SVGs
in __snapshots__ were looked at before they were accepted)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from exports.store.toml import load_map
from patterns.graph import MapGraph
from patterns.layout import snapshot
from tui.widgets.map_view import MapView

CHASE = Path(__file__).resolve().parent.parent / "tui" / "demo" / "chase.toml"


class ChaseMap(App[None]):
    """The map view alone on the chase example."""

    def __init__(self, **options: object) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield MapView()

    def on_mount(self) -> None:
        view = self.query_one(MapView)
        view.show(snapshot(MapGraph.from_map(load_map(CHASE))), **self.options)  # type: ignore[arg-type]
        view.focus()


def test_the_chase_at_120x40(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ChaseMap(), terminal_size=(120, 40))


def test_the_chase_with_a_node_and_the_loop_selected(snap_compare) -> None:  # type: ignore[no-untyped-def]
    graph = MapGraph.from_map(load_map(CHASE))
    app = ChaseMap(selected="texting", loop=list(graph.loops[0].nodes))
    assert snap_compare(app, terminal_size=(120, 40))
