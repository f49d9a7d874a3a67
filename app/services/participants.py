"""Participants: the employees in the program, their reporting line and topics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.errors import ConflictError, NotFoundError, ValidationError
from app.i18n import tr
from app.model import (
    DeletedParticipant,
    Participant,
    ParticipantInput,
    ParticipantStatus,
    Role,
    TopicKind,
)
from app.services import common
from app.services import topics as topics_service
from app.services.common import clean, is_valid_email, marks, parse_date, require_row, to_iso
from app.services.paging import Pages

# Explicit columns read as plain tuples: for 5,000 people this is twice as fast as
# sqlite-utils' dict per row, and the participants view opens on it.
_SELECT = """
SELECT p.id, p.first_name, p.last_name, p.personnel_number, p.email, p.department, p.position,
       p.manager_id, m.first_name || ' ' || m.last_name, p.start_date, p.role, p.consent_date,
       p.status, p.status_date
FROM participants p LEFT JOIN participants m ON m.id = p.manager_id
"""
_ROLES = {role.value: role for role in Role}
_STATUSES = {status.value: status for status in ParticipantStatus}


def _topics_by_person(
    db: Database, ids: list[int] | None = None
) -> dict[int, dict[str, list[str]]]:
    sql = (
        "SELECT pt.participant_id, pt.kind, t.name FROM participant_topics pt "
        "JOIN topics t ON t.id = pt.topic_id"
    )
    params: list[Any] = []
    if ids is not None:
        sql += f" WHERE pt.participant_id IN ({marks(ids)})"
        params = list(ids)
    sql += " ORDER BY t.name COLLATE NOCASE"
    result: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"teach": [], "learn": []})
    for person_id, kind, name in db.execute(sql, params):
        result[person_id][kind].append(name)
    return result


def _from_row(row: tuple[Any, ...], topics: dict[str, list[str]] | None) -> Participant:
    (person_id, first, last, number, email, department, position, manager_id, manager_name,
     start, role, consent, status, status_date) = row  # fmt: skip
    topics = topics or {"teach": [], "learn": []}
    return Participant(
        id=person_id,
        first_name=first,
        last_name=last,
        personnel_number=number,
        email=email,
        department=department,
        position=position,
        manager_id=manager_id,
        manager_name=manager_name,
        start_date=parse_date(start),
        role=_ROLES[role],
        consent_date=parse_date(consent),
        status=_STATUSES[status],
        status_date=parse_date(status_date),
        can_teach=tuple(topics["teach"]),
        wants_to_learn=tuple(topics["learn"]),
    )


def list_participants(db: Database) -> list[Participant]:
    """Everyone in the file, sorted by last and first name; erased and anonymised people (the
    placeholders their tandems keep, see app/services/erasure.py) are left out."""
    topics = _topics_by_person(db)
    rows = db.execute(
        _SELECT + " WHERE p.anonymised_on IS NULL "
        "ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE"
    )
    return [_from_row(row, topics.get(row[0])) for row in rows]


def participant_pages(db: Database, size: int = 500) -> Pages[Participant]:
    """Everyone in the file, in pages of `size` people in the order they were added, each
    read only when asked for (a window shows 20,000 people without freezing; it sorts them
    itself)."""

    def read(chunk: list[int]) -> list[Participant]:
        topics = _topics_by_person(db, chunk)
        rows = {
            row[0]: row for row in db.execute(_SELECT + f" WHERE p.id IN ({marks(chunk)})", chunk)
        }
        return [_from_row(rows[i], topics.get(i)) for i in chunk if i in rows]

    ids = [row[0] for row in db.execute("SELECT id FROM participants ORDER BY id")]
    return Pages(ids, read, size)


def get_participant(db: Database, participant_id: int) -> Participant:
    """One participant, or NotFoundError."""
    require_row(db, "participants", participant_id, tr("Participant"))
    row = db.execute(_SELECT + " WHERE p.id = ?", [participant_id]).fetchone()
    return _from_row(row, _topics_by_person(db, [participant_id]).get(participant_id))


def departments(db: Database) -> list[str]:
    """The departments in use, sorted."""
    rows = db.query(
        "SELECT DISTINCT department FROM participants WHERE department IS NOT NULL "
        "ORDER BY department COLLATE NOCASE"
    )
    return [row["department"] for row in rows]


def name_errors(first: str | None, last: str | None) -> dict[str, str]:
    """The messages for missing required names (field -> message); shared with the import."""
    errors: dict[str, str] = {}
    if not clean(first):
        errors["first_name"] = tr("Please enter a first name.")
    if not clean(last):
        errors["last_name"] = tr("Please enter a last name.")
    return errors


def email_format_error(email: str) -> str | None:
    """Why an e-mail address is not valid, or None; shared with the import."""
    if is_valid_email(email):
        return None
    return tr("“{email}” is not a valid e-mail address.", email=email)


def email_taken_message(email: str, name: str) -> str:
    """The message for an e-mail address that belongs to someone else."""
    return tr("The e-mail address {email} already belongs to {name}.", email=email, name=name)


def number_taken_message(number: str, name: str) -> str:
    """The message for a personnel number that belongs to someone else."""
    return tr("The personnel number {number} already belongs to {name}.", number=number, name=name)


def validate(
    db: Database, data: ParticipantInput, participant_id: int | None = None
) -> ParticipantInput:
    """Check a participant's data; returns it cleaned, or raises ValidationError with every
    field's message in `errors`."""
    first, last = clean(data.first_name), clean(data.last_name)
    email = clean(data.email)
    number = clean(data.personnel_number)
    errors = name_errors(first, last)
    if email and email_format_error(email):
        errors["email"] = email_format_error(email) or ""
    elif email:
        clash = list(
            db.query(
                # `email IS NOT NULL` lets SQLite use the partial index on lower(email)
                # (a scan of every person otherwise: 27 ms on 20,000, at every keystroke).
                "SELECT first_name || ' ' || last_name AS name FROM participants "
                "WHERE email IS NOT NULL AND lower(email) = lower(?) AND id IS NOT ?",
                [email, participant_id],
            )
        )
        if clash:
            errors["email"] = email_taken_message(email, clash[0]["name"])
    if number:
        clash = list(
            db.query(
                "SELECT first_name || ' ' || last_name AS name FROM participants "
                "WHERE personnel_number = ? AND id IS NOT ?",
                [number, participant_id],
            )
        )
        if clash:
            errors["personnel_number"] = number_taken_message(number, clash[0]["name"])
    if data.manager_id is not None:
        message = _manager_problem(db, data.manager_id, participant_id)
        if message:
            errors["manager_id"] = message
    try:
        role = Role(data.role)
    except ValueError:
        errors["role"] = tr("Please choose a role: mentor, mentee, or both.")
        role = Role.MENTEE
    try:
        status = ParticipantStatus(data.status)
    except ValueError:
        errors["status"] = tr("Please choose a status.")
        status = ParticipantStatus.ACTIVE
    if errors:
        first_message = next(iter(errors.values()))
        raise ValidationError(first_message, field=next(iter(errors)), errors=errors)
    return ParticipantInput(
        first_name=first or "",
        last_name=last or "",
        personnel_number=number,
        email=email,
        department=clean(data.department),
        position=clean(data.position),
        manager_id=data.manager_id,
        start_date=data.start_date,
        role=role,
        consent_date=data.consent_date,
        status=status,
        status_date=data.status_date if status.has_date else None,
        can_teach=tuple(t for t in (clean(x) for x in data.can_teach) if t),
        wants_to_learn=tuple(t for t in (clean(x) for x in data.wants_to_learn) if t),
    )


