"""The map as Markdown, for notes systems (Obsidian, Logseq, a plain editor).

`attachmap export FILE -f md` writes it. It reads top to bottom the way a
session goes: who is in the pattern, the pattern in the client's own words,
the loops and their names, the dance between two people, the needs
underneath, the new responses and how practising them went, repairs and
sessions, then the map drawn as a Mermaid flowchart (exports.mermaid) and
every part of the map by kind.

For the client (the default) no private note appears anywhere; for the
therapist they are added at the end, in a section marked as therapist-only.
User text is escaped so a label can never turn into a heading, a link or
HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from exports.audience import Audience, for_audience
from patterns.graph import MapGraph
from patterns.hotspots import hot_spot_text
from patterns.insights import Insights, analyse
from patterns.models import Node, RelationalMap
from patterns.reading import MapReading
from patterns.vocabulary import KIND_PLURALS, READING_ORDER, LinkKind, NodeKind, link_phrase

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


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


class _Writer:
    """Builds the document section by section from one analysis."""

    def __init__(self, m: RelationalMap, audience: Audience) -> None:
        self.m = m
        self.audience = audience
        self.g = MapGraph.from_map(m)
        self.view = MapReading(self.g)
        self.insights: Insights = analyse(self.view)
        self.lines: list[str] = []
        self.several = len(m.people) > 1

    # -- small helpers ------------------------------------------------------

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, level: int, text: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines += ["#" * level + " " + text.replace("  \n  ", " "), ""]

    def label(self, node_id: str) -> str:
        return esc(self.view.node[node_id].label)

    def whose(self, node: Node | str) -> str:
        """` (Zoë)` after a part when the map has several people."""
        owner = self.view.owner[node if isinstance(node, str) else node.id]
        return f" ({self.name(owner)})" if self.several and owner else ""

    def name(self, person_id: str | None) -> str:
        person = self.g.person(person_id)
        return esc(person.name) if person else "Everyone"

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
            facts.append(f"{n} session{'s' if n != 1 else ''}, last on"
                         f" {_date(self.m.sessions[-1].date)}")
        if self.m.updated:
            facts.append(f"updated {_date(self.m.updated.date())}")
        if self.audience == "therapist":
            private = any(n.private_note for n in self.m.nodes)
            facts.append("**therapist's copy" + (": contains private notes**" if private else "**"))
        if facts:
            self.add(" · ".join(facts), "")

    def people(self) -> None:
        if not self.m.people:
            return
        self.heading(2, "People")
        for p in self.m.people:
            self.add(f"- **{esc(p.name)}**" + (f", {esc(p.role)}" if p.role else ""))

    def picture(self) -> None:
        if not self.m.nodes:
            return
        from exports.mermaid import mermaid_flowchart  # one home for the drawing

        self.heading(2, "The map")
        self.add("```mermaid", mermaid_flowchart(self.m).rstrip("\n"), "```")

    def sentences(self) -> None:
        said = self.insights.sentences
        if not said:
            return
        self.heading(2, "The pattern in your own words")
        for person in [*[p.id for p in self.m.people], None]:
            theirs = [s for s in said if s.person == person]
            if not theirs:
                continue
            if self.several:
                self.heading(3, self.name(person))
            self.add(*(f"- {esc(s.text)}" for s in theirs))
        if self.insights.sentences_capped:
            self.add("", f"*The map holds more of these than the {len(said)} shown here.*")

    def loops(self) -> None:
        found = self.insights.loops
        if not found:
            return
        self.heading(2, "Loops")
        self.add("A loop goes round and round: each step sets off the next, and the last leads"
                 " back to the first.")
        unnamed, nameless = 0, sum(1 for lp in found if not lp.name)
        for lp in found:
            if lp.name:
                title = esc(lp.name[:1].upper() + lp.name[1:])
            else:
                unnamed += 1
                title = "A loop without a name yet" + (f" ({unnamed})" if nameless > 1 else "")
            self.heading(3, title)
            who = " and ".join(self.name(p) for p in lp.people)
            kind = "A vicious loop" if lp.vicious else "A loop"
            self.add(f"{kind} of {len(lp.nodes)} steps" + (f" through {who}" if who else "")
                     + ":", "")
            for i, node_id in enumerate(lp.nodes, 1):
                node = self.view.node[node_id]
                owner = self.view.owner[node_id]
                tag = f"{node.kind.value}, {self.name(owner)}" if self.several and owner else \
                    node.kind.value
                self.add(f"{i}. {self.label(node_id)} *({tag})*")
            self.add("", "…and round again.")
        if self.insights.loops_capped:
            self.add("", "*There are more loops in the map than are listed here.*")

    def dance(self) -> None:
        if not self.insights.dance:
            return
        self.heading(2, "The dance between you")
        self.add(*(f"- {esc(step.text)}" for step in self.insights.dance))

    def hot_spots(self) -> None:
        spots = self.insights.hot_spots
        if spots:
            self.heading(2, "Where the pattern gathers")
            self.add(*(f"- {esc(hot_spot_text(h, self.view))}" for h in spots))

    def needs(self) -> None:
        needs = self.view.of_kind(NodeKind.NEED)
        if not needs:
            return
        self.heading(2, "Needs underneath")
        unmet = {u.need for u in self.insights.unmet_needs}
        for need in needs:
            met = [lk.source for lk in self.view.into[need.id] if lk.kind is LinkKind.MEETS]
            line = f"- **{self.label(need.id)}**{self.whose(need)}"
            if met:
                line += " — met by " + ", ".join(f"“{self.label(n)}”" for n in met)
            elif need.id in unmet:
                line += " — no new way to meet it yet"
            self.add(line)
        blocked = self.insights.blocked_needs
        if blocked:
            self.heading(3, "Moves that get in the way of a need")
            for b in blocked:
                moves = " and ".join(f"“{self.label(s)}”" for s in b.blocked_by)
                self.add(f"- {moves} {'gets' if len(b.blocked_by) == 1 else 'get'} in the way of"
                         f" “{self.label(b.need)}”")

    def responses(self) -> None:
        responses = self.view.of_kind(NodeKind.RESPONSE)
        missing = self.insights.unreplaced_strategies
        if not responses and not missing:
            return
        self.heading(2, "New responses")
        if not responses:
            self.add("No new responses mapped yet.")
        for r in responses:
            instead = [lk.target for lk in self.view.out[r.id] if lk.kind is LinkKind.REPLACES]
            meets = [lk.target for lk in self.view.out[r.id] if lk.kind is LinkKind.MEETS]
            said = []
            if instead:
                said.append("instead of " + ", ".join(f"“{self.label(s)}”" for s in instead))
            if meets:
                said.append("meets " + ", ".join(f"“{self.label(n)}”" for n in meets))
            self.add(f"- **{self.label(r.id)}**{self.whose(r)}"
                     + (" — " + "; ".join(said) if said else ""))
        if missing:
            self.heading(3, "Moves without an alternative yet")
            self.add(*(f"- {self.label(u.strategy)}{self.whose(u.strategy)}"
                       for u in missing))

    def practice(self) -> None:
        if not self.m.experiments:
            return
        self.heading(2, "Practice between sessions")
        for e in self.m.experiments:
            self.heading(3, f"Practising: {self.label(e.response)}")
            if e.plan:
                self.add(f"**Plan:** {esc(e.plan)}", "")
            if not e.tries:
                self.add("No tries logged yet.")
                continue
            self.add("| Date | Distress before | Distress after | How it went |",
                     "| --- | --- | --- | --- |")
            for t in e.tries:
                cells = [_date(t.date), _score(t.before), _score(t.after), esc(t.note or "")]
                self.add("| " + " | ".join(c.replace("  \n  ", " ") for c in cells) + " |")
            scored = [t for t in e.tries if t.before is not None and t.after is not None]
            if scored:
                eased = sum(t.before - t.after for t in scored) / len(scored)  # type: ignore[operator]
                if eased > 0:
                    self.add("", f"On average, distress eased by {eased:.1f} points a try.")

    def repairs(self) -> None:
        if not self.m.repairs:
            return
        self.heading(2, "Ruptures and repairs")
        for r in self.m.repairs:
            with_ = f" · with {self.name(r.with_)}" if r.with_ else ""
            self.heading(3, f"{_date(r.date)}{with_}")
            for what, text in (("What happened", r.rupture), ("The repair", r.repair),
                               ("How it landed", r.outcome)):
                if text:
                    self.add(f"- **{what}:** {esc(text)}")

    def sessions(self) -> None:
        if not self.m.sessions:
            return
        self.heading(2, "Sessions")
        for s in self.m.sessions:
            self.add(f"- **{_date(s.date)}**" + (f" — {esc(s.note)}" if s.note else ""))

    def parts(self) -> None:
        if not self.m.nodes:
            return
        self.heading(2, "Every part of the map")
        on_loop = self.insights.on_loop()
        for kind in READING_ORDER:
            nodes = self.view.of_kind(kind)
            if not nodes:
                continue
            self.heading(3, KIND_PLURALS[kind].capitalize())
            for n in nodes:
                extra = []
                if n.layer:
                    extra.append(n.layer.value)
                if n.style:
                    extra.append(n.style.value.replace("-", " "))
                if n.intensity is not None:
                    extra.append(f"{n.intensity}/10")
                if n.id in on_loop:
                    extra.append("on a loop")
                line = f"- {self.label(n.id)}{self.whose(n)}"
                if extra:
                    line += f" *({', '.join(extra)})*"
                if n.note:
                    line += f"  \n  {esc(n.note)}"
                self.add(line)
        noted = [lk for lk in self.m.links if lk.note]
        if noted:
            self.heading(3, "Notes on the links")
            for lk in noted:
                self.add(f"- “{self.label(lk.source)}” {link_phrase(lk.kind)}"
                         f" “{self.label(lk.target)}”: {esc(lk.note or '')}")

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
        for section in (self.people, self.sentences, self.loops, self.dance, self.hot_spots,
                        self.needs, self.responses, self.practice, self.repairs, self.sessions,
                        self.picture, self.parts, self.private_notes):
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
