"""The Outlook calendar file, parsed back with icalendar: events, stable UIDs, SEQUENCE,
attendees, agenda in the description, place or link, time zone; and the `ics` command."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlite_utils import Database

from app import i18n
from app.cli import run
from app.db import open_database
from app.errors import NotFoundError, StorageError, ValidationError
from app.model import SessionInput, SessionStatus, TandemStatus
from app.services import common, sessions, tandems
from app.services.calendar_export import build_calendar, export_ics, file_uid_namespace
from app.services.planning import plan_round
from tests.helpers.builders import make_round, person

TODAY = date(2026, 1, 5)  # before the round of setup_round starts


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every meeting of setup_round is still to come."""
    monkeypatch.setattr(common, "today", lambda: TODAY)


def setup_round(db: Database) -> tuple[int, int, int]:
    """A round with two agreed tandems of three meetings each (one with a link, one sent
    and then cancelled)."""
    r = make_round(db, start=date(2026, 3, 2), end=date(2026, 6, 26), meetings=3, cadence=4)
    finn = person(db, "Finn", "Ali", email="finn.ali@example.com")
    sabine = person(db, "Sabine", "Krüger", role="mentee", email="s.krueger@example.com")
    anna = person(db, "Anna & <b>Lee</b>", "Smith")  # no e-mail known
    lukasz = person(db, "Łukasz", "Dvořák-Şahin", role="mentee", email="lukasz@example.com")
    first = tandems.create_tandem(db, r, finn, sabine, focus_topics=("AI tools",)).id
    second = tandems.create_tandem(db, r, anna, lukasz).id
    for tandem_id in (first, second):
        tandems.set_status(db, tandem_id, TandemStatus.AGREED, on=TODAY)
    plan_round(db, r, weekday=1, at=time(10, 0), today=TODAY)
    s1, s2, s3 = sessions.list_sessions(db, tandem_id=first)
    sessions.update_session(
        db,
        s2.id,
        SessionInput(s2.starts_at, 60, "Teams: https://teams.example.com/l/meet/42", summary=""),
    )
    sessions.update_session(
        db, s1.id, SessionInput(s1.starts_at, 60, "", SessionStatus.HELD, "Prompting basics")
    )
    build_calendar(db, round_id=r)  # sent to Outlook once, then the third one is cancelled
    sessions.update_session(
        db, s3.id, SessionInput(s3.starts_at, 60, "Room 4.12", SessionStatus.CANCELLED)
    )
    # A private note must never reach the calendar (only ciphertext is stored anyway).
    db.execute(
        "INSERT INTO private_notes (owner_kind, owner_id, nonce, ciphertext) "
        "VALUES ('session', ?, x'00', CAST('SECRET-NOTE-MARKER' AS BLOB))",
        [s1.id],
    )
    return r, first, second


def events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


def test_one_event_per_meeting_with_agenda_place_attendees_and_time_zone(
    db: Database, tmp_path: Path
) -> None:
    r, first, _second = setup_round(db)
    out = tmp_path / "round.ics"
    result = export_ics(db, out, round_id=r)
    assert (result.events, result.cancelled) == (6, 1)
    raw = out.read_bytes()
    assert b"SECRET-NOTE-MARKER" not in raw
    calendar = Calendar.from_ical(raw)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert {str(p["TZNAME"]) for p in zone.subcomponents} == {"CET", "CEST"}

    found = events(out)
    assert len(found) == 6
    by_tandem = [e for e in found if "Finn Ali" in str(e["SUMMARY"])]
    held, linked, cancelled = sorted(by_tandem, key=lambda e: e.decoded("DTSTART"))
    assert str(held["SUMMARY"]) == "Tandem: Finn Ali & Sabine Krüger"
    start = held.decoded("DTSTART")
    assert start == datetime(2026, 3, 3, 10, 0, tzinfo=start.tzinfo)
    assert held["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert start.utcoffset() == timedelta(hours=1)
    assert linked.decoded("DTSTART").utcoffset() == timedelta(hours=2)  # summer time
    assert held.decoded("DTEND") - start == timedelta(minutes=60)

    description = str(held["DESCRIPTION"])
    assert "Focus topics: AI tools" in description
    assert "1. Get to know each other and share expectations" in description
    assert "Preparation: Think about what you would like to learn" in description
    assert "Topics covered: Prompting basics" in description
    assert "Focus topic: AI tools" in str(linked["DESCRIPTION"])

    assert str(linked["LOCATION"]) == "Teams: https://teams.example.com/l/meet/42"
    assert str(linked["URL"]) == "https://teams.example.com/l/meet/42"
    assert "URL" not in held
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(held["STATUS"]) == "CONFIRMED"

    attendees = held["ATTENDEE"]
    assert [str(a) for a in attendees] == [
        "mailto:finn.ali@example.com",
        "mailto:s.krueger@example.com",
    ]
    assert [a.params["CN"] for a in attendees] == ["Finn Ali", "Sabine Krüger"]

    other = [e for e in found if "Łukasz" in str(e["SUMMARY"])]
    assert str(other[0]["SUMMARY"]) == "Tandem: Anna & <b>Lee</b> Smith & Łukasz Dvořák-Şahin"
    only = other[0]["ATTENDEE"]
    only = only if isinstance(only, list) else [only]
    assert [(str(a), a.params["CN"]) for a in only] == [
        ("mailto:lukasz@example.com", "Łukasz Dvořák-Şahin")
    ]


def test_uids_stay_stable_and_sequence_goes_up_when_a_meeting_changes(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    r, first, _ = setup_round(db)
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    export_ics(db, one, round_id=r)
    namespace = file_uid_namespace(db)
    uids = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(one)}
    ids = [s.id for s in sessions.list_sessions(db, round_id=r)]
    assert set(uids) == {f"session-{i}-{namespace}@tandem.local" for i in ids}
    cancelled = sessions.list_sessions(db, tandem_id=first)[2]
    withdrawn = f"session-{cancelled.id}-{namespace}@tandem.local"
    assert uids.pop(withdrawn) == 1  # its cancellation supersedes the invitation sent before
    assert set(uids.values()) == {0}
    uids[withdrawn] = 1

    moved = sessions.list_sessions(db, tandem_id=first)[1]
    sessions.update_session(
        db,
        moved.id,
        SessionInput(moved.starts_at + timedelta(days=1), 60, moved.location),
    )
    db.close()
    reopened = open_database(db_path)
    try:
        assert file_uid_namespace(reopened) == namespace
        export_ics(reopened, two, round_id=r)
        again = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(two)}
        assert set(again) == set(uids)
        changed = f"session-{moved.id}-{namespace}@tandem.local"
        assert again[changed] == 1
        assert {v for k, v in again.items() if k not in (changed, withdrawn)} == {0}
        export_ics(reopened, two, round_id=r)
        assert {str(e["UID"]): int(e["SEQUENCE"]) for e in events(two)} == again
    finally:
        reopened.close()


