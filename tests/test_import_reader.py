"""Reading lists: encodings, delimiters, line endings, header rows, Excel cells; and the
cell parsers for dates, roles and topics."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.errors import FileRefusedError
from app.imports.columns import auto_mapping, field_for_header
from app.imports.reader import decode, detect_delimiter, read_bytes, read_file
from app.imports.rows import CellProblem, date_value, number_value, role_value, topics_value
from app.model import Role

TEXT = "Vorname;Nachname;E-Mail\r\nŁukasz;Dvořák-Şahin;l@x.de\r\nJürgen;Weiß;j@x.de\r\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("utf-16"), "UTF-16"),
        (TEXT.replace("Łukasz;Dvořák-Şahin", "René;Lefèvre").encode("cp1252"), "Windows-1252"),
    ],
)
def test_encodings_are_detected(encoded: bytes, encoding: str) -> None:
    table = read_bytes(encoded, "list.csv")
    assert table.encoding == encoding
    assert table.headers == ["Vorname", "Nachname", "E-Mail"]
    assert table.rows[1].cells == ("Jürgen", "Weiß", "j@x.de")
    assert [r.line for r in table.rows] == [2, 3]


def test_bytes_windows_1252_does_not_define_are_kept() -> None:
    text, encoding = decode(b"Vorname;Nachname\nA\x81;B\x9c\n")
    assert encoding == "Windows-1252"
    assert text.splitlines()[1] == "A\x81;Bœ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ('Name;Topics\n"Weiß, Jürgen";"a, b, c"\n"X, Y";"d, e"\n', ";"),
        ('Name,Position\nAnna,"Leiter; Nord; Süd"\nBen,"a;b;c"\n', ","),
        ("Title line\n\nVorname;Nachname;Rolle\nA;B;Mentor\nC;D;Mentee\n", ";"),
    ],
)
def test_delimiter_is_counted_outside_quotes(text: str, expected: str) -> None:
    assert detect_delimiter(text) == expected


def test_quoted_field_with_delimiter_and_line_break_keeps_line_numbers() -> None:
    data = 'Vorname;Nachname;Position\r\nA;B;"eins; zwei"\r\nC;D;"erste Zeile\r\nzweite Zeile"\r\nE;F;x\r\n'
    table = read_bytes(data.encode("utf-8"), "list.csv")
    assert [r.line for r in table.rows] == [2, 3, 5]
    assert table.rows[0].cells[2] == "eins; zwei"
    assert table.rows[1].cells[2] == "erste Zeile\r\nzweite Zeile"


def test_title_rows_and_empty_rows_in_csv() -> None:
    data = "Mitarbeiterliste 2026;;\r\n;;\r\nVorname;Name;Führungskraft\r\nA;B;\r\n;;\r\nC;D;B\r\n"
    table = read_bytes(data.encode("cp1252"), "list.csv")
    assert table.header_line == 3
    assert [r.line for r in table.rows] == [4, 6]
    assert auto_mapping(table.headers) == {0: "first_name", 1: "last_name", 2: "manager"}


def test_xlsx_numbers_dates_header_row_and_formula_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Liste der Beschäftigten"])
    sheet.append([])
    sheet.append(["Employee ID", "First name", "Surname", "Hire date", "Reports to"])
    sheet.append([1001.0, '=HYPERLINK("x")', "Lee", datetime(2020, 2, 29), None])
    sheet["B4"].data_type = "s"
    sheet.append([])
    sheet.append([1002, "Ana", "Ruiz", "2021-03-01", 1001])
    workbook.create_sheet("Notes")["A1"] = "ignore me"
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    table = read_file(path)
    assert table.kind == "xlsx" and table.header_line == 3 and table.sheet == "Sheet"
    assert [r.line for r in table.rows] == [4, 6]
    first, second = table.rows
    assert first.cells[0] == "1001" and first.cells[1] == '=HYPERLINK("x")'
    assert first.cells[3] == datetime(2020, 2, 29)
    assert second.cells[4] == "1001"
    assert len(table.notes) == 1  # only the first sheet was read


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Supervisor", "manager"),
        ("Führungskraft", "manager"),
        ("Vorgesetzte(r)", "manager"),
        ("Reports to", "manager"),
        ("Line manager", "manager"),
        ("Manager email", "manager"),
        ("Eintritt", "start_date"),
        ("Eintrittsdatum", "start_date"),
        ("Hire date", "start_date"),
        ("Pers.-Nr.", "personnel_number"),
        ("Personalnummer", "personnel_number"),
        ("Employee ID", "personnel_number"),
        ("Teilnahme als", "role"),
        ("Einwilligung am", "consent_date"),
        ("Consent date", "consent_date"),
        ("Kann vermitteln", "can_teach"),
        ("Can teach", "can_teach"),
        ("Möchte lernen", "wants_to_learn"),
        ("MÖCHTE  LERNEN", "wants_to_learn"),
        ("Wants to learn", "wants_to_learn"),
        ("E-Mail-Adresse", "email"),
        ("Name", "last_name"),
        ("Job title", "position"),
        ("Shoe size", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    assert field_for_header(header) == field


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01.04.2003", date(2003, 4, 1)),
        ("1.4.2003", date(2003, 4, 1)),
        ("2003-04-01", date(2003, 4, 1)),
        (datetime(2003, 4, 1), date(2003, 4, 1)),
        ("29.02.2024", date(2024, 2, 29)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates(cell: object, expected: date | None) -> None:
    assert date_value(cell) == expected


@pytest.mark.parametrize("cell", ["31.02.2025", "2025-13-01", "29.02.2025", "00.01.2020"])
def test_impossible_dates_are_errors(cell: str) -> None:
    with pytest.raises(CellProblem, match="There is no date"):
        date_value(cell)


@pytest.mark.parametrize("cell", ["04/01/2003", "next monday", "2003"])
def test_other_date_formats_are_errors(cell: str) -> None:
    with pytest.raises(CellProblem, match="dd.mm.yyyy"):
        date_value(cell)


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Mentor", Role.MENTOR),
        ("MENTORIN", Role.MENTOR),
        ("Mentor(in)", Role.MENTOR),
        ("mentee", Role.MENTEE),
        ("Mentor und Mentee", Role.BOTH),
        ("Mentor(in) und Mentee", Role.BOTH),
        ("mentor and mentee", Role.BOTH),
        ("beide", Role.BOTH),
        ("Both", Role.BOTH),
        ("Mentor/Mentee", Role.BOTH),
        (None, None),
    ],
)
def test_roles(cell: str | None, role: Role | None) -> None:
    assert role_value(cell) == role


@pytest.mark.parametrize("cell", ["Lehrling", "Mentor oder Coach", "x"])
def test_unknown_roles_are_errors(cell: str) -> None:
    with pytest.raises(CellProblem, match="Unknown role"):
        role_value(cell)


def test_topics_and_numbers() -> None:
    assert topics_value("Strategie, Führung; KI ,, strategie") == ("Strategie", "Führung", "KI")
    assert topics_value(None) == ()
    assert number_value(1001.0) == "1001" and number_value("0042") == "0042"


def test_a_csv_that_is_really_a_workbook_and_unknown_files(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Vorname", "Nachname"])
    workbook.active.append(["A", "B"])
    path = tmp_path / "wrong-name.csv"
    workbook.save(path)
    assert read_file(path).kind == "xlsx"
    with pytest.raises(FileRefusedError, match="does not exist"):
        read_file(tmp_path / "missing.csv")
    with pytest.raises(FileRefusedError, match="folder"):
        read_file(tmp_path)


def test_the_header_line_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Given;Family\nSurname;First\nAda;Lee\n", encoding="utf-8")
    assert read_file(path).header_line == 2  # "Surname" and "First" are recognised
    table = read_file(path, header_line=1)
    assert table.headers == ["Given", "Family"]
    assert [r.line for r in table.rows] == [2, 3]
    with pytest.raises(FileRefusedError, match="Line 9"):
        read_file(path, header_line=9)
