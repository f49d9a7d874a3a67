"""Export of the participant list to .xlsx and .csv: the import's columns, formula
neutralisation, and a lossless round trip (export, import into a fresh file, compare)."""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlite_utils import Database

from app import i18n
from app.db import create_database, open_database
from app.imports.columns import FIELDS, field_label
from app.imports.engine import ImportSession
from app.model import ParticipantInput, ParticipantStatus
from app.services import exports
from app.services.participants import create_participant, list_participants
from main import main
from tests.helpers.exports import TRICKY, fill, snapshot


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(("export_lang", "import_lang"), [("en", "en"), ("de", "de"), ("de", "en")])
def test_round_trip_is_lossless(
    db: Database, data_file, tmp_path: Path, suffix: str, export_lang: str, import_lang: str
) -> None:
    fill(db, data_file)
    original = snapshot(db)
    assert len(original) == 13 + 7 + 6 + 2 + len(TRICKY)
    statuses = [(v[12], v[13]) for v in original.values()]
    assert (ParticipantStatus.ALUMNI, date(2025, 6, 2)) in statuses
    assert (ParticipantStatus.LEFT, date(2025, 6, 3)) in statuses
    assert (ParticipantStatus.LEFT, None) in statuses
    i18n.set_language(export_lang)
    out = tmp_path / f"export{suffix}"
    assert exports.export_participants(db, out) == len(original)
    i18n.set_language(import_lang)
    fresh = create_database(tmp_path / "fresh.tandem")
    try:
        session = ImportSession.open(out)
        assert sorted(session.mapping.values()) == sorted(FIELDS)
        result = session.apply(fresh)
        assert result.rejected_rows == []
        assert result.imported == len(original)
        assert snapshot(fresh) == original
        assert not any(w.field in ("status", "status_date") for w in result.warnings)
        again = ImportSession.open(out).apply(fresh)
        assert (again.imported, again.updated) == (0, len(original))
        assert snapshot(fresh) == original
    finally:
        fresh.close()
    # Importing the export into the file it came from changes nothing either.
    result = ImportSession.open(out).apply(db)
    assert result.imported == 0 and snapshot(db) == original


def test_csv_format_and_neutralised_cells(db: Database, data_file, tmp_path: Path) -> None:
    fill(db, data_file)
    i18n.set_language("de")
    out = tmp_path / "liste.csv"
    exports.export_participants(db, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert text.count("\r\n") == len(list_participants(db)) + 1
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == [field_label(f) for f in FIELDS]
    assert rows[0][:3] == ["Personalnummer", "Vorname", "Nachname"]
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert not cell or cell[0] not in "=+-@\t\r", cell
    assert '\'=HYPERLINK("http://x","click")' in cells
    assert "'+49 170 1234567" in cells and "'-Minus" in cells and "'@home" in cells
    assert "''=already quoted" in cells and "'plain apostrophe" in cells
    assert "'''=two apostrophes" in cells
    assert "Anna & <b>Lee</b>" in cells
    row = next(r for r in rows if r[0] == "1002")
    assert row[1:3] == ["Jürgen", "Weiß"] and row[6] == "1001" and row[8] == "15.09.2008"
    assert rows[0][6:8] == ["Vorgesetzte(r)", "Name der/des Vorgesetzten"]
    assert row[7] == "Sabine Hoffmann"  # the manager's name beside the number
    assert row[9] == "Mentee"
    assert rows[0][-2:] == ["Status", "Status seit"] and row[-2:] == ["Aktiv", ""]
    assert [r[-2:] for r in rows if r[0] in ("T1", "T2", "T3")] == [
        ["Alumni", "02.06.2025"],
        ["Ausgeschieden", "03.06.2025"],
        ["Ausgeschieden", ""],
    ]


def test_xlsx_cells_are_never_formulas(db: Database, data_file, tmp_path: Path) -> None:
    fill(db, data_file)
    out = tmp_path / "list.xlsx"
    exports.export_participants(db, out)
    workbook = openpyxl.load_workbook(out)  # formulas would come back as formulas here
    sheet = workbook.active
    values = []
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                values.append(cell.value)
                if cell.value[:1] in ("=", "+", "-", "@"):
                    assert cell.data_type == "s" and cell.quotePrefix
    assert '=HYPERLINK("http://x","click")' in values and "=1+2" in values
    assert [c.value for c in sheet[1]] == [field_label(f) for f in FIELDS]
    assert (sheet["G1"].value, sheet["H1"].value) == ("Manager", "Manager's name")
    for column in ("I", "K", "O"):  # start, consent and status dates
        cells = [c for c in sheet[column][1:] if c.value is not None]
        assert cells and all(c.is_date for c in cells), column
    assert sheet["N1"].value == "Status" and sheet["O1"].value == "Status since"
    statuses = {row[0].value: (row[13].value, row[14].value) for row in sheet.iter_rows(min_row=2)}
    assert statuses["1002"] == ("Active", None)
    assert statuses["T1"][0] == "Alumni" and statuses["T1"][1].date() == date(2025, 6, 2)
    assert statuses["T2"][0] == statuses["T3"][0] == "Left the company"
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_private_notes_are_never_exported(db: Database, tmp_path: Path) -> None:
    person = create_participant(db, ParticipantInput("Ada", "Lee"))
    db.execute(
        "INSERT INTO private_notes (owner_kind, owner_id, nonce, ciphertext) VALUES (?, ?, ?, ?)",
        ["participant", person.id, b"n" * 12, b"TOP-SECRET-NOTE"],
    )
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"x{suffix}"
        exports.export_participants(db, out)
        data = out.read_bytes()
        if suffix == ".xlsx":
            with zipfile.ZipFile(out) as archive:
                data = b"".join(archive.read(n) for n in archive.namelist())
        assert b"TOP-SECRET" not in data and b"Ada" in data
    tree = ast.parse(Path(exports.__file__).read_text(encoding="utf-8"))
    imported = {
        getattr(node, "module", None) or alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not any("notes" in (name or "") for name in imported)


def test_export_command_line(capsys, db_path: Path, data_file, tmp_path: Path) -> None:
    db = open_database(db_path)
    try:
        ImportSession.open(data_file("mitarbeiterliste.xlsx")).apply(db)
    finally:
        db.close()
    out = tmp_path / "Teilnehmende.xlsx"
    assert main(["--db", str(db_path), "--lang", "de", "export", "participants", str(out)]) == 0
    assert "6 Teilnehmende" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "Personalnummer"
    assert "Gerhard" in [c.value for c in sheet["B"]]
    bad = tmp_path / "list.pdf"
    assert main(["--db", str(db_path), "export", "participants", str(bad)]) == 1
    assert ".xlsx or .csv" in capsys.readouterr().err
    assert not bad.exists()
    missing = tmp_path / "no-such-folder" / "x.csv"
    assert main(["--db", str(db_path), "export", "participants", str(missing)]) == 1
    assert "does not exist" in capsys.readouterr().err
