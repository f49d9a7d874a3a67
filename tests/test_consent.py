"""Consent, the gate to every pairing (issue 11, section 1), without a window: the import
says how many people have no consent date and what follows, consent is recorded for many
people in one step (and undone), matching names who was left out for missing consent, and the
`consent` command. The scene: `mitarbeiter_excel_de.csv` (13 people, no consent column)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.cli import run
from app.db import open_database
from app.errors import NotFoundError, ValidationError
from app.imports.engine import ImportSession, consent_note
from app.model import ParticipantInput, RoundInput
from app.services import common, participants, rounds
from app.services.matching import propose_matches

TODAY = date(2026, 9, 14)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "today", lambda: TODAY)


def consent_of(db: Database) -> dict[str, date | None]:
    """Personnel number → consent date of everyone in the file."""
    return {
        p.personnel_number or p.name: p.consent_date for p in participants.list_participants(db)
    }


def test_the_import_counts_people_without_consent(db: Database, data_file) -> None:
    session = ImportSession.open(data_file("mitarbeiter_excel_de.csv"))
    preview = session.preview(db)
    assert preview.without_consent == 13
    result = session.apply(db)
    assert (result.imported, result.without_consent) == (13, 13)
    assert consent_note(result.without_consent) == (
        "13 people have no consent date: they will not be proposed for pairs until consent "
        "is recorded."
    )
    assert consent_note(0) == ""
    i18n.set_language("de")
    assert consent_note(1) == (
        "1 Person hat kein Einwilligungsdatum: Sie wird erst für Tandems vorgeschlagen, "
        "wenn die Einwilligung erfasst ist."
    )


def test_a_second_import_counts_what_the_file_holds(db: Database, data_file) -> None:
    """The list has no consent column: an update keeps the date recorded since, and only
    those still without one are counted."""
    path = data_file("mitarbeiter_excel_de.csv")
    ImportSession.open(path).apply(db)
    some = [p.id for p in participants.list_participants(db)][:5]
    participants.record_consent(db, some, date(2026, 9, 1))
    again = ImportSession.open(path).apply(db)
    assert (again.updated, again.without_consent) == (13, 8)
    assert sum(1 for d in consent_of(db).values() if d) == 5


def test_the_workbook_with_a_consent_column_counts_its_empty_cells(db: Database, data_file) -> None:
    result = ImportSession.open(data_file("mitarbeiterliste.xlsx")).apply(db)
    missing = [d for d in consent_of(db).values() if d is None]
    assert result.without_consent == len(missing) >= 1


def test_consent_for_many_in_one_step_and_undone(db: Database, data_file) -> None:
    ImportSession.open(data_file("mitarbeiter_excel_de.csv")).apply(db)
    people = participants.list_participants(db)
    first = people[0]
    participants.record_consent(db, [first.id], date(2026, 8, 3))

    done = participants.record_consent(db, [p.id for p in people])  # default: today
    assert done.on == TODAY
    assert [p.id for p in done.already] == [first.id]
    assert len(done.recorded) == 12 and all(p.consent_date == TODAY for p in done.recorded)
    assert set(done.before) == {p.id for p in done.recorded}
    found = consent_of(db)
    assert found[first.personnel_number] == date(2026, 8, 3)  # kept, not overwritten
    assert sum(1 for d in found.values() if d == TODAY) == 12

    participants.set_consent_dates(db, done.before)  # the undo
    assert [p.id for p in participants.list_participants(db) if p.consent_date] == [first.id]
    participants.set_consent_dates(db, dict.fromkeys(done.before, done.on))  # the redo
    assert all(consent_of(db).values())


def test_consent_refuses_nothing_chosen_and_unknown_people(db: Database) -> None:
    anna = participants.create_participant(db, ParticipantInput("Anna & <b>Lee</b>", "Wagner"))
    with pytest.raises(ValidationError) as info:
        participants.record_consent(db, [])
    assert info.value.message == "Please choose at least one person."
    with pytest.raises(NotFoundError) as missing:
        participants.record_consent(db, [anna.id, 999])
    assert missing.value.message == "Participant 999 does not exist."
    assert participants.get_participant(db, anna.id).consent_date is None  # nothing written


def test_matching_names_who_is_left_out_for_missing_consent(db: Database, data_file) -> None:
    ImportSession.open(data_file("mitarbeiter_excel_de.csv")).apply(db)
    r = rounds.create_round(db, RoundInput("Herbst 2026", TODAY, date(2027, 2, 26))).id
    before = propose_matches(db, r)
    assert before.pairs == []
    assert len(before.no_consent) == 13
    people = participants.list_participants(db)
    participants.record_consent(db, [p.id for p in people])
    after = propose_matches(db, r)
    assert after.no_consent == [] and len(after.pairs) > 0


def test_the_consent_command(db_path: Path, data_file, capsys: pytest.CaptureFixture[str]) -> None:
    file = ["--db", str(db_path)]
    assert run([*file, "import", str(data_file("mitarbeiter_excel_de.csv"))]) == 0
    out = capsys.readouterr().out
    assert (
        "13 people have no consent date: they will not be proposed for pairs until consent "
        "is recorded." in out
    )
    assert "consent --participant ID" in out
    db = open_database(db_path)
    ids = [p.id for p in participants.list_participants(db)]
    db.close()

    assert run([*file, "consent", "--participant", str(ids[0]), str(ids[1])]) == 0
    assert capsys.readouterr().out.strip() == "Consent recorded for 2 people on 14 Sep 2026."
    args = [*file, "consent", "--participant", *map(str, ids[1:4]), "--date", "2026-09-01"]
    assert run([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"on": "2026-09-01", "recorded": ids[2:4], "already": [ids[1]]}
    assert run(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Consent recorded for 0 people on 1 Sep 2026.",
        "3 people had a consent date already and keep it.",
    ]

    assert run([*file, "consent", "--participant", "999"]) == 1
    assert capsys.readouterr().err.strip() == "Participant 999 does not exist."
    assert run([*file, "consent", "--participant", str(ids[5]), "--date", "14.09.2026"]) == 1
    assert capsys.readouterr().err.strip() == "“14.09.2026” is not a date like 2026-03-01."
    with pytest.raises(SystemExit) as usage:
        run([*file, "consent"])
    assert usage.value.code == 2
    assert run([*file, "--lang", "de", "consent", "--participant", str(ids[6])]) == 0
    assert capsys.readouterr().out.strip() == "Einwilligung für 1 Person am 14.09.2026 erfasst."
