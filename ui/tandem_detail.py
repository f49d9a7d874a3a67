"""The detail panel of the tandems view: the selected tandem's people, status with the next
steps of its lifecycle, attention flags, focus topics and goals, and its check-ins.

The panel writes through the services and then emits `changed(area, tandem_id)`; the view
passes that on to the application context, which reloads every view showing that area.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import user_prefs
from app.errors import TandemError
from app.i18n import N_, format_date, tr
from app.labels import label, topic_label
from app.model import CheckIn, CheckinPhase, Tandem, TandemStatus
from app.services import common
from app.services.attention import Flag, tandem_flags
from app.services.checkins import list_checkins
from app.services.participants import get_participant
from app.services.tandems import TRANSITIONS, get_tandem, set_status, update_focus
from app.services.topics import list_topics
from ui import dialogs
from ui.context import CHECKINS, TANDEMS
from ui.form_fields import buddy_label, date_edit, from_qdate
from ui.tandem_form import warning_label
from ui.topic_tags import TopicTagEditor

PRINT_AFTER_AGREED = "print_agreement_after_agreed"
"""The preference behind "Then print the tandem agreement" in the Agreement signed dialog."""


def _plain(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    widget.setText(text)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def status_text(tandem: Tandem) -> str:
    """'Active since 12.03.2026' (the date the tandem reached its status)."""
    day = {
        TandemStatus.PROPOSED: tandem.proposed_on,
        TandemStatus.AGREED: tandem.agreed_on,
        TandemStatus.ACTIVE: tandem.started_on,
        TandemStatus.COMPLETED: tandem.completed_on,
        TandemStatus.DISSOLVED: tandem.dissolved_on,
    }[tandem.status]
    if day is None:
        return label(tandem.status)
    return tr("{status} since {date}", status=label(tandem.status), date=format_date(day))


def rating_text(value: int | None) -> str:
    """'4 of 5', or a dash when not given."""
    return "–" if value is None else tr("{n} of 5", n=value)


def yes_no(value: bool | None) -> str:
    """'Yes', 'No' or a dash."""
    if value is None:
        return "–"
    return tr("Yes") if value else tr("No")


# --- the small lifecycle dialogs ----------------------------------------------------------


class AgreementDialog(QDialog):
    """Asks for the day the tandem agreement was signed."""

    def __init__(self, tandem: Tandem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Agreement signed"))
        intro = _plain(
            tr(
                "{mentor} and {mentee} signed their tandem agreement on:",
                mentor=tandem.mentor_name,
                mentee=tandem.mentee_name,
            ),
            self,
        )
        self.date = date_edit(common.today(), self)
        self.date.setAccessibleName(tr("Day the agreement was signed"))
        self.print_after = QCheckBox(tr("&Then print the tandem agreement"), self)
        self.print_after.setToolTip(
            tr("A copy for each partner and for HR; the preview opens after saving")
        )
        self.print_after.setChecked(bool(user_prefs.get(PRINT_AFTER_AGREED, False)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Agreement signed"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.date)
        layout.addWidget(self.print_after)
        layout.addWidget(buttons)

    def day(self) -> date:
        """The day chosen."""
        return from_qdate(self.date.date())


class DissolveDialog(QDialog):
    """Asks for the reason a tandem ends early, stating that it is a no-fault exit."""

    def __init__(self, tandem: Tandem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Dissolve tandem"))
        intro = _plain(
            tr(
                "Either side may end a tandem at any time, without giving offence and without "
                "blame: this is a no-fault exit. {mentor} and {mentee} can be paired again, "
                "also in this round.",
                mentor=tandem.mentor_name,
                mentee=tandem.mentee_name,
            ),
            self,
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(tr("Reason"))
        self.reason.setPlaceholderText(
            tr("A short, neutral reason, e.g. “Too little time next to the project launch”")
        )
        self.reason.setFixedHeight(self.fontMetrics().height() * 4)
        self.date = date_edit(common.today(), self)
        self.date.setAccessibleName(tr("Dissolved on"))
        form = QFormLayout()
        reason_label = buddy_label(self, tr("&Reason:"), self.reason)
        date_label = buddy_label(self, tr("&Dissolved on:"), self.date)
        form.addRow(reason_label, self.reason)
        form.addRow(date_label, self.date)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Dissolve tandem"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason.toPlainText().strip()))

    def day(self) -> date:
        """The day chosen."""
        return from_qdate(self.date.date())


# --- the panel ------------------------------------------------------------------------------

_SHORT_PHASE = {CheckinPhase.MID: N_("Mid"), CheckinPhase.FINAL: N_("End")}
_CHECKIN_HEADERS = (
    (N_("Who"), N_("Person")),
    (N_("Phase"), N_("Phase")),
    (N_("Relationship"), N_("Relationship")),
    (N_("Progress"), N_("Progress on goals")),
    (N_("Goals"), N_("Goals reached")),
    (N_("Again"), N_("Would take part again")),
)


class TandemDetail(QFrame):
    """Everything about one tandem, with the actions that fit its status."""

    changed = Signal(str, int)
    """(area, tandem id) after something was written."""
    open_sessions = Signal(int)
    """The user wants to see the tandem's meetings."""
    delete_requested = Signal(int)
    """The user wants to delete the (proposed) tandem."""
    agreement_requested = Signal(int)
    """The user wants the tandem agreement (to print or save)."""
    agendas_requested = Signal(int)
    """The user wants the agenda sheets of the tandem's upcoming meetings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.tandem: Tandem | None = None
        self.flags: list[Flag] = []
        self.checkins: list[CheckIn] = []
        self._build()
        self.show_tandem(None, None)

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = _plain("", self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setAccessibleName(tr("Selected tandem"))
        self.empty = _plain(tr("Select a tandem to see its details."), self)

        self.mentor_label = _plain("", self)
        self.mentee_label = _plain("", self)
        self.round_label = _plain("", self)
        self.status_label = _plain("", self)
        self.status_label.setAccessibleName(tr("Status"))
        self.reason_label = _plain("", self)
        people = QFormLayout()
        people.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        people.addRow(_plain(tr("Mentor:"), self, wrap=False), self.mentor_label)
        people.addRow(_plain(tr("Mentee:"), self, wrap=False), self.mentee_label)
        people.addRow(_plain(tr("Round:"), self, wrap=False), self.round_label)
        people.addRow(_plain(tr("Status:"), self, wrap=False), self.status_label)
        people.addRow(QWidget(self), self.reason_label)

        self.agree_button = QPushButton(tr("Agreement signed…"), self)
        self.agree_button.setToolTip(tr("Record the day the tandem agreement was signed"))
        self.start_button = QPushButton(tr("Start tandem"), self)
        self.start_button.setToolTip(tr("The tandem begins its meetings today"))
        self.complete_button = QPushButton(tr("Complete…"), self)
        self.complete_button.setToolTip(tr("The tandem has finished its program"))
        self.dissolve_button = QPushButton(tr("Dissolve…"), self)
        self.dissolve_button.setToolTip(tr("End the tandem early, without blame"))
        self.agree_button.clicked.connect(self.agree)
        self.start_button.clicked.connect(self.start)
        self.complete_button.clicked.connect(self.complete)
        self.dissolve_button.clicked.connect(self.dissolve)
        steps = QHBoxLayout()
        for button in (
            self.agree_button,
            self.start_button,
            self.complete_button,
            self.dissolve_button,
        ):
            button.setAutoDefault(False)
            steps.addWidget(button)
        steps.addStretch(1)

        self.attention_label = warning_label(self)
        self.attention_label.setObjectName("attention_reasons")
        self.attention_label.setAccessibleName(tr("Needs attention"))

        focus = QGroupBox(tr("Focus"), self)
        self.focus_topics = TopicTagEditor(focus)
        self.focus_topics.set_accessible_name(tr("Focus topics"))
        self.goals = QPlainTextEdit(focus)
        self.goals.setAccessibleName(tr("Goals"))
        self.goals.setTabChangesFocus(True)
        self.goals.setPlaceholderText(tr("What the two want to achieve together"))
        self.goals.setFixedHeight(self.fontMetrics().height() * 6)
        self.save_button = QPushButton(tr("Save focus and goals"), focus)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_focus)
        self.focus_topics.changed.connect(self._focus_edited)
        self.goals.textChanged.connect(self._focus_edited)
        focus_form = QFormLayout(focus)
        focus_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        topics_label = buddy_label(focus, tr("&Topics:"), self.focus_topics.edit)
        goals_label = buddy_label(focus, tr("&Goals:"), self.goals)
        focus_form.addRow(topics_label, self.focus_topics)
        focus_form.addRow(goals_label, self.goals)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        focus_form.addRow(save_row)

        checks = QGroupBox(tr("Check-ins"), self)
        checks.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.checkin_table = QTableWidget(0, len(_CHECKIN_HEADERS), checks)
        for column, (short, full) in enumerate(_CHECKIN_HEADERS):
            item = QTableWidgetItem(tr(short))
            item.setToolTip(tr(full))
            self.checkin_table.setHorizontalHeaderItem(column, item)
        self.checkin_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checkin_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.checkin_table.fontMetrics().height()
        self.checkin_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.checkin_table.verticalHeader().setDefaultSectionSize(line + line // 2)
        self.checkin_table.setAccessibleName(tr("Check-ins"))
        self.checkin_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checkin_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checkin_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checkin_table.verticalHeader().setVisible(False)
        self.checkin_table.setWordWrap(False)
        header = self.checkin_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.checkin_table.setToolTip(
            tr("Ratings are for HR's follow-up of this tandem only, never a ranking of people.")
        )
        self.checkin_hint = _plain("", checks, wrap=False)
        self.checkin_button = QPushButton(tr("Record check-in…"), checks)
        self.checkin_button.setAutoDefault(False)
        self.checkin_button.clicked.connect(self.record_checkin)
        check_box = QVBoxLayout(checks)
        check_box.addWidget(self.checkin_table)
        check_row = QHBoxLayout()
        check_row.addWidget(self.checkin_hint, 1)
        check_row.addWidget(self.checkin_button)
        check_box.addLayout(check_row)

        self.sessions_button = QPushButton(tr("Show meetings"), self)
        self.sessions_button.setToolTip(tr("Open the meetings view"))
        self.sessions_button.setAutoDefault(False)
        self.sessions_button.clicked.connect(
            lambda: self.open_sessions.emit(self.tandem.id) if self.tandem else None
        )
        self.delete_button = QPushButton(tr("Delete tandem…"), self)
        self.delete_button.setToolTip(tr("Only a proposed tandem can be deleted"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(
            lambda: self.delete_requested.emit(self.tandem.id) if self.tandem else None
        )
        self.agreement_button = QPushButton(tr("Print agreement…"), self)
        self.agreement_button.setToolTip(
            tr("The tandem agreement to print and sign, in the language you choose")
        )
        self.agendas_button = QPushButton(tr("Agenda sheets…"), self)
        self.agendas_button.setToolTip(tr("The agenda sheets of the upcoming meetings"))
        for button, signal in (
            (self.agreement_button, self.agreement_requested),
            (self.agendas_button, self.agendas_requested),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _checked=False, s=signal: s.emit(self.tandem.id) if self.tandem else None
            )
        bottom = QHBoxLayout()
        steps.addWidget(self.agreement_button)  # beside the lifecycle: print, then sign
        bottom.addWidget(self.sessions_button)
        bottom.addWidget(self.agendas_button)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(people)
        body.addLayout(steps)
        body.addLayout(bottom)  # near the top: in view without scrolling on a low screen
        body.addWidget(self.attention_label)
        body.addWidget(focus)
        body.addWidget(checks)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)

        order = [
            self.agree_button, self.start_button, self.complete_button, self.dissolve_button,
            self.agreement_button, self.sessions_button, self.agendas_button, self.delete_button,
            self.focus_topics.edit, self.goals, self.save_button, self.checkin_button,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.focus_order = order

    def focus_first(self) -> QWidget | None:
        """Put the keyboard on the first control that can act now (the next step of the
        tandem, else its focus topics); returns it."""
        for widget in self.focus_order:
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return widget
        return None

    # --- showing -------------------------------------------------------------------------
    def show_tandem(self, db: Database | None, tandem_id: int | None) -> None:
        """Show a tandem (read fresh through the services), or nothing."""
        self.db = db
        self.tandem = None
        if db is not None and tandem_id is not None:
            try:
                self.tandem = get_tandem(db, tandem_id)
            except TandemError:
                self.tandem = None
        tandem = self.tandem
        self.body.setVisible(tandem is not None)
        self.empty.setVisible(tandem is None)
        if tandem is None or db is None:
            self.title.setText("")
            self.flags, self.checkins = [], []
            return
        self.title.setText(f"{tandem.mentor_name} – {tandem.mentee_name}")
        mentor = get_participant(db, tandem.mentor_id)
        mentee = get_participant(db, tandem.mentee_id)
        self.mentor_label.setText(_person_line(mentor.name, mentor.department))
        self.mentee_label.setText(_person_line(mentee.name, mentee.department))
        self.round_label.setText(tandem.round_name)
        self.status_label.setText(status_text(tandem))
        if tandem.status == TandemStatus.DISSOLVED and tandem.dissolution_reason:
            self.reason_label.setText(
                tr("Reason (no-fault exit): {reason}", reason=tandem.dissolution_reason)
            )
        elif tandem.agreed_on and tandem.status != TandemStatus.AGREED:
            self.reason_label.setText(
                tr("Agreement signed on {date}", date=format_date(tandem.agreed_on))
            )
        else:
            self.reason_label.setText("")
        self.reason_label.setVisible(bool(self.reason_label.text()))
        allowed = TRANSITIONS[tandem.status]
        self.agree_button.setVisible(TandemStatus.AGREED in allowed)
        self.start_button.setVisible(TandemStatus.ACTIVE in allowed)
        self.complete_button.setVisible(TandemStatus.COMPLETED in allowed)
        self.dissolve_button.setVisible(TandemStatus.DISSOLVED in allowed)
        self.delete_button.setVisible(tandem.status.can_be_deleted)

        self.flags = tandem_flags(db, tandem.id)
        lines = [f"⚠ {flag.reason}" for flag in self.flags]
        self.attention_label.setText("\n".join(lines))
        self.attention_label.setVisible(bool(lines))

        self.focus_topics.set_catalogue([(t.name, topic_label(t)) for t in list_topics(db)])
        self.focus_topics.set_tags(tandem.focus_topics)
        self.goals.blockSignals(True)
        self.goals.setPlainText(tandem.goals or "")
        self.goals.blockSignals(False)
        self.save_button.setEnabled(False)

        self.checkins = list_checkins(db, tandem.id)
        self._fill_checkins(tandem)

    def _fill_checkins(self, tandem: Tandem) -> None:
        by_key = {(c.participant_id, c.phase): c for c in self.checkins}
        rows = []
        for phase in (CheckinPhase.MID, CheckinPhase.FINAL):
            for role, pid, name in (
                (tr("Mentor"), tandem.mentor_id, tandem.mentor_name),
                (tr("Mentee"), tandem.mentee_id, tandem.mentee_name),
            ):
                found = by_key.get((pid, phase))
                if found is not None:
                    rows.append((role, name, phase, found))
        self.checkin_table.setRowCount(len(rows))
        for row, (role, name, phase, found) in enumerate(rows):
            cells = [
                role,
                tr(_SHORT_PHASE[phase]),
                rating_text(found.relationship_rating),
                rating_text(found.progress_rating),
                label(found.goals_reached) if found.goals_reached else "–",
                yes_no(found.would_take_part_again),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                tip = {0: f"{role}: {name}", 1: label(phase)}.get(column, text)
                item.setToolTip(tip)
                self.checkin_table.setItem(row, column, item)
        self.checkin_table.setVisible(bool(rows))
        height = self.checkin_table.horizontalHeader().sizeHint().height()
        height += len(rows) * self.checkin_table.verticalHeader().defaultSectionSize()
        self.checkin_table.setFixedHeight(height + 2 * self.checkin_table.frameWidth() + 2)
        self.checkin_hint.setText("" if rows else tr("No check-in recorded yet."))

    def checkin_rows(self) -> list[list[str]]:
        """The texts of the check-in table, row by row."""
        table = self.checkin_table
        return [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]

    # --- actions -------------------------------------------------------------------------
    def _set_status(
        self, status: TandemStatus, *, on: date | None = None, reason: str = ""
    ) -> bool:
        assert self.db is not None and self.tandem is not None
        try:
            set_status(self.db, self.tandem.id, status, on=on, reason=reason or None)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return False
        self.changed.emit(TANDEMS, self.tandem.id)
        return True

    def agree(self) -> None:
        """Ask for the signing day, then mark the tandem agreed; the dialog offers to print
        the agreement afterwards (the choice is remembered)."""
        if self.tandem is None:
            return
        tandem_id = self.tandem.id
        dialog = AgreementDialog(self.tandem, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            day, print_after = dialog.day(), dialog.print_after.isChecked()
        finally:
            dialog.deleteLater()
        user_prefs.put(PRINT_AFTER_AGREED, print_after)
        if self._set_status(TandemStatus.AGREED, on=day) and print_after:
            self.agreement_requested.emit(tandem_id)

    def start(self) -> None:
        """Mark the tandem active from today."""
        if self.tandem is not None:
            self._set_status(TandemStatus.ACTIVE)

    def complete(self) -> None:
        """Mark the tandem completed, after asking."""
        if self.tandem is None:
            return
        question = tr(
            "Mark the tandem of {mentor} and {mentee} as completed?",
            mentor=self.tandem.mentor_name,
            mentee=self.tandem.mentee_name,
        )
        if dialogs.ask_yes_no(self, question):
            self._set_status(TandemStatus.COMPLETED)

    def dissolve(self) -> None:
        """Ask for the reason (a no-fault exit), then dissolve the tandem."""
        if self.tandem is None:
            return
        dialog = DissolveDialog(self.tandem, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reason, day = dialog.reason.toPlainText(), dialog.day()
        finally:
            dialog.deleteLater()
        self._set_status(TandemStatus.DISSOLVED, on=day, reason=reason)

    def _focus_edited(self) -> None:
        self.save_button.setEnabled(self.tandem is not None)

    def save_focus(self) -> None:
        """Save the focus topics and goals."""
        if self.db is None or self.tandem is None:
            return
        self.focus_topics.commit_text()
        try:
            update_focus(
                self.db,
                self.tandem.id,
                goals=self.goals.toPlainText(),
                focus_topics=self.focus_topics.tags(),
            )
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.save_button.setEnabled(False)
        self.changed.emit(TANDEMS, self.tandem.id)

    def record_checkin(self) -> None:
        """Open the check-in dialog for this tandem."""
        from ui.checkin_dialog import CheckinDialog

        if self.db is None or self.tandem is None:
            return
        dialog = CheckinDialog(self.db, self.tandem, self)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.changed.emit(CHECKINS, self.tandem.id)


def _person_line(name: str, department: str | None) -> str:
    return f"{name} ({department})" if department else name
