"""Agenda sheets as real PDFs read back with pypdf: names and user text exactly as typed,
the meeting's number, time and place, last time's summary, both languages complete, the
anonymous print without names, one page per upcoming meeting, no private note, not blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from app.documents.agenda import GROUND_RULES, NOTES_PROMISE, agenda_filename, agenda_pdf
from app.errors import NotFoundError, ValidationError
from app.i18n import translator
from app.services import sessions
from tests.papers.conftest import HARD_NAME, LONG_NAME, MARKUP_NAME, REASON, Program
from tests.pdf_helpers import (
    assert_no_canary_in_pdf,
    flat,
    inked_share_per_page,
    page_texts,
    pdf_metadata,
    pdf_text,
)

# What every sheet prints, in the source language; each must appear translated.
FIXED = [
    "Agenda",
    "Agenda item",
    "Preparation",
    "Notes",
    "Agreed until next time",
    "What I learned today",
    GROUND_RULES,
    NOTES_PROMISE,
]


def _first_held(db: Database, tandem_id: int) -> int:
    return sessions.list_sessions(db, tandem_id=tandem_id)[0].id


def test_names_and_user_text_print_exactly_as_typed(db: Database, program: Program) -> None:
    text = pdf_text(agenda_pdf(db, session_id=_first_held(db, program.completed), lang="en"))
    assert " ".join(HARD_NAME) in text and " ".join(MARKUP_NAME) in text
    long_text = pdf_text(agenda_pdf(db, session_id=_first_held(db, program.dissolved), lang="de"))
    assert " ".join(LONG_NAME) in long_text
    upcoming = pdf_text(agenda_pdf(db, session_id=program.upcoming[0], lang="en"))
    assert "Async work & <i>focus time</i>" in upcoming
    assert "Mentee: bring one week of calendar." in upcoming
    # A link is printed whole (it may wrap, but no character is lost or turned into markup).
    assert "https://teams.example.com/meet/tandem-7?pwd=a&b=<x>" in upcoming.replace(" ", "")


def test_a_sheet_shows_number_time_place_and_last_summary(db: Database, program: Program) -> None:
    data = agenda_pdf(db, session_id=program.upcoming[0], lang="en")
    text = pdf_text(data)
    start = sessions.get_session(db, program.upcoming[0]).starts_at
    assert "Meeting 3 of 6" in text
    assert translator("en").format_date_long(start) in text
    assert "15:00–16:00 (60 min)" in text
    assert "LINK" in text and "PLACE" not in text
    assert "From our last meeting (23 February 2026)" in text
    assert "Hybrid meetings: what works, what annoys. Tried Loop pages together." in text
    assert "Zoë Schäfer" in text and "Dagmar Özdemir" in text
    assert "New ways of working" in text
    assert len(page_texts(data)) == 1


def test_german_and_english_are_complete_and_different(db: Database, program: Program) -> None:
    texts = {
        lang: pdf_text(agenda_pdf(db, session_id=program.upcoming[0], lang=lang))
        for lang in ("de", "en")
    }
    de, en = translator("de"), translator("en")
    for source in FIXED:
        assert flat(de.tr(source)) in texts["de"], source
        assert flat(en.tr(source)) in texts["en"], source
        if de.tr(source) != source:
            assert flat(source) not in texts["de"], f"untranslated: {source}"
    assert "Treffen 3 von 6" in texts["de"] and "Meeting 3 of 6" in texts["en"]
    assert "Aus dem letzten Treffen (23. Februar 2026)" in texts["de"]
    assert "Neue Arbeitsformen" in texts["de"] or de.tr("New ways of working") in texts["de"]
    assert texts["de"] != texts["en"]


def test_a_tandems_upcoming_meetings_get_a_page_each(db: Database, program: Program) -> None:
    pages = page_texts(agenda_pdf(db, tandem_id=program.running, lang="en"))
    assert len(pages) == 2
    assert "Meeting 3 of 6" in flat(pages[0]) and "Meeting 4 of 6" in flat(pages[1])
    assert all("Your notes stay with you; HR does not collect them." in flat(p) for p in pages)
    assert "Looking back" in flat(pages[1]) and "Looking back" not in flat(pages[0])


def test_the_anonymous_print_has_no_names_anywhere(db: Database, program: Program) -> None:
    data = agenda_pdf(db, tandem_id=program.running, lang="de", anonymous=True)
    text, meta = pdf_text(data), pdf_metadata(data)
    for name in ("Zoë", "Schäfer", "Dagmar", "Özdemir"):
        assert name not in text and name not in meta["title"] and name not in meta["subject"]
        assert name.encode("utf-8") not in data
    assert "Mentor(in)" in text and "Mentee" in text and "Treffen 3 von 6" in text
    named = pdf_metadata(agenda_pdf(db, tandem_id=program.running, lang="de"))
    assert "Zoë Schäfer" in named["title"] and named["lang"] == "de"
    assert "Zoë" not in agenda_filename(db, tandem_id=program.running, lang="de", anonymous=True)


def test_the_file_name_says_what_and_whose(db: Database, program: Program) -> None:
    name = agenda_filename(db, session_id=program.upcoming[0], lang="de")
    assert name == "Gesprächsbogen Zoë Schäfer – Dagmar Özdemir, Treffen 3.pdf"
    assert agenda_filename(db, tandem_id=program.running, lang="en").startswith("Agenda sheet ")


def test_private_notes_and_the_reason_for_ending_never_print(
    db: Database, with_canary: Program
) -> None:
    for session in sessions.list_sessions(db):
        for lang in ("de", "en"):
            data = agenda_pdf(db, session_id=session.id, lang=lang)
            assert_no_canary_in_pdf(data)
            assert REASON not in pdf_text(data)
    assert_no_canary_in_pdf(agenda_pdf(db, tandem_id=with_canary.running, lang="de"))


def test_pages_are_not_blank(db: Database, program: Program, tmp_path: Path) -> None:
    shares = inked_share_per_page(agenda_pdf(db, tandem_id=program.running, lang="de"), tmp_path)
    assert shares is not None, "pdftoppm is needed to look at the pages"
    assert len(shares) == 2 and all(share > 0.02 for share in shares)


def test_refusals_name_the_problem(db: Database, program: Program) -> None:
    with pytest.raises(ValidationError):
        agenda_pdf(db, tandem_id=program.completed, lang="en")
    with pytest.raises(ValidationError):
        agenda_pdf(db, lang="en")
    with pytest.raises(ValidationError):
        agenda_pdf(db, session_id=program.upcoming[0], tandem_id=program.running, lang="en")
    with pytest.raises(NotFoundError):
        agenda_pdf(db, session_id=9999, lang="en")
    with pytest.raises(NotFoundError):
        agenda_pdf(db, tandem_id=9999, lang="en")


def test_a_long_agenda_continues_the_notes_on_a_second_page(db: Database, program: Program) -> None:
    item = "a longer agenda item that wraps onto a second line"
    preparation = "Both: prepare two examples from your department and note them down."
    sessions.set_agenda(
        db, program.upcoming[1], [(f"Item {n}: {item}", preparation) for n in range(1, 10)]
    )
    data = agenda_pdf(db, session_id=program.upcoming[1], lang="en")
    first, second = (flat(page) for page in page_texts(data))
    assert "Item 9:" in first and "Notes" in first
    assert "Agreed until next time" in second and "What I learned today" in second
    assert "Item" not in second and "Agreed until next time" not in first
