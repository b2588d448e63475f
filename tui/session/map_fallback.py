"""A plain picture of the map in bands by kind, used until the map view lands.

Each band is headed by its kind (so it reads without colour) and lists its
parts with their outgoing links; the selected node and the loop in focus
are marked.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from patterns.vocabulary import KIND_PLURALS, READING_ORDER, link_phrase
from tui.session.view import SessionView


class PlainMap(VerticalScroll):
    """The map as text bands; it shows, it does not edit."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="plain-map-text")

    def show(self, view: SessionView) -> None:
        """Redraw from the map."""
        g = view.graph
        text = Text()
        if not len(g):
            text.append("The map is empty. Type on the line below, for example\n\n", style="dim")
            text.append("  When Sam goes quiet, I feel scared, so I text again, because I need"
                        " reassurance\n", style="bold")
        in_loop = set(view.loop or ())
        for kind in READING_ORDER:
            nodes = g.nodes(kind)
            if not nodes:
                continue
            text.append(f"{KIND_PLURALS[kind].upper()}\n", style="bold dim")
            for node in nodes:
                mark = "▶ " if node.id == view.selected else "⟳ " if node.id in in_loop else "  "
                style = "reverse" if node.id == view.selected else "bold" if node.id in in_loop else ""
                text.append(f"{mark}{view.mask(node.label)}", style=style)
                outs = [f"{link_phrase(lk.kind)} {view.label(lk.target)}"
                        for lk in g.links_out(node.id)]
                if outs:
                    text.append("  → " + "; ".join(outs), style="dim")
                text.append("\n")
        self.query_one("#plain-map-text", Static).update(text)


__all__ = ["PlainMap"]
