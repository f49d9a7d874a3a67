"""The import as steps a wizard (or the command line) drives:

1. `ImportSession.open(path)` reads the file and detects encoding, delimiter and header row;
2. `session.mapping` holds the columns recognised automatically; `set_column()` /
   `map_header()` change it by hand and `mapping_problems()` says what is still missing;
3. `session.preview(db)` checks every row (errors, warnings, new or update) and writes nothing;
4. `session.apply(db, progress=, is_cancelled=)` writes all accepted rows in one transaction.

A person is identified by personnel number where the file has that column, otherwise by
e-mail address; importing the same list again updates those people and adds only new ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.errors import TandemError, ValidationError
from app.i18n import tr, trn
from app.imports.columns import FIELDS, REQUIRED_FIELDS, auto_mapping, field_label
from app.imports.reader import SourceTable, read_file
from app.imports.rows import (
    CellProblem,
    date_value,
    number_value,
    role_value,
    status_value,
    text_value,
    topics_value,
)
from app.model import ParticipantStatus, Role
from app.services import participants as participant_rules
from app.services.common import parse_date, to_iso

ERROR, WARNING = "error", "warning"
NEW, UPDATE, REJECTED = "new", "update", "rejected"
CHUNK = 500

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class ImportCancelled(TandemError):
    """The user cancelled the import; nothing was written."""


class MappingError(TandemError):
    """The columns do not allow an import (no name columns, a field mapped twice, ...)."""

    def __init__(self, message: str, headers: list[str] | None = None) -> None:
        super().__init__(message)
        self.headers = headers or []


@dataclass(frozen=True)
class Problem:
    """An error or warning about one row: the file's line, the column as written in the
    file (None for the whole row) and what is wrong, translated."""

    line: int
    column: str | None
    message: str
    severity: str = ERROR
    field: str | None = None

    @property
    def text(self) -> str:
        """The column and what is wrong (the line is given separately)."""
        if self.column is None:
            return self.message
        return tr("Column “{column}”: {message}", column=self.column, message=self.message)

    @property
    def full_text(self) -> str:
        """Line, column and what is wrong, for a report."""
        return tr("Line {line}: {text}", line=self.line, text=self.text)


@dataclass
class RowPreview:
    """One data row as it would be imported."""

    line: int
    values: dict[str, Any]
    action: str = NEW
    existing_id: int | None = None
    existing_name: str | None = None  # the name in the program file before the update
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    manager_ref: str | None = None
    manager_target: tuple[str, int] | None = None  # ("row", index) or ("db", id)
    manager_name: str | None = None

    @property
    def name(self) -> str:
        first = self.values.get("first_name") or ""
        last = self.values.get("last_name") or ""
        return f"{first} {last}".strip()

    @property
    def accepted(self) -> bool:
        return not self.errors


class _RowOutcomes:
    """The rejected rows and the warnings among an import's `rows`."""

    rows: list[RowPreview]

    @property
    def rejected_rows(self) -> list[RowPreview]:
        return [r for r in self.rows if r.action == REJECTED]

    @property
    def warnings(self) -> list[Problem]:
        return [w for r in self.rows for w in r.warnings]


@dataclass
class ImportPreview(_RowOutcomes):
    """Every row with its errors, warnings and action; nothing has been written.
    `rows[i]` belongs to `source.rows[i]` (same order, same line numbers)."""

    source: SourceTable
    mapping: dict[int, str]
    rows: list[RowPreview]
    without_consent: int = 0
    """Accepted rows whose person will have no consent date after the import (they are not
    proposed for pairs until consent is recorded)."""

    @property
    def new_count(self) -> int:
        return sum(1 for r in self.rows if r.action == NEW)

    @property
    def update_count(self) -> int:
        return sum(1 for r in self.rows if r.action == UPDATE)

    @property
    def errors(self) -> list[Problem]:
        return [e for r in self.rows for e in r.errors]

    def summary(self) -> dict[str, Any]:
        """The figures as the command line prints them with --json."""
        return _summary(self.new_count, self.update_count, self.rows)


