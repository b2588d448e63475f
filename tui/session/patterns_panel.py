"""The Patterns panel: what the map reveals, beside the picture (issue 4).

Cycles first, one line each with its variants folded in (select one to
highlight its main loop on the map, `n` to name it), then the pattern read
aloud: each cycle's chains, person by person, in the same words as the PDF
and the review (`patterns.story`); then needs without a new way to meet them
yet, needs a move blocks, strategies without an alternative, hot spots and
the dance between two people. It follows every edit: small maps are
analysed at once, large ones in a worker so typing never waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from patterns.graph import MapGraph
from patterns.insights import Insights, analyse
from patterns.models import Link, Node
from patterns.side_edits import name_loop
from patterns.story import tell
from patterns.text import terminal_safe
from patterns.voice import plural
from tui.messages import EditRequested, LoopChosen
from tui.session.dialogs import TextPrompt
from tui.session.view import ANALYSE_HERE, SessionView

#: Maps up to this many nodes are analysed on the spot (once per view, shared
#: with the map picture: `SessionView.insights`); larger ones in a worker.
SYNC_LIMIT = ANALYSE_HERE

@dataclass(frozen=True, repr=False)
class MapParts:
    """What a worker needs to rebuild the map on its own thread, taken in a
    few milliseconds on the screen's (node and link models are replaced by
    edits, never changed, so they are shared, not copied)."""

    graph: MapGraph
    nodes: list[Node]
    links: list[Link]

    @classmethod
    def of(cls, g: MapGraph) -> MapParts:
        """The parts of the map as it is now."""
        bare = MapGraph(g.title, client=g.client, people=g.people, sessions=g.sessions,
                        loops=g.loops, experiments=g.experiments, repairs=g.repairs)
        return cls(bare, g.nodes(), g.links())

    def rebuild(self) -> MapGraph:
        """The map again, as a graph of its own (in the worker)."""
        for node in self.nodes:
            self.graph.put_node(node)
        for link in self.links:
            self.graph.put_link(link)
        return self.graph


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LoopList(OptionList):
    """The cycles found: Enter shows one's main loop on the map, `n` names it."""

    BINDINGS = [
        Binding("enter", "show_loop", "show on map", id="loop.show"),
        Binding("n", "name_loop", "name loop", id="loop.name"),
    ]

    @dataclass
    class NameWanted(Message):
        """`n` on a loop: ask for its name."""

        index: int
        """The loop's place in the list."""

    @dataclass
    class ShowWanted(Message):
        """Enter on a loop: highlight it on the map (again: stop)."""

        index: int
        """The loop's place in the list."""

    def action_show_loop(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.ShowWanted(self.highlighted))

    def action_name_loop(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.NameWanted(self.highlighted))


