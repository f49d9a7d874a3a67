"""The description of the processing for the works council and the GDPR art. 30 record
(Verfahrensbeschreibung mit Verzeichnis von Verarbeitungstätigkeiten), made from the real
schema and the list of documents, so it cannot drift from what Tandem stores.

- `TABLES` and `COLUMNS` describe every table and column of the file: what it is for, which
  category of data it holds, where the value comes from. A test fails when the schema has a
  column without a description here (or a description of a column that no longer exists).
- `DOCUMENTS` lists every document and export Tandem makes, who receives it, the fields it
  shows (`table.column`, checked against the schema by a test) and its minimum group size:
  anonymous reports use the file's threshold (5 unless raised); the others are about the
  named people they are handed to.
- `processing_record(db, t)` puts it together with the controller, the HR contact and the
  data protection officer (art. 30(1)(a)) from the settings, the threshold, the programme version and the schema version, translated with `t`.

The texts are marked with N_ and translated when the record is built.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app import __version__
from app.i18n import N_, Translator, translator
from app.services.common import today
from app.services.report_settings import summary_threshold
from app.services.schema_info import columns, table_names

# Categories of data (art. 30(1)(c)).
CATEGORIES: dict[str, str] = {
    "identity": N_("Identity (name, personnel number)"),
    "contact": N_("Contact (business e-mail address)"),
    "organisation": N_("Organisation (department, position, manager, start date)"),
    "programme": N_("Taking part (role, consent, status, topics, tandems and their dates)"),
    "meetings": N_("Meetings (date, length, place, agenda, topics covered)"),
    "feedback": N_("Check-ins (ratings of the tandem from 1 to 5, goals reached)"),
    "notes": N_("Private notes (encrypted; readable only with HR's passphrase)"),
    "settings": N_(
        "Programme settings (company, HR contact, signatories, data protection officer)"
    ),
    "technical": N_("Technical (record numbers, time stamps, keys)"),
}

# Where a value comes from.
SOURCES: dict[str, str] = {
    "hr": N_("entered by HR"),
    "import": N_("imported from HR's employee list or entered by HR"),
    "person": N_("reported by the person, entered by HR"),
    "system": N_("set by Tandem"),
}

_HR = N_("HR (the programme lead), in Tandem")
_KEEP_PERSON = N_(
    "While the person takes part; erased or anonymised on request or when consent is "
    "withdrawn, and once they have left the company or finished the programme, {period} "
    "after their last round ended or they left, whichever is later (the retention setting)."
)
_KEEP_WITH_TANDEM = N_(
    "As long as the programme runs. When a partner is erased or anonymised, the free text "
    "(goals, places, summaries, agenda) goes and the rest stays without their name, so the "
    "figures stay right."
)
_KEEP_PROGRAMME = N_("As long as the programme runs.")


@dataclass(frozen=True)
class TableDescription:
    """What a table is for, whose data it holds, who sees it and how long it is kept."""

    purpose: str
    about: str
    access: str
    retention: str


@dataclass(frozen=True)
class ColumnDescription:
    """What a column is for, its category of data and where its value comes from."""

    purpose: str
    category: str
    source: str


def _c(purpose: str, category: str, source: str = "hr") -> ColumnDescription:
    return ColumnDescription(purpose, category, source)


TABLES: dict[str, TableDescription] = {
    "participants": TableDescription(
        N_("The employees who take part in the programme."), N_("participants"), _HR, _KEEP_PERSON
    ),
    "participant_topics": TableDescription(
        N_("Topics a participant can teach or wants to learn, for proposing pairs."),
        N_("participants"),
        _HR,
        _KEEP_PERSON,
    ),  # fmt: skip
    "topics": TableDescription(
        N_("The catalogue of topic names."), N_("no one (shared list)"), _HR, _KEEP_PROGRAMME
    ),
    "rounds": TableDescription(
        N_("Programme rounds: name, period, planned meetings, how many tandems a person may have."),
        N_("no one (programme data)"),
        _HR,
        _KEEP_PROGRAMME,
    ),  # fmt: skip
    "tandems": TableDescription(
        N_("Pairs of a mentor and a mentee in a round, their goals and their progress."),
        N_("participants"),
        _HR,
        _KEEP_WITH_TANDEM,
    ),  # fmt: skip
    "tandem_topics": TableDescription(
        N_("The focus topics a tandem chose."), N_("participants"), _HR, _KEEP_WITH_TANDEM
    ),
    "sessions": TableDescription(
        N_("The meetings of a tandem: when, how long, where, held or not, topics covered."),
        N_("participants"),
        _HR,
        _KEEP_WITH_TANDEM,
    ),  # fmt: skip
    "agenda_items": TableDescription(
        N_("The agenda of a meeting and its preparation."),
        N_("participants"),
        _HR,
        _KEEP_WITH_TANDEM,
    ),  # fmt: skip
    "checkins": TableDescription(
        N_("Mid-round and final feedback of mentor and mentee on their tandem."),
        N_("participants"),
        _HR,
        _KEEP_WITH_TANDEM,
    ),  # fmt: skip
    "private_notes": TableDescription(
        N_("HR's confidential notes on a participant, tandem or meeting, encrypted."),
        N_("participants"),
        N_("HR only, after unlocking with the passphrase; never in a document or export"),
        N_("Deleted with the person, tandem or meeting they belong to, or by HR."),
    ),
    "note_keys": TableDescription(
        N_("The key of the private notes, itself encrypted with HR's passphrase or recovery key."),
        N_("no one"),
        N_("no one can read it without the passphrase"),
        _KEEP_PROGRAMME,
    ),  # fmt: skip
    "settings": TableDescription(
        N_(
            "Programme settings: company, logo, HR contact, signatories, data protection officer, document defaults."
        ),
        N_("HR staff named as contact or signatory, and the data protection officer"),
        _HR,
        _KEEP_PROGRAMME,
    ),  # fmt: skip
}

COLUMNS: dict[str, dict[str, ColumnDescription]] = {
    "participants": {
        "id": _c(N_("Record number"), "technical", "system"),
        "personnel_number": _c(N_("Personnel number, to match the employee list"), "identity", "import"),
        "first_name": _c(N_("First name"), "identity", "import"),
        "last_name": _c(N_("Last name"), "identity", "import"),
        "email": _c(N_("Business e-mail, for meeting invitations"), "contact", "import"),
        "department": _c(N_("Department, so partners come from different departments"), "organisation", "import"),
        "position": _c(N_("Position, to tell mentors and mentees apart"), "organisation", "import"),
        "manager_id": _c(N_("Manager, to keep partners out of each other's reporting line"), "organisation", "import"),
        "start_date": _c(N_("Start date with the company"), "organisation", "import"),
        "role": _c(N_("Role in the programme: mentor, mentee or both"), "programme", "person"),
        "consent_date": _c(N_("Date the person agreed to take part (voluntary participation)"), "programme", "person"),
        "status": _c(N_("Active, alumni, or left the company"), "programme"),
        "status_date": _c(N_("Date of the last status change (for the retention figure)"), "programme"),
        "created_at": _c(N_("When the record was created"), "technical", "system"),
        "updated_at": _c(N_("When the record was last changed"), "technical", "system"),
        "anonymised_on": _c(N_("Date the person was erased or anonymised: the record then holds no name, only what the figures count"), "technical", "system"),
        "erased_on": _c(N_("Date the person was erased"), "technical", "system"),
    },
    "participant_topics": {
        "participant_id": _c(N_("The participant"), "technical", "system"),
        "topic_id": _c(N_("The topic"), "programme", "person"),
        "kind": _c(N_("Can teach or wants to learn"), "programme", "person"),
    },
    "topics": {
        "id": _c(N_("Record number"), "technical", "system"),
        "name": _c(N_("Topic name"), "programme"),
        "builtin_key": _c(N_("Marks the topics Tandem ships with"), "technical", "system"),
    },
    "rounds": {
        "id": _c(N_("Record number"), "technical", "system"),
        "name": _c(N_("Name of the round"), "programme"),
        "start_date": _c(N_("First day of the round"), "programme"),
        "end_date": _c(N_("Last day of the round"), "programme"),
        "meetings_planned": _c(N_("Meetings planned per tandem"), "programme"),
        "cadence_weeks": _c(N_("Weeks between meetings"), "programme"),
        "capacity_mentor": _c(N_("Tandems a mentor may have at once"), "programme"),
        "capacity_mentee": _c(N_("Tandems a mentee may have at once"), "programme"),
        "target_tandems": _c(N_("How many tandems the round is meant to have"), "programme"),
        "allow_two_tandems": _c(N_("Whether one person may be in two tandems"), "programme"),
        "created_at": _c(N_("When the record was created"), "technical", "system"),
    },
    "tandems": {
        "id": _c(N_("Record number"), "technical", "system"),
        "round_id": _c(N_("The round"), "programme"),
        "mentor_id": _c(N_("The mentor"), "programme"),
        "mentee_id": _c(N_("The mentee"), "programme"),
        "status": _c(N_("Proposed, agreed, active, completed or dissolved"), "programme"),
        "proposed_on": _c(N_("Date proposed"), "programme"),
        "agreed_on": _c(N_("Date the agreement was made"), "programme"),
        "started_on": _c(N_("Date of the first meeting"), "programme"),
        "completed_on": _c(N_("Date completed"), "programme"),
        "dissolved_on": _c(N_("Date ended early"), "programme"),
        "dissolution_reason": _c(N_("Why it ended early, in the partners' words (never reported)"), "programme", "person"),
        "goals": _c(N_("Learning goals the partners set themselves"), "programme", "person"),
        "created_at": _c(N_("When the record was created"), "technical", "system"),
    },
    "tandem_topics": {
        "tandem_id": _c(N_("The tandem"), "technical", "system"),
        "topic_id": _c(N_("A focus topic of the tandem"), "programme", "person"),
    },
    "sessions": {
        "id": _c(N_("Record number"), "technical", "system"),
        "tandem_id": _c(N_("The tandem"), "technical", "system"),
        "starts_at": _c(N_("Date and time of the meeting"), "meetings", "person"),
        "duration_minutes": _c(N_("Length of the meeting"), "meetings", "person"),
        "location": _c(N_("Place or video link"), "meetings", "person"),
        "status": _c(N_("Planned, held or cancelled"), "meetings", "person"),
        "summary": _c(N_("Topics covered, as the partners want them shared (no content of the talk)"), "meetings", "person"),
    },
    "agenda_items": {
        "id": _c(N_("Record number"), "technical", "system"),
        "session_id": _c(N_("The meeting"), "technical", "system"),
        "position": _c(N_("Order on the agenda"), "technical", "system"),
        "title": _c(N_("Agenda item"), "meetings"),
        "preparation": _c(N_("What to prepare"), "meetings"),
    },
    "checkins": {
        "id": _c(N_("Record number"), "technical", "system"),
        "tandem_id": _c(N_("The tandem"), "technical", "system"),
        "participant_id": _c(N_("Who gave the feedback"), "technical", "system"),
        "phase": _c(N_("Mid-round or final"), "feedback", "person"),
        "relationship_rating": _c(N_("How well the tandem works together (1-5)"), "feedback", "person"),
        "progress_rating": _c(N_("Progress on the tandem's goals (1-5)"), "feedback", "person"),
        "goals_reached": _c(N_("Goals reached: yes, partly, no"), "feedback", "person"),
        "would_take_part_again": _c(N_("Would take part again"), "feedback", "person"),
        "submitted_on": _c(N_("Date of the feedback"), "feedback", "person"),
    },
    "private_notes": {
        "id": _c(N_("Record number"), "technical", "system"),
        "owner_kind": _c(N_("Note on a participant, tandem or meeting"), "notes", "system"),
        "owner_id": _c(N_("Which participant, tandem or meeting"), "notes", "system"),
        "nonce": _c(N_("Encryption parameter"), "technical", "system"),
        "ciphertext": _c(N_("The note, encrypted (AES-256-GCM)"), "notes"),
        "created_at": _c(N_("When the note was written"), "notes", "system"),
        "updated_at": _c(N_("When the note was last changed"), "notes", "system"),
    },
    "note_keys": {
        "slot": _c(N_("Passphrase or recovery key"), "technical", "system"),
        "version": _c(N_("Format version"), "technical", "system"),
        "kdf_params": _c(N_("Key derivation parameters (Argon2id)"), "technical", "system"),
        "salt": _c(N_("Key derivation salt"), "technical", "system"),
        "nonce": _c(N_("Encryption parameter"), "technical", "system"),
        "wrapped_key": _c(N_("The notes' key, encrypted"), "technical", "system"),
        "created_at": _c(N_("When the key was set"), "technical", "system"),
        "updated_at": _c(N_("When the key was last changed"), "technical", "system"),
    },
    "settings": {
        "key": _c(N_("Name of the setting"), "technical", "system"),
        "value": _c(N_("Its value (company name, HR contact, signatories, defaults)"), "settings"),
        "data": _c(N_("The company logo"), "settings"),
    },
}  # fmt: skip


@dataclass(frozen=True)
class DocumentDescription:
    """A document or export: who gets it, what it shows, and its minimum group size.

    `anonymous`: shows only figures about groups of at least the file's threshold; otherwise
    it is about the named people it is made for (`min_group` 1)."""

    key: str
    name: str
    purpose: str
    recipients: str
    fields: tuple[str, ...]
    anonymous: bool = False


_NAME = ("participants.first_name", "participants.last_name")
_ROUND = ("rounds.name", "rounds.start_date", "rounds.end_date")

DOCUMENTS: tuple[DocumentDescription, ...] = (
    DocumentDescription(
        "agreement",
        N_("Tandem agreement"),
        N_("The partners' agreement on goals, meetings and confidentiality, to sign."),
        N_("the two partners and HR"),
        (
            *_NAME,
            "participants.position",
            "participants.department",
            "participants.manager_id",
            *_ROUND,
            "rounds.meetings_planned",
            "rounds.cadence_weeks",
            "tandems.goals",
            "tandem_topics.topic_id",
            "sessions.starts_at",
            "sessions.duration_minutes",
            "sessions.location",
            "settings.value",
        ),
    ),  # fmt: skip
    DocumentDescription(
        "certificate",
        N_("Certificate of participation"),
        N_("Confirms that a person took part; it does not assess performance."),
        N_("the person, who decides whether it goes to the personnel file"),
        (
            *_NAME,
            *_ROUND,
            "rounds.meetings_planned",
            "sessions.status",
            "tandem_topics.topic_id",
            "settings.value",
        ),
    ),  # fmt: skip
    DocumentDescription(
        "agenda",
        N_("Agenda sheet for a meeting"),
        N_("The plan of one meeting for the two partners; printable without names."),
        N_("the two partners"),
        (
            *_NAME,
            "sessions.starts_at",
            "sessions.duration_minutes",
            "sessions.location",
            "agenda_items.title",
            "agenda_items.preparation",
            "tandem_topics.topic_id",
            "tandems.goals",
        ),
    ),  # fmt: skip
    DocumentDescription(
        "summary",
        N_("Annual summary"),
        N_("Totals of the programme for a year or a round, to decide whether it continues."),
        N_("management and the works council"),
        (
            "participants.role",
            "participants.consent_date",
            "participants.status",
            "participants.status_date",
            "participants.manager_id",
            *_ROUND,
            "rounds.meetings_planned",
            "tandems.status",
            "tandems.agreed_on",
            "tandems.started_on",
            "sessions.starts_at",
            "sessions.status",
            "sessions.duration_minutes",
            "checkins.relationship_rating",
            "checkins.progress_rating",
            "checkins.goals_reached",
            "checkins.would_take_part_again",
            "tandem_topics.topic_id",
            "topics.name",
        ),
        anonymous=True,
    ),  # fmt: skip
    DocumentDescription(
        "summary_names",
        N_("Named appendix of the annual summary (only on request)"),
        N_("Who formed a tandem with whom; marked “confidential – contains names” on every page."),
        N_("management, only when HR adds it"),
        (
            *_NAME,
            "rounds.name",
            "tandems.status",
            "tandems.started_on",
            "tandems.completed_on",
            "tandems.dissolved_on",
        ),
    ),  # fmt: skip
    DocumentDescription(
        "person",
        N_("Personal data export (GDPR art. 15)"),
        N_("Everything stored about one person, with purpose, source and deletion."),
        N_("the person concerned"),
        (
            "participants.*",
            "participant_topics.*",
            "tandems.*",
            "tandem_topics.*",
            "sessions.*",
            "agenda_items.*",
            "checkins.*",
            "private_notes.created_at",
            "private_notes.updated_at",
        ),
    ),  # fmt: skip
    DocumentDescription(
        "works_council",
        N_("This description of the processing"),
        N_("What Tandem stores and shows, for the works council and the art. 30 record."),
        N_("the works council and the data protection officer"),
        ("settings.value",),
    ),  # fmt: skip
    DocumentDescription(
        "factsheet",
        N_("Programme factsheet"),
        N_("One page about the programme for employer branding."),
        N_("employees and applicants"),
        (
            "tandem_topics.topic_id",
            "topics.name",
            "tandems.status",
            "sessions.status",
            "settings.value",
        ),
        anonymous=True,
    ),  # fmt: skip
    DocumentDescription(
        "participant_export",
        N_("Participant list (Excel or CSV)"),
        N_("The participant list, to correct in Excel and import again."),
        N_("HR"),
        (
            "participants.personnel_number",
            *_NAME,
            "participants.email",
            "participants.department",
            "participants.position",
            "participants.manager_id",
            "participants.start_date",
            "participants.role",
            "participants.consent_date",
            "participants.status",
            "participants.status_date",
            "participant_topics.topic_id",
            "participant_topics.kind",
        ),
    ),  # fmt: skip
    DocumentDescription(
        "calendar",
        N_("Calendar invitations (.ics)"),
        N_("Meeting invitations for Outlook."),
        N_("the two partners"),
        (
            *_NAME,
            "participants.email",
            "sessions.starts_at",
            "sessions.duration_minutes",
            "sessions.location",
            "sessions.summary",
            "agenda_items.title",
            "agenda_items.preparation",
            "tandem_topics.topic_id",
        ),
    ),  # fmt: skip
)

PURPOSES: tuple[str, ...] = (
    N_("Running the company's reverse-mentoring programme: who takes part, who is paired with whom, when the pairs meet and about what."),
    N_("Keeping the programme's rules: voluntary participation, no pairs within a reporting line, confidentiality."),
    N_("The paper the programme needs: agreements, certificates, agendas, and an anonymous annual summary."),
)  # fmt: skip

PEOPLE: tuple[str, ...] = (
    N_("Employees who take part as mentors or mentees, and their managers (as a reference only)."),
    N_("HR staff named as contact or signatory, and the data protection officer."),
)

NOT_STORED: tuple[str, ...] = (
    N_("What is said in the meetings: only that a meeting took place and, at most, its topics."),
    N_("Assessments of performance or behaviour; check-in ratings describe the tandem as a whole."),
    N_("Health data or other special categories of personal data (art. 9 GDPR)."),
    N_("Who used Tandem when: there is no log of use, and nothing is sent anywhere."),
)

PRINCIPLES: tuple[str, ...] = (
    N_("Tandem is not a monitoring tool: it records no behaviour and no performance, and no report rates or ranks a person."),
    N_("Matching only proposes pairs and explains why; a person (HR) decides. No automated decision is made."),
    N_("Tandem works offline on HR's computer: no interfaces, no cloud, no data leaves the computer unless HR saves or prints a document."),
    N_("Anonymous reports show no figure about fewer than {threshold} people. This minimum group size can never be set below 5; it is raised or lowered only with the works council's consent."),
)  # fmt: skip

MEASURES: tuple[str, ...] = (
    N_("Private notes are encrypted (AES-256-GCM, key from the passphrase with Argon2id) and lock themselves after ten minutes without use."),
    N_("Every change is written completely or not at all, so nothing is lost in a crash or power cut."),
    N_("Only one Tandem at a time can open the file; a second one is refused and told so. Every opening checks the file; a damaged file is never written to and is kept aside."),
    N_("Verified automatic backups on the computer (when the file is opened, at most once a day; when it is closed after changes; before every format upgrade): the last 10, one a day for 14 days and one a month for {backup_months} months."),
    N_("Deleted entries are overwritten in the file (secure delete)."),
    N_("Erasure and anonymisation in one step, for one person or for everyone whose retention period has ended; compacting the file then removes every trace. Automatic backups keep the data until they are rotated out, after at most {backup_months} months."),
    N_("A file made by a newer version of Tandem, or by another program, is refused and left unchanged."),
    N_("Windows user accounts and disk encryption protect the computer the file is kept on."),
)  # fmt: skip


# --- checks against the schema ---------------------------------------------------------------


def undescribed_columns(db: Database) -> list[str]:
    """`table.column` of every column in the file that COLUMNS does not describe."""
    return [
        f"{table}.{column.name}"
        for table in table_names(db)
        for column in columns(db, table)
        if column.name not in COLUMNS.get(table, {})
    ]


def stale_descriptions(db: Database) -> list[str]:
    """Descriptions (tables, columns, document fields) of things the file does not have."""
    schema = {table: {c.name for c in columns(db, table)} for table in table_names(db)}
    stale = [table for table in TABLES if table not in schema]
    stale += [
        f"{table}.{name}"
        for table, described in COLUMNS.items()
        for name in described
        if name not in schema.get(table, set())
    ]
    for document in DOCUMENTS:
        for ref in document.fields:
            table, _, name = ref.partition(".")
            if table not in schema or (name != "*" and name not in schema[table]):
                stale.append(f"{document.key}: {ref}")
    return stale


# --- the record -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldEntry:
    """One stored field as the sheet lists it (translated)."""

    table: str
    column: str
    purpose: str
    category: str
    source: str
    shown_in: tuple[str, ...]


@dataclass(frozen=True)
class TableEntry:
    """One table as the sheet lists it (translated)."""

    table: str
    purpose: str
    about: str
    access: str
    retention: str
    fields: tuple[FieldEntry, ...]


@dataclass(frozen=True)
class DocumentEntry:
    """One document as the sheet lists it (translated); `min_group` 1 means "about the named
    people it is made for"."""

    key: str
    name: str
    purpose: str
    recipients: str
    fields: tuple[str, ...]
    min_group: int
    anonymous: bool


