"""Finding the loops that keep people stuck (SPEC section 2, "Loops").

A loop is a directed cycle of the map; one through a strategy is *vicious*.
Loops are listed vicious first, then shortest, each with the name the map
gives it (`[[loops]]`, matched wherever the name says the cycle starts).

The search is our own bounded depth-first walk rather than
`networkx.simple_cycles(length_bound=...)`: on a dense 400-node map networkx
needs about 0.4 s even at length 4, where a session screen has 100 ms. We
look for cycles one length at a time (so the shortest are found first),
prune any path that can no longer close within the length, stop once there
are more than `limit` vicious loops, and give up after a fixed amount of
work. Whenever something may have been left out, `capped` says so.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from patterns.graph import MapGraph
from patterns.reading import MapReading, reading_of
from patterns.side_edits import loop_key
from patterns.vocabulary import READING_ORDER, NodeKind

#: Longest loop looked for, in steps. A two-person dance with a meaning, a
#: sensation and two feelings on each side is 10 steps; 12 leaves room.
MAX_LOOP_LENGTH = 12
#: Most loops listed: more than a therapist can take in during a session.
MAX_LOOPS = 50
#: Steps of the walk before the search gives up: about 50 ms of work, where
#: a session-sized map needs under a thousand and a dense 400-node one ~8,000.
WORK_BUDGET = 40_000


class FoundLoop(BaseModel):
    """A cycle found in the map: the pattern that goes round and round."""

    nodes: list[str]
    """The node ids in order, starting at a trigger where there is one; the
    last leads back to the first."""
    name: str | None = None
    """The name the map gives this loop (`the chase`), if any."""
    vicious: bool
    """Whether it passes through a strategy: each protective move sets off the
    next alarm."""
    people: list[str] = Field(default_factory=list)
    """The ids of the people whose parts it passes through, in the order the
    loop meets them (empty on a map without people)."""

    @property
    def key(self) -> tuple[str, ...]:
        """The same for this cycle wherever it is said to start (see `loop_key`)."""
        return loop_key(self.nodes)


class LoopSearch(BaseModel):
    """The loops of a map and whether the list is complete."""

    loops: list[FoundLoop]
    """Vicious loops first, then the rest; shortest first within each."""
    capped: bool
    """True when more loops may exist than are listed (too many, too long to
    look for, or the search ran out of time)."""


def find_loops(g: MapGraph | MapReading, *, limit: int = MAX_LOOPS,
               max_length: int = MAX_LOOP_LENGTH, budget: int = WORK_BUDGET) -> LoopSearch:
    """Every loop of the map up to `max_length` steps, at most `limit` of them.

    Loops the map names are always listed, however long they are.
    """
    view = reading_of(g)
    ids, index = view.ids, view.seq
    strategy = [view.kind(node_id) is NodeKind.STRATEGY for node_id in ids]
    search = _CycleSearch(view.succ, view.component, strategy, limit, budget)
    search.run(max_length)

    cycles = search.vicious + search.other
    named = {loop_key(lp.nodes): lp for lp in view.graph.loops}
    found_keys = {loop_key([ids[i] for i in c]) for c in cycles}
    for lp in view.graph.loops:  # a named loop stays listed even past the bounds
        if loop_key(lp.nodes) not in found_keys and all(n in index for n in lp.nodes):
            cycles.append([index[n] for n in lp.nodes])
            found_keys.add(loop_key(lp.nodes))

    loops = [_found(view, [ids[i] for i in c], named) for c in cycles]
    seq = view.seq
    loops.sort(key=lambda lp: (not lp.vicious, len(lp.nodes), lp.name is None,
                               [seq[n] for n in lp.nodes]))
    capped = search.capped or len(loops) > limit
    named_loops = [lp for lp in loops if lp.name is not None]
    shown = loops[:limit]
    shown += [lp for lp in named_loops if lp not in shown]
    return LoopSearch(loops=shown, capped=capped)


_RANK = {kind: i for i, kind in enumerate(READING_ORDER)}
_RANK[NodeKind.TRIGGER] = -1  # triggers first: a loop reads "when this happens..."


def start_node(g: MapGraph | MapReading, cycle: list[str]) -> int:
    """Where a loop is best read from: a trigger if there is one (the first
    person's before the others'), else the earliest part in reading order."""
    view = reading_of(g)

    def order(i: int) -> tuple[int, int, int]:
        node_id = cycle[i]
        owner = view.owner[node_id]
        return (_RANK[view.kind(node_id)], view.person_rank[owner] if owner else 0,
                view.seq[node_id])

    return min(range(len(cycle)), key=order)


def _found(view: MapReading, cycle: list[str], named: dict) -> FoundLoop:
    start = start_node(view, cycle)
    nodes = cycle[start:] + cycle[:start]
    people: list[str] = []
    for node_id in nodes:
        owner = view.owner[node_id]
        if owner is not None and owner not in people:
            people.append(owner)
    name = named.get(loop_key(nodes))
    return FoundLoop(
        nodes=nodes,
        name=name.name if name is not None else None,
        vicious=any(view.kind(n) is NodeKind.STRATEGY for n in nodes),
        people=people,
    )


class _CycleSearch:
    """Cycles by increasing length; each cycle is found once, from its
    lowest-numbered node, walking only through higher-numbered nodes."""

    def __init__(self, adj: list[list[int]], component: list[int], strategy: list[bool],
                 limit: int, budget: int) -> None:
        self.adj = adj
        self.strategy = strategy
        self.limit = limit
        self.budget = budget
        self.vicious: list[list[int]] = []
        self.other: list[list[int]] = []
        self.capped = False
        sizes: dict[int, int] = {}
        for c in component:
            sizes[c] = sizes.get(c, 0) + 1
        # A node alone in its component is on no cycle at all.
        self.component = component
        self.starts = [v for v, c in enumerate(component) if sizes[c] > 1]
        # Only a component with a strategy in it holds vicious loops.
        self.with_strategy = {c for v, c in enumerate(component) if strategy[v]}
        self.radj: list[list[int]] = [[] for _ in adj]
        for u, targets in enumerate(adj):
            for v in targets:
                self.radj[v].append(u)
        # Per start: distances back to it found so far, and the BFS frontier.
        self._dist: dict[int, dict[int, int]] = {}
        self._frontier: dict[int, list[int]] = {}

    def run(self, max_length: int) -> None:
        starts = self.starts
        for length in range(2, max_length + 1):
            # A loop of `length` nodes through s lies within length - 1 steps
            # of s; only a start with that many nodes so close can close one.
            starts = [s for s in starts if len(self._distances(s, length - 1)) >= length]
            if self.budget <= 0:
                self.capped = True
                return
            if len(self.other) > self.limit:
                # Enough loops without a strategy: look only for vicious ones now.
                starts = [s for s in starts if self.component[s] in self.with_strategy]
            if not starts:
                return
            for s in starts:
                if not self._walk_from(s, length):
                    self.capped = True
                    return
        # Loops longer than max_length were not looked for; one may exist
        # where nodes lie further than that from a start, or enough of them.
        self.capped = self.capped or any(
            self._frontier[s] or len(self._dist[s]) > max_length for s in starts)

    def _distances(self, s: int, upto: int) -> dict[int, int]:
        """Steps from nodes back to `s`, through nodes numbered above `s` in its
        component, for every node at most `upto` steps away (found lazily, one
        ring further each time a longer loop is looked for)."""
        dist = self._dist.get(s)
        if dist is None:
            dist = self._dist[s] = {s: 0}
            self._frontier[s] = [s]
        frontier = self._frontier[s]
        comp, component, radj = self.component[s], self.component, self.radj
        depth = dist[frontier[0]] if frontier else upto
        while frontier and depth < upto:
            depth += 1
            ring = []
            for v in frontier:
                before = radj[v]
                self.budget -= len(before)  # the search pays for every link it looks at
                for u in before:
                    if u > s and u not in dist and component[u] == comp:
                        dist[u] = depth
                        ring.append(u)
            frontier = ring
        self._frontier[s] = frontier
        return dist

    def _walk_from(self, s: int, length: int) -> bool:
        """Record the cycles of exactly `length` nodes whose lowest node is `s`;
        False if the search must stop (enough loops, or out of budget)."""
        dist = self._distances(s, length - 1)
        adj, strategy = self.adj, self.strategy
        path = [s]
        on_path = {s}
        # Iterative walk: one iterator over successors per node on the path.
        stack = [iter(adj[s])]
        budget = self.budget
        k = 1  # nodes on the path
        while stack:
            budget -= 1
            if budget <= 0:
                break
            w = next(stack[-1], None)
            if w is None:
                stack.pop()
                on_path.discard(path.pop())
                k -= 1
                continue
            if w == s:
                if k == length:
                    cycle = list(path)
                    if any(strategy[v] for v in cycle):
                        self.vicious.append(cycle)
                    elif len(self.other) <= self.limit:
                        self.other.append(cycle)
                    else:
                        self.capped = True
                continue
            d = dist.get(w)
            if d is None or k + d > length or w in on_path:
                continue
            path.append(w)
            on_path.add(w)
            stack.append(iter(adj[w]))
            k += 1
        self.budget = budget
        if len(self.vicious) > self.limit:
            return False
        return budget > 0
