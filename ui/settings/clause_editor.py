"""One language's clauses of the tandem agreement in the Settings dialog: HR edits the text
(a line "## Heading" starts a clause), "Reset to standard" brings back ours. Nothing is
stored until the dialog saves."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.i18n import tr
from ui.views.base import plain_label


class ClauseEditor(QWidget):
    """The clause text of one language (`lang`), as the file holds it, with our standard
    text to go back to."""

    def __init__(
        self, lang: str, text: str, standard: str, name: str, parent: QWidget | None = None
    ) -> None:
        """`name` is the language's name for the user ("German")."""
        super().__init__(parent)
        self.lang = lang
        self.loaded = text
        self.standard = standard
        self.edit = QPlainTextEdit(self)
        self.edit.setAccessibleName(tr("Agreement text in {language}", language=name))
        self.edit.setTabChangesFocus(True)
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setPlainText(text)
        self.state = plain_label("", self)
        self.state.setAccessibleName(tr("Which text"))
        self.reset_button = QPushButton(tr("&Reset to standard"), self)
        self.reset_button.setToolTip(
            tr("Replace this text with Tandem's standard agreement text in {language}",
               language=name)
        )  # fmt: skip
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(lambda _checked=False: self.reset())
        self.edit.textChanged.connect(self._show_state)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)
        self._show_state()

    def text(self) -> str:
        """The text as edited."""
        return self.edit.toPlainText()

    def is_standard(self) -> bool:
        """True when the text is our standard text (to store nothing of HR's)."""
        return self.text().strip() == self.standard.strip()

    def is_edited(self) -> bool:
        """True when the text differs from what the file holds."""
        return self.text().strip() != self.loaded.strip()

    def reset(self) -> None:
        """Reset to standard: our text in the editor (stored when the dialog saves)."""
        self.edit.setPlainText(self.standard)

    def saved(self, text: str) -> None:
        """The file now holds `text`."""
        self.loaded = text
        self._show_state()

    def _show_state(self) -> None:
        standard = self.is_standard()
        self.state.setText(
            tr("Tandem's standard text.") if standard else tr("Your own version of the text.")
        )
        self.reset_button.setEnabled(not standard)
