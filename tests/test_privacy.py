"""The privacy service: everything the file holds about one person, found by walking the
schema; notes only as "they exist" unless their content is asked for with unlocked notes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlite_utils import Database

from app.errors import NotFoundError
from app.model import CheckinPhase, NoteOwnerKind, Role, SessionStatus, TandemStatus
from app.services import checkins, notes, privacy
from app.services.schema_info import columns, table_names
from tests.helpers_reports import CANARY, PASSPHRASE, Plan, make_vault, new_round, person, tandem

ODD_NAME = ("Anna & <b>Lee</b>", "Łukasz Dvořák-Şahin")


@pytest.fixture
def program(db: Database) -> dict[str, int]:
    """Anna (odd name) mentors Bert in 2025 and is mentee of Carla in 2026; Dora is Anna's
    report and has a tandem of her own with Emil; notes on Anna, on her tandem and on a
    meeting, and a note on Dora's tandem."""
    anna = person(db, *ODD_NAME, Role.BOTH, department="IT")
    dora = person(db, "Dora", "Nowak", Role.MENTOR, department="IT", manager_id=anna)
    bert = person(db, "Bert", "Brandt", Role.MENTEE, department="Sales")
    carla = person(db, "Carla", "Conti", Role.MENTOR, department="Finance")
    emil = person(db, "Emil", "Ernst", Role.MENTEE, department="HR")
    past = new_round(db, "Round 2025", date(2025, 2, 1), date(2025, 9, 30))
    now = new_round(db, "Round 2026", date(2026, 2, 1), date(2026, 9, 30))
    held = [
        (SessionStatus.HELD, datetime(2025, 3, 3, 10)),
        (SessionStatus.HELD, datetime(2025, 4, 7, 10)),
    ]
    t1 = tandem(
        db, past, anna, bert, Plan(TandemStatus.COMPLETED, held, ("AI tools",)), date(2025, 1, 10)
    )
    t2 = tandem(
        db, now, carla, anna, Plan(TandemStatus.ACTIVE, [(SessionStatus.PLANNED, datetime(2026, 3, 2, 9))]),
        date(2026, 1, 10),
    )  # fmt: skip
    t3 = tandem(db, now, dora, emil, Plan(TandemStatus.ACTIVE, held[:1]), date(2026, 1, 10))
    for who in (anna, bert):
        checkins.record_checkin(
            db, t1, who, CheckinPhase.FINAL, relationship_rating=5 if who == anna else 2,
            on=date(2025, 9, 1),
        )  # fmt: skip
    vault = make_vault(db)
    vault.setup(PASSPHRASE)
    session_id = db.execute("SELECT min(id) FROM sessions WHERE tandem_id = ?", [t1]).fetchone()[0]
    vault.add_note(NoteOwnerKind.PARTICIPANT, anna, "About Anna", CANARY)
    vault.add_note(NoteOwnerKind.TANDEM, t1, "About the tandem", CANARY)
    vault.add_note(NoteOwnerKind.SESSION, session_id, "About a meeting", CANARY)
    vault.add_note(NoteOwnerKind.TANDEM, t3, "Dora's tandem", CANARY)
    vault.close()
    return {"anna": anna, "dora": dora, "bert": bert, "carla": carla, "t1": t1, "t2": t2, "t3": t3}


def test_the_record_holds_the_person_their_tandems_meetings_and_own_checkins(
    db: Database, program: dict[str, int]
) -> None:
    data = privacy.personal_data(db, program["anna"])
    assert (data.participant.first_name, data.participant.last_name) == ODD_NAME
    roles = {t.tandem.id: (t.role, t.partner_name) for t in data.tandems}
    assert roles == {
        program["t1"]: (Role.MENTOR, "Bert Brandt"),
        program["t2"]: (Role.MENTEE, "Carla Conti"),
    }
    assert [s.tandem_id for s in data.sessions] == [program["t1"], program["t1"], program["t2"]]
    # Her own check-in only: Bert's rating of their tandem is Bert's data.
    assert [(c.participant_id, c.relationship_rating) for c in data.checkins] == [
        (program["anna"], 5)
    ]
    topics = data.table("tandem_topics")
    assert topics is not None and [r["tandem_id"] for r in topics.as_dicts()] == [program["t1"]]


