"""Safe keeping of the program file, for the window and the command line: its backups, the
full check, restoring a backup (also in place of a damaged file), a copy of a backup opened
read-only, and moving the file out of a risky place.

Everything that reads or writes the open file goes through its owner (`app.db.owner`), so a
backup is a consistent snapshot and a restore keeps the file's lock.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from app.db import open_database, owner_of
from app.db.backups import BackupInfo, write_verified_copy
from app.db.database import TandemDatabase
from app.db.owner import newest_backup, restore_damaged, verify_backup
from app.errors import StorageError
from app.files import storage_error, write_atomically
from app.i18n import tr
from app.places import unique_path

__all__ = [
    "BackupInfo",
    "check",
    "copy_to_folder",
    "list_backups",
    "make_backup",
    "newest_backup",
    "open_copy_read_only",
    "remove_original",
    "restore",
    "restore_damaged",
    "save_copy",
]


def list_backups(db: Database) -> list[BackupInfo]:
    """The open file's backups, newest first."""
    return owner_of(db).backups()


def make_backup(db: Database, to: Path | None = None) -> Path:
    """A verified backup now: into the file's backup folder (with rotation), or with `to`
    into that folder (named after the file and the time, outside rotation)."""
    owner = owner_of(db)
    if to is None:
        return owner.backup().path
    return owner.backup_to(Path(to))


def check(db: Database) -> list[str]:
    """The full check of the open file ([] when it is sound)."""
    return owner_of(db).check()


def restore(db: Database, backup: Path) -> BackupInfo | None:
    """Put the backup's content in place of the open file's, which is backed up first
    (returned). The file stays open and locked; everything that shows it must reload."""
    return owner_of(db).restore(Path(backup))


def save_copy(backup: Path, target: Path) -> Path:
    """Copy a backup to where the user chose (whole, or not at all)."""
    backup, target = Path(backup), Path(target)
    verify_backup(backup)

    def copy(stream: BinaryIO) -> None:
        with backup.open("rb") as source:
            shutil.copyfileobj(source, stream)

    try:
        return write_atomically(target, copy)
    except OSError as exc:  # reading the backup failed
        raise storage_error(exc, backup, writing=False) from exc


def open_copy_read_only(backup: Path) -> tuple[TandemDatabase, Path]:
    """Open a copy of `backup` read-only (brought up to this version of Tandem first), in a
    temporary folder of its own; returns the handle and the folder (remove it once closed)."""
    backup = Path(backup)
    verify_backup(backup)
    folder = Path(tempfile.mkdtemp(prefix="tandem-backup-"))
    copy = folder / backup.name
    try:
        shutil.copyfile(backup, copy)
        open_database(copy, automatic_backups=False).close()  # update an older backup
        return open_database(copy, read_only=True), folder
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise storage_error(exc, copy, writing=True) from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def copy_to_folder(db: Database, folder: Path) -> Path:
    """A verified copy of the open file in `folder` under the file's own name (numbered when
    the name is taken there): the first step of moving the file to a safer place."""
    owner = owner_of(db)
    folder = Path(folder)
    if not folder.is_dir():
        raise StorageError(tr("The folder {folder} does not exist.", folder=str(folder)))
    target = unique_path(folder, owner.path.name)
    owner_conn = owner.conn
    with owner_conn.using():
        write_verified_copy(owner_conn, target)
    return target


def remove_original(path: Path) -> bool:
    """Delete the program file that was moved (call once it is closed); False when it could
    not be deleted (the user is told that both copies exist)."""
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True