@dataclass(frozen=True)
class ProcessingRecord:
    """Everything the works-council sheet prints, translated."""

    controller: str
    contact_name: str
    contact_email: str
    contact_phone: str
    dpo_name: str
    dpo_email: str
    dpo_phone: str
    purposes: tuple[str, ...]
    people: tuple[str, ...]
    categories: tuple[str, ...]
    tables: tuple[TableEntry, ...]
    documents: tuple[DocumentEntry, ...]
    recipients: str
    transfers: str
    not_stored: tuple[str, ...]
    principles: tuple[str, ...]
    measures: tuple[str, ...]
    threshold: int
    version: str
    schema_version: int
    made_on: date


def _shown_in(t: Translator) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for document in DOCUMENTS:
        for ref in document.fields:
            table, _, name = ref.partition(".")
            names = list(COLUMNS.get(table, {})) if name == "*" else [name]
            for column in names:
                found[(table, column)].append(t.tr(document.name))
    return found


def field_label(t: Translator, ref: str) -> str:
    """A `table.column` reference as the sheet prints it: the column's purpose."""
    table, _, name = ref.partition(".")
    if name == "*":
        return t.tr("everything in: {table}", table=t.tr(TABLES[table].purpose).rstrip("."))
    return t.tr(COLUMNS[table][name].purpose)


