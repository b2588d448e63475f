"""Pattern sentences: each person's chain, once per cycle, in their own words.

A therapist writes a cycle person by person: what sets me off, what I feel
on top, what is underneath it and what I tell myself, what my body does,
what I do, what I long for. This module gathers those parts for every person
of every cycle (`patterns.cycles`), folding the variants together (two
feelings, three moves: one chain), and `patterns.voice.chain_sentence`
writes each chain as one first-person sentence:

    When Sam goes quiet after a disagreement, I feel angry, fed up, and
    underneath that, scared of being left, …, so I text again and again, or
    criticise and demand an answer, because I need reassurance that we're ok.

`masks` is no step: a surface feeling that masks a core feeling on the chain
joins it *on top* ("angry, fed up"), the core one is said *underneath*, and a
move the surface feeling leads to, when it carries the cycle on, is one more
alternative. The meaning that feeds a feeling of the chain is "what I tell
myself", even when it is not on a loop.

Triggers on no cycle still get a chain each (one per trigger and person
whose move follows), so a map without loops reads aloud too; a trigger with
no move after it yet has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from pydantic import BaseModel, Field

from patterns.cycles import Cycle, find_cycles
from patterns.graph import MapGraph
from patterns.reading import MapReading, reading_of
from patterns.vocabulary import FeelingLayer, LinkKind, NodeKind
from patterns.voice import addressed, chain_sentence

#: Most sentences listed: beyond this a list stops being read.
MAX_SENTENCES = 60
#: Inner parts (feelings, meanings, sensations) walked from a trigger that is
#: on no cycle, at most, before its moves.
MAX_INNER = 4

_INNER = (NodeKind.FEELING, NodeKind.MEANING, NodeKind.SENSATION)
#: Links by which one part sets off the next (never masks, blocks or longs_for).
_CAUSES = (LinkKind.ACTIVATES, LinkKind.LEADS_TO)
#: Links by which a move sets off the next trigger.
_SETS_OFF = (LinkKind.PROVOKES, LinkKind.LEADS_TO, LinkKind.ACTIVATES)


class PatternSentence(BaseModel):
    """One person's chain: the parts of the pattern they live through between
    one trigger and the next, and the sentence that says them."""

    person: str | None
    """Whose chain it is: the person whose moves it tells (None on a map
    without people)."""
    cycle: int | None = None
    """Which cycle it belongs to (an index into the cycles listed), or None
    for a trigger on no cycle."""
    trigger: str | None = None
    """What sets it off (None for a cycle that passes through no trigger)."""
    surface: list[str] = Field(default_factory=list)
    """Feelings that show on top."""
    core: list[str] = Field(default_factory=list)
    """Feelings underneath: core ones, and those a surface feeling masks."""
    meanings: list[str] = Field(default_factory=list)
    """What I tell myself."""
    body: list[str] = Field(default_factory=list)
    """What my body does."""
    moves: list[str] = Field(default_factory=list)
    """What I do: the strategies, alternatives of one another."""
    needs: list[str] = Field(default_factory=list)
    """What the moves (or feelings) long for."""
    blocked: list[str] = Field(default_factory=list)
    """Needs the moves only get in the way of."""
    text: str
    """The chain as one sentence in the person's own first person."""

    @property
    def node_ids(self) -> list[str]:
        """Every part of the chain, in the order it is told."""
        head = [self.trigger] if self.trigger else []
        return head + self.surface + self.core + self.meanings + self.body + self.moves + \
            self.needs + self.blocked


def find_sentences(g: MapGraph | MapReading, cycles: Sequence[Cycle] | None = None, *,
                   limit: int = MAX_SENTENCES) -> tuple[list[PatternSentence], bool]:
    """Every chain of the map: each cycle's, person by person in the order the
    cycle meets them (from the client's, when the cycle passes through them),
    then those of triggers on no cycle; and whether the list
    was cut at `limit`. `cycles` is `find_cycles(g).cycles` when the caller
    has it already."""
    view = reading_of(g)
    if cycles is None:
        cycles = find_cycles(view).cycles
    out: list[PatternSentence] = []
    said: set[tuple[str | None, str]] = set()  # (trigger, move) told in a cycle
    for index, cycle in enumerate(cycles):
        for chain in _cycle_chains(view, cycle, index):
            out.append(chain)
            said.update((chain.trigger, m) for m in chain.moves)
    out += _loose_chains(view, said)
    cut = len(out) > limit
    return out[:limit], cut


