"""Private notes service: set-up, unlock, recovery, passphrase change, auto-lock, tampering,
owners and cascades. Real files in tmp_path; a fast (but still minimum-strength) Argon2id."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app import notes_crypto as crypto
from app.db import open_database
from app.errors import NotFoundError, ValidationError
from app.model import NoteOwnerKind
from app.services import notes
from app.services.notes import (
    NotesAlreadySetUpError,
    NotesLockedError,
    NotesNotSetUpError,
    NoteVault,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from tests.helpers.notes import NEW_PASSPHRASE, PASSPHRASE, Sleeps, make_vault, seed

ROOT = Path(__file__).resolve().parent.parent


class FakeClock:
    """Wall-clock seconds that a test moves by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def seeded(db: Database) -> Database:
    seed(db)
    return db


@pytest.fixture
def vault(seeded: Database) -> NoteVault:
    v = make_vault(seeded)
    v.setup(PASSPHRASE)
    return v


# --- set-up ---------------------------------------------------------------------------------


def test_setup_returns_a_recovery_key_once_and_unlocks(seeded: Database) -> None:
    vault = make_vault(seeded)
    assert not vault.is_set_up and not notes.is_set_up(seeded)
    recovery = vault.setup(PASSPHRASE)
    assert vault.is_set_up and vault.is_unlocked
    groups = recovery.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    # The recovery key itself is stored nowhere: not in the table, not in the file.
    stored = seeded.execute("SELECT * FROM note_keys").fetchall()
    assert {row[0] for row in stored} == {"passphrase", "recovery"}
    assert (
        recovery.encode()
        not in Path(seeded.conn.execute("PRAGMA database_list").fetchone()[2]).read_bytes()
    )
    # Parameters and salt are stored with each wrapped key.
    params = dict(seeded.execute("SELECT slot, kdf_params FROM note_keys").fetchall())
    assert (
        '"kdf": "argon2id"' in params["passphrase"]
        and '"memory_kib": 19456' in params["passphrase"]
    )
    assert '"hkdf-sha256"' in params["recovery"]


def test_setup_is_refused_when_already_set_up(vault: NoteVault, seeded: Database) -> None:
    with pytest.raises(NotesAlreadySetUpError):
        make_vault(seeded).setup("another passphrase 9")


def test_setup_writes_nothing_until_confirmed(seeded: Database) -> None:
    vault = make_vault(seeded)
    prepared = vault.prepare_setup(PASSPHRASE)
    assert prepared.recovery_key and "recovery_key" not in repr(prepared).split("(", 1)[1]
    assert not notes.is_set_up(seeded) and not vault.is_unlocked
    prepared.cancel()
    with pytest.raises(ValidationError):
        vault.complete_setup(prepared)
    assert not notes.is_set_up(seeded)
    again = vault.prepare_setup(PASSPHRASE)
    vault.complete_setup(again)
    assert vault.is_unlocked and notes.is_set_up(seeded)


def test_a_too_short_passphrase_is_refused_with_a_translated_message(seeded: Database) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as info:
        make_vault(seeded).setup("kurz")
    assert "mindestens 8 Zeichen" in info.value.message
    assert not notes.is_set_up(seeded)


def test_unlock_before_setup_says_so(seeded: Database) -> None:
    with pytest.raises(NotesNotSetUpError):
        make_vault(seeded).unlock(PASSPHRASE)


# --- unlock, wrong passphrase, recovery -----------------------------------------------------------


def test_unlock_with_the_passphrase_reads_notes_written_before(
    vault: NoteVault, seeded: Database
) -> None:
    vault.add_note(
        "participant", 2, "Sorge um Versetzung", "Möchte nicht, dass der Chef es erfährt."
    )
    vault.lock()
    fresh = make_vault(seeded)
    # Unicode normalisation: the same passphrase typed as decomposed characters still opens.
    fresh.unlock(PASSPHRASE)
    [note] = fresh.list_notes("participant", 2)
    assert (note.title, note.text, note.damaged) == (
        "Sorge um Versetzung",
        "Möchte nicht, dass der Chef es erfährt.",
        False,
    )


def test_a_passphrase_typed_in_decomposed_unicode_opens_too(seeded: Database) -> None:
    vault = make_vault(seeded)
    vault.setup("Grüße aus Köln 2026")
    vault.lock()
    vault.unlock("Gru\u0308ße aus Ko\u0308ln 2026")
    assert vault.is_unlocked


