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

from exports.pdf_fonts import BOLD, ITALIC, REGULAR, text_width
from exports.pdf_story import Story
from exports.pdf_style import INK, KIND_COLOURS, KIND_NAMES, PAPER_TINT, PRIVATE, QUIET, RULE
from exports.pdf_text import para, visual, wrap
from patterns.text import clean_label
from patterns.vocabulary import KIND_PLURALS, READING_ORDER, NodeKind, link_phrase
from patterns.voice import on_cycle, part_words, therapist_note


def _describe(s: Story, node_id: str) -> str:
    """A node's label, its details and shared note, as paragraph markup."""
    node = s.node(node_id)
    extra = para(_details(s, node))
    text = f"<b>{para(node.label)}</b>"
    if extra:
        text += f" <font color='#5F6670' size=8.5>· {extra}</font>"
    if node.note:
        text += f"<br/><i>{para(therapist_note(node.note))}</i>"
    return text


def _details(s: Story, node) -> str:
    """A part's layer, style and strength in plain words (no "core", no
    "attack", no bare "9/10"), and whether it is on a cycle: the same words
    as the Markdown's list (`patterns.voice.part_words`)."""
    on = node.id in s.on_loop
    return ", ".join(part_words(node, cycle=on_cycle(len(s.insights.cycles)) if on else None))


_SIZE, _LEAD, _WHOSE_W = 9.0, 12.0, 84.0


class IndexRow(Flowable):
    """One part of the map in the list: its words in bold, its details in grey,
    its shared note in italics, and whose it is at the right.

    Drawn directly rather than as a Paragraph: a 400-node map has 400 rows,
    and this is many times quicker to set."""

    def __init__(self, label: str, details: str, note: str, whose: str) -> None:
        super().__init__()
        self.label, self.details, self.note, self.whose = label, details, note, whose
        self.lines: list[tuple[str, str, str]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        room = avail_width - _WHOSE_W - 8
        lines = [(BOLD, line, "") for line in wrap(self.label, BOLD, _SIZE, room)]
        if self.details:
            extra = f" · {self.details}"
            font, last, _ = lines[-1]
            if text_width(last, BOLD, _SIZE) + text_width(extra, REGULAR, _SIZE - 0.5) <= room:
                lines[-1] = (font, last, extra)
            else:
                lines += [(REGULAR, "", line) for line in wrap(self.details, REGULAR, _SIZE - 0.5, room)]
        if self.note:
            lines += [(ITALIC, line, "") for line in wrap(self.note, ITALIC, _SIZE, room)]
        self.lines = lines
        self.height = len(lines) * _LEAD + 5
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        y = self.height - _SIZE - 2
        for font, text, extra in self.lines:
            c.setFillColor(INK)
            c.setFont(font, _SIZE)
            c.drawString(4, y, visual(text))
            if extra:
                c.setFillColor(QUIET)
                c.setFont(REGULAR, _SIZE - 0.5)
                c.drawString(4 + text_width(text, font, _SIZE), y, extra)
            y -= _LEAD
        c.setFillColor(INK)
        c.setFont(REGULAR, _SIZE)
        c.drawString(self.width - _WHOSE_W, self.height - _SIZE - 2, visual(self.whose))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.3)
        c.line(0, 0, self.width, 0)


class KindHeading(Flowable):
    """The tinted heading of one kind in the list; never left alone at a page foot."""

    def __init__(self, kind: NodeKind | None, count: int, title: str = "") -> None:
        super().__init__()
        self.kind = kind  # None: the notes on links
        self.count = count
        self.title = title
        self.keepWithNext = True

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, _LEAD + 6
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        fill, line = KIND_COLOURS[self.kind] if self.kind else (PAPER_TINT, QUIET)
        c.setFillColor(fill)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setStrokeColor(line)
        c.setLineWidth(0.8)
        c.line(0, 0, self.width, 0)
        text = self.title
        if self.kind is not None:
            plural, name = KIND_PLURALS[self.kind], KIND_NAMES[self.kind]
            text = plural.capitalize() + ("" if name in plural else f" ({name})")
        c.setFillColor(INK)
        c.setFont(BOLD, _SIZE)
        c.drawString(4, 5, text)
        c.setFont(REGULAR, _SIZE - 0.5)
        c.setFillColor(QUIET)
        c.drawRightString(self.width - 4, 5, str(self.count))


def index_section(s: Story, width: float) -> list[Flowable]:
    """Every part of the map, grouped by kind in reading order."""
    if not s.nodes():
        return []
    out = s.heading("Everything on the map",
                    "Every part of the map in words, in the order the pattern reads, with the "
                    "notes we made together.")
    people = bool(s.g.people)
    for kind in READING_ORDER:
        nodes = s.nodes(kind)
        if not nodes:
            continue
        out.append(KindHeading(kind, len(nodes)))
        for node in nodes:
            who = s.name(s.whose(node)) if people else ""
            note = clean_label(therapist_note(node.note)) if node.note else ""
            out.append(IndexRow(clean_label(node.label), _details(s, node), note,
                                who.capitalize() if who == "you" else who))
    noted = [lk for lk in s.g.links() if lk.note]
    if noted:
        out.append(KindHeading(None, len(noted), "Notes on the links"))
        for lk in noted:
            source, target = s.node(lk.source).label, s.node(lk.target).label
            step = f"{clean_label(source)} → {clean_label(target)}"
            out.append(IndexRow(step, link_phrase(lk.kind), clean_label(lk.note or ""), ""))
    return out


def private_section(s: Story, width: float) -> list[Flowable]:
    """The therapist's private notes, on pages of their own, clearly marked.

    Empty for the client's version."""
    if s.audience != "therapist":
        return []
    noted = [n for n in s.nodes() if n.private_note]
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
