"""Erasing and anonymising a participant (GDPR art. 17), and compacting the file afterwards.

Two ways, each in ONE transaction and final (there is no undo):

- `anonymise_participant(db, id)` removes what names or describes the person: name, e-mail
  address, personnel number, department, position and start date, every private note on
  them, their tandems or those tandems' meetings, and the free text of those tandems and
  meetings (goals, reason for ending, place, summary, agenda). What the programme's figures
  count stays: role, consent date, status and its date, their topics and check-ins.
- `erase_participant(db, id)` removes all of that and also the person's topics, the check-ins
  they gave and their place in the reporting line.

In both, the person's row stays as a placeholder named "Anonymised participant <number>",
marked by `anonymised_on` (and `erased_on`), holding only the role, consent date, status and
status date. Their tandems keep their dates, status, focus topics and meetings (date, length,
status), so the round's figures stay right. One placeholder per person rather than one shared
"anonymised participant" row: a shared row would make two erased partners one person (a
tandem's mentor and mentee must differ), count several people as one in every figure about
people, and merge their consent and leaving dates; a row per person keeps the foreign keys as
they are and needs no change to any tandem.

What is found comes from the privacy service's schema walk (`privacy.personal_data`), the
same walk as the personal data export, so a table added later cannot be forgotten:
`ERASURE_RULES` says what each walked table's rows undergo, and erasure refuses to run when
the walk reaches a table (or `participants` has a column) that has no rule here.

Decisions, as a data-protection officer would ask:
- Notes on a tandem or one of its meetings go with either partner: HR wrote them about the
  pair and cannot write about one without the other, and nothing can tell which sentence is
  about whom. The partner loses HR's notes on that tandem; their own notes stay.
- The free text of the tandem (goals, reason for ending) and of its meetings (place, summary,
  agenda) goes for the same reason; dates, length, status and focus topics (names from the
  shared catalogue) stay, since the figures count them.
- The partner's check-ins stay: they are the partner's answers.
- People who reported to the person now report to the person's own manager, so the line above
  them stays whole for the rule that no one is paired within their reporting line. An
  anonymised person keeps their own manager (the figure "outside the reporting line" of their
  past tandems stays right); an erased one loses it.
- Tandems still open are left open: their status is HR's record, and an erased partner's
  tandem that goes on no longer is ended in Tandems. The confirmation names them.
- Topic names in the shared catalogue stay, even one first typed for this person.
- Older backups keep the data until their rotation removes them (`backup_notice`); copies the
  user made elsewhere are not Tandem's to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from app.db.backups import KEEP_MONTHS
from app.errors import ConflictError
from app.i18n import N_, format_date, tr, translator, trn
from app.model import OPEN_TANDEM_STATUSES
from app.services import common
from app.services.common import add_months, marks, parse_date, require_row
from app.services.notes import NOTES_TABLE, erase_notes
from app.services.schema_info import columns

BACKUP_MONTHS = KEEP_MONTHS
"""How long the automatic backups of a file are kept at most (the rotation of app/db keeps the
last ten, one a day for 14 days and one a month for 12 months)."""

PLACEHOLDER_NAME = N_("Anonymised participant")
"""The first name of an erased or anonymised person's row; the last name is the record number."""


class ErasureMode(StrEnum):
    """Erase everything about the person, or anonymise them and keep what the figures count."""

    ERASE = "erase"
    ANONYMISE = "anonymise"


class Action(StrEnum):
    """What happens to the rows the walk found in a table."""

    KEEP = "keep"
    DELETE = "delete"
    CLEAR = "clear"  # the row stays, its free-text columns are emptied
    PLACEHOLDER = "placeholder"  # the person's own row (see PARTICIPANT_COLUMNS)


