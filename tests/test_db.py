"""Opening, creating and refusing program files; migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.db import SCHEMA_VERSION, check_file, create_database, open_database, schema_version
from app.db.backups import BEFORE_UPDATE, backup_folder, list_backups
from app.db.migrations import APPLICATION_ID, MIGRATIONS, migrate
from app.errors import FileRefusedError


def test_create_gives_a_tandem_file_at_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "new.tandem"
    db = create_database(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    for table in (
        "participants",
        "topics",
        "rounds",
        "tandems",
        "sessions",
        "agenda_items",
        "checkins",
        "private_notes",
        "settings",
        "participant_topics",
        "tandem_topics",
    ):
        assert table in db.table_names()
    db.close()
    # Closed, the program is one file: no journal or WAL left beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.tandem"]


def test_create_refuses_to_overwrite(db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(FileRefusedError, match="already exists"):
        create_database(db_path)
    assert db_path.read_bytes() == before


def test_open_missing_file_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.tandem"
    with pytest.raises(FileRefusedError, match="does not exist"):
        open_database(path)
    assert not path.exists()


def _refused_unchanged(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(FileRefusedError, match=match):
        open_database(path)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-journal").exists()


def test_empty_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.tandem"
    path.write_bytes(b"")
    _refused_unchanged(path, "empty")


def test_text_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.tandem"
    path.write_text("Vorname;Nachname\nAnna;Lee\n" * 20, encoding="utf-8")
    _refused_unchanged(path, "not a Tandem file")


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.tandem"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    _refused_unchanged(path, "another program")


def test_newer_file_is_refused_and_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused_unchanged(db_path, "newer version of Tandem")


def test_corrupt_file_is_refused_and_untouched(db_path: Path) -> None:
    db = open_database(db_path)
    db["participants"].insert_all(
        [{"first_name": f"A{i}", "last_name": "B" * 200, "role": "mentor"} for i in range(300)]
    )
    db.close()
    data = bytearray(db_path.read_bytes())
    # Keep the 100-byte header (so it still looks like ours) and scramble the pages behind it.
    for offset in range(4096 + 16, len(data), 7):
        data[offset] = (data[offset] * 31 + 7) % 256
    db_path.write_bytes(bytes(data))
    _refused_unchanged(db_path, "damaged")


def test_refusal_message_follows_the_language(tmp_path: Path) -> None:
    path = tmp_path / "empty.tandem"
    path.write_bytes(b"")
    i18n.set_language("de")
    with pytest.raises(FileRefusedError) as info:
        open_database(path)
    assert "leer" in info.value.message


def _file_at_version(path: Path, version: int) -> None:
    """A Tandem file as an older Tandem left it: migrated up to `version` only."""
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db, None, target=version)
    db.close()


def test_migrations_from_an_empty_file_and_from_every_earlier_version(tmp_path: Path) -> None:
    for start in range(0, SCHEMA_VERSION + 1):
        path = tmp_path / f"v{start}.tandem"
        _file_at_version(path, start)
        db = open_database(path)
        assert schema_version(db) == SCHEMA_VERSION
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        # A file that held data is backed up (verified, in Tandem's own data folder) first;
        # nothing is written beside the program file.
        updates = [b for b in list_backups(backup_folder(path)) if b.reason == BEFORE_UPDATE]
        assert len(updates) == (1 if 0 < start < SCHEMA_VERSION else 0)
        assert not any(".before-v" in p.name for p in tmp_path.iterdir())
        for backup in updates:
            assert check_file(backup.path) is None
            assert schema_version(Database(sqlite3.connect(backup.path))) == start


def test_a_failing_migration_leaves_the_file_at_its_version(db_path: Path, monkeypatch) -> None:
    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr("app.db.migrations.MIGRATIONS", [*MIGRATIONS, broken])
    db = open_database(db_path)
    with pytest.raises(RuntimeError):
        migrate(db, db_path, target=SCHEMA_VERSION + 1)
    assert schema_version(db) == SCHEMA_VERSION
    assert "half_done" not in db.table_names()
    db.close()


def test_deleting_an_owner_deletes_its_notes(db) -> None:
    db.execute("INSERT INTO participants (id, first_name, last_name) VALUES (1, 'A', 'B')")
    db.execute(
        "INSERT INTO private_notes (owner_kind, owner_id, nonce, ciphertext) VALUES ('participant', 1, x'00', x'01')"
    )
    db.execute("DELETE FROM participants WHERE id = 1")
    assert db.execute("SELECT count(*) FROM private_notes").fetchone()[0] == 0
