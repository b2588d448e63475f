"""How practice is going: an experiment's tries as a trend, in words and bars.

Distress is scored 0 to 10, so the bars use that fixed scale (a 2 always
looks like a 2), not a scale stretched to the tries at hand. Used by the
review screen, the session screen's experiments panel and the PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, Field

from patterns.models import Experiment, Try
from patterns.voice import tries_relief, tries_trend

#: One bar per score: blank-ish for 0 up to a full block for 10.
BARS = "▁▂▃▃▄▅▅▆▇▇█"


def bars(scores: Sequence[int | None]) -> str:
    """One bar per score on the 0–10 scale; a missing score is a space."""
    return "".join(" " if s is None else BARS[max(0, min(10, s))] for s in scores)


class Progress(BaseModel):
    """The tries of one experiment, read as a trend."""

    experiment_id: str
    """Which experiment this is."""
    tries: int = 0
    """How many times it was tried."""
    dates: list[dt.date] = Field(default_factory=list)
    """The day of each try, oldest first."""
    before: list[int | None] = Field(default_factory=list)
    """Distress before each try (None where it was not scored)."""
    after: list[int | None] = Field(default_factory=list)
    """Distress after each try (None where it was not scored)."""

    @property
    def scored_after(self) -> list[int]:
        """The after-scores that were given, oldest first."""
        return [s for s in self.after if s is not None]

    @property
    def relief(self) -> float | None:
        """On average, how many points distress fell from before to after a try."""
        drops = [b - a for b, a in zip(self.before, self.after) if b is not None and a is not None]
        return sum(drops) / len(drops) if drops else None

    @property
    def direction(self) -> str:
        """`down`, `up` or `steady` for distress after trying; `unknown` with
        fewer than two scored tries."""
        scored = self.scored_after
        if len(scored) < 2:
            return "unknown"
        first, last = scored[0], scored[-1]
        return "down" if last < first else "up" if last > first else "steady"

    def trend(self) -> str:
        """The trend in words: `distress after trying has gone from 5 to 2 over 3 tries`
        (worded by `patterns.voice`)."""
        return tries_trend(self.tries, self.before, self.after)

    def relief_text(self) -> str:
        """How much trying eased distress (one try: that try; several: on
        average), or `` if unscored (worded by `patterns.voice`)."""
        return tries_relief(self.before, self.after)

    def chart(self) -> str:
        """Before and after as two rows of bars, one column per try."""
        return f"before {bars(self.before)}\nafter  {bars(self.after)}"


def progress(experiment: Experiment) -> Progress:
    """The trend of an experiment's tries, oldest first (as they are kept)."""
    tries: list[Try] = experiment.tries
    return Progress(
        experiment_id=experiment.id,
        tries=len(tries),
        dates=[t.date for t in tries],
        before=[t.before for t in tries],
        after=[t.after for t in tries],
    )


__all__ = ["BARS", "Progress", "bars", "progress"]
