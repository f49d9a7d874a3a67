"""Private notes on a participant, a tandem or a session: encrypted in the file, readable only
while unlocked.

Two layers:
- Functions that need no key (`is_set_up`, `list_note_infos`, `count_notes`,
  `passphrase_strength`): they tell that notes exist, never what they say.
- `NoteVault`, one per open file: set up, unlock (passphrase or recovery key), lock, change
  the passphrase, and read and write notes. It holds the data key in a `bytearray` that is
  overwritten with zeros on lock; it locks itself after ten minutes without use, measured on
  the wall clock (so a laptop that slept locks too), and every operation checks that first.

For the window: one `NoteVault(db)` per open file; `vault.close()` when the file closes; a
timer (every 15 s or so) calling `vault.check_expiry()`, with `add_lock_listener` to hide note
content when it locks; `vault.touch()` on typing in a note editor. While locked, show
`count_notes` / `list_note_infos` (a lock and a number, never content). First note: ask a
passphrase with `passphrase_strength` as the hint, `prepare_setup`, show the recovery key
(`recovery_sheet` / `save_recovery_sheet`), let the user confirm (`NotesSetup.matches` for a
typed-back check), then `complete_setup`. `demo_passphrase_hint(db)` tells a demo file.

Nothing here logs, and no error message, `repr` or return value outside `Note.title` and
`Note.text` carries note content or a passphrase. Documents, exports and search read through
other services, none of which reads `private_notes`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlite_utils import Database

from app import notes_crypto as crypto
from app.errors import ConflictError, TandemError, ValidationError
from app.files import write_atomically
from app.i18n import N_, tr
from app.model import NoteInfo, NoteOwnerKind
from app.services import common
from app.services.common import marks, require_row

AUTO_LOCK_SECONDS = 10 * 60
WRONG_SECRET_DELAY_SECONDS = 1.0
MIN_PASSPHRASE_LENGTH = 8
MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 100_000

_OWNER_TABLES = {
    NoteOwnerKind.PARTICIPANT: ("participants", N_("Participant")),
    NoteOwnerKind.TANDEM: ("tandems", N_("Tandem")),
    NoteOwnerKind.SESSION: ("sessions", N_("Meeting")),
}
_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%S', 'now')"


# --- errors ---------------------------------------------------------------------------------


class NotesLockedError(TandemError):
    """The notes are locked (never unlocked, locked on demand, or locked after idle time)."""


def _locked_error() -> NotesLockedError:
    """The error of an action that needs the notes unlocked."""
    return NotesLockedError(tr("The private notes are locked. Unlock them with your passphrase."))


class NotesNotSetUpError(TandemError):
    """No passphrase was chosen for this file yet."""


class NotesAlreadySetUpError(ConflictError):
    """Set-up was asked for a file whose notes already have a passphrase."""


class WrongPassphraseError(TandemError):
    """The passphrase does not open the notes."""


class WrongRecoveryKeyError(TandemError):
    """A well-formed recovery key that does not open the notes (of another file, or replaced)."""


# --- plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A decrypted note. Title and text are kept out of `repr` so they cannot slip into a log
    or a crash report; a damaged note has empty title and text and `damaged=True`."""

    id: int
    owner_kind: NoteOwnerKind
    owner_id: int
    created_at: datetime
    updated_at: datetime
    title: str = field(default="", repr=False)
    text: str = field(default="", repr=False)
    note_date: date | None = None
    damaged: bool = False

    @property
    def info(self) -> NoteInfo:
        """What may be known of this note while locked."""
        return NoteInfo(self.id, self.owner_kind, self.owner_id, self.created_at, self.updated_at)


@dataclass(frozen=True)
class PassphraseStrength:
    """A hint for a passphrase being chosen: level 0 (too short) to 4 (strong)."""

    level: int
    label: str
    hint: str
    acceptable: bool


@dataclass(eq=False)
class NotesSetup:
    """A prepared set-up, not yet written: show `recovery_key` once, let the user confirm that
    they kept it, then `NoteVault.complete_setup(setup)`; or `cancel()` to forget it."""

    recovery_key: str = field(repr=False)
    _data_key: bytearray = field(repr=False)
    _slots: tuple[crypto.WrappedKey, ...] = field(repr=False)

    def cancel(self) -> None:
        """Forget the prepared keys (wipes the data key)."""
        crypto.wipe(self._data_key)
        self._slots = ()

    def matches(self, typed: str) -> bool:
        """True when `typed` is this recovery key (case, spaces and dashes do not matter):
        for a "type it back to show you kept it" step before `complete_setup`."""
        try:
            return crypto.parse_recovery_key(typed) == crypto.parse_recovery_key(self.recovery_key)
        except crypto.RecoveryKeyFormatError:
            return False


