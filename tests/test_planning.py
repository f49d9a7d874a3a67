"""Planning a round's meetings in one step: count, working days, cadence, inside the round,
agendas from the editable arc, and planning twice adds nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ConflictError, NotFoundError, ValidationError
from app.model import SessionInput, SessionStatus, TandemStatus
from app.services import sessions, tandems
from app.services.planning import (
    AgendaArc,
    ArcItem,
    agenda_for,
    default_agenda_arc,
    easter_sunday,
    german_holidays,
    get_agenda_arc,
    left_out_lines,
    open_tandem_ids,
    plan_round,
    plan_tandem,
    planning_scope,
    reset_agenda_arc,
    session_kind,
    set_agenda_arc,
)
from app.services.settings import set_setting
from tests.helpers.builders import make_round, person

BEFORE = date(2026, 1, 10)  # "today" before the rounds start


def tandem(
    db: Database, round_id: int, n: int, focus: tuple[str, ...] = (), *, agreed: bool = True
) -> int:
    """A tandem of two new people; agreed (what planning covers) unless `agreed` is False."""
    mentor = person(db, f"Mentor{n}", "M")
    mentee = person(db, f"Mentee{n}", "E", role="mentee")
    tandem_id = tandems.create_tandem(db, round_id, mentor, mentee, focus_topics=focus).id
    if agreed:
        tandems.set_status(db, tandem_id, TandemStatus.AGREED)
    return tandem_id


def test_a_round_is_planned_in_one_step_at_its_cadence(db: Database) -> None:
    r = make_round(db, start=date(2026, 3, 2), end=date(2026, 8, 28), meetings=6, cadence=4)
    ids = [tandem(db, r, n, ("AI tools", "Social media")) for n in range(3)]
    result = plan_round(
        db, r, weekday=2, at=time(14, 30), duration_minutes=90, location="Room 4", today=BEFORE
    )
    assert result.created == 18 and result.tandems_planned == 3 and result.warnings == []
    for tid in ids:
        planned = sessions.list_sessions(db, tandem_id=tid)
        assert len(planned) == 6
        starts = [s.starts_at for s in planned]
        assert starts[0] == datetime(2026, 3, 4, 14, 30)  # the first Wednesday of the round
        assert all(s.weekday() == 2 for s in starts)
        assert all(b - a == timedelta(weeks=4) for a, b in zip(starts, starts[1:], strict=False))
        assert all(date(2026, 3, 2) <= s.date() <= date(2026, 8, 28) for s in starts)
        assert {(s.duration_minutes, s.location, s.status) for s in planned} == {
            (90, "Room 4", SessionStatus.PLANNED)
        }
        titles = [[item.title for item in s.agenda] for s in planned]
        assert titles[0][0] == "Get to know each other and share expectations"
        assert "either of you can end the tandem without blame" in titles[0][1]
        assert titles[1][0] == "Focus topic: AI tools"
        assert titles[2][0] == "Focus topic: Social media"
        assert titles[3][0] == "Mid-round review: what works well, what should change?"
        assert titles[4][0] == "Focus topic: AI tools"
        assert titles[5][0] == "Look back: what have both of you learned?"
        prep = planned[1].agenda[0].preparation
        assert prep.startswith("Whoever knows more about AI tools:")


def test_planning_twice_adds_nothing_and_replaces_a_cancelled_meeting(db: Database) -> None:
    r = make_round(db)
    tid = tandem(db, r, 1)
    first = plan_round(db, r, today=BEFORE)
    assert first.created == 6
    again = plan_round(db, r, today=BEFORE)
    assert (again.created, again.tandems_complete) == (0, 1)
    assert len(sessions.list_sessions(db, tandem_id=tid)) == 6
    # A meeting is cancelled: planning again adds one meeting after the latest one.
    planned = sessions.list_sessions(db, tandem_id=tid)
    s = planned[2]
    sessions.update_session(
        db, s.id, SessionInput(s.starts_at, s.duration_minutes, s.location, SessionStatus.CANCELLED)
    )
    third = plan_round(db, r, today=date(2026, 5, 1))
    assert third.created == 1
    new = sessions.get_session(db, third.session_ids[0])
    assert new.starts_at.date() > planned[-1].starts_at.date()
    assert new.starts_at.date() <= date(2026, 8, 28)
    assert new.agenda[0].title == "Look back: what have both of you learned?"


def test_missing_meetings_continue_after_existing_ones(db: Database) -> None:
    r = make_round(db, meetings=4, cadence=3)
    tid = tandem(db, r, 1, ("Leadership",))
    sessions.create_session(db, tid, SessionInput(datetime(2026, 3, 10, 9, 0)))
    result = plan_tandem(db, tid, weekday=1, today=BEFORE)
    assert result.created == 3
    starts = [s.starts_at.date() for s in sessions.list_sessions(db, tandem_id=tid)]
    assert starts == [date(2026, 3, 10), date(2026, 3, 31), date(2026, 4, 21), date(2026, 5, 12)]
    agenda = [s.agenda[0].title for s in sessions.list_sessions(db, tandem_id=tid)[1:]]
    assert agenda == [
        "Focus topic: Leadership",
        "Mid-round review: what works well, what should change?",
        "Look back: what have both of you learned?",
    ]


def test_a_round_already_running_is_planned_from_today(db: Database) -> None:
    r = make_round(db, start=date(2026, 3, 2), end=date(2026, 12, 18), meetings=3, cadence=4)
    tid = tandem(db, r, 1)
    plan_round(db, r, weekday=0, today=date(2026, 6, 10))
    starts = [s.starts_at.date() for s in sessions.list_sessions(db, tandem_id=tid)]
    assert starts == [date(2026, 6, 15), date(2026, 7, 13), date(2026, 8, 10)]


def test_meetings_move_closer_together_or_only_those_that_fit_are_planned(db: Database) -> None:
    short = make_round(db, start=date(2026, 3, 2), end=date(2026, 5, 29), meetings=6, cadence=4)
    tid = tandem(db, short, 1)
    result = plan_round(db, short, weekday=1, today=BEFORE)
    assert result.warnings == [
        "The meetings are every 2 weeks instead of every 4 so that they fit before the round "
        "ends on 29 May 2026."
    ]
    starts = [s.starts_at.date() for s in sessions.list_sessions(db, tandem_id=tid)]
    assert len(starts) == 6 and starts[-1] <= date(2026, 5, 29)
    assert starts[1] - starts[0] == timedelta(weeks=2)

    tiny = make_round(
        db, name="Tiny", start=date(2026, 9, 1), end=date(2026, 9, 25), meetings=6, cadence=2
    )
    tid = tandem(db, tiny, 2)
    result = plan_round(db, tiny, weekday=3, today=BEFORE)
    assert result.warnings == ["Only 4 of 6 meetings fit before the round ends on 25 Sep 2026."]
    starts = [s.starts_at.date() for s in sessions.list_sessions(db, tandem_id=tid)]
    assert starts == [date(2026, 9, 3), date(2026, 9, 10), date(2026, 9, 17), date(2026, 9, 24)]


def test_public_holidays_move_to_the_next_working_day(db: Database) -> None:
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert {date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 14), date(2026, 10, 3)} <= (
        german_holidays(2026)
    )
    r = make_round(db, start=date(2026, 4, 6), end=date(2026, 6, 30), meetings=2, cadence=4)
    tid = tandem(db, r, 1)
    plan_round(db, r, weekday=0, today=BEFORE)  # Monday: Easter Monday, then 4 May
    starts = [s.starts_at.date() for s in sessions.list_sessions(db, tandem_id=tid)]
    assert starts == [date(2026, 4, 7), date(2026, 5, 4)]
    assert all(s.weekday() < 5 for s in starts)


def test_only_open_tandems_are_planned_and_bad_input_is_refused(db: Database) -> None:
    r = make_round(db)
    open_one = tandem(db, r, 1)
    gone = tandem(db, r, 2)
    tandems.set_status(db, gone, TandemStatus.DISSOLVED, reason="Left the program")
    result = plan_round(db, r, today=BEFORE)
    assert result.created == 6
    assert sessions.list_sessions(db, tandem_id=gone) == []
    with pytest.raises(ConflictError):
        plan_tandem(db, gone, today=BEFORE)
    with pytest.raises(ValidationError) as info:
        plan_tandem(db, open_one, weekday=5)
    assert info.value.message == "Please choose a working day (Monday to Friday)."
    with pytest.raises(ValidationError):
        plan_tandem(db, open_one, duration_minutes=2)
    with pytest.raises(NotFoundError):
        plan_round(db, 999)


def test_default_duration_comes_from_the_settings(db: Database) -> None:
    r = make_round(db, meetings=1)
    tid = tandem(db, r, 1)
    set_setting(db, "default_duration_minutes", 45)
    plan_round(db, r, today=BEFORE)
    assert sessions.list_sessions(db, tandem_id=tid)[0].duration_minutes == 45


def test_the_arc_is_editable_and_used_for_planning(db: Database) -> None:
    arc = AgendaArc(
        first=(ArcItem("Kick-off", "Read the program flyer"),),
        topic=(ArcItem("Deep dive: {topic}", "Collect examples of {topic}"),),
        review=(ArcItem("Halfway check"),),
        closing=(ArcItem("Farewell"),),
        free=(ArcItem("Open session"),),
    )
    assert set_agenda_arc(db, arc) == arc
    assert get_agenda_arc(db) == arc
    r = make_round(db, meetings=5)
    with_topic = tandem(db, r, 1, ("Networking",))
    without = tandem(db, r, 2)
    plan_round(db, r, today=BEFORE)
    titles = [s.agenda[0].title for s in sessions.list_sessions(db, tandem_id=with_topic)]
    assert titles == ["Kick-off", "Deep dive: Networking", "Halfway check", "Deep dive: Networking",
                      "Farewell"]  # fmt: skip
    assert sessions.list_sessions(db, tandem_id=with_topic)[1].agenda[0].preparation == (
        "Collect examples of Networking"
    )
    titles = [s.agenda[0].title for s in sessions.list_sessions(db, tandem_id=without)]
    assert titles == ["Kick-off", "Open session", "Halfway check", "Open session", "Farewell"]

    with pytest.raises(ValidationError) as info:
        set_agenda_arc(db, AgendaArc((ArcItem("  "),), (), (), (), ()))
    assert info.value.message == "First meeting: item 1 needs a title."
    assert get_agenda_arc(db) == arc
    assert reset_agenda_arc(db) == default_agenda_arc()
    assert get_agenda_arc(db) == default_agenda_arc()


def test_the_default_arc_and_topic_names_follow_the_language(db: Database) -> None:
    i18n.set_language("de")
    arc = get_agenda_arc(db)
    assert arc.first[0].title == "Kennenlernen und Erwartungen austauschen"
    r = make_round(db, meetings=3)
    tid = tandem(db, r, 1, ("AI tools",))
    plan_round(db, r, today=BEFORE)
    assert sessions.list_sessions(db, tandem_id=tid)[1].agenda[0].title == (
        "Schwerpunktthema: KI-Werkzeuge"
    )


def test_the_arc_shape_for_any_number_of_meetings() -> None:
    assert [session_kind(i, 6) for i in range(6)] == [
        "first", "topic", "topic", "review", "topic", "closing",
    ]  # fmt: skip
    assert [session_kind(i, 3) for i in range(3)] == ["first", "topic", "closing"]
    assert [session_kind(i, 2) for i in range(2)] == ["first", "closing"]
    assert session_kind(0, 1) == "first"
    arc = default_agenda_arc()
    assert agenda_for(arc, 1, 6, ["A", "B"])[0][0] == "Focus topic: A"
    assert agenda_for(arc, 4, 6, ["A", "B"])[0][0] == "Focus topic: A"
    assert agenda_for(arc, 2, 6, ["A", "B"])[0][0] == "Focus topic: B"


def test_a_tandem_late_in_the_round_gets_its_meetings_closer_together(db: Database) -> None:
    r = make_round(db, start=date(2026, 3, 2), end=date(2026, 5, 29), meetings=3, cadence=6)
    tid = tandem(db, r, 1)
    sessions.create_session(db, tid, SessionInput(datetime(2026, 5, 5, 10, 0)))
    result = plan_round(db, r, weekday=1, today=date(2026, 5, 6))
    starts = [s.starts_at.date() for s in sessions.list_sessions(db, tandem_id=tid)]
    assert starts == [date(2026, 5, 5), date(2026, 5, 12), date(2026, 5, 26)]
    message = (
        "The meetings are every 2 weeks instead of every 6 so that they fit before the round "
        "ends on 29 May 2026."
    )
    assert result.warnings == [message] and result.notes == {tid: message}


def test_the_open_tandems_are_those_the_model_calls_open(db: Database) -> None:
    r = make_round(db)
    ids = {status: tandem(db, r, n, agreed=False) for n, status in enumerate(TandemStatus)}
    steps = {
        TandemStatus.AGREED: [TandemStatus.AGREED],
        TandemStatus.ACTIVE: [TandemStatus.AGREED, TandemStatus.ACTIVE],
        TandemStatus.COMPLETED: [TandemStatus.AGREED, TandemStatus.ACTIVE, TandemStatus.COMPLETED],
        TandemStatus.DISSOLVED: [TandemStatus.DISSOLVED],
    }
    for status, path in steps.items():
        for step in path:
            tandems.set_status(db, ids[status], step, reason="Moved away")
    assert [t for t in TandemStatus if t.is_open] == [
        TandemStatus.PROPOSED,
        TandemStatus.AGREED,
        TandemStatus.ACTIVE,
    ]
    open_ids = sorted(ids[s] for s in TandemStatus if s.is_open)
    assert open_tandem_ids(db, r) == open_ids
    plan_round(db, r, today=BEFORE, include_proposed=True)
    assert sorted({s.tandem_id for s in sessions.list_sessions(db, round_id=r)}) == open_ids


# --- only pairs who agreed are planned (issue 11, section 2) ---------------------------------


def test_a_round_plans_agreed_and_active_tandems_and_names_the_proposed_left_out(
    db: Database,
) -> None:
    r = make_round(db, meetings=2)
    agreed = tandem(db, r, 1)
    active = tandem(db, r, 2)
    tandems.set_status(db, active, TandemStatus.ACTIVE)
    proposed = [tandem(db, r, n, agreed=False) for n in (3, 4, 5)]
    result = plan_round(db, r, today=BEFORE)
    assert (result.created, result.tandems_planned, result.left_out_proposed) == (4, 2, 3)
    planned = {s.tandem_id for s in sessions.list_sessions(db, round_id=r)}
    assert planned == {agreed, active}
    assert left_out_lines(result) == [
        "3 proposed tandems were left out: their people have not agreed yet."
    ]
    scope = planning_scope(db, r)
    assert (scope.agreed, scope.proposed) == ([agreed, active], proposed)

    # Only when HR explicitly asks are the proposed ones planned too.
    asked = plan_round(db, r, today=BEFORE, include_proposed=True)
    assert (asked.created, asked.tandems_planned, asked.tandems_complete) == (6, 3, 2)
    assert asked.left_out_proposed == 0 and left_out_lines(asked) == []
    assert {s.tandem_id for s in sessions.list_sessions(db, round_id=r)} == {
        agreed,
        active,
        *proposed,
    }


def test_one_proposed_tandem_is_left_out_unless_asked(db: Database) -> None:
    r = make_round(db, meetings=2)
    proposed = tandem(db, r, 1, agreed=False)
    result = plan_tandem(db, proposed, today=BEFORE)
    assert (result.created, result.left_out_proposed) == (0, 1)
    assert sessions.list_sessions(db, tandem_id=proposed) == []
    i18n.set_language("de")
    assert left_out_lines(result) == [
        "1 vorgeschlagenes Tandem wurde ausgelassen: Die beiden haben noch nicht zugestimmt."
    ]
    with pytest.raises(ValidationError):  # options are checked all the same
        plan_tandem(db, proposed, weekday=6)
    asked = plan_tandem(db, proposed, today=BEFORE, include_proposed=True)
    assert (asked.created, asked.left_out_proposed) == (2, 0)
