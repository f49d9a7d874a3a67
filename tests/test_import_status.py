"""Participant status (active / alumni / left the company) and its date in an import: the
column headers and words in German and English, an unknown status as an error, a status date
on an active person as a warning, re-imports that change a status only where the list has
the column, and the command line's --map."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.cli import build_parser
from app.imports.columns import FIELDS, field_for_header, field_label
from app.imports.engine import NEW, REJECTED, UPDATE, ImportSession, display_value
from app.imports.rows import CellProblem, status_value
from app.model import ParticipantInput, ParticipantStatus
from app.services.participants import create_participant, list_participants
from main import main

ACTIVE, ALUMNI, LEFT = ParticipantStatus.ACTIVE, ParticipantStatus.ALUMNI, ParticipantStatus.LEFT


def write_csv(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def statuses(db: Database) -> dict[str, tuple[ParticipantStatus, date | None]]:
    """Status and status date by e-mail address."""
    return {p.email: (p.status, p.status_date) for p in list_participants(db)}


@pytest.mark.parametrize(
    "header",
    [
        "Status",
        "Teilnahmestatus",
        "Beschäftigungsstatus",
        "Employment status",
        "STATUS",
        "Participant status",
    ],
)
def test_status_headers(header: str) -> None:
    assert field_for_header(header) == "status"


@pytest.mark.parametrize(
    "header",
    [
        "Status seit",
        "Ausgeschieden am",
        "Austrittsdatum",
        "Leaving date",
        "Status date",
        "Left on",
        "Status since",
        "Austritt am",
    ],
)
def test_status_date_headers(header: str) -> None:
    assert field_for_header(header) == "status_date"


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("aktiv", ACTIVE),
        ("AKTIV", ACTIVE),
        ("Active", ACTIVE),
        (" active ", ACTIVE),
        ("Alumni", ALUMNI),
        ("alumna", ALUMNI),
        ("ALUMNUS", ALUMNI),
        ("Alumna/Alumnus", ALUMNI),
        ("Alumni/ae", ALUMNI),
        ("ausgeschieden", LEFT),
        ("Ausgeschieden", LEFT),
        ("left", LEFT),
        ("Left the company", LEFT),
        ("LEFT  THE  COMPANY.", LEFT),
        ("hat das Unternehmen verlassen", LEFT),
        ("Hat das Unternehmen verlassen", LEFT),
        ("", None),
        (None, None),
        ("   ", None),
    ],
)
def test_status_words_in_either_language(cell: str | None, expected, language: str) -> None:
    i18n.set_language(language)
    assert status_value(cell) == expected


@pytest.mark.parametrize("cell", ["pensioniert", "aktiv/ausgeschieden", "x", "Mentor", "1"])
def test_other_words_are_not_a_status(cell: str) -> None:
    with pytest.raises(CellProblem) as caught:
        status_value(cell)
    assert f"“{cell}”" in caught.value.message


def test_the_words_an_export_writes_are_read_in_both_languages() -> None:
    for export_language in ("en", "de"):
        i18n.set_language(export_language)
        shown = {s: display_value("status", s) for s in ParticipantStatus}
        for import_language in ("en", "de"):
            i18n.set_language(import_language)
            assert {s: status_value(word) for s, word in shown.items()} == {
                s: s for s in ParticipantStatus
            }
    i18n.set_language("de")
    assert [field_label("status"), field_label("status_date")] == ["Status", "Status seit"]
    assert display_value("status", LEFT) == "Ausgeschieden"


def test_statuses_and_dates_are_imported(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Teilnahmestatus;Ausgeschieden am\n"
        "Ada;Aktiv;ada@x.de;aktiv;\n"
        "Bob;Alumnus;bob@x.de;Alumnus;2025-06-30\n"
        "Cem;Weg;cem@x.de;hat das Unternehmen verlassen;31.03.2026\n"
        "Dan;Ohne;dan@x.de;;\n"
        "Eva;Left;eva@x.de;LEFT;\n",
    )
    session = ImportSession.open(path)
    assert session.mapping[3] == "status" and session.mapping[4] == "status_date"
    result = session.apply(db)
    assert result.imported == 5 and result.rejected_rows == [] and result.warnings == []
    assert statuses(db) == {
        "ada@x.de": (ACTIVE, None),
        "bob@x.de": (ALUMNI, date(2025, 6, 30)),
        "cem@x.de": (LEFT, date(2026, 3, 31)),
        "dan@x.de": (ACTIVE, None),
        "eva@x.de": (LEFT, None),
    }


@pytest.mark.parametrize("language", ["en", "de"])
def test_an_unknown_status_rejects_the_row_naming_line_column_and_value(
    db: Database, tmp_path: Path, language: str
) -> None:
    i18n.set_language(language)
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Beschäftigungsstatus\n"
        "Ada;Lee;ada@x.de;aktiv\n"
        "Bob;Ray;bob@x.de;pensioniert\n",
    )
    result = ImportSession.open(path).apply(db)
    assert [r.action for r in result.rows] == [NEW, REJECTED]
    (problem,) = result.rows[1].errors
    assert (problem.line, problem.column, problem.field) == (3, "Beschäftigungsstatus", "status")
    if language == "en":
        assert problem.full_text == (
            "Line 3: Column “Beschäftigungsstatus”: Unknown status “pensioniert”. Please write "
            "active, alumni or left the company (aktiv, Alumni, ausgeschieden)."
        )
    else:
        assert problem.full_text.startswith(
            "Zeile 3: Spalte „Beschäftigungsstatus“: Unbekannter Status „pensioniert“."
        )
    assert [p.email for p in list_participants(db)] == ["ada@x.de"]


def test_an_impossible_status_date_is_an_error(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Status;Austrittsdatum\n"
        "Ada;Lee;ada@x.de;ausgeschieden;31.02.2025\n"
        "Bob;Ray;bob@x.de;ausgeschieden;im März\n"
        "Cem;Kaya;cem@x.de;ausgeschieden;28.02.2025\n",
    )
    preview = ImportSession.open(path).preview(db)
    assert [r.action for r in preview.rows] == [REJECTED, REJECTED, NEW]
    assert preview.rows[0].errors[0].full_text == (
        "Line 2: Column “Austrittsdatum”: There is no date 31.02.2025."
    )
    assert preview.rows[1].errors[0].column == "Austrittsdatum"
    assert "“im März” is not a date" in preview.rows[1].errors[0].message
    assert preview.rows[2].values["status_date"] == date(2025, 2, 28)


def test_a_status_date_on_an_active_person_is_a_warning_and_ignored(
    db: Database, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Status;Status seit\n"
        "Ada;Lee;ada@x.de;Active;01.03.2025\n"
        "Bob;Ray;bob@x.de;;2025-04-01\n"
        "Cem;Kaya;cem@x.de;Alumni;2025-04-01\n",
    )
    result = ImportSession.open(path).apply(db)
    assert result.imported == 3 and result.rejected_rows == []
    assert [(w.line, w.column, w.field) for w in result.warnings] == [
        (2, "Status seit", "status_date"),
        (3, "Status seit", "status_date"),
    ]
    assert result.warnings[0].full_text == (
        "Line 2: Column “Status seit”: The person is active, so the status date 1 Mar 2025 "
        "is ignored."
    )
    assert statuses(db) == {
        "ada@x.de": (ACTIVE, None),
        "bob@x.de": (ACTIVE, None),
        "cem@x.de": (ALUMNI, date(2025, 4, 1)),
    }
    i18n.set_language("de")
    again = ImportSession.open(path).preview(db)
    assert [r.action for r in again.rows] == [UPDATE] * 3
    assert again.warnings[0].full_text == (
        "Zeile 2: Spalte „Status seit“: Die Person ist aktiv, daher wird das Statusdatum "
        "01.03.2025 nicht übernommen."
    )


def test_a_reimport_changes_the_status_only_where_the_list_has_the_column(
    db: Database, tmp_path: Path
) -> None:
    create_participant(
        db,
        ParticipantInput(
            "Ada", "Lee", email="ada@x.de", status=LEFT, status_date=date(2025, 5, 31)
        ),
    )
    create_participant(
        db,
        ParticipantInput(
            "Bob", "Ray", email="bob@x.de", status=ALUMNI, status_date=date(2024, 12, 1)
        ),
    )
    before = statuses(db)

    # No status columns: a list from payroll updates the department, the status stays.
    plain = write_csv(tmp_path, "Vorname;Nachname;E-Mail;Abteilung\nAda;Lee;ada@x.de;IT\n", "a.csv")
    assert ImportSession.open(plain).apply(db).updated == 1
    assert statuses(db) == before

    # A status column without a date column: an empty cell keeps the status and its date;
    # a changed status drops the date of the old one.
    status_only = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Status\nAda;Lee;ada@x.de;\nBob;Ray;bob@x.de;ausgeschieden\n",
        "b.csv",
    )
    result = ImportSession.open(status_only).apply(db)
    assert result.updated == 2 and result.warnings == []
    assert statuses(db) == {"ada@x.de": before["ada@x.de"], "bob@x.de": (LEFT, None)}

    # A status-date column alone sets the date of a person who is not active.
    date_only = write_csv(
        tmp_path, "Vorname;Nachname;E-Mail;Leaving date\nBob;Ray;bob@x.de;2026-01-15\n", "c.csv"
    )
    ImportSession.open(date_only).apply(db)
    assert statuses(db)["bob@x.de"] == (LEFT, date(2026, 1, 15))

    # Back to active: the date goes with the old status.
    active = write_csv(
        tmp_path, "Vorname;Nachname;E-Mail;Status\nAda;Lee;ada@x.de;aktiv\n", "d.csv"
    )
    ImportSession.open(active).apply(db)
    assert statuses(db)["ada@x.de"] == (ACTIVE, None)
    assert statuses(db)["bob@x.de"] == (LEFT, date(2026, 1, 15))


@pytest.mark.parametrize(
    "name", ["mitarbeiter_excel_de.csv", "employees_utf8_bom.csv", "mitarbeiterliste.xlsx"]
)
def test_the_samples_have_no_status_column_and_everyone_is_active(
    db: Database, data_file, name: str
) -> None:
    session = ImportSession.open(data_file(name))
    assert not {"status", "status_date"} & set(session.mapping.values())
    result = session.apply(db)
    assert result.imported > 0
    assert {(p.status, p.status_date) for p in list_participants(db)} == {(ACTIVE, None)}


def test_command_line_maps_status_columns_and_keeps_the_json_shape(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        "Vorname;Nachname;E-Mail;Zustand;Weg seit\n"
        "Ada;Lee;ada@x.de;Alumna;2025-07-01\n"
        "Bob;Ray;bob@x.de;pensioniert;\n"
        "Cem;Kaya;cem@x.de;aktiv;2025-07-01\n",
    )
    args = ["--db", str(db_path), "import", str(path), "--json"]
    assert main([*args, "--map", "Zustand=status", "--map", "Weg seit=status_date"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "imported": 2,
        "updated": 0,
        "rejected": [
            {
                "line": 3,
                "errors": [
                    "Column “Zustand”: Unknown status “pensioniert”. Please write active, "
                    "alumni or left the company (aktiv, Alumni, ausgeschieden)."
                ],
            }
        ],
        "warnings": [
            {
                "line": 4,
                "message": "Column “Weg seit”: The person is active, so the status date "
                "1 Jul 2025 is ignored.",
            }
        ],
    }
    from app.db import open_database

    db = open_database(db_path)
    try:
        assert statuses(db) == {
            "ada@x.de": (ALUMNI, date(2025, 7, 1)),
            "cem@x.de": (ACTIVE, None),
        }
    finally:
        db.close()


def test_command_line_help_and_map_errors_name_the_status_fields(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    assert FIELDS[-2:] == ("status", "status_date")
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "personnel_number, first_name, last_name, email, department, position, manager, "
        "start_date, role, consent_date, can_teach, wants_to_learn, status, status_date" in text
    )
    path = write_csv(tmp_path, "Vorname;Nachname;X\nAda;Lee;y\n")
    assert main(["--db", str(db_path), "import", str(path), "--map", "X=state"]) == 2
    assert "status, status_date" in capsys.readouterr().err