def recovery_sheet(recovery_key: str, file_name: str, created: date | None = None) -> str:
    """The text of a recovery sheet to print or save: the key, the file it opens, the date,
    and what to do with it (in the current language)."""
    from app.i18n import format_date

    lines = [
        tr("Tandem: recovery key for private notes"),
        "",
        tr("Program file: {name}", name=file_name),
        tr("Created on: {date}", date=format_date(created or common.today())),
        "",
        f"    {recovery_key}",
        "",
        tr(
            "With this key the private notes of this file can be opened when the passphrase is "
            "forgotten. Without the passphrase and this key nobody can read the notes, not even "
            "the makers of Tandem."
        ),
        tr(
            "Keep this sheet locked away, apart from the computer and from any backup of the "
            "file. Anyone who has both the file and this key can read the notes."
        ),
    ]
    return "\n".join(lines) + "\n"


def save_recovery_sheet(path: Path | str, recovery_key: str, file_name: str) -> Path:
    """Write the recovery sheet as a UTF-8 text file (with a BOM, so Windows editors show
    umlauts right); refuses to overwrite an existing file."""
    target = Path(path)
    if target.exists():
        raise ValidationError(tr("The file {name} already exists.", name=target.name), field="path")
    text = recovery_sheet(recovery_key, file_name).replace("\n", "\r\n")
    write_atomically(target, text.encode("utf-8-sig"))
    return target


# --- functions that need no key ------------------------------------------------------------------


def owner_kind_of(value: NoteOwnerKind | str) -> NoteOwnerKind:
    """The owner kind from an enum or its word; ValidationError for anything else."""
    try:
        return NoteOwnerKind(value)
    except ValueError:
        raise ValidationError(tr("Unknown kind of note owner."), field="owner_kind") from None


def require_owner(db: Database, owner_kind: NoteOwnerKind | str, owner_id: int) -> NoteOwnerKind:
    """Check that the owner exists; NotFoundError names it otherwise."""
    kind = owner_kind_of(owner_kind)
    table, what = _OWNER_TABLES[kind]
    require_row(db, table, int(owner_id), tr(what))
    return kind


DEMO_SETTING = "notes_demo_passphrase"


def mark_demo_passphrase(db: Database, passphrase: str) -> None:
    """Remember in the file that its notes use a published demo passphrase (demo files only)."""
    from app.services.settings import set_setting

    set_setting(db, DEMO_SETTING, passphrase)


def demo_passphrase_hint(db: Database) -> str | None:
    """The demo passphrase when this is a demo file whose passphrase was never changed, so the
    window can say which passphrase opens it; None for every real file."""
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [DEMO_SETTING]))
    return rows[0]["value"] if rows and rows[0]["value"] else None


def owner_label(owner_kind: NoteOwnerKind | str) -> str:
    """The translated word for an owner kind: Participant, Tandem, Session."""
    return tr(_OWNER_TABLES[owner_kind_of(owner_kind)][1])


def is_set_up(db: Database) -> bool:
    """True once a passphrase was chosen for the notes of this file."""
    return bool(list(db.query("SELECT 1 FROM note_keys WHERE slot = 'passphrase'")))


