"""Command `demo`: fill a program file with demo data."""

from __future__ import annotations

import argparse

from sqlite_utils import Database

from app.i18n import tr


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `demo` command."""
    demo = subparsers.add_parser("demo", help=tr("fill the file with a demo company"))
    demo.add_argument(
        "--participants", type=int, default=120, help=tr("how many employees (default 120)")
    )
    demo.add_argument("--seed", type=int, default=1, help=tr("random seed (same seed, same data)"))
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace, db: Database) -> int:
    from app.demo import generate_demo

    summary = generate_demo(db, participants=args.participants, seed=args.seed)
    print(tr("Demo data written: {n} participants.", n=summary.participants))
    return 0
