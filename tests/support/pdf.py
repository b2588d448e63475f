"""What a PDF prints, read back from its own drawing operations (including
the forms the map is drawn into), so a test measures what a printer prints."""

from __future__ import annotations

import io
import math

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _walk(stream, resources, reader, ctm: Matrix, sizes: list[float]) -> None:
    stack: list[Matrix] = []
    tm: Matrix = IDENTITY
    font_size = 0.0
    for operands, op in ContentStream(stream, reader).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _times(tuple(float(x) for x in operands), ctm)
        elif op == b"BT":
            tm = IDENTITY
        elif op == b"Tf":
            font_size = float(operands[1])
        elif op == b"Tm":
            tm = tuple(float(x) for x in operands)
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            a, b, c, d, _, _ = _times(tm, ctm)
            sizes.append(font_size * math.sqrt(abs(a * d - b * c)))
        elif op == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject["/Subtype"] == "/Form":
                matrix = tuple(float(x) for x in xobject.get("/Matrix", IDENTITY))
                _walk(xobject, xobject.get("/Resources", resources), reader,
                      _times(matrix, ctm), sizes)


def type_sizes(data: bytes) -> list[float]:
    """The printed size of every piece of text in the PDF, in points."""
    reader = PdfReader(io.BytesIO(data))
    sizes: list[float] = []
    for page in reader.pages:
        _walk(page.get_contents(), page["/Resources"], reader, IDENTITY, sizes)
    return sizes