def _info(row: dict[str, Any]) -> NoteInfo:
    return NoteInfo(
        id=row["id"],
        owner_kind=NoteOwnerKind(row["owner_kind"]),
        owner_id=row["owner_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _where(owner_kind: NoteOwnerKind | str | None, owner_id: int | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if owner_kind is not None:
        clauses.append("owner_kind = ?")
        params.append(owner_kind_of(owner_kind).value)
    if owner_id is not None:
        clauses.append("owner_id = ?")
        params.append(int(owner_id))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_note_infos(
    db: Database, owner_kind: NoteOwnerKind | str | None = None, owner_id: int | None = None
) -> list[NoteInfo]:
    """The notes of an owner (or of all owners of a kind, or all), newest first, without
    content: works while locked."""
    where, params = _where(owner_kind, owner_id)
    sql = (
        "SELECT id, owner_kind, owner_id, created_at, updated_at FROM private_notes"
        f"{where} ORDER BY created_at DESC, id DESC"
    )
    return [_info(row) for row in db.query(sql, params)]


def count_notes(
    db: Database, owner_kind: NoteOwnerKind | str, owner_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """owner id -> number of notes, for the owners of one kind that have notes (for the
    "3 notes, locked" badges); `owner_ids` limits the owners looked at."""
    kind = owner_kind_of(owner_kind)
    sql = "SELECT owner_id, count(*) AS n FROM private_notes WHERE owner_kind = ?"
    params: list[Any] = [kind.value]
    if owner_ids is not None:
        ids = [int(i) for i in owner_ids]
        if not ids:
            return {}
        sql += f" AND owner_id IN ({marks(ids)})"
        params += ids
    sql += " GROUP BY owner_id"
    return {row["owner_id"]: row["n"] for row in db.query(sql, params)}


_STRENGTH_LABELS = (
    N_("Strength: too short"),
    N_("Strength: weak"),
    N_("Strength: fair"),
    N_("Strength: good"),
    N_("Strength: strong"),
)


def passphrase_strength(passphrase: str) -> PassphraseStrength:
    """A rough strength hint from length, variety and repetition (no word lists, offline).

    Level 0 is refused when choosing a passphrase; the others are accepted with a hint.
    """
    text = passphrase or ""
    length = len(text)
    if length < MIN_PASSPHRASE_LENGTH:
        return PassphraseStrength(
            0,
            tr(_STRENGTH_LABELS[0]),
            tr("Use at least {n} characters.", n=MIN_PASSPHRASE_LENGTH),
            False,
        )
    level = 1 if length < 12 else 2 if length < 16 else 3 if length < 20 else 4
    classes = sum(
        (
            any(c.islower() for c in text),
            any(c.isupper() for c in text),
            any(c.isdigit() for c in text),
            any(not c.isalnum() for c in text),
        )
    )
    if classes >= 3:
        level += 1
    if len(set(text.lower())) < max(4, length // 3) or text.isdigit():
        level -= 2
    level = max(1, min(4, level))
    hints = {
        1: tr(
            "Easy to guess. A sentence of four or five words is easier to remember and harder to guess."
        ),
        2: tr("Acceptable. Longer is stronger: add a word, a number or a punctuation mark."),
        3: tr("Good. Keep it where only you can find it."),
        4: tr("Strong. Keep it where only you can find it."),
    }
    return PassphraseStrength(level, tr(_STRENGTH_LABELS[level]), hints[level], True)


def validate_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect anything (ValidationError)."""
    strength = passphrase_strength(passphrase)
    if not strength.acceptable:
        raise ValidationError(
            tr(
                "The passphrase is too short. Use at least {n} characters.",
                n=MIN_PASSPHRASE_LENGTH,
            ),
            field="passphrase",
        )


# --- the key slots in the file ---------------------------------------------------------------------


def _read_slot(db: Database, slot: str) -> crypto.WrappedKey | None:
    rows = list(db.query("SELECT * FROM note_keys WHERE slot = ?", [slot]))
    if not rows:
        return None
    row = rows[0]
    return crypto.WrappedKey(
        slot=slot,
        params=crypto.KdfParams.from_json(row["kdf_params"], row["salt"]),
        nonce=bytes(row["nonce"]),
        wrapped=bytes(row["wrapped_key"]),
    )


def _delete_slot(db: Database, slot: str) -> None:
    db.execute("DELETE FROM note_keys WHERE slot = ?", [slot])


def _insert_slot(db: Database, wrapped: crypto.WrappedKey) -> None:
    db.execute(
        "INSERT INTO note_keys (slot, version, kdf_params, salt, nonce, wrapped_key) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            wrapped.slot,
            crypto.FORMAT_VERSION,
            wrapped.params.to_json(),
            wrapped.params.salt,
            wrapped.nonce,
            wrapped.wrapped,
        ],
    )


def _replace_slot(db: Database, wrapped: crypto.WrappedKey) -> None:
    """Swap one key slot for another in ONE transaction: a crash between the delete and the
    insert rolls back to the old slot, so the old passphrase (or recovery key) still works."""
    with db.atomic():
        _delete_slot(db, wrapped.slot)
        _insert_slot(db, wrapped)


# --- the vault ---------------------------------------------------------------------------------


class NoteVault:
    """The notes of one open file, and the key that reads them while unlocked.

    `clock` (wall-clock seconds, default `time.time`), `sleep` and the delay after a wrong
    passphrase (default WRONG_SECRET_DELAY_SECONDS, 1 s) are injectable for tests;
    `passphrase_kdf` makes the Argon2id parameters for new passphrases.
    """

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] | None = None,
        auto_lock_seconds: float = AUTO_LOCK_SECONDS,
        wrong_secret_delay: float | None = None,
        passphrase_kdf: Callable[[], crypto.KdfParams] = crypto.passphrase_params,
    ) -> None:
        self.db = db
        self._clock = clock
        self._sleep = sleep
        self.auto_lock_seconds = auto_lock_seconds
        self._wrong_secret_delay = wrong_secret_delay
        self._passphrase_kdf = passphrase_kdf
        self._key: bytearray | None = None
        self._cipher: AESGCM | None = None
        self._last_used = 0.0
        self._via_recovery = False
        self._listeners: list[Callable[[], None]] = []
        self._mutex = threading.RLock()

    def _pause(self) -> None:
        """The short wait after a wrong passphrase or recovery key."""
        delay = self._wrong_secret_delay
        sleep = self._sleep if self._sleep is not None else time.sleep
        sleep(WRONG_SECRET_DELAY_SECONDS if delay is None else delay)

    def __repr__(self) -> str:
        return f"<NoteVault {'unlocked' if self._key is not None else 'locked'}>"

    # state ------------------------------------------------------------------------------------

    @property
    def is_set_up(self) -> bool:
        """True once a passphrase was chosen for this file."""
        return is_set_up(self.db)

    @property
    def is_unlocked(self) -> bool:
        """True while the notes can be read (checks idle time first, locking if it ran out)."""
        return self.check_expiry()

    @property
    def unlocked_with_recovery_key(self) -> bool:
        """True when the current unlock used the recovery key: offer a new passphrase."""
        return self.check_expiry() and self._via_recovery

    def check_expiry(self) -> bool:
        """Lock if ten minutes (wall clock) passed without use; True while still unlocked."""
        with self._mutex:
            if self._key is None:
                return False
            idle = self._clock() - self._last_used
            # A clock set back by more than the timeout is as suspicious as a long idle time.
            expired = idle >= self.auto_lock_seconds or idle < -self.auto_lock_seconds
        if expired:
            self.lock()
            return False
        return True

    def seconds_until_lock(self) -> float | None:
        """Seconds left before the automatic lock, or None when locked."""
        if not self.check_expiry():
            return None
        with self._mutex:
            return max(0.0, self.auto_lock_seconds - (self._clock() - self._last_used))

    def touch(self) -> None:
        """Count as use now (restarts the idle time) if unlocked."""
        if self.check_expiry():
            with self._mutex:
                self._last_used = self._clock()

    def add_lock_listener(self, callback: Callable[[], None]) -> None:
        """Call `callback()` whenever the notes lock (on demand, idle time, close)."""
        self._listeners.append(callback)

    def remove_lock_listener(self, callback: Callable[[], None]) -> None:
        """Stop calling a lock listener."""
        if callback in self._listeners:
            self._listeners.remove(callback)

    def lock(self) -> None:
        """Lock now: overwrite the data key with zeros and forget it; then call the lock
        listeners (outside the vault's own lock, so they may call back into the vault)."""
        with self._mutex:
            was_unlocked = self._key is not None
            crypto.wipe(self._key)
            self._key = None
            self._cipher = None
            self._via_recovery = False
        if was_unlocked:
            for callback in list(self._listeners):
                callback()

    def close(self) -> None:
        """Lock; call when the file is closed."""
        self.lock()

    def __enter__(self) -> NoteVault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _hold(self, key: bytearray, *, via_recovery: bool) -> None:
        with self._mutex:
            if self._key is not None and self._key is not key:
                crypto.wipe(self._key)
            self._key = key
            self._cipher = AESGCM(key)
            self._via_recovery = via_recovery
            self._last_used = self._clock()

    def _cipher_or_raise(self) -> AESGCM:
        unlocked = self.check_expiry()
        with self._mutex:
            if not unlocked or self._cipher is None:
                raise _locked_error()
            self._last_used = self._clock()
            return self._cipher

    # set-up -------------------------------------------------------------------------------------

    def prepare_setup(self, passphrase: str) -> NotesSetup:
        """Prepare the notes of this file: a new data key, wrapped under the passphrase and a
        new recovery key. Nothing is written until `complete_setup`; show
        `setup.recovery_key` once and let the user confirm they kept it first."""
        validate_passphrase(passphrase)
        return self._prepare(passphrase)

    def _prepare(self, passphrase: str) -> NotesSetup:
        if self.is_set_up:
            raise NotesAlreadySetUpError(
                tr("Private notes are already set up for this file. Unlock them instead.")
            )
        data_key = crypto.new_data_key()
        recovery_key = crypto.new_recovery_key()
        slots = (
            crypto.wrap_data_key(
                data_key,
                "passphrase",
                crypto.normalize_passphrase(passphrase),
                self._passphrase_kdf(),
            ),
            crypto.wrap_data_key(
                data_key,
                "recovery",
                crypto.parse_recovery_key(recovery_key),
                crypto.recovery_params(),
            ),
        )
        return NotesSetup(recovery_key=recovery_key, _data_key=data_key, _slots=slots)

    def complete_setup(self, setup: NotesSetup) -> None:
        """Write a prepared set-up (both key slots in one transaction) and unlock."""
        if not setup._slots:
            raise ValidationError(tr("This set-up was cancelled. Please start again."))
        if self.is_set_up:
            setup.cancel()
            raise NotesAlreadySetUpError(
                tr("Private notes are already set up for this file. Unlock them instead.")
            )
        with self.db.atomic():
            for wrapped in setup._slots:
                _insert_slot(self.db, wrapped)
        key, setup._data_key, setup._slots = setup._data_key, bytearray(), ()
        self._hold(key, via_recovery=False)

    def setup(self, passphrase: str) -> str:
        """Prepare and complete in one step (command line); returns the recovery key, which
        must be shown to the user once: it is not stored anywhere."""
        prepared = self.prepare_setup(passphrase)
        self.complete_setup(prepared)
        return prepared.recovery_key

    # unlocking ------------------------------------------------------------------------------------

    def _slot_or_raise(self, slot: str) -> crypto.WrappedKey:
        wrapped = _read_slot(self.db, slot)
        if wrapped is None:
            raise NotesNotSetUpError(
                tr("No private notes are set up for this file yet. Choose a passphrase first.")
            )
        return wrapped

    def unlock(self, passphrase: str) -> None:
        """Unlock with the passphrase. A wrong one waits a moment, then raises
        WrongPassphraseError (translated); the notes stay locked."""
        key = self._key_for_passphrase(passphrase)
        if key is None:
            raise WrongPassphraseError(
                tr(
                    "This passphrase does not open the private notes. Check the keyboard "
                    "layout and Caps Lock, and try again."
                )
            ) from None  # no chained exception can carry a secret along
        self._hold(key, via_recovery=False)

    def _key_for_passphrase(self, passphrase: str) -> bytearray | None:
        """The data key unwrapped with `passphrase`; None (after a pause) when it is wrong."""
        wrapped = self._slot_or_raise("passphrase")
        try:
            return crypto.unwrap_data_key(wrapped, crypto.normalize_passphrase(passphrase or ""))
        except crypto.UnwrapError:
            self._pause()
            return None

    def unlock_with_recovery_key(self, recovery_key: str) -> None:
        """Unlock with the recovery key; then offer `change_passphrase`. A typo is reported
        at once (ValidationError); a key of another file waits a moment and raises
        WrongRecoveryKeyError."""
        try:
            secret = crypto.parse_recovery_key(recovery_key or "")
        except crypto.RecoveryKeyFormatError:
            raise ValidationError(
                tr(
                    "This is not a valid recovery key: a letter is missing or mistyped. "
                    "It has 32 letters and digits in groups of four."
                ),
                field="recovery_key",
            ) from None
        wrapped = self._slot_or_raise("recovery")
        try:
            key = crypto.unwrap_data_key(wrapped, secret)
        except crypto.UnwrapError:
            self._pause()
            raise WrongRecoveryKeyError(
                tr(
                    "This recovery key does not open the private notes of this file. "
                    "It may belong to another file or have been replaced."
                )
            ) from None
        self._hold(key, via_recovery=True)

    def verify_passphrase(self, passphrase: str) -> bool:
        """True when `passphrase` is the current one (waits a moment when it is not)."""
        key = self._key_for_passphrase(passphrase)
        if key is None:
            return False
        crypto.wipe(key)
        return True

    def change_passphrase(
        self, new_passphrase: str, *, current_passphrase: str | None = None
    ) -> None:
        """Wrap the data key under a new passphrase, replacing the old one in one transaction.

        Needs the notes unlocked (by passphrase or recovery key). With `current_passphrase`
        it is checked first (WrongPassphraseError). The recovery key stays valid.
        """
        validate_passphrase(new_passphrase)
        self._cipher_or_raise()
        if current_passphrase is not None and not self.verify_passphrase(current_passphrase):
            raise WrongPassphraseError(tr("The current passphrase is not correct."))
        with self._mutex:
            key = self._key
            if key is None:
                raise _locked_error()
            wrapped = crypto.wrap_data_key(
                key,
                "passphrase",
                crypto.normalize_passphrase(new_passphrase),
                self._passphrase_kdf(),
            )
        with self.db.atomic():
            _replace_slot(self.db, wrapped)
            # A demo file whose passphrase was changed is no longer opened by "demo".
            self.db.execute("DELETE FROM settings WHERE key = ?", [DEMO_SETTING])
        with self._mutex:
            self._via_recovery = False
            self._last_used = self._clock()

    def replace_recovery_key(self) -> str:
        """A new recovery key (the old one stops working); returns it to show once."""
        self._cipher_or_raise()
        recovery_key = crypto.new_recovery_key()
        with self._mutex:
            key = self._key
            if key is None:
                raise _locked_error()
            wrapped = crypto.wrap_data_key(
                key, "recovery", crypto.parse_recovery_key(recovery_key), crypto.recovery_params()
            )
        _replace_slot(self.db, wrapped)
        return recovery_key

    # notes ----------------------------------------------------------------------------------------

    def _decrypt_row(self, cipher: AESGCM, row: dict[str, Any]) -> Note:
        info = _info(row)
        aad = crypto.note_aad(info.owner_kind.value, info.owner_id, info.id)
        try:
            payload = crypto.decrypt_note(cipher, row["nonce"], row["ciphertext"], aad)
            title, text = payload["title"], payload["text"]
            note_date = date.fromisoformat(payload["date"]) if payload.get("date") else None
            if not isinstance(title, str) or not isinstance(text, str):
                raise crypto.DamagedError("bad payload")
        except (crypto.DamagedError, KeyError, ValueError, TypeError):
            return Note(
                info.id, info.owner_kind, info.owner_id, info.created_at, info.updated_at,
                damaged=True,
            )  # fmt: skip
        return Note(
            info.id, info.owner_kind, info.owner_id, info.created_at, info.updated_at,
            title=title, text=text, note_date=note_date,
        )  # fmt: skip

    def list_notes(
        self, owner_kind: NoteOwnerKind | str | None = None, owner_id: int | None = None
    ) -> list[Note]:
        """The decrypted notes of an owner (or of a kind, or all), newest date first. Damaged notes
        come back with `damaged=True` and no content. NotesLockedError when locked."""
        cipher = self._cipher_or_raise()
        where, params = _where(owner_kind, owner_id)
        sql = f"SELECT * FROM private_notes{where}"
        found = [self._decrypt_row(cipher, row) for row in self.db.query(sql, params)]
        # Newest first by the note's own date (encrypted, so sorted here), then by creation.
        found.sort(
            key=lambda n: (n.note_date or n.created_at.date(), n.created_at, n.id), reverse=True
        )
        return found

    def get_note(self, note_id: int) -> Note:
        """One decrypted note (possibly `damaged`); NotFoundError when it does not exist."""
        cipher = self._cipher_or_raise()
        row = require_row(self.db, "private_notes", int(note_id), tr("Private note"))
        return self._decrypt_row(cipher, row)

    def _payload(self, title: str, text: str, note_date: date | None) -> dict[str, Any]:
        title = " ".join((title or "").split())
        text = (text or "").replace("\r\n", "\n").strip()
        errors: dict[str, str] = {}
        if not title:
            errors["title"] = tr("Please give the note a title.")
        elif len(title) > MAX_TITLE_LENGTH:
            errors["title"] = tr(
                "The title is too long (at most {n} characters).", n=MAX_TITLE_LENGTH
            )
        if len(text) > MAX_TEXT_LENGTH:
            errors["text"] = tr("The text is too long (at most {n} characters).", n=MAX_TEXT_LENGTH)
        if errors:
            raise ValidationError(next(iter(errors.values())), errors=errors)
        return {
            "v": 1,
            "title": title,
            "text": text,
            "date": (note_date or common.today()).isoformat(),
        }

    def add_note(
        self,
        owner_kind: NoteOwnerKind | str,
        owner_id: int,
        title: str,
        text: str,
        note_date: date | None = None,
    ) -> Note:
        """Write a new note on a participant, tandem or session (which must exist)."""
        cipher = self._cipher_or_raise()
        kind = require_owner(self.db, owner_kind, owner_id)
        payload = self._payload(title, text, note_date)
        with self.db.atomic():
            # The id is part of the associated data, so take it first: a row without content,
            # filled in the same transaction.
            cursor = self.db.execute(
                "INSERT INTO private_notes (owner_kind, owner_id, nonce, ciphertext) "
                "VALUES (?, ?, x'', x'')",
                [kind.value, int(owner_id)],
            )
            note_id = int(cursor.lastrowid or 0)
            nonce, ciphertext = crypto.encrypt_note(
                cipher, payload, crypto.note_aad(kind.value, int(owner_id), note_id)
            )
            self.db.execute(
                "UPDATE private_notes SET nonce = ?, ciphertext = ? WHERE id = ?",
                [nonce, ciphertext, note_id],
            )
        return self.get_note(note_id)

    def update_note(
        self, note_id: int, title: str, text: str, note_date: date | None = None
    ) -> Note:
        """Replace a note's title, text and date (a fresh nonce; the old ciphertext is wiped
        from the file by secure_delete). Also the way to rewrite a damaged note."""
        cipher = self._cipher_or_raise()
        row = require_row(self.db, "private_notes", int(note_id), tr("Private note"))
        payload = self._payload(title, text, note_date)
        nonce, ciphertext = crypto.encrypt_note(
            cipher, payload, crypto.note_aad(row["owner_kind"], row["owner_id"], row["id"])
        )
        with self.db.atomic():
            self.db.execute(
                f"UPDATE private_notes SET nonce = ?, ciphertext = ?, updated_at = {_NOW_SQL} "
                "WHERE id = ?",
                [nonce, ciphertext, row["id"]],
            )
        return self.get_note(row["id"])

    def delete_note(self, note_id: int) -> None:
        """Delete a note (also a damaged one); secure_delete overwrites its bytes."""
        self._cipher_or_raise()
        require_row(self.db, "private_notes", int(note_id), tr("Private note"))
        with self.db.atomic():
            self.db.execute("DELETE FROM private_notes WHERE id = ?", [int(note_id)])


def note_exists(db: Database, note_id: int) -> bool:
    """True when a note with that id exists (works while locked)."""
    return bool(list(db.query("SELECT 1 FROM private_notes WHERE id = ?", [int(note_id)])))


NOTES_TABLE = "private_notes"
"""The table of the notes, by name for the erasure rules (app/services/erasure.py), which
delete notes only through `erase_notes`."""


def erase_notes(db: Database, note_ids: Iterable[int]) -> int:
    """Delete notes by id without reading them and without the key: an erased or anonymised
    person's notes go even while the notes are locked (secure_delete overwrites their bytes).
    Runs in the caller's transaction; returns how many were deleted."""
    ids = [int(i) for i in note_ids]
    deleted = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cursor = db.execute(f"DELETE FROM private_notes WHERE id IN ({marks(chunk)})", chunk)
        deleted += cursor.rowcount
    return deleted


__all__ = [
    "AUTO_LOCK_SECONDS",
    "MIN_PASSPHRASE_LENGTH",
    "Note",
    "NoteVault",
    "NotesAlreadySetUpError",
    "NotesLockedError",
    "NotesNotSetUpError",
    "NotesSetup",
    "PassphraseStrength",
    "WrongPassphraseError",
    "WrongRecoveryKeyError",
    "count_notes",
    "demo_passphrase_hint",
    "erase_notes",
    "mark_demo_passphrase",
    "is_set_up",
    "list_note_infos",
    "note_exists",
    "owner_kind_of",
    "owner_label",
    "passphrase_strength",
    "recovery_sheet",
    "save_recovery_sheet",
    "require_owner",
    "validate_passphrase",
]