@dataclass
class ImportResult(_RowOutcomes):
    """What an import wrote."""

    imported: int
    updated: int
    rows: list[RowPreview]
    participant_ids: list[int] = field(default_factory=list)
    without_consent: int = 0
    """Imported or updated people who have no consent date now (see `consent_note`)."""

    def summary(self) -> dict[str, Any]:
        """`{"imported", "updated", "rejected": [{line, errors}], "warnings": [{line, message}]}`."""
        return _summary(self.imported, self.updated, self.rows)


def consent_note(without_consent: int) -> str:
    """What follows from people without a consent date, for the import's summary ('' when
    everyone has one)."""
    if not without_consent:
        return ""
    return trn(
        "{n} person has no consent date: they will not be proposed for pairs until "
        "consent is recorded.",
        "{n} people have no consent date: they will not be proposed for pairs until "
        "consent is recorded.",
        without_consent,
    )


def _summary(imported: int, updated: int, rows: list[RowPreview]) -> dict[str, Any]:
    return {
        "imported": imported,
        "updated": updated,
        "rejected": [
            {"line": r.line, "errors": [e.text for e in r.errors]} for r in rows if r.errors
        ],
        "warnings": [{"line": w.line, "message": w.text} for r in rows for w in r.warnings],
    }


# --- the session the wizard drives ---------------------------------------------------------


class ImportSession:
    """A file being imported: its table, and the mapping of columns to fields."""

    def __init__(self, source: SourceTable) -> None:
        self.source = source
        self.mapping: dict[int, str] = auto_mapping(source.headers)

    @classmethod
    def open(cls, path: Path | str, header_line: int | None = None) -> ImportSession:
        """Read a file (FileRefusedError when it cannot be read) and map its columns. The
        header row is detected unless `header_line` (the file's line number) names it."""
        return cls(read_file(path, header_line))

    @property
    def headers(self) -> list[str]:
        return self.source.headers

    def column_titles(self) -> list[str]:
        """Every column's header as the user sees it."""
        return [self.source.column_title(i) for i in range(len(self.source.headers))]

    def field_of(self, index: int) -> str | None:
        return self.mapping.get(index)

    def set_column(self, index: int, field_name: str | None) -> None:
        """Map column `index` to a field (or to nothing). A field taken by another column
        moves to this one."""
        if field_name is not None and field_name not in FIELDS:
            raise ValidationError(_unknown_field_message(field_name), field="field")
        if index < 0 or index >= len(self.source.headers):
            raise ValidationError(tr("There is no column {n}.", n=index + 1), field="column")
        if field_name is None:
            self.mapping.pop(index, None)
            return
        for other, name in list(self.mapping.items()):
            if name == field_name and other != index:
                del self.mapping[other]
        self.mapping[index] = field_name

    def map_header(self, header: str, field_name: str) -> None:
        """Map the column with this header (as written, case-insensitive) to a field."""
        wanted = " ".join(header.split()).casefold()
        for index, title in enumerate(self.column_titles()):
            if title.casefold() == wanted:
                self.set_column(index, field_name)
                return
        raise MappingError(
            tr(
                "The file has no column “{header}”. Columns found: {columns}.",
                header=header,
                columns=self.columns_found(),
            ),
            self.column_titles(),
        )

    def columns_found(self) -> str:
        """The headers of the file, quoted, for messages."""
        return ", ".join(quoted(t) for t in self.column_titles()) or tr("(none)")

    def unmapped_columns(self) -> list[int]:
        """Columns that no field reads (shown to the user to map by hand)."""
        return [i for i in range(len(self.source.headers)) if i not in self.mapping]

    def mapping_problems(self) -> list[str]:
        """What keeps the mapping from being imported (empty when it is fine)."""
        mapped = set(self.mapping.values())
        missing = [field_label(name) for name in REQUIRED_FIELDS if name not in mapped]
        if missing:
            return [
                tr(
                    "No column for {fields} was recognised. Columns found: {columns}. "
                    "Please say which column holds it.",
                    fields=", ".join(missing),
                    columns=self.columns_found(),
                )
            ]
        return []

    def check_mapping(self) -> None:
        """Raise MappingError when the mapping cannot be imported."""
        problems = self.mapping_problems()
        if problems:
            raise MappingError(problems[0], self.column_titles())

    def preview(self, db: Database) -> ImportPreview:
        """Check every row against the rules and the file's people; writes nothing."""
        self.check_mapping()
        return plan(db, self.source, dict(self.mapping))

    def apply(
        self,
        db: Database,
        progress: Progress | None = None,
        is_cancelled: CancelCheck | None = None,
    ) -> ImportResult:
        """Write every accepted row in one transaction (checked again inside it)."""
        self.check_mapping()
        return apply_import(db, self.source, dict(self.mapping), progress, is_cancelled)


