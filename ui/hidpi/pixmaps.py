"""Pixmaps and icons drawn by code, sharp at every device pixel ratio.

A pixmap painted with as many pixels as logical pixels looks blurred on a laptop at 150 %
scaling: Qt stretches 40 pixels over 60. Here the painting is done in logical coordinates on
a pixmap with `size × ratio` pixels whose device pixel ratio says so, and icons get one such
painting per common size and ratio, so Qt never has to enlarge one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

Painter = Callable[[QPainter, float], None]
"""Draws a square picture of the given logical size, from (0, 0), in logical coordinates."""

ICON_SIZES = (16, 20, 22, 24, 32, 40, 48, 64)
"""Logical sizes an icon is asked for (menus, tables, buttons, dialog headings)."""
RATIOS = (1.0, 1.25, 1.5, 1.75, 2.0)
"""The display scalings Windows offers on laptops and common monitors."""


def painted_pixmap(size: int, ratio: float, paint: Painter) -> QPixmap:
    """A transparent square pixmap `size` logical pixels wide for a screen of device pixel
    ratio `ratio`, with `paint` drawing on it in logical coordinates."""
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    pixmap.setDevicePixelRatio(pixels / size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter, float(size))
    painter.end()
    return pixmap


def painted_icon(paint: Painter) -> QIcon:
    """An icon holding a painting for every size in ICON_SIZES at every ratio in RATIOS (as
    plain pixels, which Qt picks by the number of pixels a screen needs)."""
    icon = QIcon()
    for pixels in sorted({round(size * ratio) for size in ICON_SIZES for ratio in RATIOS}):
        icon.addPixmap(painted_pixmap(pixels, 1.0, paint))
    return icon


def scaled_for_screen(image: QImage | QPixmap, room: QSize, ratio: float) -> QPixmap:
    """`image` scaled to fit `room` (logical pixels, aspect kept) with the pixels a screen of
    `ratio` shows there, so a photo or logo stays sharp at 150 %."""
    pixmap = QPixmap.fromImage(image) if isinstance(image, QImage) else QPixmap(image)
    scaled = pixmap.scaled(
        room * ratio, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    scaled.setDevicePixelRatio(ratio)
    return scaled


class IconLabel(QLabel):
    """A label showing `icon` at `size` logical pixels, painted for its screen's ratio and
    painted again when the window moves to a screen with another ratio."""

    def __init__(self, icon: QIcon, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._size = size
        self.setFixedSize(size, size)
        self._show_icon()

    def _show_icon(self) -> None:
        self.setPixmap(self._icon.pixmap(QSize(self._size, self._size), self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._show_icon()
        super().changeEvent(event)
