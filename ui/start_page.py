"""What the window shows when no file is open: a friendly start with New, Open, Open demo
and the recent files."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import user_prefs
from app.i18n import tr
from ui.views.base import heading_label, plain_label


class StartPage(QWidget):
    """The empty start state: the three ways in, one below the other, each with a line that
    says what it does, then the recent files. Tab goes New → Open → Demo → recent files."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading_label(tr("Welcome to Tandem"), self)
        text = plain_label(
            tr(
                "Tandem keeps your reverse-mentoring program in one file: participants, "
                "rounds, tandems and their meetings. Create a new program file, open an "
                "existing one, or look around in a demo company first."
            ),
            self,
        )
        text.setWordWrap(True)
        self.new_button = self._way(
            tr("New program file…"),
            tr("Start your program. Tandem proposes a file in your Documents folder."),
        )
        self.open_button = self._way(
            tr("Open program file…"),
            tr("Continue with a file that you or a colleague made before."),
        )
        self.demo_button = self._way(
            tr("Open demo"),
            tr("Look around in a made-up company first. Nothing you do there is kept."),
        )
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QVBoxLayout()
        buttons.setSpacing(text.fontMetrics().height() // 3)
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)

        self.recent_box = QVBoxLayout()
        inner = QVBoxLayout()
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(text.fontMetrics().height())
        inner.addLayout(buttons)
        inner.addSpacing(text.fontMetrics().height())
        inner.addLayout(self.recent_box)
        column = QWidget(self)
        column.setLayout(inner)
        column.setMaximumWidth(text.fontMetrics().averageCharWidth() * 90)
        column.setMinimumWidth(text.fontMetrics().averageCharWidth() * 60)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.refresh_recent()

    def _way(self, title: str, description: str) -> QCommandLinkButton:
        """One of the three ways in: a large button with its title and what it does."""
        button = QCommandLinkButton(title, description, self)
        button.setAccessibleName(title.rstrip("…"))
        button.setAccessibleDescription(description)
        button.setAutoDefault(True)  # Enter chooses it too, not only Space
        return button

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Keyboard users start on "New program file…" (Enter or Space chooses it); Tab goes on to the others."""
        super().showEvent(event)
        focus = self.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh_recent(self) -> None:
        """Show the recent files that still exist as buttons."""
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        files = [p for p in user_prefs.recent_files() if p.exists()]
        if not files:
            return
        self.recent_box.addWidget(plain_label(tr("Recent files"), self))
        for path in files[:5]:
            button = QPushButton(path.name.replace("&", "&&"), self)
            button.setToolTip(str(path))
            button.setFlat(True)
            button.setStyleSheet("text-align: left; color: palette(link)")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(tr("Open {name}", name=path.name))
            button.clicked.connect(lambda _=False, p=path: self.recent_requested.emit(str(p)))
            self.recent_box.addWidget(button)
