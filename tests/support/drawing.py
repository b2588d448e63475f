"""Checks of a drawing that the layout tests and the PDF map tests share:
every promise the engine makes of a drawing, and the screen's cells of it."""

from __future__ import annotations

from patterns.layout.drawing import JOIN, SHORT_BANDS, Drawing
from patterns.layout.words import line_text
from patterns.models import RelationalMap
from patterns.text import clean_label
from patterns.vocabulary import KIND_PLURALS, NodeKind
from tui.widgets.map_canvas import ViewState, render_row
from tui.widgets.map_cells import clusters
from tui.widgets.map_picture import Picture


def route_cells(ax: int, ay: int, bx: int, by: int) -> list[tuple[int, int]]:
    if ax == bx:
        step = 1 if by >= ay else -1
        return [(ax, y) for y in range(ay, by + step, step)]
    step = 1 if bx >= ax else -1
    return [(x, ay) for x in range(ax, bx + step, step)]


def check_drawing(d: Drawing, labels: dict[str, str], full: bool = False) -> None:
    """Every promise of a drawing, unit by unit (`full`: every label whole)."""
    boxes = d.boxes
    for i, a in enumerate(boxes):
        assert a.x >= d.gutter and a.x + a.w <= d.width and a.y + a.h <= d.height, a.node_id
        for b in boxes[i + 1:]:
            apart = (a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y
                     or b.y + b.h <= a.y)
            assert apart, f"{a.node_id} and {b.node_id} overlap"
    inside: dict[tuple[int, int], str] = {}
    for box in boxes:
        for y in range(box.y, box.y + box.h):
            for x in range(box.x, box.x + box.w):
                inside[x, y] = box.node_id
    # each route: orthogonal, from its source's port to its target's, through no box
    owner: dict[tuple[int, int], list[tuple[int, bool]]] = {}
    for route in d.routes:
        edge = d.edges[route.edge]
        pts = route.points
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            assert ax == bx or ay == by, f"{edge.source}->{edge.target} runs askew"
        source, target = d.by_id[edge.source], d.by_id[edge.target]
        first, last = pts[0], pts[-1]
        for box, end, side in ((source, first, route.start), (target, last, route.end)):
            x, y = end
            if box.flat:
                assert (x, y) not in inside and _beside(box, x, y, side), (edge.source, side)
            else:
                assert _on_border(box, x, y, side), (edge.source, edge.target, side, end)
        cells = [c for a, b in zip(pts, pts[1:]) for c in route_cells(*a, *b)] or [first]
        for k, (x, y) in enumerate(dict.fromkeys(cells)):
            if (x, y) in inside and (x, y) not in (first, last):
                raise AssertionError(f"{edge.source}->{edge.target} runs through "
                                     f"{inside[x, y]} at {x},{y}")
            turn = (x, y) in pts[1:-1]
            owner.setdefault((x, y), []).append((route.edge, turn))
    # two lines meet only where one crosses the other straight
    for (x, y), here in owner.items():
        if len(here) > 1:
            assert not any(turn for _, turn in here), f"lines meet at a turn at {x},{y}"
            assert len(here) == 2, f"three lines through {x},{y}"
    # words: on nothing but their own line, apart from one another
    taken: dict[tuple[int, int], int] = {}
    for i, label in enumerate(d.labels):
        assert label.x - 1 >= d.gutter and label.x + label.w + 1 <= d.width + 1, label.text
        for x in range(label.x - 1, label.x + label.w + 1):
            assert (x, label.y) not in taken, f"words overlap at {x},{label.y}"
            taken[x, label.y] = i
            assert (x, label.y) not in inside, f"words over a box: {label.text}"
            lines = {e for e, _ in owner.get((x, label.y), ())}
            assert lines <= ({label.edge} if label.edge is not None else set()) or \
                (label.cycle is not None and _ring_of(d, label.cycle) in lines and len(lines) == 1), \
                f"words over another line: {label.text}"
    for box in boxes:
        inner = box.w - (2 if box.flat else 4)
        words = []
        for line in box.lines:
            assert sum(w for _, w in line) <= inner, f"{box.node_id}: a line wider than its box"
            words.append(line_text(list(line)))
        seen = "".join("".join(words).replace("✦", "").split())
        whole = "".join(clean_label(labels[box.node_id]).split())
        cut = seen.endswith("…") and whole.startswith(seen[:-1])
        assert seen == whole or (cut and not full), f"label text of {box.node_id} lost"
    # the step closing each cycle runs around the outside of its part
    for route in d.routes:
        edge = d.edges[route.edge]
        if edge.ring:
            part = [b for b in boxes if b.part == d.by_id[edge.source].part]
            xs = [x for x, _ in route.points]
            if edge.ring == "right":
                assert max(xs) >= max(b.x + b.w for b in part), "a ring through its part"
            else:
                assert min(xs) < min(b.x for b in part), "a ring through its part"
            assert route.end == "top"
    check_headings(d)


