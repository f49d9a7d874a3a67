"""The three sample lists import exactly as shared/samples/README.md says, through the
engine and through the command line; importing again updates and doubles nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.db import open_database
from app.imports.engine import ImportSession
from app.services.participants import list_participants
from main import main
from tests.helpers.import_samples import check_english_csv, check_german_csv_people, check_workbook


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys: pytest.CaptureFixture[str], db_path: Path, *args: object) -> dict:
    code, out, err = run_cli(capsys, "--db", db_path, "import", *args, "--json")
    assert code == 0, err
    return json.loads(out)


# --- mitarbeiter_excel_de.csv --------------------------------------------------------------


def check_german_csv_summary(summary: dict) -> None:
    assert summary["imported"] == 13
    assert summary["updated"] == 0
    assert set(summary) == {"imported", "updated", "rejected", "warnings"}
    rejected = {item["line"]: item["errors"] for item in summary["rejected"]}
    assert sorted(rejected) == [14, 15, 16]
    assert len(rejected[14]) == 1
    assert "Personalnummer" in rejected[14][0] and "1005" in rejected[14][0]
    assert "appears twice" in rejected[14][0] and "line 6" in rejected[14][0]
    assert rejected[15] == ["Column “Eintrittsdatum”: There is no date 31.02.2025."]
    assert len(rejected[16]) == 2
    assert any("“E-Mail”" in e and "not a valid e-mail" in e for e in rejected[16])
    assert any("“Rolle”" in e and "Lehrling" in e for e in rejected[16])
    warnings = summary["warnings"]
    assert [w["line"] for w in warnings] == [15]
    assert "“Vorgesetzte(r)”" in warnings[0]["message"] and "9999" in warnings[0]["message"]


def test_german_csv_through_the_engine(db: Database, data_file) -> None:
    session = ImportSession.open(data_file("mitarbeiter_excel_de.csv"))
    assert session.source.encoding == "Windows-1252"
    assert session.source.delimiter == ";"
    preview = session.preview(db)
    assert (preview.new_count, preview.update_count, len(preview.rejected_rows)) == (13, 0, 3)
    assert list_participants(db) == []  # a preview writes nothing
    check_german_csv_summary(preview.summary())
    result = session.apply(db)
    check_german_csv_summary(result.summary())
    check_german_csv_people(db)


def test_german_csv_through_the_command_line(capsys, db_path: Path, data_file) -> None:
    path = data_file("mitarbeiter_excel_de.csv")
    check_german_csv_summary(cli_json(capsys, db_path, path))
    db = open_database(db_path)
    try:
        check_german_csv_people(db)
    finally:
        db.close()
    again = cli_json(capsys, db_path, path)
    assert again["imported"] == 0 and again["updated"] == 13
    assert [item["line"] for item in again["rejected"]] == [14, 15, 16]
    db = open_database(db_path)
    try:
        assert len(list_participants(db)) == 13
        topics = db.execute("SELECT count(*) FROM topics").fetchone()[0]
        links = db.execute("SELECT count(*) FROM participant_topics").fetchone()[0]
    finally:
        db.close()
    cli_json(capsys, db_path, path)
    db = open_database(db_path)
    try:
        assert db.execute("SELECT count(*) FROM topics").fetchone()[0] == topics
        assert db.execute("SELECT count(*) FROM participant_topics").fetchone()[0] == links
    finally:
        db.close()


def test_readable_report_names_line_column_and_reason(capsys, db_path, data_file) -> None:
    code, out, _err = run_cli(
        capsys, "--db", db_path, "import", data_file("mitarbeiter_excel_de.csv")
    )
    assert code == 0
    assert "13 added, 0 updated, 3 rejected" in out
    assert "Line 15: Column “Eintrittsdatum”: There is no date 31.02.2025." in out
    assert "Line 14:" in out and "Line 16:" in out
    assert "Windows-1252" in out


def test_german_messages_with_lang_de(capsys, db_path, data_file) -> None:
    code, out, err = run_cli(
        capsys, "--db", db_path, "--lang", "de", "import",
        data_file("mitarbeiter_excel_de.csv"), "--json",
    )  # fmt: skip
    assert code == 0, err
    summary = json.loads(out)
    rejected = {item["line"]: item["errors"] for item in summary["rejected"]}
    assert rejected[15] == ["Spalte „Eintrittsdatum“: Das Datum 31.02.2025 gibt es nicht."]
    assert "doppelt" in rejected[14][0]
    assert any("keine gültige E-Mail-Adresse" in e for e in rejected[16])
    assert any("Unbekannte Rolle „Lehrling“" in e for e in rejected[16])
    assert "ohne Vorgesetzte" in summary["warnings"][0]["message"]
    code, out, _ = run_cli(
        capsys, "--db", db_path, "--lang", "de", "import",
        data_file("mitarbeiter_excel_de.csv"), "--dry-run",
    )  # fmt: skip
    assert "Zeile 15: Spalte „Eintrittsdatum“" in out
    assert "Probelauf" in out


# --- employees_utf8_bom.csv ----------------------------------------------------------------


def test_english_csv_through_engine_and_cli(capsys, db_path, data_file, tmp_path) -> None:
    path = data_file("employees_utf8_bom.csv")
    db = open_database(db_path)
    try:
        session = ImportSession.open(path)
        assert session.source.encoding == "UTF-8" and session.source.delimiter == ","
        result = session.apply(db)
        assert (result.imported, result.updated, result.summary()["rejected"]) == (7, 0, [])
        check_english_csv(db)
    finally:
        db.close()
    other = tmp_path / "other.tandem"
    assert main(["--db", str(other), "init"]) == 0
    capsys.readouterr()
    summary = cli_json(capsys, other, path)
    assert summary == {"imported": 7, "updated": 0, "rejected": [], "warnings": []}
    db = open_database(other)
    try:
        check_english_csv(db)
    finally:
        db.close()
    again = cli_json(capsys, other, path)
    assert (again["imported"], again["updated"]) == (0, 7)


# --- mitarbeiterliste.xlsx -----------------------------------------------------------------


def test_workbook_through_engine_and_cli(capsys, db_path, data_file, tmp_path) -> None:
    path = data_file("mitarbeiterliste.xlsx")
    session = ImportSession.open(path)
    assert session.source.header_line == 3
    assert [r.line for r in session.source.rows] == [4, 5, 6, 7, 9, 10]
    db = open_database(db_path)
    try:
        preview = session.preview(db)
        assert (preview.new_count, preview.rejected_rows) == (6, [])
        assert [w.line for w in preview.warnings] == [7]  # Sophie: no consent date
        assert "consent" in preview.warnings[0].message
        session.apply(db)
        check_workbook(db)
    finally:
        db.close()
    other = tmp_path / "other.tandem"
    main(["--db", str(other), "init"])
    capsys.readouterr()
    summary = cli_json(capsys, other, path)
    assert (summary["imported"], summary["updated"], summary["rejected"]) == (6, 0, [])
    again = cli_json(capsys, other, path)
    assert (again["imported"], again["updated"], again["rejected"]) == (0, 6, [])
    db = open_database(other)
    try:
        check_workbook(db)
    finally:
        db.close()


def test_all_three_samples_into_one_file(capsys, db_path, data_file) -> None:
    for name in ("mitarbeiter_excel_de.csv", "employees_utf8_bom.csv", "mitarbeiterliste.xlsx"):
        cli_json(capsys, db_path, data_file(name))
    for name in ("mitarbeiter_excel_de.csv", "employees_utf8_bom.csv", "mitarbeiterliste.xlsx"):
        summary = cli_json(capsys, db_path, data_file(name))
        assert summary["imported"] == 0
    db = open_database(db_path)
    try:
        assert len(list_participants(db)) == 13 + 7 + 6
    finally:
        db.close()


# --- dry run, --map, files that cannot be read ---------------------------------------------


def test_dry_run_writes_nothing(capsys, db_path, data_file) -> None:
    before = db_path.read_bytes()
    summary = cli_json(capsys, db_path, data_file("mitarbeiter_excel_de.csv"), "--dry-run")
    assert summary["imported"] == 13 and len(summary["rejected"]) == 3
    assert db_path.read_bytes() == before


def test_map_reads_an_unrecognised_header(capsys, db_path, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Rufname;Kürzel;Sonstiges\r\nAda;Lovelace;x\r\nAlan;Turing;y\r\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "--db", db_path, "import", path, "--json")
    assert code == 1 and out == ""
    assert "Last name" in err and "“Kürzel”" in err and "--map" in err
    summary = cli_json(capsys, db_path, path, "--map", "Kürzel=last_name")
    assert summary["imported"] == 2
    db = open_database(db_path)
    try:
        assert {p.name for p in list_participants(db)} == {"Ada Lovelace", "Alan Turing"}
    finally:
        db.close()


def test_map_with_unknown_field_or_header(capsys, db_path, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Vorname;Nachname\nAda;Lovelace\n", encoding="utf-8")
    code, _out, err = run_cli(capsys, "--db", db_path, "import", path, "--map", "X=shoe_size")
    assert code == 2 and "personnel_number" in err
    code, _out, err = run_cli(capsys, "--db", db_path, "import", path, "--map", "X=email")
    assert code == 1 and "“X”" in err and "“Vorname”" in err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("list.pdf", b"%PDF-1.4", "CSV"),
        ("list.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, ".xlsx"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "Excel"),
        ("empty.csv", b"", "no rows"),
    ],
)
def test_files_that_cannot_be_read_exit_1(capsys, db_path, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    before = db_path.read_bytes()
    code, out, err = run_cli(capsys, "--db", db_path, "import", path, "--json")
    assert code == 1 and out == ""
    assert expected in err
    assert db_path.read_bytes() == before


def test_missing_file_exits_1(capsys, db_path, tmp_path) -> None:
    code, _out, err = run_cli(capsys, "--db", db_path, "import", tmp_path / "nope.csv")
    assert code == 1 and "nope.csv" in err


def test_a_real_process_with_exit_codes(db_path: Path, data_file, tmp_path: Path) -> None:
    """The command as the user types it, in its own process (exit code, UTF-8 output)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, str(root / "main.py"), "--db", str(db_path), "import"]
    done = subprocess.run(
        [*command, str(data_file("employees_utf8_bom.csv")), "--json"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    summary = json.loads(done.stdout.decode("utf-8"))
    assert summary == {"imported": 7, "updated": 0, "rejected": [], "warnings": []}
    done = subprocess.run(
        [*command, str(tmp_path / "missing.xlsx")], capture_output=True, timeout=60
    )
    assert done.returncode == 1 and b"missing.xlsx" in done.stderr


def test_preview_values_for_display(db: Database, data_file) -> None:
    from app import i18n
    from app.imports.engine import display_value

    preview = ImportSession.open(data_file("mitarbeiterliste.xlsx")).preview(db)
    row = preview.rows[4]
    assert row.line == 9 and row.name == "Mehmet Arslan" and row.manager_name == "Gerhard Vogel"
    i18n.set_language("de")
    assert display_value("start_date", row.values["start_date"]) == "01.10.2025"
    assert display_value("role", row.values["role"]) == "Mentor(in) und Mentee"
    assert display_value("manager", row.values["manager"]) == "2001"
