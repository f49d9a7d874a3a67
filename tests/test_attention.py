"""Tandems needing attention: first meeting late, two meetings cancelled in a row, a low
rating; and meetings overdue for a status."""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from app import i18n
from app.model import CheckinPhase, SessionInput, SessionStatus, TandemStatus
from app.services import checkins, sessions, tandems
from app.services.attention import (
    FlagKind,
    count_overdue,
    is_overdue,
    overdue_sessions,
    tandem_flags,
    tandems_needing_attention,
)
from tests.helpers.builders import make_round, person

START = date(2026, 3, 2)


def pair(db: Database, round_id: int, n: int, *, active_on: date | None = None) -> int:
    mentor = person(db, f"Mentor{n}", "M")
    mentee = person(db, f"Mentee{n}", "E", role="mentee")
    t = tandems.create_tandem(db, round_id, mentor, mentee, on=date(2026, 2, 1))
    if active_on:
        tandems.set_status(db, t.id, TandemStatus.AGREED, on=active_on)
        tandems.set_status(db, t.id, TandemStatus.ACTIVE, on=active_on)
    return t.id


def meeting(db: Database, tandem_id: int, day: date, status: SessionStatus) -> int:
    return sessions.create_session(
        db, tandem_id, SessionInput(datetime.combine(day, datetime.min.time()).replace(hour=10),
                                    status=status)
    ).id  # fmt: skip


def kinds(db: Database, tandem_id: int, today: date) -> list[FlagKind]:
    return [f.kind for f in tandem_flags(db, tandem_id, today)]


def test_first_meeting_not_held_within_four_weeks_of_the_start(db: Database) -> None:
    r = make_round(db, start=START)
    t = pair(db, r, 1)
    assert kinds(db, t, date(2026, 3, 30)) == []  # exactly four weeks: still in time
    (flag,) = tandem_flags(db, t, date(2026, 3, 31))
    assert flag.kind == FlagKind.FIRST_MEETING_LATE
    assert flag.reason == "No meeting held yet, 29 days after the start on 2 Mar 2026."
    # A planned or cancelled meeting does not count; a held one does.
    meeting(db, t, date(2026, 3, 10), SessionStatus.CANCELLED)
    meeting(db, t, date(2026, 3, 24), SessionStatus.PLANNED)
    assert kinds(db, t, date(2026, 4, 2)) == [FlagKind.FIRST_MEETING_LATE]
    meeting(db, t, date(2026, 4, 1), SessionStatus.HELD)
    assert kinds(db, t, date(2026, 4, 2)) == []


def test_the_start_is_the_day_the_tandem_became_active(db: Database) -> None:
    r = make_round(db, start=START)
    t = pair(db, r, 1, active_on=date(2026, 5, 4))
    assert kinds(db, t, date(2026, 5, 20)) == []
    (flag,) = tandem_flags(db, t, date(2026, 6, 5))
    assert flag.reason == "No meeting held yet, 32 days after the start on 4 May 2026."


def test_two_meetings_cancelled_in_a_row(db: Database) -> None:
    r = make_round(db, start=START)
    t = pair(db, r, 1)
    today = date(2026, 5, 1)
    meeting(db, t, date(2026, 3, 3), SessionStatus.HELD)
    meeting(db, t, date(2026, 3, 17), SessionStatus.CANCELLED)
    meeting(db, t, date(2026, 3, 31), SessionStatus.HELD)
    meeting(db, t, date(2026, 4, 14), SessionStatus.CANCELLED)
    assert kinds(db, t, today) == []  # one cancelled, then held: fine
    meeting(db, t, date(2026, 4, 28), SessionStatus.CANCELLED)
    (flag,) = tandem_flags(db, t, today)
    assert flag.kind == FlagKind.CANCELLED_IN_A_ROW
    assert flag.reason == "The last 2 meetings were cancelled, none held since."
    meeting(db, t, date(2026, 4, 30), SessionStatus.HELD)
    assert kinds(db, t, today) == []


