"""Where things live on Windows: settings, backups and logs in %LOCALAPPDATA%\\Tandem, program
files where the user keeps them, and nothing ever beside the executable."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from app import user_prefs
from app.db import create_database
from app.db.backups import MANUAL, backup_folder, make_backup
from app.logging_setup import setup_logging, stop_logging
from app.paths import program_folder, user_data_dir
from app.storage_places import storage_places


@pytest.fixture
def installed_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tandem as a per-user install finds itself on Windows: the executable under
    %LOCALAPPDATA%\\Programs\\Tandem, its own folder %LOCALAPPDATA%\\Tandem. Returns the
    program folder."""
    local = tmp_path / "AppData" / "Local"
    program = local / "Programs" / "Tandem"
    (program / "_internal" / "resources").mkdir(parents=True)
    (program / "Tandem.exe").write_bytes(b"MZ")
    monkeypatch.delenv("TANDEM_HOME", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(program / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "Tandem.exe"))
    return program


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_settings_backups_and_logs_live_in_localappdata_tandem(
    installed_on_windows: Path, tmp_path: Path
) -> None:
    local_tandem = tmp_path / "AppData" / "Local" / "Tandem"
    assert user_data_dir() == local_tandem
    assert program_folder() == installed_on_windows
    documents = tmp_path / "Documents"
    documents.mkdir()
    places = storage_places(documents=documents)
    assert places.user_folder == local_tandem
    for own in (places.settings_file, places.backups_folder, places.logs_folder):
        assert own.is_relative_to(local_tandem)
        assert not own.is_relative_to(installed_on_windows)
    assert places.program_files_folder == documents

    program = documents / "Mentoring program.tandem"
    db = create_database(program)
    places = storage_places(program)
    assert places.program_file == program.resolve()
    assert places.program_files_folder == documents.resolve()
    assert places.backups_folder == backup_folder(program)
    assert places.backups_folder.is_relative_to(local_tandem)
    for folder in places.folders():
        assert not folder.is_relative_to(installed_on_windows)
    db.close()


def test_using_tandem_writes_nothing_beside_the_executable(
    installed_on_windows: Path, tmp_path: Path
) -> None:
    before = _tree(installed_on_windows)
    documents = tmp_path / "Documents"
    documents.mkdir()
    program = documents / "Mentoring-Programm.tandem"
    db = create_database(program)
    user_prefs.add_recent(program)
    user_prefs.set_language("de")
    try:
        log = setup_logging()
        logging.getLogger("tandem.test").info("started")
        backup = make_backup(db.conn, backup_folder(program), program.stem, MANUAL)
    finally:
        stop_logging()
        db.close()
    local_tandem = tmp_path / "AppData" / "Local" / "Tandem"
    assert user_prefs.prefs_path().is_file()
    assert user_prefs.prefs_path().is_relative_to(local_tandem)
    assert log is not None and log.is_file() and log.is_relative_to(local_tandem)
    assert backup.path.is_file() and backup.path.is_relative_to(local_tandem)
    assert _tree(installed_on_windows) == before
