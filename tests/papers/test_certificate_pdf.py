"""Certificates of participation as real PDFs read back with pypdf: names exactly as typed,
a page (or a file) per person, the right figures, role-specific wording, topics left off per
person, a dissolved tandem without its reason, German without "Zertifikat", cancelling that
leaves no file, no private note, no blank page."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from app.db import open_database
from app.documents.certificate import (
    NOT_ASSESSED,
    TITLE,
    CertificatesCancelled,
    certificate_files,
    certificates_pdf,
    hours_text,
)
from app.errors import ValidationError
from app.i18n import translator
from app.model import ParticipantInput, Role, RoundInput, SessionInput, SessionStatus, TandemStatus
from app.services import participants, rounds, sessions, tandems
from tests.papers.conftest import HARD_NAME, LONG_NAME, MARKUP_NAME, REASON, Program
from tests.pdf_helpers import (
    assert_no_canary_in_pdf,
    flat,
    inked_share_per_page,
    make_demo_file,
    page_texts,
    pdf_metadata,
    pdf_text,
)

HARD, MARKUP, LONG = (" ".join(n) for n in (HARD_NAME, MARKUP_NAME, LONG_NAME))


def _pages(data: bytes) -> list[str]:
    return [flat(page) for page in page_texts(data)]


def test_a_page_per_person_with_names_exactly_as_typed(db: Database, program: Program) -> None:
    everyone = [program.lukasz, program.anna, program.long]
    data = certificates_pdf(db, round_id=program.round_id, participant_ids=everyone, lang="de")
    pages = _pages(data)
    assert len(pages) == 3
    # Sorted by last name: "<b>Lee</b>" sorts before "Dvořák-Şahin" and "von Hohenberg-Ried".
    assert MARKUP in pages[0] and HARD in pages[1] and LONG in pages[2]
    assert all(page.count("Teilnahmebestätigung") >= 1 for page in pages)


def test_by_default_the_completed_tandems_get_certificates(db: Database, program: Program) -> None:
    pages = _pages(certificates_pdf(db, round_id=program.round_id, lang="en"))
    assert len(pages) == 2
    text = " ".join(pages)
    assert HARD in text and MARKUP in text
    assert LONG not in text and "Zoë" not in text


def test_figures_roles_and_topics(db: Database, program: Program) -> None:
    data = certificates_pdf(
        db, round_id=program.round_id, lang="en", show_topics={program.anna: False}
    )
    anna, lukasz = _pages(data)
    for page in (anna, lukasz):
        assert "6 of 6 planned" in page and "7 hours" in page
        assert "from 12 January 2026 to 10 July 2026" in page
        assert "Programmrunde 2026" in page
        assert "This confirms participation; it does not assess performance." in page
    assert "took part as mentor" in lukasz
    assert "Our sincere thanks for the time given and the knowledge shared." in lukasz
    assert "“AI tools” and “Cyber security”" in lukasz
    assert "took part as mentee" in anna and "guided by an early-career colleague" in anna
    assert "openness to learn from one another" in anna
    assert "AI tools" not in anna and "Cyber security" not in anna
    assert "time given" not in anna
    assert f"No. TB-2026-{program.round_id:02d}-{program.anna:04d}" in anna


def test_a_dissolved_tandem_confirms_meetings_held_without_a_reason(
    db: Database, program: Program
) -> None:
    for lang in ("de", "en"):
        data = certificates_pdf(
            db, round_id=program.round_id, participant_ids=[program.long, program.bernd], lang=lang
        )
        text = pdf_text(data)
        assert REASON not in text and "Streit" not in text
        assert "dissolv" not in text.lower() and "aufgelöst" not in text.lower()
        t = translator(lang)
        assert t.tr("Meetings that took place").upper() in text
        assert hours_text(t, 105) in text
        assert t.tr("{held} of {planned} planned", held=2, planned=6) not in text
    assert "1,75 Stunden" in pdf_text(
        certificates_pdf(db, round_id=program.round_id, participant_ids=[program.long], lang="de")
    )


def test_german_and_english_are_complete_and_different(db: Database, program: Program) -> None:
    texts = {lang: pdf_text(certificates_pdf(db, round_id=program.round_id, lang=lang))
             for lang in ("de", "en")}  # fmt: skip
    de = texts["de"]
    assert "zertifikat" not in de.lower() and "certificate" not in de.lower()
    assert "Teilnahmebestätigung" in de and "Hiermit bestätigen wir, dass" in de
    assert translator("de").tr(NOT_ASSESSED) in de
    assert "vom 12. Januar 2026 bis zum 10. Juli 2026" in de
    assert "6 von 6 geplanten" in de and "7 Stunden" in de
    t = translator("de")
    assert f"„{t.tr('AI tools')}“ und „{t.tr('Cyber security')}“" in de
    for english in (TITLE, NOT_ASSESSED, "This is to confirm that", "Time in the tandem"):
        assert english not in de
        assert english.upper() in texts["en"] or english in texts["en"]
    assert HARD in de and HARD in texts["en"]


def test_metadata_and_landscape(db: Database, program: Program) -> None:
    data = certificates_pdf(
        db, round_id=program.round_id, participant_ids=[program.lukasz], lang="de", landscape=True
    )
    page = PdfReader(BytesIO(data)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    meta = pdf_metadata(data)
    assert meta["title"] == f"Teilnahmebestätigung – {HARD}" and meta["lang"] == "de"
    portrait = PdfReader(BytesIO(certificates_pdf(db, round_id=program.round_id, lang="en")))
    assert float(portrait.pages[0].mediabox.width) < float(portrait.pages[0].mediabox.height)


def test_one_file_per_person_with_legal_names(
    db: Database, program: Program, tmp_path: Path
) -> None:
    folder = tmp_path / "Bestätigungen"
    folder.mkdir()
    (folder / f"Teilnahmebestätigung {HARD}.pdf").write_bytes(b"old")
    paths = certificate_files(db, round_id=program.round_id, folder=folder, lang="de")
    assert [p.name for p in paths] == [
        "Teilnahmebestätigung Anna & b Lee b.pdf",
        f"Teilnahmebestätigung {HARD}.pdf",
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    for path, name in zip(paths, (MARKUP, HARD), strict=True):
        pages = _pages(path.read_bytes())
        assert len(pages) == 1 and name in pages[0]


def test_a_cancelled_batch_leaves_no_file(db: Database, program: Program, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    def stop_after_first(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 1

    folder = tmp_path / "out"
    with pytest.raises(CertificatesCancelled):
        certificate_files(
            db, round_id=program.round_id, folder=folder, lang="en", progress=stop_after_first
        )
    assert calls == [(1, 2)]
    assert list(folder.iterdir()) == []
    with pytest.raises(CertificatesCancelled):
        certificates_pdf(db, round_id=program.round_id, lang="en", progress=lambda d, t: False)
    seen: list[tuple[int, int]] = []
    certificates_pdf(
        db, round_id=program.round_id, lang="en", progress=lambda d, t: seen.append((d, t)) or True
    )
    assert seen == [(1, 2), (2, 2)]


def test_private_notes_never_print(db: Database, with_canary: Program) -> None:
    ids = [with_canary.lukasz, with_canary.anna, with_canary.long, with_canary.bernd]
    for lang in ("de", "en"):
        for landscape in (False, True):
            data = certificates_pdf(
                db, round_id=with_canary.round_id, participant_ids=ids, lang=lang,
                landscape=landscape,
            )  # fmt: skip
            assert_no_canary_in_pdf(data)


def test_pages_are_not_blank(db: Database, program: Program, tmp_path: Path) -> None:
    for landscape in (False, True):
        folder = tmp_path / str(landscape)
        folder.mkdir()
        data = certificates_pdf(db, round_id=program.round_id, lang="de", landscape=landscape)
        shares = inked_share_per_page(data, folder)
        assert shares is not None, "pdftoppm is needed to look at the pages"
        assert len(shares) == 2 and all(share > 0.02 for share in shares)


def test_a_round_without_a_completed_tandem_is_refused(db: Database, program: Program) -> None:
    start = rounds.get_round(db, program.round_id).start_date
    empty = rounds.create_round(db, RoundInput("Leer", start, start))
    with pytest.raises(ValidationError):
        certificates_pdf(db, round_id=empty.id, lang="en")
    with pytest.raises(ValidationError):
        certificates_pdf(db, round_id=program.round_id, participant_ids=[program.zoe], lang="en")


def test_the_figures_of_a_demo_tandem(tmp_path: Path) -> None:
    """Björn Köhler's completed tandem in the demo: meetings held of planned and hours, as
    the sessions service counts them, and both partners' names."""
    db = open_database(make_demo_file(tmp_path / "demo.tandem"))
    try:
        tandem = next(
            t
            for t in tandems.list_tandems(db)
            if t.mentee_name == "Björn Köhler" and t.status == TandemStatus.COMPLETED
        )
        held = [
            s
            for s in sessions.list_sessions(db, tandem_id=tandem.id)
            if s.status == SessionStatus.HELD
        ]
        planned = rounds.get_round(db, tandem.round_id).meetings_planned
        minutes = sum(s.duration_minutes for s in held)
        data = certificates_pdf(
            db,
            round_id=tandem.round_id,
            participant_ids=[tandem.mentor_id, tandem.mentee_id],
            lang="en",
        )
    finally:
        db.close()
    pages = _pages(data)
    by_name = {name: page for page in pages for name in (tandem.mentor_name, tandem.mentee_name)
               if name in page}  # fmt: skip
    assert set(by_name) == {tandem.mentor_name, tandem.mentee_name}
    t = translator("en")
    for page in by_name.values():
        assert f"{len(held)} of {planned} planned" in page
        assert hours_text(t, minutes) in page
    assert len(held) >= 5 and minutes >= 300


