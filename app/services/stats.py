"""Counts over the whole file, for the overview and `stats --json`."""

from __future__ import annotations

from sqlite_utils import Database

from app.model import Stats


def get_stats(db: Database) -> Stats:
    """How many people, rounds, tandems, sessions by status and notes the file holds (people
    erased or anonymised are placeholders, not counted: the participant list hides them)."""
    row = db.execute(
        """
        SELECT
          (SELECT count(*) FROM participants WHERE anonymised_on IS NULL),
          (SELECT count(*) FROM participants
           WHERE role IN ('mentor', 'both') AND anonymised_on IS NULL),
          (SELECT count(*) FROM participants
           WHERE role IN ('mentee', 'both') AND anonymised_on IS NULL),
          (SELECT count(*) FROM rounds),
          (SELECT count(*) FROM tandems),
          (SELECT count(*) FROM sessions WHERE status = 'planned'),
          (SELECT count(*) FROM sessions WHERE status = 'held'),
          (SELECT count(*) FROM sessions WHERE status = 'cancelled'),
          (SELECT count(*) FROM private_notes)
        """
    ).fetchone()
    return Stats(*[int(v) for v in row])
