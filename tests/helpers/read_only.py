"""Reading a program file behind Tandem's back: read-only SQLite, for checks in tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def first_value(path: Path, sql: str) -> object:
    """The first column of the first row of `sql`, read from `path` without writing to it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def people_in(path: Path) -> int:
    """How many participants the program file holds."""
    return int(first_value(path, "SELECT count(*) FROM participants"))  # type: ignore[arg-type]


def integrity(path: Path) -> str:
    """SQLite's integrity check of the file ('ok' when sound)."""
    return str(first_value(path, "PRAGMA integrity_check"))
