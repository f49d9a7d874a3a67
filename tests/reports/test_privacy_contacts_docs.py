"""The data protection officer on the paper HR files and hands out, read back from real PDFs:
the works-council sheet (art. 30 record) names them with their contact, or leaves a tidy line
to write on; the personal data export (art. 15) says whom to ask, and states the file's own
retention period."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlite_utils import Database

from app.documents.person_export import person_export_json, person_export_pdf
from app.documents.works_council import works_council_pdf
from app.model import ParticipantStatus, Role, TandemStatus
from app.services import participants
from app.services.retention import people_due, set_keep_months
from app.services.settings import update_settings
from tests.helpers_reports import Plan, new_round, person, tandem
from tests.pdf_helpers import HARD_FIRST, HARD_LAST, MARKUP_FIRST, MARKUP_LAST, pdf_text
from tests.reports.conftest import HardProgram

MADE_ON = date(2026, 11, 23)
DPO_NAME = f"{HARD_FIRST} {HARD_LAST} & {MARKUP_LAST}"
DPO = {
    "dpo_name": DPO_NAME,
    "dpo_email": "datenschutz@lindenhof.example",
    "dpo_phone": "+49 40 1234-599",
}
LABEL = {"en": "Data protection officer", "de": "Datenschutzbeauftragte(r)"}
TO_WRITE = {
    "en": "Name and contact, or “none appointed”",
    "de": "Name und Kontaktdaten oder „nicht benannt“",
}
SOFTWARE = {"en": "Software Tandem", "de": "Software Tandem"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_works_council_sheet_names_the_dpo_with_contact(db: Database, lang: str) -> None:
    update_settings(db, {**DPO, "company_name": "Lindenhof GmbH"})
    text = pdf_text(works_council_pdf(db, lang=lang))
    assert (
        f"{LABEL[lang]} {DPO_NAME} · datenschutz@lindenhof.example · +49 40 1234-599 "
        f"{SOFTWARE[lang]}"
    ) in text
    assert TO_WRITE[lang] not in text
    update_settings(db, {"dpo_name": "", "dpo_phone": ""})  # an external DPO's mailbox only
    text = pdf_text(works_council_pdf(db, lang=lang))
    assert f"{LABEL[lang]} datenschutz@lindenhof.example {SOFTWARE[lang]}" in text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_a_dpo_the_sheet_leaves_a_line_to_write_on(db: Database, lang: str) -> None:
    text = pdf_text(works_council_pdf(db, lang=lang))
    assert f"{LABEL[lang]} {TO_WRITE[lang]} {SOFTWARE[lang]}" in text
    assert " · · " not in text


RIGHTS_DPO = {
    "en": "You can also contact the data protection officer: {dpo}.",
    "de": "Sie können sich auch an die oder den Datenschutzbeauftragten wenden: {dpo}.",
}
ASK_HR = {"en": "To use them, contact HR", "de": "Wenden Sie sich dazu an die Personalabteilung"}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_art_15_export_names_the_dpo_when_set(
    db: Database, hard: HardProgram, lang: str
) -> None:
    update_settings(db, DPO)
    text = pdf_text(person_export_pdf(db, hard.lukasz, lang=lang, made_on=MADE_ON))
    dpo = f"{DPO_NAME} (datenschutz@lindenhof.example, +49 40 1234-599)"
    assert RIGHTS_DPO[lang].format(dpo=dpo) in text
    assert f"{MARKUP_FIRST} {MARKUP_LAST}" in text  # the partner, still as typed
    copy = json.loads(person_export_json(db, hard.lukasz, made_on=MADE_ON))
    assert copy["data_protection_officer"] == {
        "name": DPO_NAME,
        "email": "datenschutz@lindenhof.example",
        "phone": "+49 40 1234-599",
    }


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_a_dpo_the_art_15_export_sends_people_to_hr_only(
    db: Database, hard: HardProgram, lang: str
) -> None:
    text = pdf_text(person_export_pdf(db, hard.lukasz, lang=lang, made_on=MADE_ON))
    place = {"en": "Place, date", "de": "Ort, Datum"}[lang]
    assert f"{ASK_HR[lang]}. {place}" in text  # the rights end with HR, nothing dangling
    assert RIGHTS_DPO[lang].split(":")[0] not in text
    copy = json.loads(person_export_json(db, hard.lukasz, made_on=MADE_ON))
    assert copy["data_protection_officer"] is None


@pytest.mark.parametrize(
    ("lang", "kept", "due"),
    [
        (
            "en",
            "once they have left the company or finished the programme, 18 months after their "
            "last round ended",
            "Your data is due to be erased or anonymised on 30 March 2027: 18 months after "
            "your last round ended or you left, whichever is later.",
        ),
        (
            "de",
            "oder dem Abschluss des Programms 18 Monate nach dem Ende ihrer letzten Programmrunde",
            "Ihre Daten werden am 30. März 2027 gelöscht oder anonymisiert: 18 Monate nach dem "
            "Ende Ihrer letzten Programmrunde oder Ihrem Ausscheiden, je nachdem, was später ist.",
        ),
    ],
)
def test_the_art_15_export_states_the_file_s_retention_period(
    db: Database, lang: str, kept: str, due: str
) -> None:
    set_keep_months(db, 18)
    spring = new_round(db, "Spring", date(2025, 1, 6), date(2025, 6, 30))
    mia = person(db, "Mia", "Roth", Role.MENTOR, department="A")
    max_ = person(db, "Max", "Berg", Role.MENTEE, department="B")
    tandem(db, spring, mia, max_, Plan(TandemStatus.COMPLETED), date(2025, 1, 2))
    text = pdf_text(person_export_pdf(db, max_, lang=lang, made_on=MADE_ON))
    assert "{months}" not in text and "{retention}" not in text
    assert kept in text
    # Mia left three months after the round ended: the later day counts, as in the
    # retention list HR works through.
    left = replace(
        participants.get_participant(db, mia).as_input(),
        status=ParticipantStatus.LEFT,
        status_date=date(2025, 9, 30),
    )
    participants.update_participant(db, mia, left)
    text = pdf_text(person_export_pdf(db, mia, lang=lang, made_on=MADE_ON))
    assert due in text
    assert json.loads(person_export_json(db, mia))["erasure_due"] == "2027-03-30"
    assert [(p.id, p.due_on) for p in people_due(db, date(2027, 3, 30))] == [
        (mia, date(2027, 3, 30))
    ]
