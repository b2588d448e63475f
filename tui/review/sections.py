"""The five parts of the client's review: patterns, map, practice, repairs,
sessions. Each is shown from the client's view of the map (no private
notes) and redrawn whole by `show(g, insights)` after a save.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from patterns.changes import previous_session, since_last_session
from patterns.graph import MapGraph
from patterns.insights import Insights
from patterns.layout import snapshot
from patterns.models import Experiment, Node
from patterns.progress import progress
from patterns.vocabulary import KIND_PLURALS, READING_ORDER, NodeKind, link_phrase
from patterns.story import tell
from patterns.voice import (
    OTHER_MOMENTS,
    dance_line,
    day,
    needs_heading,
    on_cycle,
    part_words,
    pattern_heading,
    therapist_note,
)
from tui.review.words import Reader, chain_line, needs_underneath, practice_line, stories
from tui.widgets.map_view import MapView
from tui.widgets.repairs import repair_line
from tui.widgets.tries import TriesChart


def _heading(text: str) -> Text:
    # Bold as a span, not as the Text's base style, which would make all
    # text appended after it bold too.
    out = Text()
    out.append(text + "\n", style="bold")
    return out


class PatternsSection(VerticalScroll):
    """Your patterns: each cycle told person by person (the same words as the
    PDF), the dance between you, other moments, and the needs underneath."""

    def compose(self) -> ComposeResult:
        yield Static(id="patterns-text")

    def show(self, g: MapGraph, insights: Insights) -> None:
        """Redraw from the client's view of the map and its analysis."""
        reader = Reader(g)
        out = Text()
        whole = tell(g, insights)
        told = stories(g, insights, reader=reader, told=whole)
        for story in told:
            out.append_text(_heading(f"⟳ {story.title}"))
            for chain in story.chains:
                out.append(chain + "\n\n")
            if story.underneath:
                out.append("Underneath: ", style="bold")
                out.append(" · ".join(story.underneath) + "\n")
            for line in story.practice:
                out.append("To practise: ", style="bold")
                out.append(line.text + "\n")
                if line.bars:
                    out.append(f"  tries  {line.bars}  {line.trend}\n")
            out.append("\n")
        if insights.dance:
            out.append_text(_heading("The dance between you"))
            for step in insights.dance:
                moves = [g.node(m).label for m in step.strategies]
                out.append("  " + dance_line(reader.name(step.person), moves,
                                             reader.name(step.other), g.node(step.trigger).label)
                           + "\n")
            out.append("\n")
        if whole.others:
            out.append_text(_heading(OTHER_MOMENTS if told else pattern_heading(0)))
            for chain in whole.others:
                out.append(chain_line(chain) + "\n\n")
        needs = needs_underneath(g, insights, reader)
        if needs:
            owners = {reader.whose(n) for n in g.nodes(NodeKind.NEED)}
            out.append_text(_heading(needs_heading(len(owners))))
            for line in needs:
                out.append(f"  {line}\n")
        if not out:
            out.append("Nothing is mapped yet. Your map grows in your sessions together.")
        self.query_one("#patterns-text", Static).update(out)


class MapSection(Vertical):
    """The map: the picture (arrow keys move between parts, the named loop is
    drawn heavy) with the chosen part described underneath; `v` swaps the
    picture for the same map as a list in words."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._g: MapGraph | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="map-picture", id="map-switcher"):
            yield MapView(id="map-picture")
            with VerticalScroll(id="map-list"):
                yield Static(id="map-text")
        yield Static(id="map-detail")

    def show(self, g: MapGraph, insights: Insights) -> None:
        """Redraw from the client's view of the map."""
        self._g = g
        picture = self.query_one(MapView)
        named = next((lp for lp in insights.loops if lp.name), None)
        picture.show(snapshot(g), selected=picture.selected,
                     loop=named.nodes if named else None)
        self.query_one("#map-text", Static).update(map_in_words(g, insights))
        self._describe(picture.selected)

    def toggle(self) -> None:
        """Swap between the picture and the list in words."""
        switcher = self.query_one("#map-switcher", ContentSwitcher)
        switcher.current = "map-list" if switcher.current == "map-picture" else "map-picture"

    @on(MapView.NodeSelected)
    def _chosen(self, event: MapView.NodeSelected) -> None:
        event.stop()
        self._describe(event.node_id)

    def _describe(self, node_id: str | None) -> None:
        detail = self.query_one("#map-detail", Static)
        g = self._g
        if g is None or node_id is None or node_id not in g:
            detail.update(Text("Arrow keys move between the parts of your map; v shows it as"
                               " a list.", style="dim"))
            return
        detail.update(node_words(g, g.node(node_id)))


