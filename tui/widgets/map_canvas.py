"""One line of the map picture as runs of text, each with a style role.

The widget turns roles into colours from the theme; tests read the text.
Borders and lines also carry the meaning without colour: the selected node
has a double border, the nodes and steps of the selected loop heavy ones;
a feeling that masks another is joined to it by a dotted line, and a move
that blocks its need ends on a bar (⊥) instead of an arrow, even where
there is no room to write the kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from patterns.layout.model import MapPerson
from patterns.text import terminal_safe
from patterns.vocabulary import LinkKind
from tui.widgets.map_geometry import DOWN, LEFT, RIGHT, UP, Box, Picture
from rich.cells import cell_len

from tui.widgets.map_text import clusters, fit

_LIGHT = {
    UP | DOWN: "│", LEFT | RIGHT: "─", DOWN | RIGHT: "╭", DOWN | LEFT: "╮", UP | RIGHT: "╰",
    UP | LEFT: "╯", UP | DOWN | RIGHT: "├", UP | DOWN | LEFT: "┤", DOWN | LEFT | RIGHT: "┬",
    UP | LEFT | RIGHT: "┴", UP | DOWN | LEFT | RIGHT: "┼", UP: "│", DOWN: "│", LEFT: "─",
    RIGHT: "─",
}
_HEAVY = {
    UP | DOWN: "┃", LEFT | RIGHT: "━", DOWN | RIGHT: "┏", DOWN | LEFT: "┓", UP | RIGHT: "┗",
    UP | LEFT: "┛", UP | DOWN | RIGHT: "┣", UP | DOWN | LEFT: "┫", DOWN | LEFT | RIGHT: "┳",
    UP | LEFT | RIGHT: "┻", UP | DOWN | LEFT | RIGHT: "╋", UP: "┃", DOWN: "┃", LEFT: "━",
    RIGHT: "━",
}
#: corners tl, tr, bl, br, horizontal, vertical, port out below, port out above
_BORDERS = {
    "plain": ("╭", "╮", "╰", "╯", "─", "│", "┬", "┴"),
    "loop": ("┏", "┓", "┗", "┛", "━", "┃", "┳", "┻"),
    "selected": ("╔", "╗", "╚", "╝", "═", "║", "╤", "╧"),
}


@dataclass
class ViewState:
    """What changes without a new layout: selection, loop, privacy."""

    selected: str | None = None
    loop_nodes: frozenset[str] = frozenset()
    loop_edges: frozenset[int] = frozenset()
    privacy: bool = False
    people: Sequence[MapPerson] = field(default_factory=tuple)

    def person_name(self, person_id: str | None) -> str:
        """A person's name as shown: initials behind the privacy screen."""
        person = next((p for p in self.people if p.id == person_id), None)
        if person is None:
            return ""
        return terminal_safe(person.initials if self.privacy else person.name)


def edge_role(picture: Picture, state: ViewState, edges: list[int]) -> str:
    """The style role of a line cell: the strongest of the edges through it."""
    if any(e in state.loop_edges for e in edges):
        return "edge-selected"
    if any(picture.edges[e].upward and picture.edges[e].on_loop for e in edges):
        return "edge-closing"
    if any(picture.edges[e].on_loop for e in edges):
        return "edge-loop"
    return "edge"


