"""The last pages of the PDF: everything on the map as a list, and, for the
therapist only, the private notes.

The list gives every part of the map in words, so nothing depends on reading
the picture (a screen reader, a map split over several pages, a photocopy in
grey). The private notes section exists only in the therapist's version and
is marked as such on its own page; the client's version never holds a
private note, because the map it is made from has none (see
exports.audience.for_audience).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from exports.pdf_story import Story
from exports.pdf_style import KIND_COLOURS, KIND_NAMES, PAPER_TINT, PRIVATE, QUIET, RULE
from exports.pdf_text import para
from patterns.vocabulary import KIND_PLURALS, READING_ORDER


def _describe(s: Story, node_id: str) -> str:
    node = s.g.node(node_id)
    extra = []
    if node.layer:
        extra.append(node.layer.value)
    if node.style:
        extra.append(node.style.value.replace("-", " "))
    if node.intensity is not None:
        extra.append(f"intensity {node.intensity}/10")
    text = f"<b>{para(node.label)}</b>"
    if extra:
        text += f" <font color='#5F6670' size=8.5>· {', '.join(extra)}</font>"
    if node.note:
        text += f"<br/><i>{para(node.note)}</i>"
    return text


def index_section(s: Story, width: float) -> list[Flowable]:
    """Every part of the map, grouped by kind in reading order."""
    if not s.g.nodes():
        return []
    out = s.heading("Everything on the map",
                    "Every part of the map in words, in the order the pattern reads, with the "
                    "notes we made together.")
    people = bool(s.g.people)
    rows: list[list[Flowable]] = []
    style: list[tuple] = []
    for kind in READING_ORDER:
        nodes = s.g.nodes(kind)
        if not nodes:
            continue
        fill, line = KIND_COLOURS[kind]
        style += [("BACKGROUND", (0, len(rows) + 1), (-1, len(rows) + 1), fill),
                  ("LINEBELOW", (0, len(rows) + 1), (-1, len(rows) + 1), 0.8, line)]
        heading = f"<b>{KIND_PLURALS[kind].capitalize()}</b> <font size=8.5>({KIND_NAMES[kind]})</font>"
        rows.append([s.p(heading, "cell"), s.p("", "cell")])
        for node in nodes:
            who = s.name(s.whose(node)) if people else ""
            rows.append([s.p(_describe(s, node.id), "cell"),
                         s.p(para(who.capitalize() if who == "you" else who), "cell")])
    head = [s.p("what", "cell_head"), s.p("whose" if people else "", "cell_head")]
    table = Table([head] + rows, colWidths=[width - 80, 80], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, QUIET),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *style,
    ]))
    out.append(table)
    return out


def private_section(s: Story, width: float) -> list[Flowable]:
    """The therapist's private notes, on pages of their own, clearly marked.

    Empty for the client's version."""
    if s.audience != "therapist":
        return []
    noted = [n for n in s.g.nodes() if n.private_note]
    out: list[Flowable] = [PageBreak(),
                           s.p("Therapist only: private notes", "private_head"),
                           s.p("Not for the client. These notes are left out of every "
                               "client copy of this map.", "private")]
    if not noted:
        out.append(s.p("This map has no private notes.", "body"))
        return out
    rows = [[s.p(_describe(s, n.id), "cell"), s.p(para(n.private_note or ""), "cell")]
            for n in noted]
    head = [s.p("part of the map", "cell_head"), s.p("private note", "cell_head")]
    table = Table([head] + rows, colWidths=[width * 0.42, width * 0.58], repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, PRIVATE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PAPER_TINT]),
    ]))
    out.append(table)
    return out
