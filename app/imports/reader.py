"""Reading an employee list: CSV (encoding and delimiter detected) or an Excel workbook
(first sheet), finding the header row below any title rows, keeping each row's line number
as the user sees it in Excel or an editor."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.errors import FileRefusedError
from app.files import os_error_message
from app.i18n import tr
from app.imports.columns import recognised_count
from app.imports.rows import strip_neutralising

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (";", ",", "\t")
HEADER_SEARCH_ROWS = 20
MAX_FILE_BYTES = 200 * 1024 * 1024

Cell = Any  # str, int, float, bool, date or datetime; None for an empty cell


@dataclass(frozen=True)
class SourceRow:
    """One data row: its line number in the file (1-based, as Excel shows it) and cells."""

    line: int
    cells: tuple[Cell, ...]

    def cell(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else None


@dataclass
class SourceTable:
    """What was read from a file: headers, data rows and how the file was understood."""

    name: str
    kind: str  # "csv" or "xlsx"
    headers: list[str]
    rows: list[SourceRow]
    header_line: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)

    def column_title(self, index: int) -> str:
        """The header of a column as written in the file (or "Column N" when it has none)."""
        text = self.headers[index] if index < len(self.headers) else ""
        return text or tr("Column {n}", n=index + 1)


def read_file(path: Path | str, header_line: int | None = None) -> SourceTable:
    """Read a CSV or Excel file. The header row is found automatically unless `header_line`
    (the file's line number) names it. Raises FileRefusedError with a message for the user
    when the file cannot be read (missing, unknown format, damaged, empty)."""
    path = Path(path)
    if not path.exists():
        raise FileRefusedError(tr("The file {name} does not exist.", name=str(path)))
    if path.is_dir():
        raise FileRefusedError(tr("{name} is a folder, not a list to import.", name=str(path)))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileRefusedError(tr("The file {name} is too large to import.", name=path.name))
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefusedError(os_error_message(exc, path, writing=False)) from exc
    return read_bytes(data, path.name, header_line)


def read_bytes(data: bytes, name: str, header_line: int | None = None) -> SourceTable:
    """Read the content of a file; the name's extension decides CSV or Excel."""
    suffix = Path(name).suffix.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if suffix in XLSX_SUFFIXES or (is_zip and suffix not in CSV_SUFFIXES):
        return read_xlsx(data, name, header_line)
    if suffix in CSV_SUFFIXES:
        if is_zip:
            return read_xlsx(data, name, header_line)
        return read_csv(data, name, header_line)
    if suffix == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileRefusedError(
            tr(
                "{name} is an old Excel file (.xls). Please save it in Excel as "
                "“Excel workbook (.xlsx)” or as CSV and import that.",
                name=name,
            )
        )
    raise FileRefusedError(
        tr(
            "{name} is not a file Tandem can import. Please use a CSV file (.csv) or an "
            "Excel workbook (.xlsx).",
            name=name,
        )
    )


# --- CSV -----------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding found: UTF-8 (with or without BOM), UTF-16
    with BOM, else Windows-1252 (bytes it does not define are read as Latin-1)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            return _decode_1252(data[3:]), "Windows-1252"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return _decode_1252(data), "Windows-1252"


def _decode_1252(data: bytes) -> str:
    return data.decode("cp1252", errors="latin1fallback")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("latin-1"), error.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _logical_lines(text: str, limit: int) -> list[dict[str, int]]:
    """Delimiter counts outside quotes for the first `limit` non-empty records."""
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quotes = False
    has_content = False
    i, n = 0, len(text)
    while i < n and len(records) < limit:
        ch = text[i]
        if ch == '"':
            in_quotes = not in_quotes
            has_content = True
        elif not in_quotes and ch in "\r\n":
            if has_content:
                records.append(counts)
            counts = dict.fromkeys(DELIMITERS, 0)
            has_content = False
        elif not in_quotes and ch in counts:
            counts[ch] += 1
            has_content = True
        elif not ch.isspace():
            has_content = True
        i += 1
    if has_content and len(records) < limit:
        records.append(counts)
    return records


def detect_delimiter(text: str) -> str:
    """`;`, `,` or tab: the one that splits the first records most consistently (counted
    outside quotes; csv.Sniffer guesses wrong on short or quoted files)."""
    records = _logical_lines(text[:200_000], 50)
    best, best_score = ";", (0, 0, 0)
    for order, delimiter in enumerate(DELIMITERS):
        counts = [record[delimiter] for record in records]
        used = [c for c in counts if c > 0]
        if not used:
            continue
        mode = max(set(used), key=used.count)
        score = (used.count(mode) + len(used), mode, -order)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, name: str, header_line: int | None = None) -> SourceTable:
    """Read a CSV file's bytes into a table."""
    text, encoding = decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = detect_delimiter(text)
    csv.field_size_limit(10_000_000)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            raw.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileRefusedError(
            tr(
                "{name} cannot be read as CSV near line {line}: {reason}",
                name=name,
                line=line,
                reason=str(exc),
            )
        ) from exc
    rows = [(number, [_csv_value(c) for c in cells]) for number, cells in raw]
    table = _table_from_rows(rows, name, "csv", header_line)
    table.encoding, table.delimiter = encoding, delimiter
    return table


