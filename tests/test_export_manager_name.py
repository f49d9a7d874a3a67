"""Scene 7: the export names each person's manager beside the manager's personnel number, and
an import still reads the number (a list with only the names works too)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from app.db import create_database
from app.imports.engine import ImportSession, manager_reference
from app.model import ParticipantInput, Role
from app.services import exports
from app.services.participants import create_participant, list_participants


def _people(db: Database) -> dict[str, int]:
    boss = create_participant(
        db, ParticipantInput("Sabine", "Hoffmann", personnel_number="1001", role=Role.MENTEE,
                             consent_date=date(2026, 1, 5)),
    )  # fmt: skip
    twin = create_participant(
        db, ParticipantInput("Sabine", "Hoffmann", email="s.hoffmann2@example.com",
                             role=Role.MENTEE),
    )  # fmt: skip
    finn = create_participant(
        db, ParticipantInput("Finn", "Ali", personnel_number="1002", manager_id=boss.id),
    )  # fmt: skip
    mia = create_participant(db, ParticipantInput("Mia", "Berg", manager_id=twin.id))
    return {"boss": boss.id, "twin": twin.id, "finn": finn.id, "mia": mia.id}


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_manager_s_name_stands_beside_the_number_and_the_number_is_read_back(
    db: Database, tmp_path: Path
) -> None:
    ids = _people(db)
    out = tmp_path / "list.csv"
    exports.export_participants(db, out)
    by_name = {(r["First name"], r["Last name"], r["Email"]): r for r in _rows(out)}
    finn = by_name[("Finn", "Ali", "")]
    assert (finn["Manager"], finn["Manager's name"]) == ("1001", "Sabine Hoffmann")
    mia = by_name[("Mia", "Berg", "")]  # a manager without a number: the e-mail, and the name
    assert (mia["Manager"], mia["Manager's name"]) == ("s.hoffmann2@example.com", "Sabine Hoffmann")

    # Two people share the name: the import follows the number or e-mail, not the name.
    fresh = create_database(tmp_path / "fresh.tandem")
    try:
        session = ImportSession.open(out)
        assert "manager_name" in session.mapping.values()
        result = session.apply(fresh)
        assert result.rejected_rows == [] and not [w for w in result.warnings
                                                     if w.field == "manager"]  # fmt: skip
        people = {p.name + (p.email or ""): p for p in list_participants(fresh)}
        assert people["Finn Ali"].manager_id == people["Sabine Hoffmann"].id
        twin = people["Sabine Hoffmanns.hoffmann2@example.com"]
        assert people["Mia Berg"].manager_id == twin.id
    finally:
        fresh.close()
    assert len(list_participants(db)) == len(ids)  # the export changed nothing in the file


def test_a_list_with_only_the_managers_names_still_links_them(tmp_path: Path) -> None:
    source = tmp_path / "names.csv"
    source.write_text(
        "Vorname;Nachname;Name der Führungskraft\r\n"
        "Sabine;Hoffmann;\r\n"
        "Finn;Ali;Sabine Hoffmann\r\n",
        encoding="utf-8",
    )
    fresh = create_database(tmp_path / "fresh.tandem")
    try:
        session = ImportSession.open(source)
        assert sorted(session.mapping.values()) == ["first_name", "last_name", "manager_name"]
        session.apply(fresh)
        people = {p.name: p for p in list_participants(fresh)}
        assert people["Finn Ali"].manager_id == people["Sabine Hoffmann"].id
    finally:
        fresh.close()


def test_the_manager_column_is_the_reference_when_both_are_there() -> None:
    assert manager_reference({0: "first_name", 3: "manager", 4: "manager_name"}) == {
        0: "first_name",
        3: "manager",
    }
    assert manager_reference({0: "first_name", 4: "manager_name"}) == {
        0: "first_name",
        4: "manager",
    }
    assert manager_reference({0: "first_name"}) == {0: "first_name"}
