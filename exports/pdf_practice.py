"""The story pages of the PDF, part two: what helps and how practice is going.

New responses and their experiments (each with a chart of its tries and the
trend in words: "distress after trying has gone from 5 to 2 over 3 tries"),
what steadies the client and where the pattern began, the rupture-and-repair
log, and the sessions so far.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from exports.pdf_chart import TriesChart
from exports.pdf_fonts import BOLD, REGULAR
from exports.pdf_story import Story
from exports.pdf_style import INK, PAPER_TINT, QUIET, RULE
from exports.pdf_text import para, plural, visual, wrap
from patterns.models import Experiment
from patterns.progress import progress
from patterns.text import clean_label
from patterns.vocabulary import LinkKind, NodeKind
from patterns.voice import (
    NOT_TRIED,
    NO_RESPONSES,
    about_the_client,
    day,
    quote,
    repair_with,
    said_to_client,
    therapist_note,
)

#: Tries listed row by row under a chart; older ones are summed up.
MAX_TRY_ROWS = 12


_CELL, _CELL_LEAD, _PAD = 9.0, 12.0, 4.0


def _table(head: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A plain table of the client's words: each cell wrapped to its column
    here (quick), not as a Paragraph (which reportlab would measure again and
    again)."""
    def cell(text: str, font: str, width: float) -> str:
        return "\n".join(visual(line) for line in wrap(text, font, _CELL, width - 2 * _PAD))

    cells = [[cell(h, BOLD, w) for h, w in zip(head, widths)]]
    cells += [[cell(c, REGULAR, w) for c, w in zip(row, widths)] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, _CELL, _CELL_LEAD),
        ("FONT", (0, 0), (-1, 0), BOLD, _CELL, _CELL_LEAD),
        ("TEXTCOLOR", (0, 0), (-1, 0), QUIET),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, QUIET),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PAPER_TINT]),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _experiment(s: Story, e: Experiment, width: float) -> list[Flowable]:
    trend = progress(e)
    parts = [s.p(f"<b>Practice:</b> {para(e.plan)}" if e.plan else "<b>Practice</b>", "item")]
    if not e.tries:
        parts.append(s.p(f"<i>{NOT_TRIED}</i>", "item"))
        return [KeepTogether(parts)]
    words = para(trend.trend())
    relief = trend.relief_text()
    words = words[0].upper() + words[1:] + (f"; {para(relief)}." if relief else ".")
    parts += [s.p(words, "item"), Spacer(1, 4), TriesChart(e.tries, width=min(width, 320))]
    out: list[Flowable] = [KeepTogether(parts)]
    shown = e.tries[-MAX_TRY_ROWS:]
    rows = [[day(t.date), "–" if t.before is None else str(t.before),
             "–" if t.after is None else str(t.after), t.note or ""] for t in shown]
    out.append(Spacer(1, 6))
    out.append(_table(["date", "before", "after", "how it went"], rows,
                      [70, 42, 38, max(width - 150, 120)]))
    if len(e.tries) > len(shown):
        older = len(e.tries) - len(shown)
        out.append(s.p(f"The {plural(older, 'earlier try', 'earlier tries')} are in the chart.",
                       "small"))
    return out


def responses_section(s: Story, width: float) -> list[Flowable]:
    """New responses to practise, what each replaces and meets, with their experiments."""
    responses = s.nodes(NodeKind.RESPONSE)
    experiments = {e.response: [] for e in s.g.experiments}
    for e in s.g.experiments:
        experiments[e.response].append(e)
    if not responses and not s.insights.unreplaced_strategies:
        return []
    out = s.heading("New ways to try",
                    "New responses are small, brave steps: doing something different when the "
                    "old alarm goes off. Progress is rarely a straight line.")
    if not responses:
        out.append(s.p(NO_RESPONSES, "item"))  # as the Markdown says it
    for response in sorted(responses, key=lambda n: s.whose(n) != s.you):
        who = s.name(s.whose(response))
        title = para(response.label) + ("" if who == "you" else
                                        f" <font color='#5F6670'>({para(who)})</font>")
        lines = []
        replaces = [lk.target for lk in s.links_out(response.id) if lk.kind is LinkKind.REPLACES]
        meets = [lk.target for lk in s.links_out(response.id) if lk.kind is LinkKind.MEETS]
        if replaces:
            lines.append("instead of " + ", ".join(s.quoted(n) for n in replaces))
        if meets:
            lines.append("to meet " + ", ".join(s.quoted(n) for n in meets))
        if response.note:
            lines.append(f"<i>{para(therapist_note(response.note))}</i>")
        block = [s.p(title, "h2")] + ([s.p("<br/>".join(lines), "item")] if lines else [])
        for e in experiments.get(response.id, []):
            block.extend(_experiment(s, e, width))
        out.extend(block)
    if s.insights.unreplaced_strategies:
        names = [s.quoted(u.strategy) + ("" if s.name(u.person) == "you"
                                                else f" ({para(s.name(u.person))})")
                 for u in s.insights.unreplaced_strategies]
        out.append(s.p("Still looking for another way instead of: " + ", ".join(names) + ".",
                       "quote"))
    return out


