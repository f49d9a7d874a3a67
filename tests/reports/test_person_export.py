"""The personal data export (GDPR art. 15), read back: names exactly as typed, every field of
the record (a column added to the file shows up), the private notes' content only when it
was asked for with unlocked notes, a proper export for a person with nothing but a record,
the rights and the erasure date, the JSON copy, German and English complete."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.documents.person_export import (
    person_export_filename,
    person_export_json,
    person_export_pdf,
)
from app.model import ParticipantInput, ParticipantStatus, Role, TandemStatus
from app.services import participants
from app.services.notes import NotesLockedError
from app.services.privacy import walked_tables
from tests.helpers_reports import Plan, change_person, make_vault, new_round, person, tandem
from tests.pdf_helpers import (
    CANARY,
    HARD_FIRST,
    HARD_LAST,
    LONG_GOAL,
    MARKUP_FIRST,
    MARKUP_LAST,
    assert_no_canary_in_pdf,
    inked_share_per_page,
    pdf_metadata,
    pdf_text,
)
from tests.reports.conftest import HardProgram

MADE_ON = date(2026, 11, 23)
HEADINGS = {
    "en": ["Personal data export", "Information under GDPR art. 15", "In short",
           "1 Your record", "2 Your tandems", "3 Your meetings", "4 Your check-ins",
           "5 Confidential notes by HR", "6 About this information", "Your rights",
           "Field and purpose", "Source", "Recipients", "Automated decisions"],
    "de": ["Datenauskunft", "Auskunft nach Art. 15 DSGVO", "Kurz gefasst", "1 Ihre Stammdaten",
           "2 Ihre Tandems", "3 Ihre Treffen", "4 Ihr Zwischen- und Abschlussfeedback",
           "5 Vertrauliche Notizen der Personalabteilung", "6 Zu dieser Auskunft", "Ihre Rechte",
           "Feld und Zweck", "Herkunft", "Empfänger", "Automatisierte Entscheidungen"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "de"])
def test_names_and_text_come_out_exactly_as_typed(
    db: Database, hard: HardProgram, lang: str
) -> None:
    text = pdf_text(person_export_pdf(db, hard.lukasz, lang=lang, made_on=MADE_ON))
    assert f"{HARD_FIRST} {HARD_LAST}" in text
    assert f"{MARKUP_FIRST} {MARKUP_LAST}" in text  # the partner, markup printed literally
    assert "Auszubildende <IT>" in text and "Digital & Data" in text
    assert "KI-Werkzeuge sicher nutzen & <b>nicht</b> fürchten." in text
    other = pdf_text(person_export_pdf(db, hard.anna, lang=lang, made_on=MADE_ON))
    assert f"{MARKUP_FIRST} {MARKUP_LAST}" in other and "<b>" in other


@pytest.mark.parametrize("lang", ["en", "de"])
def test_both_languages_are_complete_and_different(
    db: Database, hard: HardProgram, lang: str
) -> None:
    data = person_export_pdf(db, hard.lukasz, lang=lang, made_on=MADE_ON)
    text = pdf_text(data)
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    other = "de" if lang == "en" else "en"
    for heading in HEADINGS[other]:
        if heading not in HEADINGS[lang]:
            assert heading not in text, f"other language: {heading}"
    assert pdf_metadata(data)["lang"] == lang
    assert (person_export_filename(db, hard.lukasz, lang=lang) ==
            {"en": "Personal data export", "de": "Datenauskunft"}[lang]
            + f" {HARD_FIRST} {HARD_LAST}.pdf")  # fmt: skip


def test_the_notes_stay_out_unless_asked_for_with_unlocked_notes(
    db: Database, hard: HardProgram
) -> None:
    vault = make_vault(db)
    vault.unlock(hard.passphrase)
    try:
        for made in (
            person_export_pdf(db, hard.lukasz, lang="en"),
            person_export_pdf(db, hard.lukasz, lang="de"),
            person_export_pdf(db, hard.lukasz, lang="en", vault=vault),  # unlocked, not asked
        ):
            assert_no_canary_in_pdf(made)
        for copy in (
            person_export_json(db, hard.lukasz),
            person_export_json(db, hard.lukasz, vault=vault),
        ):
            assert CANARY not in copy
        text = pdf_text(person_export_pdf(db, hard.lukasz, lang="en"))
        assert "HR keeps 2 confidential notes about you, your tandems or your meetings" in text

        asked = pdf_text(
            person_export_pdf(db, hard.lukasz, lang="en", with_notes=True, vault=vault)
        )
        assert f"{CANARY} title" in asked and f"Text {CANARY}" in asked
        assert "About Anna" not in asked  # a note on the partner is the partner's
        copy = json.loads(person_export_json(db, hard.lukasz, with_notes=True, vault=vault))
        assert {n["text"] for n in copy["notes"]} == {CANARY, f"Text {CANARY}"}
        assert copy["notes_content_included"] is True
    finally:
        vault.close()
    with pytest.raises(NotesLockedError):
        person_export_pdf(db, hard.lukasz, lang="en", with_notes=True, vault=vault)
    with pytest.raises(NotesLockedError):
        person_export_json(db, hard.lukasz, with_notes=True)


def test_a_person_with_nothing_but_a_record_gets_a_whole_export(
    db: Database, tmp_path: Path
) -> None:
    alone = participants.create_participant(
        db, ParticipantInput(first_name="Zoë", last_name="Ng", role=Role.MENTOR)
    ).id
    data = person_export_pdf(db, alone, lang="en", made_on=MADE_ON)
    text = pdf_text(data)
    for sentence in (
        "Zoë Ng",
        "You have not been in a tandem.",
        "No meetings are recorded for you.",
        "You have given no check-in.",
        "HR keeps no confidential notes about you.",
        "to have wrong data corrected (art. 16)",
        "to complain to a data protection supervisory authority (art. 77)",
        "23 November 2026",
    ):
        assert sentence in text, sentence
    shares = inked_share_per_page(data, tmp_path)
    assert shares is None or all(share > 0.01 for share in shares)
    copy = json.loads(person_export_json(db, alone))
    assert copy["tandems"] == [] and copy["meetings"] == [] and copy["notes"] == []
    assert list(copy["stored_rows"]) == ["participants"]


def test_every_field_of_the_record_is_listed_with_its_value_and_source(
    db: Database, hard: HardProgram
) -> None:
    # A column added to the file is in the export without a change to the document.
    db.execute("ALTER TABLE participants ADD COLUMN badge_colour TEXT")
    db.execute("UPDATE participants SET badge_colour = 'Türkis & Gold' WHERE id = ?", [hard.lukasz])
    text = pdf_text(person_export_pdf(db, hard.lukasz, lang="en", made_on=MADE_ON))
    assert "badge_colour Türkis & Gold" in text
    assert "Business e-mail, for meeting invitations" in text
    assert "Department, so partners come from different departments Digital & Data" in text
    assert "imported from HR's employee list or entered by HR" in text
    assert "Role in the programme: mentor, mentee or both Mentor reported by the person" in text
    assert "Date the person agreed to take part (voluntary participation) 5 Jan 2026" in text


def test_the_export_says_what_a_person_needs_to_know(db: Database, hard: HardProgram) -> None:
    text = pdf_text(person_export_pdf(db, hard.lukasz, lang="en", made_on=MADE_ON))
    for sentence in (
        "Nobody outside HR sees your data. Management and the works council receive only "
        "anonymous totals, never a figure about fewer than 5 people.",
        "No decision about you is made automatically: Tandem proposes pairs, HR decides.",
        "What is said in your meetings is not stored",
        "None (GDPR art. 22).",
        "to have your data erased (art. 17)",
        "to have its use restricted (art. 18)",
        "to object to its use (art. 21)",
        "Your data is kept while you take part.",
    ):
        assert sentence in text, sentence


def mentor_who_left(db: Database, year: int) -> int:
    """Mia, mentor of a tandem completed in a round of `year` that ended on 30 June; she
    left the company on 30 September of that year."""
    spring = new_round(db, "Spring", date(year, 1, 6), date(year, 6, 30))
    mia = person(db, "Mia", "Roth", Role.MENTOR, department="A")
    max_ = person(db, "Max", "Berg", Role.MENTEE, department="B")
    tandem(db, spring, mia, max_, Plan(TandemStatus.COMPLETED), date(year, 1, 2))
    change_person(db, mia, status=ParticipantStatus.LEFT, status_date=date(year, 9, 30))
    return mia


def test_someone_who_left_learns_the_day_their_data_is_erased(db: Database) -> None:
    mia = mentor_who_left(db, 2025)  # the round ended on 30 June, she left on 30 September
    text = pdf_text(person_export_pdf(db, mia, lang="de", made_on=MADE_ON))
    # The file's retention period (24 months unless HR changes it) after the later of the
    # round's end and her leaving: the same day the retention list shows her as due.
    assert "Ihre Daten werden am 30. September 2027 gelöscht oder anonymisiert" in text
    assert json.loads(person_export_json(db, mia))["erasure_due"] == "2027-09-30"


def test_the_json_copy_holds_every_stored_row_as_typed(db: Database, hard: HardProgram) -> None:
    text = person_export_json(db, hard.lukasz, made_on=MADE_ON)
    assert HARD_LAST in text and "\\u" not in text  # UTF-8, not escaped
    copy = json.loads(text)
    assert (copy["participant"]["first_name"], copy["participant"]["last_name"]) == (
        HARD_FIRST, HARD_LAST,
    )  # fmt: skip
    assert copy["made_on"] == "2026-11-23"
    assert copy["tandems"][0]["partner_name"] == f"{MARKUP_FIRST} {MARKUP_LAST}"
    assert set(copy["stored_rows"]) <= set(walked_tables(db))
    own = copy["stored_rows"]["participants"]
    assert [row["id"] for row in own] == [hard.lukasz]
    stored = db.execute("SELECT * FROM participants WHERE id = ?", [hard.lukasz]).fetchone()
    assert tuple(own[0].values()) == tuple(stored)
    goals = {row["goals"] for row in copy["stored_rows"]["tandems"]}
    assert LONG_GOAL not in goals and any("<b>nicht</b>" in g for g in goals)


def test_a_due_date_already_past_is_not_told_in_the_future_tense(db: Database) -> None:
    mia = mentor_who_left(db, 2022)
    # Due on 30 September 2024; HR has not run the retention step yet.
    for lang, said, not_said in (
        ("en", "Your data has been due for erasure or anonymisation since 30 September 2024",
         "is due to be erased or anonymised on"),
        ("de", "Ihre Daten sind seit dem 30. September 2024 zur Löschung oder Anonymisierung fällig",
         "Ihre Daten werden am"),
    ):  # fmt: skip
        text = pdf_text(person_export_pdf(db, mia, lang=lang, made_on=MADE_ON))
        assert said in text and not_said not in text
