"""Command `tandem`: move a tandem along its lifecycle (agree, start, complete, dissolve) with
the rules and messages of the tandem's page in the window (both call the tandems service)."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from app.cli.output import print_json
from app.cli.values import parse_day
from app.i18n import format_date, tr
from app.labels import label
from app.model import TandemStatus

_STEPS = {
    "agree": TandemStatus.AGREED,
    "start": TandemStatus.ACTIVE,
    "complete": TandemStatus.COMPLETED,
    "dissolve": TandemStatus.DISSOLVED,
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    command = subparsers.add_parser(
        "tandem",
        help=tr("agree, start, complete or dissolve a tandem"),
        description=tr(
            "Move a tandem along its lifecycle: proposed → agreed (agreement signed) → "
            "active → completed; a tandem can be dissolved at any time before, with a reason "
            "and without blame."
        ),
    )
    actions = command.add_subparsers(dest="tandem_action", metavar=tr("ACTION"), required=True)
    helps = {
        "agree": tr("both signed the tandem agreement"),
        "start": tr("the tandem starts meeting"),
        "complete": tr("the tandem has finished its round"),
        "dissolve": tr("end the tandem early (give a reason)"),
    }
    for name, text in helps.items():
        step = actions.add_parser(name, help=text, description=text)
        step.add_argument("id", type=int, metavar="ID", help=tr("the tandem"))
        step.add_argument(
            "--date", metavar=tr("YYYY-MM-DD"), help=tr("the day it happened (default today)")
        )
        if name == "dissolve":
            step.add_argument("--reason", metavar=tr("TEXT"), help=tr("why, in a few words"))
        step.add_argument("--json", action="store_true", help=tr("print JSON"))
        step.set_defaults(handler=_step, step=_STEPS[name])


def _step(args: argparse.Namespace, db: Database) -> int:
    from app.services.tandems import set_status

    day = parse_day(args.date, "date")
    saved = set_status(db, args.id, args.step, on=day, reason=getattr(args, "reason", None))
    if args.json:
        print_json(saved)
        return 0
    since = {
        TandemStatus.AGREED: saved.agreed_on,
        TandemStatus.ACTIVE: saved.started_on,
        TandemStatus.COMPLETED: saved.completed_on,
        TandemStatus.DISSOLVED: saved.dissolved_on,
    }[saved.status]
    print(
        tr(
            "Tandem {id} ({mentor} → {mentee}) is now “{status}” since {day}.",
            id=saved.id,
            mentor=saved.mentor_name,
            mentee=saved.mentee_name,
            status=label(saved.status),
            day=format_date(since) if since else "–",
        )
    )
    return 0
