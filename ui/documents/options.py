"""The small dialog before a document is made: its language (the file's document language
first) and, where the document has them, its options: without names, landscape, with the
topics, confirmations for dissolved tandems, one PDF or one file per person."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, tr
from ui.form_fields import buddy_label, grow_to_fit
from ui.views.base import plain_label

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


@dataclass(frozen=True)
class DocumentOptions:
    """What the user chose. Options a document does not offer keep their defaults."""

    lang: str
    anonymous: bool = False
    landscape: bool = False
    with_topics: bool = True
    include_dissolved: bool = False
    one_file_per_person: bool = False
    round_id: int | None = None
    """The round chosen, where the dialog offered a choice of rounds."""


@dataclass(frozen=True)
class Offer:
    """Which options the dialog offers (the language always)."""

    anonymous: bool = False
    orientation: bool = False
    topics: bool = False
    dissolved: bool = False
    output: bool = False
    rounds: tuple[tuple[int, str], ...] = ()
    """(id, name) of the rounds to choose from (a choice is shown for two or more)."""


class DocumentOptionsDialog(QDialog):
    """Asks for a document's language and options; `options()` after Accepted."""

    def __init__(
        self,
        *,
        title: str,
        intro: str,
        lang: str,
        offer: Offer = Offer(),
        ok_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.offer = offer
        text = plain_label(intro, self)
        text.setWordWrap(True)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(lang), 0))
        self.language.setAccessibleName(tr("Language of the document"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self, tr("&Language:"), self.language), self.language)
        self.round = QComboBox(self)
        self.round.setAccessibleName(tr("Round"))
        for round_id, name in offer.rounds:
            self.round.addItem(name, round_id)
        if len(offer.rounds) > 1:
            form.addRow(buddy_label(self, tr("&Round:"), self.round), self.round)
        else:
            self.round.setVisible(False)

        self.anonymous = QCheckBox(tr("Print &without names"), self)
        self.anonymous.setToolTip(tr("For a sheet that may lie on a desk or in a meeting room"))
        self.portrait = QRadioButton(tr("&Portrait (for the personnel file)"), self)
        self.landscape = QRadioButton(tr("L&andscape (for display)"), self)
        self.portrait.setChecked(True)
        self.orientation = QButtonGroup(self)
        self.orientation.addButton(self.portrait)
        self.orientation.addButton(self.landscape)
        self.topics = QCheckBox(tr("With the &topics covered"), self)
        self.topics.setChecked(True)
        self.dissolved = QCheckBox(tr("Also confirm the meetings of &dissolved tandems"), self)
        self.dissolved.setToolTip(
            tr("A confirmation of the meetings held; it says nothing about why the tandem ended")
        )
        self.one_pdf = QRadioButton(tr("&One PDF with a page for each person"), self)
        self.per_person = QRadioButton(tr("One &file for each person, in a folder"), self)
        self.one_pdf.setChecked(True)
        self.output = QButtonGroup(self)
        self.output.addButton(self.one_pdf)
        self.output.addButton(self.per_person)
        for widget, shown in (
            (self.anonymous, offer.anonymous),
            (self.portrait, offer.orientation),
            (self.landscape, offer.orientation),
            (self.topics, offer.topics),
            (self.dissolved, offer.dissolved),
            (self.one_pdf, offer.output),
            (self.per_person, offer.output),
        ):
            if shown:
                form.addRow("", widget)
            else:
                widget.setVisible(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or tr("Make PDF"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.language.setFocus()
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            grow_to_fit(self)  # a long intro wraps: it needs its height for the width

    def options(self) -> DocumentOptions:
        """What the dialog holds."""
        offer = self.offer
        return DocumentOptions(
            lang=str(self.language.currentData()),
            anonymous=offer.anonymous and self.anonymous.isChecked(),
            landscape=offer.orientation and self.landscape.isChecked(),
            with_topics=self.topics.isChecked() if offer.topics else True,
            include_dissolved=offer.dissolved and self.dissolved.isChecked(),
            one_file_per_person=offer.output and self.per_person.isChecked(),
            round_id=self.round.currentData() if offer.rounds else None,
        )


def ask_options(
    parent: QWidget | None,
    *,
    title: str,
    intro: str,
    lang: str,
    offer: Offer = Offer(),
    ok_text: str = "",
) -> DocumentOptions | None:
    """Show the dialog; the options chosen, or None when the user cancelled."""
    dialog = DocumentOptionsDialog(
        title=title, intro=intro, lang=lang, offer=offer, ok_text=ok_text, parent=parent
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()
    finally:
        dialog.deleteLater()
