"""The company logo in the Settings dialog: a preview, Choose… (a PNG or JPEG file) and
Remove. The logo is only kept here until the dialog saves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from ui.hidpi.pixmaps import scaled_for_screen

MAX_LOGO_BYTES = 5 * 1024 * 1024
"""A bigger file is surely a photo, not a logo (and would make every PDF heavy)."""


def image_filter() -> str:
    """The open dialog's filter for logos."""
    return tr("Images (*.png *.jpg *.jpeg)")


class LogoField(QWidget):
    """Shows the logo (or that there is none) with Choose… and Remove. `image()` is what
    will be saved; `changed` says whether it differs from what the file holds."""

    edited = Signal()
    """The user chose or removed a logo."""
    problem = Signal(str)
    """A file that cannot be a logo was chosen; the message for the user ('' clears it)."""

    def __init__(self, image: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = image
        self.changed = False
        self.preview = QLabel(self)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(tr("Logo preview"))
        metrics = self.fontMetrics()
        self.preview.setFixedSize(QSize(metrics.averageCharWidth() * 30, metrics.height() * 5))
        self.choose_button = QPushButton(tr("Choose &file…"), self)
        self.choose_button.setToolTip(tr("Choose a PNG or JPEG file with the company's logo"))
        self.remove_button = QPushButton(tr("&Remove"), self)
        self.remove_button.setToolTip(tr("Print the documents without a logo"))
        self.choose_button.clicked.connect(lambda _checked=False: self.choose())
        self.remove_button.clicked.connect(lambda _checked=False: self.remove())
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.choose_button)
        self._show()

    def image(self) -> bytes | None:
        """The logo's bytes as it will be saved (None: no logo)."""
        return self._image

    def has_preview(self) -> bool:
        """True while a logo is shown."""
        pixmap = self.preview.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def set_image(self, image: bytes | None) -> bool:
        """Take a new logo (None removes it); False when `image` is no readable picture."""
        if image is not None and not QPixmap().loadFromData(image):
            self.problem.emit(tr("This file is not a picture Tandem can read."))
            return False
        self._image = image
        self.changed = True
        self.problem.emit("")
        self._show()
        self.edited.emit()
        return True

    def choose(self) -> None:
        """Choose… a logo file."""
        name, _chosen = QFileDialog.getOpenFileName(
            self, tr("Choose the company logo"), str(Path.home()), image_filter()
        )
        if not name:
            return
        path = Path(name)
        try:
            if path.stat().st_size > MAX_LOGO_BYTES:
                self.problem.emit(
                    tr("This picture is larger than 5 MB; please use a smaller logo.")
                )
                return
            data = path.read_bytes()
        except OSError as exc:
            self.problem.emit(
                tr("{name} cannot be read: {reason}", name=path.name, reason=exc.strerror or exc)
            )
            return
        self.set_image(data)

    def remove(self) -> None:
        """Remove the logo."""
        self.set_image(None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._show()  # moved to a screen with another scaling: paint the logo for it
        super().changeEvent(event)

    def _show(self) -> None:
        pixmap = QPixmap()
        if self._image is not None and pixmap.loadFromData(self._image):
            room = self.preview.contentsRect().size() - QSize(8, 8)
            ratio = self.preview.devicePixelRatioF()
            self.preview.setPixmap(scaled_for_screen(pixmap, room, ratio))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("No logo"))
        self.remove_button.setEnabled(self._image is not None)
