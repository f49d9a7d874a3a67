"""Command `note`: add, list and delete private notes from scripts and tests.

The passphrase comes from the environment variable TANDEM_PASSPHRASE or is asked for on the
terminal; it is never an argument (arguments end up in shell histories and process lists).
For the same reason a note's text comes from a file (`--text-file`, `-` for standard input).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.cli.output import plain, print_json
from app.errors import TandemError, ValidationError
from app.files import storage_error
from app.i18n import format_date, format_datetime, tr
from app.model import NoteOwnerKind
from app.services import notes as notes_service

PASSPHRASE_ENV = "TANDEM_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `note` command and its sub-commands."""
    note = subparsers.add_parser(
        "note",
        help=tr("private notes (passphrase from TANDEM_PASSPHRASE or asked for)"),
    )
    actions = note.add_subparsers(dest="note_command", metavar=tr("ACTION"), required=True)

    add = actions.add_parser("add", help=tr("write a private note"))
    _owner_arguments(add, required=True)
    add.add_argument("--title", required=True, metavar=tr("TITLE"), help=tr("the note's title"))
    add.add_argument(
        "--text-file",
        required=True,
        type=Path,
        metavar=tr("FILE"),
        help=tr("UTF-8 text file with the note's text ('-' reads standard input)"),
    )
    add.add_argument(
        "--date", metavar=tr("YYYY-MM-DD"), help=tr("the note's date, YYYY-MM-DD (default today)")
    )
    add.add_argument("--json", action="store_true", help=tr("print JSON"))
    add.set_defaults(handler=_add)

    listing = actions.add_parser(
        "list", help=tr("list private notes (titles and texts only with the passphrase)")
    )
    _owner_arguments(listing, required=False)
    listing.add_argument(
        "--unlock",
        action="store_true",
        help=tr("ask for the passphrase on the terminal to show titles and texts"),
    )
    listing.add_argument("--json", action="store_true", help=tr("print JSON"))
    listing.set_defaults(handler=_list)

    delete = actions.add_parser("delete", help=tr("delete a private note"))
    delete.add_argument("note_id", type=record_id, metavar="ID", help=tr("the note's number"))
    delete.set_defaults(handler=_delete)


def _owner_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument(
        "--participant", type=record_id, metavar="ID", help=tr("a participant's number")
    )
    group.add_argument("--tandem", type=record_id, metavar="ID", help=tr("a tandem's number"))
    group.add_argument("--session", type=record_id, metavar="ID", help=tr("a meeting's number"))


def _owner(args: argparse.Namespace) -> tuple[NoteOwnerKind | None, int | None]:
    for kind in NoteOwnerKind:
        value = getattr(args, kind.value, None)
        if value is not None:
            return kind, value
    return None, None


def _passphrase(*, required: bool, confirm: bool = False) -> str | None:
    """From TANDEM_PASSPHRASE, else asked on a terminal; None when not required and absent."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not required:
        return None
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise TandemError(
            tr(
                "A passphrase is needed for private notes. Set the environment variable "
                "TANDEM_PASSPHRASE, or run the command in a terminal to be asked for it."
            )
        )
    value = getpass.getpass(tr("Passphrase for private notes: "))
    if confirm and getpass.getpass(tr("The same passphrase again: ")) != value:
        raise ValidationError(tr("The two passphrases are not the same."), field="passphrase")
    return value


def unlocked_vault(db: Database) -> notes_service.NoteVault:
    """The file's private notes, unlocked with the passphrase from TANDEM_PASSPHRASE or asked
    for on the terminal: for commands that read note content. Close it when done."""
    vault = notes_service.NoteVault(db)
    try:
        vault.unlock(_passphrase(required=True) or "")
    except BaseException:
        vault.close()
        raise
    return vault


def _read_text(path: Path) -> str:
    try:
        if str(path) == "-":
            return sys.stdin.read()
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TandemError(tr("The file {name} does not exist.", name=str(path))) from None
    except UnicodeDecodeError:
        raise TandemError(
            tr("The file {name} is not UTF-8 text. Save it as UTF-8 and try again.", name=str(path))
        ) from None
    except OSError as exc:
        raise storage_error(exc, path, writing=False) from None


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            tr("Please give the date as YYYY-MM-DD, for example 2026-03-01."), field="date"
        ) from None


def _print_recovery_key(recovery_key: str) -> None:
    print(tr("Private notes are now set up for this file."))
    print(tr("Your recovery key (shown only this once):"))
    print()
    print(f"    {recovery_key}")
    print()
    print(
        tr(
            "Print it or write it down and keep it somewhere safe, away from this computer. "
            "Without the passphrase and this recovery key nobody can read the notes, not even "
            "the makers of Tandem."
        )
    )


def _add(args: argparse.Namespace, db: Database) -> int:
    kind, owner_id = _owner(args)
    assert kind is not None and owner_id is not None  # argparse requires one
    notes_service.require_owner(db, kind, owner_id)
    text = _read_text(args.text_file)
    note_date = _parse_date(args.date)
    with notes_service.NoteVault(db) as vault:
        if vault.is_set_up:
            vault.unlock(_passphrase(required=True) or "")
            recovery_key = None
        else:
            recovery_key = vault.setup(_passphrase(required=True, confirm=True) or "")
        note = vault.add_note(kind, owner_id, args.title, text, note_date)
        if recovery_key:
            _print_recovery_key(recovery_key)
        if args.json:
            print_json({**plain(note.info), "locked": False})
        else:
            print(tr("Private note {id} written.", id=note.id))
    return 0


def _note_row(note: Any, *, locked: bool) -> dict[str, Any]:
    row = {**plain(note.info if not locked else note), "locked": locked}
    if not locked:
        row |= {
            "date": plain(note.note_date),
            "title": None if note.damaged else note.title,
            "text": None if note.damaged else note.text,
            "damaged": note.damaged,
        }
    return row


def _list(args: argparse.Namespace, db: Database) -> int:
    kind, owner_id = _owner(args)
    if kind is not None and owner_id is not None:
        notes_service.require_owner(db, kind, owner_id)
    passphrase = _passphrase(required=args.unlock)
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    if passphrase is not None and notes_service.is_set_up(db):
        with notes_service.NoteVault(db) as vault:
            vault.unlock(passphrase)
            for note in vault.list_notes(kind, owner_id):
                rows.append(_note_row(note, locked=False))
                owner = f"{notes_service.owner_label(note.owner_kind)} {note.owner_id}"
                if note.damaged:
                    lines.append(
                        f"{note.id:>6}  {owner}  "
                        + tr("[damaged: this note was altered and cannot be shown]")
                    )
                else:
                    lines.append(
                        f"{note.id:>6}  {owner}  {format_date(note.note_date)}  {note.title}"
                    )
                    lines.extend(f"        {line}" for line in note.text.splitlines())
    else:
        for info in notes_service.list_note_infos(db, kind, owner_id):
            rows.append(_note_row(info, locked=True))
            lines.append(
                f"{info.id:>6}  {notes_service.owner_label(info.owner_kind)} {info.owner_id}  "
                f"{format_datetime(info.created_at)}  " + tr("[locked]")
            )
    if args.json:
        print_json(rows)
    elif lines:
        print("\n".join(lines))
    else:
        print(tr("No private notes."))
    return 0


def _delete(args: argparse.Namespace, db: Database) -> int:
    with notes_service.NoteVault(db) as vault:
        vault.unlock(_passphrase(required=True) or "")
        vault.delete_note(args.note_id)
    print(tr("Private note {id} deleted.", id=args.note_id))
    return 0
