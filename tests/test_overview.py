"""The overview's figures on a constructed file: the running round, tandems by status,
meetings held against planned, this week's and overdue meetings, attention, the chart data."""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from app.model import CheckinPhase, SessionStatus, TandemStatus
from app.services import checkins, tandems
from app.services.overview import CheckinSummary, MonthPoint, get_overview, running_round_id
from tests.helpers.builders import make_round, meet, pair

TODAY = date(2026, 4, 15)  # a Wednesday; its week runs 13 to 19 April


def test_overview_of_the_running_round(db: Database) -> None:
    make_round(db, name="Last year", start=date(2025, 3, 3), end=date(2025, 8, 29))
    r = make_round(db, name="Spring 2026", start=date(2026, 3, 2), end=date(2026, 8, 28))
    make_round(db, name="Autumn 2026", start=date(2026, 9, 7), end=date(2027, 2, 26))
    agreed, active = TandemStatus.AGREED, TandemStatus.ACTIVE
    a = pair(db, r, 1, agreed, active)
    b = pair(db, r, 2, agreed, active)
    c = pair(db, r, 3)
    d = pair(db, r, 4, TandemStatus.DISSOLVED)
    e = pair(db, r, 5, agreed)  # agreed, but not met yet
    meet(db, a, datetime(2026, 3, 10, 10), SessionStatus.HELD)
    meet(db, a, datetime(2026, 4, 7, 10), SessionStatus.HELD)
    this_week = meet(db, a, datetime(2026, 4, 16, 10), SessionStatus.PLANNED)
    meet(db, b, datetime(2026, 3, 11, 10), SessionStatus.CANCELLED)
    meet(db, b, datetime(2026, 3, 25, 10), SessionStatus.CANCELLED)
    overdue = meet(db, b, datetime(2026, 4, 13, 9), SessionStatus.PLANNED)  # this week, past
    meet(db, b, datetime(2026, 5, 20, 10), SessionStatus.PLANNED)
    meet(db, c, datetime(2026, 4, 1, 10), SessionStatus.HELD)
    meet(db, d, datetime(2026, 3, 3, 10), SessionStatus.PLANNED)  # dissolved: not overdue
    t = tandems.get_tandem(db, a)
    checkins.record_checkin(db, a, t.mentor_id, CheckinPhase.MID, relationship_rating=4,
                            progress_rating=3)  # fmt: skip
    checkins.record_checkin(db, a, t.mentee_id, CheckinPhase.MID, relationship_rating=5,
                            progress_rating=4)  # fmt: skip

    assert running_round_id(db, TODAY) == r
    o = get_overview(db, today=TODAY)
    assert o.round is not None and o.round.name == "Spring 2026"
    assert o.tandems_by_status == {
        TandemStatus.PROPOSED: 1,
        TandemStatus.AGREED: 1,
        TandemStatus.ACTIVE: 2,
        TandemStatus.COMPLETED: 0,
        TandemStatus.DISSOLVED: 1,
    }
    assert o.tandem_count == 5
    assert (o.meetings_held, o.meetings_planned, o.meetings_cancelled) == (3, 4, 2)
    assert o.meetings_scheduled == 7
    assert o.meetings_target == 4 * 6
    assert o.week_start == date(2026, 4, 13)
    assert [s.id for s in o.this_week] == [overdue, this_week]
    assert [s.id for s in o.overdue] == [overdue] and o.overdue_count == 1
    assert o.overdue[0].mentor_name == "Mentor2 M"
    flagged = {item.tandem_id: [f.kind.value for f in item.flags] for item in o.attention}
    assert flagged == {b: ["first_meeting_late", "cancelled_in_a_row"], e: ["first_meeting_late"]}
    assert o.meetings_by_month == [
        MonthPoint("2026-03", held=1, planned=1, cancelled=2),
        MonthPoint("2026-04", held=2, planned=2, cancelled=0),
        MonthPoint("2026-05", held=0, planned=1, cancelled=0),
        MonthPoint("2026-06"),
        MonthPoint("2026-07"),
        MonthPoint("2026-08"),
    ]
    assert o.checkins == CheckinSummary(count=2, average_relationship=4.5, average_progress=3.5)


def test_the_latest_round_when_none_is_running_and_an_empty_file(db: Database) -> None:
    empty = get_overview(db, today=TODAY)
    assert empty.round is None and empty.tandem_count == 0 and empty.attention == []
    assert running_round_id(db, TODAY) is None
    make_round(db, name="Old", start=date(2025, 1, 6), end=date(2025, 6, 27))
    newest = make_round(db, name="Next", start=date(2026, 9, 7), end=date(2027, 2, 26))
    assert running_round_id(db, TODAY) == newest
    o = get_overview(db, today=TODAY)
    assert o.round is not None and o.round.name == "Next"
    assert o.tandems_by_status[TandemStatus.ACTIVE] == 0
    assert [m.month for m in o.meetings_by_month][:2] == ["2026-09", "2026-10"]
    assert len(o.meetings_by_month) == 6


def test_a_dissolved_tandem_counts_what_it_held_in_target_and_rounds_view_alike(
    db: Database,
) -> None:
    """The overview's 'held of planned' and the rounds view's progress use one rule: a
    dissolved tandem is meant to have held what it held, the others the round's number."""
    r = make_round(db, name="Spring 2026", start=date(2026, 3, 2), end=date(2026, 8, 28))
    active = pair(db, r, 1, TandemStatus.AGREED, TandemStatus.ACTIVE)
    gone = pair(db, r, 2, TandemStatus.AGREED)
    meet(db, gone, datetime(2026, 3, 10, 10), SessionStatus.HELD)
    tandems.set_status(db, gone, TandemStatus.DISSOLVED, on=date(2026, 3, 20), reason="Moved away")
    meet(db, active, datetime(2026, 3, 11, 10), SessionStatus.HELD)
    o = get_overview(db, today=TODAY)
    assert o.meetings_held == 2
    assert o.meetings_target == 6 + 1
    meant = [
        tandems.meetings_meant(t.status, t.sessions_held, 6) for t in tandems.list_tandems(db, r)
    ]
    assert sum(meant) == o.meetings_target
