"""What every pane of the session screen is shown: the map and how to look at it.

The screen owns the map; after each change it hands each pane one
`SessionView` (data down). The view also knows how the privacy screen
speaks: people by their initials, private notes hidden; and every word it
hands out is safe for the terminal (`patterns.text.terminal_safe`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from patterns.graph import MapGraph
from patterns.models import Node, Person
from patterns.text import terminal_safe
from patterns.vocabulary import NodeKind
from patterns.voice import initials, mask_names

if TYPE_CHECKING:
    from patterns.insights import Insights

HIDDEN_NOTE = "(hidden: privacy on)"
#: Maps up to this many nodes are analysed on the screen's thread, once per
#: view for every pane that needs it; larger ones in a worker.
ANALYSE_HERE = 150


@dataclass(frozen=True)
class SessionView:
    """The map as the session screen shows it right now."""

    graph: MapGraph
    """The map itself (read only: panes ask for edits with `EditRequested`)."""
    revision: int
    """Counts every change, so a pane can skip a redraw it already made."""
    selected: str | None = None
    """The node in focus (its details show below the map)."""
    loop: tuple[str, ...] | None = None
    """The loop highlighted on the map, node ids in order."""
    person: str | None = None
    """Whose side new nodes go to, and the map narrows to (None: everyone)."""
    privacy: bool = False
    """The privacy screen: private notes hidden, people as initials."""
    new: frozenset[str] = frozenset()
    """Nodes mapped since the previous session, marked ✦ while the
    therapist asks to see what is new (empty otherwise)."""

    @property
    def analysed_here(self) -> bool:
        """True when the map is small enough to analyse on the screen's thread."""
        return len(self.graph) <= ANALYSE_HERE

    @cached_property
    def insights(self) -> Insights:
        """What the map reveals (`patterns.insights.analyse`), found once for
        every pane shown this view: the map's cycles and the Patterns panel
        come from the same analysis."""
        from patterns.insights import analyse

        return analyse(self.graph)

    @cached_property
    def _people_shown(self) -> list[Person]:
        """The people with their names as shown, for masking in text already made safe."""
        return [p if terminal_safe(p.name) is p.name
                else p.model_copy(update={"name": terminal_safe(p.name)})
                for p in self.graph.people]

    def mask(self, text: str) -> str:
        """Text as it may be shown: no control characters, and behind the
        privacy screen every person's name in it (`Sam goes quiet`) becomes
        initials (`S. goes quiet`)."""
        text = terminal_safe(text)
        return mask_names(text, self._people_shown) if self.privacy else text

    def label(self, node_id: str) -> str:
        """A node's label as it may be shown."""
        return self.mask(self.graph.node(node_id).label)

    def person_name(self, person: Person | None) -> str:
        """A person's name, or their initials behind the privacy screen."""
        if person is None:
            return ""
        shown = terminal_safe(person.name)
        return initials(shown) if self.privacy else shown

    def owner_name(self, node: Node) -> str:
        """Whose experience a node is, as it may be shown."""
        return self.person_name(self.graph.owner(node))

    def private_note(self, node: Node) -> str | None:
        """The private note, or a placeholder while the privacy screen is on."""
        if node.private_note is None:
            return None
        return HIDDEN_NOTE if self.privacy else terminal_safe(node.private_note)

    def node(self, node_id: str | None) -> Node | None:
        """The node with this id if it is still on the map."""
        if node_id is None or node_id not in self.graph:
            return None
        return self.graph.node(node_id)

    def kind_text(self, node: Node) -> str:
        """`feeling, core` / `strategy, pursue` / `trigger`."""
        extra = node.layer if node.kind is NodeKind.FEELING else node.style
        return f"{node.kind.value}, {extra.value}" if extra is not None else node.kind.value


__all__ = ["ANALYSE_HERE", "HIDDEN_NOTE", "SessionView"]
