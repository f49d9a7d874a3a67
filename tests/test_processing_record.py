"""The works-council description (art. 30 record) is made from the real schema: every column
of the file has a description, every document lists fields that exist, and the record carries
the controller, contact, threshold and version from the file."""

from __future__ import annotations

from sqlite_utils import Database

from app import __version__
from app.db.migrations import SCHEMA_VERSION
from app.i18n import translator
from app.services import privacy
from app.services.processing_record import (
    COLUMNS,
    DOCUMENTS,
    TABLES,
    processing_record,
    stale_descriptions,
    undescribed_columns,
)
from app.services.report_settings import set_summary_threshold
from app.services.schema_info import table_names
from app.services.settings import update_settings


def test_every_column_of_the_schema_is_described(db: Database) -> None:
    assert undescribed_columns(db) == [], "describe the new column in processing_record.COLUMNS"
    assert set(table_names(db)) <= set(TABLES), "describe the new table in processing_record.TABLES"
    assert stale_descriptions(db) == []


def test_a_new_column_without_a_description_is_caught(db: Database) -> None:
    db.execute("ALTER TABLE participants ADD COLUMN birthday TEXT")
    db.execute("CREATE TABLE badges (id INTEGER PRIMARY KEY, label TEXT)")
    assert undescribed_columns(db) == [
        "badges.id",
        "badges.label",
        "participants.birthday",
    ]


def test_a_document_field_that_does_not_exist_is_caught(db: Database) -> None:
    db.execute("ALTER TABLE sessions DROP COLUMN summary")
    stale = stale_descriptions(db)
    assert "sessions.summary" in stale
    assert "calendar: sessions.summary" in stale


def test_tables_about_people_are_those_the_privacy_service_covers(db: Database) -> None:
    about_people = {t for t, info in TABLES.items() if info.about == "participants"}
    assert about_people == set(privacy.COVERED_TABLES)


def test_the_record_carries_the_controller_contact_threshold_and_version(db: Database) -> None:
    update_settings(
        db,
        {
            "company_name": "Lindenhof Technik GmbH",
            "hr_contact_name": "Łukasz Dvořák-Şahin",
            "hr_contact_email": "hr@lindenhof.example",
        },
    )
    set_summary_threshold(db, 8)
    record = processing_record(db, translator("en"))
    assert record.controller == "Lindenhof Technik GmbH"
    assert record.contact_name == "Łukasz Dvořák-Şahin"
    assert record.contact_email == "hr@lindenhof.example"
    assert (record.version, record.schema_version, record.threshold) == (
        __version__,
        SCHEMA_VERSION,
        8,
    )
    by_key = {d.key: d for d in record.documents}
    assert by_key["summary"].min_group == 8 and by_key["factsheet"].min_group == 8
    assert by_key["agreement"].min_group == 1 and not by_key["agreement"].anonymous
    assert any("fewer than 8 people" in p for p in record.principles)
    assert {d.key for d in DOCUMENTS} >= {"agreement", "certificate", "summary", "person"}
    fields = {(f.table, f.column): f for t in record.tables for f in t.fields}
    assert len(fields) == sum(len(c) for c in COLUMNS.values())
    assert all(f.purpose for f in fields.values())
    assert "Annual summary" in fields[("checkins", "relationship_rating")].shown_in
    assert fields[("private_notes", "ciphertext")].shown_in == ()  # in no document


def test_the_record_is_complete_in_german(db: Database) -> None:
    english = processing_record(db, translator("en"))
    german = processing_record(db, translator("de"))
    pairs = [
        (english.recipients, german.recipients),
        *zip(english.purposes, german.purposes, strict=True),
        *zip(english.measures, german.measures, strict=True),
        *zip(english.not_stored, german.not_stored, strict=True),
        *zip(english.categories, german.categories, strict=True),
    ]
    for table_en, table_de in zip(english.tables, german.tables, strict=True):
        pairs.append((table_en.purpose, table_de.purpose))
        pairs += [
            (a.purpose, b.purpose) for a, b in zip(table_en.fields, table_de.fields, strict=True)
        ]
    for doc_en, doc_de in zip(english.documents, german.documents, strict=True):
        pairs += [(doc_en.name, doc_de.name), (doc_en.purpose, doc_de.purpose)]
    untranslated = [en for en, de in pairs if en == de and len(en) > 12]
    assert not untranslated
    assert "Teilnahmebestätigung" in {d.name for d in german.documents}
