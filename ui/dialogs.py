"""Message boxes that show text exactly as written (never as rich text), in one place; and
dialogs sized to the screen they open on, so their buttons never end up under the taskbar
(a 1920x1080 laptop at 150% leaves about 1280x680 usable pixels)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtWidgets import QScrollArea

FRAME_ALLOWANCE = (16, 48)
"""Logical pixels the system adds around a dialog (borders; the title bar), kept free."""


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


def show_warning_later(parent: QWidget | None, text: str, details: str = "") -> QMessageBox:
    """Tell the user about a problem without stopping them: the warning stays open beside
    the window (not modal) until they close it. Returns the box (shown)."""
    from PySide6.QtCore import Qt

    box = _box(parent, QMessageBox.Icon.Warning, text, details)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


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


def screen_area(widget: QWidget) -> QRect:
    """The available geometry (without the taskbar) of the screen `widget` opens on: its
    parent's screen, else its own, else the primary screen."""
    from PySide6.QtGui import QGuiApplication

    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def available_size(widget: QWidget) -> QSize:
    """The most room a dialog of `widget` may take: the available screen minus its frame."""
    from PySide6.QtCore import QSize

    area = screen_area(widget)
    return QSize(area.width() - FRAME_ALLOWANCE[0], area.height() - FRAME_ALLOWANCE[1])


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Give a dialog the size it wants (width x height), but no more than the screen has
    room for; returns the size given."""
    from PySide6.QtCore import QSize

    room = available_size(widget)
    size = QSize(min(width, room.width()), min(height, room.height()))
    widget.resize(size)
    return size


def scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a tall form stays usable on a low screen while
    the dialog's buttons stay in view below it."""
    from PySide6.QtWidgets import QFrame, QScrollArea

    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def grow_to_fit(window: QWidget) -> None:
    """Make a dialog as large as its content asks (after a message appeared), never smaller
    than it is and never larger than the screen has room for (a scroll area or the wrapped
    text takes the rest)."""
    from PySide6.QtCore import QSize

    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    hint = window.sizeHint()
    room = available_size(window)
    wanted = QSize(max(window.width(), hint.width()), max(window.height(), hint.height()))
    size = QSize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))
    if size != window.size():
        window.resize(size.expandedTo(window.minimumSize()))
