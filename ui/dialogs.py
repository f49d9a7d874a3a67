"""Message boxes that show text exactly as written (never as rich text), in one place."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, text: str, details: str = ""
) -> QMessageBox:
    from PySide6.QtCore import Qt  # not at import: see ui/main_window.py, _plain_text()

    box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok, parent)
    # A file or person name like "Anna & <b>Lee</b>" must not be read as HTML.
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    return box


def show_warning(parent: QWidget | None, text: str, details: str = "") -> None:
    """Tell the user about a problem they can act on."""
    _box(parent, QMessageBox.Icon.Warning, text, details).exec()


def show_info(parent: QWidget | None, text: str, details: str = "") -> None:
    """Tell the user something neutral."""
    _box(parent, QMessageBox.Icon.Information, text, details).exec()


def show_critical(parent: QWidget | None, text: str, details: str = "") -> None:
    """Tell the user about a failure of the program itself."""
    _box(parent, QMessageBox.Icon.Critical, text, details).exec()


def ask_yes_no(parent: QWidget | None, text: str) -> bool:
    """A yes/no question; True for yes."""
    box = _box(parent, QMessageBox.Icon.Question, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