def node_words(g: MapGraph, node: Node) -> Text:
    """One part of the map in a line or two: what it is, whose, how strong,
    what it leads to, and its shared note (never a private one)."""
    reader = Reader(g)
    out = Text.assemble((node.label, "bold"))
    details = [node.kind.value]
    if g.people:
        details.append(reader.name(reader.whose(node)))
    details += part_words(node)
    out.append("  " + " · ".join(details), style="dim")
    leads = [f"{link_phrase(lk.kind)} {g.node(lk.target).label}" for lk in g.links_out(node.id)]
    if leads:
        out.append("\n" + "; ".join(leads))
    if node.note:
        out.append(f"\n{therapist_note(node.note)}", style="italic")
    return out


def map_in_words(g: MapGraph, insights: Insights) -> Text:
    """The map as a list, band by band as the pattern reads."""
    reader = Reader(g)
    on_loop = insights.on_loop()
    out = Text()
    for kind in READING_ORDER:
        nodes = g.nodes(kind)
        if not nodes:
            continue
        out.append_text(_heading(KIND_PLURALS[kind].capitalize()))
        for node in nodes:
            mark = "⟳ " if node.id in on_loop else "  "
            out.append(f"  {mark}{node.label}")
            details = [reader.name(reader.whose(node))] if g.people else []
            details += part_words(node)  # on the cycle: the ⟳ before it says so
            if details:
                out.append("  (" + ", ".join(details) + ")", style="dim")
            out.append("\n")
            if node.note:
                out.append(f"      {therapist_note(node.note)}\n", style="italic")
        out.append("\n")
    if on_loop:
        out.append(f"⟳ marks a part {on_cycle(len(insights.cycles))}: each step sets off the"
                   " next.", style="dim")
    return out or Text("Nothing is mapped yet.")