def retention_text(t: Translator, text: str, months: int) -> str:
    """A table's retention text in `t`'s language, with the file's retention period
    (`months`, singular or plural) filled in."""
    return t.tr(text, period=t.trn("{n} month", "{n} months", months))


def processing_record(db: Database, t: Translator | None = None) -> ProcessingRecord:
    """The works-council sheet's content from the file's schema and settings, in `t`'s
    language (default: the window's)."""
    from app.db.migrations import schema_version
    from app.services.erasure import BACKUP_MONTHS
    from app.services.retention import keep_months
    from app.services.settings import get_settings

    t = t or translator()
    settings = get_settings(db)
    months = keep_months(db)
    threshold = summary_threshold(db)
    shown = _shown_in(t)
    tables = []
    for table in table_names(db):
        info = TABLES.get(table)
        described = COLUMNS.get(table, {})
        entries = []
        for column in columns(db, table):
            desc = described.get(column.name)
            entries.append(
                FieldEntry(
                    table=table,
                    column=column.name,
                    purpose=t.tr(desc.purpose) if desc else "",
                    category=t.tr(CATEGORIES[desc.category]) if desc else "",
                    source=t.tr(SOURCES[desc.source]) if desc else "",
                    shown_in=tuple(shown.get((table, column.name), ())),
                )
            )
        tables.append(
            TableEntry(
                table=table,
                purpose=t.tr(info.purpose) if info else "",
                about=t.tr(info.about) if info else "",
                access=t.tr(info.access) if info else "",
                retention=retention_text(t, info.retention, months) if info else "",
                fields=tuple(entries),
            )
        )
    documents = tuple(
        DocumentEntry(
            key=d.key,
            name=t.tr(d.name),
            purpose=t.tr(d.purpose),
            recipients=t.tr(d.recipients),
            fields=tuple(dict.fromkeys(field_label(t, ref) for ref in d.fields)),
            min_group=threshold if d.anonymous else 1,
            anonymous=d.anonymous,
        )
        for d in DOCUMENTS
    )
    return ProcessingRecord(
        controller=settings.company_name,
        contact_name=settings.hr_contact_name,
        contact_email=settings.hr_contact_email,
        contact_phone=settings.hr_contact_phone,
        dpo_name=settings.dpo_name,
        dpo_email=settings.dpo_email,
        dpo_phone=settings.dpo_phone,
        purposes=tuple(t.tr(p) for p in PURPOSES),
        people=tuple(t.tr(p) for p in PEOPLE),
        categories=tuple(t.tr(c) for c in CATEGORIES.values()),
        tables=tuple(tables),
        documents=documents,
        recipients=t.tr(
            "No one outside the company. Inside: HR; the partners receive their own "
            "documents; management and the works council receive anonymous totals only."
        ),
        transfers=t.tr("None: no data is transferred to third countries or to any service."),
        not_stored=tuple(t.tr(n) for n in NOT_STORED),
        principles=tuple(t.tr(p, threshold=threshold) for p in PRINCIPLES),
        measures=tuple(t.tr(m, backup_months=BACKUP_MONTHS) for m in MEASURES),
        threshold=threshold,
        version=__version__,
        schema_version=schema_version(db),
        made_on=today(),
    )
