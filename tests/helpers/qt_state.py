"""Qt state that outlives a test: the modifier keys Qt believes are held."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def release_held_modifiers() -> None:
    """Let Qt forget modifier keys an earlier test left "held". Qt keeps the modifiers of the
    last key or mouse event it was sent: after a Shift+Tab, `keyboardModifiers()` stays Shift,
    and `QTableView.selectRow()` then extends the selection instead of choosing one row."""
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        scratch = QWidget()
        QTest.keyRelease(scratch, Qt.Key.Key_Shift)  # a release without modifiers resets them
        scratch.deleteLater()