def _manager_problem(db: Database, manager_id: int, participant_id: int | None) -> str | None:
    """Why this manager cannot be set, or None: unknown person, oneself, or a cycle."""
    if participant_id is not None and manager_id == participant_id:
        return tr("A person cannot be their own manager.")
    if not list(
        db.query("SELECT 1 FROM participants WHERE id = ? AND anonymised_on IS NULL", [manager_id])
    ):
        return tr("The chosen manager does not exist.")
    if participant_id is None:
        return None
    chain = db.query(
        """
        WITH RECURSIVE up(id, depth) AS (
            SELECT ?, 0
            UNION SELECT p.manager_id, up.depth + 1 FROM participants p JOIN up ON p.id = up.id
            WHERE p.manager_id IS NOT NULL AND up.depth < 10000
        ) SELECT 1 FROM up WHERE id = ? LIMIT 1
        """,
        [manager_id, participant_id],
    )
    if list(chain):
        return tr(
            "This manager reports to this person already: the reporting line would go in a circle."
        )
    return None


def _row(data: ParticipantInput) -> dict[str, Any]:
    return {
        "personnel_number": data.personnel_number,
        "first_name": data.first_name,
        "last_name": data.last_name,
        "email": data.email,
        "department": data.department,
        "position": data.position,
        "manager_id": data.manager_id,
        "start_date": to_iso(data.start_date),
        "role": str(data.role),
        "consent_date": to_iso(data.consent_date),
        "status": str(data.status),
        "status_date": to_iso(data.status_date),
    }


