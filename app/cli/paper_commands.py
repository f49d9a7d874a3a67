"""The `pdf` subcommands for agenda sheets and certificates of participation.

    pdf agenda --session ID OUT.pdf [--anonymous]            one meeting
    pdf agenda --tandem ID OUT.pdf [--anonymous]             every upcoming meeting
    pdf certificates --round ID OUT.pdf                      a page per person
    pdf certificates --round ID FOLDER/                      a file per person
    pdf certificate --participant ID --round ID OUT.pdf      one person
    (certificates: --landscape, --no-topics, --dissolved; all: --lang de|en)

OUT is replaced atomically; an existing folder as OUT gets the suggested file name (for
`certificates`: one file per person). Exit codes as elsewhere: 0 done, 1 a user error (the
message says what), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.i18n import tr, trn


def add_commands(documents: argparse._SubParsersAction, out_and_lang) -> None:  # noqa: ANN001
    """Add `agenda`, `certificates` and `certificate` to the `pdf` group; `out_and_lang`
    adds the shared OUT and --lang arguments."""
    agenda = documents.add_parser(
        "agenda",
        help=tr("agenda sheets: one meeting, or every upcoming meeting of a tandem"),
        description=tr(
            "Agenda sheets to print for a meeting: the agenda with its preparation, last "
            "time's summary, room for notes and a 'what I learned' box for each partner."
        ),
    )
    which = agenda.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=record_id, metavar="ID", help=tr("the meeting"))
    which.add_argument(
        "--tandem", type=record_id, metavar="ID", help=tr("the tandem (all its upcoming meetings)")
    )
    agenda.add_argument(
        "--anonymous", action="store_true", help=tr("print without the partners' names")
    )
    out_and_lang(agenda)
    agenda.set_defaults(handler=_agenda)

    batch = documents.add_parser(
        "certificates",
        help=tr("certificates of participation of a round (one PDF, or a file per person)"),
        description=tr(
            "Certificates of participation (Teilnahmebestätigung) for everyone whose tandem "
            "in the round was completed. OUT.pdf gets a page per person; an existing folder, "
            "or a path ending in a separator, gets one file per person."
        ),
    )
    batch.add_argument("--round", type=record_id, required=True, metavar="ID", help=tr("the round"))
    batch.add_argument(
        "--dissolved",
        action="store_true",
        help=tr("also confirm the meetings held of dissolved tandems"),
    )
    _certificate_options(batch)
    batch.add_argument(
        "out",
        metavar=tr("OUT.pdf|FOLDER/"),
        help=tr("the file to write, or a folder for a file each"),
    )
    _document_lang(batch)
    batch.set_defaults(handler=_certificates)

    single = documents.add_parser(
        "certificate", help=tr("the certificate of participation of one person in a round")
    )
    single.add_argument(
        "--participant", type=record_id, required=True, metavar="ID", help=tr("the participant")
    )
    single.add_argument(
        "--round", type=record_id, required=True, metavar="ID", help=tr("the round")
    )
    _certificate_options(single)
    out_and_lang(single)
    single.set_defaults(handler=_certificate)


def _certificate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--landscape", action="store_true", help=tr("landscape, for display (default: portrait)")
    )
    parser.add_argument(
        "--no-topics", action="store_true", help=tr("leave the tandem's topics off")
    )


def _document_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        dest="document_lang",
        choices=["de", "en"],
        help=tr("language of the document (default: the file's document language)"),
    )


def _agenda(args: argparse.Namespace, db: Database) -> int:
    from app.cli.documents import document_language
    from app.documents.agenda import TITLE, agenda_filename, agenda_pdf
    from app.files import write_atomically

    lang = document_language(args, db)
    ids = {"session_id": args.session, "tandem_id": args.tandem}
    data = agenda_pdf(db, **ids, lang=lang, anonymous=args.anonymous)
    target = args.out
    if target.is_dir():
        target = target / agenda_filename(db, **ids, lang=lang, anonymous=args.anonymous)
    write_atomically(target, data)
    print(tr("{document} written to {path}.", document=tr(TITLE), path=str(target)))
    return 0


def _certificates(args: argparse.Namespace, db: Database) -> int:
    from app.cli.documents import document_language
    from app.documents.certificate import certificate_files, certificates_pdf
    from app.files import write_atomically
    from app.services.certificates import round_certificates

    lang = document_language(args, db)
    ids = None
    if args.dissolved:
        ids = [c.participant_id for c in round_certificates(db, args.round, include_dissolved=True)]
    options = {"lang": lang, "landscape": args.landscape, "show_topics": not args.no_topics}
    out = Path(args.out)
    if args.out.endswith(("/", os.sep)) or out.is_dir():
        paths = certificate_files(
            db, round_id=args.round, folder=out, participant_ids=ids, **options
        )
        print(
            trn(
                "{n} certificate of participation written to {path}.",
                "{n} certificates of participation written to {path}.",
                len(paths),
                path=str(out),
            )
        )
        return 0
    people = len(ids) if ids is not None else len(round_certificates(db, args.round))
    data = certificates_pdf(db, round_id=args.round, participant_ids=ids, **options)
    write_atomically(out, data)
    print(
        trn(
            "{n} certificate of participation written to {path} (one page each).",
            "{n} certificates of participation written to {path} (one page each).",
            people,
            path=str(out),
        )
    )
    return 0


def _certificate(args: argparse.Namespace, db: Database) -> int:
    from app.cli.documents import document_language
    from app.documents.certificate import TITLE, certificate_filename, certificates_pdf
    from app.files import write_atomically
    from app.i18n import translator
    from app.services.certificates import certificate

    lang = document_language(args, db)
    data = certificates_pdf(
        db,
        round_id=args.round,
        participant_ids=[args.participant],
        lang=lang,
        landscape=args.landscape,
        show_topics=not args.no_topics,
    )
    target = args.out
    if target.is_dir():
        name = certificate(db, args.round, args.participant).name
        target = target / certificate_filename(translator(lang), name)
    write_atomically(target, data)
    print(tr("{document} written to {path}.", document=tr(TITLE), path=str(target)))
    return 0
