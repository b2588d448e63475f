"""The story pages of the PDF, part one: the pattern in words.

Written for the client reading at home, in plain, warm language: the
pattern sentences ("When Sam goes quiet after a disagreement, you feel
scared of being left …"), the dance between two people, the loops and what
each move in them protects, and the needs underneath. "You" is the map's
first person (its default owner, usually the client); everyone else is named
and speaks in their own first-person words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

from exports.audience import Audience
from exports.pdf_style import LOOP_COLOURS
from exports.pdf_text import para, plural
from patterns.graph import MapGraph
from patterns.insights import Insights
from patterns.loops import FoundLoop
from patterns.models import Node
from patterns.reading import MapReading, reading_of
from patterns.sentences import PatternSentence, sentence_text
from patterns.vocabulary import LinkKind, NodeKind

#: Loops told in full; the rest are counted (the map page shows them all).
MAX_LOOPS_TOLD = 4
#: Sentences told per person; the rest are counted.
MAX_SENTENCES_TOLD = 12
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
    loop_names: dict[tuple[str, ...], str] = field(default_factory=dict)
    view: MapReading | None = None

    def __post_init__(self) -> None:
        # Built once: sentence_text would otherwise read the whole map per sentence.
        self.view = reading_of(self.g)

    @property
    def you(self) -> str | None:
        """The id of the person the story speaks to as "you"."""
        return self.g.people[0].id if self.g.people else None

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

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of already-escaped text."""
        return Paragraph(text, self.styles[style])

    def heading(self, text: str, intro: str | None = None) -> list[Flowable]:
        """A section heading (kept with its introduction, never alone at a page foot)."""
        parts = [self.p(para(text), "h1")] + ([self.p(intro, "intro")] if intro else [])
        return [CondPageBreak(120), Bookmark(text), KeepTogether(parts)]

    def loop_title(self, index: int, loop: FoundLoop) -> str:
        """`the chase`, or `loop 2` for a loop not named yet."""
        return loop.name or self.loop_names.get(tuple(loop.nodes), f"loop {index + 1}")


def _possessive(name: str) -> str:
    if name == "you":
        return "your"
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def pattern_section(s: Story) -> list[Flowable]:
    """The pattern sentences, the client's first, then each other person's."""
    out = s.heading(
        "Your pattern, in words",
        "These sentences put the map into words, using the words you found in our sessions. "
        "They describe what tends to happen, not who is to blame.",
    )
    if not s.insights.sentences:
        out.append(s.p("There is no full sentence yet: a sentence needs a trigger, what it stirs "
                       "in you, and the move that follows. It will appear as the map grows."))
        return out
    by_person: dict[str | None, list[PatternSentence]] = {}
    for sentence in s.insights.sentences:
        key = sentence.person if sentence.person != s.you else None
        by_person.setdefault(key, []).append(sentence)
    for person_id, sentences in sorted(by_person.items(), key=lambda kv: kv[0] is not None):
        if person_id is not None:
            out.append(s.p(f"In {para(s.name(person_id))}’s own words", "h2"))
        for sentence in sentences[:MAX_SENTENCES_TOLD]:
            if person_id is None:
                out.append(s.p(para(sentence_text(sentence, s.view, "second")), "sentence"))
            else:
                out.append(s.p(f"“{para(sentence.text)}”", "sentence"))
        if len(sentences) > MAX_SENTENCES_TOLD:
            more = len(sentences) - MAX_SENTENCES_TOLD
            out.append(s.p(f"… and {plural(more, 'more sentence')} like these on the map.", "small"))
    if s.insights.sentences_capped:
        out.append(s.p("The map holds more paths than are listed here.", "small"))
    return out


def _dance_line(s: Story, step) -> str:
    """`Your “text again and again” lands on Sam as “a stream of messages”`:
    the analysis' dance step, said to the client."""
    mover = _possessive(s.name(step.person))
    moves = [f"“{s.label(m)}”" for m in step.strategies]
    said = moves[0] if len(moves) == 1 else ", ".join(moves[:-1]) + " and " + moves[-1]
    verb = "lands" if len(moves) == 1 else "land"
    return (f"{para(mover[0].upper() + mover[1:])} {said} {verb} on {para(s.name(step.other))} "
            f"as “{s.label(step.trigger)}”.")


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


def _step_text(s: Story, node_id: str, previous_person: str | None) -> str:
    node = s.node(node_id)
    person = s.whose(node)
    text = s.label(node_id)
    if person != previous_person and s.g.people:
        text = f"<font color='#5F6670'>{para(s.name(person).capitalize())}:</font> {text}"
    return text


