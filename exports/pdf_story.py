"""The story pages of the PDF, part one: the pattern in words.

Written for the client reading at home, in plain, warm language: how to read
the map, each cycle told once, person by person, each chain in that person's
own first person (`patterns.story`), the dance between two people and the
needs underneath. The framing speaks to the client as "you" (the person
`patterns.voice.addressed` chooses); a person's chain is never turned round.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

from exports.audience import Audience
from exports.pdf_text import para, plural
from patterns.graph import MapGraph
from patterns.insights import Insights
from patterns.models import Node
from patterns.reading import MapReading, reading_of
from patterns.story import PatternStory, ToldChain, tell
from patterns.vocabulary import LinkKind, NodeKind
from patterns.voice import (
    CYCLE,
    OTHER_MOMENTS,
    UNDERNEATH,
    addressed,
    dance_line,
    needs_heading,
    pattern_heading,
    pattern_intro,
    quote,
    therapist_note,
)

#: Cycles told in full; the rest are counted (the map page shows them all).
MAX_CYCLES_TOLD = 6
#: Chains of triggers on no cycle told; the rest are counted.
MAX_OTHERS_TOLD = 12
#: Steps of the dance listed; the rest are counted.
MAX_DANCE_TOLD = 12


class Bookmark(Flowable):
    """An entry in the PDF's outline (the viewer's sidebar) at this place."""

    _count = 0

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        Bookmark._count += 1
        self.key = f"section-{Bookmark._count}"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


@dataclass
class Story:
    """What every story section needs: the map, what it reveals, the styles."""

    g: MapGraph
    insights: Insights
    styles: dict[str, ParagraphStyle]
    audience: Audience = "client"
    view: MapReading | None = None
    told: PatternStory | None = None
    on_loop: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # Built once: every section reads the map through it.
        self.view = reading_of(self.g)
        self.told = tell(self.view, self.insights)
        self.on_loop = frozenset(self.insights.on_loop())

    @property
    def you(self) -> str | None:
        """The id of the person the story speaks to as "you" (one rule for
        every output: `patterns.voice.addressed`)."""
        person = addressed(self.g.people)
        return person.id if person else None

    def name(self, person_id: str | None) -> str:
        """A person's name, `you` for the first person."""
        if person_id is None or person_id == self.you:
            return "you"
        person = self.g.person(person_id)
        return person.name if person else person_id

    # Reading through the view: MapGraph sorts into file order on every call.
    def nodes(self, kind: NodeKind | None = None) -> list[Node]:
        """Nodes in file order, optionally of one kind."""
        return [self.view.node[i] for i in self.view.ids
                if kind is None or self.view.node[i].kind is kind]

    def node(self, node_id: str) -> Node:
        """The node with this id."""
        return self.view.node[node_id]

    def links_out(self, node_id: str) -> list:
        """Links leaving a node, in file order."""
        return self.view.out[node_id]

    def links_in(self, node_id: str) -> list:
        """Links arriving at a node, in file order."""
        return self.view.into[node_id]

    def whose(self, node: Node) -> str | None:
        """The id of the person a node belongs to."""
        return self.view.owner.get(node.id)

    def label(self, node_id: str) -> str:
        """A node's label, escaped for a paragraph."""
        return para(self.view.node[node_id].label)

    def quoted(self, node_id: str) -> str:
        """A node's label in quotation marks that never nest, escaped."""
        return para(quote(self.view.node[node_id].label))

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of already-escaped text."""
        return Paragraph(text, self.styles[style])

    def heading(self, text: str, intro: str | None = None) -> list[Flowable]:
        """A section heading (kept with its introduction, never alone at a page foot)."""
        parts = [self.p(para(text), "h1")] + ([self.p(intro, "intro")] if intro else [])
        return [CondPageBreak(120), Bookmark(text), KeepTogether(parts)]


def chain_paragraph(s: Story, chain: ToldChain) -> Paragraph:
    """A person's chain, their name first (in bold) on a map with people."""
    who = f"<b>{para(chain.who)}:</b> " if chain.who else ""
    return s.p(who + para(chain.text), "sentence")


