"""Settings service: company name, language, numeric defaults, and the logo (PNG or JPEG only)."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ValidationError
from app.services import settings

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20


def test_defaults_and_round_trip(db: Database) -> None:
    empty = settings.get_settings(db)
    assert (empty.company_name, empty.language, empty.has_logo) == ("", None, False)
    assert (empty.default_meetings, empty.default_cadence_weeks) == (6, 4)
    assert empty.default_duration_minutes == 60
    settings.set_setting(db, "company_name", "Müller & Söhne <GmbH>")
    settings.set_setting(db, "language", "de")
    settings.set_setting(db, "default_meetings", "8")
    settings.set_setting(db, "default_duration_minutes", 90)
    settings.set_setting(db, "report_footer", "Vertraulich")
    stored = settings.get_settings(db)
    assert stored.company_name == "Müller & Söhne <GmbH>" and stored.language == "de"
    assert stored.default_meetings == 8 and stored.default_duration_minutes == 90
    assert stored.extra == {"report_footer": "Vertraulich"}


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("default_meetings", 0, "Please enter a number between 1 and 52."),
        ("default_meetings", "many", "Please enter a number between 1 and 52."),
        ("default_cadence_weeks", 27, "Please enter a number between 1 and 26."),
        ("default_duration_minutes", 4, "Please enter a number between 5 and 720."),
        ("default_duration_minutes", None, "Please enter a number between 5 and 720."),
        ("language", "fr", "Unknown language."),
    ],
)
def test_bad_values_are_refused(db: Database, key: str, value: object, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        settings.set_setting(db, key, value)  # type: ignore[arg-type]
    assert caught.value.field == key and caught.value.message == text
    assert settings.get_settings(db) == settings.get_settings(db).__class__()


@pytest.mark.parametrize("image", [PNG, JPEG])
def test_logo_png_or_jpeg(db: Database, image: bytes) -> None:
    settings.set_logo(db, image)
    assert settings.get_logo(db) == image and settings.get_settings(db).has_logo
    settings.set_logo(db, None)
    assert settings.get_logo(db) is None and not settings.get_settings(db).has_logo


@pytest.mark.parametrize("image", [b"GIF89a....", b"", b"<svg/>", b"%PDF-1.7"])
def test_other_images_are_refused(db: Database, image: bytes) -> None:
    settings.set_logo(db, PNG)
    with pytest.raises(ValidationError) as caught:
        settings.set_logo(db, image)
    assert caught.value.field == "logo"
    assert settings.get_logo(db) == PNG


def test_messages_in_german(db: Database) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        settings.set_logo(db, b"GIF89a")
    assert caught.value.message == "Das Logo muss ein PNG- oder JPEG-Bild sein."
    with pytest.raises(ValidationError) as caught:
        settings.set_setting(db, "default_meetings", 100)
    assert caught.value.message == "Bitte geben Sie eine Zahl zwischen 1 und 52 ein."


# --- update_settings: what the settings dialog saves ----------------------------------------

FULL = {
    "company_name": "Lindenhof Technik GmbH",
    "program_name": "Upwards Mentoring",
    "signature_place": "Hamburg",
    "signatory1_name": "Dr. Łucja Dvořák-Şahin",
    "signatory1_title": "Leiterin Personal",
    "signatory2_name": "Anna & <b>Lee</b>",
    "signatory2_title": "Geschäftsführerin",
    "hr_contact_name": "Sabine Kraus",
    "hr_contact_email": "sabine.kraus@lindenhof.example",
    "hr_contact_phone": "+49 (40) 123 456-78",
    "language": "de",
    "default_meetings": 8,
    "default_cadence_weeks": "3",
    "default_duration_minutes": 45,
}


def test_update_settings_stores_everything_the_documents_need(db: Database) -> None:
    assert settings.get_settings(db).program_name == "Reverse Mentoring"
    stored = settings.update_settings(db, {**FULL, "logo": PNG})
    assert stored == settings.get_settings(db)
    for key, value in FULL.items():
        expected = int(value) if key.startswith("default_") else value
        assert getattr(stored, key) == expected, key
    assert stored.has_logo and settings.get_logo(db) == PNG
    assert stored.signatories == (
        ("Dr. Łucja Dvořák-Şahin", "Leiterin Personal"),
        ("Anna & <b>Lee</b>", "Geschäftsführerin"),
    )
    assert stored.extra == {}
    # Emptying the programme's name brings back the default; other texts may be empty.
    again = settings.update_settings(db, {"program_name": "  ", "signatory2_name": ""})
    assert again.program_name == "Reverse Mentoring"
    assert again.signatories == (("Dr. Łucja Dvořák-Şahin", "Leiterin Personal"),)


def test_update_settings_trims_and_normalises_text(db: Database) -> None:
    decomposed = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh"
    stored = settings.update_settings(
        db, {"hr_contact_name": f"  {decomposed}  ", "signature_place": " Hamburg\n"}
    )
    assert stored.hr_contact_name == "Nguyễn Thị Ánh"
    assert stored.signature_place == "Hamburg"


def test_update_settings_reports_every_bad_field_and_writes_nothing(db: Database) -> None:
    settings.update_settings(db, FULL)
    bad = {
        "company_name": "Neue Firma GmbH",  # valid, but must not be written either
        "hr_contact_email": "sabine.kraus(at)lindenhof",
        "hr_contact_phone": "call me maybe",
        "signatory1_title": "x" * 101,
        "default_meetings": 0,
        "language": "fr",
        "logo": b"GIF89a",
    }
    with pytest.raises(ValidationError) as caught:
        settings.update_settings(db, bad)
    errors = caught.value.errors
    assert set(errors) == set(bad) - {"company_name"}
    assert (
        errors["hr_contact_email"] == "“sabine.kraus(at)lindenhof” is not a valid e-mail address."
    )
    assert errors["signatory1_title"] == "Please use at most 100 characters."
    assert caught.value.field in errors and caught.value.message == errors[caught.value.field]
    assert settings.get_settings(db).company_name == "Lindenhof Technik GmbH"
    assert not settings.get_settings(db).has_logo


def test_update_settings_messages_are_german_when_the_window_is(db: Database) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        settings.update_settings(
            db, {"hr_contact_email": "kein-at-zeichen", "hr_contact_name": "y" * 101}
        )
    assert caught.value.errors == {
        "hr_contact_email": "„kein-at-zeichen“ ist keine gültige E-Mail-Adresse.",
        "hr_contact_name": "Bitte verwenden Sie höchstens 100 Zeichen.",
    }


def test_update_settings_is_one_transaction(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing (here: the logo) leaves every earlier value of the same call
    unwritten."""

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(settings, "_store_logo", broken)
    with pytest.raises(OSError):
        settings.update_settings(db, {**FULL, "logo": PNG})
    assert settings.get_settings(db) == settings.get_settings(db).__class__()


