"""Command `demo`: fill a program file with demo data."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from app.i18n import tr


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `demo` command."""
    demo = subparsers.add_parser(
        "demo",
        help=tr("fill the file with a demo company"),
        description=tr(
            "Fill an empty program file with a demo company: employees in eight departments, "
            "two rounds (one completed, one running), tandems, meetings and check-ins. Dates "
            "follow today's date; the same seed gives the same people and pairs."
        ),
    )
    demo.add_argument(
        "--participants", type=int, default=120, help=tr("how many employees (default 120)")
    )
    demo.add_argument("--seed", type=int, default=1, help=tr("random seed (same seed, same data)"))
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, db: Database) -> int:
    from app.demo import generate_demo

    summary = generate_demo(db, participants=args.participants, seed=args.seed)
    print(tr("Demo data written: {n} participants.", n=summary.participants))
    print(
        tr(
            "{company}: {departments} departments, {rounds} rounds, {tandems} tandems, "
            "{sessions} meetings with {agenda} agenda items, {checkins} check-ins.",
            company=summary.company,
            departments=summary.departments,
            rounds=summary.rounds,
            tandems=summary.tandems,
            sessions=summary.sessions,
            agenda=summary.agenda_items,
            checkins=summary.checkins,
        )
    )
    if summary.notes:
        from app.demo_notes import DEMO_PASSPHRASE

        print(
            tr(
                "{n} private notes, locked with the passphrase “{passphrase}”.",
                n=summary.notes,
                passphrase=DEMO_PASSPHRASE,
            )
        )
    return 0
