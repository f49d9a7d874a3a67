"""The user guide's window: the contents on the left, the guide (HTML) on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from app.paths import resources_dir
from ui import dialogs

GUIDE_LANGUAGES = ("de", "en")


def guide_path(lang: str) -> Path:
    """The guide's file for a language (English for any language without its own guide)."""
    code = lang if lang in GUIDE_LANGUAGES else "en"
    return resources_dir() / "guide" / f"guide_{code}.html"


class GuideDialog(QDialog):
    """The user guide, beside the main window (not modal: the user can follow it while
    working)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = self.guide_language(lang)
        self.setWindowTitle(tr("User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(tr("User guide"))
        self.browser.setHtml(guide_path(self.lang).read_text(encoding="utf-8"))
        self.contents = QListWidget(self)
        self.contents.setAccessibleName(tr("Contents"))
        for title, position in self.headings():
            item = QListWidgetItem(title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, position)
        self.contents.currentItemChanged.connect(self._go_to)
        # As wide as the longest heading (up to 42 characters; a longer one wraps).
        metrics = self.contents.fontMetrics()
        widest = max((metrics.horizontalAdvance(t) for t, _ in self.headings()), default=0)
        frame = (
            self.contents.verticalScrollBar().sizeHint().width() + metrics.averageCharWidth() * 3
        )
        self.contents.setFixedWidth(min(widest, metrics.averageCharWidth() * 42) + frame)
        self.contents.setWordWrap(True)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 150, metrics.height() * 42)
        self.browser.setFocus()

    @staticmethod
    def guide_language(lang: str) -> str:
        """The language of the guide shown for the window's language."""
        return lang if lang in GUIDE_LANGUAGES else "en"

    def headings(self) -> list[tuple[str, int]]:
        """The guide's section headings (level 2) with their positions in the text."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                found.append((block.text(), block.position()))
            block = block.next()
        return found

    def _go_to(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        position = int(item.data(Qt.ItemDataRole.UserRole))
        block = self.browser.document().findBlock(position)
        layout = self.browser.document().documentLayout()
        top = int(layout.blockBoundingRect(block).top())
        self.browser.verticalScrollBar().setValue(top)
