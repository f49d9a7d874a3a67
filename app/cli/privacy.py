"""Commands `erase`, `anonymise` and `retention`: removing a person's data (GDPR art. 17).

Both are final. In a terminal the command shows what is removed and asks before it acts
(`--yes` skips the question); from a script (no terminal) it acts at once.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlite_utils import Database

from app.cli.arguments import record_id
from app.cli.output import plain, print_json
from app.errors import ValidationError
from app.i18n import format_date, tr, trn
from app.labels import label
from app.services import erasure, retention
from app.services.erasure import ErasureMode


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    erase = subparsers.add_parser(
        "erase",
        help=tr("erase a person completely; their tandems stay with an anonymised participant"),
    )
    _person_arguments(erase)
    erase.set_defaults(handler=_erase, mode=ErasureMode.ERASE)

    anonymise = subparsers.add_parser(
        "anonymise",
        help=tr("anonymise a person: name, contact details and free text go, figures stay"),
    )
    _person_arguments(anonymise)
    anonymise.set_defaults(handler=_erase, mode=ErasureMode.ANONYMISE)

    keep = subparsers.add_parser(
        "retention",
        help=tr("show who is due for erasure after the retention period, and erase them"),
    )
    keep.add_argument(
        "--due", action="store_true", help=tr("list the people whose retention period has ended")
    )
    what = keep.add_mutually_exclusive_group()
    what.add_argument(
        "--erase", dest="mode", action="store_const", const=ErasureMode.ERASE,
        help=tr("erase everyone due (with --due)"),
    )  # fmt: skip
    what.add_argument(
        "--anonymise", dest="mode", action="store_const", const=ErasureMode.ANONYMISE,
        help=tr("anonymise everyone due (with --due)"),
    )  # fmt: skip
    keep.add_argument(
        "--months", type=int, metavar="N",
        help=tr("keep personal data N months (1 to 120) from now on; stored in the file"),
    )  # fmt: skip
    _common_arguments(keep)
    keep.set_defaults(handler=_retention)


def _person_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--participant", type=record_id, required=True, metavar="ID",
        help=tr("the person's number (as `list participants` shows it)"),
    )  # fmt: skip
    _common_arguments(parser)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--compact", action="store_true",
        help=tr("compact the file afterwards, so no trace of the removed data is left in it"),
    )  # fmt: skip
    parser.add_argument("--yes", action="store_true", help=tr("do not ask before acting"))
    parser.add_argument("--json", action="store_true", help=tr("print JSON"))


def _confirmed(args: argparse.Namespace, lines: list[str]) -> bool:
    """Ask on a terminal (unless --yes); a script without a terminal is not asked."""
    if args.yes or not (sys.stdin.isatty() and sys.stderr.isatty()):
        return True
    print("\n".join(lines), file=sys.stderr)
    print(tr("This cannot be undone. Type “yes” to go on: "), end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().casefold() in ("yes", "ja", "j", "y")


def _plan_lines(plan: erasure.ErasurePlan) -> list[str]:
    removed, kept = erasure.describe(plan)
    title = (
        tr("Erase {name}?", name=plan.name)
        if plan.mode == ErasureMode.ERASE
        else tr("Anonymise {name}?", name=plan.name)
    )
    lines = [title, tr("Removed for good:"), *(f"  - {line}" for line in removed)]
    lines += [tr("Stays, without the name:"), *(f"  - {line}" for line in kept)]
    warning = erasure.open_tandems_warning(plan)
    return [*lines, warning] if warning else lines


def _after(args: argparse.Namespace, db: Database, done: Any) -> int:
    """Compact if asked, then print the result and the notice about backups."""
    compacted = erasure.compact(db) if args.compact else None
    notice = erasure.backup_notice()
    if args.json:
        print_json(
            {
                **plain(done),
                "compacted": plain(compacted),
                "backups_hold_until": erasure.backups_hold_until().isoformat(),
            }
        )
        return 0
    if compacted is not None:
        print(
            tr(
                "The file was compacted: {before} KB before, {after} KB now.",
                before=compacted.bytes_before // 1024,
                after=compacted.bytes_after // 1024,
            )
        )
    else:
        print(tr("Add --compact (or compact the file in the window) to remove every trace."))
    print(notice)
    return 0


def _erase(args: argparse.Namespace, db: Database) -> int:
    plan = erasure.plan_erasure(db, args.participant, args.mode)
    if not _confirmed(args, _plan_lines(plan)):
        print(tr("Cancelled."), file=sys.stderr)
        return 1
    result = erasure.apply_erasure(db, args.participant, args.mode)
    if not args.json:
        print(erasure.done_message(result))
    return _after(args, db, result)


def _due_line(person: retention.DuePerson) -> str:
    facts = [label(person.status)]
    if person.status_date:
        facts.append(tr("since {date}", date=format_date(person.status_date)))
    if person.last_round_end:
        facts.append(tr("last round ended {date}", date=format_date(person.last_round_end)))
    return f"{person.id:>6}  " + tr(
        "{name} ({facts}), due since {date}",
        name=person.name,
        facts=", ".join(facts),
        date=format_date(person.due_on),
    )


def _retention(args: argparse.Namespace, db: Database) -> int:
    if args.mode is not None and not args.due:
        raise ValidationError(tr("Add --due: only the people due can be erased in one step."))
    if args.months is not None:
        retention.set_keep_months(db, args.months)
    months = retention.keep_months(db)
    due = retention.people_due(db)
    if args.mode is None:
        if args.json:
            print_json({"months": months, "due": plain(due) if args.due else len(due)})
            return 0
        print(
            tr(
                "Personal data is kept for {period} after a person's last round ended "
                "or they left.",
                period=trn("{n} month", "{n} months", months),
            )
        )
        print(trn("{n} person is due.", "{n} people are due.", len(due)))
        if args.due:
            for person in due:
                print(_due_line(person))
        return 0
    if not due:
        if args.json:
            print_json({"mode": args.mode.value, "results": [], "compacted": None})
        else:
            print(tr("Nobody is due."))
        return 0
    question = [_due_line(p) for p in due]
    question.append(
        trn("Erase this person?", "Erase these {n} people?", len(due))
        if args.mode == ErasureMode.ERASE
        else trn("Anonymise this person?", "Anonymise these {n} people?", len(due))
    )
    if not _confirmed(args, question):
        print(tr("Cancelled."), file=sys.stderr)
        return 1
    result = retention.apply_retention(db, args.mode, [p.id for p in due])
    if not args.json:
        print(
            trn("{n} person was erased.", "{n} people were erased.", result.count)
            if args.mode == ErasureMode.ERASE
            else trn("{n} person was anonymised.", "{n} people were anonymised.", result.count)
        )
    return _after(args, db, result)
