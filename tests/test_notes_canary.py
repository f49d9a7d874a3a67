"""Nothing leaks: a canary text written into private notes (by the service and by the command
line) must appear nowhere else: not in the database file, its journal, a backup copy, any SQL
handed to SQLite, the output of other commands and services, or the log folder.

`assert_no_canary` and `CANARY` (tests/helpers/notes.py) are meant for reuse by the tests of
exports, PDFs and backups.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app import notes_crypto as crypto
from app.cli import run
from app.db import open_database
from app.db.migrations import backup_before_migration
from app.services import notes
from tests.helpers.notes import CANARY, PASSPHRASE, assert_no_canary, make_vault, seed

ROOT = Path(__file__).resolve().parent.parent


def assert_folder_clean(folder: Path, canary: str = CANARY) -> int:
    """Check every file below `folder`; returns how many files were read."""
    count = 0
    for path in folder.rglob("*"):
        if path.is_file():
            assert_no_canary(path.read_bytes(), str(path), canary)
            count += 1
    return count


@pytest.fixture
def sql_trace(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the connection runs, with its parameters filled in."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    yield statements
    with contextlib.suppress(sqlite3.ProgrammingError):  # the test may have closed the file
        db.conn.set_trace_callback(None)


@pytest.fixture
def all_logs() -> Iterator[list[str]]:
    """Every log record of every logger, at DEBUG, formatted with its arguments."""
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield records
    root.removeHandler(handler)
    root.setLevel(old_level)


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def test_service_writes_leave_no_plaintext_anywhere(
    db: Database, db_path: Path, tmp_path: Path, sql_trace: list[str], all_logs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    seed(db)
    vault = make_vault(db)
    vault.setup(PASSPHRASE)

    # Look at the journal while a note is being written (inside its transaction).
    journals: list[bytes] = []
    real_encrypt = crypto.encrypt_note

    def encrypt_and_peek(*args, **kwargs):  # type: ignore[no-untyped-def]
        journal = _journal(db_path)
        if journal.exists():
            journals.append(journal.read_bytes())
        return real_encrypt(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(crypto, "encrypt_note", encrypt_and_peek)
        written = [
            vault.add_note("participant", 2, f"{CANARY} Titel", f"Text mit {CANARY}\nZeile 2"),
            vault.add_note("tandem", 1, "Auflösung", f"{CANARY} " * 50),
            vault.add_note("session", 1, CANARY, CANARY),
        ]
    assert journals, "the journal was never seen during a write"
    # Edits write the canary again, under fresh nonces.
    vault.update_note(written[0].id, f"{CANARY} neu", f"{CANARY} bearbeitet")
    # Positive control: the canary really is in the notes.
    assert all(CANARY in n.title + n.text for n in vault.list_notes())
    vault.lock()
    backup = backup_before_migration(db, db_path, 99)  # the program's own backup copy
    db.close()

    for index, journal in enumerate(journals):
        assert_no_canary(journal, f"journal snapshot {index}")
    assert_no_canary(db_path.read_bytes(), "the database file")
    assert_no_canary(backup.read_bytes(), "the backup copy")
    for number, statement in enumerate(sql_trace):
        assert_no_canary(statement, f"SQL statement {number}")
    assert len(sql_trace) > 10
    for record in all_logs:
        assert_no_canary(record, "a log record")
    assert assert_folder_clean(tmp_path) >= 1
    # The backups (verified copies of the file) live in Tandem's own data folder.
    assert backup.is_relative_to(os.environ["TANDEM_HOME"])
    assert assert_folder_clean(Path(os.environ["TANDEM_HOME"])) >= 2
    # Closed, the program is one file again: no journal lying around.
    assert not _journal(db_path).exists()


def test_deleted_and_overwritten_ciphertext_is_gone_from_the_file(
    db: Database, db_path: Path
) -> None:
    seed(db)
    vault = make_vault(db)
    vault.setup(PASSPHRASE)
    note = vault.add_note("participant", 2, CANARY, CANARY * 20)
    edited = vault.add_note("participant", 2, CANARY, CANARY * 20)
    old = [
        bytes(db.execute("SELECT ciphertext FROM private_notes WHERE id = ?", [n.id]).fetchone()[0])
        for n in (note, edited)
    ]
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    vault.delete_note(note.id)
    vault.update_note(edited.id, "neu", "neu")
    vault.lock()
    db.close()
    data = db_path.read_bytes()
    for ciphertext in old:
        assert ciphertext[:32] not in data and ciphertext[-16:] not in data


def test_command_line_output_never_shows_the_canary_unless_unlocked_list(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    all_logs: list[str], request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    from app.logging_setup import log_path, setup_logging, stop_logging

    assert setup_logging(logging.DEBUG) is not None  # the program's real log file, at DEBUG
    request.addfinalizer(stop_logging)
    logging.getLogger("tandem.test").info("log opened")  # the log file really is written
    db = open_database(db_path)
    seed(db)
    db.close()
    text_file = tmp_path / "note.txt"
    text_file.write_text(f"Gespräch vom Dienstag.\n{CANARY}\n", encoding="utf-8")
    # The text file holds the canary by design; it is removed before the folder is scanned.
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    sleeps: list[float] = []
    monkeypatch.setattr(notes.time, "sleep", sleeps.append)  # the 1 s after a wrong passphrase

    def cli(*args: str) -> tuple[int, str, str]:
        code = run(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    outputs: dict[str, tuple[int, str, str]] = {}
    outputs["add"] = cli(
        "note", "add", "--participant", "2", "--title", f"{CANARY}", "--text-file", str(text_file)
    )
    assert outputs["add"][0] == 0 and "-" in outputs["add"][1]  # the recovery key was shown
    outputs["add tandem"] = cli(
        "note", "add", "--tandem", "1", "--title", "T", "--text-file", str(text_file), "--json"
    )
    outputs["add session"] = cli(
        "--lang",
        "de",
        "note",
        "add",
        "--session",
        "1",
        "--title",
        "S",
        "--text-file",
        str(text_file),
    )
    # Unlocked listing: the one place the canary must show (positive control).
    code, out, _ = cli("note", "list", "--participant", "2", "--json")
    assert code == 0 and CANARY in out
    unlocked = json.loads(out)
    assert unlocked[0]["title"] == CANARY and CANARY in unlocked[0]["text"]

    monkeypatch.delenv("TANDEM_PASSPHRASE")
    outputs["list locked json"] = cli("note", "list", "--participant", "2", "--json")
    locked = json.loads(outputs["list locked json"][1])
    assert (
        locked
        and locked[0]["locked"] is True
        and "title" not in locked[0]
        and "text" not in locked[0]
    )
    assert set(locked[0]) == {"id", "owner_kind", "owner_id", "created_at", "updated_at", "locked"}
    outputs["list locked"] = cli("note", "list")
    assert outputs["list locked"][1].count("[locked]") == 3
    for kind in ("participants", "tandems", "sessions", "rounds"):
        outputs[f"list {kind}"] = cli("list", kind, "--json")
        outputs[f"list {kind} plain"] = cli("list", kind)
    outputs["stats"] = cli("stats", "--json")
    assert json.loads(outputs["stats"][1])["notes"] == 3
    monkeypatch.setenv("TANDEM_PASSPHRASE", "falsch falsch falsch")
    outputs["wrong passphrase"] = cli("note", "list", "--json")
    assert outputs["wrong passphrase"][0] == 1 and "passphrase" in outputs["wrong passphrase"][2]
    assert sleeps == [1.0]
    outputs["wrong delete"] = cli("note", "delete", "1")
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    outputs["delete"] = cli("note", "delete", "1")
    assert outputs["delete"][0] == 0

    for name, (_code, out, err) in outputs.items():
        assert_no_canary(out, f"stdout of {name}")
        assert_no_canary(err, f"stderr of {name}")
    for record in all_logs:
        assert_no_canary(record, "a log record")
    # A bug's traceback as the program logs it (exception hook): no content either.
    from app.logging_setup import format_traceback

    reopened = open_database(db_path)
    try:
        make_vault(reopened).unlock(CANARY)
    except notes.WrongPassphraseError as exc:
        logging.getLogger("tandem.test").error(format_traceback(type(exc), exc, exc.__traceback__))
    finally:
        reopened.close()
    stop_logging()
    assert "log opened" in log_path().read_text(encoding="utf-8")
    text_file.unlink()
    assert_no_canary(db_path.read_bytes(), "the database file")
    assert_folder_clean(tmp_path)
    assert_folder_clean(Path(os.environ["TANDEM_HOME"]))


def test_other_services_never_return_note_content(db: Database) -> None:
    from app.services import participants, rounds, sessions, settings, stats, tandems

    seed(db)
    vault = make_vault(db)
    vault.setup(PASSPHRASE)
    for kind, owner in (("participant", 2), ("tandem", 1), ("session", 1)):
        vault.add_note(kind, owner, CANARY, CANARY)
    results = [
        participants.list_participants(db),
        participants.get_participant(db, 2),
        rounds.list_rounds(db),
        tandems.list_tandems(db),
        tandems.get_tandem(db, 1),
        sessions.list_sessions(db),
        sessions.get_session(db, 1),
        stats.get_stats(db),
        settings.get_settings(db),
        notes.list_note_infos(db),
        notes.count_notes(db, "participant"),
        vault.list_notes(),  # reprs of decrypted notes leave the content out too
        vault,
    ]
    for result in results:
        assert_no_canary(repr(result), f"repr of {type(result).__name__}")


def test_only_the_notes_service_reads_the_notes_tables() -> None:
    """A structural guard: documents, exports, search and every other service reach notes only
    through app.services.notes, so no code path can put a note into a PDF or an export."""
    allowed = {
        Path("app/services/notes.py"),
        Path("app/db/migrations.py"),  # creates the tables and the delete triggers
        # Names the tables to describe them (works-council sheet, GDPR art. 15 coverage);
        # reads notes only through app.services.notes (list_note_infos, NoteVault).
        Path("app/services/privacy.py"),
        Path("app/services/processing_record.py"),
    }
    offenders = []
    for folder in ("app", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT)
            # Counting notes is harmless (the "3 notes, locked" figures); reading them is not.
            source = re.sub(
                r"count\(\*\)\s+FROM\s+private_notes",
                "",
                path.read_text(encoding="utf-8"),
                flags=re.IGNORECASE,
            )
            if relative not in allowed and ("private_notes" in source or "note_keys" in source):
                offenders.append(str(relative))
            if relative.parts[:2] in (("app", "documents"), ("app", "exports"), ("app", "imports")):
                if "services.notes" in source or "NoteVault" in source or "notes_crypto" in source:
                    offenders.append(str(relative))
    assert offenders == []


def test_a_wrong_passphrase_message_names_no_secret(db: Database) -> None:
    seed(db)
    vault = make_vault(db)
    vault.setup(PASSPHRASE)
    vault.lock()
    for lang in ("en", "de"):
        i18n.set_language(lang)
        with pytest.raises(notes.WrongPassphraseError) as info:
            vault.unlock(CANARY)
        assert_no_canary(str(info.value) + repr(info.value), "the error")
        # Raised `from None`: no chained low-level exception drags details into a report.
        assert info.value.__cause__ is None and info.value.__suppress_context__


def test_no_export_list_or_calendar_of_a_demo_file_carries_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full demo file with the canary in a note on every person, tandem and meeting, then
    every export, list and calendar the program makes today: the canary shows in none."""
    import zipfile
    from datetime import date

    from app.db import create_database
    from app.demo import generate_demo
    from app.demo_notes import DEMO_PASSPHRASE

    path = tmp_path / "demo.tandem"
    create_database(path).close()
    db = open_database(path)
    generate_demo(db, today=date(2026, 11, 22))
    vault = make_vault(db)
    vault.unlock(DEMO_PASSPHRASE)
    owners = {
        "participant": [r[0] for r in db.execute("SELECT id FROM participants").fetchall()],
        "tandem": [r[0] for r in db.execute("SELECT id FROM tandems").fetchall()],
        "session": [r[0] for r in db.execute("SELECT id FROM sessions").fetchall()],
    }
    with db.atomic():
        for kind, ids in owners.items():
            for owner_id in ids:
                vault.add_note(kind, owner_id, f"{CANARY} {kind}", f"{CANARY}\n{CANARY}")
    round_ids = [r[0] for r in db.execute("SELECT id FROM rounds").fetchall()]
    vault.close()
    db.close()

    monkeypatch.delenv("TANDEM_PASSPHRASE", raising=False)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    commands = [
        ["export", "participants", str(out_dir / "people.csv")],
        ["export", "participants", str(out_dir / "people.xlsx")],
        ["stats", "--json"],
        ["note", "list", "--json"],
        *[["list", kind, "--json"] for kind in ("participants", "rounds", "tandems", "sessions")],
        *[["ics", "--round", str(r), str(out_dir / f"round-{r}.ics")] for r in round_ids],
        *[["match", "--round", str(r), "--json"] for r in round_ids],
    ]
    for command in commands:
        code = run(["--db", str(path), *command])
        out, err = capsys.readouterr()
        assert code in (0, 1), command  # matching may refuse a finished round; that is fine
        if command[0] == "stats":  # every canary note is really in the file
            assert json.loads(out)["notes"] == sum(len(ids) for ids in owners.values()) + 6
        assert_no_canary(out, f"stdout of {command}")
        assert_no_canary(err, f"stderr of {command}")
    written = sorted(p.name for p in out_dir.iterdir())
    # The running round's calendar; the finished round has no meeting left to send.
    assert "people.csv" in written and "people.xlsx" in written and "round-2.ics" in written
    with zipfile.ZipFile(out_dir / "people.xlsx") as workbook:
        for member in workbook.namelist():
            assert_no_canary(workbook.read(member), f"people.xlsx:{member}")
    assert_folder_clean(tmp_path)
    assert_folder_clean(Path(os.environ["TANDEM_HOME"]))
