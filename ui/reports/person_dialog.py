"""The personal data export's dialog (GDPR art. 15): whose data, the document's language, the
content of the private notes (only while the notes are unlocked, which can be done from
here, and then with a warning) and a machine-readable copy (JSON) beside the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from ui.form_fields import buddy_label, chain_tab_order, grow_to_fit
from ui.notes.vault_controller import NotesController
from ui.reports.fields import WarningBox, language_combo, make_pdf_buttons, note_label
from ui.views.base import plain_label


@dataclass(frozen=True)
class PersonExportChoice:
    """What the user chose."""

    participant_id: int
    lang: str
    with_notes: bool = False
    with_json: bool = False


class PersonExportDialog(QDialog):
    """Asks whose data and how; `choice()` after Accepted."""

    def __init__(
        self,
        *,
        people: list[tuple[int, str]],
        lang: str,
        notes: NotesController,
        participant_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`people`: (id, name) of every participant, in the order shown; `participant_id`
        is chosen (the person selected in the participants view)."""
        super().__init__(parent)
        self.notes = notes
        self._fitted = False
        self.setWindowTitle(tr("Personal data export (GDPR)"))
        intro = plain_label(
            tr(
                "Everything the file holds about one person, for their request under GDPR "
                "art. 15: the record, tandems, meetings and check-ins, where each value comes "
                "from, what it is for, when it is deleted, and the person's rights."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.person = QComboBox(self)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setAccessibleName(tr("Person"))
        for pid, name in people:
            self.person.addItem(name, pid)
        completer = self.person.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Nobody is chosen for the user: an export about the wrong person would be a breach.
        self.person.setCurrentIndex(
            self.person.findData(participant_id) if participant_id is not None else -1
        )
        self.person.lineEdit().setPlaceholderText(tr("Type or choose a name"))
        self.person.currentIndexChanged.connect(self._update)
        self.person.editTextChanged.connect(self._update)
        self.language = language_combo(lang, self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self, tr("&Person:"), self.person), self.person)
        form.addRow(buddy_label(self, tr("&Language:"), self.language), self.language)

        # Private notes: their content only while unlocked, and only when ticked.
        self.with_notes = QCheckBox(tr("Include the content of the private &notes"), self)
        self.unlock_button = QPushButton(tr("&Unlock notes…"), self)
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(lambda _checked=False: self.unlock())
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.with_notes, 1)
        notes_row.addWidget(self.unlock_button)
        self.notes_state = note_label("", self)
        self.notes_warning = WarningBox(
            tr(
                "The export will contain the full text of the private notes about this "
                "person, which HR wrote in confidence. Include them only when the person asks "
                "for them, and read them first: a note may be about someone else too."
            ),
            self,
        )
        self.with_notes.toggled.connect(self._update)

        self.with_json = QCheckBox(tr("Also save a &machine-readable copy (JSON)"), self)
        self.json_note = note_label(
            tr("You choose where to save it after “Make PDF”; it holds the same data."), self
        )

        buttons, self.ok_button, self.cancel_button = make_pdf_buttons(self)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(notes_row)
        layout.addWidget(self.notes_state)
        layout.addWidget(self.notes_warning)
        layout.addWidget(self.with_json)
        layout.addWidget(self.json_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        chain_tab_order(
            [
                self.person, self.language, self.with_notes, self.unlock_button,
                self.with_json, self.ok_button, self.cancel_button,
            ]
        )  # fmt: skip
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 68)
        notes.state_changed.connect(self._update)
        self._update()
        self.person.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            grow_to_fit(self)

    # --- state ---------------------------------------------------------------------------
    def participant_id(self) -> int | None:
        """The person chosen; None while nobody is, or the typed name matches nobody."""
        text = self.person.currentText()
        if not text:
            return None
        index = self.person.findText(text, Qt.MatchFlag.MatchExactly)
        return self.person.itemData(index) if index >= 0 else None

    def _update(self, *_args: object) -> None:
        notes = self.notes
        set_up = notes.is_open and notes.is_set_up()
        unlocked = set_up and notes.is_unlocked()
        self.with_notes.setEnabled(unlocked)
        if not unlocked and self.with_notes.isChecked():
            self.with_notes.setChecked(False)  # the notes locked meanwhile
        self.unlock_button.setVisible(set_up and not unlocked)
        if not set_up:
            state = tr("This file has no private notes.")
        elif not unlocked:
            state = tr(
                "The private notes are locked. Without them the export says only that notes "
                "exist and when they were written."
            )
        else:
            state = tr("Without the content, the export says only that notes exist and when.")
        ticked = self.with_notes.isChecked()
        self.notes_state.setText(state)
        self.notes_state.setVisible(not ticked)
        self.notes_warning.setVisible(ticked)
        self.ok_button.setEnabled(self.participant_id() is not None)
        if self.isVisible():
            grow_to_fit(self)

    def unlock(self) -> bool:
        """Unlock the notes (the usual unlock dialog); True when they are unlocked now."""
        unlocked = self.notes.run_unlock(self)
        self._update()
        if unlocked:
            self.with_notes.setFocus(Qt.FocusReason.OtherFocusReason)
        return unlocked

    def choice(self) -> PersonExportChoice:
        """What the user chose (call after Accepted)."""
        participant_id = self.participant_id()
        assert participant_id is not None
        return PersonExportChoice(
            participant_id=participant_id,
            lang=self.language.currentData(),
            with_notes=self.with_notes.isChecked() and self.notes.is_unlocked(),
            with_json=self.with_json.isChecked(),
        )