def display_value(field_name: str, value: Any) -> str:
    """A parsed value as the preview shows it, in the user's language."""
    from app.i18n import format_date
    from app.labels import label, topic_label

    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, (Role, ParticipantStatus)):
        return label(value)
    if isinstance(value, tuple):
        return ", ".join(topic_label(v) for v in value)
    return str(value)


def quoted(text: str) -> str:
    """A text in the quotation marks of the current language."""
    return tr("“{text}”", text=text)


def _unknown_field_message(name: str) -> str:
    return tr("Unknown field “{field}”. Fields: {fields}.", field=name, fields=", ".join(FIELDS))


# --- checking the rows ---------------------------------------------------------------------


@dataclass
class _Person:
    id: int
    personnel_number: str | None
    email: str | None
    first_name: str
    last_name: str
    manager_id: int | None
    status: str = str(ParticipantStatus.ACTIVE)
    status_date: str | None = None
    consent_date: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class _Index:
    """The people already in the file, looked up by number, e-mail and name."""

    def __init__(self, db: Database) -> None:
        self.by_id: dict[int, _Person] = {}
        self.by_number: dict[str, _Person] = {}
        self.by_email: dict[str, _Person] = {}
        self.by_name: dict[str, list[_Person]] = defaultdict(list)
        rows = db.execute(
            # Erased and anonymised people are placeholders: never matched or updated.
            "SELECT id, personnel_number, email, first_name, last_name, manager_id, status, "
            "status_date, consent_date FROM participants WHERE anonymised_on IS NULL"
        ).fetchall()
        for row in rows:
            person = _Person(*row)
            self.by_id[person.id] = person
            if person.personnel_number:
                self.by_number[person.personnel_number] = person
            if person.email:
                self.by_email[person.email.lower()] = person
            for key in _name_keys(person.first_name, person.last_name):
                self.by_name[key].append(person)


def _name_keys(first: str | None, last: str | None) -> list[str]:
    if not first or not last:
        return []
    return [f"{first} {last}".casefold(), f"{last}, {first}".casefold()]


_PARSERS: dict[str, Callable[[object], Any]] = {
    "personnel_number": number_value,
    "first_name": text_value,
    "last_name": text_value,
    "email": text_value,
    "department": text_value,
    "position": text_value,
    "manager": number_value,
    "manager_name": text_value,
    "start_date": date_value,
    "role": role_value,
    "consent_date": date_value,
    "can_teach": topics_value,
    "wants_to_learn": topics_value,
    "status": status_value,
    "status_date": date_value,
}


def manager_reference(mapping: dict[int, str]) -> dict[int, str]:
    """The mapping with one manager reference: the "Manager" column (a personnel number,
    e-mail or name); the manager's name beside it (as an export writes it) is only for
    people to read, and is the reference itself when there is no "Manager" column."""
    fields = set(mapping.values())
    if "manager_name" not in fields:
        return mapping
    if "manager" in fields:
        return {col: name for col, name in mapping.items() if name != "manager_name"}
    return {col: "manager" if name == "manager_name" else name for col, name in mapping.items()}


