"""The client's review in words: loops, sentences, needs and practice read
back to the client in plain, warm, second-person language.

The client is "you": the people whose role is `client` (or the first person
on a map that names no client). Other people's parts keep their own voice
and name ("Sam feels overwhelmed"). Pure functions of the client's view of
the map (private notes already left out) and its analysis; no widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.insights import FoundLoop, Insights
from patterns.reading import MapReading, reading_of
from patterns.models import Node
from patterns.progress import bars, progress
from patterns.sentences import PatternSentence, sentence_text
from patterns.vocabulary import LinkKind, NodeKind


def you_ids(g: MapGraph) -> set[str | None]:
    """The people the review speaks to as "you" (None stands for a node with
    no person on a map without people)."""
    clients = {p.id for p in g.people if (p.role or "").strip().casefold() == "client"}
    if clients:
        return clients
    return {g.people[0].id} if g.people else {None}


class Reader:
    """Says parts of one map from the client's side: `you feel …`, `Sam feels …`."""

    def __init__(self, g: MapGraph) -> None:
        self.g = g
        self.you = you_ids(g)

    @cached_property
    def view(self) -> MapReading:
        """The map read once for sentences (each would otherwise read it again)."""
        return reading_of(self.g)

    def whose(self, node: Node) -> str | None:
        """The person id a node belongs to (its person, else the first person)."""
        owner = self.g.owner(node)
        return owner.id if owner else None

    def is_yours(self, node: Node) -> bool:
        """Whether the node is the client's own experience."""
        return self.whose(node) in self.you

    def name(self, person_id: str | None) -> str:
        """`you`, or the person's name."""
        if person_id in self.you:
            return "you"
        person = self.g.person(person_id)
        return person.name if person else "someone"

    def step(self, node: Node) -> str:
        """One step of a loop in words, by its kind and whose it is."""
        label = node.label
        if self.is_yours(node):
            return {
                NodeKind.FEELING: f"you feel {label}",
                NodeKind.MEANING: f"you think “{label}”",
                NodeKind.SENSATION: f"you notice {label}",
                NodeKind.STRATEGY: f"you {label}",
                NodeKind.NEED: f"you need {label}",
            }.get(node.kind, label)
        who = self.name(self.whose(node))
        return {
            NodeKind.TRIGGER: f"for {who}: {label}",
            NodeKind.FEELING: f"{who} feels {label}",
            NodeKind.MEANING: f"{who} thinks “{label}”",
            NodeKind.SENSATION: f"{who} notices {label}",
            NodeKind.STRATEGY: f"{who}’s move: {label}",
            NodeKind.NEED: f"{who} needs {label}",
        }.get(node.kind, f"{who}: {label}")

    def sentence(self, node_ids: list[str], person: str | None, text: str) -> str:
        """A pattern sentence: the client's in the second person, another
        person's in their own first-person words, quoted with their name."""
        if person in self.you:
            return sentence_text(PatternSentence(person=person, node_ids=node_ids, text=text),
                                 self.view, "second")
        return f"{self.name(person)}: “{text}”"


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
    """A loop told to the client: its steps, what lies under it, what to try."""

    title: str
    """The loop's name, or a plain description when it has none."""
    sentences: list[str] = Field(default_factory=list)
    """The pattern sentences that run along this loop, from the client's side."""
    steps: list[str]
    """Each step in words, starting at a trigger where there is one."""
    underneath: list[str] = Field(default_factory=list)
    """The needs its moves long for: `reassurance that we're ok (you)`."""
    practice: list[PracticeLine] = Field(default_factory=list)
    """New responses that replace a move on the loop."""


def along(found: FoundLoop, sentence: PatternSentence, g: MapGraph) -> bool:
    """Whether a sentence runs along a loop: every part but the need is on it."""
    on_loop = set(found.nodes)
    return all(n in on_loop for n in sentence.node_ids if g.node(n).kind is not NodeKind.NEED)


def loop_story(g: MapGraph, found: FoundLoop, reader: Reader | None = None,
               sentences: Sequence[tuple[PatternSentence, str]] = ()) -> LoopStory:
    """The loop read aloud, with the sentences along it (each with its words
    for the client), the needs under its moves and what to practise."""
    reader = reader or Reader(g)
    nodes = [g.node(n) for n in found.nodes]
    moves = [n for n in nodes if n.kind is NodeKind.STRATEGY]
    needs: list[Node] = []
    responses: list[Node] = []
    for move in moves:
        for link in g.links_out(move.id):
            if link.kind is LinkKind.LONGS_FOR and g.node(link.target) not in needs:
                needs.append(g.node(link.target))
        for link in g.links_in(move.id):
            source = g.node(link.source)
            if link.kind is LinkKind.REPLACES and source.kind is NodeKind.RESPONSE and (
                    source not in responses):
                responses.append(source)
    title = found.name[:1].upper() + found.name[1:] if found.name else (
        "A loop that keeps going round" if found.vicious else "A loop")
    return LoopStory(
        title=title,
        sentences=[said for s, said in sentences if along(found, s, g)],
        steps=[reader.step(n) for n in nodes],
        underneath=[f"{n.label} ({reader.name(reader.whose(n))})" for n in needs],
        practice=[practice_line(g, r, reader) for r in responses],
    )


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
    trend = f"distress after: {' → '.join(map(str, scored[-4:]))}" if scored else p.trend()
    return PracticeLine(response=response.id, text=text, experiment=experiment.id,
                        bars=bars(p.after), trend=trend)


def said_sentences(insights: Insights, reader: Reader) -> list[tuple[PatternSentence, str]]:
    """Each pattern sentence with its words for the client."""
    return [(s, reader.sentence(s.node_ids, s.person, s.text)) for s in insights.sentences]


def stories(g: MapGraph, insights: Insights, limit: int = 6, *, reader: Reader | None = None,
            said: Sequence[tuple[PatternSentence, str]] | None = None) -> list[LoopStory]:
    """The loops worth telling: every named loop, then unnamed vicious ones.
    `said` is `said_sentences(...)` when the caller has it already."""
    named = [lp for lp in insights.loops if lp.name]
    others = [lp for lp in insights.loops if not lp.name and lp.vicious]
    reader = reader or Reader(g)
    if said is None:
        said = said_sentences(insights, reader)
    return [loop_story(g, lp, reader, said) for lp in (named + others)[:limit]]


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


__all__ = ["LoopStory", "PracticeLine", "Reader", "along", "loop_story", "needs_underneath",
           "practice_line", "said_sentences", "stories", "you_ids"]
