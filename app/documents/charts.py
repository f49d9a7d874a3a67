"""Charts for the reports, drawn with ReportLab's graphics (shapes in a Drawing, which is a
flowable), in the house style.

Every value is a `Cell` of an anonymous report: a suppressed value draws no bar or point, and
its mark ("< 5" for a small group, "–" for a complementary cell) stands where the bar would
be, so a chart never shows what the tables hide.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents import style
from app.documents.fonts import BOLD, REGULAR
from app.documents.markup import nfc
from app.services.suppression import Cell

SERIES_COLOURS = (
    style.ACCENT,
    colors.HexColor("#7FB8B4"),
    colors.HexColor("#C9803B"),
    colors.HexColor("#5E6670"),
)
TICK_FONT = 7
LABEL_FONT = 7.5


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name in the legend, its colour and its values."""

    name: str
    colour: object
    values: Sequence[Cell]


def _nice_max(value: float) -> tuple[float, float]:
    """A round upper end of the axis and its tick step (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)
    return math.ceil(value / step) * step, step


def _fit(text: str, width: float, font: str, size: float) -> str:
    """Text shortened with "…" to fit `width`."""
    text = nfc(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _legend(drawing: Drawing, series: Sequence[Series], x: float, y: float) -> None:
    for item in series:
        drawing.add(Rect(x, y, 7, 7, fillColor=item.colour, strokeColor=None))
        drawing.add(String(x + 10, y + 0.5, nfc(item.name), fontName=REGULAR, fontSize=LABEL_FONT,
                           fillColor=style.INK))  # fmt: skip
        x += 10 + stringWidth(nfc(item.name), REGULAR, LABEL_FONT) + 14


def _hidden_mark(cell: Cell, small: str) -> str:
    return small if cell.small_group else "–"


def grouped_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: float,
    height: float,
    small: str,
    number: Callable[[float], str],
) -> Drawing:
    """Vertical bars, one group per category (months), one bar per series; a legend on top.
    `small` is the mark of a small group ("< 5"), `number` formats the axis."""
    drawing = Drawing(width, height)
    left, bottom, top = 30.0, 16.0, height - 16
    plot_w, plot_h = width - left - 4, top - bottom
    shown = [c.value for s in series for c in s.values if c.shown]
    top_value, step = _nice_max(max(shown, default=0))
    _legend(drawing, series, left, height - 8)
    tick = 0.0
    while tick <= top_value + 1e-9:
        y = bottom + plot_h * tick / top_value
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=style.RULE, strokeWidth=0.4))
        drawing.add(String(left - 4, y - 2.5, number(tick), fontName=REGULAR, fontSize=TICK_FONT,
                           fillColor=style.MUTED, textAnchor="end"))  # fmt: skip
        tick += step
    count = max(1, len(categories))
    group_w = plot_w / count
    bar_w = min(14.0, group_w * 0.8 / max(1, len(series)))
    every = max(1, math.ceil(count / 16))
    for index, category in enumerate(categories):
        x0 = left + index * group_w + (group_w - bar_w * len(series)) / 2
        for k, item in enumerate(series):
            cell = item.values[index]
            x = x0 + k * bar_w
            if cell.suppressed:
                drawing.add(String(x + bar_w / 2, bottom + 2, _hidden_mark(cell, small),
                                   fontName=REGULAR, fontSize=5.5, fillColor=style.MUTED,
                                   textAnchor="middle"))  # fmt: skip
            elif cell.value:
                h = plot_h * cell.value / top_value
                drawing.add(Rect(x, bottom, bar_w - 1, h, fillColor=item.colour, strokeColor=None))
        if index % every == 0:
            drawing.add(String(left + (index + 0.5) * group_w, bottom - 10,
                               _fit(category, group_w * every - 2, REGULAR, TICK_FONT),
                               fontName=REGULAR, fontSize=TICK_FONT, fillColor=style.MUTED,
                               textAnchor="middle"))  # fmt: skip
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=style.MUTED, strokeWidth=0.6))
    return drawing


def horizontal_bars(
    rows: Sequence[tuple[str, Cell]],
    *,
    width: float,
    small: str,
    number: Callable[[float], str],
    colour: object = style.ACCENT,
    row_height: float = 15,
    label_width: float | None = None,
) -> Drawing:
    """One labelled horizontal bar a row, its value at its end (tandems by status, topics)."""
    label_w = label_width if label_width is not None else width * 0.36
    drawing = Drawing(width, row_height * len(rows) + 4)
    shown = [cell.value for _label, cell in rows if cell.shown]
    top_value = max(shown, default=0) or 1
    bar_area = width - label_w - 44
    for index, (text, cell) in enumerate(rows):
        y = drawing.height - (index + 1) * row_height
        drawing.add(String(0, y + 4, _fit(text, label_w - 6, REGULAR, LABEL_FONT + 0.5),
                           fontName=REGULAR, fontSize=LABEL_FONT + 0.5, fillColor=style.INK))  # fmt: skip
        if cell.suppressed:
            value_text, bar = _hidden_mark(cell, small), 0.0
        else:
            value_text = number(cell.value or 0)
            bar = bar_area * (cell.value or 0) / top_value
        if bar:
            drawing.add(
                Rect(label_w, y + 2, bar, row_height - 5, fillColor=colour, strokeColor=None)
            )
        drawing.add(String(label_w + bar + 4, y + 4, value_text, fontName=BOLD,
                           fontSize=LABEL_FONT + 0.5, fillColor=style.INK))  # fmt: skip
    return drawing


def share_lines(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: float,
    height: float,
    percent: Callable[[float], str],
) -> Drawing:
    """Shares (0 to 1) across rounds, one line a series; hidden or missing points leave a gap."""
    drawing = Drawing(width, height)
    left, bottom, top = 34.0, 16.0, height - 18
    plot_w, plot_h = width - left - 10, top - bottom
    _legend(drawing, series, left, height - 8)
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = bottom + plot_h * tick
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=style.RULE, strokeWidth=0.4))
        drawing.add(String(left - 4, y - 2.5, percent(tick), fontName=REGULAR, fontSize=TICK_FONT,
                           fillColor=style.MUTED, textAnchor="end"))  # fmt: skip
    count = max(1, len(categories))
    step = plot_w / count
    for index, category in enumerate(categories):
        drawing.add(String(left + (index + 0.5) * step, bottom - 10,
                           _fit(category, step - 4, REGULAR, TICK_FONT), fontName=REGULAR,
                           fontSize=TICK_FONT, fillColor=style.MUTED, textAnchor="middle"))  # fmt: skip
    for item in series:
        run: list[float] = []
        for index, cell in enumerate(item.values):
            if not cell.shown:
                if len(run) > 2:
                    drawing.add(PolyLine(run, strokeColor=item.colour, strokeWidth=1.4))
                run = []
                continue
            x = left + (index + 0.5) * step
            y = bottom + plot_h * max(0.0, min(1.0, float(cell.value or 0)))
            run += [x, y]
            drawing.add(Circle(x, y, 2.2, fillColor=item.colour, strokeColor=colors.white,
                               strokeWidth=0.5))  # fmt: skip
        if len(run) > 2:
            drawing.add(PolyLine(run, strokeColor=item.colour, strokeWidth=1.4))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=style.MUTED, strokeWidth=0.6))
    return drawing
