"""The map as Markdown, for notes systems (Obsidian, Logseq, a plain editor).

`attachmap export FILE -f md` writes it. It tells the same story as the PDF,
section by section and in the same words (`patterns.story`, `patterns.voice`):
each cycle told once, person by person, each chain in that person's own
first person; the dance between two people; the needs underneath; the new
responses and how practising them went; what steadies; repairs and
sessions; then the map drawn as a Mermaid flowchart (exports.mermaid) and
every part of the map by kind.

For the client (the default) no private note appears anywhere; for the
therapist they are added at the end, in a section marked as therapist-only.
User text is escaped so a label can never turn into a heading, a link or
HTML.
"""

from __future__ import annotations

import json
import re
from typing import Any

from exports.audience import Audience, for_audience
from patterns.graph import MapGraph
from patterns.insights import Insights, analyse
from patterns.models import Node, RelationalMap
from patterns.progress import progress
from patterns.reading import MapReading
from patterns.story import PatternStory, ToldChain, tell
from patterns.vocabulary import KIND_PLURALS, READING_ORDER, LinkKind, NodeKind, link_phrase
from patterns.voice import (
    NOT_TRIED,
    NO_RESPONSES,
    OTHER_MOMENTS,
    about_the_client,
    addressed,
    capital,
    dance_line,
    day,
    needs_heading,
    on_cycle,
    part_words,
    pattern_heading,
    pattern_intro,
    plural,
    quote,
    repair_party,
    said_to_client,
    therapist_note,
)

# Characters that mean something to Markdown (or to a notes system's links).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_BULLET = re.compile(r"(?m)^(\s*)([-+=])(?=\s|$)")
_NUMBERED = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")


def esc(text: str) -> str:
    """User text made inert: every Markdown mark escaped, line breaks kept
    inside the list item they belong to."""
    text = _SPECIAL.sub(r"\\\1", text.strip())
    if "\n" in text or text[:1] in "-+=0123456789":
        # A line that starts like a list or a numbered item stays text.
        text = _NUMBERED.sub(r"\1\\\2", _BULLET.sub(r"\1\\\2", text))
    return text.replace("\r\n", "\n").replace("\n", "  \n  ")


