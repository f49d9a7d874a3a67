"""Settings of the anonymous reports, kept in the file's settings table.

`summary_threshold`: the minimum group size of the annual summary and the factsheet. Figures
about fewer people are suppressed. It starts at 5 and can be raised (a works agreement may ask
for more) but never set below 5.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.services.suppression import MIN_THRESHOLD, check_threshold

THRESHOLD_KEY = "summary_threshold"


def summary_threshold(db: Database) -> int:
    """The minimum group size for anonymous reports (5 unless raised)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [THRESHOLD_KEY]).fetchone()
    try:
        stored = int(row[0]) if row and row[0] is not None else MIN_THRESHOLD
    except ValueError:
        stored = MIN_THRESHOLD
    return max(MIN_THRESHOLD, stored)  # a file edited by hand never goes below 5


def set_summary_threshold(db: Database, value: int | str) -> int:
    """Store the minimum group size; ValidationError (translated) below 5. Returns it."""
    number = check_threshold(value)
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [THRESHOLD_KEY, str(number)],
        )
    return number
