"""Everything the program file holds about one participant (GDPR art. 15), found by walking
the schema.

`personal_data(db, participant_id)` starts at the person's row in `participants` and follows
every foreign key that leads there, read from the file itself (`pragma_foreign_key_list`):
rows that name the person directly (their topics, their tandems as mentor or mentee, their own
check-ins), then rows that hang off those (the tandems' focus topics, meetings, agenda items),
and so on. A table added later is found the same way; `COVERED_TABLES` says what each table
means for the person, and a test fails when the walk reaches a table that is not listed there
(or a table is neither listed there nor in `UNRELATED_TABLES`).

Rules of the walk:
- A table with a direct link to `participants` contributes only the rows that name this
  person (a check-in the partner gave is the partner's data, not this person's).
- The person's own row only: other people's rows that name them as manager stay out.
- Private notes are linked by owner kind and id, not by a foreign key: notes on the person,
  on their tandems and on those tandems' meetings. Only that they exist (count, dates) is
  returned, never their content, unless the caller asks for it explicitly with an unlocked
  `NoteVault`.
- Binary columns (encrypted note content, key material) never leave this module.

The personal data export (PDF and JSON) and, later, erasure read through this service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.i18n import tr
from app.model import CheckIn, NoteInfo, NoteOwnerKind, Participant, Role, Session, Tandem
from app.services.common import marks, require_row
from app.services.schema_info import ForeignKey, columns, table_names, tables_referring_to

# What each table reached from `participants` holds about the person (for developers and
# the works-council sheet; the walk itself needs no entry to find a table).
COVERED_TABLES: dict[str, str] = {
    "participants": "the person's own record (their row only)",
    "participant_topics": "topics the person can teach or wants to learn",
    "tandems": "the tandems the person is mentor or mentee in",
    "tandem_topics": "the focus topics of those tandems",
    "sessions": "the meetings of those tandems",
    "agenda_items": "the agenda items of those meetings",
    "checkins": "the person's own check-ins (the partner's stay out)",
    "private_notes": "private notes on the person, their tandems and meetings (existence only)",
}
# Tables that hold nothing about any one person, and why.
UNRELATED_TABLES: dict[str, str] = {
    "topics": "the catalogue of topic names, shared by everyone",
    "rounds": "the program rounds (names, dates, planned meetings)",
    "settings": "program settings (company name, logo, defaults)",
    "note_keys": "the wrapped key of the private notes, not about any person",
}
# The table of the private notes: documents name it through this constant (to describe it),
# never read it themselves.
NOTES_TABLE = "private_notes"
# Tables linked by (owner kind, owner id) instead of a foreign key.
NOTE_OWNER_TABLES: dict[NoteOwnerKind, str] = {
    NoteOwnerKind.PARTICIPANT: "participants",
    NoteOwnerKind.TANDEM: "tandems",
    NoteOwnerKind.SESSION: "sessions",
}


@dataclass(frozen=True)
class TableExtract:
    """The rows of one table that are about the person, as stored (binary columns left out)."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def as_dicts(self) -> list[dict[str, Any]]:
        """The rows as column -> value dictionaries."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class PersonTandem:
    """One of the person's tandems: the tandem, the person's role in it and the partner."""

    tandem: Tandem
    role: Role
    partner_id: int
    partner_name: str


@dataclass(frozen=True)
class PersonalData:
    """What the file holds about one participant.

    `notes` tells which private notes exist (on the person, their tandems or meetings) with
    their dates; `note_texts` is None unless the content was asked for with unlocked notes.
    `tables` holds the raw rows of every table the schema walk reached, in walk order."""

    participant: Participant
    tandems: tuple[PersonTandem, ...]
    sessions: tuple[Session, ...]
    checkins: tuple[CheckIn, ...]
    notes: tuple[NoteInfo, ...]
    tables: tuple[TableExtract, ...]
    note_texts: tuple[Any, ...] | None = None

    @property
    def note_count(self) -> int:
        return len(self.notes)

    def table(self, name: str) -> TableExtract | None:
        """The extract of one table, or None when the walk found no row there."""
        return next((t for t in self.tables if t.table == name), None)


def walked_tables(db: Database) -> list[str]:
    """The tables the walk reaches from `participants` (by foreign key or note owner)."""
    reached = ["participants", *tables_referring_to(db, "participants")]
    if "private_notes" in table_names(db):
        reached.append("private_notes")
    return reached


def _readable_columns(db: Database, table: str) -> list[str]:
    return [c.name for c in columns(db, table) if c.type.upper() != "BLOB"]


def _select(db: Database, table: str, where: str, params: list[Any]) -> TableExtract:
    names = _readable_columns(db, table)
    column_sql = ", ".join(f'"{n}"' for n in names)
    rows = db.execute(
        f'SELECT {column_sql} FROM "{table}" WHERE {where} ORDER BY rowid', params
    ).fetchall()
    return TableExtract(table, tuple(names), tuple(tuple(r) for r in rows))


def _values(extract: TableExtract, column: str) -> set[Any]:
    index = extract.columns.index(column)
    return {row[index] for row in extract.rows if row[index] is not None}


def _walk(db: Database, participant_id: int) -> dict[str, TableExtract]:
    """table -> the rows about the person, following the foreign keys of the file."""
    found = {"participants": _select(db, "participants", "id = ?", [participant_id])}
    links = tables_referring_to(db, "participants")
    direct: dict[str, list[ForeignKey]] = {
        table: [fk for fk in fks if fk.ref_table == "participants"] for table, fks in links.items()
    }
    for table, fks in links.items():  # breadth-first: referenced tables come first
        own = direct[table]
        if own:
            where = " OR ".join(f'"{fk.column}" = ?' for fk in own)
            found[table] = _select(db, table, where, [participant_id] * len(own))
            continue
        clauses, params = [], []
        for fk in fks:
            source = found.get(fk.ref_table)
            values = sorted(_values(source, fk.ref_column)) if source else []
            if values:
                clauses.append(f'"{fk.column}" IN ({marks(values)})')
                params += values
        if clauses:
            found[table] = _select(db, table, " OR ".join(clauses), params)
    found["private_notes"] = _note_extract(_note_infos(db, found))
    return {table: extract for table, extract in found.items() if extract.rows}


def _note_infos(db: Database, found: dict[str, TableExtract]) -> list[NoteInfo]:
    """The private notes on the rows found, read through the notes service (which gives
    owner and dates, never content without the key)."""
    from app.services.notes import list_note_infos

    if "private_notes" not in table_names(db):
        return []
    infos = []
    for kind, table in NOTE_OWNER_TABLES.items():
        for owner_id in sorted(_values(found[table], "id")) if table in found else []:
            infos += list_note_infos(db, kind, owner_id)
    return sorted(infos, key=lambda n: n.id)


def _note_extract(infos: list[NoteInfo]) -> TableExtract:
    rows = tuple(
        (n.id, n.owner_kind.value, n.owner_id, n.created_at.isoformat(), n.updated_at.isoformat())
        for n in infos
    )
    return TableExtract(
        "private_notes", ("id", "owner_kind", "owner_id", "created_at", "updated_at"), rows
    )


def personal_data(
    db: Database,
    participant_id: int,
    *,
    include_note_text: bool = False,
    vault: Any = None,
) -> PersonalData:
    """Everything the file holds about one participant (NotFoundError for an unknown id).

    Note content is read only with `include_note_text=True` and an unlocked `vault`
    (`app.services.notes.NoteVault`); otherwise NotesLockedError. Without it, `notes` tells
    only that notes exist and when they were written or changed."""
    from app.services.checkins import list_checkins
    from app.services.notes import NotesLockedError
    from app.services.participants import get_participant
    from app.services.sessions import list_sessions
    from app.services.tandems import get_tandem

    require_row(db, "participants", participant_id, tr("Participant"))
    if include_note_text and (vault is None or not vault.is_unlocked):
        raise NotesLockedError(
            tr("The private notes are locked. Unlock them with your passphrase.")
        )
    found = _walk(db, participant_id)
    person = get_participant(db, participant_id)

    tandem_ids = sorted(_values(found["tandems"], "id")) if "tandems" in found else []
    tandems = []
    for tandem_id in tandem_ids:
        tandem = get_tandem(db, tandem_id)
        is_mentor = tandem.mentor_id == participant_id
        tandems.append(
            PersonTandem(
                tandem=tandem,
                role=Role.MENTOR if is_mentor else Role.MENTEE,
                partner_id=tandem.mentee_id if is_mentor else tandem.mentor_id,
                partner_name=tandem.mentee_name if is_mentor else tandem.mentor_name,
            )
        )
    sessions = [s for tandem_id in tandem_ids for s in list_sessions(db, tandem_id=tandem_id)]
    checkin_ids = _values(found["checkins"], "id") if "checkins" in found else set()
    own_checkins = [c for c in list_checkins(db) if c.id in checkin_ids] if checkin_ids else []

    notes = _note_infos(db, found)
    note_texts = None
    if include_note_text:
        note_texts = tuple(
            note
            for kind, table in NOTE_OWNER_TABLES.items()
            if table in found
            for owner_id in sorted(_values(found[table], "id"))
            for note in vault.list_notes(kind, owner_id)
        )
    return PersonalData(
        participant=person,
        tandems=tuple(tandems),
        sessions=tuple(sorted(sessions, key=lambda s: (s.starts_at, s.id))),
        checkins=tuple(own_checkins),
        notes=tuple(notes),
        tables=tuple(found.values()),
        note_texts=note_texts,
    )
