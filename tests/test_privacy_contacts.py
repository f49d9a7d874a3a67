"""The data protection officer in the settings: optional, stored as typed, checked like the HR
contact (e-mail, phone, lengths), every bad field reported at once in the window's language,
and nothing at all when the company has none."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ValidationError
from app.services import settings

DPO = {
    "dpo_name": "Łukasz Dvořák-Şahin & <b>Lee</b>",
    "dpo_email": "datenschutz@lindenhof.example",
    "dpo_phone": "+49 (40) 123 456-99",
}


def test_the_dpo_is_stored_as_typed_and_read_back(db: Database) -> None:
    stored = settings.update_settings(db, {**DPO, "hr_contact_name": "Sabine Kraus"})
    assert (stored.dpo_name, stored.dpo_email, stored.dpo_phone) == tuple(DPO.values())
    assert settings.get_settings(db) == stored
    assert stored.dpo == (
        "Łukasz Dvořák-Şahin & <b>Lee</b> · datenschutz@lindenhof.example · +49 (40) 123 456-99"
    )
    assert stored.hr_contact == "Sabine Kraus"
    assert stored.extra == {}  # known keys, not "extra" settings


def test_no_dpo_is_empty_everywhere(db: Database) -> None:
    empty = settings.get_settings(db)
    assert (empty.dpo_name, empty.dpo_email, empty.dpo_phone, empty.dpo) == ("", "", "", "")
    settings.update_settings(db, DPO)
    cleared = settings.update_settings(db, {"dpo_name": "  ", "dpo_email": "", "dpo_phone": ""})
    assert (cleared.dpo_name, cleared.dpo_email, cleared.dpo_phone, cleared.dpo) == ("",) * 4
    # Only an e-mail (an external DPO's shared mailbox) is fine too.
    mailbox = settings.update_settings(db, {"dpo_email": "dsb@extern.example"})
    assert mailbox.dpo == "dsb@extern.example"


def test_the_name_is_trimmed_and_normalised(db: Database) -> None:
    stored = settings.update_settings(
        db, {"dpo_name": "  Nguye\u0302\u0303n   Thi\u0323 A\u0301nh "}
    )
    assert stored.dpo_name == "Nguyễn Thị Ánh"


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        (
            "en",
            {
                "dpo_email": "“datenschutz(at)lindenhof” is not a valid e-mail address.",
                "dpo_phone": "A phone number may hold digits, spaces and + ( ) / - . only.",
                "dpo_name": "Please use at most 100 characters.",
            },
        ),
        (
            "de",
            {
                "dpo_email": "„datenschutz(at)lindenhof“ ist keine gültige E-Mail-Adresse.",
                "dpo_phone": (
                    "Eine Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - . enthalten."
                ),
                "dpo_name": "Bitte verwenden Sie höchstens 100 Zeichen.",
            },
        ),
    ],
)
def test_bad_values_are_each_reported_and_nothing_is_written(
    db: Database, lang: str, messages: dict[str, str]
) -> None:
    settings.update_settings(db, DPO)
    i18n.set_language(lang)
    with pytest.raises(ValidationError) as caught:
        settings.update_settings(
            db,
            {
                "company_name": "Neue Firma GmbH",
                "dpo_email": "datenschutz(at)lindenhof",
                "dpo_phone": "ask the front desk",
                "dpo_name": "x" * 101,
            },
        )
    assert caught.value.errors == messages
    stored = settings.get_settings(db)
    assert stored.company_name == "" and stored.dpo_email == DPO["dpo_email"]