def render_row(picture: Picture, state: ViewState, y: int, start: int = 0,
               end: int | None = None) -> list[tuple[str, str]]:
    """Cells start..end-1 of row `y` (the whole row by default) as (text,
    role) runs. Only what lies in that window is drawn, so a wide map costs
    no more per line than a narrow one."""
    end = picture.width if end is None else end
    size = max(0, end - start)
    chars = [" "] * size
    roles = ["blank"] * size

    def paint(x: int, cells: list[str], cell_roles: list[str]) -> None:
        """Copy cells drawn at picture column x into the window."""
        lo, hi = max(x, start), min(x + len(cells), end)
        if lo < hi:
            chars[lo - start:hi - start] = cells[lo - x:hi - x]
            roles[lo - start:hi - start] = cell_roles[lo - x:hi - x]

    def put(x: int, text: str, role: str) -> None:
        cells = _cells(text)
        paint(x, cells, [role] * len(cells))

    for by, word in picture.band_words:
        if by == y:
            put(1, word, "band")
    if y == 0:
        for x, w, person in picture.headers:
            name = fit(state.person_name(person), w)
            put(x + max(0, (w - cell_len(name)) // 2), name, "header")
    across: dict[int, int] = {}
    for lo, hi, e in picture.hlines[y]:
        lo_w, hi_w = max(lo, start), min(hi, end - 1)
        if lo_w > hi_w:
            continue
        role = edge_role(picture, state, [e])
        heavy = role == "edge-selected"
        if LinkKind.MASKS in picture.edges[e].kinds:
            glyph = "┅" if heavy else "┄"  # what lies underneath: dotted
        else:
            glyph = "━" if heavy else "─"
        n = hi_w - lo_w + 1
        chars[lo_w - start:hi_w - start + 1] = [glyph] * n
        roles[lo_w - start:hi_w - start + 1] = [role] * n
        for x in range(lo_w, hi_w + 1):
            across[x] = e
    lines: dict[int, list[int]] = {}
    for x, edges in picture.vertical_at(y, start, end).items():
        lines[x] = [UP | DOWN, *edges]
    for x, cell in picture.cells[y].items():
        if start <= x < end:
            if x in lines:  # a corner on another edge's vertical: rare, drawn as a joint
                lines[x] = [lines[x][0] | cell[0], *lines[x][1:], *cell[1:]]
            else:
                lines[x] = cell
    for x, cell in lines.items():
        mask, edges = cell[0], cell[1:]
        if x in across and across[x] not in edges:
            # another edge runs across here: a crossing, not a junction
            mask |= LEFT | RIGHT
            edges = [*edges, across[x]]
        role = edge_role(picture, state, edges)
        heavy = role == "edge-selected"
        if mask == UP | DOWN and len(edges) == 1 and LinkKind.MASKS in picture.edges[edges[0]].kinds:
            chars[x - start] = "┇" if heavy else "┆"
        else:
            chars[x - start] = (_HEAVY if heavy else _LIGHT)[mask]
        roles[x - start] = role
    for i in picture.box_rows[y]:
        box = picture.boxes[i]
        if box.x < end and box.x + box.w > start:
            cells, cell_roles = _box_row(picture, state, box, y)
            paint(box.x, cells, cell_roles)
    for i in picture.label_rows[y]:
        label = picture.labels[i]
        role = edge_role(picture, state, [label.edge])
        put(label.x - 1, f" {label.text} ", "label-" + role)
    # A wide character cut by the window's edge becomes a space.
    if chars and chars[0] == "":
        chars[0] = " "
    if chars and cell_len(chars[-1]) == 2:
        chars[-1] = " "
    return _runs(chars, roles)


def render_names(picture: Picture, state: ViewState, start: int, end: int,
                 left: int = 0) -> list[tuple[str, str]]:
    """The row of people's names for a view showing picture columns
    start..end-1 after `left` cells of band headings: each name centred on
    the part of its column in view, so it stays readable while scrolling."""
    size = left + max(0, end - start)
    chars = [" "] * size
    roles = ["blank"] * size
    for x, w, person in picture.headers:
        lo, hi = max(x, start), min(x + w, end)
        if hi - lo < 3:
            continue
        name = fit(state.person_name(person), hi - lo)
        cells: list[str] = []
        for piece, cw in clusters(name):
            cells.extend([piece, ""] if cw == 2 else [piece])
        at = left + lo - start + (hi - lo - len(cells)) // 2
        chars[at:at + len(cells)] = cells
        roles[at:at + len(cells)] = ["header"] * len(cells)
    return _runs(chars, roles)


def box_style(state: ViewState, box: Box) -> str:
    """plain, loop (heavier: on the selected loop) or selected (double)."""
    if box.node_id == state.selected:
        return "selected"
    if box.node_id in state.loop_nodes:
        return "loop"
    return "plain"


def _box_row(picture: Picture, state: ViewState, box: Box, y: int) -> tuple[list[str], list[str]]:
    """The cells of one row of a box, and their roles."""
    look = box_style(state, box)
    tl, tr, bl, br, hz, vt, out_below, out_above = _BORDERS[look]
    border = f"border-{box.kind.value}" + ("-selected" if look == "selected" else "")
    x0, w = box.x, box.w
    if y == box.y or y == box.y + box.h - 1:
        top = y == box.y
        row = [hz] * w
        row[0], row[-1] = (tl, tr) if top else (bl, br)
        role_row = [border] * w
        if top:
            for k, piece in enumerate(" " + box.tag + " "):
                row[2 + k] = piece
                role_row[2 + k] = "tag-" + box.kind.value
        ports = box.top if top else box.bottom
        for x, (e, arriving) in ports.items():
            if arriving:
                # A move that only blocks its need ends on a bar, not an arrow.
                blocks = all(k is LinkKind.BLOCKS for k in picture.edges[e].kinds)
                row[x - x0] = ("⊥" if top else "⊤") if blocks else ("▼" if top else "▲")
            else:
                row[x - x0] = out_above if top else out_below
            role_row[x - x0] = edge_role(picture, state, [e])
        return row, role_row
    line = box.lines[y - box.y - 1] if y - box.y - 1 < len(box.lines) else []
    text_role = "text-selected" if look == "selected" else "text"
    row = [vt] + [" "] * (w - 2) + [vt]
    role_row = [border] + [text_role] * (w - 2) + [border]
    x = 2
    for piece, cw in line:
        row[x] = piece
        if piece in ("⟳", "✦"):
            role_row[x] = "mark"
        if cw == 2:
            row[x + 1] = ""
        x += cw
    return row, role_row


@lru_cache(maxsize=4096)
def _cells(text: str) -> list[str]:
    """The cells a text takes: each grapheme, and "" after a wide one (the
    same band words and link kinds are drawn on every row: cached; do not
    mutate)."""
    cells: list[str] = []
    for piece, w in clusters(text):
        cells.append(piece)
        if w == 2:
            cells.append("")
    return cells


def _runs(chars: list[str], roles: list[str]) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    start = 0
    for role, same in groupby(roles):
        end = start + len(list(same))
        runs.append(("".join(chars[start:end]), role))
        start = end
    return runs


def picture_text(picture: Picture, state: ViewState | None = None) -> list[str]:
    """The whole picture as plain lines (for tests and for a look)."""
    state = state or ViewState()
    return ["".join(t for t, _ in render_row(picture, state, y)) for y in range(picture.height)]