def test_someone_in_both_roles_gets_one_certificate_naming_both(
    db: Database, program: Program
) -> None:
    omer = participants.create_participant(
        db, ParticipantInput("Ömer", "Çelik", role=Role.BOTH, department="Service",
                             consent_date=date(2025, 11, 3)),
    ).id  # fmt: skip

    def finished(mentor: int, mentee: int, day: datetime) -> None:
        tandem = tandems.create_tandem(db, program.round_id, mentor, mentee, on=date(2026, 1, 5))
        for status in (TandemStatus.AGREED, TandemStatus.ACTIVE):
            tandems.set_status(db, tandem.id, status, on=date(2026, 1, 8))
        sessions.create_session(db, tandem.id, SessionInput(day, 60, status=SessionStatus.HELD))
        tandems.set_status(db, tandem.id, TandemStatus.COMPLETED, on=date(2026, 3, 1))

    finished(omer, program.bernd, datetime(2026, 2, 2, 10))
    finished(program.lukasz, omer, datetime(2026, 2, 9, 10))
    pages = _pages(certificates_pdf(db, round_id=program.round_id, participant_ids=[omer],
                                    lang="en"))  # fmt: skip
    assert len(pages) == 1
    assert "as mentor to a senior colleague and as mentee of an early-career colleague" in pages[0]
    assert "Mentor and mentee" in pages[0] and "2 of 12 planned" in pages[0]
    assert "2 hours" in pages[0]
