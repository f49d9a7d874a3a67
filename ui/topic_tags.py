"""A tag editor for topics: chips with a remove button, and a field with completion from the
topic catalogue. Enter or a comma adds what was typed (a new topic is allowed); Backspace in
the empty field removes the last tag; every chip's × button is reachable with Tab."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from app.i18n import tr


class FlowLayout(QLayout):
    """Lays out widgets left to right and wraps them onto new lines (after Qt's example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Insert a widget at a position (the layout takes it over)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        right = rect.right()
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if item.widget() is not None and isinstance(item.widget(), QLineEdit):
                hint = QSize(max(hint.width(), min(rect.width(), 160)), hint.height())
            if x + hint.width() > right + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class TagChip(QFrame):
    """One tag: its text (plain, never HTML) and a small × button to remove it."""

    remove_requested = Signal(str)

    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("tagChip")
        self.setStyleSheet(
            "#tagChip { border: 1px solid palette(mid); border-radius: 9px;"
            " background: palette(alternate-base); }"
        )
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(text)
        self.button = QToolButton(self)
        self.button.setText("×")
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.setToolTip(tr("Remove “{topic}”", topic=text))
        self.button.setAccessibleName(tr("Remove “{topic}”", topic=text))
        self.button.clicked.connect(lambda: self.remove_requested.emit(self.name))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class _TagLineEdit(QLineEdit):
    """The field of the tag editor: Enter and comma add, Backspace when empty removes."""

    commit = Signal()
    remove_last = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        popup = self.completer().popup() if self.completer() else None
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            if popup is not None and popup.isVisible():
                popup.hide()
            self.commit.emit()
            event.accept()
            return
        if event.text() == ",":
            self.commit.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.remove_last.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TopicTagEditor(QWidget):
    """Edits a list of topics. `set_catalogue()` gives the known topics as (stored name,
    shown name) pairs; `tags()` returns stored names (new topics as typed)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._shown: dict[str, str] = {}  # stored name -> shown name
        self._by_shown: dict[str, str] = {}  # casefolded shown or stored name -> stored name
        self._chips: list[TagChip] = []
        self.flow = FlowLayout(self)
        self.edit = _TagLineEdit(self)
        self.edit.setPlaceholderText(tr("Add a topic…"))
        self.edit.setToolTip(
            tr("Type a topic and press Enter or a comma. Backspace removes the last one.")
        )
        self.edit.setClearButtonEnabled(False)
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._on_completed)
        self.edit.setCompleter(completer)
        self.edit.commit.connect(self.commit_text)
        self.edit.remove_last.connect(self._remove_last)
        self.flow.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    # --- content -------------------------------------------------------------------------
    def set_catalogue(self, topics: list[tuple[str, str]]) -> None:
        """Known topics as (stored name, shown name), offered for completion."""
        self._shown = dict(topics)
        self._by_shown = {}
        for name, shown in topics:
            self._by_shown[name.casefold()] = name
            self._by_shown[shown.casefold()] = name
        self._completion.setStringList(sorted({shown for _, shown in topics}, key=str.casefold))

    def set_tags(self, names: tuple[str, ...] | list[str]) -> None:
        """Show these topics (stored names)."""
        self._tags = []
        for name in names:
            if name not in self._tags:
                self._tags.append(name)
        self._rebuild()

    def tags(self) -> tuple[str, ...]:
        """The topics, as stored names (a new topic as typed)."""
        return tuple(self._tags)

    def add_tag(self, text: str) -> bool:
        """Add a topic by its shown or stored name; False if empty or already there."""
        text = " ".join(text.split())
        if not text:
            return False
        name = self._by_shown.get(text.casefold(), text)
        if name.casefold() in {t.casefold() for t in self._tags}:
            return False
        self._tags.append(name)
        self._rebuild()
        self.changed.emit()
        return True

    def remove_tag(self, name: str) -> None:
        """Remove a topic (stored name)."""
        if name in self._tags:
            position = self._tags.index(name)
            self._tags.remove(name)
            self._rebuild()
            self.changed.emit()
            if self._chips and position < len(self._chips):
                self._chips[position].button.setFocus()
            else:
                self.edit.setFocus()

    def commit_text(self) -> None:
        """Turn what is typed into a tag (also called before saving)."""
        text = self.edit.text().replace(",", " ")
        self.edit.clear()
        self.add_tag(text)

    def set_accessible_name(self, name: str) -> None:
        """Name the editor for screen readers (its field carries the name)."""
        self.setAccessibleName(name)
        self.edit.setAccessibleName(name)

    # --- internals -----------------------------------------------------------------------
    def _on_completed(self, text: str) -> None:
        self.edit.clear()
        self.add_tag(text)
        self.edit.setFocus()

    def _remove_last(self) -> None:
        if self._tags:
            self.remove_tag(self._tags[-1])
            self.edit.setFocus()

    def chips(self) -> list[TagChip]:
        """The chips shown, in order."""
        return list(self._chips)

    def _rebuild(self) -> None:
        for chip in self._chips:
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self._chips = []
        for position, name in enumerate(self._tags):
            chip = TagChip(name, self._shown.get(name, name), self)
            chip.remove_requested.connect(self.remove_tag)
            self.flow.insert_widget(position, chip)
            chip.show()
            self._chips.append(chip)
        # Tab goes from the field to each chip's × button, then on to the next field.
        previous: QWidget = self.edit
        for chip in self._chips:
            QWidget.setTabOrder(previous, chip.button)
            previous = chip.button
        self.updateGeometry()
