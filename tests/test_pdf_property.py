"""Any valid map makes a PDF: any Unicode, control characters, empty tables,
loops, experiments; for both audiences; never with type under 7 pt."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from exports.pdf import render_pdf
from exports.pdf_style import MIN_FONT
from patterns.models import RelationalMap
from tests.support.strategies import maps
from tests.support.pdf import type_sizes


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=10))
def test_any_valid_map_makes_a_readable_pdf_for_both_audiences(m: RelationalMap) -> None:
    client = render_pdf(m, audience="client")
    therapist = render_pdf(m, audience="therapist")
    for data in (client, therapist):
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 2  # the map, then the story
        assert min(type_sizes(data)) >= MIN_FONT - 0.01
    client_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(client)).pages)
    assert "Therapist only: private notes" not in client_text
    assert "THERAPIST’S COPY" not in client_text