def test_unknown_keys_are_a_programming_error(db: Database) -> None:
    with pytest.raises(ValueError):
        settings.update_settings(db, {"colour_of_the_logo": "red"})


def test_document_language_follows_request_then_file_then_window(db: Database) -> None:
    assert settings.document_language(db) == "en"
    i18n.set_language("de")
    assert settings.document_language(db) == "de"
    settings.update_settings(db, {"language": "en"})
    assert settings.document_language(db) == "en"
    assert settings.document_language(db, "de") == "de"
    assert settings.document_language(db, "fr") == "en"


# --- the agreement's clauses ------------------------------------------------------------------


def test_standard_clauses_in_both_languages(db: Database) -> None:
    german = settings.agreement_clauses(db, "de")
    english = settings.agreement_clauses(db, "en")
    assert len(german) == len(english) >= 6
    assert [c.boxed for c in german] == [c.boxed for c in english]
    assert sum(c.boxed for c in german) == 1
    assert german[0].heading == "Freiwillige Teilnahme"
    assert english[0].heading == "Voluntary participation"
    text = " ".join(p for c in english for p in (c.heading, *c.paragraphs))
    for needed in ("both directions", "line managers", "appraisal", "reporting line",
                   "No reason is asked for", "private notes"):  # fmt: skip
        assert needed in text or needed.capitalize() in text, needed
    assert not settings.has_custom_clauses(db, "de")


def test_hr_edits_the_clauses_per_language_and_resets_them(db: Database) -> None:
    edited = (
        "## Vertraulichkeit\nWas im Tandem gesagt wird,\nbleibt im Tandem.\n\n"
        "Zweiter Absatz & <b>kein Fett</b>.\n\n"
        "## Regeln [Kasten]\n- Auf Augenhöhe\n  und pünktlich\n- Jede Frage zählt\n"
    )
    clauses = settings.set_agreement_clauses(db, "de", edited)
    assert clauses == settings.agreement_clauses(db, "de")
    assert [c.heading for c in clauses] == ["Vertraulichkeit", "Regeln"]
    assert clauses[0].paragraphs == (
        "Was im Tandem gesagt wird, bleibt im Tandem.",
        "Zweiter Absatz & <b>kein Fett</b>.",
    )
    assert clauses[1].boxed
    assert clauses[1].paragraphs == ("- Auf Augenhöhe und pünktlich", "- Jede Frage zählt")
    assert settings.has_custom_clauses(db, "de") and not settings.has_custom_clauses(db, "en")
    assert settings.agreement_clauses(db, "en")[0].heading == "Voluntary participation"
    assert settings.get_settings(db).extra == {}
    assert settings.agreement_clauses_text(db, "de").startswith("## Vertraulichkeit")
    standard = settings.reset_agreement_clauses(db, "de")
    assert standard[0].heading == "Freiwillige Teilnahme"
    assert settings.agreement_clauses_text(db, "de") == settings.standard_clauses_text("de")


@pytest.mark.parametrize("text", ["", "   \n", "Nur Text ohne Überschrift.", "# nur ein Kommentar"])
def test_clauses_without_a_heading_are_refused(db: Database, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        settings.set_agreement_clauses(db, "de", text)
    assert caught.value.field == "clauses"
    assert not settings.has_custom_clauses(db, "de")
