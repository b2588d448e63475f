"""The capture line (issue 3): the hint is worked out on every keypress, so it
must leave the frame (16 ms) to the screen: target 4 ms at 400 nodes, on the
median (the p95 is shown too; on a busy shared machine it measures the
neighbours as much as the parser).

Baseline: one ordered walk of the map's nodes (`MapGraph.nodes()`), the least
any code that reads every label pays.
"""

from __future__ import annotations

from timing import Row, measure, median, p95

from patterns.capture.line import capture_hint, complete_capture, parse_capture
from patterns.edits import History
from patterns.graph import MapGraph
from patterns.synthetic import synthetic_map

SENTENCE = ("When the phone pings, I think nobody stays, I feel scared of being left,"
            " so I check the phone, then I text again and again, because I need calm")
HINT_TARGET_MS = 4.0


def rows(quick: bool) -> list[Row]:
    repeats = 20 if quick else 300
    out = []
    for n in (60, 400):
        g = MapGraph.from_map(synthetic_map(n))
        link = f"{g.nodes()[3].label[:8]} -> {g.nodes()[-4].label[:8]}"
        base = median(measure(g.nodes, repeats))
        target = HINT_TARGET_MS if n == 400 else None
        hint = measure(lambda: capture_hint(SENTENCE, g), repeats)
        out.append(Row(f"capture hint, sentence, {n} nodes", median(hint), "walk all nodes",
                       base, target, p95(hint)))
        hint = measure(lambda: capture_hint(link, g), repeats)
        out.append(Row(f"capture hint, link, {n} nodes", median(hint), "walk all nodes",
                       base, target, p95(hint)))
        done = measure(lambda: complete_capture("When the phone pings, I feel sc", g), repeats)
        out.append(Row(f"capture completion, {n} nodes", median(done), "walk all nodes",
                       base, target, p95(done)))
        history = History(g)

        def enter() -> None:
            history.do(parse_capture(SENTENCE, g).edit)
            history.undo()

        taken = measure(enter, repeats)
        out.append(Row(f"capture Enter (parse, apply, undo), {n} nodes", median(taken),
                       "walk all nodes", base, None, p95(taken)))
    return out
