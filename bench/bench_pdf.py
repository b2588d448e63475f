"""PDF export (issue 5): targets ≤ 200 ms at 60 nodes and ≤ 1.5 s at 400
(the plain invented map, and the dense one, two links a node).

Baseline, measured in the same run: a plain reportlab document of the same
size drawn the simplest way (one page, every label in a rectangle, one line
per link, one paragraph per node), i.e. what any reportlab export of the
map costs at least. Peak memory is measured with tracemalloc, beside the
size of the PDF.
"""

from __future__ import annotations

import io
import statistics
import time
import tracemalloc

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate
from timing import Row, measure, median, p95

from exports.pdf import render_pdf
from exports.pdf_fonts import REGULAR, register_fonts
from patterns.models import RelationalMap
from patterns.synthetic import synthetic_map


def plain_reportlab(m: RelationalMap) -> bytes:
    """The baseline: the map's words and links on paper, with no design at all."""
    register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4)
    where = {}
    for i, node in enumerate(m.nodes):
        x, y = 20 + (i % 6) * 95, 800 - (i // 6) * 12 % 780
        where[node.id] = (x, y)
        c.rect(x, y, 90, 10)
        c.setFont(REGULAR, 7)
        c.drawString(x + 2, y + 2, node.label[:30])
    for link in m.links:
        (x1, y1), (x2, y2) = where[link.source], where[link.target]
        c.line(x1, y1, x2, y2)
    c.showPage()
    style = getSampleStyleSheet()["BodyText"]
    story = [Paragraph(node.label, style) for node in m.nodes]
    doc = SimpleDocTemplate(io.BytesIO())
    doc.build(story)
    c.save()
    return buffer.getvalue()


def _cpu_ms(fn, repeats: int) -> float:
    """Median CPU time of `fn` in ms: steadier than wall time on a shared machine."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def _peak_kib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def rows(quick: bool) -> list[Row]:
    repeats = 3 if quick else 15
    out = []
    # A dense map (two links a node) is the costly case: drawn too large for
    # a page, each person's side gets pages of its own, marks where links go on.
    for n, dense, target in ((60, False, 200.0), (400, False, 1500.0), (400, True, 1500.0)):
        m = synthetic_map(n, dense=dense)
        base = measure(lambda m=m: plain_reportlab(m), repeats)
        times = measure(lambda m=m: render_pdf(m), repeats)
        what = f"PDF export of a {'dense ' if dense else ''}{n}-node map"
        out.append(Row(what, median(times), "plain reportlab", median(base), target, p95(times)))
        cpu = _cpu_ms(lambda m=m: render_pdf(m), repeats)
        base_cpu = _cpu_ms(lambda m=m: plain_reportlab(m), repeats)
        out.append(Row(f"{what}, CPU time", cpu, "plain reportlab CPU",
                       base_cpu, target, note="process time: wall time less waiting for a busy CPU"))
        size = len(render_pdf(m)) / 1024
        peak = _peak_kib(lambda m=m: render_pdf(m))
        base_peak = _peak_kib(lambda m=m: plain_reportlab(m))
        out.append(Row(f"{what}, peak memory", 0.0, "plain reportlab",
                       0.0, None, None,
                       note=f"plain reportlab {base_peak / 1024:.1f} MiB; PDF {size:.0f} KiB",
                       value=f"{peak / 1024:.1f} MiB"))
    return out
