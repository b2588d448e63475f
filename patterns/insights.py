"""Everything the map reveals, in one call: `analyse(g)`.

The session screen's Patterns panel, the client's review, the PDF and the
Markdown export all read the same `Insights`, so they never disagree about
what the pattern is. It is cheap enough to run after every edit (a few
milliseconds for a session-sized map; under 100 ms for a dense 400-node one).
"""

from __future__ import annotations

from pydantic import BaseModel

from patterns.cycles import Cycle, find_cycles
from patterns.dance import DanceStep, find_dance
from patterns.graph import MapGraph
from patterns.hotspots import HotSpot, hot_spots
from patterns.loops import FoundLoop, find_loops
from patterns.needs import (
    BlockedNeed,
    UnmetNeed,
    UnreplacedStrategy,
    blocked_needs,
    unmet_needs,
    unreplaced_strategies,
)
from patterns.reading import MapReading, reading_of
from patterns.sentences import PatternSentence, find_sentences


class Insights(BaseModel):
    """What the map shows about the pattern, ready to list."""

    loops: list[FoundLoop]
    """The loops, vicious first, then shortest, with their names."""
    loops_capped: bool
    """True when there may be more loops than listed."""
    cycles: list[Cycle] = []
    """The loops gathered into cycles (variants folded): what is told."""
    cycles_capped: bool = False
    """True when there may be more cycles than listed."""
    sentences: list[PatternSentence]
    """The pattern read aloud: each person's chain once per cycle (in the
    order of `cycles`), then the chains of triggers on no cycle."""
    sentences_capped: bool = False
    """True when there are more sentences than listed."""
    unmet_needs: list[UnmetNeed]
    """Needs without a new way to meet them yet."""
    blocked_needs: list[BlockedNeed]
    """Needs a strategy gets in the way of."""
    unreplaced_strategies: list[UnreplacedStrategy]
    """Protective moves with no new response to practise instead yet."""
    hot_spots: list[HotSpot]
    """Where the pattern starts most and where loops meet."""
    dance: list[DanceStep]
    """Whose move sets off whose trigger (empty without two people)."""

    def loop_named(self, name: str) -> FoundLoop | None:
        """The listed loop with this name (case-insensitive), or None."""
        wanted = name.strip().casefold()
        return next((lp for lp in self.loops if (lp.name or "").casefold() == wanted), None)

    def on_loop(self) -> set[str]:
        """Ids of every node on a listed loop (marked ⟳ on the map)."""
        return {node_id for lp in self.loops for node_id in lp.nodes}


def analyse(g: MapGraph | MapReading) -> Insights:
    """Loops, pattern sentences, needs, strategies without an alternative, hot
    spots and the dance, for the map as it is now."""
    view = reading_of(g)
    search = find_loops(view)
    cycles = find_cycles(view, search)
    sentences, sentences_capped = find_sentences(view, cycles.cycles)
    return Insights(
        loops=search.loops,
        loops_capped=search.capped,
        cycles=cycles.cycles,
        cycles_capped=cycles.capped,
        sentences=sentences,
        sentences_capped=sentences_capped,
        unmet_needs=unmet_needs(view),
        blocked_needs=blocked_needs(view),
        unreplaced_strategies=unreplaced_strategies(view),
        # Where cycles meet, not loops: variants of one cycle meet everywhere.
        hot_spots=hot_spots(view, (c.node_ids for c in cycles.cycles)),
        dance=find_dance(view),
    )


__all__ = [
    "BlockedNeed",
    "Cycle",
    "DanceStep",
    "FoundLoop",
    "HotSpot",
    "Insights",
    "PatternSentence",
    "UnmetNeed",
    "UnreplacedStrategy",
    "analyse",
]
