"""Export of the participant list to Excel (.xlsx) and CSV (UTF-8 with BOM, `;`, CRLF),
with exactly the columns the import reads, so an export can be imported again unchanged.

Cells that a spreadsheet would run as a formula are neutralised. Private notes are never
exported: nothing here reads them."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.files import write_atomically
from app.i18n import format_date, language, tr
from app.imports.columns import FIELDS, field_label
from app.imports.rows import needs_neutralising
from app.labels import label, topic_label
from app.services.participants import list_participants

EXPORT_SUFFIXES = (".csv", ".xlsx")
TOPIC_SEPARATOR = "; "


def neutralise(text: str) -> str:
    """A CSV cell that no spreadsheet runs: a leading apostrophe where needed."""
    return "'" + text if needs_neutralising(text) else text


def export_table(db: Database) -> tuple[list[str], list[list[Any]]]:
    """The export's headers (in the current language) and one row per participant; dates
    stay `date` objects, empty cells are None."""
    people = list_participants(db)
    by_id = {p.id: p for p in people}
    rows: list[list[Any]] = []
    for p in people:
        manager = by_id.get(p.manager_id) if p.manager_id else None
        reference = None
        if manager is not None:
            reference = manager.personnel_number or manager.email or manager.name
        values = {
            "personnel_number": p.personnel_number,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "email": p.email,
            "department": p.department,
            "position": p.position,
            "manager": reference,
            "manager_name": manager.name if manager is not None else None,
            "start_date": p.start_date,
            "role": label(p.role),
            "consent_date": p.consent_date,
            "can_teach": TOPIC_SEPARATOR.join(topic_label(t) for t in p.can_teach) or None,
            "wants_to_learn": TOPIC_SEPARATOR.join(topic_label(t) for t in p.wants_to_learn)
            or None,
            "status": label(p.status),
            "status_date": p.status_date,
        }
        rows.append([values[name] for name in FIELDS])
    return [field_label(name) for name in FIELDS], rows


def export_participants(db: Database, path: Path | str) -> int:
    """Write the participant list to `path` (.csv or .xlsx); returns the number of people.
    The file appears complete or not at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ValidationError(
            tr("Please choose a file name ending in .xlsx or .csv."), field="path"
        )
    headers, rows = export_table(db)
    data = _xlsx_bytes(headers, rows) if suffix == ".xlsx" else _csv_bytes(headers, rows)
    write_atomically(path, data)
    return len(rows)


def _csv_bytes(headers: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        # German lists write dates as Excel shows them there; English ones in ISO, which
        # every program reads (and the import reads back).
        return format_date(value) if language() == "de" else value.isoformat()
    return neutralise(str(value))


def _xlsx_bytes(headers: list[str], rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    date_format = "DD.MM.YYYY" if language() == "de" else "YYYY-MM-DD"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = tr("Participants")[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = date_format
            else:
                text = str(value)
                cell.value = text
                # Always a text cell: never a formula, a number or a date guessed from text.
                cell.data_type = "s"
                if needs_neutralising(text):
                    cell.quotePrefix = True
    widths = [len(h) for h in headers]
    for row in rows[:200]:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], min(len(str(value)), 40))
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
