"""The import engine: identity and updates, manager references, cycles, progress, cancel
and crash leaving the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from app.db import open_database
from app.errors import ValidationError
from app.imports.engine import NEW, REJECTED, UPDATE, ImportCancelled, ImportSession
from app.model import ParticipantInput, Role
from app.services.participants import create_participant, list_participants


def write_csv(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def by_email(db: Database) -> dict[str, object]:
    return {p.email: p for p in list_participants(db)}


def test_managers_later_in_the_file_by_number_email_and_name(db: Database, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Vorgesetzte(r)\n"
        "Ada;Report;ada@x.de;boss@x.de\n"
        "Bob;Report;bob@x.de;Carla Boss\n"
        "Dan;Report;dan@x.de;boss, carla\n"
        "Carla;Boss;boss@x.de;\n",
    )
    result = ImportSession.open(path).apply(db)
    assert result.imported == 4 and result.warnings == []
    found = by_email(db)
    boss = found["boss@x.de"].id
    assert {found[e].manager_id for e in ("ada@x.de", "bob@x.de", "dan@x.de")} == {boss}


def test_manager_found_in_the_database(db: Database, tmp_path) -> None:
    boss = create_participant(db, ParticipantInput("Carla", "Boss", personnel_number="77"))
    path = write_csv(tmp_path, "Pers.-Nr.;Vorname;Nachname;Supervisor\n1;Ada;Report;77\n")
    ImportSession.open(path).apply(db)
    ada = next(p for p in list_participants(db) if p.first_name == "Ada")
    assert ada.manager_id == boss.id


def test_unknown_and_ambiguous_managers_are_warnings(db: Database, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Reports to\n"
        "Ann;Lee;a@x.de;Nobody Here\n"
        "Sam;Lee;s1@x.de;\n"
        "Sam;Lee;s2@x.de;\n"
        "Tom;Ray;t@x.de;Sam Lee\n",
    )
    preview = ImportSession.open(path).preview(db)
    assert [r.action for r in preview.rows] == [NEW] * 4
    warnings = {w.line: w for w in preview.warnings}
    assert sorted(warnings) == [2, 5]
    assert "Nobody Here" in warnings[2].message and warnings[2].column == "Reports to"
    assert "several people" in warnings[5].message


def test_a_manager_cycle_is_broken_with_an_explanation(db: Database, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        "Personalnummer;Vorname;Nachname;Führungskraft\n"
        "1;Ada;One;3\n"
        "2;Bob;Two;1\n"
        "3;Cem;Three;2\n"
        "4;Dan;Four;4\n",
    )
    result = ImportSession.open(path).apply(db)
    assert result.imported == 4
    warnings = {w.line: w.message for w in result.warnings}
    assert sorted(warnings) == [4, 5]
    assert "circle" in warnings[4] and "Ada One" in warnings[4] and "Cem Three" in warnings[4]
    assert "own manager" in warnings[5]
    people = {p.personnel_number: p for p in list_participants(db)}
    ids = {n: p.id for n, p in people.items()}
    assert people["1"].manager_id == ids["3"]
    assert people["2"].manager_id == ids["1"]
    assert people["3"].manager_id is None  # the last link of the circle is dropped
    assert people["4"].manager_id is None


def test_a_cycle_through_the_database(db: Database, tmp_path) -> None:
    first = write_csv(tmp_path, "Personalnummer;Vorname;Nachname;Führungskraft\n1;A;A;\n2;B;B;1\n")
    ImportSession.open(first).apply(db)
    second = write_csv(
        tmp_path, "Personalnummer;Vorname;Nachname;Führungskraft\n1;A;A;2\n", "second.csv"
    )
    result = ImportSession.open(second).apply(db)
    assert result.updated == 1
    assert "circle" in result.warnings[0].message
    people = {p.personnel_number: p for p in list_participants(db)}
    assert people["1"].manager_id is None and people["2"].manager_id == people["1"].id


def test_identity_by_email_without_number_column(db: Database, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        "First name;Last name;Email;Department\n"
        "Ada;Lee;ADA@x.de;IT\n"
        "Bob;Ray;bob@x.de;Sales\n"
        "Bobby;Ray;Bob@X.de;Sales\n",
    )
    preview = ImportSession.open(path).preview(db)
    assert [r.action for r in preview.rows] == [NEW, NEW, REJECTED]
    assert "appears twice" in preview.rows[2].errors[0].message
    assert preview.rows[2].errors[0].column == "Email"
    ImportSession.open(path).apply(db)
    changed = write_csv(
        tmp_path, "First name;Last name;Email;Department\nAda;Lee-Smith;ada@X.DE;HR\n", "b.csv"
    )
    result = ImportSession.open(changed).apply(db)
    assert (result.imported, result.updated) == (0, 1)
    ada = by_email(db)["ada@X.DE"]
    assert (ada.last_name, ada.department) == ("Lee-Smith", "HR")
    assert len(list_participants(db)) == 2


def test_update_keeps_what_the_file_does_not_have(db: Database, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        "Personalnummer;Vorname;Nachname;Abteilung;Rolle;Kann vermitteln\n"
        "1;Ada;Lee;IT;Mentor;TikTok, Canva\n",
    )
    ImportSession.open(path).apply(db)
    smaller = write_csv(tmp_path, "Personalnummer;Vorname;Nachname;Rolle\n1;Ada;Lee;\n", "s.csv")
    result = ImportSession.open(smaller).apply(db)
    assert result.updated == 1
    ada = list_participants(db)[0]
    assert ada.department == "IT" and ada.role is Role.MENTOR
    assert set(ada.can_teach) == {"TikTok", "Canva"}


def test_email_of_someone_else_is_an_error(db: Database, tmp_path) -> None:
    create_participant(db, ParticipantInput("Carla", "Boss", personnel_number="9", email="c@x.de"))
    path = write_csv(tmp_path, "Personalnummer;Vorname;Nachname;E-Mail\n1;Ada;Lee;C@x.de\n")
    preview = ImportSession.open(path).preview(db)
    assert preview.rows[0].action == REJECTED
    assert preview.rows[0].errors[0].message == (
        "The e-mail address C@x.de already belongs to Carla Boss."
    )


def test_missing_names_and_german_topic_names(db: Database, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        'Vorname;Nachname;Möchte lernen\n;Lee;KI-Werkzeuge\nBen;;x\nCem;Ok;"ki-werkzeuge; Neues Thema"\n',
    )
    preview = ImportSession.open(path).preview(db)
    assert [r.action for r in preview.rows] == [REJECTED, REJECTED, NEW]
    assert preview.rows[0].errors[0].column == "Vorname"
    assert preview.rows[1].errors[0].column == "Nachname"
    ImportSession.open(path).apply(db)
    cem = list_participants(db)[0]
    assert set(cem.wants_to_learn) == {"AI tools", "Neues Thema"}  # the built-in topic


def test_rows_without_number_or_email_are_not_doubled(db: Database, tmp_path) -> None:
    path = write_csv(tmp_path, "Vorname;Nachname;Abteilung\nAnna & <b>Lee</b>;Nguyễn;IT\n")
    ImportSession.open(path).apply(db)
    result = ImportSession.open(path).apply(db)
    assert (result.imported, result.updated) == (0, 1)
    (person,) = list_participants(db)
    assert person.first_name == "Anna & <b>Lee</b>" and person.last_name == "Nguyễn"


def test_manual_mapping(db: Database, tmp_path) -> None:
    path = write_csv(tmp_path, "Given;Family;Mail\nAda;Lee;ada@x.de\n")
    session = ImportSession.open(path)
    assert session.mapping == {2: "email"}
    assert "First name" in session.mapping_problems()[0]
    session.set_column(0, "first_name")
    session.set_column(1, "last_name")
    session.set_column(2, "email")
    assert session.mapping_problems() == []
    session.set_column(1, "first_name")  # a field moves to the column chosen last
    assert session.mapping == {1: "first_name", 2: "email"}
    session.set_column(0, "first_name")
    session.set_column(1, "last_name")
    with pytest.raises(ValidationError):
        session.set_column(0, "shoe_size")
    assert session.apply(db).imported == 1


def test_progress_is_reported(db: Database, tmp_path) -> None:
    lines = "".join(f"{i};P{i};Q{i}\n" for i in range(1200))
    path = write_csv(tmp_path, "Personalnummer;Vorname;Nachname\n" + lines)
    seen: list[tuple[int, int]] = []
    ImportSession.open(path).apply(db, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 1200) and seen[-1] == (1200, 1200)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 3


def _big_list(tmp_path: Path) -> Path:
    lines = "".join(
        f"{i};Vor{i};Nach{i};p{i}@x.de;{i // 10 if i > 9 else ''};Neu{i % 7}\n" for i in range(2000)
    )
    return write_csv(
        tmp_path, "Personalnummer;Vorname;Nachname;E-Mail;Vorgesetzte(r);Kann vermitteln\n" + lines
    )


def test_cancel_midway_leaves_the_file_unchanged(db_path: Path, tmp_path) -> None:
    db = open_database(db_path)
    create_participant(db, ParticipantInput("Already", "There", personnel_number="5"))
    db.close()
    before = db_path.read_bytes()
    session = ImportSession.open(_big_list(tmp_path))
    db = open_database(db_path)
    calls: list[int] = []
    try:
        with pytest.raises(ImportCancelled) as caught:
            session.apply(
                db,
                progress=lambda done, total: calls.append(done),
                is_cancelled=lambda: len(calls) >= 3,
            )
        assert "Nothing was written" in caught.value.message
        assert 0 < calls[-1] < 2000  # it stopped midway
        assert [p.name for p in list_participants(db)] == ["Already There"]
    finally:
        db.close()
    assert db_path.read_bytes() == before


def test_a_crash_midway_leaves_the_file_unchanged(db_path: Path, tmp_path) -> None:
    before = db_path.read_bytes()
    session = ImportSession.open(_big_list(tmp_path))

    def explode(done: int, total: int) -> None:
        if done >= 1000:
            raise RuntimeError("power cut")

    db = open_database(db_path)
    try:
        with pytest.raises(RuntimeError):
            session.apply(db, progress=explode)
        assert list_participants(db) == []
    finally:
        db.close()
    assert db_path.read_bytes() == before
    db = open_database(db_path)
    try:
        result = session.apply(db)
        assert result.imported == 2000
        topics = db.execute("SELECT count(*) FROM topics WHERE name LIKE 'Neu%'").fetchone()[0]
        assert topics == 7
    finally:
        db.close()


def test_preview_marks_new_and_update(db: Database, tmp_path) -> None:
    create_participant(db, ParticipantInput("Ada", "Lee", personnel_number="1"))
    create_participant(db, ParticipantInput("Cem", "Old", personnel_number="3"))
    path = write_csv(tmp_path, "Personalnummer;Vorname;Nachname\n1;Ada;Lee\n2;Bob;Ray\n3;Cem;New\n")
    preview = ImportSession.open(path).preview(db)
    assert [(r.line, r.action, r.name) for r in preview.rows] == [
        (2, UPDATE, "Ada Lee"),
        (3, NEW, "Bob Ray"),
        (4, UPDATE, "Cem New"),
    ]
    assert preview.rows[0].existing_id is not None and preview.rows[0].warnings == []
    (warning,) = preview.warnings
    assert warning.line == 4 and warning.column == "Nachname"
    assert warning.message == "Cem Old is already in the program: the name changes to Cem New."


def test_apply_on_a_worker_thread_with_its_own_connection(db_path: Path, tmp_path) -> None:
    """The wizard's pattern: preview on one connection, write on a worker thread with its
    own connection, cancel from the other thread."""
    import threading

    session = ImportSession.open(_big_list(tmp_path))
    db = open_database(db_path)
    try:
        assert session.preview(db).new_count == 2000
    finally:
        db.close()
    before = db_path.read_bytes()
    cancel = threading.Event()
    outcome: dict[str, object] = {}

    def work() -> None:
        worker_db = open_database(db_path)
        try:
            outcome["result"] = session.apply(
                worker_db,
                progress=lambda done, total: cancel.set() if done >= 500 else None,
                is_cancelled=cancel.is_set,
            )
        except ImportCancelled as stopped:
            outcome["cancelled"] = stopped.message
        finally:
            worker_db.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert "cancelled" in outcome and db_path.read_bytes() == before
    cancel.clear()
    thread = threading.Thread(
        target=lambda: outcome.update(done=_apply_in_thread(session, db_path))
    )
    thread.start()
    thread.join(30)
    assert outcome["done"] == 2000


def _apply_in_thread(session: ImportSession, db_path: Path) -> int:
    worker_db = open_database(db_path)
    try:
        return session.apply(worker_db).imported
    finally:
        worker_db.close()
