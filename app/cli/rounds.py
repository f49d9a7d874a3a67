"""Command `round`: `round add` and `round edit`, with the rules and messages of the round
form in the window (both call the rounds service)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.cli.output import print_json
from app.cli.values import parse_day
from app.i18n import format_date, tr, trn
from app.model import Round, RoundInput


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    command = subparsers.add_parser(
        "round", help=tr("add or change a round"), description=tr("Add or change a round.")
    )
    actions = command.add_subparsers(dest="round_action", metavar=tr("ACTION"), required=True)

    add = actions.add_parser(
        "add",
        help=tr("add a round"),
        description=tr(
            "Add a round. Meetings per tandem and the weeks between them default to the "
            "file's settings; each person is in one tandem per round unless told otherwise."
        ),
    )
    add.add_argument("--name", required=True, help=tr("the round's name"))
    add.add_argument("--start", required=True, metavar=tr("YYYY-MM-DD"), help=tr("first day"))
    add.add_argument("--end", required=True, metavar=tr("YYYY-MM-DD"), help=tr("last day"))
    _numbers(add)
    add.add_argument("--json", action="store_true", help=tr("print JSON"))
    add.set_defaults(handler=_add)

    edit = actions.add_parser(
        "edit",
        help=tr("change a round"),
        description=tr("Change a round: only the values given change."),
    )
    edit.add_argument("id", type=record_id, metavar="ID", help=tr("the round"))
    edit.add_argument("--name", help=tr("the round's name"))
    edit.add_argument("--start", metavar=tr("YYYY-MM-DD"), help=tr("first day"))
    edit.add_argument("--end", metavar=tr("YYYY-MM-DD"), help=tr("last day"))
    _numbers(edit)
    edit.add_argument("--json", action="store_true", help=tr("print JSON"))
    edit.set_defaults(handler=_edit)


def _numbers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meetings", type=int, metavar="N", help=tr("meetings per tandem"))
    parser.add_argument(
        "--cadence-weeks", type=int, metavar="N", help=tr("weeks between two meetings")
    )
    parser.add_argument(
        "--per-mentor", type=int, metavar="N", help=tr("tandems one mentor may be in (default 1)")
    )
    parser.add_argument(
        "--per-mentee", type=int, metavar="N", help=tr("tandems one mentee may be in (default 1)")
    )
    parser.add_argument(
        "--target", type=int, metavar="N", help=tr("the number of tandems the round aims at")
    )
    parser.add_argument(
        "--two-tandems",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=tr("whether one person may be in two tandems of the round"),
    )


def _changed(data: RoundInput, args: argparse.Namespace) -> RoundInput:
    """`data` with the values given on the command line."""
    given = {
        "name": args.name,
        "start_date": parse_day(args.start, "start_date"),
        "end_date": parse_day(args.end, "end_date"),
        "meetings_planned": args.meetings,
        "cadence_weeks": args.cadence_weeks,
        "capacity_mentor": args.per_mentor,
        "capacity_mentee": args.per_mentee,
        "target_tandems": args.target,
        "allow_two_tandems": args.two_tandems,
    }
    return replace(data, **{k: v for k, v in given.items() if v is not None})


def _add(args: argparse.Namespace, db: Database) -> int:
    from app.services.rounds import create_round, draft_round

    start = parse_day(args.start, "start_date")
    assert start is not None
    saved = create_round(db, _changed(draft_round(db, start), args))
    _show(args, tr("Round {id} added:", id=saved.id), saved)
    return 0


def _edit(args: argparse.Namespace, db: Database) -> int:
    from app.services.rounds import get_round, round_input, update_round

    saved = update_round(db, args.id, _changed(round_input(get_round(db, args.id)), args))
    _show(args, tr("Round {id} saved:", id=saved.id), saved)
    return 0


def _show(args: argparse.Namespace, headline: str, saved: Round) -> None:
    if args.json:
        print_json(saved)
        return
    print(f"{headline} {saved.name}")
    print(
        "  "
        + tr(
            "{start} – {end}, {meetings} {cadence}; tandems per mentor: {mentor}, "
            "per mentee: {mentee}.",
            start=format_date(saved.start_date),
            end=format_date(saved.end_date),
            meetings=trn(
                "{n} meeting per tandem", "{n} meetings per tandem", saved.meetings_planned
            ),
            cadence=trn("every {n} week", "every {n} weeks", saved.cadence_weeks),
            mentor=saved.capacity_mentor,
            mentee=saved.capacity_mentee,
        )
    )
