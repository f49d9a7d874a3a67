"""A modifier key an earlier test left "held" in Qt's memory must not reach the next test: the
autouse fixture releases it (`tests/helpers/qt_state.py`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QTableWidget

from tests.helpers.qt_state import release_held_modifiers


def test_a_shift_left_held_extends_a_selection_until_it_is_released(qtbot) -> None:
    table = QTableWidget(5, 2)
    qtbot.addWidget(table)
    line = QLineEdit()
    qtbot.addWidget(line)
    table.selectRow(3)
    qtbot.keyClick(line, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.ShiftModifier
    table.selectRow(0)
    assert len(table.selectionModel().selectedRows()) > 1  # what broke the new-meeting test

    release_held_modifiers()
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    table.selectRow(0)
    assert [index.row() for index in table.selectionModel().selectedRows()] == [0]
