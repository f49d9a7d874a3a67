"""Property test: random bytes, random encodings and random cells (CSV text and Excel
workbooks) give a report or a clear refusal, never a crash, and never a broken file."""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db import create_database
from app.errors import TandemError
from app.imports.engine import ImportSession
from app.imports.reader import read_bytes

HEADERS = [
    "Personalnummer", "Pers.-Nr.", "Employee ID", "Vorname", "First name", "Nachname", "Name",
    "E-Mail", "Email", "Abteilung", "Position", "Vorgesetzte(r)", "Reports to", "Eintritt",
    "Hire date", "Rolle", "Teilnahme als", "Einwilligung am", "Kann vermitteln",
    "Möchte lernen", "Sonstiges", "",
]  # fmt: skip
WORDS = [
    "1001", "1002", "1003", "Anna & <b>Lee</b>", "Łukasz", "Dvořák", "Şükrü", "Nguyễn", "Соколов",
    "a@x.de", "A@X.DE", "kein-at", "31.02.2025", "01.04.2003", "2003-04-01", "Mentor",
    "Mentorin", "beide", "both", "Lehrling", "KI-Werkzeuge, TikTok", "x; y", "=HYPERLINK(1)",
    "'=1+1", "-", "", " ", '"', "\r\n", "\t",
]  # fmt: skip
SETTINGS = settings(
    max_examples=35,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def import_and_check(data: bytes, name: str) -> None:
    """Read, preview and write into a fresh file: a report or a TandemError, nothing else."""
    try:
        table = read_bytes(data, name)
    except TandemError as refused:
        assert refused.message
        return
    session = ImportSession(table)
    with tempfile.TemporaryDirectory() as folder:
        db = create_database(Path(folder) / "p.tandem")
        try:
            try:
                preview = session.preview(db)
            except TandemError as refused:
                assert refused.message and session.mapping_problems()
                return
            for row in preview.rows:
                assert row.line > table.header_line
                for problem in row.errors + row.warnings:
                    assert problem.message and problem.line == row.line
            result = session.apply(db)
            assert result.imported == preview.new_count
            assert len(result.rejected_rows) == len(preview.rejected_rows)
            count = db.execute("SELECT count(*) FROM participants").fetchone()[0]
            assert count == result.imported
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            db.close()


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from(["list.csv", "list.xlsx", "list.txt"]))
def test_random_bytes(data: bytes, name: str) -> None:
    import_and_check(data, name)


cell_text = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))


@SETTINGS
@given(
    headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(cell_text, max_size=9), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
    newline=st.sampled_from(["\r\n", "\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
    title=st.booleans(),
)
def test_random_csv_text(headers, rows, delimiter, newline, encoding, title) -> None:
    def quote(cell: str) -> str:
        if any(ch in cell for ch in (delimiter, '"', "\r", "\n")):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    lines = (["Mitarbeiterliste", ""] if title else []) + [
        delimiter.join(quote(c) for c in row) for row in [headers, *rows]
    ]
    data = newline.join(lines).encode(encoding, errors="replace")
    import_and_check(data, "list.csv")


xlsx_cell = st.one_of(
    st.none(),
    cell_text,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


@SETTINGS
@given(
    headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(xlsx_cell, max_size=9), max_size=8),
    title_rows=st.integers(min_value=0, max_value=3),
)
def test_random_workbooks(headers, rows, title_rows) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for _ in range(title_rows):
        sheet.append(["Liste"])
    sheet.append(headers)
    for row in rows:
        clean_row = []
        for value in row:
            if isinstance(value, str):
                # openpyxl refuses control characters that XML cannot hold
                value = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
            clean_row.append(value)
        sheet.append(clean_row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # keep "=..." as text, like a typed cell
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_and_check(buffer.getvalue(), "list.xlsx")