def plan(db: Database, source: SourceTable, mapping: dict[int, str]) -> ImportPreview:
    """Check every row: values, identity, duplicates, managers and reporting-line cycles."""
    mapping = manager_reference(mapping)
    index = _Index(db)
    column_of = {name: source.column_title(i) for i, name in mapping.items()}
    has_number = "personnel_number" in column_of
    rows: list[RowPreview] = []
    for source_row in source.rows:
        values: dict[str, Any] = {}
        preview = RowPreview(line=source_row.line, values=values)
        for col, name in mapping.items():
            try:
                values[name] = _PARSERS[name](source_row.cell(col))
            except CellProblem as problem:
                values[name] = None
                _error(preview, column_of[name], problem.message, name)
        for name, message in participant_rules.name_errors(
            values.get("first_name"), values.get("last_name")
        ).items():
            if not any(e.field == name for e in preview.errors):
                _error(preview, column_of[name], message, name)
        email = values.get("email")
        if email:
            message = participant_rules.email_format_error(email)
            if message:
                _error(preview, column_of["email"], message, "email")
                values["email"] = None
        rows.append(preview)

    _match_identities(rows, index, column_of, has_number)
    for row in rows:
        _resolve_status(row, index, column_of)
    _resolve_managers(rows, index, column_of)
    _break_cycles(rows, index, column_of)
    order = {name: i for i, name in mapping.items()}

    def position(problem: Problem) -> int:
        return order.get(problem.field or "", -1)

    for row in rows:
        _row_warnings(row, column_of)
        row.errors.sort(key=position)
        row.warnings.sort(key=position)
        if row.errors:
            row.action = REJECTED
        else:
            row.action = UPDATE if row.existing_id is not None else NEW
    return ImportPreview(
        source=source,
        mapping=mapping,
        rows=rows,
        without_consent=_without_consent(rows, index, "consent_date" in column_of),
    )


def _without_consent(rows: list[RowPreview], index: _Index, has_column: bool) -> int:
    """How many accepted rows leave their person without a consent date: the row's own
    date where the list has that column, otherwise the date already in the file."""
    count = 0
    for row in rows:
        if row.errors:
            continue
        if has_column:
            missing = row.values.get("consent_date") is None
        elif row.existing_id is not None:
            missing = index.by_id[row.existing_id].consent_date is None
        else:
            missing = True
        count += missing
    return count


def _error(row: RowPreview, column: str | None, message: str, name: str | None) -> None:
    row.errors.append(Problem(row.line, column, message, ERROR, name))


def _warn(row: RowPreview, column: str | None, message: str, name: str | None) -> None:
    row.warnings.append(Problem(row.line, column, message, WARNING, name))


