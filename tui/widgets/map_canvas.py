"""One line of the map picture as runs of text, each with a style role.

The widget turns roles into colours from the theme; tests read the text.
Lines carry their meaning without colour too (patterns.layout.key): a
cycle's steps are heavy (━┃), a variant's dashed (╌╎), a feeling that masks
another dotted (┈┊), what helps double (═║), and a move that blocks its
need ends on a bar (⊥) instead of an arrow. The selected node has a double
border, the nodes of the selected loop heavy ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from rich.cells import cell_len

from patterns.layout.drawing import Box
from patterns.layout.key import Family, edge_family
from patterns.layout.model import MapPerson
from patterns.layout.words import shorten
from patterns.text import terminal_safe
from patterns.vocabulary import LinkKind
from patterns.voice import initials
from tui.widgets.map_cells import cells_of, clusters
from tui.widgets.map_picture import DOWN, LEFT, RIGHT, UP, Picture

__all__ = ["ViewState", "box_style", "edge_role", "picture_text", "render_names", "render_row"]


def _table(v: str, h: str, corners: str, joins: str) -> dict[int, str]:
    """mask -> glyph: straight runs, then ╭╮╰╯, then ├┤┬┴┼."""
    dr, dl, ur, ul = corners
    t_r, t_l, t_d, t_u, cross = joins
    return {
        UP | DOWN: v, LEFT | RIGHT: h, DOWN | RIGHT: dr, DOWN | LEFT: dl, UP | RIGHT: ur,
        UP | LEFT: ul, UP | DOWN | RIGHT: t_r, UP | DOWN | LEFT: t_l, DOWN | LEFT | RIGHT: t_d,
        UP | LEFT | RIGHT: t_u, UP | DOWN | LEFT | RIGHT: cross, UP: v, DOWN: v, LEFT: h, RIGHT: h,
    }


_LIGHT = _table("│", "─", "╭╮╰╯", "├┤┬┴┼")
_HEAVY = _table("┃", "━", "┏┓┗┛", "┣┫┳┻╋")
#: (family, heavy) -> glyphs; dotted and dashed lines keep the corners of their weight.
_GLYPHS: dict[tuple[Family, bool], dict[int, str]] = {}
for _family in Family:
    for _heavy in (False, True):
        base = dict(_HEAVY if _heavy else _LIGHT)
        if _family is Family.MASKS:
            base.update({UP | DOWN: "┋" if _heavy else "┊", LEFT | RIGHT: "┉" if _heavy else "┈"})
        elif _family is Family.VARIANT:
            base.update({UP | DOWN: "╏" if _heavy else "╎", LEFT | RIGHT: "╍" if _heavy else "╌"})
        elif _family is Family.HELPS and not _heavy:
            base = _table("║", "═", "╔╗╚╝", "╠╣╦╩╬")
        _GLYPHS[_family, _heavy] = base

#: corners tl, tr, bl, br, horizontal, vertical
_BORDERS = {
    "plain": ("╭", "╮", "╰", "╯", "─", "│"),
    "loop": ("┏", "┓", "┗", "┛", "━", "┃"),
    "selected": ("╔", "╗", "╚", "╝", "═", "║"),
}
#: a port leaving by a side: the border's own glyphs with a branch
_OUT = {
    "plain": {"top": "┴", "bottom": "┬", "left": "┤", "right": "├"},
    "loop": {"top": "┻", "bottom": "┳", "left": "┫", "right": "┣"},
    "selected": {"top": "╧", "bottom": "╤", "left": "╢", "right": "╟"},
}
#: an arrow arriving at a side, and a bar for a move that blocks
_ARRIVE = {"top": "▼", "bottom": "▲", "left": "▶", "right": "◀"}
_BAR = {"top": "⊥", "bottom": "⊤", "left": "⊢", "right": "⊣"}
#: the ends of a one-line box
_FLAT = {"plain": ("[", "]"), "loop": ("⟦", "⟧"), "selected": ("«", "»")}


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
        return terminal_safe(initials(person.name) if self.privacy else person.name)


def edge_role(picture: Picture, state: ViewState, edges: list[int]) -> str:
    """The style role of a line cell: the strongest of the edges through it."""
    if any(e in state.loop_edges for e in edges):
        return "edge-selected"
    families = [edge_family(picture.edges[e]) for e in edges]
    if Family.CYCLE in families:
        return "edge-cycle"
    if Family.VARIANT in families:
        return "edge-variant"
    return "edge"


def _glyphs(picture: Picture, state: ViewState, edges: list[int]) -> dict[int, str]:
    """The glyph table of a line cell: the strongest edge's look."""
    heavy = any(e in state.loop_edges for e in edges)
    families = [edge_family(picture.edges[e]) for e in edges]
    if Family.CYCLE in families:
        return _GLYPHS[Family.CYCLE, True]
    family = families[0] if len(set(families)) == 1 else Family.LEADS
    return _GLYPHS[family, heavy]


