"""Helpers for the tests of PDF documents: read a PDF back, render it, put a canary into every
private note, and make the people with the hardest names. Import from here, not from test
modules."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import notes_crypto as crypto

# The private-notes canary of the documents: in a note on every person, tandem and meeting,
# never in any PDF.
CANARY = "CANARY-5dqz-Vertraulich-ÄÖÜ"  # no part of it is a hex number: PDFs hold hex
DEMO_TODAY = date(2026, 11, 22)

# The hardest names: letters outside Windows-1252, markup characters, a 50-character name.
HARD_FIRST, HARD_LAST = "Łukasz", "Dvořák-Şahin"
MARKUP_FIRST, MARKUP_LAST = "Anna &", "<b>Lee</b>"
LONG_FIRST = "Maximiliane-Theodora Wilhelmine"  # with LONG_LAST: a 50-character name
LONG_LAST = "von Hohenberg-Ried"


def make_demo_file(path: Path, today: date = DEMO_TODAY) -> Path:
    """A program file at `path` holding the demo company (deterministic for `today`)."""
    from app.db import create_database, open_database
    from app.demo import generate_demo

    create_database(path).close()
    db = open_database(path)
    try:
        generate_demo(db, today=today)
    finally:
        db.close()
    return path


def add_canary_notes(db: Database, canary: str = CANARY) -> int:
    """Write a private note holding `canary` on every participant, tandem and meeting of a
    demo file (its notes are unlocked with the demo passphrase); returns how many."""
    from app.demo_notes import DEMO_PASSPHRASE
    from app.services.notes import NoteVault

    vault = NoteVault(
        db,
        sleep=lambda _s: None,
        passphrase_kdf=lambda: crypto.passphrase_params(memory_kib=19 * 1024, iterations=2),
    )
    vault.unlock(DEMO_PASSPHRASE)
    count = 0
    with db.atomic():
        for kind, table in (("participant", "participants"), ("tandem", "tandems"),
                            ("session", "sessions")):  # fmt: skip
            for (owner_id,) in db.execute(f"SELECT id FROM {table}").fetchall():
                vault.add_note(kind, owner_id, f"{canary} {kind}", f"{canary}\n{canary}")
                count += 1
    vault.close()
    return count


def make_canary_demo_file(path: Path) -> Path:
    """The demo file at `path` with a private note holding CANARY on every participant,
    tandem and meeting (see `add_canary_notes`)."""
    from app.db import open_database

    make_demo_file(path)
    db = open_database(path)
    try:
        assert add_canary_notes(db) > 100
    finally:
        db.close()
    return path


def page_texts(data: bytes) -> list[str]:
    """The text of each page, as pypdf reads it back."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text with every run of whitespace (line breaks from wrapping) as one space."""
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    """The whole document's text, whitespace flattened, to look for names and sentences."""
    return flat(" ".join(page_texts(data)))


def pdf_metadata(data: bytes) -> dict[str, str]:
    """Title, author, subject of the PDF, and its language (/Lang of the catalogue)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata or {}
    root = reader.trailer["/Root"]
    return {
        "title": str(info.get("/Title", "")),
        "author": str(info.get("/Author", "")),
        "subject": str(info.get("/Subject", "")),
        "lang": str(root.get("/Lang", "")),
    }


def assert_no_canary_in_pdf(data: bytes, canary: str = CANARY) -> None:
    """The canary is neither in the PDF's bytes nor in its extracted text (any of its parts)."""
    text = pdf_text(data)
    for part in (canary, *canary.split("-")[:2]):
        assert part.encode("utf-8") not in data, "the canary leaked into the PDF's bytes"
        assert part not in text, "the canary leaked into the PDF's text"


