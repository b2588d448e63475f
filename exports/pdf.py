"""`attachmap export FILE -f pdf`: the relational map as a PDF to take home.

Page 1 is the map itself, drawn as vectors from the same layout as the
session screen (patterns.layout), so screen and paper tell the same story;
a large map gets a larger sheet, or an overview and a page per person. Then
the story, in plain, warm words for the client: the pattern sentences, the
loops and what each move protects, the needs underneath, the new responses
and how practice is going, what steadies, the repairs, the sessions so far,
and everything on the map as a list. The therapist's version adds the
private notes in a clearly marked section, and says so on every page.

The PDF's metadata names no client or person unless `name_in_metadata=True`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from exports.audience import Audience, for_audience
from exports.errors import AttachmapError
from exports.pdf_fonts import BOLD, REGULAR, missing_glyphs, register_fonts, text_width
from exports.pdf_map_pages import MapKey, MapPageFlowable
from exports.pdf_map_plan import MapPage, plan_pages
from exports.pdf_metadata import PdfMetadata, apply_metadata, metadata_for
from exports.pdf_notes import index_section, private_section
from exports.pdf_practice import story_of_practice
from exports.pdf_story import Bookmark, Story, story_of_pattern
from exports.pdf_style import MARGIN, PAPERS, PRIVATE, QUIET, Paper, page_size, styles
from exports.pdf_text import visual
from patterns.graph import MapGraph
from patterns.insights import analyse
from patterns.layout import layout_map, snapshot_of_map
from patterns.models import RelationalMap
from patterns.text import clean_label
from patterns.voice import day


class _Decorations:
    """What every page carries: the page number, and on the therapist's copy
    a warning that it holds private notes. Also writes the metadata."""

    def __init__(self, meta: PdfMetadata, therapist: bool, signature: str | None = None) -> None:
        self.meta = meta
        self.therapist = therapist
        #: The therapist and practice (the settings), at the foot of every page.
        self.signature = visual(clean_label(signature)) if signature else ""
        self.when = dt.datetime.now(dt.UTC)

    def __call__(self, canvas, doc) -> None:
        if doc.page == 1:
            apply_metadata(canvas, self.meta, self.when)
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(QUIET)
        canvas.drawRightString(width - MARGIN, 14, f"page {doc.page}")
        if self.signature:  # left, where the therapist's copy has its warning: above it
            room = width - 2 * MARGIN - text_width(f"page {doc.page}", REGULAR, 8) - 12
            canvas.drawString(MARGIN, 24 if self.therapist else 14,
                              _fitted(self.signature, room, 8))
        if self.therapist:
            canvas.setFillColor(PRIVATE)
            canvas.setFont(BOLD, 8)
            canvas.drawString(MARGIN, 14,
                              "THERAPIST’S COPY: holds private notes, not for the client")
        canvas.restoreState()


def _fitted(text: str, width: float, size: float) -> str:
    """`text`, cut with `…` to fit `width` points at `size`."""
    if text_width(text, REGULAR, size) <= width:
        return text
    while text and text_width(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _subtitle(m: RelationalMap) -> str:
    when = m.updated or m.created
    return f"updated {day(when)}" if when else ""


def _missing_letters(m: RelationalMap, story: Story) -> list[Flowable]:
    """Say so, rather than leave unexplained empty boxes, when a label holds
    letters the shipped font lacks (Chinese, Japanese, Korean...)."""
    texts = [m.title] + [p.name for p in m.people] + [n.label for n in m.nodes] + \
        [n.note or "" for n in m.nodes]
    missing = sorted(set().union(*(missing_glyphs(t) for t in texts)))
    if not missing:
        return []
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in missing[:12]) + (" …" if len(missing) > 12 else "")
    return [story.p(f"Some letters in this map are outside the font attachmap ships, and show as "
                    f"empty boxes: {codes}.", "small")]


def render_pdf(m: RelationalMap, *, audience: Audience = "client", paper: Paper = "a4",
               name_in_metadata: bool = False, signature: str | None = None, **_: Any) -> bytes:
    """The map as a PDF for `audience` on `paper` (`a4` or `letter`); `signature`
    (the therapist and practice, from the settings) goes at the foot of each page."""
    if paper not in PAPERS:
        raise AttachmapError(f"unknown paper size {paper!r}: expected one of {', '.join(PAPERS)}")
    if audience not in ("client", "therapist"):
        raise AttachmapError(f"unknown audience {audience!r}: expected client or therapist")
    register_fonts()
    m = for_audience(m, audience)  # again, for callers that did not: no private note leaks
    therapist = audience == "therapist"
    g = MapGraph.from_map(m)
    insights = analyse(g)
    snap = snapshot_of_map(m)
    # The key is measured on the narrower side: the most rows it can take.
    layout = layout_map(snap)
    key = MapKey.of(layout.edges)
    names = {p.id: p.name for p in m.people}
    marked = {n.id for n in m.nodes if n.private_note} if therapist else set()
    pages = plan_pages(snap, paper, key.height(min(page_size(paper))), names, marked, layout)
    meta = metadata_for(m, audience, name_in_metadata=name_in_metadata)
    decorate = _Decorations(meta, therapist, signature)

    story_size = page_size(paper)
    frame_w = story_size[0] - 2 * MARGIN
    templates: dict[tuple[float, float], str] = {}
    page_templates = []
    for page in pages:
        if page.size not in templates:
            templates[page.size] = f"map{len(templates)}"
            frame = Frame(0, 0, *page.size, leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0, id=f"map-frame{len(templates)}")
            page_templates.append(PageTemplate(templates[page.size], [frame], onPage=decorate,
                                               pagesize=page.size))
    story_frame = Frame(MARGIN, MARGIN, frame_w, story_size[1] - 2 * MARGIN, id="story-frame")
    page_templates.append(PageTemplate("story", [story_frame], onPage=decorate, pagesize=story_size))

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=pages[0].size, pageTemplates=page_templates, lang="en",
        initialFontName=REGULAR, initialFontSize=10,  # no Helvetica: only the shipped font
        title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords,
        creator=meta.creator, producer=meta.producer,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
    )
    title = m.title + (f" · {_subtitle(m)}" if _subtitle(m) else "")
    flow: list[Flowable] = []
    for i, page in enumerate(pages):
        if i:
            flow += [NextPageTemplate(templates[page.size]), PageBreak()]
        if i == 0:
            flow.append(Bookmark("The map" if len(pages) == 1 else "The map (overview)"))
        flow.append(MapPageFlowable(page, key, title=title, therapist=therapist))
    flow += [NextPageTemplate("story"), PageBreak()]
    story = Story(g, insights, styles(), audience)
    flow += story_of_pattern(story)
    flow += story_of_practice(story, frame_w - 12)
    flow += index_section(story, frame_w - 12)
    flow += _missing_letters(m, story)
    flow += private_section(story, frame_w - 12)
    doc.build(flow)
    return buffer.getvalue()


__all__ = ["MapPage", "render_pdf"]
