"""What the program file's schema holds, read from the file itself (sqlite_master and the
table pragmas), so the privacy service and the works-council sheet follow the real schema
instead of a copy of it that could drift."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class Column:
    """One column of a table, as SQLite declares it."""

    table: str
    name: str
    type: str
    not_null: bool
    primary_key: bool


@dataclass(frozen=True)
class ForeignKey:
    """`table.column` refers to `ref_table.ref_column`."""

    table: str
    column: str
    ref_table: str
    ref_column: str


def table_names(db: Database) -> list[str]:
    """Every table of the file (SQLite's own tables left out), sorted."""
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def columns(db: Database, table: str) -> list[Column]:
    """The columns of one table, in declaration order."""
    rows = db.execute('SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [table])
    return [Column(table, name, kind or "", bool(nn), bool(pk)) for name, kind, nn, pk in rows]


def foreign_keys(db: Database, table: str | None = None) -> list[ForeignKey]:
    """The foreign keys of one table, or of every table."""
    tables = [table] if table is not None else table_names(db)
    found = []
    for name in tables:
        for row in db.execute(
            'SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)', [name]
        ):
            found.append(ForeignKey(name, row[0], row[1], row[2] or "id"))
    return found


def tables_referring_to(db: Database, target: str) -> dict[str, list[ForeignKey]]:
    """Tables that refer to `target` directly or through other tables (the target's own
    self-references left out): table -> its foreign keys to `target` or to such tables."""
    links = [fk for fk in foreign_keys(db) if fk.table != fk.ref_table and fk.table != target]
    reached: dict[str, list[ForeignKey]] = {}
    queue, seen = [target], {target}
    while queue:
        current = queue.pop(0)
        for fk in links:
            if fk.ref_table != current:
                continue
            if fk not in reached.setdefault(fk.table, []):
                reached[fk.table].append(fk)
            if fk.table not in seen:
                seen.add(fk.table)
                queue.append(fk.table)
    return reached
