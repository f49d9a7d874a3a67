"""Verified backups of a program file, kept in the user's own data folder, and their rotation.

A backup is made with SQLite's backup API through the connection that owns the file (a
consistent snapshot, also while another thread of the program writes: it waits for the
transaction to end), into a temporary file beside its final place. The copy is flushed to the
disk, checked with `PRAGMA integrity_check`, and only then renamed to its final name; a copy
that fails anywhere on the way is removed. (`VACUUM INTO` does not flush its output: see
shared/STACK.md.)

Each program file has its own folder under `user_data_dir()/backups/`, named after the file
and told apart by a short hash of its full path, never beside the program or the executable.
A backup is named `<file name> <YYYY-MM-DD> <HH-MM-SS> <reason>.tandem`, so the folder sorts by
time and a person browsing it understands it.

Rotation (`to_keep`) keeps the 10 newest, the newest of each of the last 14 days, the newest of
each of the last 12 months, and the newest one made before an update of the file; the others
are deleted after each new backup.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.errors import StorageError, TandemError
from app.files import storage_error, sync_folder
from app.i18n import N_, tr, translator
from app.paths import user_data_dir

log = logging.getLogger(__name__)

BACKUPS_FOLDER = "backups"
KEEP_NEWEST, KEEP_DAYS, KEEP_MONTHS = 10, 14, 12
COPY_STEP_PAGES = 256
"""Pages a backup copies at a time (1 MiB of 4 KiB pages: a few milliseconds)."""
_PAUSE_BETWEEN_STEPS = 0.001
BACKUP_SUFFIX = ".tandem"

OPENED, CLOSED, BEFORE_UPDATE, BEFORE_RESTORE, MANUAL = (
    "opened",
    "closed",
    "before-update",
    "before-restore",
    "manual",
)
REASON_LABELS = {
    OPENED: N_("when the file was opened"),
    CLOSED: N_("when the file was closed after changes"),
    BEFORE_UPDATE: N_("before Tandem updated the file"),
    BEFORE_RESTORE: N_("before a backup was restored"),
    MANUAL: N_("made by hand"),
}
"""What each reason means, for the list of backups (translated when shown)."""

_NAME = re.compile(
    r"^(?P<stem>.*) (?P<day>\d{4}-\d\d-\d\d) (?P<time>\d\d-\d\d-\d\d)(?:-(?P<seq>\d+))? "
    r"(?P<reason>[a-z]+(?:-[a-z]+)*)\.tandem$"
)
_TEMP_PREFIX = ".backup-"


@dataclass(frozen=True)
class BackupInfo:
    """One backup of a program file."""

    path: Path
    made_at: datetime
    """Local time, to the second, from the backup's name."""
    reason: str
    """OPENED, CLOSED, BEFORE_UPDATE, BEFORE_RESTORE or MANUAL."""
    size: int
    """In bytes."""
    sequence: int = 1
    """Tells apart backups made within the same second."""

    @property
    def reason_label(self) -> str:
        """The reason in the current language."""
        return tr(REASON_LABELS.get(self.reason, self.reason))


class BackupCancelled(TandemError):
    """A backup stopped because it was asked to (the file is being closed); nothing was kept."""


def format_size(size: int) -> str:
    """A file size as people read it: "840 KB", "12.4 MB" ("12,4 MB" in German)."""
    if size < 1024 * 1024:
        return tr("{size} KB", size=translator().format_number(max(1, round(size / 1024))))
    return tr("{size} MB", size=translator().format_number(size / (1024 * 1024), 1))


def backup_folder(program: Path) -> Path:
    """The folder that holds the backups of the program file `program`."""
    resolved = os.path.normcase(os.path.realpath(os.fspath(program)))
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    stem = _safe_stem(Path(program).stem)
    return user_data_dir() / BACKUPS_FOLDER / f"{stem}-{digest}"


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (an empty list when there is no folder)."""
    found: list[BackupInfo] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        info = parse_backup_name(Path(entry.path))
        if info is None:
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(info.path, info.made_at, info.reason, size, sequence=info.sequence))
    found.sort(key=lambda b: (b.made_at, b.sequence), reverse=True)
    return found


def parse_backup_name(path: Path) -> BackupInfo | None:
    """What a backup's name says (size 0: not looked at), or None for another file."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        made_at = datetime.strptime(f"{match['day']} {match['time']}", "%Y-%m-%d %H-%M-%S")
    except ValueError:
        return None
    return BackupInfo(path, made_at, match["reason"], 0, sequence=int(match["seq"] or 1))


def backup_name(stem: str, made_at: datetime, reason: str, sequence: int = 1) -> str:
    """`<stem> <YYYY-MM-DD> <HH-MM-SS>[-n] <reason>.tandem` (Windows-legal)."""
    seq = f"-{sequence}" if sequence > 1 else ""
    return f"{_safe_stem(stem)} {made_at:%Y-%m-%d %H-%M-%S}{seq} {reason}{BACKUP_SUFFIX}"