class PatternsPanel(VerticalScroll):
    """Loops, sentences, needs, strategies without an alternative, hot spots."""

    @dataclass
    class Analysed(Message):
        """A worker finished analysing the map at `revision`."""

        revision: int
        insights: Insights

    #: Drawn a frame after the quick panes (see SessionScreen.redraw).
    LATE = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: SessionView | None = None
        self.insights: Insights | None = None
        self._analysed: int | None = None
        self._analysing: int | None = None  # the revision a worker is analysing
        self._drawn: tuple[int, tuple[str, ...] | None, bool] | None = None
        self._text_shown: Text | None = None
        self._loops_shown: list[Text] | None = None
        #: Each loop's prompt, by what it is made of (see `_loop_prompts`).
        self._prompts: dict[tuple[object, ...], tuple[Text, tuple[object, ...]]] = {}

    def compose(self) -> ComposeResult:
        yield Static("CYCLES", classes="pattern-heading")
        yield LoopList(id="loop-list")
        yield Static("", id="patterns-text")

    # -- data down ---------------------------------------------------------------

    def show(self, view: SessionView) -> None:
        """Follow the map: analyse it again if it changed, then redraw."""
        self._view = view
        if self._analysed != view.revision:
            if view.analysed_here:
                self.insights, self._analysed = view.insights, view.revision
            elif self._analysing != view.revision:
                # Once per revision: a redraw while it runs (a selection, the
                # screen's first Resize) does not start it again.
                self._analysing = view.revision
                self._analyse(MapParts.of(view.graph), view.revision)
        self._draw()

    # A description, or Textual would repr() every node and link of the map.
    @work(thread=True, exclusive=True, group="patterns", description="analysing the map")
    def _analyse(self, parts: MapParts, revision: int) -> None:
        insights = analyse(parts.rebuild())
        if not get_current_worker().is_cancelled:
            self.post_message(self.Analysed(revision, insights))

    @on(Analysed)
    def _analysed_now(self, event: Analysed) -> None:
        event.stop()
        if self._view is not None and event.revision == self._view.revision:
            self.insights, self._analysed = event.insights, event.revision
            self._draw()

    @property
    def busy(self) -> bool:
        """True while the panel shows an older map than it was last given."""
        return self._view is not None and self._analysed != self._view.revision

    def _draw(self) -> None:
        view, found = self._view, self.insights
        if view is None or found is None:
            return
        key = (self._analysed or 0, view.loop, view.privacy)
        if key == self._drawn:
            return
        self._drawn = key
        prompts = self._loop_prompts(view, found)
        if prompts != self._loops_shown:
            self._loops_shown = prompts
            loops = self.query_one(LoopList)
            keep = loops.highlighted
            loops.clear_options()
            loops.add_options([Option(prompt) for prompt in prompts])
            if found.cycles:
                loops.highlighted = min(keep or 0, len(found.cycles) - 1)
            else:
                loops.add_option(Option(Text("No cycle yet: a strategy that provokes a trigger "
                                             "closes one (a -provokes-> b).", style="dim"),
                                        disabled=True))
            if found.cycles_capped:
                loops.add_option(Option(Text(f"(the first {len(found.cycles)} cycles)",
                                             style="dim"), disabled=True))
        text = self._text(view, found)
        if text != self._text_shown:
            self._text_shown = text
            self.query_one("#patterns-text", Static).update(text)

    def _loop_prompts(self, view: SessionView, found: Insights) -> list[Text]:
        """The loops' prompts, each made again only when something it shows
        changed: most edits leave every loop as it was, and on a large map
        making them all again took most of a redraw of this panel (17 ms of
        about 25 at 400 nodes). A prompt shows its loop's first three nodes and
        their people; edits replace those models, never change them, so the
        models themselves say whether it changed (they are kept with the
        prompt, so their ids cannot be reused while it is)."""
        g = view.graph
        people = tuple(g.people)
        cache, self._prompts = self._prompts, {}
        prompts = []
        for cycle in found.cycles:
            lp = cycle.loop
            shown = tuple(lp.nodes) == view.loop
            models = (*people, *(g.node(n) for n in lp.nodes[:3]))
            key = (tuple(lp.nodes), lp.name, lp.vicious, len(cycle.variants), shown,
                   view.privacy, tuple(map(id, models)))
            made = cache.get(key)
            if made is None:
                made = (self._loop_text(view, lp.nodes, lp.name, lp.vicious, shown,
                                        len(cycle.variants)), models)
            self._prompts[key] = made
            prompts.append(made[0])
        return prompts

    def _loop_text(self, view: SessionView, nodes: list[str], name: str | None, vicious: bool,
                   shown: bool, variants: int = 0) -> Text:
        g = view.graph
        text = Text()
        text.append("⟳ " if vicious else "○ ", style="bold")
        text.append(view.mask(name) if name else "unnamed cycle",
                    style="bold" if name else "italic")
        folded = f" · +{plural(variants, 'variant')}" if variants else ""
        text.append(f" · {len(nodes)} steps{folded}" + (" · on the map" if shown else ""),
                    style="dim")
        steps = []
        last_owner = None
        for node_id in nodes[:3]:
            owner = g.owner(g.node(node_id))
            who = view.person_name(owner) + ": " if owner and owner.id != last_owner else ""
            last_owner = owner.id if owner else None
            steps.append(f"{who}{_short(view.label(node_id), 22)}")
        text.append("\n  " + " → ".join(steps) + " → …", style="")
        return text

    def _text(self, view: SessionView, found: Insights) -> Text:
        g = view.graph
        out = Text()

        def heading(title: str) -> None:
            out.append(f"\n{title}\n", style="bold")

        def who(person: str | None) -> str:
            p = g.person(person)
            return f" ({view.person_name(p)})" if p and len(g.people) > 1 else ""

        if found.sentences:
            heading("THE PATTERN, IN WORDS")
            told = tell(g, found, privacy=view.privacy)

            def chains(chains) -> None:  # noqa: ANN001
                for chain in chains:
                    if chain.who:
                        out.append(terminal_safe(f"{chain.who}: "), style="bold")
                    out.append(terminal_safe(chain.text) + "\n")

            for cycle in told.cycles:
                out.append(f"⟳ {terminal_safe(cycle.title)}\n", style="italic")
                chains(cycle.chains)
            if told.others:
                if told.cycles:
                    out.append("other moments\n", style="italic")
                chains(told.others)
            if found.sentences_capped:
                out.append(f"(the first {len(found.sentences)} chains)\n", style="dim")
        if found.unmet_needs:
            heading("NEEDS WITHOUT A NEW WAY YET")
            for need in found.unmet_needs:
                out.append(f"  {view.label(need.need)}{who(need.person)}\n")
        if found.blocked_needs:
            heading("NEEDS A MOVE BLOCKS")
            for blocked in found.blocked_needs:
                by = ", ".join(view.label(b) for b in blocked.blocked_by)
                out.append(f"  {view.label(blocked.need)}{who(blocked.person)}\n")
                out.append(f"    blocked by {by}\n", style="dim")
        if found.unreplaced_strategies:
            heading("STRATEGIES WITHOUT AN ALTERNATIVE")
            for strategy in found.unreplaced_strategies:
                out.append(f"  {view.label(strategy.strategy)}{who(strategy.person)}\n")
        if found.hot_spots:
            heading("HOT SPOTS")
            for spot in found.hot_spots:
                why = []
                if "reach" in spot.why:
                    why.append(f"leads on to {spot.reach}")
                if "loops" in spot.why:
                    why.append(f"on {plural(spot.loops, 'cycle')}")
                out.append(f"  {view.label(spot.node)}{who(spot.person)}\n")
                out.append(f"    {' · '.join(why)}\n", style="dim")
        if found.dance:
            heading("THE DANCE")
            for step in found.dance:
                mover = view.person_name(g.person(step.person))
                other = view.person_name(g.person(step.other))
                moves = " and ".join(f"“{view.label(m)}”" for m in step.strategies)
                trigger = view.label(step.trigger)
                out.append(f"  {mover}: {moves}\n    → {other}: “{trigger}”\n")
        if not out:
            out.append("\nAs the map grows, this shows its loops, the pattern in words, the "
                       "needs underneath and the moves without an alternative yet.",
                       style="dim")
        return out

    # -- loops up ------------------------------------------------------------------

    @on(LoopList.ShowWanted)
    def _show_loop(self, event: LoopList.ShowWanted) -> None:
        event.stop()
        if self.insights is None or not 0 <= event.index < len(self.insights.cycles):
            return
        nodes = tuple(self.insights.cycles[event.index].loop.nodes)
        showing = self._view is not None and self._view.loop == nodes
        self.post_message(LoopChosen(None if showing else nodes))

    @on(OptionList.OptionSelected, "#loop-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    @on(LoopList.NameWanted)
    def _name_loop(self, event: LoopList.NameWanted) -> None:
        event.stop()
        if self.insights is None or not 0 <= event.index < len(self.insights.cycles):
            return
        found = self.insights.cycles[event.index].loop

        def named(name: str | None) -> None:
            if name and self._view is not None:
                self.post_message(EditRequested(name_loop(self._view.graph, found.nodes, name)))
                self.post_message(LoopChosen(tuple(found.nodes)))

        # Behind the privacy screen a name is not shown, so it starts empty.
        shown = "" if self._view is None or self._view.privacy else found.name or ""
        self.app.push_screen(TextPrompt("Name this loop", shown, placeholder="e.g. the chase"),
                             named)


__all__ = ["LoopList", "MapParts", "PatternsPanel"]