#: A kind by each word a heading may say of it (`FEELINGS`, `FEEL`).
HEADING_KIND = {word: kind for kind in NodeKind
                for word in (KIND_PLURALS[kind].upper(), SHORT_BANDS[KIND_PLURALS[kind].upper()])}


def heading_kinds(text: str) -> set[NodeKind]:
    """The kinds a heading names: one word, or several joined (`FEEL·BODY`)."""
    return {HEADING_KIND[word] for word in text.split(JOIN)}


def check_headings(d: Drawing) -> None:
    """Beside each row of boxes the gutter names the kinds that row holds,
    each once, and no heading sits beside anything else."""
    rows: dict[int, tuple[int, set[NodeKind]]] = {}  # a layer's top -> (its last row, kinds)
    for box in d.boxes:
        last, kinds = rows.get(box.y, (box.y, set()))
        rows[box.y] = (max(last, box.y + box.h - 1), kinds | {box.kind})
    said: dict[int, list[NodeKind]] = {}
    for row, text in d.band_words:
        top = next((y for y, (last, _) in rows.items() if y <= row <= last), None)
        assert top is not None, f"{text!r} beside no row of boxes (row {row})"
        said.setdefault(top, []).extend(heading_kinds(text))
    if d.gutter:
        for top, (_, kinds) in rows.items():
            assert sorted(said.get(top, [])) == sorted(kinds), f"row {top} holds {kinds}"
    else:
        assert d.band_words == []


def _ring_of(d: Drawing, cycle: int) -> int | None:
    c = d.cycles[cycle]
    closing = (c.loop[-1], c.loop[0])
    return next((r.edge for r in d.routes
                 if (d.edges[r.edge].source, d.edges[r.edge].target) == closing), None)


def _on_border(box, x: int, y: int, side: str) -> bool:  # type: ignore[no-untyped-def]
    if side == "top":
        return y == box.y and box.x < x < box.x + box.w - 1
    if side == "bottom":
        return y == box.y + box.h - 1 and box.x < x < box.x + box.w - 1
    if side == "left":
        return x == box.x and box.y < y < box.y + box.h - 1
    return x == box.x + box.w - 1 and box.y < y < box.y + box.h - 1


def _beside(box, x: int, y: int, side: str) -> bool:  # type: ignore[no-untyped-def]
    if side == "top":
        return y == box.y - 1 and box.x <= x < box.x + box.w
    if side == "bottom":
        return y == box.y + box.h and box.x <= x < box.x + box.w
    if side == "left":
        return x == box.x - 1 and y == box.y
    return x == box.x + box.w and y == box.y


def check_screen(d: Drawing, state: ViewState | None = None) -> list[str]:
    """The drawing in cells: every box's words where the box is; returns the rows."""
    picture = Picture.of(d)
    state = state or ViewState(people=d.people)
    rows = [_row_cells(picture, state, y) for y in range(picture.height)]
    for box in d.boxes:
        for k, line in enumerate(box.lines):
            y = box.y + (0 if box.flat else 1 + k)
            x = box.x + (1 if box.flat else 2)
            drawn = "".join(rows[y][x:x + int(sum(w for _, w in line))])
            assert drawn.rstrip() == line_text(list(line)).rstrip(), box.node_id
    return ["".join(row) for row in rows]


def _row_cells(picture: Picture, state: ViewState, y: int) -> list[str]:
    """Row y as one string per cell ('' after the first half of a wide one)."""
    out: list[str] = []
    for text, _ in render_row(picture, state, y):
        for piece, w in clusters(text):
            out.append(piece)
            if w == 2:
                out.append("")
    return out


def labels_of(m: RelationalMap) -> dict[str, str]:
    return {n.id: n.label for n in m.nodes}
