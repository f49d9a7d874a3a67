"""The words a window or dialog shows: labels, buttons, group and tab titles, placeholders,
tool tips, accessible names, combo box entries and table headers of its visible widgets."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)


def visible_texts(root: QWidget) -> list[str]:
    """Every text of `root` and its visible children (hidden ones are left out)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        found += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel):
            found.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            columns = model.columnCount(QModelIndex())
            found += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)
            ]
    return [text for text in found if text and text.strip()]


def words_outside_pseudo(text: str, data: list[str]) -> list[str]:
    """The words of `text` that the pseudo language did not bracket and that are not data
    (names, departments, topics... given in `data`): untranslated words."""
    rest = text
    for value in sorted(data, key=len, reverse=True):
        rest = rest.replace(value, " ")
    while True:
        shorter = re.sub(r"\[[^\[\]]*\]", " ", rest)  # innermost brackets first
        if shorter == rest:
            break
        rest = shorter
    rest = re.sub(r"<[^>]*>|&\w+;", " ", rest)  # markup
    return re.findall(r"[^\W\d_]{3,}", rest)
