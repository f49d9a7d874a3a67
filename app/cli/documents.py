"""Command group `pdf`: the program's documents from the command line.

    python main.py --db FILE pdf agreement --tandem ID OUT.pdf [--lang de|en]

Each command makes its PDF in the language asked for (`--lang` after the command, else the
`--lang` before it, else the file's document language, else the language of the messages) and
replaces OUT atomically: a temporary file in the same folder, flushed, then renamed over OUT,
so a failed write leaves the old file (or none), never half a PDF. When OUT is an existing
folder, the document's suggested file name is used inside it.

Other documents add their commands to `register()` below as further `pdf` subcommands.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.errors import ValidationError
from app.files import write_atomically
from app.i18n import tr


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `pdf` command and its subcommands."""
    pdf = subparsers.add_parser("pdf", help=tr("make a document as PDF (agreement, ...)"))
    documents = pdf.add_subparsers(
        dest="document", metavar=tr("DOCUMENT"), required=True, parser_class=type(pdf)
    )

    agreement = documents.add_parser(
        "agreement", help=tr("the tandem agreement of a tandem, to print and sign")
    )
    agreement.add_argument(
        "--tandem", type=record_id, required=True, metavar="ID", help=tr("the tandem")
    )
    _out_and_lang(agreement)
    agreement.set_defaults(handler=_agreement)

    summary = documents.add_parser(
        "summary", help=tr("the annual summary of a year or a round, anonymous unless --names")
    )
    summary.add_argument(
        "--year", type=int, metavar=tr("YYYY"), help=tr("the rounds that started in this year")
    )
    summary.add_argument(
        "--round", dest="round_id", type=record_id, metavar="ID", help=tr("one round")
    )
    summary.add_argument(
        "--names", action="store_true", help=tr("add the tandems by name (confidential appendix)")
    )
    summary.add_argument("--commentary", metavar=tr("TEXT"), default="", help=tr("HR's commentary"))
    _out_and_lang(summary)
    summary.set_defaults(handler=_summary)

    from app.cli.paper_commands import add_commands

    add_commands(documents, _out_and_lang)
    from app.cli.report_commands import add_commands as add_report_commands

    add_report_commands(documents, _out_and_lang)


def _out_and_lang(parser: argparse.ArgumentParser) -> None:
    """The OUT argument and the document's --lang, shared by every `pdf` subcommand."""
    parser.add_argument(
        "out", type=Path, metavar=tr("OUT.pdf"), help=tr("the file to write (or a folder)")
    )
    parser.add_argument(
        "--lang",
        dest="document_lang",
        choices=["de", "en"],
        help=tr("language of the document (default: the file's document language)"),
    )


def document_language(args: argparse.Namespace, db: Database) -> str:
    """The language a `pdf` command makes its document in."""
    from app.services.settings import document_language as file_language

    return file_language(db, getattr(args, "document_lang", None) or getattr(args, "lang", None))


def _agreement(args: argparse.Namespace, db: Database) -> int:
    from app.documents.agreement import agreement_filename, agreement_pdf

    lang = document_language(args, db)
    data = agreement_pdf(db, args.tandem, lang=lang)
    target = _target(args.out, lambda: agreement_filename(db, args.tandem, lang=lang))
    write_atomically(target, data)
    print(tr("{document} written to {path}.", document=tr("Tandem agreement"), path=str(target)))
    return 0


def _summary(args: argparse.Namespace, db: Database) -> int:
    from app.documents.summary import summary_filename, summary_pdf

    if args.year is None and args.round_id is None:
        raise ValidationError(tr("Please name the year (--year) or the round (--round)."))
    lang = document_language(args, db)
    scope = {"year": args.year, "round_id": args.round_id, "names": args.names}
    data = summary_pdf(db, lang=lang, commentary=args.commentary, **scope)
    target = _target(args.out, lambda: summary_filename(db, lang=lang, **scope))
    write_atomically(target, data)
    print(tr("{document} written to {path}.", document=tr("Annual summary"), path=str(target)))
    return 0


def _target(out: Path, suggested) -> Path:  # noqa: ANN001 - a callable giving the file name
    return out / suggested() if out.is_dir() else out