def test_wrong_passphrase_gets_a_translated_message_and_a_delay(
    vault: NoteVault, seeded: Database
) -> None:
    vault.lock()
    sleeps = Sleeps()
    other = make_vault(seeded, sleep=sleeps)
    i18n.set_language("de")
    with pytest.raises(WrongPassphraseError) as info:
        other.unlock("Lindenbaum am Brunnen 8")
    assert "Passphrase" in info.value.message and "öffnet" in info.value.message
    assert sleeps == [1.0]
    assert not other.is_unlocked
    with pytest.raises(NotesLockedError):
        other.list_notes()
    with pytest.raises(WrongPassphraseError):
        other.unlock("")
    other.unlock(PASSPHRASE)
    assert other.is_unlocked


def test_recovery_key_unlocks_and_allows_a_new_passphrase(seeded: Database) -> None:
    vault = make_vault(seeded)
    recovery = vault.setup(PASSPHRASE)
    note = vault.add_note("tandem", 1, "Grund der Auflösung", "Chemie hat nicht gestimmt.")
    vault.lock()
    forgetful = make_vault(seeded)
    # Typed sloppily: lower case, spaces instead of dashes, 0 for O and 1 for I.
    sloppy = recovery.lower().replace("-", " ").replace("o", "0").replace("i", "1")
    forgetful.unlock_with_recovery_key(sloppy)
    assert forgetful.unlocked_with_recovery_key
    assert forgetful.get_note(note.id).text == "Chemie hat nicht gestimmt."
    forgetful.change_passphrase(NEW_PASSPHRASE)
    assert not forgetful.unlocked_with_recovery_key
    forgetful.lock()
    with pytest.raises(WrongPassphraseError):
        forgetful.unlock(PASSPHRASE)
    forgetful.unlock(NEW_PASSPHRASE)
    # The recovery key keeps working after a passphrase change.
    forgetful.lock()
    forgetful.unlock_with_recovery_key(recovery)
    assert forgetful.list_notes()[0].title == "Grund der Auflösung"


def test_a_mistyped_recovery_key_is_caught_by_its_checksum(
    vault: NoteVault, seeded: Database
) -> None:
    recovery_ok = crypto.new_recovery_key()
    letters = list(recovery_ok)
    letters[5] = "B" if letters[5] != "B" else "C"
    sleeps = Sleeps()
    other = make_vault(seeded, sleep=sleeps)
    for typo in ("".join(letters), recovery_ok[:-5], "hello"):
        with pytest.raises(ValidationError) as info:
            other.unlock_with_recovery_key(typo)
        assert info.value.field == "recovery_key"
    assert sleeps == []  # a typo costs no waiting: no key was tried
    # A well-formed key of another file is a wrong key (with the delay).
    with pytest.raises(WrongRecoveryKeyError):
        other.unlock_with_recovery_key(recovery_ok)
    assert sleeps == [1.0] and not other.is_unlocked


def test_replacing_the_recovery_key_retires_the_old_one(seeded: Database) -> None:
    vault = make_vault(seeded)
    old = vault.setup(PASSPHRASE)
    new = vault.replace_recovery_key()
    assert new != old
    vault.lock()
    with pytest.raises(WrongRecoveryKeyError):
        vault.unlock_with_recovery_key(old)
    vault.unlock_with_recovery_key(new)


def test_change_passphrase_can_check_the_current_one(vault: NoteVault) -> None:
    with pytest.raises(WrongPassphraseError):
        vault.change_passphrase(NEW_PASSPHRASE, current_passphrase="falsch falsch falsch")
    with pytest.raises(ValidationError):
        vault.change_passphrase("short")
    vault.change_passphrase(NEW_PASSPHRASE, current_passphrase=PASSPHRASE)
    vault.lock()
    vault.unlock(NEW_PASSPHRASE)


def test_change_passphrase_needs_the_notes_unlocked(vault: NoteVault) -> None:
    vault.lock()
    with pytest.raises(NotesLockedError):
        vault.change_passphrase(NEW_PASSPHRASE)


# --- a crash in the middle of a passphrase change -------------------------------------------------