def render_row(picture: Picture, state: ViewState, y: int, start: int = 0,
               end: int | None = None) -> list[tuple[str, str]]:
    """Cells start..end-1 of row `y` (the whole row by default) as (text,
    role) runs. Only what lies in that window is drawn."""
    end = picture.width if end is None else end
    size = max(0, end - start)
    chars = [" "] * size
    roles = ["blank"] * size

    def paint(x: int, cells: Sequence[str], cell_roles: Sequence[str]) -> None:
        """Copy cells drawn at picture column x into the window."""
        lo, hi = max(x, start), min(x + len(cells), end)
        if lo < hi:
            chars[lo - start:hi - start] = cells[lo - x:hi - x]
            roles[lo - start:hi - start] = cell_roles[lo - x:hi - x]

    def put(x: int, text: str, role: str) -> None:
        cells = cells_of(text)
        paint(x, cells, [role] * len(cells))

    if y < len(picture.cells):
        for by, word in picture.band_words:
            if by == y:
                put(1, word, "band")
        if y == 0:
            for x, w, person in picture.headers:
                name = shorten(state.person_name(person), w, clusters)
                put(x + max(0, (w - cell_len(name)) // 2), name, "header")
        _lines(picture, state, y, start, end, chars, roles)
        for i in picture.box_rows[y]:
            box = picture.boxes[i]
            if box.x < end and box.x + box.w > start:
                cells, cell_roles = _box_row(picture, state, box, y)
                paint(box.x, cells, cell_roles)
        for i in picture.label_rows[y]:
            label = picture.labels[i]
            if label.cycle is not None:
                put(label.x - 1, f" {label.text} ", "cycle-name")
            else:
                role = edge_role(picture, state, [label.edge])  # type: ignore[list-item]
                put(label.x - 1, f" {label.text} ", "label-" + role)
    # A wide character cut by the window's edge becomes a space.
    if chars and chars[0] == "":
        chars[0] = " "
    if chars and cell_len(chars[-1]) == 2:
        chars[-1] = " "
    return _runs(chars, roles)


def _lines(picture: Picture, state: ViewState, y: int, start: int, end: int,
           chars: list[str], roles: list[str]) -> None:
    across: dict[int, int] = {}
    for lo, hi, e in picture.hlines[y]:
        lo_w, hi_w = max(lo, start), min(hi, end - 1)
        if lo_w > hi_w:
            continue
        role = edge_role(picture, state, [e])
        glyph = _glyphs(picture, state, [e])[LEFT | RIGHT]
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
            if x in lines:  # a corner on another edge's vertical: drawn as a joint
                lines[x] = [lines[x][0] | cell[0], *lines[x][1:], *cell[1:]]
            else:
                lines[x] = cell
    for x, cell in lines.items():
        mask, edges = cell[0], cell[1:]
        if x in across and across[x] not in edges:
            # another edge runs across here: a crossing, not a junction
            mask |= LEFT | RIGHT
            edges = [*edges, across[x]]
        chars[x - start] = _glyphs(picture, state, edges)[mask]
        roles[x - start] = edge_role(picture, state, edges)
    for x, (e, side) in picture.arrows[y].items():
        if start <= x < end:
            blocks = all(k is LinkKind.BLOCKS for k in picture.edges[e].kinds)
            chars[x - start] = (_BAR if blocks else _ARRIVE)[side]
            roles[x - start] = edge_role(picture, state, [e])


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
        cells = list(cells_of(shorten(state.person_name(person), hi - lo, clusters)))
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


def _port(picture: Picture, state: ViewState, look: str, e: int, arriving: bool,
          side: str) -> tuple[str, str]:
    if arriving:
        # A move that only blocks its need ends on a bar, not an arrow.
        blocks = all(k is LinkKind.BLOCKS for k in picture.edges[e].kinds)
        glyph = (_BAR if blocks else _ARRIVE)[side]
    else:
        glyph = _OUT[look][side]
    return glyph, edge_role(picture, state, [e])


def _box_row(picture: Picture, state: ViewState, box: Box, y: int) -> tuple[list[str], list[str]]:
    """The cells of one row of a box, and their roles."""
    look = box_style(state, box)
    kind = box.kind.value
    text_role = "text-selected" if look == "selected" else "text"
    ports = picture.ports[y]
    if box.flat:
        left, right = _FLAT[look]
        row = [left] + [" "] * (box.w - 2) + [right]
        role_row = [f"border-{kind}" + ("-selected" if look == "selected" else "")] \
            + [text_role] * (box.w - 2) + [f"border-{kind}"]
        _text(row, role_row, box.lines[0] if box.lines else (), 1)
        return row, role_row
    tl, tr, bl, br, hz, vt = _BORDERS[look]
    border = f"border-{kind}" + ("-selected" if look == "selected" else "")
    x0, w = box.x, box.w
    if y == box.y or y == box.y + box.h - 1:
        top = y == box.y
        row = [hz] * w
        row[0], row[-1] = (tl, tr) if top else (bl, br)
        role_row = [border] * w
        if top and box.tag:
            for k, piece in enumerate(cells_of(f" {box.tag} ")):
                if 2 + k < w - 1:
                    row[2 + k] = piece
                    role_row[2 + k] = "tag-" + kind
        for x, (e, arriving, side) in ports.items():
            if x0 <= x < x0 + w and side in ("top", "bottom"):
                row[x - x0], role_row[x - x0] = _port(picture, state, look, e, arriving, side)
        return row, role_row
    row = [vt] + [" "] * (w - 2) + [vt]
    role_row = [border] + [text_role] * (w - 2) + [border]
    for x in (x0, x0 + w - 1):
        found = ports.get(x)
        if found is not None and found[2] in ("left", "right"):
            row[x - x0], role_row[x - x0] = _port(picture, state, look, *found)
    k = y - box.y - 1
    if k < len(box.lines):
        _text(row, role_row, box.lines[k], 2)
    return row, role_row


def _text(row: list[str], role_row: list[str], line: Sequence[tuple[str, float]], at: int) -> None:
    x = at
    for piece, cw in line:
        if x >= len(row) - 1:
            break
        row[x] = piece
        if piece == "✦":
            role_row[x] = "mark"
        if cw == 2 and x + 1 < len(row) - 1:
            row[x + 1] = ""
        x += int(cw)


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