@dataclass(frozen=True)
class TableRule:
    """What erasing and anonymising do with the rows of one table the walk found.

    `clear` lists (column, value) for CLEAR; `kept_text` names the text columns that stay
    because they are not free text (dates, statuses), so a new text column is a decision."""

    erase: Action
    anonymise: Action
    clear: tuple[tuple[str, Any], ...] = ()
    kept_text: tuple[str, ...] = ()

    def action(self, mode: ErasureMode) -> Action:
        """The action in `mode`."""
        return self.erase if mode == ErasureMode.ERASE else self.anonymise


_TANDEM_DATES = ("proposed_on", "agreed_on", "started_on", "completed_on", "dissolved_on")

ERASURE_RULES: dict[str, TableRule] = {
    "participants": TableRule(Action.PLACEHOLDER, Action.PLACEHOLDER),
    "participant_topics": TableRule(Action.DELETE, Action.KEEP, kept_text=("kind",)),
    "tandems": TableRule(
        Action.CLEAR,
        Action.CLEAR,
        clear=(("goals", ""), ("dissolution_reason", None)),
        kept_text=("status", *_TANDEM_DATES, "created_at"),
    ),
    "tandem_topics": TableRule(Action.KEEP, Action.KEEP),
    "sessions": TableRule(
        Action.CLEAR,
        Action.CLEAR,
        clear=(("location", ""), ("summary", "")),
        kept_text=("starts_at", "status"),
    ),
    "agenda_items": TableRule(Action.DELETE, Action.DELETE),
    "checkins": TableRule(
        Action.DELETE, Action.KEEP, kept_text=("phase", "goals_reached", "submitted_on")
    ),
    NOTES_TABLE: TableRule(Action.DELETE, Action.DELETE),  # through notes.erase_notes
}

# The person's own row: what each column becomes. "name": the placeholder; "clear": NULL;
# "clear_on_erase": NULL when erasing, kept when anonymising; "keep": counted by the figures
# (or technical); "now": the time of the change; "mark": the date of the anonymisation.
PARTICIPANT_COLUMNS: dict[str, str] = {
    "id": "keep",
    "personnel_number": "clear",
    "first_name": "name",
    "last_name": "name",
    "email": "clear",
    "department": "clear",
    "position": "clear",
    "manager_id": "clear_on_erase",
    "start_date": "clear",
    "role": "keep",
    "consent_date": "keep",
    "status": "keep",
    "status_date": "keep",
    "created_at": "keep",
    "updated_at": "now",
    "anonymised_on": "mark",
    "erased_on": "mark",
}