def test_other_peoples_records_stay_out(db: Database, program: dict[str, int]) -> None:
    data = privacy.personal_data(db, program["anna"])
    people = data.table("participants")
    assert people is not None
    assert [row["id"] for row in people.as_dicts()] == [program["anna"]]  # not Dora, her report
    tandem_ids = {row["id"] for row in data.table("tandems").as_dicts()}  # type: ignore[union-attr]
    assert program["t3"] not in tandem_ids


def test_notes_are_listed_as_existing_but_their_text_stays_out(
    db: Database, program: dict[str, int]
) -> None:
    data = privacy.personal_data(db, program["anna"])
    assert data.note_count == 3
    assert {n.owner_kind for n in data.notes} == set(NoteOwnerKind)
    assert all(n.created_at.year >= 2026 for n in data.notes)  # dates are there
    assert data.note_texts is None
    assert CANARY not in repr(data)
    extract = data.table("private_notes")
    assert extract is not None and "ciphertext" not in extract.columns


def test_note_text_needs_unlocked_notes_and_an_explicit_request(
    db: Database, program: dict[str, int]
) -> None:
    vault = make_vault(db)
    with pytest.raises(notes.NotesLockedError):
        privacy.personal_data(db, program["anna"], include_note_text=True, vault=vault)
    with pytest.raises(notes.NotesLockedError):
        privacy.personal_data(db, program["anna"], include_note_text=True)
    vault.unlock(PASSPHRASE)
    without = privacy.personal_data(db, program["anna"], vault=vault)
    assert without.note_texts is None
    data = privacy.personal_data(db, program["anna"], include_note_text=True, vault=vault)
    assert data.note_texts is not None
    assert sorted(n.title for n in data.note_texts) == [
        "About Anna",
        "About a meeting",
        "About the tandem",
    ]
    assert all(n.text == CANARY for n in data.note_texts)
    vault.close()


def test_an_unknown_person_is_refused(db: Database) -> None:
    with pytest.raises(NotFoundError):
        privacy.personal_data(db, 999)


def test_every_table_that_refers_to_participants_is_covered(db: Database) -> None:
    walked = privacy.walked_tables(db)
    assert {"checkins", "sessions", "agenda_items", "tandem_topics"} <= set(walked)
    assert set(walked) <= set(privacy.COVERED_TABLES), "describe the new table in COVERED_TABLES"
    unlisted = set(table_names(db)) - set(privacy.COVERED_TABLES) - set(privacy.UNRELATED_TABLES)
    assert not unlisted, f"say in privacy.py whether {unlisted} holds data about a person"
    for table in privacy.UNRELATED_TABLES:
        # A column that points at rows elsewhere could point at a person: decide explicitly.
        links = [c.name for c in columns(db, table) if c.name.endswith("_id")]
        assert not links, f"{table} links to other rows ({links}): is it about a person?"


def test_a_new_table_is_found_by_the_walk_and_fails_the_coverage_check(
    db: Database, program: dict[str, int]
) -> None:
    db.execute(
        "CREATE TABLE trainings (id INTEGER PRIMARY KEY, session_id INTEGER "
        "REFERENCES sessions(id), title TEXT)"
    )
    db.execute("INSERT INTO trainings (session_id, title) SELECT id, 'x' FROM sessions")
    assert "trainings" in privacy.walked_tables(db)
    assert "trainings" not in privacy.COVERED_TABLES
    data = privacy.personal_data(db, program["anna"])
    extract = data.table("trainings")
    assert extract is not None and len(extract.rows) == 3  # Anna's three meetings, not Dora's
