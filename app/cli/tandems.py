"""Commands `match`, `plan` and `ics`: matching proposals, planning meetings, Outlook files."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.cli.output import plain, print_json
from app.errors import ValidationError
from app.i18n import tr, trn

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}


def _round_or_tandem(parser: argparse.ArgumentParser) -> None:
    """The required choice --round ID or --tandem ID."""
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--round", type=record_id, metavar="ID", help=tr("the round"))
    which.add_argument("--tandem", type=record_id, metavar="ID", help=tr("the tandem"))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    match = subparsers.add_parser(
        "match", help=tr("propose the best-fitting pairs of a round (and create them)")
    )
    match.add_argument("--round", type=record_id, required=True, metavar="ID", help=tr("the round"))
    match.add_argument(
        "--apply", action="store_true", help=tr("create the proposals as proposed tandems")
    )
    match.add_argument("--json", action="store_true", help=tr("print JSON"))
    match.add_argument(
        "--weight-mentee-learns",
        type=float,
        metavar="W",
        help=tr("points per topic the mentee wants to learn and the mentor can teach"),
    )
    match.add_argument(
        "--weight-mentor-learns",
        type=float,
        metavar="W",
        help=tr("points per topic the mentor wants to learn and the mentee can share"),
    )
    match.add_argument(
        "--weight-departments",
        type=float,
        metavar="W",
        help=tr("bonus points for different departments"),
    )
    match.add_argument(
        "--allow-no-shared-topic",
        action="store_true",
        help=tr("also propose pairs without a shared topic"),
    )
    match.set_defaults(handler=_match)

    plan = subparsers.add_parser(
        "plan", help=tr("plan the meetings of a round or a tandem at the round's cadence")
    )
    _round_or_tandem(plan)
    plan.add_argument(
        "--weekday",
        choices=list(_WEEKDAYS),
        default="tue",
        help=tr("day of the week (default tue)"),
    )
    plan.add_argument("--time", default="10:00", metavar="HH:MM", help=tr("time (default 10:00)"))
    plan.add_argument("--duration", type=int, metavar="MIN", help=tr("duration in minutes"))
    plan.add_argument("--location", default="", help=tr("place or video link"))
    plan.add_argument(
        "--from", dest="start", metavar=tr("YYYY-MM-DD"), help=tr("first possible day")
    )
    plan.add_argument(
        "--include-proposed",
        action="store_true",
        help=tr("also plan proposed tandems, whose people have not agreed yet"),
    )
    plan.add_argument("--json", action="store_true", help=tr("print JSON"))
    plan.set_defaults(handler=_plan)

    ics = subparsers.add_parser(
        "ics",
        help=tr("write the meetings of a round or a tandem as an Outlook calendar file"),
        description=tr(
            "Write the meetings still to come (from today on) of agreed and active tandems "
            "as an Outlook calendar file, with cancellations of meetings sent before that no "
            "longer take place. Past meetings and proposed tandems are left out."
        ),
    )
    _round_or_tandem(ics)
    ics.add_argument("out", type=Path, metavar=tr("OUT.ics"), help=tr("the file to write"))
    ics.add_argument(
        "--timezone", default="Europe/Berlin", help=tr("time zone (default Europe/Berlin)")
    )
    ics.add_argument("--json", action="store_true", help=tr("print JSON"))
    ics.set_defaults(handler=_ics)


def _match(args: argparse.Namespace, db: Database) -> int:
    from app.services.matching import (
        MatchWeights,
        apply_matches,
        no_consent_note,
        propose_matches,
        result_as_dict,
    )

    default = MatchWeights()
    weights = MatchWeights(
        mentee_learns=_pick(args.weight_mentee_learns, default.mentee_learns),
        mentor_learns=_pick(args.weight_mentor_learns, default.mentor_learns),
        different_departments=_pick(args.weight_departments, default.different_departments),
        require_shared_topic=not args.allow_no_shared_topic,
    )
    result = propose_matches(db, args.round, weights)
    created = apply_matches(db, args.round, result.pairs) if args.apply else []
    if args.json:
        data = result_as_dict(result)
        if args.apply:
            data["created"] = [t.id for t in created]
        print_json(data)
        return 0
    for p in result.pairs:
        print(f"{p.score:>6g}  {p.mentor_name} → {p.mentee_name}: {'; '.join(p.reasons)}")
        for warning in p.warnings:
            print("        ! " + warning)
    if not result.pairs:
        print(tr("No pairs to propose."))
    if result.unmatched:
        print()
        print(tr("Without a proposal:"))
        for u in result.unmatched:
            print(f"  {u.name}: {u.reason}")
    if result.no_consent:
        print()
        print(no_consent_note(result))
        print(tr("Record their consent with: consent --participant ID... [--date YYYY-MM-DD]"))
    if args.apply:
        print()
        print(tr("Created {n} proposed tandems.", n=len(created)))
    return 0


def _pick(value: float | None, default: float) -> float:
    return default if value is None else value


def _plan(args: argparse.Namespace, db: Database) -> int:
    from app.services.planning import left_out_lines, plan_round, plan_tandem

    try:
        at = time.fromisoformat(args.time)
    except ValueError as exc:
        raise ValidationError(
            tr("“{value}” is not a time like 10:00.", value=args.time), field="time"
        ) from exc
    try:
        start = date.fromisoformat(args.start) if args.start else None
    except ValueError as exc:
        raise ValidationError(
            tr("“{value}” is not a date like 2026-03-01.", value=args.start), field="start"
        ) from exc
    options = {
        "weekday": _WEEKDAYS[args.weekday],
        "at": at,
        "duration_minutes": args.duration,
        "location": args.location,
        "start": start,
        "include_proposed": args.include_proposed,
    }
    if args.round is not None:
        result = plan_round(db, args.round, **options)
    else:
        result = plan_tandem(db, args.tandem, **options)
    if args.json:
        print_json(plain(result))
    else:
        print(
            tr(
                "{n} meetings planned for {tandems} tandems; {complete} tandems had all "
                "their meetings already.",
                n=result.created,
                tandems=result.tandems_planned,
                complete=result.tandems_complete,
            )
        )
        for line in left_out_lines(result):
            print(line)
        if result.left_out_proposed:
            print(tr("To plan them anyway, add --include-proposed."))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    return 0


def _ics(args: argparse.Namespace, db: Database) -> int:
    from app.services.calendar_export import export_ics

    result = export_ics(
        db, args.out, round_id=args.round, tandem_id=args.tandem, timezone=args.timezone
    )
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "events": result.events,
                "cancelled": result.cancelled,
                "left_out": result.left_out_counts(),
                "written_at": datetime.now().strftime("%Y-%m-%dT%H:%M"),
            }
        )
    else:
        print(tr("{n} meetings written to {path}.", n=result.events, path=str(result.path)))
        if result.cancelled:
            print(
                trn(
                    "{n} of them is a cancellation of a meeting sent before.",
                    "{n} of them are cancellations of meetings sent before.",
                    result.cancelled,
                )
            )
        for line in result.left_out_lines():
            print(line)
    return 0