def test_passphrase_change_interrupted_between_its_writes_loses_nothing(
    vault: NoteVault, seeded: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = [vault.add_note("participant", 2, f"Notiz {i}", f"Inhalt {i}") for i in range(3)]

    def crash(db: Database, wrapped: crypto.WrappedKey) -> None:
        # The old slot is already deleted inside the transaction at this point.
        assert not list(db.query("SELECT 1 FROM note_keys WHERE slot = 'passphrase'"))
        raise OSError("power cut")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(notes, "_insert_slot", crash)
        vault.change_passphrase(NEW_PASSPHRASE)
    vault.lock()
    seeded.close()

    reopened = open_database(db_path)
    try:
        fresh = make_vault(reopened)
        with pytest.raises(WrongPassphraseError):
            fresh.unlock(NEW_PASSPHRASE)
        fresh.unlock(PASSPHRASE)
        assert sorted(n.title for n in fresh.list_notes()) == sorted(n.title for n in written)
        assert not any(n.damaged for n in fresh.list_notes())
    finally:
        reopened.close()


def test_passphrase_change_killed_mid_transaction_rolls_back_from_the_journal(
    vault: NoteVault, seeded: Database, db_path: Path, tmp_path: Path
) -> None:
    """A real process dies (os._exit) between the delete and the insert of the passphrase
    slot: the hot journal it leaves behind restores the old slot when the file is reopened."""
    secret = "CANARY-7f3a-Vertraulich-ÄÖÜ bleibt lesbar"
    vault.add_note("session", 1, "Vertraulich", secret)
    vault.lock()
    seeded.close()
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from app.db import open_database
        from app import notes_crypto as crypto
        from app.services import notes
        db = open_database({str(db_path)!r})
        vault = notes.NoteVault(db, passphrase_kdf=lambda: crypto.passphrase_params(
            memory_kib=19 * 1024, iterations=2, lanes=1))
        vault.unlock({PASSPHRASE!r})
        def die(db, wrapped):
            os._exit(3)
        notes._insert_slot = die
        vault.change_passphrase({NEW_PASSPHRASE!r})
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 3, result.stderr.decode()
    journal = db_path.with_name(db_path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # the dead process left it
    for blob in (journal.read_bytes(), db_path.read_bytes()):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(encoding) not in blob
    reopened = open_database(db_path)
    try:
        fresh = make_vault(reopened)
        with pytest.raises(WrongPassphraseError):
            fresh.unlock(NEW_PASSPHRASE)
        fresh.unlock(PASSPHRASE)
        assert [n.text for n in fresh.list_notes()] == [secret]
    finally:
        reopened.close()


# --- auto-lock and the key buffer ---------------------------------------------------------------


def test_notes_lock_after_ten_idle_minutes_on_the_wall_clock(seeded: Database) -> None:
    clock = FakeClock()
    vault = make_vault(seeded, clock=clock)
    vault.setup(PASSPHRASE)
    locks: list[int] = []
    vault.add_lock_listener(lambda: locks.append(1))
    vault.add_note("participant", 2, "Titel", "Text")
    clock.now += 9 * 60
    assert vault.is_unlocked and vault.seconds_until_lock() == pytest.approx(60)
    vault.list_notes()  # use restarts the idle time
    clock.now += 9 * 60 + 59
    assert len(vault.list_notes()) == 1
    # A laptop asleep for an hour: the wall clock jumped, the next call finds the vault locked.
    clock.now += 3600
    with pytest.raises(NotesLockedError):
        vault.list_notes()
    assert not vault.is_unlocked and vault.seconds_until_lock() is None
    assert locks == [1]


def test_a_clock_set_far_back_also_locks(seeded: Database) -> None:
    clock = FakeClock()
    vault = make_vault(seeded, clock=clock)
    vault.setup(PASSPHRASE)
    clock.now -= 3600
    assert not vault.is_unlocked


def test_the_key_buffer_is_zeroed_on_lock_and_close(vault: NoteVault, seeded: Database) -> None:
    key = vault._key
    assert isinstance(key, bytearray) and len(key) == 32 and any(key)
    vault.lock()
    assert key == bytearray(32) and vault._key is None and vault._cipher is None
    vault.unlock(PASSPHRASE)
    key = vault._key
    assert key is not None and any(key)
    with vault:
        pass  # leaving the context closes the vault
    assert key == bytearray(32)


def test_every_operation_refuses_while_locked(vault: NoteVault) -> None:
    note = vault.add_note("participant", 2, "Titel", "Text")
    vault.lock()
    for call in (
        lambda: vault.list_notes(),
        lambda: vault.get_note(note.id),
        lambda: vault.add_note("participant", 2, "x", "y"),
        lambda: vault.update_note(note.id, "x", "y"),
        lambda: vault.delete_note(note.id),
        lambda: vault.replace_recovery_key(),
    ):
        with pytest.raises(NotesLockedError):
            call()
    # What can be known while locked: that notes exist.
    assert [i.id for i in notes.list_note_infos(vault.db, "participant", 2)] == [note.id]
    assert notes.count_notes(vault.db, "participant") == {2: 1}


# --- notes, owners, cascades ------------------------------------------------------------------


def test_add_edit_delete_and_counts(vault: NoteVault, seeded: Database) -> None:
    a = vault.add_note(
        NoteOwnerKind.PARTICIPANT,
        2,
        "  Erster   Eindruck ",
        "Zeile 1\r\nZeile 2\n",
        date(2026, 2, 3),
    )
    assert (a.title, a.text, a.note_date) == (
        "Erster Eindruck",
        "Zeile 1\nZeile 2",
        date(2026, 2, 3),
    )
    b = vault.add_note("tandem", 1, "Konflikt", "Terminfindung schwierig")
    vault.add_note("session", 2, "Vorbereitung", "")
    vault.add_note("participant", 2, "Zweite", "…")
    assert notes.count_notes(seeded, "participant") == {2: 2}
    assert notes.count_notes(seeded, "participant", [3]) == {}
    assert notes.count_notes(seeded, "session", [1, 2]) == {2: 1}
    edited = vault.update_note(b.id, "Konflikt gelöst", "Neuer Termin gefunden", date(2026, 3, 1))
    assert (edited.title, edited.text, edited.id) == (
        "Konflikt gelöst",
        "Neuer Termin gefunden",
        b.id,
    )
    assert [n.title for n in vault.list_notes("tandem", 1)] == ["Konflikt gelöst"]
    vault.delete_note(a.id)
    assert not notes.note_exists(seeded, a.id)
    assert len(vault.list_notes()) == 3
    with pytest.raises(NotFoundError):
        vault.delete_note(a.id)
    assert "Erster" not in repr(a) and "Zeile" not in repr(a)  # no content in reprs


def test_input_is_validated(vault: NoteVault) -> None:
    with pytest.raises(ValidationError) as info:
        vault.add_note("participant", 2, "   ", "text")
    assert info.value.field is None and "title" in info.value.errors
    with pytest.raises(ValidationError):
        vault.add_note("participant", 2, "x" * 201, "text")
    with pytest.raises(ValidationError):
        vault.add_note("participant", 2, "ok", "x" * 100_001)
    with pytest.raises(ValidationError):
        vault.add_note("manager", 2, "ok", "text")
    for kind in ("participant", "tandem", "session"):
        with pytest.raises(NotFoundError):
            vault.add_note(kind, 999, "ok", "text")
    assert notes.list_note_infos(vault.db) == []


def test_deleting_an_owner_deletes_its_notes_down_the_cascade(
    vault: NoteVault, seeded: Database
) -> None:
    from app.services import participants, sessions, tandems

    vault.add_note("participant", 3, "P3", "x")
    vault.add_note("tandem", 1, "T1", "x")
    vault.add_note("session", 1, "S1", "x")
    vault.add_note("session", 2, "S2", "x")
    kept = vault.add_note("participant", 2, "P2", "x")

    sessions.delete_session(seeded, 2)
    assert notes.count_notes(seeded, "session") == {1: 1}
    participants.delete_participant(seeded, 3)
    assert notes.count_notes(seeded, "participant") == {2: 1}
    # Deleting the tandem deletes its sessions (foreign key cascade), and so their notes too.
    tandems.delete_tandem(seeded, 1)
    assert [n.id for n in vault.list_notes()] == [kept.id]


def test_passphrase_strength_hint_is_translated(vault: NoteVault) -> None:
    assert notes.passphrase_strength("abc").level == 0
    assert not notes.passphrase_strength("abc").acceptable
    assert notes.passphrase_strength("aaaaaaaaaaaa").level == 1
    assert notes.passphrase_strength("Kaffee&Kuchen2026").level >= 3
    assert notes.passphrase_strength("der Zug nach Hamburg fährt um neun").level == 4
    i18n.set_language("de")
    weak = notes.passphrase_strength("abcdefgh")
    assert weak.label == "Stärke: schwach" and "Satz" in weak.hint
    assert notes.owner_label("session") == "Treffen"


def test_setup_can_check_the_recovery_key_typed_back(seeded: Database) -> None:
    prepared = make_vault(seeded).prepare_setup(PASSPHRASE)
    assert prepared.matches(prepared.recovery_key.lower().replace("-", " "))
    assert not prepared.matches(crypto.new_recovery_key())
    assert not prepared.matches("")
    prepared.cancel()


def test_recovery_sheet_to_print_or_save(tmp_path: Path, seeded: Database) -> None:
    recovery = make_vault(seeded).setup(PASSPHRASE)
    i18n.set_language("de")
    sheet = notes.recovery_sheet(recovery, "Programm 2026.tandem", date(2026, 3, 1))
    assert recovery in sheet and "Programm 2026.tandem" in sheet and "01.03.2026" in sheet
    assert "auch nicht die Hersteller" in sheet
    target = notes.save_recovery_sheet(tmp_path / "Wiederherstellung.txt", recovery, "x.tandem")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and recovery.encode() in data
    with pytest.raises(ValidationError):
        notes.save_recovery_sheet(target, recovery, "x.tandem")  # never overwrites
    assert target.read_bytes() == data