def _protects(s: Story, loop: FoundLoop, strategy_id: str) -> str:
    """`Your “text again and again” is a way of reaching for “reassurance …”.`"""
    who = _possessive(s.name(s.whose(s.node(strategy_id))))
    move = f"{para(who[0].upper() + who[1:])} <b>“{s.label(strategy_id)}”</b>"
    needs = [lk.target for lk in s.links_out(strategy_id) if lk.kind is LinkKind.LONGS_FOR]
    if needs:
        wanted = " and ".join(f"“{s.label(n)}”" for n in needs)
        return f"{move} is a way of reaching for {wanted}."
    at = loop.nodes.index(strategy_id)
    before = s.node(loop.nodes[at - 1])
    if before.kind in (NodeKind.FEELING, NodeKind.SENSATION, NodeKind.MEANING):
        return f"{move} is a way of coping with “{s.label(before.id)}”."
    return f"{move} is a way of protecting against the pain underneath."


def loops_section(s: Story) -> list[Flowable]:
    """Each loop (vicious and named ones first), its steps, and what each move protects."""
    # Named loops first (the ones the map draws heavy), then the other vicious ones.
    order = {lp.name: i for i, lp in enumerate(s.g.loops)}  # the map's colours follow this order
    loops = sorted((lp for lp in s.insights.loops if lp.name), key=lambda lp: order.get(lp.name, 0)) + \
        [lp for lp in s.insights.loops if lp.vicious and not lp.name]
    if not loops:
        return []
    title = "The loop that keeps you stuck" if len(loops) == 1 else "The loops that keep you stuck"
    out = s.heading(title, "A loop goes round and round: each move makes sense as protection, "
                           "and each one sets off the next alarm. Seeing it is the first step "
                           "out of it.")
    for index, loop in enumerate(loops[:MAX_LOOPS_TOLD]):
        colour = LOOP_COLOURS[index % len(LOOP_COLOURS)].hexval()[2:]
        parts = [s.p(f"<font color='#{colour}'>⟳</font> {para(s.loop_title(index, loop))}"
                     f" <font size=9 color='#5F6670'>· {plural(len(loop.nodes), 'step')}</font>",
                     "h2")]
        steps, previous = [], None
        for node_id in loop.nodes:
            steps.append(_step_text(s, node_id, previous))
            previous = s.whose(s.node(node_id))
        parts.append(s.p(" → ".join(steps) + " → and round again"))
        out.extend(parts)
        strategies = [n for n in loop.nodes if s.node(n).kind is NodeKind.STRATEGY]
        if strategies:
            out.append(s.p("What each move protects:", "lead_in"))
            out.extend(s.p(_protects(s, loop, n), "item") for n in strategies)
        if len(loop.people) > 1 and index == 0:
            out.append(s.p("Nobody here is the villain: the loop is the problem, and you can "
                           "step out of it together.", "quote"))
    hidden = len(loops) - MAX_LOOPS_TOLD
    if hidden > 0 or s.insights.loops_capped:
        more = f"{plural(hidden, 'more loop')} " if hidden > 0 else "More loops "
        out.append(s.p(f"{more}run through the map: their boxes are marked ⟳ on the map pages.",
                       "small"))
    return out


def needs_section(s: Story) -> list[Flowable]:
    """The needs underneath, whose they are, and what meets them so far."""
    needs = s.nodes(NodeKind.NEED)
    if not needs:
        return []
    out = s.heading(
        "What you need underneath",
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
            lines.append("reached for by " + ", ".join(f"“{s.label(n)}”" for n in longing))
        if meeting:
            lines.append("met by " + ", ".join(f"“{s.label(n)}”" for n in meeting))
        elif longing:
            lines.append("<i>no new way to meet it yet: something to explore together</i>")
        if need.id in blocked:
            lines.append("blocked by " + ", ".join(f"“{s.label(n)}”" for n in blocked[need.id]))
        if need.note:
            lines.append(f"<i>{para(need.note)}</i>")
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
    out.append(s.p("Each arrow says how one part leads to the next (its kind is written on it and "
                   "shown in the key). A loop is drawn in a heavy colour, with its name beside "
                   "it, and every box that lies on a loop carries ⟳. A feeling underneath (a "
                   "core feeling) has a double outline."))
    return out


def story_of_pattern(s: Story) -> list[Flowable]:
    """Part one of the story: how to read the map, sentences, dance, loops, needs."""
    return (reading_section(s) + pattern_section(s) + dance_section(s) + loops_section(s)
            + needs_section(s))
