"""The map view: the relational map drawn in the terminal, as the pattern reads.

Bands by kind top to bottom (triggers, feelings and meanings, strategies,
needs, with origins above and new responses and resources below), each
person's side in a column of its own, arrows with the link kind written where
there is room. ⟳ marks a node on a loop; the selected loop is drawn heavy and
the selected node with a double border, so neither needs colour to be seen.

Public API (used by the session and review screens):

    view.show(snap, selected=..., loop=[...], person=..., around=..., privacy=...)
    view.select(node_id)                # and scroll to it
    view.full_labels = True             # every label whole (F7 toggles it)
    @on(MapView.NodeSelected)           # the user moved to or clicked a node

The picture is laid out from an immutable `MapSnapshot` (patterns.layout):
small maps synchronously, large ones in a worker thread so the screen never
waits. By default it fits the view: labels cut with … (whole in the details)
so that as much of the map, its loops first, shows without scrolling
(tui.widgets.map_fit, chosen again when the view's size changes). After an
edit the layout is reused when the map's structure did not change, and the
picture when the boxes say the same. Lines are drawn on demand (Line API),
so scrolling a large map costs only the lines on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.binding import Binding
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from patterns.layout.fit import Asked, Drawn, draw_map
from patterns.layout.key import KeyEntry, key_entries
from patterns.layout.model import MapLayout, MapSnapshot
from patterns.vocabulary import NodeKind
from tui.widgets.map_canvas import ViewState
from tui.widgets.map_cells import CELLS
from tui.widgets.map_moves import nearest_box
from tui.widgets.map_picture import Picture
from tui.widgets.map_window import Runs, message_row, role_style, sticky, to_picture, window_row

#: Maps with more nodes than this are laid out in a worker thread.
SYNC_LIMIT = 150
#: The view's size while it has none yet (before it is first laid out).
UNSIZED = (120, 0)


class MapView(ScrollView, can_focus=True):
    """The map picture: scrolls, follows the selected node, narrows on request."""

    DEFAULT_CSS = (Path(__file__).with_name("map_view.tcss")).read_text("utf-8")

    COMPONENT_CLASSES = {
        "map-view--band", "map-view--header", "map-view--message", "map-view--edge",
        "map-view--edge-cycle", "map-view--edge-variant", "map-view--edge-selected",
        "map-view--label", "map-view--cycle-name", "map-view--tag", "map-view--mark",
        "map-view--selected",
        *(f"map-view--{kind.value}" for kind in NodeKind),
    }

    BINDINGS = [
        Binding("up", "move('up')", "Node above", show=False),
        Binding("down", "move('down')", "Node below", show=False),
        Binding("left", "move('left')", "Node to the left", show=False),
        Binding("right", "move('right')", "Node to the right", show=False),
        Binding("f7", "full_labels(True)", "full labels", id="map.full-labels"),
        Binding("f7", "full_labels(False)", "fit the screen", id="map.fit-screen"),
    ]

    @dataclass
    class NodeSelected(Message):
        """The user moved to or clicked a node."""

        map_view: MapView
        node_id: str
        """The id of the node now selected."""

        @property
        def control(self) -> MapView:
            """The map view the node was selected in."""
            return self.map_view

    @dataclass
    class Redrawn(Message):
        """A new drawing of the map is on screen: its mode and its key."""

        map_view: MapView
        mode: str
        """How it is drawn, in a word or two (`MapView.fit_mode`)."""
        key: list[KeyEntry]
        """What its lines mean (patterns.layout.key)."""

        @property
        def control(self) -> MapView:
            """The map view redrawn."""
            return self.map_view

    @dataclass
    class _Laid(Message):
        """A layout finished in the worker."""

        generation: int
        drawn: Drawn
        picture: Picture

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._snap: MapSnapshot | None = None
        self._look = Asked()
        self._drawing: Drawn | None = None  # the map on screen and what it was drawn from
        self._picture: Picture | None = None  # the same, in cells
        self._generation = 0  # counts layouts asked for
        self._shown = 0  # the one on screen
        self._sized_for = (0, 0)
        self._pending = False
        self._working = False  # a layout thread is running
        self._again = False  # the map changed while it ran
        self._loop: tuple[str, ...] = ()
        self._follow: str | None = None  # the node to bring into view once laid out
        self._state = ViewState()
        self._rows: dict[tuple[int, int, int, bool], list[tuple[str, str]]] = {}
        #: The runs each row of the view shows now, so a change repaints only
        #: the rows that differ (adding a node leaves most of a screen as it was).
        self._drawn: dict[int, list[tuple[str, str]]] = {}
        self._styles: dict[str, Style] = {}
        self._base: Style | None = None

    # -- public API ---------------------------------------------------------

    def show(
        self,
        snap: MapSnapshot,
        *,
        selected: str | None = None,
        loop: Sequence[str] | None = None,
        person: str | None = None,
        around: str | None = None,
        privacy: bool = False,
        radius: int = 1,
    ) -> None:
        """Draw the map from a snapshot: the selected node, the selected loop
        (its node ids in order), narrowed to one person and/or to the nodes
        within `radius` links of `around`; privacy shows people's initials."""
        self._loop = tuple(loop or ())
        self._state = replace(self._state, selected=selected, privacy=privacy,
                              people=snap.people)
        look = replace(self._look, person=person, around=around, radius=radius)
        follow = selected
        if snap is not self._snap or look != self._look or self._drawing is None:
            if self._snap is not None and snap is not self._snap:
                # A part just added (typed, or back by undo) is brought into
                # view, so the people talking see where it went.
                before = {n.id for n in self._snap.nodes}
                added = [n.id for n in snap.nodes if n.id not in before]
                if added and selected not in added:
                    follow = added[-1]
            self._snap, self._look = snap, look
            self._follow = follow
            self._lay_out()
        else:
            self._restyle()
        self._present(follow)

    def select(self, node_id: str | None) -> None:
        """Select a node (None: no selection) and scroll so it is visible."""
        self._state = replace(self._state, selected=node_id)
        self._restyle()
        self._present(node_id)

    @property
    def selected(self) -> str | None:
        """The id of the selected node, if any."""
        return self._state.selected

    @property
    def layout_result(self) -> MapLayout | None:
        """The layout on screen (None before the first one is ready)."""
        return self._drawing.layout if self._drawing is not None else None

    @property
    def picture(self) -> Picture | None:
        """The picture on screen, in cells (None before the first one)."""
        return self._picture

    @property
    def key(self) -> list[KeyEntry]:
        """What the lines of the drawing on screen mean (at most six entries)."""
        return key_entries(self._drawing.layout.edges) if self._drawing is not None else []

    @property
    def fit_mode(self) -> str:
        """How the map is drawn now, in a word or two (`fit`, `full labels`,
        `fit · compact`, `fit · one-line boxes`)."""
        if self._drawing is None:
            return "full labels" if self._look.full_labels else "fit"
        return self._drawing.fit.mode

    @property
    def full_labels(self) -> bool:
        """True while every label is shown whole (the picture scrolls);
        False while the picture fits the view, labels cut with …"""
        return self._look.full_labels

    @full_labels.setter
    def full_labels(self, value: bool) -> None:
        if value == self._look.full_labels:
            return
        self._look = replace(self._look, full_labels=value)
        self.refresh_bindings()
        if self._snap is not None:
            self._lay_out()
            self._present(self._state.selected)

    def action_full_labels(self, value: bool) -> None:
        """Show every label whole (True) or fit the map to the view (False)."""
        self.full_labels = value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F7 offers whichever of full labels / fit the screen is not shown."""
        if action == "full_labels" and parameters:
            return parameters[0] != self._look.full_labels
        return True

    @property
    def pending(self) -> bool:
        """True while a layout is being made in a worker."""
        return self._pending

    def node_region(self, node_id: str) -> Region | None:
        """Where a node's box is in the picture (virtual coordinates)."""
        box = self.picture.by_id.get(node_id) if self.picture else None
        return None if box is None else Region(box.x, box.y, box.w, box.h)

    # -- layout -------------------------------------------------------------

    def _view_size(self) -> tuple[int, int]:
        """The view's whole size (scrollbars included: map_fit allows for them)."""
        width, height = self.size
        return (width, height) if width else UNSIZED

    def _lay_out(self) -> None:
        """Lay out the current snapshot: here when small, else in a worker.
        How it fits is chosen once per view size and look, then kept, so
        boxes do not change size under the user's eyes at every edit."""
        assert self._snap is not None
        self._generation += 1
        width, height = self._view_size()
        if len(self._snap.nodes) <= SYNC_LIMIT:
            drawn = draw_map(self._snap, CELLS, self._look, width, height, self._drawing)
            self._apply(drawn, self._cells(drawn), self._generation)
            self._again = self._pending = False  # a running thread's result is older: dropped
        else:
            self._pending = True
            if self._working:
                # One layout thread at a time: a thread cannot be stopped, so
                # a burst of edits would otherwise pile them up. The latest
                # map is laid out as soon as the running one is done.
                self._again = True
                return
            self._working = True
            self._lay_out_in_worker(self._snap, self._look, width, height, self._drawing,
                                    self._generation)

    # A description of our own: by default Textual writes out every argument
    # (the whole snapshot, ~1 MB at 400 nodes) while the screen waits.
    @work(thread=True, group="map-layout", description="laying out the map")
    def _lay_out_in_worker(self, snap: MapSnapshot, look: Asked, width: int, height: int,
                           before: Drawn | None, generation: int) -> None:
        drawn = draw_map(snap, CELLS, look, width, height, before)
        self.post_message(self._Laid(generation, drawn, self._cells(drawn)))

    def _cells(self, drawn: Drawn) -> Picture:
        """The drawing in cells: made again only when the drawing is new."""
        picture = self._picture
        if picture is not None and picture.drawing is drawn.drawing:
            return picture
        return Picture.of(drawn.drawing)

    @on(_Laid)
    def _laid(self, message: _Laid) -> None:
        message.stop()
        self._working = False
        # Even a layout overtaken by edits is the newest there is: show it,
        # unless a small map was laid out here meanwhile.
        if message.generation > self._shown:
            self._apply(message.drawn, message.picture, message.generation)
        if self._again:
            self._again = False
            self._repaint_changed()  # the overtaken picture meanwhile
            self._lay_out()
            return
        self._pending = False
        self._present(self._follow or self._state.selected)

    def _apply(self, drawn: Drawn, picture: Picture, generation: int) -> None:
        before = self._drawing
        self._drawing, self._picture, self._shown = drawn, picture, generation
        self._set_virtual_size(Size(picture.width, picture.height))
        if before is None or before.drawing is not drawn.drawing:
            self.post_message(self.Redrawn(self, drawn.fit.mode, key_entries(drawn.layout.edges)))
        self._restyle()

    def _set_virtual_size(self, size: Size) -> None:
        """The picture's size, for scrolling. `virtual_size` is a layout
        reactive: setting it lays out the whole screen, which costs more than
        drawing the map, though the view's own size never depends on it. So
        while the picture needs the scrollbars it has, only its size and the
        scrollbars' extent change; when one would appear or go, Textual lays
        the screen out as usual."""
        if size == self.virtual_size:
            return
        if not self.container_size or self._scrollbar_need(size) != self._scrollbar_need(
                self.virtual_size):
            self.virtual_size = size
            return
        self.set_reactive(MapView.virtual_size, size)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = size.height
        if self.show_horizontal_scrollbar:
            self.horizontal_scrollbar.window_virtual_size = size.width
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def _scrollbar_need(self, size: Size) -> tuple[bool, bool, bool, bool]:
        """Everything Textual decides this view's scrollbars by, for a picture
        of `size`: whether it is wider (taller) than the view, and than the
        view less the other scrollbar. Two sizes alike in all four get the
        same scrollbars."""
        width, height = self.container_size
        styles = self.styles
        return (size.width > width, size.width > width - styles.scrollbar_size_vertical,
                size.height > height, size.height > height - styles.scrollbar_size_horizontal)

    def _restyle(self) -> None:
        loop_edges: frozenset[int] = frozenset()
        if self.picture is not None and self._loop:
            steps = {(a, b) for a, b in zip(self._loop, self._loop[1:] + self._loop[:1])}
            loop_edges = frozenset(i for i, e in enumerate(self.picture.edges)
                                   if (e.source, e.target) in steps)
        self._state = replace(self._state, loop_nodes=frozenset(self._loop),
                              loop_edges=loop_edges)
        self._rows.clear()

    def _present(self, follow: str | None) -> None:
        """Scroll to the node to follow, then repaint what changed (in this
        order, so rows are drawn once, at the offset they are shown at)."""
        before = self.scroll_offset
        if follow is not None:
            self._scroll_to_node(follow)
        if self.scroll_offset == before:
            # (scrolled, the whole view is repainted: no row need be compared)
            self._repaint_changed()

    def _repaint_changed(self) -> None:
        """Repaint the rows of the view whose text or colours changed."""
        width, height = self.scrollable_content_region.size
        if not width or not height or not self._drawn:
            self.refresh()
            return
        changed = [y for y in range(height) if self._drawn.get(y) != self._runs_at(y, width)]
        start = None
        for y in [*changed, None]:
            # neighbouring rows as one region
            if start is not None and (y is None or y != end + 1):
                self.refresh(Region(0, start, width, end - start + 1))
                start = None
            if y is not None:
                if start is None:
                    start = y
                end = y

    def on_resize(self, event: events.Resize) -> None:
        """A new size may fit more of the map: choose how it fits again."""
        if self._snap is not None and tuple(event.size) != self._sized_for:
            self._sized_for = tuple(event.size)
            self._lay_out()
            self._present(self._state.selected)

    # -- drawing ------------------------------------------------------------

    def notify_style_update(self) -> None:
        """The theme or the styles changed: colours are looked up afresh."""
        self._styles.clear()
        self._base = None
        self._rows.clear()
        super().notify_style_update()

    def _base_style(self) -> Style:
        # `rich_style` walks every ancestor's styles: once, not per line.
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            style = self._styles[role] = self._base_style() + self._role_style(role)
        return style

    def _role_style(self, role: str) -> Style:
        return role_style(role, lambda name: self.get_component_rich_style(
            f"map-view--{name}", partial=True))

    def _sticky(self) -> tuple[int, int]:
        return sticky(self.picture)

    def _to_picture(self, x: int, y: int) -> tuple[int, int]:
        """Picture coordinates of a cell of the view."""
        return to_picture(self.picture, tuple(self.scroll_offset), x, y)

    def render_line(self, y: int) -> Strip:
        """One line of the view: the names and band headings stay put, the
        picture scrolls under them."""
        width = self.scrollable_content_region.width
        runs = self._runs_at(y, width)
        self._drawn[y] = runs
        if not runs:
            return Strip.blank(width, self._base_style())
        segments = [Segment(text, self._style(role)) for text, role in runs]
        return Strip(segments).extend_cell_length(width, self._base_style())

    def _runs_at(self, y: int, width: int) -> Runs:
        """Row y of the view as (text, role) runs; [] for a blank row."""
        scroll_x, scroll_y = self.scroll_offset
        picture = self.picture
        if picture is None or not picture.boxes:
            return message_row(y, self._pending, self._snap)
        _, vy = self._to_picture(0, y)
        if vy >= picture.height:
            return []
        key = (vy, scroll_x, width, y < 2 and scroll_y > 0)
        runs = self._rows.get(key)
        if runs is None:
            if len(self._rows) > 4 * max(self.size.height, 10):
                self._rows.clear()  # scrolled far: keep the cache to about a screen
            runs = self._rows[key] = window_row(picture, self._state, y, (scroll_x, scroll_y),
                                                width)
        return runs

    # -- moving -------------------------------------------------------------

    def _scroll_to_node(self, node_id: str) -> None:
        if not self.size.width:
            # Not laid out on screen yet: scroll once the view has a size.
            self.call_after_refresh(self._scroll_to_node, node_id)
            return
        region = self.node_region(node_id)
        if region is not None:
            top, left = self._sticky()
            self.scroll_to_region(region, spacing=Spacing(top + 1, 2, 1, left + 2),
                                  animate=False, force=True)

    def _choose(self, node_id: str) -> None:
        self.select(node_id)
        self.post_message(self.NodeSelected(self, node_id))

    def action_move(self, direction: str) -> None:
        """Select the nearest node in a direction (up, down, left, right)."""
        if self.picture is None or not self.picture.boxes:
            return
        current = self.picture.by_id.get(self._state.selected or "")
        target = nearest_box(self.picture.boxes, current, direction)
        if target is not None:
            self._choose(target.node_id)

    def on_click(self, event: events.Click) -> None:
        """A click on a box selects its node."""
        offset = event.get_content_offset(self)
        if offset is None or self.picture is None:
            return
        x, y = self._to_picture(offset.x, offset.y)
        box = next((b for b in self.picture.boxes if b.contains(x, y)), None)
        if box is not None:
            self.focus()
            self._choose(box.node_id)