_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%S', 'now')"


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing or anonymising one person removes and keeps (counts of rows), before it
    is done: for the confirmation. `name` is the person's name as it is now; `open_tandems`
    names the tandems still open ("round – partner")."""

    participant_id: int
    name: str
    mode: ErasureMode
    topics: int
    checkins: int
    notes: int
    tandems: int
    meetings: int
    agenda_items: int
    reports: int
    open_tandems: tuple[str, ...] = ()
    has_manager: bool = False


@dataclass(frozen=True)
class ErasureResult:
    """What was done. `name` is the placeholder the person's tandems show now (the old name is
    nowhere in the result, so printing it cannot repeat it)."""

    participant_id: int
    mode: ErasureMode
    name: str
    done_on: date
    topics: int
    checkins: int
    notes: int
    tandems: int
    meetings: int
    agenda_items: int
    reports: int


@dataclass(frozen=True)
class CompactResult:
    """The size of the program file before and after compacting, in bytes."""

    bytes_before: int
    bytes_after: int


# --- checks ------------------------------------------------------------------------------------


def unruled_tables(db: Database) -> list[str]:
    """Tables the privacy walk reaches that ERASURE_RULES does not cover, and `participants`
    columns that PARTICIPANT_COLUMNS does not cover (as `participants.column`)."""
    from app.services.privacy import walked_tables

    missing = [t for t in walked_tables(db) if t not in ERASURE_RULES]
    missing += [
        f"participants.{c.name}"
        for c in columns(db, "participants")
        if c.name not in PARTICIPANT_COLUMNS
    ]
    return missing


def _refusal(row: dict[str, Any], mode: ErasureMode) -> str | None:
    """Why this person cannot be erased or anonymised (again), or None."""
    if row.get("erased_on"):
        return tr(
            "This person was already erased on {date}; nothing about them is left to remove.",
            date=format_date(parse_date(row["erased_on"])),
        )
    if row.get("anonymised_on") and mode == ErasureMode.ANONYMISE:
        return tr(
            "This person was already anonymised on {date}. You can still erase what is left.",
            date=format_date(parse_date(row["anonymised_on"])),
        )
    return None


def _checked_row(db: Database, participant_id: int, mode: ErasureMode) -> dict[str, Any]:
    row = require_row(db, "participants", participant_id, tr("Participant"))
    refusal = _refusal(row, mode)
    if refusal:
        raise ConflictError(refusal)
    missing = unruled_tables(db)
    if missing:  # a bug: a new table or column needs a decision in ERASURE_RULES
        raise RuntimeError(f"erasure has no rule for: {', '.join(missing)}")
    return row


# --- the plan ----------------------------------------------------------------------------------


def _rows(data: Any, table: str) -> int:
    extract = data.table(table)
    return len(extract.rows) if extract else 0


def _plan(db: Database, participant_id: int, mode: ErasureMode, data: Any) -> ErasurePlan:
    reports = db.execute(
        "SELECT count(*) FROM participants WHERE manager_id = ?", [participant_id]
    ).fetchone()[0]
    open_tandems = tuple(
        f"{t.tandem.round_name} – {t.partner_name}"
        for t in data.tandems
        if t.tandem.status in OPEN_TANDEM_STATUSES
    )
    return ErasurePlan(
        participant_id=participant_id,
        name=data.participant.name,
        mode=mode,
        topics=_rows(data, "participant_topics"),
        checkins=_rows(data, "checkins"),
        notes=_rows(data, NOTES_TABLE),
        tandems=_rows(data, "tandems"),
        meetings=_rows(data, "sessions"),
        agenda_items=_rows(data, "agenda_items"),
        reports=int(reports),
        open_tandems=open_tandems,
        has_manager=data.participant.manager_id is not None,
    )


def plan_erasure(db: Database, participant_id: int, mode: ErasureMode | str) -> ErasurePlan:
    """What erasing (or anonymising) the person would remove and keep; refused as the action
    itself would be (NotFoundError, ConflictError). Writes nothing."""
    from app.services.privacy import personal_data

    mode = ErasureMode(mode)
    _checked_row(db, participant_id, mode)
    return _plan(db, participant_id, mode, personal_data(db, participant_id))


def describe(plan: ErasurePlan) -> tuple[list[str], list[str]]:
    """The lines of a confirmation, translated: what is removed for good, and what stays
    without the person's name."""
    erase = plan.mode == ErasureMode.ERASE
    removed = [tr("Name, e-mail address, personnel number, department, position and start date")]
    kept: list[str] = []
    if plan.notes:
        removed.append(
            trn(
                "{n} private note on the person, their tandems or meetings",
                "{n} private notes on the person, their tandems or meetings",
                plan.notes,
            )
        )
    if plan.tandems:
        removed.append(tr("The goals and the reason for ending of their tandems"))
    if plan.meetings:
        removed.append(tr("The place and summary of their tandems’ meetings"))
    if plan.agenda_items:
        removed.append(trn("{n} agenda item", "{n} agenda items", plan.agenda_items))
    topics = trn(
        "{n} topic they can teach or want to learn",
        "{n} topics they can teach or want to learn",
        plan.topics,
    )
    checkins = trn("{n} check-in they gave", "{n} check-ins they gave", plan.checkins)
    # Erasing removes these; anonymising keeps them (listed after what the figures count).
    personal = [
        text
        for present, text in (
            (plan.topics, topics),
            (plan.checkins, checkins),
            (plan.has_manager, tr("Their manager")),
        )
        if present
    ]
    if erase:
        removed.extend(personal)
    if plan.tandems:
        kept.append(
            trn(
                "{n} tandem with its dates, status and focus topics",
                "{n} tandems with their dates, status and focus topics",
                plan.tandems,
            )
        )
    if plan.meetings:
        kept.append(
            trn(
                "{n} meeting with its date, length and status",
                "{n} meetings with their date, length and status",
                plan.meetings,
            )
        )
    kept.append(tr("Role, consent date and status with its date, which the figures count"))
    if not erase:
        kept.extend(personal)
    if plan.reports:
        kept.append(
            trn(
                "{n} person who reported to them now reports to their manager",
                "{n} people who reported to them now report to their manager",
                plan.reports,
            )
        )
    return removed, kept


