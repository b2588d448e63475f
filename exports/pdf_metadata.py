"""What the PDF says about itself: its document info and XMP metadata.

Metadata travels further than the pages: file managers, cloud previews,
search indexes and mail clients show it without opening the file. So, by
default, it names no client and no person: a generic title, no author, and
none of reportlab's own defaults ("anonymous", "(unspecified)"), which read
as if something were missing. With `name_in_metadata=True` (the user asked
for it) the title and client alias go in, to find the file again.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from pydantic import BaseModel
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfgen.canvas import Canvas

from exports.audience import Audience
from patterns.models import RelationalMap

CREATOR = "attachmap"
PRODUCER = "attachmap (reportlab)"
GENERIC_TITLE = "Relational map"


class PdfMetadata(BaseModel):
    """The document info of one export, also written as XMP."""

    title: str
    """Shown in a viewer's title bar and a file manager's preview."""
    author: str
    """Empty unless names were allowed: the therapist is not known, and the
    client must not be named by default."""
    subject: str
    """What the document is, in a phrase."""
    keywords: list[str]
    """Words to find the file by; names only if allowed."""
    creator: str = CREATOR
    """The application that made the content."""
    producer: str = PRODUCER
    """The library that wrote the PDF."""


def metadata_for(m: RelationalMap, audience: Audience, *, name_in_metadata: bool = False) -> PdfMetadata:
    """The metadata of `m`'s PDF for `audience`: nameless unless `name_in_metadata`."""
    subject = ("A relational map of attachment patterns, therapist's copy with private notes"
               if audience == "therapist" else "A relational map of attachment patterns, to take home")
    keywords = ["attachment", "relational map", CREATOR]
    if not name_in_metadata:
        return PdfMetadata(title=GENERIC_TITLE, author="", subject=subject, keywords=keywords)
    names = [p.name for p in m.people]
    return PdfMetadata(
        title=m.title,
        author=m.client or "",
        subject=subject,
        keywords=keywords + ([m.client] if m.client else []) + names,
    )


def xmp_packet(meta: PdfMetadata, when: dt.datetime) -> str:
    """The same metadata as an XMP packet (what newer viewers and indexers read)."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = (f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>"
               if meta.author else "")
    subjects = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in meta.keywords)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"{creator}"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li>'
        "</rdf:Alt></dc:description>\n"
        f"<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>\n"
        f"<pdf:Keywords>{escape(', '.join(meta.keywords))}</pdf:Keywords>\n"
        f"<pdf:Producer>{escape(meta.producer)}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{escape(meta.creator)}</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )


def apply_metadata(canvas: Canvas, meta: PdfMetadata, when: dt.datetime) -> None:
    """Write `meta` into the document info and the catalog's XMP stream of `canvas`."""
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(meta.creator)
    canvas.setProducer(meta.producer)
    packet = xmp_packet(meta, when).encode("utf-8")  # XMP is UTF-8, not PDFDocEncoding
    canvas.setCatalogEntry("Metadata", XMP(creator=lambda _doc: packet))
