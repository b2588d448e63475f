"""The map pane: the largest thing on screen, titled with what it shows.

It hands the map view one immutable snapshot per change of the map (so the
view lays out again only when there is something new to lay out), narrowed
to the person whose side is chosen or to the neighbourhood of a node. Behind
the privacy screen the snapshot's labels are masked too (`S. goes quiet`),
so no name reaches the picture.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from patterns.layout import snapshot
from patterns.layout.model import MapSnapshot
from tui.messages import NodeChosen
from tui.session.view import SessionView
from tui.widgets.map_view import MapView


class MapPane(Vertical):
    """A frame around the map picture: `Map · all people`, `Map · Sam`,
    `Map · around “scared of being left”`."""

    #: Drawn a frame after the quick panes (see SessionScreen.redraw).
    LATE = True
    #: The picture is fitted to the pane's size: not drawn before it has one.
    SIZED = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._snap: MapSnapshot | None = None
        self._snap_key: tuple[int, bool, frozenset[str]] | None = None
        self._title = ""
        #: Narrow the picture to the nodes around this one (None: the whole map).
        self.around: str | None = None

    def compose(self) -> ComposeResult:
        yield MapView(id="map-view")

    def _snapshot(self, view: SessionView) -> MapSnapshot:
        key = (view.revision, view.privacy, view.new)
        if self._snap is None or self._snap_key != key:
            snap = snapshot(view.graph, new=view.new)
            if view.privacy:
                snap = snap.model_copy(update={
                    "title": view.mask(snap.title),
                    "nodes": tuple(n.model_copy(update={"label": view.mask(n.label)})
                                   for n in snap.nodes),
                })
            self._snap, self._snap_key = snap, key
        return self._snap

    def show(self, view: SessionView) -> None:
        """Redraw the picture and its title."""
        if self.around is not None and self.around not in view.graph:
            self.around = None
        who = view.graph.person(view.person)
        title = "Map · " + (view.person_name(who) if who else "all people")
        if self.around is not None:
            title += f" · around “{view.label(self.around)[:30]}”"
        if title != self._title:  # setting it repaints the whole frame
            self._title = title
            self.border_title = Content(title)  # a str would be read as markup
        self.query_one(MapView).show(self._snapshot(view), selected=view.selected,
                                     loop=view.loop, person=view.person, around=self.around,
                                     privacy=view.privacy)

    @on(MapView.NodeSelected)
    def _picked(self, event: MapView.NodeSelected) -> None:
        event.stop()
        self.post_message(NodeChosen(event.node_id))


__all__ = ["MapPane"]
