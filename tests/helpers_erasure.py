"""Helpers for the tests of erasure, anonymisation and retention: a small program whose one
person has an unusual name and a canary in every free text about her, and the byte forms in
which a name or canary could hide in a file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from app.model import (
    CheckinPhase,
    NoteOwnerKind,
    Role,
    SessionInput,
    SessionStatus,
    TandemStatus,
)
from app.services import checkins, sessions, tandems
from tests.helpers_reports import CANARY, PASSPHRASE, Plan, make_vault, new_round, person, tandem

# Nobody else in any test file is called so; every part of it must vanish with her.
ODD_FIRST, ODD_LAST = "Eulalia-Ŋgozi", "Wrzesińska-Quaglio"


def byte_forms(*texts: str) -> list[bytes]:
    """Each text as UTF-8, UTF-16 (both byte orders) and as an SQL blob literal."""
    forms = []
    for text in texts:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            forms.append(text.encode(encoding))
        forms.append(text.encode("utf-8").hex().encode("ascii"))
    return forms


SECRETS = (CANARY, "CANARY-7f3a", "Vertraulich-ÄÖÜ", ODD_FIRST, ODD_LAST, "Wrzesińska")
"""What must not be left in the file after Eulalia is erased."""


def leaks(path: Path) -> list[str]:
    """Which of SECRETS (in any byte form) the file at `path` still holds."""
    data = path.read_bytes()
    return [text for text in SECRETS if any(form in data for form in byte_forms(text))]


def program(db: Database) -> dict[str, int]:
    """Eulalia (odd name, both roles) reports to Boris and has Dora reporting to her. She
    mentored Bert in 2025 (completed, two meetings with agenda, check-ins of both) and is
    Carla's mentee in 2026 (active, one planned meeting). Dora and Emil have a tandem of their
    own. The canary is in Eulalia's position, her tandems' goals, meetings, agenda and in
    private notes on her, her tandems and a meeting; Dora's tandem has a note too."""
    boris = person(db, "Boris", "Baumann", Role.MENTEE, department="Board")
    eulalia = person(
        db, ODD_FIRST, ODD_LAST, Role.BOTH, department="Research", manager_id=boris,
        personnel_number="P-4711", email="eulalia@example.com",
        position=f"Analyst {CANARY}", can_teach=("AI tools",), wants_to_learn=("Leadership",),
    )  # fmt: skip
    dora = person(db, "Dora", "Nowak", Role.MENTOR, department="IT", manager_id=eulalia)
    bert = person(db, "Bert", "Brandt", Role.MENTEE, department="Sales")
    carla = person(db, "Carla", "Conti", Role.MENTOR, department="Finance")
    emil = person(db, "Emil", "Ernst", Role.MENTEE, department="HR")
    past = new_round(db, "Round 2025", date(2025, 2, 1), date(2025, 9, 30))
    now = new_round(db, "Round 2026", date(2026, 2, 1), date(2026, 9, 30))
    held = [
        (SessionStatus.HELD, datetime(2025, 3, 3, 10)),
        (SessionStatus.HELD, datetime(2025, 4, 7, 10)),
    ]
    t1 = tandem(
        db, past, eulalia, bert, Plan(TandemStatus.COMPLETED, held, ("AI tools",)),
        date(2025, 1, 10),
    )  # fmt: skip
    t2 = tandem(
        db, now, carla, eulalia,
        Plan(TandemStatus.ACTIVE, [(SessionStatus.PLANNED, datetime(2026, 3, 2, 9))]),
        date(2026, 1, 10),
    )  # fmt: skip
    t3 = tandem(db, now, dora, emil, Plan(TandemStatus.ACTIVE, held[:1]), date(2026, 1, 10))
    tandems.update_focus(
        db, t1, goals=f"{ODD_FIRST} learns to lead; {CANARY}", focus_topics=("AI tools",)
    )
    tandems.update_focus(db, t3, goals="Dora's own goals", focus_topics=())
    first = sessions.list_sessions(db, tandem_id=t1)[0]
    sessions.update_session(
        db,
        first.id,
        SessionInput(
            first.starts_at, 90, f"Room of {ODD_LAST}", SessionStatus.HELD, f"Talked {CANARY}"
        ),
    )
    sessions.set_agenda(db, first.id, [(f"Item {CANARY}", f"Prepare {ODD_FIRST}")])
    for who, rating in ((eulalia, 5), (bert, 2)):
        checkins.record_checkin(
            db, t1, who, CheckinPhase.FINAL, relationship_rating=rating, on=date(2025, 9, 1)
        )
    vault = make_vault(db)
    vault.setup(PASSPHRASE)
    vault.add_note(NoteOwnerKind.PARTICIPANT, eulalia, f"About {ODD_FIRST}", CANARY)
    vault.add_note(NoteOwnerKind.TANDEM, t1, "About the tandem", CANARY)
    vault.add_note(NoteOwnerKind.SESSION, first.id, "About a meeting", CANARY)
    vault.add_note(NoteOwnerKind.TANDEM, t3, "Dora's tandem", "kept")
    vault.add_note(NoteOwnerKind.PARTICIPANT, dora, "About Dora", "kept")
    vault.close()
    return {
        "boris": boris, "eulalia": eulalia, "dora": dora, "bert": bert, "carla": carla,
        "emil": emil, "t1": t1, "t2": t2, "t3": t3, "session": first.id,
    }  # fmt: skip
