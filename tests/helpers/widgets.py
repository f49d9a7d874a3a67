"""Driving widgets as a user would: dialogs answered by a script, a check box clicked where
it reacts, text typed with letters beyond ASCII, the tandems view, and what the import
preview shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from sqlite_utils import Database

from app.db import open_database
from app.model import Participant
from app.services.participants import list_participants
from ui.import_preview import LINE, NAME, PROBLEMS, RESULT
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow
from ui.settings.settings_dialog import SettingsDialog
from ui.views.tandems import TandemsView


def script_dialog(
    monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], script: Callable[[Any], None]
) -> list[Any]:
    """When the program opens a `cls` dialog, `script(dialog)` drives it instead of a user."""
    opened: list[Any] = []

    def fake_exec(dialog: QDialog) -> int:
        opened.append(dialog)
        dialog.show()
        script(dialog)
        return int(dialog.result())

    monkeypatch.setattr(cls, "exec", fake_exec)
    return opened


def tandems_view(window: MainWindow) -> TandemsView:
    """Show the tandems view of a window and return it."""
    view = window.show_view("tandems")
    assert isinstance(view, TandemsView)
    return view


def shown_rows(wizard: ImportWizard) -> dict[int, tuple[str, str, str]]:
    """Line → (result, name, errors and warnings) as the preview table shows them."""
    proxy = wizard.preview_page.table.model()
    rows = {}
    for r in range(proxy.rowCount()):
        line = proxy.index(r, LINE).data()
        rows[line] = (
            proxy.index(r, RESULT).data(),
            proxy.index(r, NAME).data(),
            proxy.index(r, PROBLEMS).data() or "",
        )
    return rows


def people_in_file(db_path: Path) -> list[Participant]:
    """The participants saved in a program file (opened and closed again)."""
    db = open_database(db_path)
    try:
        return list_participants(db)
    finally:
        db.close()


def click_check_box(qtbot, box: QCheckBox | QRadioButton) -> None:
    """Click a check box (or radio button) where a user would: on its box and label, which
    the style decides. Its middle may be empty space when a layout stretches it wider than
    its text, and a click there does nothing."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_RadioButtonClickRect
        if isinstance(box, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxClickRect
    )
    target = box.style().subElementRect(element, option, box).center()
    assert box.isVisible() and box.rect().contains(target), "the check box cannot be clicked"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=target)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type into `widget` like a keyboard, also letters beyond ASCII (QTest only knows ASCII
    keys; the others arrive as key events carrying their text, as from an input method)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
                )


def shown_settings_dialog(qtbot, db: Database) -> SettingsDialog:
    """The settings dialog of `db`, shown (closed with the test)."""
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog
