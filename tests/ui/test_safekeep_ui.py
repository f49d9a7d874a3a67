"""Safe keeping in the window: File → Backups… lists the backups with date, reason and size,
backs up now, restores one (what the file held is backed up first), saves a copy elsewhere
and opens one read-only; a file another Tandem holds offers the newest backup read-only; a
damaged file offers the newest backup in its place and is kept aside untouched; a file in a
synchronised folder is moved to Documents when the user agrees; new files start there."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app import user_prefs
from app.db.backups import BEFORE_RESTORE, MANUAL, backup_folder, format_size, list_backups
from app.errors import StorageError
from app.model import RoundInput
from app.services import rounds
from tests.conftest import STORAGE_MESSAGES, AnotherTandem
from tests.ui.conftest import make_window
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.safekeep.backups_dialog import MADE, REASON, SIZE, BackupsDialog


def open_backups(window: MainWindow) -> BackupsDialog:
    """File → Backups…, as a click on the menu does."""
    (action,) = [a for a in window.registered_actions if a.text() == "&Backups…"]
    action.trigger()
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, BackupsDialog)]
    return dialog


def rows_of(dialog: BackupsDialog) -> list[tuple[str, str, str]]:
    table = dialog.table
    return [
        tuple(table.item(r, c).text() for c in (MADE, REASON, SIZE))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def round_names(window: MainWindow) -> list[str]:
    assert window.context.db is not None
    return [r.name for r in rounds.list_rounds(window.context.db)]


def test_the_list_shows_date_reason_and_size_and_backs_up_now(
    qtbot, program_file: Path, contexts: list[AppContext]
) -> None:
    window = make_window(qtbot, program_file, contexts)
    dialog = open_backups(window)
    found = list_backups(backup_folder(program_file))
    assert [b.reason for b in found] == ["closed"]  # made when the seeded file was closed
    assert rows_of(dialog) == [
        (
            f"{found[0].made_at.day} {found[0].made_at.strftime('%b %Y %H:%M')}",
            "when the file was closed after changes",
            format_size(found[0].size),
        )
    ]
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert [row[1] for row in rows_of(dialog)] == [
        "made by hand",
        "when the file was closed after changes",
    ]
    assert list_backups(backup_folder(program_file))[0].reason == MANUAL
    dialog.close()


def test_restore_backs_up_the_file_first_and_the_window_shows_the_backup(
    qtbot, program_file: Path, contexts: list[AppContext], answers
) -> None:
    window = make_window(qtbot, program_file, contexts)
    assert window.context.db is not None
    rounds.create_round(
        window.context.db, RoundInput("Herbst 2026", date(2026, 9, 1), date(2027, 2, 28))
    )
    view = window.show_view("rounds")
    assert view.model.rowCount() == 3  # type: ignore[attr-defined]
    dialog = open_backups(window)
    dialog.table.selectRow(0)  # the backup made when the seeded file was closed
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert answers["texts"][0].startswith("Put the backup from ")
    assert answers["texts"][1].startswith("The backup from ")
    assert sorted(round_names(window)) == ["Pilot 2025", "Round 2026"]
    view = window.show_view("rounds")
    assert view.model.rowCount() == 2  # type: ignore[attr-defined]
    first = next(b for b in list_backups(backup_folder(program_file)) if b.reason == BEFORE_RESTORE)
    conn = sqlite3.connect(first.path)
    assert conn.execute("SELECT count(*) FROM rounds").fetchone() == (3,)
    conn.close()
    assert [row[1] for row in rows_of(dialog)][0] == "before a backup was restored"
    dialog.close()


def test_save_a_copy_writes_the_backup_where_the_user_chose(
    qtbot, program_file: Path, contexts: list[AppContext], answers, save_dialog, tmp_path: Path
) -> None:
    window = make_window(qtbot, program_file, contexts)
    dialog = open_backups(window)
    target = tmp_path / "Kopie für Łukasz"
    save_dialog.answer = (str(target), "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_name(target.name + ".tandem")
    assert saved.read_bytes() == dialog.backups[0].path.read_bytes()
    assert answers["texts"] == [f"The copy is saved as {saved}."]
    dialog.close()


def test_a_backup_opens_read_only_in_the_window(
    qtbot, program_file: Path, contexts: list[AppContext], answers
) -> None:
    window = make_window(qtbot, program_file, contexts)
    dialog = open_backups(window)
    backup = dialog.backups[0]
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    context = window.context
    assert context.is_read_only and context.path is not None
    assert context.path.name == backup.path.name
    assert window.windowTitle() == f"{backup.path.name} (read-only) – Tandem"
    assert sorted(round_names(window)) == ["Pilot 2025", "Round 2026"]
    assert context.db is not None
    with pytest.raises(StorageError) as info:
        rounds.create_round(context.db, RoundInput("Neu", date(2026, 9, 1), date(2027, 2, 28)))
    assert info.value.message.startswith(f"The file {backup.path.name} is read-only")
    other = AnotherTandem(program_file)  # the program file itself is free again
    other.kill()


def test_a_file_another_tandem_holds_offers_the_newest_backup_read_only(
    qtbot, program_file: Path, contexts: list[AppContext], answers, monkeypatch
) -> None:
    from app.db import owner

    monkeypatch.setattr(owner, "LOCK_RETRY_SECONDS", 0.2)
    window = make_window(qtbot, program_file, contexts)
    window.context.close()
    newest = list_backups(backup_folder(program_file))[0]
    other = AnotherTandem(program_file)
    try:
        answers["reply"] = [QMessageBox.StandardButton.No]
        assert not window.open_path(program_file)
        assert not window.context.is_open
        answers["reply"] = [QMessageBox.StandardButton.Yes]
        window.open_path(program_file)
    finally:
        other.kill()
    busy = STORAGE_MESSAGES["busy"]["en"].format(name="program.tandem")
    assert answers["texts"] == [busy, busy]
    assert answers["details"][0].startswith(
        "Meanwhile you can look at the newest backup of it from this computer, read-only: "
    )
    assert window.context.is_read_only
    assert window.context.path is not None and window.context.path.name == newest.path.name
    assert sorted(round_names(window)) == ["Pilot 2025", "Round 2026"]


def test_a_damaged_file_is_kept_aside_and_the_newest_backup_put_in_its_place(
    qtbot, program_file: Path, contexts: list[AppContext], answers
) -> None:
    conn = sqlite3.connect(program_file)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'rounds'").fetchone()[0]
    conn.close()
    data = bytearray(program_file.read_bytes())
    data[(root - 1) * 4096 : root * 4096] = random.Random(7).randbytes(4096)
    program_file.write_bytes(bytes(data))
    context = AppContext()
    contexts.append(context)
    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.open_path(program_file) is False  # refused: the offer followed
    assert context.is_open and context.path == program_file
    assert answers["texts"][:2] == [
        "The file program.tandem is damaged and cannot be opened.",
        answers["texts"][1],
    ]
    assert answers["texts"][1].startswith("The backup from ")
    (aside,) = [p for p in program_file.parent.iterdir() if "damaged" in p.name]
    assert answers["details"][1] == f"The damaged file was kept as {aside.name}, untouched."
    assert aside.read_bytes() == bytes(data)
    assert sorted(round_names(window)) == ["Pilot 2025", "Round 2026"]


def test_a_file_in_a_synchronised_folder_is_moved_to_documents_when_the_user_agrees(
    qtbot, program_file: Path, contexts: list[AppContext], answers, tmp_path: Path, monkeypatch
) -> None:
    synced = tmp_path / "OneDrive - Firma GmbH" / "HR"
    synced.mkdir(parents=True)
    risky = synced / "program.tandem"
    program_file.rename(risky)
    documents = tmp_path / "Dokumente"
    documents.mkdir()
    monkeypatch.setattr("ui.safekeep.risky_place.local_documents_folder", lambda: documents)
    answers["reply"] = [QMessageBox.StandardButton.No]
    window = make_window(qtbot, risky, contexts)
    assert answers["texts"] == [
        "The file program.tandem is in a folder that OneDrive synchronises."
    ]
    assert window.context.path == risky  # kept where it is
    window.context.close()
    assert window.open_path(risky)
    assert len(answers["texts"]) == 1  # warned once per file and window
    window.context.close()

    answers["reply"] = [QMessageBox.StandardButton.Yes]
    other = make_window(qtbot, risky, contexts)
    assert other.context.path == documents / "program.tandem"
    assert not risky.exists()
    assert answers["texts"][-1] == f"The file is now in {documents / 'program.tandem'}."
    assert sorted(round_names(other)) == ["Pilot 2025", "Round 2026"]


def test_a_new_file_starts_in_the_local_documents_folder(
    qtbot, contexts: list[AppContext], save_dialog, tmp_path: Path, monkeypatch
) -> None:
    home = tmp_path / "anna"
    (home / "Documents").mkdir(parents=True)
    (home / "Dropbox").mkdir()
    (home / "Dropbox" / "alt.tandem").write_bytes(b"")
    monkeypatch.setenv("HOME", str(home))
    user_prefs.add_recent(home / "Dropbox" / "alt.tandem")
    context = AppContext()
    contexts.append(context)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.new_file()
    assert save_dialog.asked[0][1] == str(home / "Documents" / "Mentoring program.tandem")
