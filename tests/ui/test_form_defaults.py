"""Forms and dialogs start with what the services say. Every "today" comes from
`app.services.common.today`: fixing that one day moves the default dates of dialogs, forms,
file names and services alike (as tests and the demo do). A new round starts with the
meetings and cadence of the file's settings."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from app.model import CheckinPhase, ParticipantInput, Role, RoundInput, TandemStatus
from app.services import checkins, common, participants, rounds, settings, tandems
from ui.export_actions import default_file_name
from ui.form_fields import from_qdate
from ui.participant_form import ParticipantForm
from ui.round_form import RoundForm
from ui.tandem_detail import AgreementDialog, DissolveDialog

DAY = date(2031, 7, 15)


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> date:
    """Today is DAY for everything that asks the seam."""
    monkeypatch.setattr(common, "today", lambda: DAY)
    return DAY


def _tandem_id(db: Database) -> int:
    consent = date(2031, 1, 5)
    mentor = participants.create_participant(
        db, ParticipantInput("Ayşe", "Yılmaz", role=Role.MENTOR, consent_date=consent)
    )
    mentee = participants.create_participant(
        db, ParticipantInput("Jürgen", "Weiß", role=Role.MENTEE, consent_date=consent)
    )
    rnd = rounds.create_round(db, RoundInput("2031", date(2031, 2, 1), date(2031, 12, 31)))
    return tandems.create_tandem(db, rnd.id, mentor.id, mentee.id).id


def test_services_date_what_happens_today_by_the_seam(db: Database, fixed_day: date) -> None:
    tandem_id = _tandem_id(db)
    assert tandems.get_tandem(db, tandem_id).proposed_on == fixed_day
    agreed = tandems.set_status(db, tandem_id, TandemStatus.AGREED)
    assert agreed.agreed_on == fixed_day
    checkin = checkins.record_checkin(db, tandem_id, agreed.mentor_id, CheckinPhase.MID)
    assert checkin.submitted_on == fixed_day


def test_dialogs_forms_and_file_names_start_on_the_seams_day(
    db: Database, fixed_day: date, qtbot
) -> None:
    tandem = tandems.get_tandem(db, _tandem_id(db))
    agreement, dissolve = AgreementDialog(tandem), DissolveDialog(tandem)
    person, round_form = ParticipantForm(db), RoundForm(db)
    for widget in (agreement, dissolve, person, round_form):
        qtbot.addWidget(widget)
    assert agreement.day() == fixed_day
    assert from_qdate(dissolve.date.date()) == fixed_day
    assert from_qdate(person.consent_date.date()) == fixed_day
    assert from_qdate(round_form.start_date.date()) == fixed_day
    assert default_file_name() == "Participants-2031-07-15.xlsx"


def test_a_new_round_form_offers_the_files_default_meetings(db: Database, qtbot) -> None:
    settings.set_setting(db, "default_meetings", 8)
    settings.set_setting(db, "default_cadence_weeks", 2)
    form = RoundForm(db)
    qtbot.addWidget(form)
    assert (form.meetings.value(), form.cadence.value()) == (8, 2)
    assert form.cadence.text() == "every 2 weeks"