def _set_topics(db: Database, participant_id: int, data: ParticipantInput) -> None:
    db.execute("DELETE FROM participant_topics WHERE participant_id = ?", [participant_id])
    rows = []
    for kind, names in ((TopicKind.TEACH, data.can_teach), (TopicKind.LEARN, data.wants_to_learn)):
        for topic_id in {topics_service.ensure_topic(db, name).id for name in names}:
            rows.append({"participant_id": participant_id, "topic_id": topic_id, "kind": str(kind)})
    if rows:
        db["participant_topics"].insert_all(rows)


def _insert(db: Database, data: ParticipantInput, participant_id: int | None = None) -> int:
    """Insert a person with their topics (inside the caller's transaction); their id."""
    values = _row(data)
    values["id"] = participant_id
    cursor = db.execute(
        "INSERT INTO participants (id, personnel_number, first_name, last_name, email, "
        "department, position, manager_id, start_date, role, consent_date, status, status_date) "
        "VALUES (:id, :personnel_number, :first_name, :last_name, :email, :department, "
        ":position, :manager_id, :start_date, :role, :consent_date, :status, :status_date)",
        values,
    )
    new_id = int(cursor.lastrowid)
    _set_topics(db, new_id, data)
    return new_id


def create_participant(db: Database, data: ParticipantInput) -> Participant:
    """Add a participant after validation; returns it with its new id. The checks and the
    write are one transaction, so no other writer can take the personnel number between."""
    with db.atomic():
        new_id = _insert(db, validate(db, data))
    return get_participant(db, new_id)


def update_participant(db: Database, participant_id: int, data: ParticipantInput) -> Participant:
    """Change a participant after validation (checks and write in one transaction)."""
    with db.atomic():
        require_row(db, "participants", participant_id, tr("Participant"))
        data = validate(db, data, participant_id)
        values = _row(data)
        values["id"] = participant_id
        db.execute(
            "UPDATE participants SET personnel_number = :personnel_number, first_name = :first_name, "
            "last_name = :last_name, email = :email, department = :department, position = :position, "
            "manager_id = :manager_id, start_date = :start_date, role = :role, "
            "consent_date = :consent_date, status = :status, status_date = :status_date, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id = :id",
            values,
        )
        _set_topics(db, participant_id, data)
    return get_participant(db, participant_id)


def tandem_count(db: Database, participant_id: int) -> int:
    """How many tandems (of any status) the person is or was in."""
    row = db.execute(
        "SELECT count(*) FROM tandems WHERE mentor_id = ? OR mentee_id = ?",
        [participant_id, participant_id],
    ).fetchone()
    return int(row[0])


def check_deletable(db: Database, participant_id: int) -> Participant:
    """The person, when they may be deleted; ConflictError for someone who is or was in a
    tandem (anonymise them instead, so the program's history stays whole)."""
    person = get_participant(db, participant_id)
    if tandem_count(db, participant_id):
        raise ConflictError(
            tr(
                "{name} is or was in a tandem and cannot be deleted, so the program's history "
                "stays complete. Anonymise the person instead.",
                name=person.name,
            )
        )
    return person


def delete_participant(db: Database, participant_id: int) -> DeletedParticipant:
    """Delete a person who was never in a tandem (with their topics and notes); those who
    reported to them have no manager afterwards. Returns what `restore_participant` needs.

    A person who is or was in a tandem is refused (see `check_deletable`).
    """
    person = check_deletable(db, participant_id)
    with db.atomic():
        reports = db.execute(
            "SELECT id FROM participants WHERE manager_id = ? ORDER BY id", [participant_id]
        ).fetchall()
        db.execute("DELETE FROM participants WHERE id = ?", [participant_id])
    return DeletedParticipant(person, tuple(row[0] for row in reports))


def restore_participant(
    db: Database, person: Participant, report_ids: Sequence[int] = ()
) -> Participant:
    """Put a just-deleted participant back with the same id and topics (the undo of a
    delete), and make them the manager again of `report_ids` who have no manager now, all in
    one transaction. Their own manager comes back if that person still exists; a report that
    would close a circle in the reporting line keeps having no manager."""
    manager_id = person.manager_id if person.manager_id and _exists(db, person.manager_id) else None
    data = validate(db, replace(person.as_input(), manager_id=manager_id))
    with db.atomic():
        restored_id = _insert(db, data, person.id)
        for report_id in report_ids:
            if _manager_problem(db, restored_id, report_id) is None:
                db.execute(
                    "UPDATE participants SET manager_id = ?, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now') "
                    "WHERE id = ? AND manager_id IS NULL",
                    [restored_id, report_id],
                )
    return get_participant(db, restored_id)


