"""The pattern as every output tells it: cycles, their titles, and each
person's chain, ready to set on paper or on screen.

The PDF, the Markdown, the review screen, the Patterns panel and `attachmap
check` all tell the pattern from one `PatternStory`, so they give the same
cycles, the same names and the same sentences; only the layout differs.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from patterns.cycles import Cycle
from patterns.graph import MapGraph
from patterns.insights import Insights
from patterns.reading import MapReading, reading_of
from patterns.sentences import PatternSentence
from patterns.vocabulary import NodeKind
from patterns.voice import capital, mask_names, name

#: Steps named in the title of a cycle that has no name yet.
TITLE_STEPS = 2


class ToldChain(BaseModel):
    """One person's chain as it is shown: whose it is and the sentence."""

    person: str | None
    """The people id (None on a map without people)."""
    who: str
    """The person's name as shown (initials behind the privacy screen; empty
    on a map without people)."""
    text: str
    """The chain in the person's own first person."""
    node_ids: list[str] = Field(default_factory=list)
    """The parts of the map it tells."""


class ToldCycle(BaseModel):
    """One cycle as it is shown: its title and each person's chain."""

    index: int
    """Its place in `Insights.cycles`."""
    name: str | None
    """The name the map gives it, if any."""
    title: str
    """The name, or its first steps (`Bo is late home → call over and over → …`)."""
    variants: int
    """How many loops are folded into it besides its main loop."""
    people: list[str]
    """The people it passes through."""
    chains: list[ToldChain]
    """Each person's chain, in the order the cycle meets them."""


class PatternStory(BaseModel):
    """Everything that is said about the pattern, in order."""

    cycles: list[ToldCycle]
    """The cycles, named ones first."""
    others: list[ToldChain]
    """Chains of triggers on no cycle."""
    capped: bool = False
    """True when the map holds more loops or chains than are told."""

    def tellers(self) -> list[str | None]:
        """Whose chains are told (people ids, each once, in order)."""
        chains = [c for cy in self.cycles for c in cy.chains] + self.others
        return list(dict.fromkeys(c.person for c in chains))

    def sentences(self) -> list[str]:
        """Every sentence told, in order (for comparing outputs)."""
        return [c.text for cy in self.cycles for c in cy.chains] + [c.text for c in self.others]


def cycle_title(g: MapGraph | MapReading, cycle: Cycle) -> str:
    """A cycle's title: its name (first letter capitalised), or its first
    steps, trigger then move, in the client's words."""
    if cycle.name:
        return capital(cycle.name)
    view = reading_of(g)
    steps = [n for n in cycle.loop.nodes
             if view.kind(n) in (NodeKind.TRIGGER, NodeKind.STRATEGY)] or cycle.loop.nodes
    said = [view.node[n].label for n in steps[:TITLE_STEPS]]
    more = " → …" if len(steps) > TITLE_STEPS else ""
    return capital(" → ".join(said)) + more


def tell(g: MapGraph | MapReading, insights: Insights, *, privacy: bool = False) -> PatternStory:
    """The pattern told: each cycle with its chains, then the other chains.

    Behind the privacy screen people's names, in names and in the words,
    show as initials."""
    view = reading_of(g)
    people = view.graph.people

    def shown(text: str) -> str:
        return mask_names(text, people) if privacy else text

    def told(s: PatternSentence) -> ToldChain:
        return ToldChain(person=s.person, who=name(view.graph.person(s.person), privacy=privacy),
                         text=shown(s.text), node_ids=s.node_ids)

    cycles = []
    for index, cycle in enumerate(insights.cycles):
        chains = [told(s) for s in insights.sentences if s.cycle == index]
        cycles.append(ToldCycle(index=index, name=cycle.name, title=shown(cycle_title(view, cycle)),
                                variants=len(cycle.variants), people=cycle.people,
                                chains=chains))
    others = [told(s) for s in insights.sentences if s.cycle is None]
    return PatternStory(cycles=cycles, others=others,
                        capped=insights.cycles_capped or insights.sentences_capped)


__all__ = ["PatternStory", "ToldChain", "ToldCycle", "cycle_title", "tell"]