def make_backup(
    conn: sqlite3.Connection,
    folder: Path,
    stem: str,
    reason: str,
    now: datetime | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BackupInfo:
    """A verified backup of `conn`'s database in `folder` (created when missing).

    Raises StorageError with a message when it cannot be made, and `BackupCancelled` when
    `cancelled()` said so while it was copied; nothing is left behind then.
    """
    now = (now or datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, folder, writing=True) from exc
    # Backups made within the same second are numbered, whatever their reason.
    taken = [b.sequence for b in list_backups(folder) if b.made_at == now]
    sequence = max(taken, default=0) + 1
    target = folder / backup_name(stem, now, reason, sequence)
    write_verified_copy(conn, target, cancelled)
    return BackupInfo(target, now, reason, target.stat().st_size, sequence=sequence)


def write_verified_copy(
    conn: sqlite3.Connection, target: Path, cancelled: Callable[[], bool] | None = None
) -> None:
    """Copy `conn`'s database to `target` by the backup API: into a temporary file in the same
    folder, flushed, checked with integrity_check, then renamed onto `target`. With
    `cancelled`, the copy stops (raising `BackupCancelled`, leaving nothing) once it says so."""
    temp: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=target.parent)
        os.close(handle)
        temp = Path(name)
        _copy_database(conn, temp, cancelled)
        _flush(temp)
        problems = integrity_problems(temp)
        if problems:
            log.warning("A backup failed its integrity check; it was not kept.")
            raise StorageError(
                tr(
                    "The backup of the program file failed its check and was not kept. The "
                    "program file itself was not changed."
                )
            )
        os.replace(temp, target)
        temp = None
        sync_folder(target.parent)
    except OSError as exc:
        raise storage_error(exc, target, writing=True) from exc
    except sqlite3.Error as exc:
        raise storage_error(_as_os_error(exc), target, writing=True) from exc
    finally:
        if temp is not None:
            try:
                temp.unlink(missing_ok=True)
            except OSError:
                log.warning("A temporary backup file could not be removed.")


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the database file `path` ([] if none)."""
    try:
        check = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = check.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        check.close()
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def to_keep(backups: Iterable[BackupInfo], now: datetime) -> set[Path]:
    """The backups rotation keeps at `now`: the 10 newest, the newest of each of the last 14
    days, the newest of each of the last 12 months, and the newest made before an update."""
    ordered = sorted(backups, key=lambda b: (b.made_at, b.sequence), reverse=True)
    keep = {b.path for b in ordered[:KEEP_NEWEST]}
    today = now.date()
    days = {date.fromordinal(today.toordinal() - n) for n in range(KEEP_DAYS)}
    months = {_month_back(today, n) for n in range(KEEP_MONTHS)}
    seen_days: set[date] = set()
    seen_months: set[tuple[int, int]] = set()
    newest_update: BackupInfo | None = None
    for backup in ordered:  # newest first: the first of each day or month is its newest
        day = backup.made_at.date()
        month = (day.year, day.month)
        if day in days and day not in seen_days:
            seen_days.add(day)
            keep.add(backup.path)
        if month in months and month not in seen_months:
            seen_months.add(month)
            keep.add(backup.path)
        if backup.reason == BEFORE_UPDATE and newest_update is None:
            newest_update = backup
            keep.add(backup.path)
    return keep


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups in `folder` that rotation does not keep, and temporary files a
    backup that was cut short left behind; returns what was deleted."""
    now = now or datetime.now()
    backups = list_backups(folder)
    keep = to_keep(backups, now)
    removed: list[Path] = []
    leftovers = [Path(p) for p in _temp_files(folder)]
    for path in [b.path for b in backups if b.path not in keep] + leftovers:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError:  # open in another program (Windows): next time
            log.warning("An old backup could not be deleted yet.")
    return removed


def copy_name(program: Path, now: datetime | None = None) -> str:
    """The name of a copy made outside the backup folder: `<stem> <date> <time>.tandem`."""
    now = now or datetime.now()
    return f"{_safe_stem(Path(program).stem)} {now:%Y-%m-%d %H-%M-%S}{BACKUP_SUFFIX}"


def _temp_files(folder: Path) -> list[str]:
    try:
        return [e.path for e in os.scandir(folder) if e.name.startswith(_TEMP_PREFIX)]
    except OSError:
        return []


def _copy_database(
    conn: sqlite3.Connection, temp: Path, cancelled: Callable[[], bool] | None = None
) -> None:
    """Copy `conn`'s database into `temp` a part at a time (COPY_STEP_PAGES pages a step).

    A `TandemConnection` is shared by the window and its workers: each step holds the
    connection's turn (so it never copies another thread's unfinished transaction), and
    between steps the turn is given back for a moment, so a backup made on a worker keeps
    the window waiting for one step at most. What the window writes between steps through
    the same connection goes into the copy as well (SQLite updates a running backup).
    `cancelled()` is asked between steps; when it says so the copy stops with `Cancelled`.
    """
    dest = sqlite3.connect(str(temp))
    try:
        # The copy is flushed once at the end (_flush) instead of at every page.
        dest.execute("PRAGMA synchronous = OFF")
        turn = getattr(conn, "turn", None)
        if turn is None:
            conn.backup(dest)
            return

        def between_steps(_status: int, remaining: int, _total: int) -> None:
            if remaining <= 0:
                return
            turn.release()
            try:
                stop = cancelled is not None and cancelled()
                time.sleep(_PAUSE_BETWEEN_STEPS)  # the window's statements go first
            finally:
                turn.acquire()
            if stop:
                raise BackupCancelled(tr("Cancelled."))

        with conn.using():  # type: ignore[attr-defined]  # waits for a transaction to end
            conn.backup(dest, pages=COPY_STEP_PAGES, progress=between_steps)
    finally:
        dest.close()


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_ERRNO_BY_SQLITE_CODE = {13: errno.ENOSPC, 8: errno.EACCES, 3: errno.EACCES, 14: errno.EACCES}


def _as_os_error(exc: sqlite3.Error) -> OSError:
    """An SQLite error while writing a copy, as the OSError that says the same."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    number = _ERRNO_BY_SQLITE_CODE.get(code, errno.EIO)
    return OSError(number, os.strerror(number))


def _month_back(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) - months
    return index // 12, index % 12 + 1


def _safe_stem(stem: str) -> str:
    """A file name part that Windows accepts (no reserved characters, no trailing dot)."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", stem).rstrip(" .")
    return cleaned or "program"