class _Writer:
    """Builds the document section by section from one analysis."""

    def __init__(self, m: RelationalMap, audience: Audience) -> None:
        self.m = m
        self.audience = audience
        self.g = MapGraph.from_map(m)
        self.view = MapReading(self.g)
        self.insights: Insights = analyse(self.view)
        self.told: PatternStory = tell(self.view, self.insights)
        self.lines: list[str] = []
        self.several = len(m.people) > 1
        you = addressed(m.people)
        self.you = you.id if you else None

    # -- small helpers ------------------------------------------------------

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, level: int, text: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines += ["#" * level + " " + text.replace("  \n  ", " "), ""]

    def label(self, node_id: str) -> str:
        return esc(self.view.node[node_id].label)

    def quoted(self, node_id: str) -> str:
        """A label in quotation marks that never nest, escaped."""
        return esc(quote(self.view.node[node_id].label))

    def whose(self, node: Node | str) -> str:
        """` (Sam)` after a part of someone other than the person addressed,
        when the map has several people."""
        owner = self.view.owner[node if isinstance(node, str) else node.id]
        return f" ({self.name(owner)})" if self.several and owner and owner != self.you else ""

    def name(self, person_id: str | None) -> str:
        """`you` for the person addressed (one rule: `patterns.voice.addressed`),
        else the person's name."""
        if person_id is not None and person_id == self.you:
            return "you"
        person = self.g.person(person_id)
        return esc(person.name) if person else esc(person_id or "")

    def chain(self, chain: ToldChain) -> str:
        return f"- **{esc(chain.who)}:** {esc(chain.text)}" if chain.who else \
            f"- {esc(chain.text)}"

    # -- sections -----------------------------------------------------------

    def front_matter(self) -> None:
        # Properties Obsidian shows and searches; Logseq reads them as a block.
        self.add("---", f"title: {json.dumps(self.m.title, ensure_ascii=False)}")
        if self.m.updated:
            self.add(f"updated: {self.m.updated.date().isoformat()}")
        self.add("tags: [attachmap, relational-map]", "---", "")

    def title(self) -> None:
        self.heading(1, esc(self.m.title))
        facts = []
        if self.m.client:
            facts.append(f"Client: {esc(self.m.client)}")
        if self.m.sessions:
            n = len(self.m.sessions)
            facts.append(f"{plural(n, 'session')}, last on {day(self.m.sessions[-1].date)}")
        if self.m.updated:
            facts.append(f"updated {day(self.m.updated.date())}")
        if self.audience == "therapist":
            private = any(n.private_note for n in self.m.nodes)
            facts.append("**therapist's copy" + (": contains private notes**" if private else "**"))
        if facts:
            self.add(" · ".join(facts), "")

    def picture(self) -> None:
        if not self.m.nodes:
            return
        from exports.mermaid import mermaid_flowchart  # one home for the drawing

        self.heading(2, "The map")
        self.add("```mermaid", mermaid_flowchart(self.m).rstrip("\n"), "```")

    def cycles(self) -> None:
        told = self.told
        if not told.cycles and not told.others:
            return
        self.heading(2, pattern_heading(len(told.cycles)))
        self.add(pattern_intro(len(told.cycles), [self.name(p) for p in told.tellers()]))
        for number, cycle in enumerate(told.cycles):
            self.heading(3, f"⟳ {esc(cycle.title)}")
            self.add(*(self.chain(c) for c in cycle.chains))
            if len(cycle.people) > 1 and number == 0:
                self.add("", "> Nobody here is the villain: the cycle is the problem, and you can"
                         " step out of it together.")
        if told.others:
            if told.cycles:
                self.heading(3, OTHER_MOMENTS)
            else:
                self.add("")
            self.add(*(self.chain(c) for c in told.others))
        if told.capped:
            self.add("", "*The map holds more than is told here.*")

    def dance(self) -> None:
        if not self.insights.dance:
            return
        self.heading(2, "The dance between you")
        self.add("Each person’s way of protecting themselves lands on the other as the very"
                 " thing that sets them off.", "")
        for step in self.insights.dance:
            moves = [self.view.node[m].label for m in step.strategies]
            self.add("- " + esc(dance_line(self.name(step.person), moves, self.name(step.other),
                                           self.view.node[step.trigger].label)))

    def needs(self) -> None:
        needs = self.view.of_kind(NodeKind.NEED)
        if not needs:
            return
        self.heading(2, needs_heading(len({self.view.owner[n.id] for n in needs})))
        self.add("Under every protective move is a longing for connection. These are the needs"
                 " the moves are reaching for.", "")
        blocked = {b.need: b.blocked_by for b in self.insights.blocked_needs}
        for need in sorted(needs, key=lambda n: self.view.owner[n.id] != self.you):
            longing = [lk.source for lk in self.view.into[need.id]
                       if lk.kind is LinkKind.LONGS_FOR]
            met = [lk.source for lk in self.view.into[need.id] if lk.kind is LinkKind.MEETS]
            said = []
            if longing:
                said.append("reached for by " + ", ".join(self.quoted(n) for n in longing))
            if met:
                said.append("met by " + ", ".join(self.quoted(n) for n in met))
            elif longing:
                said.append("*no new way to meet it yet: something to explore together*")
            if need.id in blocked:
                said.append("blocked by " + ", ".join(self.quoted(n) for n in blocked[need.id]))
            if need.note:
                said.append(f"*{esc(therapist_note(need.note))}*")
            self.add(f"- **{self.label(need.id)}**{self.whose(need)}"
                     + "".join(f"  \n  {x}" for x in said))

    def responses(self) -> None:
        responses = self.view.of_kind(NodeKind.RESPONSE)
        missing = self.insights.unreplaced_strategies
        if not responses and not missing:
            return
        self.heading(2, "New ways to try")
        self.add("New responses are small, brave steps: doing something different when the old"
                 " alarm goes off. Progress is rarely a straight line.", "")
        if not responses:
            self.add(NO_RESPONSES)
        for r in sorted(responses, key=lambda n: self.view.owner[n.id] != self.you):
            instead = [lk.target for lk in self.view.out[r.id] if lk.kind is LinkKind.REPLACES]
            meets = [lk.target for lk in self.view.out[r.id] if lk.kind is LinkKind.MEETS]
            said = []
            if instead:
                said.append("instead of " + ", ".join(self.quoted(s) for s in instead))
            if meets:
                said.append("to meet " + ", ".join(self.quoted(n) for n in meets))
            if r.note:
                said.append(f"*{esc(therapist_note(r.note))}*")
            self.add(f"- **{self.label(r.id)}**{self.whose(r)}"
                     + "".join(f"  \n  {x}" for x in said))
        if missing:
            names = ", ".join(self.quoted(u.strategy) + self.whose(u.strategy) for u in missing)
            self.add("", f"> Still looking for another way instead of: {names}.")

    def practice(self) -> None:
        if not self.m.experiments:
            return
        self.heading(3, "Practice between sessions")
        for e in self.m.experiments:
            self.heading(4, f"Practising: {self.label(e.response)}")
            if e.plan:
                self.add(f"**Plan:** {esc(e.plan)}", "")
            if not e.tries:
                self.add(f"*{NOT_TRIED}*")
                continue
            self.add("| Date | Distress before | Distress after | How it went |",
                     "| --- | --- | --- | --- |")
            for t in e.tries:
                cells = [day(t.date), _score(t.before), _score(t.after), esc(t.note or "")]
                self.add("| " + " | ".join(c.replace("  \n  ", " ") for c in cells) + " |")
            trend = progress(e)
            relief = trend.relief_text()
            self.add("", capital(trend.trend()) + (f"; {relief}." if relief else "."))

    def steadying(self) -> None:
        resources = self.view.of_kind(NodeKind.RESOURCE)
        origins = self.view.of_kind(NodeKind.ORIGIN)
        if not resources and not origins:
            return
        self.heading(2, "What steadies you, and where it began")
        for node, verb in [(n, "helps with") for n in resources] + [(n, "shaped") for n in origins]:
            kind = "resource" if node.kind is NodeKind.RESOURCE else "where it began"
            who = f", {self.name(self.view.owner[node.id])}" if self.whose(node) else ""
            line = f"- **{self.label(node.id)}** *({kind}{who})*"
            targets = [lk.target for lk in self.view.out[node.id]]
            if targets:
                line += f"  \n  {verb} " + ", ".join(self.quoted(t) for t in targets)
            if node.note:
                line += f"  \n  *{esc(therapist_note(node.note))}*"
            self.add(line)

    def repairs(self) -> None:
        if not self.m.repairs:
            return
        self.heading(2, "Ruptures and repairs")
        self.add("Every close relationship has ruptures. What matters is coming back together,"
                 " and each repair is worth noticing.")
        to_client = self.audience != "therapist"
        for r in self.m.repairs:
            party = repair_party(r.with_, self.g.people, to_client=to_client)
            private = " · private" if r.is_private and not to_client else ""
            self.heading(3, f"{day(r.date)}{f' · {esc(party)}' if party else ''}{private}")
            about = to_client and about_the_client(r.with_, self.g.people)
            for what, text in (("What happened", r.rupture), ("The repair", r.repair),
                               ("How it landed", r.outcome)):
                if text:
                    # Said to the client in their copy: "you went cold" (patterns.voice).
                    said = said_to_client(text, self.g.people, pronouns=about) if to_client \
                        else text
                    self.add(f"- **{what}:** {esc(said)}")

    def sessions(self) -> None:
        if not self.m.sessions:
            return
        self.heading(2, "Sessions so far")
        for s in self.m.sessions:
            self.add(f"- **{day(s.date)}**" + (f" — {esc(s.note)}" if s.note else ""))

    def parts(self) -> None:
        if not self.m.nodes:
            return
        self.heading(2, "Everything on the map")
        on_loop = self.insights.on_loop()
        cycle = on_cycle(len(self.insights.cycles))
        for kind in READING_ORDER:
            nodes = self.view.of_kind(kind)
            if not nodes:
                continue
            self.heading(3, KIND_PLURALS[kind].capitalize())
            for n in nodes:
                extra = part_words(n, cycle=cycle if n.id in on_loop else None)
                line = f"- {self.label(n.id)}{self.whose(n)}"
                if extra:
                    line += f" *({', '.join(extra)})*"
                if n.note:
                    line += f"  \n  {esc(therapist_note(n.note))}"
                self.add(line)
        noted = [lk for lk in self.m.links if lk.note]
        if noted:
            self.heading(3, "Notes on the links")
            for lk in noted:
                self.add(f"- {self.quoted(lk.source)} {link_phrase(lk.kind)}"
                         f" {self.quoted(lk.target)}: {esc(lk.note or '')}")

    def private_notes(self) -> None:
        if self.audience != "therapist":
            return
        noted = [n for n in self.m.nodes if n.private_note]
        self.heading(2, "Therapist only: private notes")
        self.add("> [!warning] Not for the client", "> These notes are left out of every"
                 " client copy. Do not share this section.", "")
        if not noted:
            self.add("No private notes on this map.")
        for n in noted:
            self.add(f"- **{self.label(n.id)}**{self.whose(n)}: {esc(n.private_note or '')}")

    def document(self) -> str:
        self.front_matter()
        self.title()
        for section in (self.cycles, self.dance, self.needs, self.responses, self.practice,
                        self.steadying, self.repairs, self.sessions, self.picture, self.parts,
                        self.private_notes):
            section()
        return "\n".join(self.lines).rstrip() + "\n"


def _score(value: int | None) -> str:
    return "" if value is None else f"{value}/10"


def render_markdown(m: RelationalMap, audience: Audience = "client") -> str:
    """The map as a Markdown document for `audience` (client: no private notes)."""
    if audience not in ("client", "therapist"):
        raise ValueError(f"unknown audience {audience!r}")
    return _Writer(for_audience(m, audience), audience).document()


def render_markdown_bytes(m: RelationalMap, *, audience: Audience = "client", **_: Any) -> bytes:
    """`render_markdown` as UTF-8 bytes, for `attachmap export -f md`."""
    return render_markdown(m, audience).encode("utf-8")
