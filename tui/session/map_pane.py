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
from patterns.layout.key import Family, KeyEntry
from patterns.layout.model import MapSnapshot
from tui.messages import NodeChosen
from tui.session.view import SessionView
from tui.widgets.map_view import MapView


#: The key's line samples on screen, with the role they are drawn in.
_SAMPLES: dict[Family, tuple[str, str]] = {
    Family.CYCLE: ("━━", "$error"), Family.VARIANT: ("╌╌", "$error 55%"),
    Family.LEADS: ("──", "$text-muted"), Family.MASKS: ("┈┈", "$text-muted"),
    Family.HELPS: ("══", "$text-muted"), Family.BLOCKS: ("─⊥", "$text-muted"),
}


def key_sample(family: Family) -> str:
    """How a family of line looks in the key: `━━`, `┈┈`, `─⊥`."""
    return _SAMPLES[family][0]


#: The key's entries a reader can best do without, first: a plain arrow
#: reads as "leads to" unexplained, a variant is the cycle's colour again.
_LEAST_NEEDED = (Family.LEADS, Family.VARIANT, Family.HELPS, Family.MASKS, Family.BLOCKS)


def key_line(key: list[KeyEntry], room: int | None = None) -> Content:
    """The key in one line of at most `room` cells, for the map's bottom
    border: each line's look, then what it means. Never cut inside an entry:
    where the line is too wide the gaps close up, then the ⟳ goes, then the
    entries a reader needs least are left out whole."""
    def line(entries: list[KeyEntry], gap: str, mark: bool) -> Content:
        parts: list[str | tuple[str, str]] = []
        for k, entry in enumerate(entries):
            sample, style = _SAMPLES[entry.family]
            words = entry.short if mark else entry.short.removeprefix("⟳ ")
            parts += [gap] if k else []
            parts += [(sample, style), f" {words}"]
        return Content.assemble(*parts)

    entries = list(key)
    for gap, mark in (("  ", True), (" ", True), (" ", False)):
        text = line(entries, gap, mark)
        if room is None or text.cell_length <= room:
            return text
    for family in _LEAST_NEEDED:
        entries = [e for e in entries if e.family is not family]
        text = line(entries, " ", False)
        if text.cell_length <= room:
            return text
    return Content("")


class MapPane(Vertical):
    """A frame around the map picture: `Map · all people · fit`, `Map · Sam`,
    `Map · around “scared of being left”`, with the key in its bottom border."""

    #: Drawn a frame after the quick panes (see SessionScreen.redraw).
    LATE = True
    #: The picture is fitted to the pane's size: not drawn before it has one.
    SIZED = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._snap: MapSnapshot | None = None
        self._snap_key: tuple[int, bool, frozenset[str]] | None = None
        #: Narrow the picture to the nodes around this one (None: the whole map).
        self.around: str | None = None
        self._title = ""
        self._mode = ""
        self._key: list[KeyEntry] = []

    def compose(self) -> ComposeResult:
        yield MapView(id="map-view")

    def _snapshot(self, view: SessionView) -> MapSnapshot:
        key = (view.revision, view.privacy, view.new)
        if self._snap is None or self._snap_key != key:
            # A small map's cycles are the Patterns panel's (one analysis);
            # what did not change is taken from the snapshot before.
            snap = snapshot(view.graph, new=view.new,
                            cycles=view.insights.cycles if view.analysed_here else None,
                            before=self._snap)
            if view.privacy:
                snap = snap.model_copy(update={
                    "title": view.mask(snap.title),
                    "nodes": tuple(n.model_copy(update={"label": view.mask(n.label)})
                                   for n in snap.nodes),
                    "cycles": tuple(c.model_copy(update={"name": view.mask(c.name)})
                                    if c.name else c for c in snap.cycles),
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
        map_view = self.query_one(MapView)
        map_view.show(self._snapshot(view), selected=view.selected, loop=view.loop,
                      person=view.person, around=self.around, privacy=view.privacy)
        # A small map is drawn by now: its mode and key go with it, in the
        # same frame (a large one sends `MapView.Redrawn` when it is ready).
        self._frame(title, map_view.fit_mode, map_view.key)

    def _frame(self, title: str, mode: str, key: list[KeyEntry]) -> None:
        """The frame's title (what the map shows, and how it is drawn) and the
        key in its bottom border; each set only when it changes (setting it
        repaints the whole frame)."""
        if (title, mode) != (self._title, self._mode):
            self._title, self._mode = title, mode
            # Plain content: the title holds the client's words, never markup.
            self.border_title = Content(f"{title} · {mode}" if mode else title)
        if key != self._key:
            self._key = key
            self.border_subtitle = key_line(key, self._key_room())

    def _key_room(self) -> int:
        """Cells the bottom border leaves for the key: Textual keeps two
        corners, and a line and a blank inside each."""
        return max(0, self.outer_size.width - 6)

    def on_resize(self) -> None:
        self.border_subtitle = key_line(self._key, self._key_room())

    @on(MapView.Redrawn)
    def _redrawn(self, event: MapView.Redrawn) -> None:
        event.stop()
        self._frame(self._title, event.mode, event.key)

    @on(MapView.NodeSelected)
    def _picked(self, event: MapView.NodeSelected) -> None:
        event.stop()
        self.post_message(NodeChosen(event.node_id))


__all__ = ["MapPane", "key_line", "key_sample"]
