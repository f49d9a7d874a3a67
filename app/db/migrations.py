"""Numbered schema migrations.

The schema version is kept in `PRAGMA user_version` and the file is marked as Tandem's by
`PRAGMA application_id`. Each migration runs in one transaction together with its version
bump, after a verified backup of the file when it already held data (in the file's backup
folder, see `app.db.backups`: a backup never overwrites an earlier one). Add a migration by appending a function to MIGRATIONS; never edit a released one.

We keep our own small runner instead of sqlite-utils' `Migrations` because the version number
in the file header lets us refuse a newer file before opening it (see connection.check_file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from app.errors import StorageError, TandemError
from app.i18n import N_, tr

APPLICATION_ID = 0x54414E44  # "TAND"

# Topics every new file starts with: (key, English name). The German names are translations.
BUILTIN_TOPICS: tuple[tuple[str, str], ...] = (
    ("ai", N_("AI tools")),
    ("social_media", N_("Social media")),
    ("digital_collaboration", N_("Digital collaboration")),
    ("new_work", N_("New ways of working")),
    ("gen_z", N_("Expectations of younger generations")),
    ("diversity", N_("Diversity and inclusion")),
    ("data_literacy", N_("Data and analytics")),
    ("cyber_security", N_("Cyber security")),
    ("sustainability", N_("Sustainability")),
    ("employer_branding", N_("Employer branding")),
    ("leadership", N_("Leadership")),
    ("strategy", N_("Strategy and decision-making")),
    ("networking", N_("Networking")),
    ("career", N_("Career development")),
    ("communication", N_("Communication and presenting")),
    ("mobile_apps", N_("Smartphone and apps")),
)


def _m001_initial(db: Database) -> None:
    """The whole domain: people, topics, rounds, tandems, sessions, check-ins, notes, settings."""
    statements = [
        """
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            personnel_number TEXT UNIQUE,
            first_name TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
            last_name TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
            email TEXT,
            department TEXT,
            position TEXT,
            manager_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            start_date TEXT,
            role TEXT NOT NULL DEFAULT 'mentee' CHECK (role IN ('mentor', 'mentee', 'both')),
            consent_date TEXT,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'alumni', 'left')),
            status_date TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            CHECK (manager_id IS NULL OR manager_id <> id)
        ) STRICT
        """,
        "CREATE UNIQUE INDEX participants_email ON participants (lower(email)) WHERE email IS NOT NULL",
        "CREATE INDEX participants_manager ON participants (manager_id)",
        "CREATE INDEX participants_name ON participants (last_name, first_name)",
        """
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            builtin_key TEXT UNIQUE
        ) STRICT
        """,
        """
        CREATE TABLE participant_topics (
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('teach', 'learn')),
            PRIMARY KEY (participant_id, topic_id, kind)
        ) STRICT
        """,
        "CREATE INDEX participant_topics_topic ON participant_topics (topic_id)",
        """
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            meetings_planned INTEGER NOT NULL DEFAULT 6 CHECK (meetings_planned BETWEEN 1 AND 52),
            cadence_weeks INTEGER NOT NULL DEFAULT 4 CHECK (cadence_weeks BETWEEN 1 AND 26),
            capacity_mentor INTEGER NOT NULL DEFAULT 1 CHECK (capacity_mentor BETWEEN 1 AND 10),
            capacity_mentee INTEGER NOT NULL DEFAULT 1 CHECK (capacity_mentee BETWEEN 1 AND 10),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            CHECK (end_date >= start_date)
        ) STRICT
        """,
        """
        CREATE TABLE tandems (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE RESTRICT,
            mentor_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE RESTRICT,
            mentee_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE RESTRICT,
            status TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'agreed', 'active', 'completed', 'dissolved')),
            proposed_on TEXT,
            agreed_on TEXT,
            started_on TEXT,
            completed_on TEXT,
            dissolved_on TEXT,
            dissolution_reason TEXT,
            goals TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            CHECK (mentor_id <> mentee_id)
        ) STRICT
        """,
        "CREATE INDEX tandems_round ON tandems (round_id)",
        "CREATE INDEX tandems_mentor ON tandems (mentor_id)",
        "CREATE INDEX tandems_mentee ON tandems (mentee_id)",
        """
        CREATE TABLE tandem_topics (
            tandem_id INTEGER NOT NULL REFERENCES tandems(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (tandem_id, topic_id)
        ) STRICT
        """,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            tandem_id INTEGER NOT NULL REFERENCES tandems(id) ON DELETE CASCADE,
            starts_at TEXT NOT NULL,
            duration_minutes INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 5 AND 720),
            location TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
            summary TEXT NOT NULL DEFAULT ''
        ) STRICT
        """,
        "CREATE INDEX sessions_tandem ON sessions (tandem_id, starts_at)",
        "CREATE INDEX sessions_starts ON sessions (starts_at)",
        """
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            preparation TEXT NOT NULL DEFAULT ''
        ) STRICT
        """,
        "CREATE INDEX agenda_items_session ON agenda_items (session_id, position)",
        """
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            tandem_id INTEGER NOT NULL REFERENCES tandems(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            phase TEXT NOT NULL CHECK (phase IN ('mid', 'final')),
            relationship_rating INTEGER CHECK (relationship_rating BETWEEN 1 AND 5),
            progress_rating INTEGER CHECK (progress_rating BETWEEN 1 AND 5),
            goals_reached TEXT CHECK (goals_reached IN ('yes', 'partly', 'no')),
            would_take_part_again INTEGER CHECK (would_take_part_again IN (0, 1)),
            submitted_on TEXT NOT NULL,
            UNIQUE (tandem_id, participant_id, phase)
        ) STRICT
        """,
        # Private notes: only ciphertext is ever stored. The owner is a participant, tandem
        # or session; triggers below delete a note with its owner.
        """
        CREATE TABLE private_notes (
            id INTEGER PRIMARY KEY,
            owner_kind TEXT NOT NULL CHECK (owner_kind IN ('participant', 'tandem', 'session')),
            owner_id INTEGER NOT NULL,
            nonce BLOB NOT NULL,
            ciphertext BLOB NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
        ) STRICT
        """,
        "CREATE INDEX private_notes_owner ON private_notes (owner_kind, owner_id)",
        """
        CREATE TRIGGER participants_delete_notes AFTER DELETE ON participants BEGIN
            DELETE FROM private_notes WHERE owner_kind = 'participant' AND owner_id = OLD.id;
        END
        """,
        """
        CREATE TRIGGER tandems_delete_notes AFTER DELETE ON tandems BEGIN
            DELETE FROM private_notes WHERE owner_kind = 'tandem' AND owner_id = OLD.id;
        END
        """,
        """
        CREATE TRIGGER sessions_delete_notes AFTER DELETE ON sessions BEGIN
            DELETE FROM private_notes WHERE owner_kind = 'session' AND owner_id = OLD.id;
        END
        """,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT,
            data BLOB
        ) STRICT
        """,
    ]
    for sql in statements:
        db.execute(sql)
    db["topics"].insert_all([{"name": name, "builtin_key": key} for key, name in BUILTIN_TOPICS])


def _m002_note_keys(db: Database) -> None:
    """The wrapped data key of private notes: one row per way to unlock (passphrase, recovery
    key), each with its salt and key-derivation parameters (see app/notes_crypto.py)."""
    db.execute(
        """
        CREATE TABLE note_keys (
            slot TEXT PRIMARY KEY CHECK (slot IN ('passphrase', 'recovery')),
            version INTEGER NOT NULL DEFAULT 1,
            kdf_params TEXT NOT NULL,
            salt BLOB NOT NULL,
            nonce BLOB NOT NULL,
            wrapped_key BLOB NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
        ) STRICT
        """
    )


def _m003_anonymised_participants(db: Database) -> None:
    """Erased and anonymised people (GDPR art. 17): their row stays as a placeholder so that
    their tandems keep their dates and meetings and the programme's figures stay right; these
    dates mark it (see app/services/erasure.py). `anonymised_on` is set by both, `erased_on`
    only by an erasure."""
    db.execute("ALTER TABLE participants ADD COLUMN anonymised_on TEXT")
    db.execute(
        "ALTER TABLE participants ADD COLUMN erased_on TEXT "
        "CHECK (erased_on IS NULL OR anonymised_on IS NOT NULL)"
    )


def _m004_round_target(db: Database) -> None:
    """A round's target number of tandems (NULL: no target; the proposal then pairs everyone
    who fits) and whether one person may be in two tandems of the round. A round that already
    allowed several tandems per role keeps allowing them."""
    db.execute(
        "ALTER TABLE rounds ADD COLUMN target_tandems INTEGER "
        "CHECK (target_tandems IS NULL OR target_tandems BETWEEN 1 AND 1000)"
    )
    db.execute(
        "ALTER TABLE rounds ADD COLUMN allow_two_tandems INTEGER NOT NULL DEFAULT 0 "
        "CHECK (allow_two_tandems IN (0, 1))"
    )
    db.execute(
        "UPDATE rounds SET allow_two_tandems = 1 WHERE capacity_mentor > 1 OR capacity_mentee > 1"
    )


MIGRATIONS: list[Callable[[Database], None]] = [
    _m001_initial,
    _m002_note_keys,
    _m003_anonymised_participants,
    _m004_round_target,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    """The schema version recorded in the file."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, path: Path | None = None, *, target: int = SCHEMA_VERSION) -> int:
    """Apply every migration the file lacks up to `target`; returns the version reached."""
    current = schema_version(db)
    if current >= target:
        return current
    if current > 0 and path is not None:
        try:
            backup_before_migration(db, path, current)
        except TandemError as exc:
            raise StorageError(
                tr(
                    "Before it updates the file {name} for this version, Tandem makes a "
                    "backup of it, and that did not work, so the file was not changed.",
                    name=path.name,
                )
                + " "
                + exc.message
            ) from exc
    for number in range(current + 1, target + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
    return target


def backup_before_migration(db: Database, path: Path, version: int) -> Path:
    """A verified backup before the schema changes from `version` (through the file's owner
    when `db` is a handle of `open_database`); returns where it is."""
    from app.db.backups import BEFORE_UPDATE, backup_folder, make_backup

    del version  # the backup's reason and time tell it apart; nothing is overwritten
    owner = getattr(db, "owner", None)
    if owner is not None:
        return owner.backup(BEFORE_UPDATE).path
    return make_backup(db.conn, backup_folder(path), path.stem, BEFORE_UPDATE).path
