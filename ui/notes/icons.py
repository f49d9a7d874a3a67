"""Padlock icons, painted rather than taken from a font: an emoji padlock shows as an empty
box on systems without an emoji font, and Qt's standard icons have no padlock."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen

from ui.hidpi.pixmaps import painted_icon

_LOCKED_COLOR = QColor(176, 112, 0)
_UNLOCKED_COLOR = QColor(40, 120, 60)
_icons: dict[bool, QIcon] = {}


def _paint_lock(painter: QPainter, size: float, locked: bool) -> None:
    color = _LOCKED_COLOR if locked else _UNLOCKED_COLOR
    pen = QPen(color, max(1.5, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    # The shackle: an arch over the body; lifted and swung open when unlocked.
    width = size * 0.46
    left = (size - width) / 2 + (size * 0.18 if not locked else 0)
    top = size * (0.08 if locked else 0.02)
    shackle = QPainterPath()
    leg_bottom = size * 0.48
    shackle.moveTo(QPointF(left, leg_bottom if locked else size * 0.34))
    shackle.lineTo(QPointF(left, top + width / 2))
    shackle.arcTo(QRectF(left, top, width, width), 180, -180)
    shackle.lineTo(QPointF(left + width, leg_bottom))
    painter.drawPath(shackle)
    # The body, with a keyhole.
    body = QRectF(size * 0.16, size * 0.44, size * 0.68, size * 0.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(body, size * 0.08, size * 0.08)
    painter.setBrush(QColor(255, 255, 255))
    hole = size * 0.12
    painter.drawEllipse(
        QPointF(body.center().x(), body.center().y() - hole * 0.3), hole / 2, hole / 2
    )
    painter.drawRect(QRectF(body.center().x() - hole / 5, body.center().y(), hole * 0.4, hole))


def lock_icon(*, locked: bool = True) -> QIcon:
    """The padlock as an icon, sharp in the usual sizes at every display scaling."""
    if locked not in _icons:
        _icons[locked] = painted_icon(lambda painter, size: _paint_lock(painter, size, locked))
    return _icons[locked]
