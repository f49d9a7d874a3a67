"""Commands `import` (participants from a CSV or Excel list) and `export participants`."""

from __future__ import annotations

import argparse
import sys

from sqlite_utils import Database

from app.cli.output import print_json
from app.i18n import format_number, tr, trn


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    importer = subparsers.add_parser(
        "import",
        help=tr("import participants from a CSV or Excel list (.csv, .xlsx)"),
        description=tr(
            "Import participants from a CSV or Excel list. People found by personnel number "
            "(or e-mail address) are updated, new people are added; rows with errors are "
            "skipped and reported."
        ),
    )
    importer.add_argument("file", metavar=tr("LIST"), help=tr("the .csv or .xlsx file"))
    importer.add_argument(
        "--dry-run", action="store_true", help=tr("check the list and report, write nothing")
    )
    importer.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=tr("HEADER=field"),
        help=tr(
            "read the column HEADER as a field: personnel_number, first_name, last_name, "
            "email, department, position, manager, start_date, role, consent_date, "
            "can_teach, wants_to_learn, status, status_date (repeatable)"
        ),
    )
    importer.add_argument("--json", action="store_true", help=tr("print JSON"))
    _accept_lang(importer)
    importer.set_defaults(handler=_import)

    exporter = subparsers.add_parser(
        "export", help=tr("export the participant list to Excel or CSV (.xlsx, .csv)")
    )
    exporter.add_argument("kind", choices=["participants"])
    exporter.add_argument("file", metavar=tr("FILE"), help=tr("the .xlsx or .csv file to write"))
    _accept_lang(exporter)
    exporter.set_defaults(handler=_export)


def _accept_lang(parser: argparse.ArgumentParser) -> None:
    """Accept --lang after the command too (the frame reads it from the whole line)."""
    parser.add_argument(
        "--lang", choices=["de", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def _import(args: argparse.Namespace, db: Database) -> int:
    from app.imports.columns import FIELDS, field_label
    from app.imports.engine import ImportSession, consent_note, quoted

    for item in args.map:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip() or name.strip() not in FIELDS:
            print(
                tr(
                    "Error: --map needs HEADER=field with one of these fields: {fields}.",
                    fields=", ".join(FIELDS),
                ),
                file=sys.stderr,
            )
            return 2
    session = ImportSession.open(args.file)
    for item in args.map:
        header, _sep, name = item.rpartition("=")
        session.map_header(header.strip(), name.strip())
    problems = session.mapping_problems()
    if problems:
        print(problems[0], file=sys.stderr)
        print(
            tr(
                'Name the columns with --map, for example: --map "Surname=last_name" '
                '--map "Given=first_name".'
            ),
            file=sys.stderr,
        )
        return 1
    if args.dry_run:
        outcome = session.preview(db)
        new, updated = outcome.new_count, outcome.update_count
    else:
        outcome = session.apply(db)
        new, updated = outcome.imported, outcome.updated
    summary = outcome.summary()
    if args.json:
        print_json(summary)
        return 0
    source = session.source
    details = [source.kind.upper()]
    if source.encoding:
        details.append(source.encoding)
    if source.delimiter:
        shown = tr("tab") if source.delimiter == "\t" else source.delimiter
        details.append(tr("delimiter “{d}”", d=shown))
    if source.sheet:
        details.append(tr("sheet “{sheet}”", sheet=source.sheet))
    print(
        tr(
            "{name}: {rows} ({details}), header in line {line}.",
            name=source.name,
            rows=trn("{n} row", "{n} rows", len(source.rows)),
            details=", ".join(details),
            line=source.header_line,
        )
    )
    titles = session.column_titles()
    used = [
        f"{quoted(titles[i])} → {field_label(name)}" for i, name in sorted(session.mapping.items())
    ]
    print(tr("Columns: {columns}", columns="; ".join(used)))
    unused = [quoted(titles[i]) for i in session.unmapped_columns()]
    if unused:
        print(tr("Not imported: {columns}", columns=", ".join(unused)))
    for note in source.notes:
        print(note)
    rejected = len(summary["rejected"])
    if args.dry_run:
        print(
            tr(
                "Dry run, nothing was written: {new} would be added, {updated} updated, "
                "{rejected} rejected.",
                new=format_number(new),
                updated=format_number(updated),
                rejected=format_number(rejected),
            )
        )
    else:
        print(
            tr(
                "Imported: {new} added, {updated} updated, {rejected} rejected.",
                new=format_number(new),
                updated=format_number(updated),
                rejected=format_number(rejected),
            )
        )
    note = consent_note(outcome.without_consent)
    if note:
        print(note)
        print(tr("Record their consent with: consent --participant ID... [--date YYYY-MM-DD]"))
    if summary["rejected"]:
        print()
        print(tr("Rejected rows (not imported):"))
        for item in summary["rejected"]:
            for error in item["errors"]:
                print("  " + tr("Line {line}: {text}", line=item["line"], text=error))
    if summary["warnings"]:
        print()
        print(tr("Warnings:"))
        for warning in summary["warnings"]:
            print("  " + tr("Line {line}: {text}", line=warning["line"], text=warning["message"]))
    return 0


def _export(args: argparse.Namespace, db: Database) -> int:
    from app.services.exports import export_participants

    count = export_participants(db, args.file)
    print(
        trn(
            "Exported {n} participant to {path}.",
            "Exported {n} participants to {path}.",
            count,
            path=str(args.file),
        )
    )
    return 0
