"""Private notes in tests: passphrases, a vault with a fast (but minimum-strength) key
derivation, a small seeded file, and the canary that must never leak.

`assert_no_canary` and `CANARY` are meant for the tests of exports, PDFs and backups too."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from app import notes_crypto as crypto
from app.services.notes import NoteVault

PASSPHRASE = "Lindenbaum am Brunnen 7"
NEW_PASSPHRASE = "Ein ganz anderer Satz 42!"
CANARY = "CANARY-7f3a-Vertraulich-ÄÖÜ"


def fast_kdf() -> crypto.KdfParams:
    """The issue's minimum Argon2id (19 MiB, 2 passes): quick enough for many tests."""
    return crypto.passphrase_params(memory_kib=19 * 1024, iterations=2, lanes=1)


class Sleeps(list):
    """Records requested sleeps instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_vault(db: Database, **kwargs: Any) -> NoteVault:
    """A NoteVault on `db` with the fast key derivation and sleeps recorded, not slept."""
    kwargs.setdefault("passphrase_kdf", fast_kdf)
    kwargs.setdefault("sleep", Sleeps())
    return NoteVault(db, **kwargs)


def seed(db: Database) -> dict[str, int]:
    """Two participants, a round, a proposed tandem and two sessions, by plain SQL."""
    with db.atomic():
        db.execute(
            "INSERT INTO participants (id, first_name, last_name, role) VALUES "
            "(1, 'Lena', 'Vogt', 'mentor'), (2, 'Łukasz', 'Dvořák-Şahin', 'mentee'), "
            "(3, 'Anna', 'Lee', 'mentee')"
        )
        db.execute(
            "INSERT INTO rounds (id, name, start_date, end_date) "
            "VALUES (1, 'Runde 2026', '2026-01-01', '2026-06-30')"
        )
        db.execute(
            "INSERT INTO tandems (id, round_id, mentor_id, mentee_id, status) "
            "VALUES (1, 1, 1, 2, 'proposed')"
        )
        db.execute(
            "INSERT INTO sessions (id, tandem_id, starts_at) VALUES "
            "(1, 1, '2026-02-01T10:00'), (2, 1, '2026-03-01T10:00')"
        )
    return {"participant": 2, "other_participant": 3, "tandem": 1, "session": 1}


def canary_forms(canary: str = CANARY) -> list[bytes]:
    """The canary (and its ASCII core and its umlaut tail) as UTF-8 and UTF-16 bytes."""
    forms: list[bytes] = []
    for text in (canary, "CANARY-7f3a", "Vertraulich-ÄÖÜ"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            forms.append(text.encode(encoding))
        forms.append(text.encode("utf-8").hex().encode("ascii"))  # as an SQL blob literal
    return forms


def assert_no_canary(data: bytes | str, where: str, canary: str = CANARY) -> None:
    """Fail when any form of the canary occurs in `data`."""
    blob = data.encode("utf-8") if isinstance(data, str) else data
    for form in canary_forms(canary):
        assert form not in blob, f"the canary leaked into {where}"
