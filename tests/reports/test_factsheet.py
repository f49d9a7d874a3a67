"""The programme factsheet, read back: one page; the headline figures counted a second way
(plain SQL) when enough people stand behind them, and left out (never "< 5") when fewer
than five do; no participant's name and no private note; HR's text as typed; German and
English complete."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.documents.factsheet import factsheet_filename, factsheet_pdf
from app.model import Role, SessionStatus, TandemStatus
from app.services.settings import update_settings
from tests.helpers_reports import Plan, new_round, person, tandem
from tests.pdf_helpers import (
    HARD_FIRST,
    HARD_LAST,
    assert_no_canary_in_pdf,
    inked_share_per_page,
    page_texts,
    pdf_metadata,
    pdf_text,
)

MADE_ON = date(2026, 11, 23)
HEADINGS = {
    "en": ["Reverse mentoring", "How it works", "What we stand for", "Voluntary",
           "Confidential", "As equals", "2026 in figures", "Interested? Talk to"],
    "de": ["Reverse Mentoring bei", "So funktioniert es", "Wofür wir stehen", "Freiwillig",
           "Vertraulich", "Auf Augenhöhe", "2026 in Zahlen", "Interesse? Sprechen Sie mit"],
}  # fmt: skip
CAPTIONS = ("tandems", "meetings held", "hours of mentoring")


def _round_of(db: Database, pairs: int) -> None:
    """A 2026 round of `pairs` completed tandems, three meetings held by each, topic AI."""
    spring = new_round(db, "Frühjahr 2026", date(2026, 2, 2), date(2026, 7, 31))
    for n in range(pairs):
        mentor = person(db, f"Mia{n}", "Mentorin", Role.MENTOR, department=f"M{n}")
        mentee = person(db, f"Max{n}", "Mentee", Role.MENTEE, department=f"E{n}")
        held = [(SessionStatus.HELD, datetime(2026, 3 + k, 2, 10)) for k in range(3)]
        tandem(db, spring, mentor, mentee, Plan(TandemStatus.COMPLETED, held, ("AI tools",)),
               date(2026, 1, 20))  # fmt: skip


def test_figures_about_fewer_than_five_people_are_left_out(db: Database) -> None:
    _round_of(db, 2)  # four people
    text = pdf_text(factsheet_pdf(db, lang="en", year=2026, made_on=MADE_ON))
    for caption in CAPTIONS:
        assert not re.search(rf"\d {caption}\b", text), caption
    assert "< 5" not in text and "fewer than" not in text
    assert "Figures are shown once enough people have taken part" in text
    assert "What our leaders learned" not in text  # two tandems chose AI: not shown either
    for n in range(2):
        assert f"Mia{n}" not in text and f"Max{n}" not in text


def test_figures_about_enough_people_are_those_of_the_file(db: Database) -> None:
    _round_of(db, 6)  # twelve people
    text = pdf_text(factsheet_pdf(db, lang="en", year=2026, made_on=MADE_ON))
    year_sql = "JOIN rounds r ON r.id = t.round_id WHERE substr(r.start_date, 1, 4) = '2026'"
    tandems = db.execute(
        f"SELECT count(*) FROM tandems t {year_sql} AND t.status <> 'proposed'"
    ).fetchone()[0]
    held, minutes = db.execute(
        "SELECT count(*), sum(s.duration_minutes) FROM sessions s "
        f"JOIN tandems t ON t.id = s.tandem_id {year_sql} AND s.status = 'held'"
    ).fetchone()
    assert (tandems, held) == (6, 18)
    assert f"{tandems} tandems" in text
    assert f"{held} meetings held" in text
    assert f"{minutes // 60} hours of mentoring" in text
    assert "What our leaders learned AI tools" in text
    assert "< 5" not in text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_one_page_without_names_or_notes_in_both_languages(
    demo: Database, lang: str, tmp_path: Path
) -> None:
    data = factsheet_pdf(demo, lang=lang, year=2026, made_on=MADE_ON)
    assert len(page_texts(data)) == 1
    assert_no_canary_in_pdf(data)
    text = pdf_text(data)
    for first, last in demo.execute("SELECT first_name, last_name FROM participants"):
        assert f"{first} {last}" not in text and last not in text.split()
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    other = "de" if lang == "en" else "en"
    for heading in HEADINGS[other]:
        if heading not in HEADINGS[lang]:
            assert heading not in text, f"other language: {heading}"
    assert pdf_metadata(data)["lang"] == lang
    shares = inked_share_per_page(data, tmp_path)
    assert shares is None or shares[0] > 0.02


def test_hr_text_and_contact_print_as_typed_and_a_long_text_stays_on_one_page(
    db: Database,
) -> None:
    update_settings(
        db,
        {"hr_contact_name": f"{HARD_FIRST} {HARD_LAST}", "hr_contact_email": "hr@firma.example"},
    )
    own = "Unsere Mentorinnen & <b>Mentoren</b> sagen: „Wir lernen mehr, als wir dachten.“"
    text = pdf_text(factsheet_pdf(db, lang="de", year=2026, text=own))
    assert own in text
    assert f"Interesse? Sprechen Sie mit {HARD_FIRST} {HARD_LAST}. hr@firma.example" in text
    long = "\n\n".join([own * 4] * 5)
    data = factsheet_pdf(db, lang="de", year=2026, text=long)
    assert len(page_texts(data)) == 1 and own in pdf_text(data)
    assert factsheet_filename(db, lang="de", year=2026) == (
        "Programm-Factsheet Reverse Mentoring 2026.pdf"
    )
