"""The export formats `attachmap export` and the session screen offer.

Each format renders a map for an audience to bytes; importing its module
lazily keeps start-up fast (reportlab is only loaded for a PDF), and the
table itself imports nothing, so the command line's help can list it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exports.audience import Audience
    from patterns.models import RelationalMap


@dataclass(frozen=True)
class ExportFormat:
    """One way to write a map out."""

    name: str
    suffix: str
    description: str
    target: str  # "module:function" taking (map, **options) and returning bytes


FORMATS: dict[str, ExportFormat] = {
    "pdf": ExportFormat("pdf", ".pdf", "PDF relational map to take home", "exports.pdf:render_pdf"),
    "toml": ExportFormat("toml", ".toml", "the map itself, to keep or load again",
                         "exports.formats:render_toml"),
    "md": ExportFormat("md", ".md", "Markdown for notes systems", "exports.markdown:render_markdown_bytes"),
    "dot": ExportFormat("dot", ".dot", "Graphviz DOT: draw the map with dot -Tsvg",
                        "exports.dot:render_dot"),
    "json": ExportFormat("json", ".json", "JSON node-link data for Python, D3 or Kumu",
                         "exports.node_link:render_json"),
    "svg": ExportFormat("svg", ".svg", "the map drawn as SVG, for a web page or a note tool",
                        "exports.svg_map:render_svg"),
}


def render_toml(m: RelationalMap, **_: Any) -> bytes:
    """The map as v1 TOML (the audience has already been applied)."""
    from exports.store.toml import dumps_map

    return dumps_map(m).encode("utf-8")


def render(m: RelationalMap, fmt: str, audience: Audience = "client", **options: Any) -> bytes:
    """The map in format `fmt`, as `audience` may see it."""
    from exports.audience import for_audience

    spec = FORMATS[fmt]
    module_name, function_name = spec.target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    return function(for_audience(m, audience), audience=audience, **options)
