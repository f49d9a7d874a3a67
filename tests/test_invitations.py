"""Invitations go only to pairs who agreed (issue 11, section 2): planning covers agreed and
active tandems, the calendar file holds meetings still to come of agreed and active tandems
plus cancellations of meetings sent before, and both say what they left out and why. Replayed
on the demo by command line: `match --apply`, then `plan` and `ics`."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlite_utils import Database

from app import i18n
from app.cli import run
from app.db import open_database
from app.errors import ConflictError
from app.model import (
    ParticipantInput,
    Role,
    RoundInput,
    SessionInput,
    SessionStatus,
    TandemStatus,
)
from app.services import common, participants, rounds, sessions, tandems
from app.services.calendar_export import build_calendar, calendar_selection, export_ics

TODAY = date(2026, 4, 1)  # a Wednesday in the middle of the round below


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "today", lambda: TODAY)


def pair(db: Database, round_id: int, n: int, status: TandemStatus) -> int:
    """A tandem of two new consenting people, moved along to `status`."""
    mentor = participants.create_participant(
        db,
        ParticipantInput(f"Mentor{n}", "M", role=Role.MENTOR, consent_date=date(2026, 1, 5),
                         email=f"mentor{n}@example.com"),
    )  # fmt: skip
    mentee = participants.create_participant(
        db,
        ParticipantInput(f"Mentee{n}", "E", role=Role.MENTEE, consent_date=date(2026, 1, 5),
                         email=f"mentee{n}@example.com"),
    )  # fmt: skip
    tandem_id = tandems.create_tandem(db, round_id, mentor.id, mentee.id).id
    path = {
        TandemStatus.PROPOSED: [],
        TandemStatus.AGREED: [TandemStatus.AGREED],
        TandemStatus.ACTIVE: [TandemStatus.AGREED, TandemStatus.ACTIVE],
        TandemStatus.COMPLETED: [TandemStatus.AGREED, TandemStatus.ACTIVE, TandemStatus.COMPLETED],
        TandemStatus.DISSOLVED: [TandemStatus.DISSOLVED],
    }[status]
    for step in path:
        tandems.set_status(db, tandem_id, step, reason="Moved away")
    return tandem_id


def meeting(db: Database, tandem_id: int, day: date, status=SessionStatus.PLANNED) -> int:
    return sessions.create_session(
        db, tandem_id, SessionInput(datetime.combine(day, time(10)), status=status)
    ).id


def uids_by_session(path: Path) -> dict[int, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {int(str(e["UID"]).split("-")[1]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def spring(db: Database) -> int:
    return rounds.create_round(
        db, RoundInput("Spring 2026", date(2026, 3, 2), date(2026, 8, 28))
    ).id


def test_the_file_holds_meetings_to_come_of_agreed_and_active_tandems(
    db: Database, spring: int, tmp_path: Path
) -> None:
    agreed = pair(db, spring, 1, TandemStatus.AGREED)
    active = pair(db, spring, 2, TandemStatus.ACTIVE)
    proposed = pair(db, spring, 3, TandemStatus.PROPOSED)
    completed = pair(db, spring, 4, TandemStatus.COMPLETED)
    past = meeting(db, active, date(2026, 3, 10), SessionStatus.HELD)
    coming = [meeting(db, agreed, date(2026, 4, 1)), meeting(db, active, date(2026, 5, 5))]
    not_agreed = meeting(db, proposed, date(2026, 5, 6))
    closed = meeting(db, completed, date(2026, 5, 7))
    never_sent = meeting(db, agreed, date(2026, 6, 2), SessionStatus.CANCELLED)

    out = tmp_path / "spring.ics"
    preview = calendar_selection(db, round_id=spring)
    result = export_ics(db, out, round_id=spring)
    assert preview.left_out_counts() == result.left_out_counts()
    assert (result.events, result.cancelled) == (2, 0)
    assert result.left_out_counts() == {
        "past": 1,
        "proposed": 1,
        "closed": 1,
        "cancelled_unsent": 1,
    }
    found = uids_by_session(out)
    assert set(found) == set(coming)  # today's meeting counts as still to come
    assert not {past, not_agreed, closed, never_sent} & set(found)
    assert result.left_out_lines() == [
        "1 meeting before today was left out.",
        "1 meeting of proposed tandems was left out: their people have not agreed yet.",
        "1 meeting of completed or dissolved tandems was left out.",
        "1 cancelled meeting was left out: it was never sent.",
    ]
    i18n.set_language("de")
    assert result.left_out_lines()[1] == (
        "1 Treffen vorgeschlagener Tandems wurde ausgelassen: Die Beteiligten haben noch "
        "nicht zugestimmt."
    )


def test_meetings_sent_before_that_no_longer_stand_are_withdrawn(
    db: Database, spring: int, tmp_path: Path
) -> None:
    """Cancelled, or their tandem dissolved, after the invitation went out: the next file
    cancels them in the calendars; never-sent ones of the same kind stay out."""
    keeps = pair(db, spring, 1, TandemStatus.ACTIVE)
    leaves = pair(db, spring, 2, TandemStatus.AGREED)
    stays = meeting(db, keeps, date(2026, 4, 14))
    cancelled = meeting(db, keeps, date(2026, 5, 12))
    dissolved = [meeting(db, leaves, date(2026, 4, 15)), meeting(db, leaves, date(2026, 5, 13))]
    first = export_ics(db, tmp_path / "one.ics", round_id=spring)
    assert (first.events, first.cancelled) == (4, 0)

    sessions.set_statuses(db, {cancelled: SessionStatus.CANCELLED})
    tandems.set_status(db, leaves, TandemStatus.DISSOLVED, reason="Moved to another site")
    meeting(db, leaves, date(2026, 6, 10))  # added after the dissolution, never sent
    second = export_ics(db, tmp_path / "two.ics", round_id=spring)
    assert (second.events, second.cancelled) == (4, 3)
    assert second.left_out_counts()["closed"] == 1
    found = uids_by_session(tmp_path / "two.ics")
    assert {i: str(e["STATUS"]) for i, e in found.items()} == {
        stays: "CONFIRMED",
        cancelled: "CANCELLED",
        dissolved[0]: "CANCELLED",
        dissolved[1]: "CANCELLED",
    }
    assert all(int(found[i]["SEQUENCE"]) == 1 for i in (cancelled, *dissolved))


def test_nothing_to_send_writes_no_file_and_says_why(
    db: Database, spring: int, tmp_path: Path
) -> None:
    proposed = pair(db, spring, 1, TandemStatus.PROPOSED)
    meeting(db, proposed, date(2026, 4, 20))
    active = pair(db, spring, 2, TandemStatus.ACTIVE)
    meeting(db, active, date(2026, 3, 17), SessionStatus.HELD)
    with pytest.raises(ConflictError) as info:
        export_ics(db, tmp_path / "x.ics", round_id=spring)
    assert info.value.message == (
        "There is no meeting to send. 1 meeting before today was left out. 1 meeting of "
        "proposed tandems was left out: their people have not agreed yet."
    )
    assert list(tmp_path.glob("*.ics")) == []
    _calendar, counts = build_calendar(db, tandem_id=proposed)
    assert (counts.events, counts.proposed) == (0, 1)


def test_the_demo_scene_by_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`match --round 2 --apply` creates proposed tandems; `plan --round 2` plans none of
    them and says so; `ics --round 2` invites no one who has not agreed and sends nothing
    from the past."""
    monkeypatch.setattr(common, "today", lambda: date(2026, 12, 1))
    path = tmp_path / "demo.tandem"
    file = ["--db", str(path)]
    assert run([*file, "init"]) == 0
    assert run([*file, "demo"]) == 0
    assert run([*file, "match", "--round", "2", "--apply", "--json"]) == 0
    capsys.readouterr()
    db = open_database(path)
    try:
        proposed = {t.id for t in tandems.list_tandems(db, 2) if t.status == TandemStatus.PROPOSED}
        before = {s.id for s in sessions.list_sessions(db, round_id=2, with_agenda=False)}
    finally:
        db.close()
    assert len(proposed) >= 2  # up to the round's target

    assert run([*file, "plan", "--round", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        f"{len(proposed)} proposed tandems were left out: their people have not agreed yet." in out
    )
    assert "To plan them anyway, add --include-proposed." in out

    target = tmp_path / "round2.ics"
    assert run([*file, "ics", "--round", "2", str(target), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    db = open_database(path)
    try:
        planned = sessions.list_sessions(db, round_id=2, with_agenda=False)
        new = [s for s in planned if s.id not in before]
        assert not {s.tandem_id for s in new} & proposed  # no proposed tandem got a meeting
        by_id = {s.id: s for s in planned}
        sent = uids_by_session(target)
        assert data["events"] == len(sent) > 0
        for session_id in sent:
            s = by_id[session_id]
            assert s.tandem_status in (TandemStatus.AGREED, TandemStatus.ACTIVE)
            assert s.starts_at.date() >= date(2026, 12, 1)
        past = [s for s in planned if s.starts_at.date() < date(2026, 12, 1)]
        assert data["left_out"]["past"] == len(past) > 0
    finally:
        db.close()

    assert run([*file, "ics", "--round", "2", str(target)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0] == f"{data['events']} meetings written to {target}."
    assert f"{len(past)} meetings before today were left out." in text
