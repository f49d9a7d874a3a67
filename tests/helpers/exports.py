"""A participant list that tests every corner of the export's columns, and a snapshot of it
to compare after a round trip (export, import into a fresh file)."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.imports.engine import ImportSession
from app.model import ParticipantInput, ParticipantStatus, Role
from app.services.participants import create_participant, list_participants

TRICKY = [
    '=HYPERLINK("http://x","click")',
    "+49 170 1234567",
    "-Minus",
    "@home",
    "'=already quoted",
    "'plain apostrophe",
    "''=two apostrophes",
    "Anna & <b>Lee</b>",
]


# Active; alumni and left with a date; left without a date.
STATUSES = [
    ParticipantStatus.ACTIVE,
    ParticipantStatus.ALUMNI,
    ParticipantStatus.LEFT,
    ParticipantStatus.LEFT,
]


def fill(db: Database, sample_dir) -> None:
    """The three samples plus people that test every corner of the columns, in every
    status (with and without a status date)."""
    for name in ("mitarbeiter_excel_de.csv", "employees_utf8_bom.csv", "mitarbeiterliste.xlsx"):
        ImportSession.open(sample_dir(name)).apply(db)
    boss = create_participant(
        db, ParticipantInput("Nur", "Mail", email="nur.mail@x.de", role=Role.MENTEE)
    )
    nameonly = create_participant(db, ParticipantInput("Ohne", "Alles", role=Role.BOTH))
    for i, text in enumerate(TRICKY):
        create_participant(
            db,
            ParticipantInput(
                first_name=text,
                last_name=f"Łódź-Şahin {i}",
                personnel_number=f"T{i}",
                department=text,
                position="-" if i % 2 else "=1+2",
                manager_id=boss.id if i % 2 else nameonly.id,
                start_date=date(2020, 1, 1 + i),
                consent_date=date(2026, 2, 1 + i) if i % 3 else None,
                role=[Role.MENTOR, Role.MENTEE, Role.BOTH][i % 3],
                can_teach=("AI tools", f"Thema {i}", "=SUM(A1)"),
                wants_to_learn=("Social media",) if i % 2 else (),
                status=STATUSES[i % 4],
                status_date=date(2025, 6, 1 + i) if i % 4 in (1, 2) else None,
            ),
        )


def snapshot(db: Database) -> dict[str, tuple]:
    """Every imported field per person, the manager by the manager's identity."""
    people = list_participants(db)
    by_id = {p.id: p for p in people}

    def ident(p) -> str:
        return p.personnel_number or p.email or p.name

    return {
        ident(p): (
            p.personnel_number,
            p.first_name,
            p.last_name,
            p.email,
            p.department,
            p.position,
            ident(by_id[p.manager_id]) if p.manager_id else None,
            p.start_date,
            p.role,
            p.consent_date,
            tuple(sorted(p.can_teach)),
            tuple(sorted(p.wants_to_learn)),
            p.status,
            p.status_date,
        )
        for p in people
    }