def _match_identities(
    rows: list[RowPreview], index: _Index, column_of: dict[str, str], has_number: bool
) -> None:
    """Find each row's person in the file (update) and report duplicates within the list."""
    seen_number: dict[str, int] = {}
    seen_email: dict[str, int] = {}
    seen_person: dict[int, int] = {}
    name_only: dict[str, list[RowPreview]] = defaultdict(list)
    for row in rows:
        number = row.values.get("personnel_number") if has_number else None
        email = row.values.get("email")
        email_key = email.lower() if email else None
        duplicate = False
        if number:
            if number in seen_number:
                duplicate = True
                _error(
                    row,
                    column_of["personnel_number"],
                    tr(
                        "The personnel number {number} appears twice in the list: it is "
                        "already in line {other}.",
                        number=number,
                        other=seen_number[number],
                    ),
                    "personnel_number",
                )
            else:
                seen_number[number] = row.line
        if email_key:
            if email_key in seen_email:
                if not duplicate:
                    _error(
                        row,
                        column_of["email"],
                        tr(
                            "The e-mail address {email} appears twice in the list: it is "
                            "already in line {other}.",
                            email=email,
                            other=seen_email[email_key],
                        ),
                        "email",
                    )
                duplicate = True
            else:
                seen_email[email_key] = row.line
        if duplicate:
            continue
        person: _Person | None = None
        if number:
            person = index.by_number.get(number)
        if person is None and email_key:
            by_mail = index.by_email.get(email_key)
            if by_mail is not None:
                if number and by_mail.personnel_number and by_mail.personnel_number != number:
                    _error(
                        row,
                        column_of["email"],
                        participant_rules.email_taken_message(email or "", by_mail.name),
                        "email",
                    )
                    continue
                person = by_mail
        elif person is not None and email_key:
            owner = index.by_email.get(email_key)
            if owner is not None and owner.id != person.id:
                _error(
                    row,
                    column_of["email"],
                    participant_rules.email_taken_message(email or "", owner.name),
                    "email",
                )
                continue
        if person is None and not number and not email_key:
            keys = _name_keys(row.values.get("first_name"), row.values.get("last_name"))
            if keys:
                name_only[keys[0]].append(row)
            continue
        if person is not None:
            if person.id in seen_person:
                field_name = "personnel_number" if number else "email"
                _error(
                    row,
                    column_of.get(field_name),
                    tr(
                        "This row describes {name}, who is already in line {other}.",
                        name=person.name,
                        other=seen_person[person.id],
                    ),
                    field_name,
                )
                continue
            seen_person[person.id] = row.line
            row.existing_id = person.id
            row.existing_name = person.name
    # Rows without number or e-mail: the same name as exactly one person without either.
    for key, same in name_only.items():
        candidates = [
            p for p in index.by_name.get(key, []) if not p.personnel_number and not p.email
        ]
        if len(same) == 1 and len(candidates) == 1 and candidates[0].id not in seen_person:
            same[0].existing_id = candidates[0].id
            same[0].existing_name = candidates[0].name
            seen_person[candidates[0].id] = same[0].line


def _resolve_managers(rows: list[RowPreview], index: _Index, column_of: dict[str, str]) -> None:
    """Link each row's manager reference to a row of the list or a person in the file."""
    if "manager" not in column_of:
        return
    column = column_of["manager"]
    good: dict[str, dict[str, list[int]]] = {"number": {}, "email": {}, "name": {}}
    bad: dict[str, dict[str, list[int]]] = {"number": {}, "email": {}, "name": {}}
    for pos, row in enumerate(rows):
        target = good if not row.errors else bad
        keys = {
            "number": [row.values.get("personnel_number")],
            "email": [(row.values.get("email") or "").lower()],
            "name": _name_keys(row.values.get("first_name"), row.values.get("last_name")),
        }
        for kind, values in keys.items():
            for value in values:
                if value:
                    target[kind].setdefault(value, []).append(pos)
    matched = {r.existing_id for r in rows if r.existing_id is not None and not r.errors}
    for pos, row in enumerate(rows):
        ref = row.values.get("manager")
        row.manager_ref = ref
        if not ref:
            continue
        found = _find_manager(ref, good, index, matched)
        if found is None:
            in_bad = _find_manager(ref, bad, None, set())
            if in_bad is not None and in_bad[0] == "row":
                other = rows[in_bad[1]]
                _warn(
                    row,
                    column,
                    tr(
                        "The manager “{ref}” is in line {other}, which is not imported because "
                        "of its errors: the person is imported without a manager.",
                        ref=ref,
                        other=other.line,
                    ),
                    "manager",
                )
            else:
                _warn(
                    row,
                    column,
                    tr(
                        "The manager “{ref}” matches no one in the list or in the program: "
                        "the person is imported without a manager.",
                        ref=ref,
                    ),
                    "manager",
                )
            continue
        if found[0] == "ambiguous":
            _warn(
                row,
                column,
                tr(
                    "The manager “{ref}” matches several people: the person is imported "
                    "without a manager. Use the personnel number or e-mail address instead.",
                    ref=ref,
                ),
                "manager",
            )
            continue
        kind, key = found
        if kind == "row" and rows[key].existing_id is not None:
            found = ("db", rows[key].existing_id)  # type: ignore[assignment]
        if (found[0] == "row" and found[1] == pos) or (
            found[0] == "db" and row.existing_id == found[1]
        ):
            _warn(
                row,
                column,
                tr("A person cannot be their own manager: imported without a manager."),
                "manager",
            )
            continue
        row.manager_target = found  # type: ignore[assignment]
        if found[0] == "row":
            row.manager_name = rows[found[1]].name
        else:
            person = index.by_id[found[1]]
            row.manager_name = person.name


