"""Plan meetings: every missing meeting of a round's agreed and active tandems (or of one
tandem) in one step, at the round's cadence on a chosen working day and time. Proposed tandems
are planned only when HR ticks the box for them (their people have not agreed yet). A sentence
says what will be planned before anything is written; afterwards the dialog shows what was
created, what was left out and why, and any warnings. Planning again adds nothing that exists
(the service counts existing meetings).
"""

from __future__ import annotations

from collections import Counter
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError, ValidationError
from app.i18n import N_, format_date, tr, trn
from app.model import TandemStatus
from app.services import common
from app.services.planning import (
    PlanResult,
    PlanScope,
    first_planning_day,
    left_out_lines,
    plan_round,
    plan_tandem,
    planning_scope,
)
from app.services.rounds import get_round
from app.services.settings import get_settings
from app.services.tandems import get_tandem
from ui import dialogs
from ui.form_fields import FieldErrors, date_edit, from_qdate

WEEKDAYS = [N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday")]
ON_WEEKDAYS = [
    N_("on Mondays"), N_("on Tuesdays"), N_("on Wednesdays"), N_("on Thursdays"), N_("on Fridays"),
]  # fmt: skip


def plan_sentence(meetings: int, cadence: int, weekday: int, at: time, tandems: int) -> str:
    """'6 meetings every 4 weeks on Tuesdays at 10:00 for 8 tandems'."""
    parts = {
        "meetings": trn("{n} meeting", "{n} meetings", meetings),
        "weekday": tr(ON_WEEKDAYS[weekday]),
        "time": at.strftime("%H:%M"),
        "tandems": trn("{n} tandem", "{n} tandems", tandems),
    }
    if cadence == 1:
        return tr("{meetings} every week {weekday} at {time} for {tandems}", **parts)
    return tr(
        "{meetings} every {weeks} weeks {weekday} at {time} for {tandems}", weeks=cadence, **parts
    )


def result_text(result: PlanResult) -> str:
    """What planning did and what it left out, in a sentence or a few."""
    return "\n".join([_done_text(result), *left_out_lines(result)])


def _done_text(result: PlanResult) -> str:
    if result.created == 0:
        if result.tandems_complete and not result.warnings:
            return tr("Nothing new to plan: every tandem already has all its meetings.")
        return tr("No new meetings were planned.")
    lines = [
        trn(
            "{n} meeting was planned for {tandems}.",
            "{n} meetings were planned for {tandems}.",
            result.created,
            tandems=trn("{n} tandem", "{n} tandems", result.tandems_planned),
        )
    ]
    if result.tandems_complete:
        lines.append(
            trn(
                "{n} tandem already had all its meetings.",
                "{n} tandems already had all their meetings.",
                result.tandems_complete,
            )
        )
    return "\n".join(lines)


def warnings_text(result: PlanResult) -> str:
    """Each distinct warning once, with how many tandems it concerns."""
    counts = Counter(result.notes.values())
    lines = []
    for warning in result.warnings:
        n = counts.get(warning, 0)
        prefix = trn("{n} tandem: ", "{n} tandems: ", n) if n else ""
        lines.append("• " + prefix + warning)
    return "\n".join(lines)


class PlanDialog(QDialog):
    """Plan the meetings of a round (or of one tandem of it); `result_` holds the last
    PlanResult after planning."""

    def __init__(
        self,
        db: Database,
        round_id: int,
        tandem_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.round = get_round(db, round_id)
        self.tandem = get_tandem(db, tandem_id) if tandem_id is not None else None
        self.result_: PlanResult | None = None
        self.errors = FieldErrors()
        if self.tandem is not None:
            self.setWindowTitle(tr("Plan the meetings of a tandem"))
            status, tid = self.tandem.status, self.tandem.id
            self.scope = PlanScope(
                agreed=[tid] if status.is_open and status != TandemStatus.PROPOSED else [],
                proposed=[tid] if status == TandemStatus.PROPOSED else [],
            )
        else:
            self.setWindowTitle(tr("Plan the meetings of a round"))
            self.scope = planning_scope(db, round_id)

        self.what = QLabel(self)
        self.what.setTextFormat(Qt.TextFormat.PlainText)
        self.what.setWordWrap(True)
        intro = tr(
            "Round “{name}”, {start} to {end}.",
            name=self.round.name,
            start=format_date(self.round.start_date),
            end=format_date(self.round.end_date),
        )
        if self.tandem is not None:
            intro += "\n" + tr(
                "Tandem: {mentor} → {mentee}",
                mentor=self.tandem.mentor_name,
                mentee=self.tandem.mentee_name,
            )
        self.what.setText(intro)

        self.weekday = QComboBox(self)
        for name in WEEKDAYS:
            self.weekday.addItem(tr(name))
        self.weekday.setCurrentIndex(1)
        self.time = QTimeEdit(QTime(10, 0), self)
        self.time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(5, 720)
        self.duration.setSingleStep(15)
        self.duration.setValue(get_settings(db).default_duration_minutes)
        self.duration.setSuffix(" " + tr("min"))
        self.duration.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.location = QLineEdit(self)
        self.location.setPlaceholderText(tr("Room, address or video link (optional)"))
        first_day = first_planning_day(self.round.start_date, common.today())
        self.start = date_edit(min(first_day, self.round.end_date), self)  # inside the round

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [
            (tr("&Weekday:"), "weekday", self.weekday),
            (tr("&Time:"), "time", self.time),
            (tr("D&uration:"), "duration_minutes", self.duration),
            (tr("&Place or link:"), "location", self.location),
            (tr("&First meeting from:"), "start", self.start),
        ]
        for text, key, field in rows:
            caption = QLabel(text, self)
            caption.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(caption, self.errors.wrap(key, field, self))

        self.include_proposed = QCheckBox(self._include_text(), self)
        self.include_proposed.setToolTip(
            tr(
                "Voluntary on both sides: normally only tandems whose people have agreed get "
                "meetings and invitations."
            )
        )
        self.include_proposed.setVisible(bool(self.scope.proposed))
        self.include_proposed.toggled.connect(lambda _on: self.update_preview())
        form.addRow("", self.include_proposed)

        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(tr("What will be planned"))
        font = self.preview.font()
        font.setBold(True)
        self.preview.setFont(font)
        self.rule = QLabel(self)
        self.rule.setTextFormat(Qt.TextFormat.PlainText)
        self.rule.setWordWrap(True)
        self.rule.setText(
            tr(
                "Meetings that exist already count: a tandem only gets the meetings it is "
                "missing. Public holidays are skipped. Each new meeting gets its agenda from "
                "the agenda template."
            )
        )
        self.result_label = QLabel(self)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(tr("Result of the planning"))
        self.result_label.setVisible(False)
        self.warnings_label = QLabel(self)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setAccessibleName(tr("Warnings"))
        self.warnings_label.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.plan_button = QPushButton(tr("Plan meetings"), self)
        self.plan_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(tr("Close"))
        self.buttons.addButton(self.plan_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.plan_button.clicked.connect(self.plan)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.rule)
        layout.addWidget(self.result_label)
        layout.addWidget(self.warnings_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.weekday.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.time.timeChanged.connect(lambda _t: self.update_preview())
        self.update_preview()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 92)

    def _include_text(self) -> str:
        n = len(self.scope.proposed)
        if self.tandem is not None:
            return tr("Plan it although it is only proposed (the two have not agreed yet)")
        return trn(
            "Also plan the {n} proposed tandem (its people have not agreed yet)",
            "Also plan the {n} proposed tandems (their people have not agreed yet)",
            n,
        )

    @property
    def open_tandems(self) -> int:
        """How many tandems planning will cover with the choices shown."""
        return len(self.scope.tandem_ids(self.include_proposed.isChecked()))

    def at(self) -> time:
        """The chosen time of day."""
        value = self.time.time()
        return time(value.hour(), value.minute())

    def update_preview(self) -> None:
        """Say what planning will do, and what it leaves out."""
        count = self.open_tandems
        self.plan_button.setEnabled(count > 0)
        left_out = 0 if self.include_proposed.isChecked() else len(self.scope.proposed)
        if count == 0:
            text = tr("There is no agreed or active tandem to plan for.")
        else:
            text = plan_sentence(
                self.round.meetings_planned,
                self.round.cadence_weeks,
                self.weekday.currentIndex(),
                self.at(),
                count,
            )
        if left_out:
            text += "\n" + trn(
                "Left out: {n} proposed tandem, whose people have not agreed yet.",
                "Left out: {n} proposed tandems, whose people have not agreed yet.",
                left_out,
            )
        self.preview.setText(text)

    def plan(self) -> PlanResult | None:
        """Plan the missing meetings and show the result."""
        options = {
            "weekday": self.weekday.currentIndex(),
            "at": self.at(),
            "duration_minutes": self.duration.value(),
            "location": self.location.text(),
            "start": from_qdate(self.start.date()),
            "today": common.today(),
            "include_proposed": self.include_proposed.isChecked(),
        }
        self.errors.show_all({})
        try:
            if self.tandem is not None:
                result = plan_tandem(self.db, self.tandem.id, **options)  # type: ignore[arg-type]
            else:
                result = plan_round(self.db, self.round.id, **options)  # type: ignore[arg-type]
        except ValidationError as exc:
            if exc.field in self.errors.labels:
                self.errors.show(exc.field, exc.message)
                self.errors.focus_first({exc.field: exc.message})
            else:
                dialogs.show_warning(self, exc.message)
            return None
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return None
        self.result_ = result
        self.result_label.setText(result_text(result))
        self.result_label.setVisible(True)
        warnings = warnings_text(result)
        self.warnings_label.setText(warnings)
        self.warnings_label.setVisible(bool(warnings))
        dialogs.grow_to_fit(self)  # show the result; never squeeze the fields
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.close_button.setDefault(True)
        self.plan_button.setDefault(False)
        return result