def pdftoppm() -> str | None:
    """The pdftoppm program; None where poppler is not installed. In CI (`CI` set) poppler is
    required (.ci/run installs poppler-utils), so a missing one fails instead of hiding."""
    found = shutil.which("pdftoppm")
    if found is None and os.environ.get("CI"):
        pytest.fail("pdftoppm (poppler-utils) is required in CI to render the PDFs")
    return found


def inked_share_per_page(data: bytes, tmp_path: Path, dpi: int = 30) -> list[float] | None:
    """Render every page with pdftoppm and return, per page, the share of pixels that are not
    white (0.0 is a blank page). None where pdftoppm is not installed."""
    from PIL import Image

    program = pdftoppm()
    if program is None:
        return None
    source = tmp_path / "rendered.pdf"
    source.write_bytes(data)
    subprocess.run(
        [program, "-gray", "-png", "-r", str(dpi), str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    shares = []
    for png in sorted(tmp_path.glob("page*.png")):
        with Image.open(png) as image:
            histogram = image.convert("L").histogram()
            dark = sum(histogram[:200])
            shares.append(dark / (image.width * image.height))
    return shares


LONG_GOAL = (
    "Verstehen, wie unsere Kundinnen und Kunden heute über soziale Netzwerke, Bewertungsportale "
    "und Messenger mit uns in Kontakt treten wollen, welche Erwartungen an Antwortzeiten und "
    "Tonfall sie dabei haben, und gemeinsam mit dem Team im Vertrieb ausprobieren, wie wir "
    "darauf in den nächsten sechs Monaten mit einem kleinen, messbaren Pilotprojekt antworten "
    "können – ohne die bestehenden Abläufe zu überfordern & <i>ohne</i> neue Werkzeuge."
)


def hard_names_program(db: Database) -> dict[str, int]:
    """A round with two tandems whose people have the hardest names: letters outside
    Windows-1252 (Łukasz Dvořák-Şahin), markup characters (Anna & <b>Lee</b>), a 50-character
    name, a 400-character goal. Made through the services, as a user would. Returns ids."""
    from app.model import ParticipantInput, Role, RoundInput
    from app.services import participants, rounds, tandems

    def person(first: str, last: str, role: Role, **extra: str) -> int:
        return participants.create_participant(
            db,
            ParticipantInput(
                first_name=first,
                last_name=last,
                role=role,
                consent_date=date(2026, 1, 5),
                **extra,
            ),  # fmt: skip
        ).id

    hard = person(HARD_FIRST, HARD_LAST, Role.MENTOR, position="Auszubildende <IT>",
                  department="Digital & Data")  # fmt: skip
    markup = person(MARKUP_FIRST, MARKUP_LAST, Role.MENTEE, position="Geschäftsführerin",
                    department="Geschäftsleitung")  # fmt: skip
    long_mentor = person("Zoë", "Ng", Role.MENTOR, position="Werkstudentin", department="Vertrieb")
    long = person(LONG_FIRST, LONG_LAST, Role.MENTEE,
                  position="Bereichsleiterin Kundenservice, Vertrieb und Marketing Mitteleuropa",
                  department="Kundenservice & Vertrieb")  # fmt: skip
    round_id = rounds.create_round(
        db, RoundInput("Runde „Frühjahr“ 2026", date(2026, 3, 1), date(2026, 8, 31))
    ).id
    first = tandems.create_tandem(
        db, round_id, hard, markup,
        goals="KI-Werkzeuge sicher nutzen & <b>nicht</b> fürchten.\n"
              "Mentor: Einblick in Entscheidungen der Geschäftsleitung gewinnen.",
        focus_topics=("AI tools", "Social media"),
    ).id  # fmt: skip
    second = tandems.create_tandem(
        db, round_id, long_mentor, long, goals=f"{LONG_GOAL}\nTeams sicher nutzen.",
        focus_topics=("Digital collaboration",),
    ).id  # fmt: skip
    return {"round": round_id, "hard": first, "long": second, "hard_mentor": hard,
            "markup_mentee": markup, "long_mentee": long}  # fmt: skip
