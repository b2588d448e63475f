"""An experiment's tries as a trend: the words and the bars the client sees."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from patterns.models import Experiment, RelationalMap, Try
from patterns.progress import bars, progress


def experiment(*scores: tuple[int | None, int | None]) -> Experiment:
    day = dt.date(2026, 11, 22)
    return Experiment(id="pause", response="say-scared", tries=[
        Try(date=day + dt.timedelta(days=i), before=b, after=a) for i, (b, a) in enumerate(scores)])


def test_the_chase_practice_reads_as_the_sketch_says(chase_map: RelationalMap) -> None:
    p = progress(chase_map.experiments[0])
    assert p.trend() == "tried twice: distress afterwards has gone from 5 to 3 out of 10"
    assert p.relief_text() == "on average, a try brought distress down by 3.5 points"
    assert p.direction == "down"
    assert p.dates == [dt.date(2026, 11, 22), dt.date(2026, 11, 25)]


def test_three_tries_going_down() -> None:
    p = progress(experiment((8, 5), (7, 4), (5, 2)))
    assert p.trend() == "tried 3 times: distress afterwards has gone from 5 to 2 out of 10"
    assert p.relief_text() == "on average, a try brought distress down by 3 points"


def test_going_up_and_staying_the_same_are_said_plainly() -> None:
    assert progress(experiment((5, 2), (6, 6))).trend() == (
        "tried twice: distress afterwards has gone from 2 to 6 out of 10")
    assert progress(experiment((5, 2), (6, 6))).direction == "up"
    steady = progress(experiment((4, 4), (4, 4), (5, 4)))
    assert steady.trend() == "tried 3 times: distress afterwards has stayed at 4 out of 10"
    # Less than half a point on average is no change, not "0.3 points".
    assert steady.relief_text() == "on average, distress was about the same before and after a try"
    # One try is said once, by the trend ("went from 8 to 5"), never again
    # as "that try brought distress down by 3 points", never "on average".
    assert progress(experiment((4, 5))).relief_text() == ""
    assert progress(experiment((8, 5))).relief_text() == ""
    assert progress(experiment((8, 5), (None, 4))).relief_text() == (
        "the try scored before and after went from 8 to 5")
    assert progress(experiment((4, 6), (4, 6))).relief_text() == (
        "on average, distress rose by 2 points during a try")


def test_few_or_unscored_tries() -> None:
    assert progress(experiment()).trend() == "not tried yet"
    assert progress(experiment()).relief_text() == ""
    assert progress(experiment((8, 5))).trend() == "tried once: distress went from 8 to 5 out of 10"
    assert progress(experiment((None, 5))).trend() == (
        "tried once: distress was 5 out of 10 afterwards")
    assert progress(experiment((None, None))).trend() == "tried once, with no distress score yet"
    assert progress(experiment((None, None), (3, None))).trend() == (
        "tried twice, with no distress scores yet")
    assert progress(experiment((None, None), (8, 5), (None, None))).trend() == (
        "tried 3 times, scored once: distress went from 8 to 5 out of 10")
    # An unscored try still counts as a try.
    assert progress(experiment((8, 5), (None, None), (6, 1))).trend() == (
        "tried 3 times: distress afterwards has gone from 5 to 1 out of 10")


def test_bars_use_the_fixed_0_to_10_scale() -> None:
    assert bars([0, 5, 10]) == "▁▅█"
    assert bars([2, None, 2]) == "▃ ▃"
    p = progress(experiment((8, 5), (7, 3)))
    assert p.chart() == "before ▇▆\nafter  ▅▃"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.none() | st.integers(0, 10), st.none() | st.integers(0, 10)),
                max_size=12))
def test_any_tries_give_one_bar_each_and_a_sentence(scores: list) -> None:
    p = progress(experiment(*scores))
    assert len(bars(p.after)) == len(scores)
    scored = [a for _, a in scores if a is not None]
    text = p.trend()
    if len(scored) >= 2 and scored[0] != scored[-1]:
        assert f"from {scored[0]} to {scored[-1]} out of 10" in text
