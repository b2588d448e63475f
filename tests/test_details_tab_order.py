"""The node editor asks for the same fields in the same order for every kind
(issue 12): a therapist who tabs through by habit lands in the same field on
a trigger, a feeling or a strategy, and the private note is always last,
set apart and marked "only you see this"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.pilot import frozen_clock, pilot_test, screen_text, settle, wait_for

from exports.store.toml import load_map, save_map
from patterns.models import Node, Person, RelationalMap
from patterns.vocabulary import NodeKind
from tui.app import AttachmapApp

#: Where Tab goes from the label, on every kind of node.
ORDER = ["field-label", "field-kind", "field-person", "field-intensity", "field-shade",
         "field-note", "field-private_note", "details-links"]


def one_of_each_kind(path: Path) -> list[str]:
    when = dt.datetime(2026, 11, 20, 14, 3, tzinfo=dt.UTC)
    nodes = [Node(id=kind.value, kind=kind, label=f"a {kind.value}") for kind in NodeKind]
    save_map(RelationalMap(title="kinds", created=when, updated=when,
                           people=[Person(id="zoe", name="Zoë", role="client")], nodes=nodes),
             path)
    return [n.id for n in nodes]


@pilot_test
async def test_tab_walks_the_same_fields_for_every_kind(tmp_path: Path) -> None:
    path = tmp_path / "kinds.toml"
    ids = one_of_each_kind(path)
    app = AttachmapApp(path, clock=frozen_clock, idle_after=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.session
        await settle(pilot)
        walks = {}
        for node_id in ids:
            screen.selected = node_id
            screen.redraw(at_once=True)
            screen.action_edit_node()
            await wait_for(pilot, lambda: app.focused is not None
                           and app.focused.id == "field-label")
            walk = [app.focused.id]
            for _ in ORDER[1:]:
                await pilot.press("tab")
                await pilot.pause()
                walk.append(app.focused.id if app.focused else None)
            walks[node_id] = walk
            if node_id == "feeling":
                marked = "only you see this" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
        assert walks == {node_id: ORDER for node_id in ids}
        assert marked, "the private note is marked as the therapist's alone"
        await pilot.press("ctrl+q")
    assert [n.label for n in load_map(path).nodes] == [f"a {k.value}" for k in NodeKind], (
        "tabbing through changed nothing")