def pattern_section(s: Story) -> list[Flowable]:
    """Each cycle, told once, person by person, then the other moments."""
    told = s.told
    cycles = told.cycles[:MAX_CYCLES_TOLD]
    out = s.heading(pattern_heading(len(told.cycles)),
                    para(pattern_intro(len(told.cycles), [s.name(p) for p in told.tellers()])))
    if not told.cycles and not told.others:
        out.append(s.p("There is no full sentence yet: a sentence needs a trigger, what it stirs "
                       "in you, and the move that follows. It will appear as the map grows."))
        return out
    for number, cycle in enumerate(cycles):
        out.append(s.p(f"⟳ {para(cycle.title)}", "h2"))
        out.extend(chain_paragraph(s, chain) for chain in cycle.chains)
        if len(cycle.people) > 1 and number == 0:
            out.append(s.p("Nobody here is the villain: the cycle is the problem, and you can "
                           "step out of it together.", "quote"))
    hidden = len(told.cycles) - len(cycles)
    if hidden > 0:
        out.append(s.p(f"{plural(hidden, 'more cycle')} run through the map: their boxes are "
                       "marked ⟳ on the map pages.", "small"))
    if told.others:
        if told.cycles:
            out.append(s.p(OTHER_MOMENTS, "h2"))
        out.extend(chain_paragraph(s, chain) for chain in told.others[:MAX_OTHERS_TOLD])
        if len(told.others) > MAX_OTHERS_TOLD:
            more = len(told.others) - MAX_OTHERS_TOLD
            out.append(s.p(f"… and {plural(more, 'more moment')} like these on the map.",
                           "small"))
    if told.capped:
        out.append(s.p("The map holds more than is told here.", "small"))
    return out


def _dance_line(s: Story, step) -> str:
    """`Your “text again and again” lands on Sam as “a stream of messages”`:
    the analysis' dance step, said to the client."""
    return para(dance_line(s.name(step.person), [s.node(m).label for m in step.strategies],
                           s.name(step.other), s.node(step.trigger).label))


def dance_section(s: Story) -> list[Flowable]:
    """Whose move sets off whose alarm, when the map holds two or more people."""
    if not s.insights.dance:
        return []
    out = s.heading(
        "The dance between you",
        "Each person’s way of protecting themselves lands on the other as the very thing "
        "that sets them off.",
    )
    for step in s.insights.dance[:MAX_DANCE_TOLD]:
        out.append(s.p(_dance_line(s, step), "item"))
    if len(s.insights.dance) > MAX_DANCE_TOLD:
        more = len(s.insights.dance) - MAX_DANCE_TOLD
        out.append(s.p(f"… and {plural(more, 'more step')} like these on the map.", "small"))
    return out


def needs_section(s: Story) -> list[Flowable]:
    """The needs underneath, whose they are, and what meets them so far."""
    needs = s.nodes(NodeKind.NEED)
    if not needs:
        return []
    out = s.heading(
        needs_heading(len({s.whose(n) for n in needs})),
        "Under every protective move is a longing for connection. These are the needs the "
        "moves are reaching for.",
    )
    blocked = {b.need: b.blocked_by for b in s.insights.blocked_needs}
    for need in sorted(needs, key=lambda n: s.whose(n) != s.you):
        who = s.name(s.whose(need))
        lines = [f"<b>{para(need.label)}</b>" + ("" if who == "you" else f" ({para(who)})")]
        longing = [lk.source for lk in s.links_in(need.id) if lk.kind is LinkKind.LONGS_FOR]
        meeting = [lk.source for lk in s.links_in(need.id) if lk.kind is LinkKind.MEETS]
        if longing:
            lines.append("reached for by " + ", ".join(s.quoted(n) for n in longing))
        if meeting:
            lines.append("met by " + ", ".join(s.quoted(n) for n in meeting))
        elif longing:
            lines.append("<i>no new way to meet it yet: something to explore together</i>")
        if need.id in blocked:
            lines.append("blocked by " + ", ".join(s.quoted(n) for n in blocked[need.id]))
        if need.note:
            lines.append(f"<i>{para(therapist_note(need.note))}</i>")
        out.append(s.p("<br/>".join(lines), "item"))
    return out


def reading_section(s: Story) -> list[Flowable]:
    """How to read the map on page 1, for a client seeing it at home."""
    if not s.view.ids:
        return []
    out = s.heading("How to read your map")
    text = ("The map reads from top to bottom, the way the pattern unfolds: what sets it off, "
            "what you feel, think and notice in your body, what you do to protect yourself, and "
            "the need underneath. New responses and what steadies you sit at the bottom.")
    if len(s.g.people) > 1:
        text += " Each person’s side has a column of its own."
    out.append(s.p(text))
    out.append(s.p("Each arrow says how one part leads to the next: its kind is written beside "
                   "it, and the key under the map says what each kind of line means. "
                   f"A {CYCLE} is drawn in a heavy colour, its name beside it after ⟳. "
                   f"A feeling felt {UNDERNEATH} another has a double outline."))
    return out


def story_of_pattern(s: Story) -> list[Flowable]:
    """Part one of the story: how to read the map, the cycles told, the dance, needs."""
    return reading_section(s) + pattern_section(s) + dance_section(s) + needs_section(s)
