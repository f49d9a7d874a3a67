"""The data protection officer in the Settings dialog, by keyboard only: the mnemonic reaches
the name, Tab goes on from the HR contact to the officer's name, e-mail and phone, Enter
saves what was typed exactly as typed; a bad e-mail is shown under its field; each field
says whose it is to a screen reader; German captions have mnemonics of their own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlite_utils import Database

from app import i18n
from app.services import settings as service
from tests.helpers.widgets import shown_settings_dialog, type_text
from ui.settings.settings_dialog import SettingsDialog

HARD_NAME = "Łukasz Dvořák-Şahin & <b>Lee</b>"
MNEMONIC = {"en": Qt.Key.Key_D, "de": Qt.Key.Key_B}


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_dpo_is_typed_and_saved_by_keyboard(qtbot, open_db: Database, lang: str) -> None:
    i18n.set_language(lang)
    dialog = shown_settings_dialog(qtbot, open_db)
    fields = dialog.fields
    qtbot.keyClick(dialog, MNEMONIC[lang], Qt.KeyboardModifier.AltModifier)
    assert focused() is fields["dpo_name"]
    type_text(qtbot, focused(), HARD_NAME)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields["dpo_email"]
    qtbot.keyClicks(focused(), "datenschutz@lindenhof.example")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields["dpo_phone"]
    qtbot.keyClicks(focused(), "+49 40 1234-599")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    stored = service.get_settings(open_db)
    assert (stored.dpo_name, stored.dpo_email, stored.dpo_phone) == (
        HARD_NAME,
        "datenschutz@lindenhof.example",
        "+49 40 1234-599",
    )


def test_tab_goes_from_the_hr_contact_to_the_dpo(qtbot, open_db: Database) -> None:
    dialog = shown_settings_dialog(qtbot, open_db)
    dialog.fields["hr_contact_phone"].setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused())
    assert order == [dialog.fields[k] for k in ("dpo_name", "dpo_email", "dpo_phone")]


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "en",
            ("Data protection officer", "Data protection officer's e-mail",
             "Data protection officer's telephone"),
        ),
        (
            "de",
            ("Datenschutzbeauftragte(r)", "E-Mail der oder des Datenschutzbeauftragten",
             "Telefon der oder des Datenschutzbeauftragten"),
        ),
    ],
)  # fmt: skip
def test_each_field_says_whose_it_is(
    qtbot, open_db: Database, lang: str, names: tuple[str, ...]
) -> None:
    i18n.set_language(lang)
    dialog = shown_settings_dialog(qtbot, open_db)
    shown = tuple(dialog.fields[k].accessibleName() for k in ("dpo_name", "dpo_email", "dpo_phone"))
    assert shown == names
    hr = {dialog.fields[k].accessibleName() for k in ("hr_contact_email", "hr_contact_phone")}
    assert not hr & set(names)


def test_a_bad_dpo_email_is_shown_under_its_field_and_nothing_is_written(
    qtbot, open_db: Database
) -> None:
    service.update_settings(open_db, {"dpo_name": "Jana Weber"})
    dialog = shown_settings_dialog(qtbot, open_db)
    dialog.tabs.setCurrentIndex(2)  # the user is elsewhere when saving
    dialog.fields["dpo_email"].setText("datenschutz(at)lindenhof")
    dialog.fields["dpo_name"].setText("Dr. Jana Weber")
    dialog.save_button.click()
    assert dialog.isVisible()
    message = "“datenschutz(at)lindenhof” is not a valid e-mail address."
    assert dialog.errors.text("dpo_email") == message
    assert dialog.errors.labels["dpo_email"].isVisible()
    assert focused() is dialog.fields["dpo_email"]
    assert service.get_settings(open_db).dpo_name == "Jana Weber"


def test_a_misspelt_clause_word_is_shown_under_the_text(qtbot, open_db: Database) -> None:
    dialog = shown_settings_dialog(qtbot, open_db)
    dialog.clauses["en"].edit.setPlainText("## Exit\nTell {hr_contact} at {compnay}.")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.errors.text("clauses_en").startswith("“{compnay}” is not a word Tandem fills in.")
    assert dialog.tabs.currentIndex() == 3 and dialog.clause_tabs.currentIndex() == 1
    assert not service.has_custom_clauses(open_db, "en")