def _cycle_chains(view: MapReading, cycle: Cycle, index: int) -> list[PatternSentence]:
    steps = cycle.skeleton
    if not steps:
        return _triggerless_chains(view, cycle, index)
    chains = []
    for k, (trigger, mover) in enumerate(steps):
        following = steps[(k + 1) % len(steps)][0]
        inner: list[str] = []
        moves: list[str] = []
        for loop in cycle.loops:
            for node_id in _segment(loop.nodes, trigger, following):
                kind = view.kind(node_id)
                target = moves if kind is NodeKind.STRATEGY else inner if kind in _INNER \
                    else None
                if target is not None and node_id not in target:
                    target.append(node_id)
        person = mover or view.owner[trigger]
        chains.append(_chain(view, person, index, trigger, inner, moves, following))
    # Read round from the person the outputs speak to (the client), if the
    # cycle passes through them: a cycle may be told from any of its steps.
    you = addressed(view.graph.people)
    start = next((i for i, c in enumerate(chains) if you and c.person == you.id), 0)
    return chains[start:] + chains[:start]


def _segment(nodes: list[str], start: str, end: str) -> list[str]:
    """The nodes of a loop after `start` and before `end` (the whole way
    round when they are the same)."""
    if start not in nodes:
        return []
    at = nodes.index(start)
    rotated = nodes[at + 1:] + nodes[:at]
    if end != start and end in rotated:
        rotated = rotated[:rotated.index(end)]
    return rotated


def _triggerless_chains(view: MapReading, cycle: Cycle, index: int) -> list[PatternSentence]:
    """A cycle through no trigger ("worried -> check the locks -> worried"):
    each person's parts of it, in the order the cycle meets them."""
    by_person: dict[str | None, tuple[list[str], list[str]]] = {}
    for loop in cycle.loops:
        for node_id in loop.nodes:
            inner, moves = by_person.setdefault(view.owner[node_id], ([], []))
            kind = view.kind(node_id)
            target = moves if kind is NodeKind.STRATEGY else inner if kind in _INNER else None
            if target is not None and node_id not in target:
                target.append(node_id)
    return [_chain(view, person, index, None, inner, moves, None)
            for person, (inner, moves) in by_person.items()]


def _loose_chains(view: MapReading, said: set[tuple[str | None, str]]) -> list[PatternSentence]:
    """One chain per trigger on no cycle (and per person whose move follows
    it), for the moves no cycle's chain has told from that trigger yet."""
    out = []
    for trigger in view.of_kind(NodeKind.TRIGGER):
        reached = _reached(view, trigger.id)
        moves = [n for n in _linked(view, [trigger.id, *reached], NodeKind.STRATEGY)
                 if (trigger.id, n) not in said]
        movers: dict[str | None, list[str]] = {}
        for move in moves:
            movers.setdefault(view.owner[move], []).append(move)
        for person, theirs in movers.items():
            # Only the inner parts that lead to these moves belong to the chain.
            inner = [n for n in reached if _leads_to_any(view, n, set(theirs), reached)]
            out.append(_chain(view, person, None, trigger.id, inner, theirs, None))
    return out


def _reached(view: MapReading, trigger: str) -> list[str]:
    """Feelings, meanings and sensations a trigger sets off, a few steps deep."""
    reached: list[str] = []
    frontier = [trigger]
    for _ in range(MAX_INNER):
        frontier = [n for n in _linked(view, frontier, *_INNER) if n not in reached]
        if not frontier:
            break
        reached += frontier
    return sorted(reached, key=view.seq.__getitem__)


def _linked(view: MapReading, sources: Iterable[str], *kinds: NodeKind) -> list[str]:
    """Nodes of `kinds` that a cause link leads to from any of `sources`."""
    out: list[str] = []
    for source in sources:
        for link in view.out[source]:
            if link.kind in _CAUSES and view.kind(link.target) in kinds and \
                    link.target not in out:
                out.append(link.target)
    return out


