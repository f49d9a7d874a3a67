"""The demo file's private notes: a few realistic notes under the passphrase `demo`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.db import create_database, open_database
from app.demo import generate_demo
from app.demo_notes import DEMO_PASSPHRASE, add_demo_notes
from app.model import NoteOwnerKind
from app.services import notes
from app.services.notes import WrongPassphraseError
from tests.helpers.notes import NEW_PASSPHRASE, assert_no_canary, make_vault

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo(tmp_path: Path):
    path = tmp_path / "demo.tandem"
    create_database(path).close()
    db = open_database(path)
    generate_demo(db, today=TODAY)
    yield db
    db.close()


def test_the_demo_holds_notes_on_people_tandems_and_a_meeting(demo: Database) -> None:
    assert notes.is_set_up(demo)
    assert notes.demo_passphrase_hint(demo) == "demo"
    infos = notes.list_note_infos(demo)
    assert 5 <= len(infos) <= 8
    assert {i.owner_kind for i in infos} == set(NoteOwnerKind)
    vault = make_vault(demo)
    with pytest.raises(WrongPassphraseError):
        vault.unlock("Demo")
    vault.unlock(DEMO_PASSPHRASE)
    listed = vault.list_notes()
    assert not any(n.damaged for n in listed)
    assert all(
        n.title and len(n.text) > 40 and n.note_date and n.note_date <= TODAY for n in listed
    )
    # Locked, only the counts are visible: the "notes, locked" badges have something to show.
    vault.lock()
    assert sum(notes.count_notes(demo, "tandem").values()) >= 2
    # None of the note texts shows in the file.
    raw = Path(demo.conn.execute("PRAGMA database_list").fetchone()[2]).read_bytes()
    for note in listed:
        assert_no_canary(raw, "the demo file", canary=note.title)


def test_demo_notes_are_in_german_in_a_german_demo(tmp_path: Path) -> None:
    i18n.set_language("de")
    path = tmp_path / "demo.tandem"
    create_database(path).close()
    db = open_database(path)
    try:
        generate_demo(db, today=TODAY)
        vault = make_vault(db)
        vault.unlock(DEMO_PASSPHRASE)
        titles = {n.title for n in vault.list_notes()}
        assert "Im Vertrauen gesagt" in titles
        assert "Hintergrund der Auflösung" in titles
    finally:
        db.close()


def test_changing_the_demo_passphrase_removes_the_hint(demo: Database) -> None:
    vault = make_vault(demo)
    vault.unlock(DEMO_PASSPHRASE)
    vault.change_passphrase(NEW_PASSPHRASE)
    assert notes.demo_passphrase_hint(demo) is None
    vault.lock()
    vault.unlock(NEW_PASSPHRASE)


def test_add_demo_notes_on_a_file_without_tandems_writes_none(db: Database) -> None:
    assert add_demo_notes(db, TODAY) == 0
    assert notes.is_set_up(db) and notes.list_note_infos(db) == []
