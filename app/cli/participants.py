"""Command `consent`: record that participants gave their consent, many in one step (the
same service and messages as "Record consent…" in the participants view)."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from app.cli.output import print_json
from app.cli.values import parse_day
from app.i18n import format_date, tr, trn


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    consent = subparsers.add_parser(
        "consent",
        help=tr("record the consent of participants (one or many)"),
        description=tr(
            "Record that participants gave their consent to take part: only people with a "
            "consent date are proposed for pairs. People who have a consent date already "
            "keep it."
        ),
    )
    consent.add_argument(
        "--participant",
        type=int,
        nargs="+",
        required=True,
        metavar="ID",
        help=tr("the participants (their ids, see: list participants)"),
    )
    consent.add_argument(
        "--date", metavar=tr("YYYY-MM-DD"), help=tr("the day of the consent (default today)")
    )
    consent.add_argument("--json", action="store_true", help=tr("print JSON"))
    consent.set_defaults(handler=_consent)


def _consent(args: argparse.Namespace, db: Database) -> int:
    from app.services.participants import record_consent

    done = record_consent(db, args.participant, parse_day(args.date, "consent_date"))
    if args.json:
        print_json(
            {
                "on": done.on,
                "recorded": [p.id for p in done.recorded],
                "already": [p.id for p in done.already],
            }
        )
        return 0
    print(
        trn(
            "Consent recorded for {n} person on {day}.",
            "Consent recorded for {n} people on {day}.",
            len(done.recorded),
            day=format_date(done.on),
        )
    )
    if done.already:
        print(
            trn(
                "{n} person had a consent date already and keeps it.",
                "{n} people had a consent date already and keep it.",
                len(done.already),
            )
        )
    return 0
