"""Small helpers shared by the services: dates in and out of the file, text cleaning,
e-mail validation, looking up rows, parameter marks for `IN (...)`."""

from __future__ import annotations

import re
from collections.abc import Sized
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from app.errors import NotFoundError, ValidationError
from app.i18n import tr

EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")


def today() -> date:
    """Today's date: the one place every default "today" comes from, so tests (and the
    demo) can fix the day by patching `app.services.common.today`. Call it as
    `common.today()`; `from app.services.common import today` binds the unpatched function."""
    return date.today()


def clean(text: str | None) -> str | None:
    """Trim a text; empty becomes None."""
    if text is None:
        return None
    text = " ".join(str(text).split()) if "\n" not in str(text) else str(text).strip()
    return text or None


def is_valid_email(email: str) -> bool:
    """A plausible e-mail address (one @, a dot in the domain, no spaces)."""
    return bool(EMAIL_RE.match(email))


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (the month's last day where it is
    shorter: 31 January + 1 month is 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def to_iso(value: date | datetime | None) -> str | None:
    """A date as stored in the file: `2026-03-01`, a datetime as `2026-03-01T14:00`."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def parse_date(value: str | None) -> date | None:
    """A stored ISO date back to a date."""
    return date.fromisoformat(value[:10]) if value else None


def parse_datetime(value: str | None) -> datetime | None:
    """A stored ISO date-time back to a datetime."""
    return datetime.fromisoformat(value) if value else None


def marks(values: Sized) -> str:
    """One SQL parameter mark per value, comma-separated, for `IN (...)`: '?,?,?'."""
    return ",".join("?" * len(values))


def require_row(db: Database, table: str, row_id: int, what: str) -> dict[str, Any]:
    """The row with that id, or NotFoundError naming `what` (already translated)."""
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
    if not rows:
        raise NotFoundError(tr("{what} {id} does not exist.", what=what, id=row_id))
    return rows[0]


def check_range(value: int, low: int, high: int, field: str, label: str) -> None:
    """Raise ValidationError unless low <= value <= high."""
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            tr("{label} must be between {low} and {high}.", label=label, low=low, high=high),
            field=field,
        )
