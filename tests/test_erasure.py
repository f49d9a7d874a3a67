"""Erasing and anonymising a person (GDPR art. 17): what goes, what stays, that the figures
stay right, that nothing of the person is left in the file's bytes, and that it is one
transaction that refuses what it cannot do."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.db import open_database
from app.db.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, schema_version
from app.errors import ConflictError, NotFoundError, ValidationError
from app.i18n import translator
from app.model import NoteOwnerKind, ParticipantStatus, Role, TandemStatus
from app.services import (
    checkins,
    erasure,
    matching,
    notes,
    participants,
    processing_record,
    sessions,
    tandems,
)
from app.services.erasure import ERASURE_RULES, PARTICIPANT_COLUMNS, Action, ErasureMode
from app.services.privacy import walked_tables
from app.services.schema_info import columns
from app.services.stats import get_stats
from app.services.summary import programme_summary
from tests.helpers_erasure import ODD_FIRST, ODD_LAST, SECRETS, leaks, program
from tests.helpers_reports import new_round, person
from tests.pdf_helpers import DEMO_TODAY, make_demo_file

TODAY = date(2026, 11, 22)


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    return program(db)


def _sessions(db: Database, tandem_id: int) -> list[tuple]:
    return [
        (s.id, s.starts_at, s.duration_minutes, s.status)
        for s in sessions.list_sessions(db, tandem_id=tandem_id)
    ]


def _tandem_facts(db: Database, tandem_id: int) -> tuple:
    t = tandems.get_tandem(db, tandem_id)
    return (t.round_id, t.mentor_id, t.mentee_id, t.status, t.agreed_on, t.started_on,
            t.completed_on, t.focus_topics)  # fmt: skip


def _note_owners(db: Database) -> set[tuple[str, int]]:
    return {(n.owner_kind.value, n.owner_id) for n in notes.list_note_infos(db)}


# --- what goes and what stays ---------------------------------------------------------------------


def test_erasing_removes_the_person_and_keeps_their_tandems_anonymously(
    db: Database, people: dict[str, int]
) -> None:
    eulalia = people["eulalia"]
    before = {t: (_tandem_facts(db, people[t]), _sessions(db, people[t])) for t in ("t1", "t2")}
    counted = get_stats(db)
    result = erasure.erase_participant(db, eulalia, today=TODAY)
    now = get_stats(db)  # the placeholder is no participant: the counts follow the list
    assert (now.participants, now.mentors, now.mentees) == (
        counted.participants - 1, counted.mentors - 1, counted.mentees - 1,
    )  # fmt: skip
    assert (now.tandems, now.sessions_held) == (counted.tandems, counted.sessions_held)

    row = db.execute("SELECT * FROM participants WHERE id = ?", [eulalia]).fetchone()
    record = dict(zip([c.name for c in columns(db, "participants")], row, strict=True))
    assert record["first_name"] == "Anonymised participant"
    assert record["last_name"] == str(eulalia)
    assert result.name == f"Anonymised participant {eulalia}"
    for gone in ("personnel_number", "email", "department", "position", "start_date", "manager_id"):
        assert record[gone] is None, gone
    # What the figures count stays.
    assert (record["role"], record["consent_date"], record["status"]) == (
        "both",
        "2024-01-10",
        "active",
    )
    assert record["anonymised_on"] == record["erased_on"] == TODAY.isoformat()

    assert not db.execute(
        "SELECT 1 FROM participant_topics WHERE participant_id = ?", [eulalia]
    ).fetchall()
    given = [(c.participant_id, c.relationship_rating) for c in checkins.list_checkins(db)]
    assert given == [(people["bert"], 2)]  # Bert's answer is his; hers is gone
    # Notes on her, her tandems and their meetings are gone; Dora's stay.
    assert _note_owners(db) == {("tandem", people["t3"]), ("participant", people["dora"])}

    for key in ("t1", "t2"):
        assert (_tandem_facts(db, people[key]), _sessions(db, people[key])) == before[key]
        assert tandems.get_tandem(db, people[key]).goals == ""
        for session in sessions.list_sessions(db, tandem_id=people[key]):
            assert (session.location, session.summary, session.agenda) == ("", "", ())
    assert tandems.get_tandem(db, people["t1"]).mentor_name == result.name
    assert tandems.get_tandem(db, people["t3"]).goals == "Dora's own goals"
    assert [p.id for p in participants.list_participants(db)].count(eulalia) == 0
    # Dora reported to her: she now reports to Boris, Eulalia's manager.
    assert participants.get_participant(db, people["dora"]).manager_id == people["boris"]
    assert (result.topics, result.checkins, result.notes, result.reports) == (2, 1, 3, 1)
    assert (result.tandems, result.meetings, result.agenda_items) == (2, 3, 1)


def test_anonymising_keeps_what_the_figures_count(db: Database, people: dict[str, int]) -> None:
    eulalia = people["eulalia"]
    erasure.anonymise_participant(db, eulalia, today=TODAY)
    person_now = participants.get_participant(db, eulalia)
    assert person_now.name == f"Anonymised participant {eulalia}"
    assert (person_now.email, person_now.personnel_number, person_now.position) == (
        None,
        None,
        None,
    )
    assert person_now.department is None
    assert person_now.manager_id == people["boris"]  # kept, for her tandems' figures
    assert set(person_now.can_teach) == {"AI tools"}
    assert [c.participant_id for c in checkins.list_checkins(db)].count(eulalia) == 1
    assert _note_owners(db) == {("tandem", people["t3"]), ("participant", people["dora"])}
    assert tandems.get_tandem(db, people["t1"]).goals == ""
    assert participants.get_participant(db, people["dora"]).manager_id == people["boris"]
    assert db.execute("SELECT erased_on FROM participants WHERE id = ?", [eulalia]).fetchone() == (
        None,
    )


def test_a_person_in_an_active_tandem_is_erased_and_the_tandem_keeps_its_meetings(
    db: Database, people: dict[str, int]
) -> None:
    plan = erasure.plan_erasure(db, people["eulalia"], ErasureMode.ERASE)
    assert plan.open_tandems == ("Round 2026 – Carla Conti",)
    assert "Round 2026 – Carla Conti" in erasure.open_tandems_warning(plan)
    meetings = _sessions(db, people["t2"])
    erasure.erase_participant(db, people["eulalia"])
    tandem = tandems.get_tandem(db, people["t2"])
    assert tandem.status == TandemStatus.ACTIVE
    assert (tandem.mentor_name, tandem.mentee_id) == ("Carla Conti", people["eulalia"])
    assert _sessions(db, people["t2"]) == meetings and len(meetings) == 1


def test_the_plan_says_what_goes_and_what_stays_without_writing(
    db: Database, db_path: Path, people: dict[str, int]
) -> None:
    db.close()
    before = db_path.read_bytes()
    db = open_database(db_path)
    try:
        plan = erasure.plan_erasure(db, people["eulalia"], "erase")
        removed, kept = erasure.describe(plan)
        assert plan.name == f"{ODD_FIRST} {ODD_LAST}"
        assert "3 private notes on the person, their tandems or meetings" in removed
        assert "2 topics they can teach or want to learn" in removed
        assert "2 tandems with their dates, status and focus topics" in kept
        assert "1 person who reported to them now reports to their manager" in kept
        assert "Their manager" in removed  # Boris
        bert = erasure.describe(erasure.plan_erasure(db, people["bert"], "erase"))
        assert "Their manager" not in bert[0] + bert[1]  # he has none
        anonymised = erasure.describe(dataclasses.replace(plan, mode=ErasureMode.ANONYMISE))
        assert "2 topics they can teach or want to learn" in anonymised[1]
        i18n.set_language("de")
        removed_de, kept_de = erasure.describe(plan)
        assert "3 vertrauliche Notizen zur Person, ihren Tandems oder Treffen" in removed_de
        assert "2 Tandems mit Daten, Status und Schwerpunktthemen" in kept_de
    finally:
        db.close()
    assert db_path.read_bytes() == before


# --- nothing left in the file --------------------------------------------------------------------


def test_after_erasing_and_compacting_neither_the_canary_nor_the_name_is_in_the_file(
    db: Database, db_path: Path, people: dict[str, int]
) -> None:
    db.close()
    assert set(leaks(db_path)) == set(SECRETS)  # all there before: the check can fail
    db = open_database(db_path)
    erasure.erase_participant(db, people["eulalia"])
    db.close()
    # secure_delete already overwrote what was deleted or changed ...
    assert leaks(db_path) == []
    db = open_database(db_path)
    result = erasure.compact(db)
    db.close()
    # ... and compacting leaves no page it was on.
    assert leaks(db_path) == []
    assert result.bytes_after <= result.bytes_before
    assert not db_path.with_name(db_path.name + "-journal").exists()
    db = open_database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not db.execute("PRAGMA foreign_key_check").fetchall()
    db.close()


def test_anonymising_leaves_no_name_or_canary_either(
    db: Database, db_path: Path, people: dict[str, int]
) -> None:
    erasure.anonymise_participant(db, people["eulalia"])
    erasure.compact(db)
    db.close()
    assert leaks(db_path) == []


def test_compacting_inside_a_transaction_is_a_bug(db: Database) -> None:
    with pytest.raises(RuntimeError), db.atomic():
        erasure.compact(db)


# --- the figures --------------------------------------------------------------------------------


def _summaries(db: Database) -> list:
    rounds = [row[0] for row in db.execute("SELECT id FROM rounds ORDER BY id")]
    found = [programme_summary(db, round_id=r, today=DEMO_TODAY) for r in rounds]
    found.append(programme_summary(db, year=DEMO_TODAY.year, today=DEMO_TODAY))
    found.append(programme_summary(db, today=DEMO_TODAY))  # every round: last
    return found


def _without_checkins(summary):  # noqa: ANN001, ANN202 - a ProgrammeSummary
    trend = tuple(
        dataclasses.replace(row, relationship_mean=None, response_rate=None)
        for row in summary.trend
    )
    return dataclasses.replace(
        summary, feedback=None, distributions=None, trend=trend, any_suppressed=None
    )


@pytest.fixture
def demo(tmp_path: Path) -> Database:
    db = open_database(make_demo_file(tmp_path / "demo.tandem"))
    yield db
    db.close()


def _finished_manager_with_checkins(db: Database) -> int:
    """A mentee of a completed tandem who gave a check-in and has people reporting to them."""
    row = db.execute(
        "SELECT t.mentee_id FROM tandems t JOIN checkins c ON c.participant_id = t.mentee_id "
        "WHERE t.status = 'completed' AND EXISTS (SELECT 1 FROM participants r "
        "WHERE r.manager_id = t.mentee_id) ORDER BY t.id LIMIT 1"
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_anonymising_leaves_every_figure_of_the_summary_as_it_was(demo: Database) -> None:
    chosen = _finished_manager_with_checkins(demo)
    before = _summaries(demo)
    assert any(cell.shown for cell in before[-1].people["all"].__dict__.values())
    erasure.anonymise_participant(demo, chosen, today=DEMO_TODAY)
    assert _summaries(demo) == before


def test_erasing_leaves_every_figure_but_the_persons_own_checkins(demo: Database) -> None:
    chosen = _finished_manager_with_checkins(demo)
    before = _summaries(demo)
    responded = before[-1].feedback["all"].responded
    erasure.erase_participant(demo, chosen, today=DEMO_TODAY)
    after = _summaries(demo)
    assert [_without_checkins(s) for s in after] == [_without_checkins(s) for s in before]
    # Their check-in no longer counts; everyone else's does.
    now = after[-1].feedback["all"].responded
    assert (now.value, responded.value) == (responded.value - 1, responded.value)


def test_a_person_erased_before_a_period_is_not_counted_as_registered_in_it(db: Database) -> None:
    kept = [person(db, f"P{i}", "Waiting", Role.MENTOR, consent=date(2025, 1, 1)) for i in range(6)]
    new_round(db, "Later round", date(2027, 1, 1), date(2027, 6, 30))
    registered = programme_summary(db, year=2027, threshold=5).people["all"].registered.value
    erasure.erase_participant(db, kept[0], today=date(2026, 6, 1))
    after = programme_summary(db, year=2027, threshold=5).people["all"].registered.value
    assert (registered, after) == (6, 5)


# --- refusals ---------------------------------------------------------------------------------------


def test_what_cannot_be_done_is_refused_with_a_message(
    db: Database, people: dict[str, int]
) -> None:
    with pytest.raises(NotFoundError, match="Participant 999 does not exist"):
        erasure.erase_participant(db, 999)
    erasure.anonymise_participant(db, people["bert"], today=TODAY)
    with pytest.raises(ConflictError, match="already anonymised on 22 Nov 2026"):
        erasure.anonymise_participant(db, people["bert"])
    erasure.erase_participant(db, people["bert"], today=TODAY)  # erasing what is left works
    with pytest.raises(ConflictError, match="already erased on 22 Nov 2026"):
        erasure.erase_participant(db, people["bert"])
    i18n.set_language("de")
    with pytest.raises(ConflictError, match="bereits am 22.11.2026 gelöscht"):
        erasure.anonymise_participant(db, people["bert"])


def test_erasure_is_one_transaction(
    db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    dump = list(db.conn.iterdump())

    def broken(*_args: object) -> str:
        raise sqlite3.OperationalError("simulated failure after the deletes")

    monkeypatch.setattr(erasure, "_replace_person", broken)
    with pytest.raises(sqlite3.OperationalError):
        erasure.erase_participant(db, people["eulalia"])
    assert list(db.conn.iterdump()) == dump


def test_an_anonymised_person_is_never_paired_again(db: Database, people: dict[str, int]) -> None:
    erasure.anonymise_participant(db, people["carla"])
    later = new_round(db, "Round 2027", date(2027, 2, 1), date(2027, 9, 30))
    with pytest.raises(ValidationError, match="was anonymised and cannot be paired"):
        tandems.create_tandem(db, later, people["carla"], people["emil"])
    result = matching.propose_matches(db, later)
    paired = {p.mentor_id for p in result.pairs} | {p.mentee_id for p in result.pairs}
    assert people["carla"] not in paired
    assert people["carla"] not in {u.id for u in result.unmatched}
    with pytest.raises(ValidationError, match="The chosen manager does not exist"):
        participants.update_participant(
            db,
            people["emil"],
            dataclasses.replace(
                participants.get_participant(db, people["emil"]).as_input(),
                manager_id=people["carla"],
            ),
        )


# --- nothing can be forgotten --------------------------------------------------------------------


def test_every_table_and_column_the_walk_reaches_has_a_rule(db: Database) -> None:
    assert erasure.unruled_tables(db) == []
    assert set(walked_tables(db)) == set(ERASURE_RULES)
    assert {c.name for c in columns(db, "participants")} == set(PARTICIPANT_COLUMNS)
    for table, rule in ERASURE_RULES.items():
        if (
            table == "participants"
            or Action.DELETE in (rule.erase, rule.anonymise)
            and (rule.erase == rule.anonymise)
        ):
            continue
        text = {c.name for c in columns(db, table) if c.type.upper() == "TEXT"}
        decided = {name for name, _ in rule.clear} | set(rule.kept_text)
        assert text <= decided, f"{table}: is {text - decided} free text? decide in ERASURE_RULES"


def test_a_table_without_a_rule_stops_the_erasure_before_anything_changes(
    db: Database, people: dict[str, int]
) -> None:
    db.execute(
        "CREATE TABLE trainings (id INTEGER PRIMARY KEY, session_id INTEGER "
        "REFERENCES sessions(id), title TEXT)"
    )
    db.execute("INSERT INTO trainings (session_id, title) SELECT id, 'x' FROM sessions")
    dump = list(db.conn.iterdump())
    with pytest.raises(RuntimeError, match="trainings"):
        erasure.erase_participant(db, people["eulalia"])
    with pytest.raises(RuntimeError, match="trainings"):
        erasure.plan_erasure(db, people["eulalia"], ErasureMode.ANONYMISE)
    assert list(db.conn.iterdump()) == dump


# --- the file's schema and the works council ---------------------------------------------------------


def test_a_file_of_every_earlier_version_gets_the_marks_and_keeps_its_people(
    tmp_path: Path,
) -> None:
    for version in (1, 2):
        path = tmp_path / f"v{version}.tandem"
        old = Database(sqlite3.connect(path))
        old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(old, None, target=version)
        old.execute(
            "INSERT INTO participants (first_name, last_name, email) VALUES (?, ?, ?)",
            ["Old", "Timer", "old@example.com"],
        )
        old.conn.commit()
        old.close()
        db = open_database(path)
        assert schema_version(db) == SCHEMA_VERSION >= 3
        row = db.execute(
            "SELECT first_name, email, anonymised_on, erased_on FROM participants"
        ).fetchone()
        assert row == ("Old", "old@example.com", None, None)
        assert [p.name for p in participants.list_participants(db)] == ["Old Timer"]
        erasure.erase_participant(db, 1)
        assert participants.list_participants(db) == []
        with pytest.raises(sqlite3.IntegrityError):  # an erasure date needs the anonymisation's
            db.conn.execute("UPDATE participants SET anonymised_on = NULL WHERE id = 1")
        db.close()


def test_the_works_council_sheet_names_the_retention_period_and_the_backups(
    db: Database,
) -> None:
    from app.services import retention

    retention.set_keep_months(db, 18)
    record = processing_record.processing_record(db)
    people_table = next(t for t in record.tables if t.table == "participants")
    assert "18 months after their last round ended" in people_table.retention
    assert any("at most 12 months" in m for m in record.measures)
    assert processing_record.undescribed_columns(db) == []
    retention.set_keep_months(db, 1)  # the shortest setting, in the singular
    for lang, words in (("en", "programme, 1 month after"), ("de", "Programms 1 Monat nach")):
        record = processing_record.processing_record(db, translator(lang))
        people_table = next(t for t in record.tables if t.table == "participants")
        assert words in people_table.retention


def test_the_backup_notice_says_until_when(db: Database) -> None:
    assert erasure.backups_hold_until(date(2026, 1, 31)) == date(2027, 1, 31)
    text = erasure.backup_notice(date(2026, 3, 15))
    assert "up to 12 months" in text and "15 Mar 2027" in text
    i18n.set_language("de")
    assert "15.03.2027" in erasure.backup_notice(date(2026, 3, 15))


def test_the_placeholder_speaks_the_files_document_language(
    db: Database, people: dict[str, int]
) -> None:
    from app.services.settings import set_setting

    set_setting(db, "language", "de")
    result = erasure.erase_participant(db, people["bert"])
    assert result.name == f"Anonymisierte Person {people['bert']}"
    assert ParticipantStatus(participants.get_participant(db, people["bert"]).status)
    assert NoteOwnerKind.PARTICIPANT  # the enum the notes use is unchanged
