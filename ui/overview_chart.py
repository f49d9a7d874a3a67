"""The overview's chart: meetings per month as stacked bars (held, planned, cancelled), drawn
with QPainter. Light and fast (no QtCharts to load), with a legend, axis figures, the total
above each bar, and a pattern as well as a colour for each kind, so it reads in black and
white too. Hovering a bar shows its figures; the accessible description lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionFocusRect, QToolTip, QWidget

from app.i18n import language, tr
from app.services.overview import MonthPoint


@dataclass(frozen=True)
class Series:
    """One kind of meeting in the chart."""

    key: str
    color: QColor
    pattern: Qt.BrushStyle


def _series() -> list[Series]:
    return [
        Series("held", QColor(46, 125, 50), Qt.BrushStyle.SolidPattern),
        Series("planned", QColor(66, 133, 214), Qt.BrushStyle.Dense4Pattern),
        Series("cancelled", QColor(150, 150, 150), Qt.BrushStyle.BDiagPattern),
    ]


def series_label(key: str) -> str:
    """The legend's word for a kind of meeting."""
    return {"held": tr("Held"), "planned": tr("Planned"), "cancelled": tr("Cancelled")}[key]


def month_name(month: str, *, long: bool = False) -> str:
    """'Mar' / 'März' for '2026-03' (with the year when `long`)."""
    from PySide6.QtCore import QLocale

    year, number = int(month[:4]), int(month[5:7])
    locale = QLocale(QLocale.Language.German if language() == "de" else QLocale.Language.English)
    form = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    name = locale.standaloneMonthName(number, form).rstrip(".")
    return f"{name} {year}" if long else name


def nice_step(maximum: int, lines: int = 4) -> int:
    """A round step for the value axis (1, 2, 5, 10, 20, 50, ...)."""
    if maximum <= lines:
        return 1
    raw = maximum / lines
    magnitude = 1
    while magnitude * 10 <= raw:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