def open_tandems_warning(plan: ErasurePlan) -> str:
    """A warning about tandems still open ('' when there are none)."""
    if not plan.open_tandems:
        return ""
    return trn(
        "This tandem is still open: {tandems}. It stays as it is, with an anonymised "
        "participant; end it in Tandems if it does not go on.",
        "These tandems are still open: {tandems}. They stay as they are, with an anonymised "
        "participant; end them in Tandems if they do not go on.",
        len(plan.open_tandems),
        tandems="; ".join(plan.open_tandems),
    )


# --- doing it ----------------------------------------------------------------------------------


def placeholder_name(db: Database, participant_id: int) -> tuple[str, str]:
    """The first and last name an erased or anonymised person's row gets, in the file's
    document language: ("Anonymised participant", "<record number>")."""
    from app.services.settings import document_language

    return translator(document_language(db)).tr(PLACEHOLDER_NAME), str(participant_id)


def _delete(db: Database, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if "id" in names:
        index = names.index("id")
        ids = [row[index] for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            db.execute(f'DELETE FROM "{table}" WHERE id IN ({marks(chunk)})', chunk)
        return
    where = " AND ".join(f'"{name}" IS ?' for name in names)
    for row in rows:
        db.execute(f'DELETE FROM "{table}" WHERE {where}', list(row))


def _clear(db: Database, table: str, ids: list[int], values: tuple[tuple[str, Any], ...]) -> None:
    sets = ", ".join(f'"{column}" = ?' for column, _ in values)
    params = [value for _, value in values]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        db.execute(f'UPDATE "{table}" SET {sets} WHERE id IN ({marks(chunk)})', params + chunk)


def _replace_person(db: Database, participant_id: int, mode: ErasureMode, today: date) -> str:
    """Turn the person's row into the placeholder; returns the placeholder's name."""
    first, last = placeholder_name(db, participant_id)
    erase = mode == ErasureMode.ERASE
    sets: list[str] = []
    params: list[Any] = []
    for column, how in PARTICIPANT_COLUMNS.items():
        if how == "name":
            sets.append(f"{column} = ?")
            params.append(first if column == "first_name" else last)
        elif how == "clear" or (how == "clear_on_erase" and erase):
            sets.append(f"{column} = NULL")
        elif how == "now":
            sets.append(f"{column} = {_NOW_SQL}")
        elif column == "anonymised_on":
            sets.append("anonymised_on = coalesce(anonymised_on, ?)")
            params.append(today.isoformat())
        elif column == "erased_on" and erase:
            sets.append("erased_on = ?")
            params.append(today.isoformat())
    db.execute(f"UPDATE participants SET {', '.join(sets)} WHERE id = ?", [*params, participant_id])
    return f"{first} {last}"


def apply_erasure(
    db: Database, participant_id: int, mode: ErasureMode | str, today: date | None = None
) -> ErasureResult:
    """Erase or anonymise one person in ONE transaction (nested in the caller's, if any)."""
    from app.services.privacy import personal_data

    mode = ErasureMode(mode)
    day = today or common.today()
    with db.atomic():
        row = _checked_row(db, participant_id, mode)
        data = personal_data(db, participant_id)
        plan = _plan(db, participant_id, mode, data)
        # The reporting line first: whoever reported to the person reports to their manager.
        db.execute(
            f"UPDATE participants SET manager_id = ?, updated_at = {_NOW_SQL} WHERE manager_id = ?",
            [row["manager_id"], participant_id],
        )
        for extract in data.tables:
            rule = ERASURE_RULES[extract.table]
            action = rule.action(mode)
            if action == Action.DELETE and extract.table == NOTES_TABLE:
                erase_notes(db, [r["id"] for r in extract.as_dicts()])
            elif action == Action.DELETE:
                _delete(db, extract.table, extract.columns, extract.rows)
            elif action == Action.CLEAR:
                ids = [r["id"] for r in extract.as_dicts()]
                _clear(db, extract.table, ids, rule.clear)
        name = _replace_person(db, participant_id, mode, day)
    counts = {
        k: v for k, v in vars(plan).items() if k not in ("name", "open_tandems", "has_manager")
    }
    return ErasureResult(**counts, name=name, done_on=day)


def erase_participant(
    db: Database, participant_id: int, today: date | None = None
) -> ErasureResult:
    """Erase a person completely (see the module's docstring): their record, topics,
    check-ins and the private notes on them, their tandems and meetings; their tandems keep
    their dates and meetings with an anonymised participant. Refused (ConflictError) for a
    person erased already; NotFoundError for an unknown id."""
    return apply_erasure(db, participant_id, ErasureMode.ERASE, today)


def anonymise_participant(
    db: Database, participant_id: int, today: date | None = None
) -> ErasureResult:
    """Anonymise a person (see the module's docstring): name, e-mail, personnel number,
    organisation data, private notes and free text go; what the figures count stays.
    Refused (ConflictError) for a person anonymised or erased already."""
    return apply_erasure(db, participant_id, ErasureMode.ANONYMISE, today)


def is_anonymised(db: Database, participant_id: int) -> bool:
    """True when the person was erased or anonymised."""
    row = db.execute(
        "SELECT anonymised_on FROM participants WHERE id = ?", [participant_id]
    ).fetchone()
    return bool(row and row[0])


# --- after it: the file and its backups ------------------------------------------------------------


def _file_bytes(db: Database) -> int:
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    return int(pages) * int(size)


def compact(db: Database) -> CompactResult:
    """Rebuild the program file without its free space (SQLite's VACUUM), so nothing that was
    deleted or overwritten is left anywhere in it. Deleted data is overwritten already
    (secure_delete); this also removes the pages it was on. Takes a moment on a large file;
    must not run inside a transaction."""
    if db.conn.in_transaction:
        raise RuntimeError("compact() inside a transaction")
    before = _file_bytes(db)
    db.execute("VACUUM")
    return CompactResult(before, _file_bytes(db))


def backups_hold_until(today: date | None = None) -> date:
    """The day by which rotation has removed every backup made before `today`."""
    return add_months(today or common.today(), BACKUP_MONTHS)


def backup_notice(today: date | None = None) -> str:
    """What the user is told after an erasure: the backups still hold the data, and until when."""
    return tr(
        "The automatic backups made before today still hold the removed data. Tandem keeps "
        "backups for up to {months} months, so the last of them is removed by {date}. Copies "
        "you saved or printed yourself are not changed: delete them by hand.",
        months=BACKUP_MONTHS,
        date=format_date(backups_hold_until(today)),
    )


def done_message(result: ErasureResult) -> str:
    """One sentence saying what was done (names the placeholder, never the old name)."""
    if result.mode == ErasureMode.ERASE:
        return tr("The person was erased. Their tandems now show “{name}”.", name=result.name)
    return tr("The person was anonymised. Their tandems now show “{name}”.", name=result.name)
