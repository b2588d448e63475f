"""The client's review in words: the cycles, each person's chain, the needs
and practice, read back to the client in plain, warm language.

The words come from the one voice every output shares (`patterns.story`,
`patterns.voice`): each cycle told once, person by person, each chain in
that person's own first person, exactly as the PDF and the Markdown tell it.
"You" is the person `patterns.voice.addressed` chooses (the client), in the
framing only. Pure functions of the client's view of the map (private notes
already left out) and its analysis; no widgets.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.insights import Insights
from patterns.models import Node
from patterns.progress import bars, progress
from patterns.story import PatternStory, ToldChain, tell
from patterns.vocabulary import LinkKind, NodeKind
from patterns.voice import addressed, scores_afterwards


class Reader:
    """Says whose a part is from the client's side: `you`, or `Sam`."""

    def __init__(self, g: MapGraph) -> None:
        self.g = g
        you = addressed(g.people)
        self.you: str | None = you.id if you else None

    def whose(self, node: Node) -> str | None:
        """The person id a node belongs to (its person, else the first person)."""
        owner = self.g.owner(node)
        return owner.id if owner else None

    def is_yours(self, node: Node) -> bool:
        """Whether the node is the client's own experience."""
        return self.whose(node) == self.you

    def name(self, person_id: str | None) -> str:
        """`you`, or the person's name."""
        if person_id == self.you:
            return "you"
        person = self.g.person(person_id)
        return person.name if person else "someone"


def chain_line(chain: ToldChain) -> str:
    """A chain as the review shows it: `Zoë: When Sam goes quiet …`."""
    return f"{chain.who}: {chain.text}" if chain.who else chain.text


class PracticeLine(BaseModel):
    """A new response to practise, with how the tries are going."""

    response: str
    """The response node's id."""
    text: str
    """What to practise, in words."""
    experiment: str | None = None
    """The experiment practising it, if there is one."""
    bars: str = ""
    """Distress after each try as bars (empty with no tries)."""
    trend: str = ""
    """The trend in words."""


class LoopStory(BaseModel):
    """A cycle told to the client: each person's chain, what lies under it,
    what to try."""

    title: str
    """The cycle's name, or its first steps when it has none."""
    chains: list[str] = Field(default_factory=list)
    """Each person's chain, `Zoë: When …`, in the order the cycle meets them."""
    underneath: list[str] = Field(default_factory=list)
    """The needs its moves long for: `reassurance that we're ok (you)`."""
    practice: list[PracticeLine] = Field(default_factory=list)
    """New responses that replace a move on the cycle."""


def practice_line(g: MapGraph, response: Node, reader: Reader | None = None) -> PracticeLine:
    """A response to practise and its experiment's progress, if any; another
    person's response is marked with their name."""
    reader = reader or Reader(g)
    text = response.label if reader.is_yours(response) else (
        f"{response.label} ({reader.name(reader.whose(response))})")
    experiment = next((e for e in g.experiments if e.response == response.id), None)
    if experiment is None:
        return PracticeLine(response=response.id, text=text)
    p = progress(experiment)
    scored = p.scored_after
    trend = scores_afterwards(scored[-4:]) if scored else p.trend()
    return PracticeLine(response=response.id, text=text, experiment=experiment.id,
                        bars=bars(p.after), trend=trend)


def stories(g: MapGraph, insights: Insights, limit: int = 6, *, reader: Reader | None = None,
            told: PatternStory | None = None) -> list[LoopStory]:
    """The cycles worth telling, named ones first: each with its chains, the
    needs under its moves and what to practise instead of them. `told` is
    `tell(g, insights)` when the caller has it already."""
    reader = reader or Reader(g)
    told = told or tell(g, insights)
    out = []
    for cycle in told.cycles[:limit]:
        on_cycle = [n for c in cycle.chains for n in c.node_ids]
        moves = [g.node(n) for n in on_cycle if g.node(n).kind is NodeKind.STRATEGY]
        needs = [g.node(n) for n in dict.fromkeys(on_cycle) if g.node(n).kind is NodeKind.NEED]
        responses: list[Node] = []
        for move in moves:
            for link in g.links_in(move.id):
                source = g.node(link.source)
                if link.kind is LinkKind.REPLACES and source.kind is NodeKind.RESPONSE and (
                        source not in responses):
                    responses.append(source)
        out.append(LoopStory(
            title=cycle.title,
            chains=[chain_line(c) for c in cycle.chains],
            underneath=[f"{n.label} ({reader.name(reader.whose(n))})" for n in needs],
            practice=[practice_line(g, r, reader) for r in responses],
        ))
    return out


def needs_underneath(g: MapGraph, insights: Insights, reader: Reader | None = None) -> list[str]:
    """Each need, whose it is, and whether a new way to meet it is mapped yet."""
    reader = reader or Reader(g)
    unmet = {u.need for u in insights.unmet_needs}
    out = []
    for need in g.nodes(NodeKind.NEED):
        meeting = [g.node(lk.source).label for lk in g.links_in(need.id)
                   if lk.kind is LinkKind.MEETS]
        who = reader.name(reader.whose(need))
        line = f"{need.label} ({who})"
        if meeting:
            line += " — met by: " + "; ".join(meeting)
        elif need.id in unmet:
            line += " — no new way to meet it yet: something to explore together"
        out.append(line)
    return out


__all__ = ["LoopStory", "PracticeLine", "Reader", "chain_line", "needs_underneath",
           "practice_line", "stories"]
