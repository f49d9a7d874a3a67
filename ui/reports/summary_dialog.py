"""The annual summary's dialog: what it covers (a calendar year or one round), the document's
language, the minimum group size (the file's setting, never below 5), HR's commentary (a page
of its own) and, only when HR asks for it, the confidential appendix of the tandems by name,
with a warning that says what that means."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import tr
from app.services.suppression import MAX_THRESHOLD, MIN_THRESHOLD, check_threshold
from ui.form_fields import buddy_label, chain_tab_order, error_label, grow_to_fit
from ui.reports.fields import WarningBox, language_combo, make_pdf_buttons, note_label
from ui.views.base import plain_label


def threshold_text(n: int) -> str:
    """The one line under the minimum group size that says what it does."""
    return tr(
        "Groups smaller than this are printed as “fewer than {n}”. Never below {low}; a "
        "raised size is kept for this file and its reports.",
        n=n,
        low=MIN_THRESHOLD,
    )


@dataclass(frozen=True)
class SummaryChoice:
    """What the user chose: a year or a round (one of them is None), and the options."""

    lang: str
    year: int | None
    round_id: int | None
    threshold: int
    names: bool = False
    commentary: str = ""


class SummaryDialog(QDialog):
    """Asks what the annual summary covers and how it is made; `choice()` after Accepted."""

    def __init__(
        self,
        *,
        years: list[int],
        rounds: list[tuple[int, str]],
        lang: str,
        threshold: int,
        commentary: str = "",
        round_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`years` and `rounds` ((id, name)) newest first: the latest year is chosen; a
        `round_id` is chosen in the list of rounds (for when the user picks a round).
        `threshold` is the file's minimum group size: it can be raised here, not lowered."""
        super().__init__(parent)
        self.setWindowTitle(tr("Annual summary"))
        self._fitted = False
        intro = plain_label(
            tr(
                "The summary of the programme for management and the works council: figures, "
                "charts and the comparison with earlier rounds. It names no one unless you "
                "include the tandems by name."
            ),
            self,
        )
        intro.setWordWrap(True)

        # What it covers.
        self.scope_box = QGroupBox(tr("Covers"), self)
        self.by_year = QRadioButton(tr("A calendar &year:"), self.scope_box)
        self.by_round = QRadioButton(tr("One &round:"), self.scope_box)
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.by_year)
        self.scope.addButton(self.by_round)
        self.year = QComboBox(self.scope_box)
        self.year.setAccessibleName(tr("Year"))
        for year in years:
            self.year.addItem(str(year), year)
        self.round = QComboBox(self.scope_box)
        self.round.setAccessibleName(tr("Round"))
        for rid, name in rounds:
            self.round.addItem(name, rid)
        if round_id is not None:
            self.round.setCurrentIndex(max(self.round.findData(round_id), 0))
        self.year_note = note_label(
            tr("The rounds that started in that year, with all their meetings."), self.scope_box
        )
        grid = QGridLayout(self.scope_box)
        grid.addWidget(self.by_year, 0, 0)
        grid.addWidget(self.year, 0, 1)
        grid.addWidget(self.year_note, 1, 1)
        grid.addWidget(self.by_round, 2, 0)
        grid.addWidget(self.round, 2, 1)
        grid.setColumnStretch(1, 1)
        self.by_year.toggled.connect(self._scope_changed)
        if years:
            self.by_year.setChecked(True)
        else:
            self.by_round.setChecked(True)
        self.by_year.setEnabled(bool(years))
        self.by_round.setEnabled(bool(rounds))
        self._scope_changed()

        # How it is made.
        self.language = language_combo(lang, self)
        self.file_threshold = max(threshold, MIN_THRESHOLD)
        self.threshold = QSpinBox(self)
        self.threshold.setRange(self.file_threshold, MAX_THRESHOLD)
        self.threshold.setValue(self.file_threshold)
        self.threshold.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.threshold.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.threshold.setAccessibleName(tr("Minimum group size"))
        self.threshold_note = note_label(threshold_text(self.threshold.value()), self)
        self.threshold_error = error_label(self)
        self.threshold.valueChanged.connect(self._threshold_changed)
        threshold_field = QWidget(self)
        column = QVBoxLayout(threshold_field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.threshold, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.threshold_note)
        column.addWidget(self.threshold_error)

        self.commentary = QPlainTextEdit(self)
        self.commentary.setPlainText(commentary)
        self.commentary.setTabChangesFocus(True)
        self.commentary.setAccessibleName(tr("HR's commentary"))
        self.commentary.setPlaceholderText(
            tr("Optional: what went well, what will change in the next round, thanks …")
        )
        self.commentary.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self, tr("&Language:"), self.language), self.language)
        form.addRow(buddy_label(self, tr("&Minimum group size:"), self.threshold), threshold_field)

        # Names: only on request, and then said plainly.
        self.names = QCheckBox(tr("Include the tandems by &name (confidential appendix)"), self)
        self.names_warning = WarningBox(
            tr(
                "The summary will list every tandem with the names of mentor and mentee, and "
                "every page will be marked “Confidential – contains names”. Give it only to "
                "people who may know who took part; the works council and management "
                "normally get the anonymous summary."
            ),
            self,
        )
        self.names.toggled.connect(self._names_changed)

        buttons, self.ok_button, self.cancel_button = make_pdf_buttons(self)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scope_box)
        layout.addLayout(form)
        layout.addWidget(
            buddy_label(
                self, tr("HR's &commentary (a page of its own in the summary):"), self.commentary
            )
        )
        layout.addWidget(self.commentary, 1)
        layout.addWidget(self.names)
        layout.addWidget(self.names_warning)
        layout.addWidget(buttons)
        chain_tab_order(
            [
                self.by_year, self.year, self.by_round, self.round, self.language,
                self.threshold, self.commentary, self.names, self.ok_button, self.cancel_button,
            ]
        )  # fmt: skip
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        (self.by_year if years else self.by_round).setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            grow_to_fit(self)  # wrapped texts need their height for the width they got

    # --- state ---------------------------------------------------------------------------
    def _scope_changed(self, *_args: object) -> None:
        by_year = self.by_year.isChecked()
        self.year.setEnabled(by_year)
        self.year_note.setEnabled(by_year)
        self.round.setEnabled(not by_year)

    def _threshold_changed(self, value: int) -> None:
        self.threshold_error.setVisible(False)
        self.threshold_note.setText(threshold_text(value))

    def _names_changed(self, on: bool) -> None:
        self.names_warning.setVisible(on)
        self.ok_button.setText(tr("Make PDF with names") if on else tr("Make PDF"))
        grow_to_fit(self)

    # --- the answer ----------------------------------------------------------------------
    def threshold_value(self) -> int:
        """The minimum group size typed; ValidationError (translated) below 5, above 100 or
        below the file's own. The spin box's text is checked, not its value: a typed "3" is
        refused, not silently replaced."""
        value = check_threshold(self.threshold.cleanText().strip())
        if value < self.file_threshold:
            raise ValidationError(
                tr(
                    "The minimum group size of this file is {n}; a report cannot use a "
                    "smaller one.",
                    n=self.file_threshold,
                ),
                field="threshold",
            )
        return value

    def accept(self) -> None:
        """Make PDF: refused (with the reason under the field) while the size is invalid."""
        try:
            self.threshold_value()
        except ValidationError as exc:
            self.threshold_error.setText(exc.message)
            self.threshold_error.setVisible(True)
            grow_to_fit(self)
            self.threshold.setAccessibleDescription(exc.message)
            self.threshold.setFocus(Qt.FocusReason.OtherFocusReason)
            self.threshold.selectAll()
            return
        super().accept()

    def choice(self) -> SummaryChoice:
        """What the user chose (call after Accepted)."""
        by_year = self.by_year.isChecked()
        return SummaryChoice(
            lang=self.language.currentData(),
            year=self.year.currentData() if by_year else None,
            round_id=None if by_year else self.round.currentData(),
            threshold=self.threshold_value(),
            names=self.names.isChecked(),
            commentary=self.commentary.toPlainText().strip(),
        )
