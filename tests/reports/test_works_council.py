"""The works-council sheet (description of the processing, GDPR art. 30), read back: every
table and column of the file as the file itself declares them (a column added later shows up),
every document with its minimum group size, the controller and contact from the settings,
the version, what is not stored, no private note, German and English complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import __version__
from app.documents.works_council import works_council_filename, works_council_pdf
from app.i18n import translator
from app.services.processing_record import DOCUMENTS, NOT_STORED
from app.services.report_settings import set_summary_threshold
from app.services.schema_info import columns, table_names
from app.services.settings import update_settings
from tests.pdf_helpers import (
    HARD_FIRST,
    HARD_LAST,
    assert_no_canary_in_pdf,
    inked_share_per_page,
    pdf_metadata,
    pdf_text,
)

HEADINGS = {
    "en": ["Description of the processing", "GDPR art. 30", "In short",
           "1 Controller and contact", "2 Purpose", "Categories of people", "Categories of data",
           "3 Recipients, transfers and interfaces", "4 The stored data at a glance",
           "5 Reports and documents", "6 What Tandem does not store",
           "7 Technical and organisational measures", "8 Changes",
           "Appendix: every field stored"],
    "de": ["Verfahrensbeschreibung", "Art. 30 DSGVO", "Kurz gefasst",
           "1 Verantwortliche Stelle und Ansprechperson", "2 Zweck",
           "Kategorien betroffener Personen", "Kategorien personenbezogener Daten",
           "3 Empfänger, Übermittlungen und Schnittstellen",
           "4 Die gespeicherten Daten im Überblick", "5 Berichte und Dokumente",
           "6 Was Tandem nicht speichert", "7 Technische und organisatorische Maßnahmen",
           "8 Änderungen", "Anhang: alle gespeicherten Felder"],
}  # fmt: skip


def _appendix_by_table(text: str, tables: list[str], lang: str) -> dict[str, str]:
    """The appendix's text cut at each table's heading ("table participants")."""
    word = {"en": "table", "de": "Tabelle"}[lang]
    appendix = text.split({"en": "Appendix: every field stored",
                           "de": "Anhang: alle gespeicherten Felder"}[lang], 1)[1]  # fmt: skip
    starts = sorted(
        (match.start(), name)
        for name in tables
        for match in re.finditer(rf"\b{word} {re.escape(name)}\b", appendix)
    )
    assert [name for _start, name in starts] != [], "no table heading found"
    parts = {}
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(appendix)
        parts[name] = appendix[start:end]
    return parts


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_table_and_column_of_the_file_is_listed(db: Database, lang: str) -> None:
    db.execute("ALTER TABLE checkins ADD COLUMN mood_emoji TEXT")  # added after the sheet
    text = pdf_text(works_council_pdf(db, lang=lang))
    tables = table_names(db)
    sections = _appendix_by_table(text, tables, lang)
    assert sorted(sections) == sorted(tables)
    for table in tables:
        for column in columns(db, table):
            assert re.search(rf"\b{column.name}\b", sections[table]), f"{table}.{column.name}"
    not_described = {"en": "(not described)", "de": "(nicht beschrieben)"}[lang]
    assert re.search(rf"\bmood_emoji {re.escape(not_described)}", sections["checkins"])
    assert not_described not in sections["participants"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_both_languages_are_complete_and_different(db: Database, lang: str) -> None:
    data = works_council_pdf(db, lang=lang)
    text = pdf_text(data)
    t = translator(lang)
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    other = "de" if lang == "en" else "en"
    for heading in HEADINGS[other]:
        if heading not in HEADINGS[lang]:
            assert heading not in text, f"other language: {heading}"
    for document in DOCUMENTS:
        assert t.tr(document.name) in text, document.key
    for sentence in NOT_STORED:
        assert t.tr(sentence) in text
    assert pdf_metadata(data)["lang"] == lang
    assert (
        works_council_filename(db, lang=lang)
        == {
            "en": "Description of the processing Reverse Mentoring.pdf",
            "de": "Verfahrensbeschreibung Reverse Mentoring.pdf",
        }[lang]
    )


def test_the_controller_contact_version_and_threshold_come_from_the_file(db: Database) -> None:
    update_settings(
        db,
        {
            "company_name": "Lindenhof & <Söhne> GmbH",
            "hr_contact_name": f"{HARD_FIRST} {HARD_LAST}",
            "hr_contact_email": "hr@lindenhof.example",
            "hr_contact_phone": "+49 40 1234-567",
        },
    )
    set_summary_threshold(db, 7)
    text = pdf_text(works_council_pdf(db, lang="en"))
    assert "Controller (GDPR) Lindenhof & <Söhne> GmbH" in text
    assert f"{HARD_FIRST} {HARD_LAST} · hr@lindenhof.example · +49 40 1234-567" in text
    assert f"Tandem {__version__} (file format" in text
    assert "Anonymous reports show no figure about fewer than 7 people." in text
    assert "This minimum group size can never be set below 5" in text
    assert "7 people in this file. It can never be set below 5" in text
    assert "7 people (anonymous)" in text  # the annual summary and the factsheet
    assert "5 people (anonymous)" not in text


def test_the_sheet_states_what_tandem_is_not(db: Database) -> None:
    text = pdf_text(works_council_pdf(db, lang="de"))
    for sentence in (
        "Tandem ist kein Überwachungswerkzeug",
        "ein Mensch (die Personalabteilung) entscheidet",
        "Keine. Tandem läuft ohne Netzwerkverbindung",
        "Was in den Treffen gesagt wird",
        "Tandem ist keine technische Einrichtung zur Überwachung von Verhalten oder Leistung",
    ):
        assert sentence in text, sentence


def test_no_private_note_and_no_name_reach_the_sheet(demo: Database, tmp_path: Path) -> None:
    data = works_council_pdf(demo, lang="en")
    assert_no_canary_in_pdf(data)
    text = pdf_text(data)
    for first, last in demo.execute("SELECT first_name, last_name FROM participants"):
        assert f"{first} {last}" not in text
    shares = inked_share_per_page(data, tmp_path)
    assert shares is None or all(share > 0.01 for share in shares)
