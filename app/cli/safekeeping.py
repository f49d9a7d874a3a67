"""Commands `backup`, `backups`, `check` and `restore`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlite_utils import Database

from app.cli.output import print_json
from app.db import FileDamagedError, open_database
from app.db.backups import format_size
from app.db.owner import describe_backup
from app.i18n import tr
from app.services import safekeeping


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    backup = subparsers.add_parser(
        "backup", help=tr("make a verified backup of the program file now")
    )
    backup.add_argument(
        "--to",
        metavar=tr("FOLDER"),
        type=Path,
        help=tr("put the backup in this folder (by default: Tandem's backup folder)"),
    )
    backup.set_defaults(handler=_backup)

    listing = subparsers.add_parser("backups", help=tr("list the program file's backups"))
    listing.add_argument("--json", action="store_true", help=tr("print JSON"))
    listing.set_defaults(handler=_backups)

    check = subparsers.add_parser(
        "check", help=tr("check the program file thoroughly (exit code 1 when it is damaged)")
    )
    check.set_defaults(handler=_check)

    restore = subparsers.add_parser(
        "restore",
        help=tr(
            "put a backup in place of the program file (the current file is backed up, or "
            "kept aside when it is damaged)"
        ),
    )
    restore.add_argument("backup", metavar=tr("BACKUP"), type=Path, help=tr("the backup file"))
    restore.set_defaults(handler=_restore, creates_db=True)


def _backup(args: argparse.Namespace, db: Database) -> int:
    path = safekeeping.make_backup(db, args.to)
    print(tr("Backup saved: {path}", path=str(path)))
    return 0


def _backups(args: argparse.Namespace, db: Database) -> int:
    found = safekeeping.list_backups(db)
    if args.json:
        print_json(
            [
                {"path": str(b.path), "made_at": b.made_at, "reason": b.reason, "size": b.size}
                for b in found
            ]
        )
        return 0
    if not found:
        print(tr("(none)"))
    for backup in found:
        print(f"{describe_backup(backup)}  {format_size(backup.size)}  {backup.path}")
    return 0


def _check(args: argparse.Namespace, db: Database) -> int:
    problems = safekeeping.check(db)
    if problems:
        print(_damaged_text(args.db), file=sys.stderr)
        return 1
    print(tr("The file {name} is in good order.", name=args.db.name))
    return 0


def _restore(args: argparse.Namespace, _db: None) -> int:
    backup: Path = args.backup
    try:
        db = open_database(args.db)
    except FileDamagedError:
        aside = safekeeping.restore_damaged(args.db, backup)
        print(
            tr(
                "The damaged file was kept as {aside}, untouched. The backup {backup} is now "
                "in its place.",
                aside=str(aside),
                backup=backup.name,
            )
        )
        open_database(args.db).close()  # brings an older backup up to date
        return 0
    try:
        before = safekeeping.restore(db, backup)
    finally:
        db.close()
    print(
        tr("The backup {backup} is now in place of {name}.", backup=backup.name, name=args.db.name)
    )
    if before is not None:
        print(tr("What the file held before: {path}", path=str(before.path)))
    return 0


def _damaged_text(path: Path) -> str:
    return tr(
        "The file {name} is damaged. Do not work with it any more: restore a backup with "
        "“restore BACKUP” (“backups” lists them).",
        name=path.name,
    )