class PracticeSection(Vertical):
    """Practice: the experiments, and for the one highlighted its plan, a
    chart of its tries and each try in words."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._g: MapGraph | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(id="practice-list")
        with VerticalScroll(id="practice-detail"):
            yield Static(id="practice-plan")
            yield TriesChart(id="practice-chart")
            yield Static(id="practice-tries")
            yield Static(id="practice-more")

    @property
    def chosen(self) -> str | None:
        """The id of the highlighted experiment, or None."""
        options = self.query_one("#practice-list", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

    def show(self, g: MapGraph, insights: Insights) -> None:
        """Redraw the list, keeping the highlighted experiment."""
        self._g = g
        options = self.query_one("#practice-list", OptionList)
        keep = self.chosen
        options.clear_options()
        for e in g.experiments:
            tries = len(e.tries)
            label = f"{g.node(e.response).label} · {tries} {'try' if tries == 1 else 'tries'}"
            options.add_option(Option(Text(label), id=e.id))  # text, never markup
        if g.experiments:
            ids = [e.id for e in g.experiments]
            options.highlighted = ids.index(keep) if keep in ids else 0
        self._show_detail()
        self.query_one("#practice-more", Static).update(_not_planned(g))

    @on(OptionList.OptionHighlighted, "#practice-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        g = self._g
        experiment = g.experiment(self.chosen) if g is not None and self.chosen else None
        plan = self.query_one("#practice-plan", Static)
        chart = self.query_one("#practice-chart", TriesChart)
        listing = self.query_one("#practice-tries", Static)
        if experiment is None:
            plan.update(Text(
                "No experiments yet. In a session you and your therapist can choose a new"
                " response to practise; it will show here, and you can log each try.",
                style="italic"))
            chart.progress = None
            listing.update("")
            return
        plan.update(_plan_text(g, experiment))
        chart.progress = progress(experiment)
        listing.update(_tries_text(experiment))


def _not_planned(g: MapGraph) -> Text:
    """New responses on the map that no experiment practises yet."""
    planned = {e.response for e in g.experiments}
    waiting = [practice_line(g, n).text for n in g.nodes(NodeKind.RESPONSE)
               if n.id not in planned]
    if not waiting:
        return Text()
    out = Text.assemble(("\nAlso on your map to practise, with no plan yet:\n", "bold"))
    for text in waiting:
        out.append(f"  {text}\n")
    out.append("A plan for these can be made together in session.", style="dim")
    return out


def _plan_text(g: MapGraph, experiment: Experiment) -> Text:
    out = _heading(g.node(experiment.response).label)
    replaces = [g.node(lk.target).label for lk in g.links_out(experiment.response)
                if g.node(lk.target).kind is NodeKind.STRATEGY]
    if replaces:
        out.append("Instead of: " + "; ".join(replaces) + "\n", style="dim")
    if experiment.plan:
        out.append("The plan: ", style="bold")
        out.append(experiment.plan + "\n")
    out.append("Press t to log how a try went.\n", style="dim")
    return out


def _tries_text(experiment: Experiment) -> Text:
    out = Text()
    p = progress(experiment)
    if p.relief_text():
        out.append(p.relief_text()[0].upper() + p.relief_text()[1:] + ".\n\n")
    for attempt in reversed(experiment.tries):
        scores = []
        if attempt.before is not None:
            scores.append(f"before {attempt.before}")
        if attempt.after is not None:
            scores.append(f"after {attempt.after}")
        out.append(day(attempt.date), style="bold")
        out.append(("  distress " + ", ".join(scores)) if scores else "")
        out.append("\n")
        if attempt.note:
            out.append(f"  {attempt.note}\n", style="italic")
    return out


class RepairsSection(VerticalScroll):
    """Repairs: the ruptures noticed and the repairs tried, newest first."""

    def compose(self) -> ComposeResult:
        yield Static(id="repairs-text")

    def show(self, g: MapGraph, insights: Insights) -> None:
        """Redraw the repair log."""
        out = Text()
        if not g.repairs:
            out.append("No repairs logged yet. When things go wrong between you and someone"
                       " and you try to reconnect, press r to note it here.", style="italic")
        for repair in reversed(g.repairs):  # said to the client: "you went cold"
            out.append_text(repair_line(g, repair, to_client=True))
            out.append("\n\n")
        self.query_one("#repairs-text", Static).update(out)


class SessionsSection(VerticalScroll):
    """Sessions so far: what is new since the last one, then each session's
    date, what it was about and what was mapped."""

    #: The day it is, to tell what was logged since the last session.
    today: dt.date | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="sessions-text")

    def show(self, g: MapGraph, insights: Insights) -> None:
        """Redraw the list of sessions."""
        out = Text()
        if not g.sessions:
            out.append("No sessions recorded on this map yet.", style="italic")
        elif self.today is not None and previous_session(g, self.today) is not None:
            out.append(since_last_session(g, self.today).sentence() + "\n\n", style="bold")
        for number, session in enumerate(g.sessions, 1):
            out.append(f"Session {number} · {day(session.date)}\n", style="bold")
            if session.note:
                out.append(f"  {session.note}\n")
            mapped = [n.label for n in g.nodes() if n.session == session.id]
            if mapped:
                out.append("  Mapped: ", style="dim")
                out.append("; ".join(mapped) + "\n")
            out.append("\n")
        self.query_one("#sessions-text", Static).update(out)


#: (id, title in the list) of each part, in the order they are listed.
SECTIONS: list[tuple[str, str, type]] = [
    ("patterns", "Your patterns", PatternsSection),
    ("map", "The map", MapSection),
    ("practice", "Practice", PracticeSection),
    ("repairs", "Repairs", RepairsSection),
    ("sessions", "Sessions", SessionsSection),
]

__all__ = ["SECTIONS", "MapSection", "PatternsSection", "PracticeSection", "RepairsSection",
           "SessionsSection"]