def _find_manager(
    ref: str, rows: dict[str, dict[str, list[int]]], index: _Index | None, matched: set[int]
) -> tuple[str, int] | None:
    """("row", position), ("db", id), ("ambiguous", 0) or None."""
    folded = ref.lower()
    hits = rows["number"].get(ref)
    if hits:
        return ("row", hits[0])
    if index is not None and ref in index.by_number:
        return ("db", index.by_number[ref].id)
    if "@" in ref:
        hits = rows["email"].get(folded)
        if hits:
            return ("row", hits[0])
        if index is not None and folded in index.by_email:
            return ("db", index.by_email[folded].id)
        return None
    key = " ".join(ref.split()).casefold()
    hits = rows["name"].get(key, [])
    people = index.by_name.get(key, []) if index is not None else []
    people = [p for p in people if p.id not in matched]  # those are rows of the list
    if len(hits) == 1 and not people:
        return ("row", hits[0])
    if not hits and len(people) == 1:
        return ("db", people[0].id)
    if hits or people:
        return ("ambiguous", 0)
    return None


def _break_cycles(rows: list[RowPreview], index: _Index, column_of: dict[str, str]) -> None:
    """Find reporting lines that would go in a circle and drop the link of the last row in
    each circle, with a warning naming the circle."""
    if "manager" not in column_of:
        return

    def node(pos: int) -> tuple[str, int]:
        existing = rows[pos].existing_id
        return ("db", existing) if existing is not None else ("row", pos)

    while True:
        managers: dict[tuple[str, int], tuple[str, int] | None] = {
            ("db", p.id): (("db", p.manager_id) if p.manager_id else None)
            for p in index.by_id.values()
        }
        owner: dict[tuple[str, int], int] = {}
        for pos, row in enumerate(rows):
            if row.errors:
                continue
            target = row.manager_target
            if target is not None and target[0] == "row":
                target = node(target[1])
            managers[node(pos)] = target
            owner[node(pos)] = pos
        cycle = _first_cycle(managers, owner)
        if not cycle:
            return
        positions = [owner[n] for n in cycle if n in owner]
        last = max(positions, key=lambda p: rows[p].line)
        names = [rows[owner[n]].name if n in owner else index.by_id[n[1]].name for n in cycle]
        row = rows[last]
        row.manager_target = None
        _warn(
            row,
            column_of["manager"],
            tr(
                "The reporting line would go in a circle ({chain}): the person is imported "
                "without a manager.",
                chain=" → ".join([*names, names[0]]),
            ),
            "manager",
        )


def _first_cycle(
    managers: dict[tuple[str, int], tuple[str, int] | None], owner: dict[tuple[str, int], int]
) -> list[tuple[str, int]]:
    """The first circle through a row of the list, as a list of nodes, or []."""
    state: dict[tuple[str, int], int] = {}
    for start in owner:
        if start in state:
            continue
        path: list[tuple[str, int]] = []
        on_path: dict[tuple[str, int], int] = {}
        current: tuple[str, int] | None = start
        while current is not None and current not in state:
            on_path[current] = len(path)
            path.append(current)
            state[current] = 1
            current = managers.get(current)
            if current is not None and current in on_path:
                return path[on_path[current] :]
        for done in path:
            state[done] = 2
    return []