def steadying_section(s: Story) -> list[Flowable]:
    """Resources (what steadies) and origins (where the pattern began)."""
    resources, origins = s.nodes(NodeKind.RESOURCE), s.nodes(NodeKind.ORIGIN)
    if not resources and not origins:
        return []
    out = s.heading("What steadies you, and where it began")
    for node, verb in [(n, "helps with") for n in resources] + [(n, "shaped") for n in origins]:
        who = s.name(s.whose(node))
        targets = [lk.target for lk in s.links_out(node.id)]
        kind = "resource" if node.kind is NodeKind.RESOURCE else "where it began"
        text = f"<b>{para(node.label)}</b> <font color='#5F6670'>({kind}"
        text += ")</font>" if who == "you" else f", {para(who)})</font>"
        if targets:
            text += f"<br/>{verb} " + ", ".join(s.quoted(t) for t in targets)
        if node.note:
            text += f"<br/><i>{para(therapist_note(node.note))}</i>"
        out.append(s.p(text, "item"))
    return out


def repairs_section(s: Story, width: float) -> list[Flowable]:
    """The rupture-and-repair log, oldest first."""
    if not s.g.repairs:
        return []
    out = s.heading("Ruptures and repairs",
                    "Every close relationship has ruptures. What matters is coming back "
                    "together, and each repair is worth noticing.")
    rows = []
    to_client = s.audience == "client"
    for r in s.g.repairs:
        party = repair_with(r.with_, s.g.people, to_client=to_client)
        if to_client:  # said to the client: "you went cold" (patterns.voice)
            about = about_the_client(r.with_, s.g.people)
            texts = [said_to_client(t or "", s.g.people, pronouns=about)
                     for t in (r.rupture, r.repair, r.outcome)]
        else:
            texts = [r.rupture or "", r.repair or "", r.outcome or ""]
            party += " (private)" if r.is_private else ""
        rows.append([day(r.date), party, *texts])
    rest = max(width - 130, 240) / 3
    out.append(_table(["date", "with", "what happened", "the repair", "how it went"], rows,
                      [64, 66, rest, rest, rest]))
    return out


def sessions_section(s: Story, width: float) -> list[Flowable]:
    """The sessions so far and what each added to the map."""
    if not s.g.sessions:
        return []
    out = s.heading("Sessions so far")
    added: dict[str, list[str]] = {}
    for node in s.nodes():
        if node.session:
            added.setdefault(node.session, []).append(node.label)
    rows = []
    for number, session in enumerate(s.g.sessions, start=1):
        labels = added.get(session.id, [])
        what = ""
        if labels:
            sample = ", ".join(quote(clean_label(label)) for label in labels[:3])
            what = f"{plural(len(labels), 'part')} added: {sample}" + (" …" if len(labels) > 3 else "")
        rows.append([f"{number}", day(session.date), session.note or "", what])
    out.append(_table(["", "date", "what it was about", "added to the map"], rows,
                      [20, 68, (width - 88) * 0.45, (width - 88) * 0.55]))
    return out


def story_of_practice(s: Story, width: float) -> list[Flowable]:
    """Part two of the story: new responses, what steadies, repairs, sessions."""
    return (responses_section(s, width) + steadying_section(s) + repairs_section(s, width)
            + sessions_section(s, width))
