"""One line of the map picture as runs of text, each with a style role.

The widget turns roles into colours from the theme; tests read the text.
Borders and lines also carry the meaning without colour: the selected node
has a double border, the nodes and steps of the selected loop heavy ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from patterns.layout_model import MapPerson
from patterns.vocabulary import NodeKind
from tui.widgets.map_geometry import DOWN, LEFT, RIGHT, UP, Box, Picture
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
        person = next((p for p in self.people if p.id == person_id), None)
        if person is None:
            return ""
        return person.initials if self.privacy else person.name


def edge_role(picture: Picture, state: ViewState, edges: list[int]) -> str:
    """The style role of a line cell: the strongest of the edges through it."""
    if any(e in state.loop_edges for e in edges):
        return "edge-selected"
    if any(picture.edges[e].upward and picture.edges[e].on_loop for e in edges):
        return "edge-closing"
    if any(picture.edges[e].on_loop for e in edges):
        return "edge-loop"
    return "edge"


def render_row(picture: Picture, state: ViewState, y: int) -> list[tuple[str, str]]:
    """Row `y` of the picture, full width, as (text, role) runs."""
    width = picture.width
    chars = [" "] * width
    roles = ["blank"] * width

    def put(x: int, text: str, role: str) -> None:
        for piece, w in clusters(text):
            if 0 <= x < width:
                chars[x] = piece
                roles[x] = role
                if w == 2 and x + 1 < width:
                    chars[x + 1] = ""
                    roles[x + 1] = role
            x += w or 1

    for by, word in picture.band_words:
        if by == y:
            put(1, word, "band")
    if y == 0:
        for x, w, person in picture.headers:
            name = fit(state.person_name(person), w)
            put(x + max(0, (w - len(name)) // 2), name, "header")
    across: dict[int, int] = {}
    for lo, hi, e in picture.hlines[y]:
        role = edge_role(picture, state, [e])
        glyph = "━" if role == "edge-selected" else "─"
        chars[lo:hi + 1] = [glyph] * (hi - lo + 1)
        roles[lo:hi + 1] = [role] * (hi - lo + 1)
        for x in range(lo, hi + 1):
            across[x] = e
    for x, cell in picture.cells[y].items():
        mask, edges = cell[0], cell[1:]
        if x in across and across[x] not in edges:
            # another edge runs across here: a crossing, not a junction
            mask |= LEFT | RIGHT
            edges = [*edges, across[x]]
        role = edge_role(picture, state, edges)
        glyphs = _HEAVY if role == "edge-selected" else _LIGHT
        chars[x] = glyphs[mask]
        roles[x] = role
    for i in picture.box_rows[y]:
        _put_box_row(picture, state, picture.boxes[i], y, chars, roles)
    for i in picture.label_rows[y]:
        label = picture.labels[i]
        role = edge_role(picture, state, [label.edge])
        put(label.x - 1, f" {label.text} ", "label-" + role)
    return _runs(chars, roles)


def box_style(state: ViewState, box: Box) -> str:
    """plain, loop (heavier: on the selected loop) or selected (double)."""
    if box.node_id == state.selected:
        return "selected"
    if box.node_id in state.loop_nodes:
        return "loop"
    return "plain"


def _put_box_row(picture: Picture, state: ViewState, box: Box, y: int,
                 chars: list[str], roles: list[str]) -> None:
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
            tag = box.tag
            for k, piece in enumerate(" " + tag + " "):
                row[2 + k] = piece
                role_row[2 + k] = "tag-" + box.kind.value
        ports = box.top if top else box.bottom
        for x, (e, arriving) in ports.items():
            if arriving:
                row[x - x0] = "▼" if top else "▲"
            else:
                row[x - x0] = out_above if top else out_below
            role_row[x - x0] = edge_role(picture, state, [e])
        for k in range(w):
            chars[x0 + k] = row[k]
            roles[x0 + k] = role_row[k]
        return
    line = box.lines[y - box.y - 1] if y - box.y - 1 < len(box.lines) else []
    text_role = "text-selected" if look == "selected" else "text"
    chars[x0], roles[x0] = vt, border
    chars[x0 + w - 1], roles[x0 + w - 1] = vt, border
    x = x0 + 1
    for k in range(w - 2):
        chars[x + k], roles[x + k] = " ", text_role
    x += 1
    for piece, cw in line:
        role = "mark" if piece == "⟳" else text_role
        chars[x], roles[x] = piece, role
        if cw == 2:
            chars[x + 1], roles[x + 1] = "", role
        x += cw


def _runs(chars: list[str], roles: list[str]) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    start = 0
    for x in range(1, len(chars) + 1):
        if x == len(chars) or roles[x] != roles[start]:
            runs.append(("".join(chars[start:x]), roles[start]))
            start = x
    return runs


def crop_runs(runs: list[tuple[str, str]], start: int, end: int) -> list[tuple[str, str]]:
    """The cells start..end-1 of a rendered row (a wide character cut in
    half becomes a space)."""
    out: list[tuple[str, str]] = []
    x = 0
    for text, role in runs:
        pieces = clusters(text)
        width = sum(w for _, w in pieces)
        if x + width <= start or x >= end:
            x += width
            continue
        kept = []
        for piece, w in pieces:
            if start <= x and x + w <= end:
                kept.append(piece)
            elif x < end and x + w > start:
                kept.append(" " * (min(end, x + w) - max(start, x)))
            x += w
        out.append(("".join(kept), role))
    return out


def picture_text(picture: Picture, state: ViewState | None = None) -> list[str]:
    """The whole picture as plain lines (for tests and for a look)."""
    state = state or ViewState()
    return ["".join(t for t, _ in render_row(picture, state, y)) for y in range(picture.height)]


def kind_of_role(role: str) -> NodeKind | None:
    """The node kind a border or tag role is coloured by."""
    for kind in NodeKind:
        if role.endswith("-" + kind.value) or f"-{kind.value}-" in role:
            return kind
    return None
