"""Values typed on the command line (dates), read with the messages the other commands give:
a bad value is the user's error (exit code 1), not bad usage."""

from __future__ import annotations

from datetime import date

from app.errors import ValidationError
from app.i18n import tr


def parse_day(value: str | None, field: str) -> date | None:
    """A date written YYYY-MM-DD (None stays None); ValidationError naming `field` otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            tr("“{value}” is not a date like 2026-03-01.", value=value), field=field
        ) from exc
