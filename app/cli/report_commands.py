"""The `pdf` subcommands for the programme's reports about people and the processing.

    pdf person --participant ID [--with-notes] [--json OUT.json] OUT.pdf
        the personal data export (GDPR art. 15); --with-notes adds the content of the private
        notes about the person (passphrase from TANDEM_PASSPHRASE or asked for), --json
        writes the machine-readable copy beside the PDF
    pdf works-council OUT.pdf
        the description of the processing for the works council (GDPR art. 30)
    pdf factsheet --year YYYY [--text TEXT] OUT.pdf
        the one-page programme factsheet, with HR's own short text
    (all: --lang de|en)

OUT is replaced atomically; an existing folder as OUT (or as the --json file) gets the
suggested file name. Exit codes as elsewhere: 0 done, 1 a user error (the message says
what), 2 bad usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.i18n import tr


def add_commands(documents: argparse._SubParsersAction, out_and_lang) -> None:  # noqa: ANN001
    """Add `person`, `works-council` and `factsheet` to the `pdf` group; `out_and_lang`
    adds the shared OUT and --lang arguments."""
    person = documents.add_parser(
        "person",
        help=tr("the personal data export of a participant (GDPR art. 15)"),
        description=tr(
            "Everything the file holds about one participant, with purpose, source and "
            "deletion of each field, the recipients and the person's rights. Private notes "
            "appear only as a count and dates unless --with-notes is given."
        ),
    )
    person.add_argument(
        "--participant", type=record_id, required=True, metavar="ID", help=tr("the participant")
    )
    person.add_argument(
        "--with-notes",
        action="store_true",
        help=tr("include the private notes about the person (needs the passphrase)"),
    )
    person.add_argument(
        "--json",
        type=Path,
        metavar=tr("OUT.json"),
        help=tr("also write the machine-readable copy (JSON) to this file or folder"),
    )
    out_and_lang(person)
    person.set_defaults(handler=_person)

    council = documents.add_parser(
        "works-council",
        help=tr("the description of the processing for the works council (GDPR art. 30)"),
    )
    out_and_lang(council)
    council.set_defaults(handler=_works_council)

    factsheet = documents.add_parser(
        "factsheet", help=tr("the one-page programme factsheet of a year")
    )
    factsheet.add_argument(
        "--year",
        type=int,
        required=True,
        metavar=tr("YYYY"),
        help=tr("the rounds that started in this year"),
    )
    factsheet.add_argument(
        "--text", metavar=tr("TEXT"), default="", help=tr("a short text of HR's own")
    )
    out_and_lang(factsheet)
    factsheet.set_defaults(handler=_factsheet)


def _write(target: Path, suggested: Callable[[], str], data: bytes, document: str) -> Path:
    from app.files import write_atomically

    if target.is_dir():
        target = target / suggested()
    write_atomically(target, data)
    print(tr("{document} written to {path}.", document=document, path=str(target)))
    return target


def _person(args: argparse.Namespace, db: Database) -> int:
    from app.cli.documents import document_language
    from app.cli.notes import unlocked_vault
    from app.documents.person_export import (
        TITLE,
        person_export_filename,
        person_export_json,
        person_export_pdf,
    )
    from app.services.notes import is_set_up
    from app.services.participants import get_participant

    get_participant(db, args.participant)  # an unknown number is reported before the passphrase
    lang = document_language(args, db)
    # Without a passphrase there can be no note: nothing to unlock.
    with_notes = args.with_notes and is_set_up(db)
    vault = unlocked_vault(db) if with_notes else None
    try:
        options = {"with_notes": with_notes, "vault": vault}
        data = person_export_pdf(db, args.participant, lang=lang, **options)
        text = person_export_json(db, args.participant, **options) if args.json else None
    finally:
        if vault is not None:
            vault.close()
    name = tr(TITLE)
    _write(args.out, lambda: person_export_filename(db, args.participant, lang=lang), data, name)
    if text is not None:
        suggested = lambda: person_export_filename(db, args.participant, lang=lang, ext="json")  # noqa: E731
        _write(args.json, suggested, text.encode("utf-8"), f"{name} (JSON)")
    return 0


def _works_council(args: argparse.Namespace, db: Database) -> int:
    from app.cli.documents import document_language
    from app.documents.works_council import TITLE, works_council_filename, works_council_pdf

    lang = document_language(args, db)
    data = works_council_pdf(db, lang=lang)
    _write(args.out, lambda: works_council_filename(db, lang=lang), data, tr(TITLE))
    return 0


def _factsheet(args: argparse.Namespace, db: Database) -> int:
    from app.cli.documents import document_language
    from app.documents.factsheet import TITLE, factsheet_filename, factsheet_pdf

    lang = document_language(args, db)
    data = factsheet_pdf(db, lang=lang, year=args.year, text=args.text)
    suggested = lambda: factsheet_filename(db, lang=lang, year=args.year)  # noqa: E731
    _write(args.out, suggested, data, tr(TITLE))
    return 0