def _exists(db: Database, participant_id: int) -> bool:
    return bool(list(db.query("SELECT 1 FROM participants WHERE id = ?", [participant_id])))


def direct_reports(db: Database, manager_id: int) -> list[Participant]:
    """The people who report to `manager_id` directly (their rows show the manager's name),
    sorted by name."""
    rows = db.execute("SELECT id FROM participants WHERE manager_id = ?", [manager_id])
    return participants_by_ids(db, [row[0] for row in rows.fetchall()])


def reporting_chain(db: Database, participant_id: int) -> list[int]:
    """The ids above a person, nearest manager first."""
    rows = db.query(
        """
        WITH RECURSIVE up(id, depth) AS (
            SELECT manager_id, 1 FROM participants WHERE id = ? AND manager_id IS NOT NULL
            UNION SELECT p.manager_id, up.depth + 1 FROM participants p JOIN up ON p.id = up.id
            WHERE p.manager_id IS NOT NULL AND up.depth < 10000
        ) SELECT id FROM up ORDER BY depth
        """,
        [participant_id],
    )
    return [row["id"] for row in rows]


# --- consent -------------------------------------------------------------------------------

_CHUNK = 500  # ids per `IN (...)`, well below SQLite's limit of parameters


@dataclass(frozen=True)
class ConsentRecorded:
    """What `record_consent` did: the people who got the consent date, those who had one
    already and keep it, and each changed person's date before (what an undo puts back)."""

    on: date
    recorded: list[Participant] = field(default_factory=list)
    already: list[Participant] = field(default_factory=list)
    before: dict[int, date | None] = field(default_factory=dict)


def _consent_dates(db: Database, participant_ids: Sequence[int]) -> dict[int, date | None]:
    """The consent date of each id (each once, in the order given); NotFoundError naming the
    first person who does not exist."""
    wanted = list(dict.fromkeys(participant_ids))
    found: dict[int, date | None] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = db.execute(
            f"SELECT id, consent_date FROM participants WHERE id IN ({marks(chunk)})", chunk
        )
        found.update((row[0], parse_date(row[1])) for row in rows)
    for person_id in wanted:
        if person_id not in found:
            raise NotFoundError(
                tr("{what} {id} does not exist.", what=tr("Participant"), id=person_id)
            )
    return {person_id: found[person_id] for person_id in wanted}


def participants_by_ids(db: Database, participant_ids: Sequence[int]) -> list[Participant]:
    """These people (those that exist), sorted by last and first name."""
    wanted = list(dict.fromkeys(participant_ids))
    people: list[Participant] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        topics = _topics_by_person(db, chunk)
        rows = db.execute(_SELECT + f" WHERE p.id IN ({marks(chunk)})", chunk)
        people.extend(_from_row(row, topics.get(row[0])) for row in rows)
    return sorted(people, key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id))


def record_consent(
    db: Database, participant_ids: Sequence[int], on: date | None = None
) -> ConsentRecorded:
    """Record that these people gave their consent on `on` (default today), all in one
    transaction. People who have a consent date already keep theirs (correct a date in the
    person's form). Refuses an empty choice and unknown ids, writing nothing."""
    if not participant_ids:
        raise ValidationError(tr("Please choose at least one person."), field="participant_ids")
    day = on or common.today()
    if not isinstance(day, date):
        raise ValidationError(tr("Please enter the day of the consent."), field="consent_date")
    before = _consent_dates(db, participant_ids)
    missing = [person_id for person_id, known in before.items() if known is None]
    _write_consent(db, dict.fromkeys(missing, day))
    people = {p.id: p for p in participants_by_ids(db, list(before))}
    return ConsentRecorded(
        on=day,
        recorded=[people[i] for i in missing],
        already=[people[i] for i, known in before.items() if known is not None],
        before=dict.fromkeys(missing),
    )


def set_consent_dates(db: Database, dates: Mapping[int, date | None]) -> list[Participant]:
    """Give several people each a consent date (None: no consent) in one transaction: the
    undo and redo of `record_consent`. Returns the people, sorted by name."""
    _consent_dates(db, list(dates))
    _write_consent(db, dict(dates))
    return participants_by_ids(db, list(dates))


def _write_consent(db: Database, dates: dict[int, date | None]) -> None:
    if not dates:
        return
    with db.atomic():
        db.conn.executemany(
            "UPDATE participants SET consent_date = ?, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id = ?",
            [(to_iso(day), person_id) for person_id, day in dates.items()],
        )
