"""A small chart of an experiment's tries: distress before → after, over time.

Each try is a column: a hollow dot for distress before trying, a filled dot
for after, and an arrow between them, so a drop reads as an arrow pointing
down. A line joins the after-dots, the trend the words beside it describe.
The scale is always 0 to 10 (a 2 always looks like a 2).
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.platypus import Flowable

from exports.pdf_fonts import REGULAR, text_width
from exports.pdf_style import INK, MIN_FONT, QUIET, RULE
from patterns.models import Try
from patterns.voice import day

_BEFORE = colors.HexColor("#8A8F98")
_AFTER = colors.HexColor("#1C7689")
_WORSE = colors.HexColor("#C0601A")
_LABEL = MIN_FONT + 0.5


class TriesChart(Flowable):
    """The tries of one experiment, drawn `width` × `height` points."""

    def __init__(self, tries: list[Try], width: float = 300, height: float = 118) -> None:
        super().__init__()
        self.tries = tries
        self.width = width
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.height

    # The plot area inside the flowable, leaving room for the axis labels.
    def _area(self) -> tuple[float, float, float, float]:
        left = text_width("10", REGULAR, _LABEL) + 6
        bottom = _LABEL + 8
        top = self.height - (_LABEL + 8)
        return left, bottom, self.width - 6, top

    def _y(self, score: float) -> float:
        _, bottom, _, top = self._area()
        return bottom + (top - bottom) * score / 10

    def _xs(self) -> list[float]:
        left, _, right, _ = self._area()
        n = len(self.tries)
        step = (right - left) / max(n, 1)
        return [left + step * (i + 0.5) for i in range(n)]

    def draw(self) -> None:
        c = self.canv
        left, bottom, right, top = self._area()
        c.setFont(REGULAR, _LABEL)
        c.setLineWidth(0.5)
        for score in (0, 5, 10):
            y = self._y(score)
            c.setStrokeColor(RULE)
            c.line(left, y, right, y)
            c.setFillColor(QUIET)
            c.drawRightString(left - 3, y - _LABEL / 3, str(score))
        self._draw_key(c, left, top)
        xs = self._xs()
        self._draw_dates(c, xs, bottom)
        afters = [(x, t.after) for x, t in zip(xs, self.tries) if t.after is not None]
        if len(afters) > 1:
            c.setStrokeColor(_AFTER)
            c.setLineWidth(1.2)
            path = c.beginPath()
            path.moveTo(afters[0][0], self._y(afters[0][1]))
            for x, score in afters[1:]:
                path.lineTo(x, self._y(score))
            c.drawPath(path, stroke=1, fill=0)
        for x, t in zip(xs, self.tries):
            self._draw_try(c, x, t)

    def _draw_try(self, c, x: float, t: Try) -> None:
        if t.before is not None and t.after is not None and abs(t.before - t.after) >= 1:
            # An arrow from before to after, its head stopping at the after-dot.
            y0, y1 = self._y(t.before), self._y(t.after)
            down = y1 < y0
            colour = _AFTER if down else _WORSE
            tip = y1 + (4.2 if down else -4.2)
            base = tip + (4.5 if down else -4.5)
            c.setStrokeColor(colour)
            c.setFillColor(colour)
            c.setLineWidth(1.4)
            if abs(base - y0) > 4:
                c.line(x, y0 + (-3.5 if down else 3.5), x, base)
            path = c.beginPath()
            path.moveTo(x, tip)
            path.lineTo(x - 3, base)
            path.lineTo(x + 3, base)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        if t.before is not None:
            c.setStrokeColor(_BEFORE)
            c.setFillColor(colors.white)
            c.setLineWidth(1.2)
            c.circle(x, self._y(t.before), 3, stroke=1, fill=1)
        if t.after is not None:
            c.setFillColor(_AFTER)
            c.circle(x, self._y(t.after), 3.2, stroke=0, fill=1)

    def _draw_key(self, c, left: float, top: float) -> None:
        y = top + 6
        c.setFillColor(colors.white)
        c.setStrokeColor(_BEFORE)
        c.circle(left + 3, y + 2.5, 3, stroke=1, fill=1)
        c.setFillColor(INK)
        c.drawString(left + 10, y, "distress before")
        x = left + 16 + text_width("distress before", REGULAR, _LABEL)
        c.setFillColor(_AFTER)
        c.circle(x + 3, y + 2.5, 3.2, stroke=0, fill=1)
        c.setFillColor(INK)
        c.drawString(x + 10, y, "after trying (0 = calm, 10 = worst)")

    def _draw_dates(self, c, xs: list[float], bottom: float) -> None:
        labels = [day(t.date, year=False) for t in self.tries]
        widest = max((text_width(s, REGULAR, _LABEL) for s in labels), default=0) + 4
        step = (xs[1] - xs[0]) if len(xs) > 1 else widest
        # Label every k-th try so dates never collide; the last is always shown.
        every = max(1, math.ceil(widest / step)) if step > 0 else 1
        c.setFillColor(QUIET)
        shown = list(range(0, len(xs), every))
        if shown and shown[-1] != len(xs) - 1:
            # The latest try matters most: it takes the place of a label too close to it.
            if len(shown) > 1 and len(xs) - 1 - shown[-1] < every:
                shown[-1] = len(xs) - 1
            elif len(xs) - 1 - shown[-1] >= every:
                shown.append(len(xs) - 1)
        for i in shown:
            c.drawCentredString(xs[i], bottom - _LABEL - 3, labels[i])