def _csv_value(text: str) -> str | None:
    return strip_neutralising(text) if text.strip() else None


# --- Excel ---------------------------------------------------------------------------------


def _not_a_workbook(name: str) -> FileRefusedError:
    """The refusal of a file that openpyxl cannot read (damaged, or not really .xlsx)."""
    return FileRefusedError(
        tr(
            "{name} cannot be read as an Excel workbook (.xlsx). It may be damaged or "
            "in another format.",
            name=name,
        )
    )


def read_xlsx(data: bytes, name: str, header_line: int | None = None) -> SourceTable:
    """Read the first sheet of an Excel workbook (values, not formulas)."""
    import warnings

    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise _not_a_workbook(name) from exc
    try:
        if not workbook.worksheets:
            raise FileRefusedError(tr("{name} contains no worksheet.", name=name))
        sheet = workbook.worksheets[0]
        try:
            sheet.reset_dimensions()
        except AttributeError:
            pass
        rows: list[tuple[int, list[Cell]]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((number, [_xlsx_value(v) for v in values]))
        except FileRefusedError:
            raise
        except Exception as exc:
            raise _not_a_workbook(name) from exc
        table = _table_from_rows(rows, name, "xlsx", header_line)
        table.sheet = sheet.title
        if len(workbook.worksheets) > 1:
            table.notes.append(
                tr(
                    "Only the first sheet “{sheet}” was read; the workbook has {n} sheets.",
                    sheet=sheet.title,
                    n=len(workbook.worksheets),
                )
            )
        return table
    finally:
        workbook.close()


def _xlsx_value(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, time):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


# --- shared --------------------------------------------------------------------------------


def _is_empty(cells: list[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _table_from_rows(
    rows: list[tuple[int, list[Cell]]], name: str, kind: str, header_line: int | None = None
) -> SourceTable:
    """Find the header row (the row with the most recognised headers among the first
    non-empty rows; the first non-empty row when none is recognised) and keep the rows
    below it that are not empty."""
    filled = [(number, cells) for number, cells in rows if not _is_empty(cells)]
    if not filled:
        raise FileRefusedError(tr("{name} contains no rows.", name=name))
    header_pos, best = 0, 0
    for pos, (_number, cells) in enumerate(filled[:HEADER_SEARCH_ROWS]):
        found = recognised_count(cells)
        if found > best:
            header_pos, best = pos, found
    if header_line is not None:
        chosen = [pos for pos, (number, _cells) in enumerate(filled) if number == header_line]
        if not chosen:
            raise FileRefusedError(
                tr("Line {line} of {name} is empty or does not exist.", line=header_line, name=name)
            )
        header_pos = chosen[0]
    header_line, header_cells = filled[header_pos]
    headers = [_header_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    data = [
        SourceRow(number, tuple(cells[: max(len(headers), 1)]))
        for number, cells in filled[header_pos + 1 :]
        if not _is_empty(cells[: max(len(headers), 1)])
    ]
    return SourceTable(name=name, kind=kind, headers=headers, rows=data, header_line=header_line)


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, (datetime, date)):
        return cell.isoformat()
    return " ".join(str(cell).split())
