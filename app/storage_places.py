"""Where Tandem keeps what it writes, in one answer for the About dialog and the tests.

- Program files: where the user puts them; new ones start in the local Documents folder.
- Preferences (recent files, the last file, the language, window state): a small JSON file
  in `user_data_dir()`, not in QSettings (the Windows registry), because the command line
  reads them too and `app/` does not use Qt.
- Backups and the log: folders in `user_data_dir()` as well.

`user_data_dir()` is `%LOCALAPPDATA%\\Tandem` on Windows. Nothing is ever written beside the
executable (`program_folder()`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.db.backups import BACKUPS_FOLDER, backup_folder
from app.logging_setup import log_path
from app.paths import user_data_dir
from app.places import local_documents_folder
from app.user_prefs import prefs_path


@dataclass(frozen=True)
class StoragePlaces:
    """The places Tandem reads and writes, as real paths."""

    program_file: Path | None
    """The program file open now (None when none is, or for the demo)."""
    program_files_folder: Path
    """The folder of the open program file, else where new program files start."""
    settings_file: Path
    """The preferences file (JSON)."""
    backups_folder: Path
    """The backups of the open program file, else the folder holding all backups."""
    logs_folder: Path
    """The folder of the log file."""
    user_folder: Path
    """Tandem's own per-user folder that holds the settings, backups and logs."""

    def folders(self) -> list[Path]:
        """Every folder named here (the ones a user may want to open)."""
        return [
            self.program_files_folder,
            self.settings_file.parent,
            self.backups_folder,
            self.logs_folder,
        ]


def storage_places(
    program_file: Path | None = None, documents: Path | None = None
) -> StoragePlaces:
    """Where things live now. `program_file`: the open file, if any; `documents`: the folder
    new program files start in (the window passes the system's Documents folder; by default
    `app.places.local_documents_folder()`)."""
    if program_file is not None:
        program_file = Path(program_file).resolve()
        files_folder = program_file.parent
        backups = backup_folder(program_file)
    else:
        files_folder = documents or local_documents_folder()
        backups = user_data_dir() / BACKUPS_FOLDER
    return StoragePlaces(
        program_file=program_file,
        program_files_folder=files_folder,
        settings_file=prefs_path(),
        backups_folder=backups,
        logs_folder=log_path().parent,
        user_folder=user_data_dir(),
    )
