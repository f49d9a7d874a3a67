"""Small pieces shared by the report dialogs: the document's language, a note under a field,
and a warning box that says plainly what an option means for the people in the report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from app.i18n import LANGUAGES, tr
from ui.documents.options import LANGUAGE_NAMES
from ui.views.base import plain_label


def language_combo(lang: str, parent: QWidget) -> QComboBox:
    """The document's language ('de' or 'en'), `lang` chosen."""
    combo = QComboBox(parent)
    for code in LANGUAGES:
        combo.addItem(LANGUAGE_NAMES[code], code)
    combo.setCurrentIndex(max(combo.findData(lang), 0))
    combo.setAccessibleName(tr("Language of the document"))
    return combo


def note_label(text: str, parent: QWidget) -> QLabel:
    """A line of explanation under a field: plain text that wraps, in the muted colour."""
    label = plain_label(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText,
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
    )
    label.setPalette(palette)
    return label


class WarningBox(QFrame):
    """A framed warning with the system's warning icon (hidden until `setVisible(True)`).
    The text is the box's accessible description too, so a screen reader says it."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = plain_label(text, self)
        self.text.setWordWrap(True)
        palette = self.text.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        self.text.setPalette(palette)
        self.setAccessibleName(tr("Warning"))
        self.setAccessibleDescription(text)
        layout = QHBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.setVisible(False)


def make_pdf_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The report dialogs' "Make PDF" and "Cancel" buttons, wired to accept and reject;
    returns the box and the two buttons."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(tr("Make PDF"))
    cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel_button.setText(tr("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button, cancel_button
