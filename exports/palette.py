"""The colours of the kinds, as hex: one palette for every picture of the map
(the PDF, Graphviz, Mermaid), so a trigger is the same orange everywhere.

Soft fills that print well in colour and in grey, each with a deeper outline;
the kind is always said in words or shape too, never by colour alone.
"""

from __future__ import annotations

from patterns.vocabulary import NodeKind

#: (fill, outline) for each kind of box.
KIND_HEX: dict[NodeKind, tuple[str, str]] = {
    NodeKind.TRIGGER: ("#FDE3CF", "#C0601A"),
    NodeKind.FEELING: ("#F9D9E0", "#B3405C"),
    NodeKind.MEANING: ("#E8E0F5", "#6B50A6"),
    NodeKind.SENSATION: ("#FBF0C6", "#9C7A0F"),
    NodeKind.STRATEGY: ("#D8E6F3", "#2D5F92"),
    NodeKind.NEED: ("#D5EFE6", "#217A64"),
    NodeKind.RESOURCE: ("#E5F1D6", "#56832B"),
    NodeKind.RESPONSE: ("#D4EEF4", "#1C7689"),
    NodeKind.ORIGIN: ("#EDE7E0", "#75624F"),
}

#: Accent colours of loops, in order: the first loop is the one that matters most.
LOOP_HEX: tuple[str, ...] = ("#C0392B", "#7D3C98", "#D35400", "#117A65")

#: The ink of text on the pictures.
INK_HEX = "#23272E"

__all__ = ["INK_HEX", "KIND_HEX", "LOOP_HEX"]
