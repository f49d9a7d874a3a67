"""The programme factsheet's dialog: the year whose anonymous headline figures it shows, the
document's language and HR's short text (the page's own words for recruiting)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from ui.form_fields import buddy_label, chain_tab_order, grow_to_fit
from ui.reports.fields import language_combo, make_pdf_buttons, note_label
from ui.views.base import plain_label


@dataclass(frozen=True)
class FactsheetChoice:
    """What the user chose."""

    year: int
    lang: str
    text: str = ""


class FactsheetDialog(QDialog):
    """Asks for the factsheet's year, language and HR's text; `choice()` after Accepted."""

    def __init__(
        self,
        *,
        years: list[int],
        year: int,
        lang: str,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """`years` newest first; `year` is chosen."""
        super().__init__(parent)
        self._fitted = False
        self.setWindowTitle(tr("Programme factsheet"))
        intro = plain_label(
            tr(
                "One page about the programme for recruiting and the intranet: the idea, the "
                "format, the principles, the topics the leadership learned and a few anonymous "
                "figures of the year (only those about enough people), your text and the "
                "contact."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.year = QComboBox(self)
        self.year.setAccessibleName(tr("Year"))
        for value in years:
            self.year.addItem(str(value), value)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.language = language_combo(lang, self)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(tr("Your text"))
        self.text.setPlaceholderText(
            tr(
                "For example: why the company runs the programme, what participants said, "
                "how to take part next time."
            )
        )
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.text_note = note_label(
            tr(
                "A few sentences; an empty line starts a new paragraph. A long text is set "
                "smaller so that everything fits on one page."
            ),
            self,
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self, tr("&Year:"), self.year), self.year)
        form.addRow(buddy_label(self, tr("&Language:"), self.language), self.language)

        buttons, self.ok_button, self.cancel_button = make_pdf_buttons(self)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buddy_label(self, tr("Your &text on the page:"), self.text))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.text_note)
        layout.addWidget(buttons)
        chain_tab_order([self.year, self.language, self.text, self.ok_button, self.cancel_button])
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 68)
        self.year.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            grow_to_fit(self)  # wrapped texts need their height for the width they got

    def choice(self) -> FactsheetChoice:
        """What the user chose (call after Accepted)."""
        return FactsheetChoice(
            year=self.year.currentData(),
            lang=self.language.currentData(),
            text=self.text.toPlainText().strip(),
        )
