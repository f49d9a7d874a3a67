"""Commands `session` (mark meetings held or cancelled) and `checkin add` (a mentor's or
mentee's mid-round or final feedback), with the rules and messages of the window: both call
the same services as the sessions view and the check-in dialog."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from app.cli.output import print_json
from app.cli.values import parse_day
from app.i18n import format_date, format_datetime, tr, trn
from app.labels import label
from app.model import CheckinPhase, GoalsReached, SessionStatus


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    session = subparsers.add_parser(
        "session",
        help=tr("mark meetings held or cancelled"),
        description=tr("Mark one or more meetings held or cancelled, all of them or none."),
    )
    marks = session.add_subparsers(dest="session_action", metavar=tr("ACTION"), required=True)
    for name, status, text in (
        ("held", SessionStatus.HELD, tr("the meetings took place")),
        ("cancelled", SessionStatus.CANCELLED, tr("the meetings did not take place")),
    ):
        mark = marks.add_parser(name, help=text, description=text)
        mark.add_argument(
            "ids", type=int, nargs="+", metavar="ID", help=tr("the meetings (see: list sessions)")
        )
        mark.add_argument("--json", action="store_true", help=tr("print JSON"))
        mark.set_defaults(handler=_mark, status=status)

    checkin = subparsers.add_parser(
        "checkin", help=tr("record a check-in"), description=tr("Record a check-in.")
    )
    actions = checkin.add_subparsers(dest="checkin_action", metavar=tr("ACTION"), required=True)
    add = actions.add_parser(
        "add",
        help=tr("record the mid-round or final feedback of a tandem's mentor or mentee"),
        description=tr(
            "Record what the mentor or the mentee of a tandem reported at mid-round or at "
            "the end. Recording the same person and phase again replaces it."
        ),
    )
    add.add_argument("--tandem", type=int, required=True, metavar="ID", help=tr("the tandem"))
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--by", choices=["mentor", "mentee"], help=tr("who reported"))
    who.add_argument("--participant", type=int, metavar="ID", help=tr("who reported, by id"))
    add.add_argument("--phase", choices=[p.value for p in CheckinPhase], required=True)
    add.add_argument(
        "--relationship", type=int, metavar="1-5", help=tr("how well they work together")
    )
    add.add_argument("--progress", type=int, metavar="1-5", help=tr("how well they progress"))
    add.add_argument("--goals", choices=[g.value for g in GoalsReached], help=tr("goals reached"))
    add.add_argument("--again", choices=["yes", "no"], help=tr("would take part again"))
    add.add_argument(
        "--date", metavar=tr("YYYY-MM-DD"), help=tr("the day of the feedback (default today)")
    )
    add.add_argument("--json", action="store_true", help=tr("print JSON"))
    add.set_defaults(handler=_checkin)


def _mark(args: argparse.Namespace, db: Database) -> int:
    from app.services.sessions import set_statuses

    changed = set_statuses(db, dict.fromkeys(args.ids, args.status))
    if args.json:
        print_json(changed)
        return 0
    text = (
        trn("{n} meeting marked held.", "{n} meetings marked held.", len(changed))
        if args.status == SessionStatus.HELD
        else trn("{n} meeting marked cancelled.", "{n} meetings marked cancelled.", len(changed))
    )
    print(text)
    for s in changed:
        print(f"{s.id:>6}  {format_datetime(s.starts_at)}  {s.mentor_name} → {s.mentee_name}")
    return 0


def _checkin(args: argparse.Namespace, db: Database) -> int:
    from app.services.checkins import record_checkin
    from app.services.tandems import get_tandem

    tandem = get_tandem(db, args.tandem)
    if args.by is not None:
        person_id = tandem.mentor_id if args.by == "mentor" else tandem.mentee_id
    else:
        person_id = args.participant
    day = parse_day(args.date, "submitted_on")
    saved = record_checkin(
        db,
        tandem.id,
        person_id,
        CheckinPhase(args.phase),
        relationship_rating=args.relationship,
        progress_rating=args.progress,
        goals_reached=GoalsReached(args.goals) if args.goals else None,
        would_take_part_again=None if args.again is None else args.again == "yes",
        on=day,
    )
    if args.json:
        print_json(saved)
        return 0
    name = tandem.mentor_name if person_id == tandem.mentor_id else tandem.mentee_name
    print(
        tr(
            "Check-in recorded: {name}, {phase}, tandem {id}, on {day}.",
            name=name,
            phase=label(saved.phase),
            id=tandem.id,
            day=format_date(saved.submitted_on),
        )
    )
    return 0
