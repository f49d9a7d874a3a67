"""What the window shows when no file is open: a friendly start with New, Open, Open demo
and the recent files."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app import user_prefs
from app.i18n import tr
from ui.views.base import heading_label, plain_label


class StartPage(QWidget):
    """The empty start state."""

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
        self.new_button = QPushButton(tr("New program file…"), self)
        self.open_button = QPushButton(tr("Open program file…"), self)
        self.demo_button = QPushButton(tr("Open demo"), self)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setAccessibleName(button.text().rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)

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
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.refresh_recent()

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