def test_a_rating_of_two_or_lower_is_flagged_with_who_and_what(db: Database) -> None:
    r = make_round(db, start=START)
    t = pair(db, r, 1)
    tandem = tandems.get_tandem(db, t)
    meeting(db, t, date(2026, 3, 3), SessionStatus.HELD)
    checkins.record_checkin(
        db, t, tandem.mentor_id, CheckinPhase.MID, relationship_rating=3, progress_rating=3
    )
    assert kinds(db, t, date(2026, 5, 1)) == []
    checkins.record_checkin(
        db, t, tandem.mentee_id, CheckinPhase.MID, relationship_rating=2, progress_rating=1
    )
    flags = tandem_flags(db, t, date(2026, 5, 1))
    assert [f.reason for f in flags] == [
        "Mentee1 E rated the relationship 2 of 5 (Mid-round check-in).",
        "Mentee1 E rated the progress on goals 1 of 5 (Mid-round check-in).",
    ]
    i18n.set_language("de")
    assert tandem_flags(db, t, date(2026, 5, 1))[0].reason == (
        "Mentee1 E hat die Beziehung mit 2 von 5 bewertet (Zwischenfeedback)."
    )


def test_only_open_tandems_need_attention_and_all_reasons_are_listed(db: Database) -> None:
    r = make_round(db, start=START)
    other = make_round(db, name="Other", start=START)
    troubled = pair(db, r, 1)
    fine = pair(db, r, 2)
    closed = pair(db, r, 3)
    elsewhere = pair(db, other, 4)
    meeting(db, troubled, date(2026, 3, 10), SessionStatus.CANCELLED)
    meeting(db, troubled, date(2026, 3, 24), SessionStatus.CANCELLED)
    t = tandems.get_tandem(db, troubled)
    checkins.record_checkin(db, troubled, t.mentor_id, CheckinPhase.MID, relationship_rating=1)
    meeting(db, fine, date(2026, 3, 10), SessionStatus.HELD)
    tandems.set_status(db, closed, TandemStatus.DISSOLVED, reason="Schedules")
    items = tandems_needing_attention(db, round_id=r, today=date(2026, 5, 1))
    assert [i.tandem_id for i in items] == [troubled]
    (item,) = items
    assert (item.mentor_name, item.mentee_name) == ("Mentor1 M", "Mentee1 E")
    assert [f.kind for f in item.flags] == [
        FlagKind.FIRST_MEETING_LATE,
        FlagKind.CANCELLED_IN_A_ROW,
        FlagKind.LOW_RATING,
    ]
    assert len(item.reasons) == 3
    everywhere = tandems_needing_attention(db, today=date(2026, 5, 1))
    assert [i.tandem_id for i in everywhere] == [troubled, elsewhere]


def test_meetings_overdue_for_a_status(db: Database) -> None:
    r = make_round(db, start=START)
    t = pair(db, r, 1)
    gone = pair(db, r, 2)
    late = meeting(db, t, date(2026, 3, 10), SessionStatus.PLANNED)
    meeting(db, t, date(2026, 3, 11), SessionStatus.HELD)
    meeting(db, t, date(2026, 3, 12), SessionStatus.CANCELLED)
    meeting(db, t, date(2026, 3, 20), SessionStatus.PLANNED)  # today: not overdue yet
    meeting(db, gone, date(2026, 3, 9), SessionStatus.PLANNED)
    tandems.set_status(db, gone, TandemStatus.DISSOLVED, reason="Left")
    today = date(2026, 3, 20)
    found = overdue_sessions(db, round_id=r, today=today)
    assert [s.id for s in found] == [late]
    assert found[0].mentor_name == "Mentor1 M"
    assert count_overdue(db, round_id=r, today=today) == 1
    assert is_overdue(found[0], today)
    assert not is_overdue(sessions.list_sessions(db, tandem_id=t)[-1], today)
    # One rule for the list and for a single meeting: the whole round's meetings agree.
    every = sessions.list_sessions(db, round_id=r)
    assert [s.id for s in every if is_overdue(s, today)] == [late]
