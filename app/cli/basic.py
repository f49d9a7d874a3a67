"""Commands `init`, `stats` and `list`."""

from __future__ import annotations

import argparse
from typing import Any

from sqlite_utils import Database

from app.cli.output import plain, print_json
from app.db import create_database
from app.i18n import format_date, format_datetime, format_number, tr
from app.labels import label


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    init = subparsers.add_parser("init", help=tr("create an empty program file"))
    init.set_defaults(handler=_init, creates_db=True)

    stats = subparsers.add_parser("stats", help=tr("count what the file holds"))
    stats.add_argument("--json", action="store_true", help=tr("print JSON"))
    stats.set_defaults(handler=_stats)

    listing = subparsers.add_parser(
        "list", help=tr("list participants, rounds, tandems or sessions")
    )
    listing.add_argument("kind", choices=["participants", "rounds", "tandems", "sessions"])
    listing.add_argument("--json", action="store_true", help=tr("print JSON"))
    listing.set_defaults(handler=_list)


def _init(args: argparse.Namespace, _db: None) -> int:
    create_database(args.db).close()
    print(tr("Created {path}.", path=str(args.db)))
    return 0


def _stats(args: argparse.Namespace, db: Database) -> int:
    from app.services.stats import get_stats

    stats = get_stats(db)
    if args.json:
        print_json(stats)
    else:
        names = {
            "participants": tr("Participants"),
            "mentors": tr("Mentors"),
            "mentees": tr("Mentees"),
            "rounds": tr("Rounds"),
            "tandems": tr("Tandems"),
            "sessions_planned": tr("Meetings planned"),
            "sessions_held": tr("Meetings held"),
            "sessions_cancelled": tr("Meetings cancelled"),
            "notes": tr("Private notes"),
        }
        for key, value in plain(stats).items():
            print(f"{names[key]}: {format_number(value)}")
    return 0


def _list(args: argparse.Namespace, db: Database) -> int:
    from app.services import participants, rounds, sessions, tandems

    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    if args.kind == "participants":
        for p in participants.list_participants(db):
            rows.append({**plain(p), "name": p.name})
            lines.append(f"{p.id:>6}  {p.name}  ({label(p.role)}, {p.department or '–'})")
    elif args.kind == "rounds":
        for r in rounds.list_rounds(db):
            rows.append(
                {**plain(r), "start": r.start_date.isoformat(), "end": r.end_date.isoformat()}
            )
            lines.append(
                f"{r.id:>6}  {r.name}  {format_date(r.start_date)} – {format_date(r.end_date)}"
            )
    elif args.kind == "tandems":
        for t in tandems.list_tandems(db):
            rows.append(plain(t))
            lines.append(
                f"{t.id:>6}  {t.mentor_name} → {t.mentee_name}  ({label(t.status)}, {t.round_name})"
            )
    else:
        for s in sessions.list_sessions(db, with_agenda=False):
            rows.append(plain(s))
            lines.append(
                f"{s.id:>6}  {format_datetime(s.starts_at)}  {s.mentor_name} → {s.mentee_name}  ({label(s.status)})"
            )
    if args.json:
        print_json(rows)
    else:
        print("\n".join(lines) if lines else tr("(none)"))
    return 0
