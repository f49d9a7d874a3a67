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