def _resolve_status(row: RowPreview, index: _Index, column_of: dict[str, str]) -> None:
    """Set the status and status date the row will store, where the list has either column.

    An empty status cell keeps the status a person already has (new people are active). A
    status date goes with alumni and left the company; on an active person it is ignored
    with a warning. Without a status-date column, a person whose status does not change
    keeps the date they have."""
    if "status" not in column_of and "status_date" not in column_of:
        return
    if any(p.field in ("status", "status_date") for p in row.errors):
        return
    values = row.values
    existing = index.by_id.get(row.existing_id) if row.existing_id is not None else None
    before = ParticipantStatus(existing.status) if existing else None
    status = values.get("status") or before or ParticipantStatus.ACTIVE
    if "status_date" in column_of:
        when = values.get("status_date")
    elif existing is not None and before == status:
        when = parse_date(existing.status_date)
    else:
        when = None
    if status == ParticipantStatus.ACTIVE and when is not None:
        if "status_date" in column_of:
            _warn(
                row,
                column_of["status_date"],
                tr(
                    "The person is active, so the status date {date} is ignored.",
                    date=display_value("status_date", when),
                ),
                "status_date",
            )
        when = None
    values["status"] = status
    values["status_date"] = when


def _row_warnings(row: RowPreview, column_of: dict[str, str]) -> None:
    if row.existing_name and row.name and row.existing_name != row.name and not row.errors:
        _warn(
            row,
            column_of["last_name"],
            tr(
                "{old} is already in the program: the name changes to {new}.",
                old=row.existing_name,
                new=row.name,
            ),
            "last_name",
        )
    if "consent_date" in column_of and row.values.get("consent_date") is None:
        if not any(p.field == "consent_date" for p in row.errors):
            _warn(
                row,
                column_of["consent_date"],
                tr(
                    "No consent date: the person is recorded but cannot be put into a tandem "
                    "until consent is given."
                ),
                "consent_date",
            )
    if (
        "role" in column_of
        and row.values.get("role") is None
        and row.existing_id is None
        and not any(p.field == "role" for p in row.errors)
    ):
        _warn(row, column_of["role"], tr("No role given: recorded as mentee."), "role")


# --- writing -------------------------------------------------------------------------------

_COLUMNS = (
    "personnel_number",
    "first_name",
    "last_name",
    "email",
    "department",
    "position",
    "start_date",
    "role",
    "consent_date",
    "status",
    "status_date",
)
_STATUS_FIELDS = {"status", "status_date"}


