"""Cycles: the loops of a map gathered into the patterns a therapist names.

A *loop* is one directed cycle of the map (`patterns.loops`). A *cycle* is
the family of loops that share their trigger-to-trigger skeleton: the same
triggers, in the same order, each followed by the move of the same person.
Loops that differ only in the feeling, meaning, sensation or strategy they
pass through between two triggers are *variants* of one cycle: the chase
through "scared of being left" and the chase through "tight chest, racing
heart" are one pattern, told once, with the alternatives folded into each
person's chain (`patterns.sentences`). Loops with other triggers or other
people stay cycles of their own.

A cycle's main loop is the one the map names (`[[loops]]`), else the first
found (vicious first, then shortest); a named loop names its cycle.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.loops import FoundLoop, LoopSearch, find_loops
from patterns.reading import MapReading, reading_of
from patterns.side_edits import loop_key
from patterns.vocabulary import NodeKind

#: One step of a skeleton: a trigger and whose move follows it (None: no
#: move between it and the next trigger, or no people on the map).
Step = tuple[str, str | None]


class Cycle(BaseModel):
    """One pattern that goes round: a main loop and the variants folded into it."""

    name: str | None = None
    """The name the map gives it (the name of a named loop in it), if any."""
    loop: FoundLoop
    """The main loop: the named one, else the first found."""
    variants: list[FoundLoop] = Field(default_factory=list)
    """The other loops of the family, in the order they were found."""
    people: list[str] = Field(default_factory=list)
    """The people it passes through, in the order the main loop meets them."""
    skeleton: list[Step] = Field(default_factory=list)
    """Its triggers in order, each with whose move follows it (empty for a
    loop with no trigger, which is a cycle of its own)."""
    node_ids: list[str] = Field(default_factory=list)
    """Every node on the main loop or a variant: the main loop's in order,
    then each variant's new ones."""

    @property
    def loops(self) -> list[FoundLoop]:
        """The main loop, then the variants."""
        return [self.loop, *self.variants]

    @property
    def vicious(self) -> bool:
        """Whether it passes through a protective move (a strategy)."""
        return self.loop.vicious


class CycleSearch(BaseModel):
    """The cycles of a map and whether the list is complete."""

    cycles: list[Cycle]
    """Named cycles first (in the map's order of names), then the rest in the
    order their first loop was found (vicious first, shortest first)."""
    capped: bool
    """True when the loop search was cut short: more cycles may exist."""


def skeleton(g: MapGraph | MapReading, nodes: list[str]) -> tuple[Step, ...]:
    """A loop's triggers with whose move follows each, read from its first
    trigger (empty when it passes through no trigger)."""
    view = reading_of(g)
    steps: list[Step] = []
    mover: str | None = None
    for node_id in nodes:
        kind = view.kind(node_id)
        if kind is NodeKind.TRIGGER:
            if steps:
                steps[-1] = (steps[-1][0], mover)
            steps.append((node_id, None))
            mover = None
        elif kind is NodeKind.STRATEGY:
            mover = view.owner[node_id] or ""
    if steps:
        # The loop closes on its first trigger: the moves after the last
        # trigger belong to the last step, and those before the first
        # trigger (when the loop was read from elsewhere) to it as well.
        lead = None
        for node_id in nodes:
            if view.kind(node_id) is NodeKind.TRIGGER:
                break
            if view.kind(node_id) is NodeKind.STRATEGY:
                lead = view.owner[node_id] or ""
        steps[-1] = (steps[-1][0], mover if mover is not None else lead)
    return tuple(steps)


def _family_key(view: MapReading, loop: FoundLoop) -> tuple:
    steps = skeleton(view, loop.nodes)
    if not steps:
        return ("loop", loop.key)  # no trigger: nothing to share a skeleton with
    start = min(range(len(steps)), key=lambda i: view.seq[steps[i][0]])
    return ("steps", steps[start:] + steps[:start])


def find_cycles(g: MapGraph | MapReading, loops: LoopSearch | None = None) -> CycleSearch:
    """The cycles of the map: its loops gathered by skeleton.

    `loops` is `find_loops(g)` when the caller has it already.
    """
    view = reading_of(g)
    search = loops if loops is not None else find_loops(view)
    families: dict[tuple, list[FoundLoop]] = {}
    for loop in search.loops:
        families.setdefault(_family_key(view, loop), []).append(loop)
    name_order = {loop_key(lp.nodes): i for i, lp in enumerate(view.graph.loops)}
    cycles = []
    for key, members in families.items():
        named = sorted((lp for lp in members if lp.name),
                       key=lambda lp: name_order.get(lp.key, len(name_order)))
        main = named[0] if named else members[0]
        variants = [lp for lp in members if lp is not main]
        ids: list[str] = []
        for lp in [main, *variants]:
            ids += [n for n in lp.nodes if n not in ids]
        people = list(main.people)
        for lp in variants:
            people += [p for p in lp.people if p not in people]
        steps = list(skeleton(view, main.nodes)) if key[0] == "steps" else []
        cycles.append(Cycle(name=main.name, loop=main, variants=variants, people=people,
                            skeleton=steps, node_ids=ids))
    first_found = {id(c): i for i, c in enumerate(cycles)}
    cycles.sort(key=lambda c: (c.name is None,
                               name_order.get(c.loop.key, 0) if c.name else first_found[id(c)]))
    return CycleSearch(cycles=cycles, capped=search.capped)


__all__ = ["Cycle", "CycleSearch", "Step", "find_cycles", "skeleton"]