def _leads_to_any(view: MapReading, start: str, targets: set[str], within: list[str]) -> bool:
    seen, todo = {start}, [start]
    allowed = set(within)
    while todo:
        node_id = todo.pop()
        for link in view.out[node_id]:
            if link.kind not in _CAUSES:
                continue
            if link.target in targets:
                return True
            if link.target in allowed and link.target not in seen:
                seen.add(link.target)
                todo.append(link.target)
    return False


def _chain(view: MapReading, person: str | None, cycle: int | None, trigger: str | None,
           inner: list[str], moves: list[str], following: str | None) -> PatternSentence:
    """The chain's parts in their slots, with what lies around them: the
    feelings a masks link puts on top of or underneath its feelings, the
    moves of those feelings that carry on to `following` (or any move, with
    no `following`), and the meanings that feed its feelings."""
    feelings = [n for n in inner if view.kind(n) is NodeKind.FEELING]
    for feeling in list(feelings):
        for partner in _masks_partners(view, feeling):
            if partner not in feelings and view.owner[partner] == view.owner[feeling]:
                feelings.append(partner)
                for move in _linked(view, [partner], NodeKind.STRATEGY):
                    if move not in moves and (following is None or _sets_off(view, move,
                                                                              following)):
                        moves.append(move)
    masked = {lk.target for f in feelings for lk in view.out[f] if lk.kind is LinkKind.MASKS}
    core = [f for f in feelings
            if f in masked or view.node[f].layer is FeelingLayer.CORE]
    surface = [f for f in feelings if f not in core]
    meanings = [n for n in inner if view.kind(n) is NodeKind.MEANING]
    for feeling in feelings:
        for source in view.sources(feeling, LinkKind.ACTIVATES, (NodeKind.MEANING,)):
            if source not in meanings and view.owner[source] == view.owner[feeling]:
                meanings.append(source)
    body = [n for n in inner if view.kind(n) is NodeKind.SENSATION]
    needs: list[str] = []
    blocked: list[str] = []
    for source in moves + feelings:
        for link in view.out[source]:
            if view.kind(link.target) is not NodeKind.NEED:
                continue
            if link.kind is LinkKind.LONGS_FOR and link.target not in needs:
                needs.append(link.target)
            elif link.kind is LinkKind.BLOCKS and link.target not in blocked:
                blocked.append(link.target)
    blocked = [n for n in blocked if n not in needs]
    seq = view.seq.__getitem__
    parts = {
        "surface": sorted(surface, key=seq), "core": sorted(core, key=seq),
        "meanings": sorted(meanings, key=seq), "body": sorted(body, key=seq),
        # A cycle's moves in the order it goes round; elsewhere in file order,
        # so the same alternatives read in the same order in every chain.
        "moves": moves if cycle is not None else sorted(moves, key=seq),
        "needs": sorted(needs, key=seq), "blocked": sorted(blocked, key=seq),
    }
    label = view.node
    text = _told(label[trigger].label if trigger else None,
                 tuple(tuple(label[n].label for n in parts[slot]) for slot in _SLOTS),
                 tuple(p.name for p in view.graph.people))
    return PatternSentence(person=person, cycle=cycle, trigger=trigger, text=text, **parts)


@lru_cache(maxsize=4096)
def _told(trigger: str | None, labels: tuple[tuple[str, ...], ...],
          names: tuple[str, ...]) -> str:
    """`chain_sentence` of the labels in each slot (surface, core, meanings,
    body, moves, needs, blocked), remembered: the Patterns panel tells every
    chain again after each edit, and an edit changes one or two of them."""
    return chain_sentence(trigger=trigger, **dict(zip(_SLOTS, labels)), names=names)


_SLOTS = ("surface", "core", "meanings", "body", "moves", "needs", "blocked")


def _masks_partners(view: MapReading, feeling: str) -> list[str]:
    """The feelings a feeling masks, and those that mask it."""
    below = [lk.target for lk in view.out[feeling] if lk.kind is LinkKind.MASKS]
    above = view.sources(feeling, LinkKind.MASKS, (NodeKind.FEELING,))
    return [n for n in below + above if view.kind(n) is NodeKind.FEELING]


def _sets_off(view: MapReading, move: str, trigger: str) -> bool:
    return any(lk.target == trigger and lk.kind in _SETS_OFF for lk in view.out[move])


__all__ = ["MAX_SENTENCES", "PatternSentence", "find_sentences"]