def test_another_program_file_gets_other_uids(db: Database, tmp_path: Path) -> None:
    from app.db import create_database

    other = create_database(tmp_path / "other.tandem")
    try:
        assert file_uid_namespace(other) != file_uid_namespace(db)
    finally:
        other.close()


def test_export_of_one_tandem_and_in_german(db: Database, tmp_path: Path) -> None:
    _r, first, _ = setup_round(db)
    i18n.set_language("de")
    out = tmp_path / "tandem.ics"
    assert export_ics(db, out, tandem_id=first).events == 3
    found = events(out)
    assert all(str(e["SUMMARY"]) == "Tandem: Finn Ali & Sabine Krüger" for e in found)
    description = str(sorted(found, key=lambda e: e.decoded("DTSTART"))[0]["DESCRIPTION"])
    assert "Tagesordnung:" in description and "Schwerpunktthemen: KI-Werkzeuge" in description


def test_bad_requests_are_refused_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    r, first, _ = setup_round(db)
    with pytest.raises(ValidationError):
        export_ics(db, tmp_path / "x.ics")
    with pytest.raises(ValidationError):
        export_ics(db, tmp_path / "x.ics", round_id=r, tandem_id=first)
    with pytest.raises(NotFoundError):
        export_ics(db, tmp_path / "x.ics", round_id=999)
    with pytest.raises(ValidationError) as info:
        export_ics(db, tmp_path / "x.ics", round_id=r, timezone="Mars/Olympus")
    assert info.value.message == "Unknown time zone: Mars/Olympus."
    with pytest.raises(StorageError):
        export_ics(db, tmp_path / "missing" / "x.ics", round_id=r)
    assert list(tmp_path.glob("*.ics")) == []


def test_ics_command(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(db_path)
    r, first, _ = setup_round(db)
    db.close()
    out = tmp_path / "Frühjahr 2026.ics"
    assert run(["--db", str(db_path), "ics", "--round", str(r), str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"6 meetings written to {out}.",
        "1 of them is a cancellation of a meeting sent before.",
    ]
    assert len(events(out)) == 6
    assert run(["--db", str(db_path), "ics", "--tandem", str(first), str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["events"], data["cancelled"], data["path"]) == (3, 1, str(out))
    assert len(events(out)) == 3
    assert run(["--db", str(db_path), "ics", "--tandem", "999", str(out)]) == 1
    assert "Tandem 999 does not exist." in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        run(["--db", str(db_path), "ics", str(out)])
    assert info.value.code == 2


def test_a_zone_without_summer_time(db: Database, tmp_path: Path) -> None:
    r, _first, _ = setup_round(db)
    out = tmp_path / "tokyo.ics"
    export_ics(db, out, round_id=r, timezone="Asia/Tokyo")
    calendar = Calendar.from_ical(out.read_bytes())
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Tokyo" and len(zone.subcomponents) == 1
    start = sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT"))[0]
    assert start.utcoffset() == timedelta(hours=9)
    assert (start.hour, start.minute) == (10, 0)


def test_a_failed_write_counts_nothing_as_sent(db: Database, tmp_path: Path) -> None:
    r, first, _ = setup_round(db)
    before = {s.id for s in sessions.list_sessions(db, round_id=r)}
    extra = sessions.create_session(
        db, first, SessionInput(datetime(2026, 6, 23, 10, 0), 60, "Room 4.12")
    )
    with pytest.raises(StorageError):
        export_ics(db, tmp_path / "missing" / "x.ics", round_id=r)
    # The invitation never went out, so its cancellation must not go out either.
    sessions.update_session(
        db, extra.id, SessionInput(extra.starts_at, 60, "Room 4.12", SessionStatus.CANCELLED)
    )
    out = tmp_path / "sent.ics"
    export_ics(db, out, round_id=r)
    namespace = file_uid_namespace(db)
    uids = {str(e["UID"]) for e in events(out)}
    assert uids == {f"session-{i}-{namespace}@tandem.local" for i in before}