def apply_import(
    db: Database,
    source: SourceTable,
    mapping: dict[int, str],
    progress: Progress | None = None,
    is_cancelled: CancelCheck | None = None,
) -> ImportResult:
    """Check the rows again and write every accepted one in one transaction, reporting
    progress (rows done, total) and stopping with ImportCancelled when `is_cancelled()`
    says so. A cancel or an error leaves the file exactly as it was."""
    mapping = manager_reference(mapping)
    fields = set(mapping.values())
    if fields & _STATUS_FIELDS:
        fields |= _STATUS_FIELDS  # both are resolved together (see _resolve_status)
    with db.atomic():
        preview = plan(db, source, mapping)
        accepted = [(pos, r) for pos, r in enumerate(preview.rows) if r.accepted]
        total = len(accepted)
        _check(progress, is_cancelled, 0, total)
        db.execute("PRAGMA defer_foreign_keys = ON")
        next_id = int(db.execute("SELECT coalesce(max(id), 0) FROM participants").fetchone()[0])
        ids: dict[int, int] = {}
        for pos, row in accepted:
            if row.existing_id is not None:
                ids[pos] = row.existing_id
            else:
                next_id += 1
                ids[pos] = next_id
        topic_ids = _topic_ids(db, [r for _, r in accepted], fields)
        columns = [c for c in _COLUMNS if c in fields]
        insert_sql = (
            "INSERT INTO participants (id, personnel_number, first_name, last_name, email, "
            "department, position, manager_id, start_date, role, consent_date, status, "
            "status_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        sets = []
        for c in columns:
            if c in ("personnel_number", "role", "status"):
                sets.append(f"{c} = coalesce(?, {c})")
            else:
                sets.append(f"{c} = ?")
        if "manager" in fields:
            sets.append("manager_id = ?")
        sets.append("updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')")
        update_sql = f"UPDATE participants SET {', '.join(sets)} WHERE id = ?"
        done = 0
        imported = updated = 0
        for start in range(0, total, CHUNK):
            chunk = accepted[start : start + CHUNK]
            inserts, updates, topic_rows, cleared = [], [], [], []
            for pos, row in chunk:
                pid = ids[pos]
                values = row.values
                manager_id = _manager_id(row, ids)
                stored = {c: _stored(c, values.get(c)) for c in _COLUMNS}
                if row.existing_id is None:
                    stored["role"] = stored["role"] or str(Role.MENTEE)
                    stored["status"] = stored["status"] or str(ParticipantStatus.ACTIVE)
                    inserts.append(
                        (
                            pid,
                            stored["personnel_number"],
                            stored["first_name"],
                            stored["last_name"],
                            stored["email"],
                            stored["department"],
                            stored["position"],
                            manager_id,
                            stored["start_date"],
                            stored["role"],
                            stored["consent_date"],
                            stored["status"],
                            stored["status_date"],
                        )
                    )
                    imported += 1
                else:
                    params = [stored[c] for c in columns]
                    if "manager" in fields:
                        params.append(manager_id)
                    params.append(pid)
                    updates.append(params)
                    updated += 1
                for kind, name in (("teach", "can_teach"), ("learn", "wants_to_learn")):
                    if name not in fields:
                        continue
                    if row.existing_id is not None:
                        cleared.append((pid, kind))
                    for topic_id in dict.fromkeys(
                        topic_ids[t.casefold()] for t in values.get(name) or ()
                    ):
                        topic_rows.append((pid, topic_id, kind))
            if inserts:
                db.conn.executemany(insert_sql, inserts)
            if updates:
                db.conn.executemany(update_sql, updates)
            if cleared:
                db.conn.executemany(
                    "DELETE FROM participant_topics WHERE participant_id = ? AND kind = ?",
                    cleared,
                )
            if topic_rows:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO participant_topics (participant_id, topic_id, kind) "
                    "VALUES (?, ?, ?)",
                    topic_rows,
                )
            done += len(chunk)
            _check(progress, is_cancelled, done, total)
    return ImportResult(
        imported=imported,
        updated=updated,
        rows=preview.rows,
        participant_ids=[ids[pos] for pos, _ in accepted],
        without_consent=preview.without_consent,
    )


def _check(
    progress: Progress | None, is_cancelled: CancelCheck | None, done: int, total: int
) -> None:
    if progress is not None:
        progress(done, total)
    if is_cancelled is not None and is_cancelled():
        raise ImportCancelled(tr("The import was cancelled. Nothing was written."))


def _stored(column: str, value: Any) -> Any:
    if isinstance(value, date):
        return to_iso(value)
    if isinstance(value, (Role, ParticipantStatus)):
        return str(value)
    return value


def _manager_id(row: RowPreview, ids: dict[int, int]) -> int | None:
    target = row.manager_target
    if target is None:
        return None
    if target[0] == "row":
        return ids.get(target[1])
    return target[1]


def _topic_ids(db: Database, rows: list[RowPreview], fields: set[str]) -> dict[str, int]:
    """Catalogue ids of every topic named in the rows, adding new topics (built-in topics
    are also found by their German name)."""
    from app.services.topics import ensure_topic

    names: dict[str, str] = {}
    for row in rows:
        for name in ("can_teach", "wants_to_learn"):
            if name in fields:
                for topic in row.values.get(name) or ():
                    names.setdefault(topic.casefold(), topic)
    return {key: ensure_topic(db, name).id for key, name in names.items()}