class MonthChart(QWidget):
    """Stacked bars of meetings per month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[MonthPoint] = []
        self._current: str | None = None
        self._bars: list[tuple[QRectF, MonthPoint]] = []
        self.series = _series()
        self.setMouseTracking(True)
        self.setMinimumHeight(self.fontMetrics().height() * 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Meetings per month"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    # --- data ----------------------------------------------------------------------------
    def set_points(self, points: Sequence[MonthPoint], current_month: str | None = None) -> None:
        """Show these months (`current_month` 'YYYY-MM' is marked)."""
        self._points = list(points)
        self._current = current_month
        self.setAccessibleDescription(self.describe())
        self.setToolTip("" if self._points else tr("No meetings yet."))
        self.update()

    def points(self) -> list[MonthPoint]:
        """The months shown."""
        return list(self._points)

    def describe(self) -> str:
        """The figures in words (for screen readers and the tooltip)."""
        return "\n".join(self.point_text(p) for p in self._points)

    def point_text(self, point: MonthPoint) -> str:
        """'March 2026: 12 held, 8 planned, 2 cancelled'."""
        return tr(
            "{month}: {held} held, {planned} planned, {cancelled} cancelled",
            month=month_name(point.month, long=True),
            held=point.held,
            planned=point.planned,
            cancelled=point.cancelled,
        )

    def sizeHint(self) -> QSize:  # noqa: N802
        height = self.fontMetrics().height()
        return QSize(height * 34, height * 15)

    # --- drawing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text_color = palette.color(palette.ColorRole.WindowText)
        grid_color = palette.color(palette.ColorRole.Mid)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        self._bars = []

        # Legend across the top.
        x = 0.0
        swatch = line * 0.9
        for series in self.series:
            box = QRectF(x, (line - swatch) / 2, swatch, swatch)
            self._fill(painter, box, series)
            painter.setPen(text_color)
            text = series_label(series.key)
            painter.drawText(QPointF(x + swatch + line * 0.3, metrics.ascent()), text)
            x += swatch + line * 0.3 + metrics.horizontalAdvance(text) + line * 1.2

        if not self._points:
            painter.setPen(text_color)
            painter.drawText(
                QRectF(0, line * 2, self.width(), self.height() - line * 2),
                Qt.AlignmentFlag.AlignCenter,
                tr("No meetings yet."),
            )
            painter.end()
            return

        totals = [p.held + p.planned + p.cancelled for p in self._points]
        step = nice_step(max(max(totals), 1))
        top_value = max(step, -(-max(totals) // step) * step)
        axis_width = metrics.horizontalAdvance(str(top_value)) + line * 0.6
        plot = QRectF(
            axis_width,
            line * 2.2,
            max(self.width() - axis_width - line * 0.5, 10),
            max(self.height() - line * 2.2 - line * 2.6, 10),
        )

        # Value axis: grid lines with figures.
        value = 0
        while value <= top_value:
            y = plot.bottom() - plot.height() * value / top_value
            painter.setPen(
                QPen(grid_color, 1, Qt.PenStyle.DotLine if value else Qt.PenStyle.SolidLine)
            )
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_color)
            painter.drawText(
                QRectF(0, y - line / 2, axis_width - line * 0.3, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
            value += step

        slot = plot.width() / len(self._points)
        bar_width = max(min(slot * 0.62, line * 3.2), 2)
        show_every = 1
        widest = max(metrics.horizontalAdvance(month_name(p.month)) for p in self._points)
        while slot * show_every < widest + line * 0.4:
            show_every += 1
        for index, (point, total) in enumerate(zip(self._points, totals, strict=True)):
            centre = plot.left() + slot * (index + 0.5)
            left = centre - bar_width / 2
            bottom = plot.bottom()
            for series in self.series:
                count = getattr(point, series.key)
                if not count:
                    continue
                height = plot.height() * count / top_value
                box = QRectF(left, bottom - height, bar_width, height)
                self._fill(painter, box, series)
                bottom -= height
            self._bars.append((QRectF(centre - slot / 2, plot.top(), slot, plot.height()), point))
            painter.setPen(text_color)
            if total and bar_width >= metrics.horizontalAdvance(str(total)) * 0.8:
                painter.drawText(
                    QRectF(centre - slot / 2, bottom - line, slot, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(total),
                )
            if index % show_every == 0:
                label_font = painter.font()
                label_font.setBold(point.month == self._current)
                painter.setFont(label_font)
                painter.drawText(
                    QRectF(
                        centre - slot * show_every / 2, plot.bottom() + 2, slot * show_every, line
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    month_name(point.month),
                )
                first = index == 0 or point.month.endswith("-01")
                if first:
                    painter.drawText(
                        QRectF(centre - slot * 2, plot.bottom() + 2 + line, slot * 4, line),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                        point.month[:4],
                    )
                label_font.setBold(False)
                painter.setFont(label_font)
        if self.hasFocus():  # reached by Tab: show it (the figures are in the description)
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
            )
        painter.end()

    def _fill(self, painter: QPainter, box: QRectF, series: Series) -> None:
        painter.setPen(QPen(series.color.darker(140), 1))
        painter.setBrush(QBrush(series.color.lighter(165)))
        painter.drawRect(box)
        if series.pattern != Qt.BrushStyle.SolidPattern:
            painter.setBrush(QBrush(series.color.darker(110), series.pattern))
        else:
            painter.setBrush(QBrush(series.color))
        painter.drawRect(box)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    # --- hover ---------------------------------------------------------------------------
    def bar_at(self, x: float, y: float) -> MonthPoint | None:
        """The month under a point of the widget, if any."""
        for area, point in self._bars:
            if area.contains(QPointF(x, y)):
                return point
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = self.bar_at(event.position().x(), event.position().y())
        if point is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.point_text(point), self)
        super().mouseMoveEvent(event)
