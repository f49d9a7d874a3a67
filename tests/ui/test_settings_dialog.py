"""The Settings dialog as HR uses it: opened from the menu with Ctrl+,, every value saved in
the file, a bad e-mail shown under its field with nothing written, the logo previewed, and
the agreement's clauses edited and reset to our standard text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit
from sqlite_utils import Database

from app import i18n
from app.services import settings as service
from tests.helpers.widgets import shown_settings_dialog
from tests.ui.conftest import make_window
from ui.settings.settings_dialog import SettingsDialog

HARD_NAME = "Łukasz Dvořák-Şahin & <b>Lee</b>"


@pytest.fixture
def logo_png(tmp_path: Path) -> Path:
    """A small PNG logo on disk."""
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6f8b"))
    path = tmp_path / "logo.png"
    assert image.save(str(path))
    return path


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    field.insert(text)
    field.textEdited.emit(field.text())


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def answer(parent, caption, directory, filters, *args, **kw):
        asked.append(filters)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    return asked


def test_saving_writes_every_value_to_the_file(
    qtbot, open_db: Database, logo_png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = shown_settings_dialog(qtbot, open_db)
    values = {
        "company_name": "Lindenhof Technik GmbH",
        "program_name": "Upwards Mentoring",
        "signature_place": "Hamburg",
        "signatory1_name": HARD_NAME,
        "signatory1_title": "Leiterin Personal",
        "signatory2_name": "Dagmar Özdemir",
        "signatory2_title": "Geschäftsführerin",
        "hr_contact_name": "Sabine Kraus",
        "hr_contact_email": "sabine.kraus@lindenhof.example",
        "hr_contact_phone": "+49 40 123 456-78",
    }
    for key, text in values.items():
        type_into(qtbot, dialog.fields[key], text)
    dialog.meetings.setValue(8)
    dialog.cadence.setValue(3)
    dialog.duration.setValue(45)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    asked = choose_file(monkeypatch, logo_png)
    dialog.logo.choose_button.click()
    assert asked == ["Images (*.png *.jpg *.jpeg)"]
    assert dialog.logo.has_preview()

    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    stored = service.get_settings(open_db)
    for key, text in values.items():
        assert getattr(stored, key) == text, key
    assert (stored.default_meetings, stored.default_cadence_weeks) == (8, 3)
    assert stored.default_duration_minutes == 45 and stored.language == "de"
    assert service.get_logo(open_db) == logo_png.read_bytes()
    assert dialog.saved == stored


def test_a_bad_email_shows_the_message_under_the_field_and_writes_nothing(
    qtbot, open_db: Database
) -> None:
    before = service.get_settings(open_db)
    dialog = shown_settings_dialog(qtbot, open_db)
    dialog.tabs.setCurrentIndex(3)  # the user is elsewhere when saving
    type_into(qtbot, dialog.fields["company_name"], "Neue Firma GmbH")
    type_into(qtbot, dialog.fields["hr_contact_email"], "sabine.kraus(at)lindenhof")
    dialog.clauses["en"].edit.setPlainText("## Our own clause\nText.")
    dialog.save_button.click()

    assert dialog.isVisible() and dialog.result() != SettingsDialog.DialogCode.Accepted
    message = "“sabine.kraus(at)lindenhof” is not a valid e-mail address."
    assert dialog.errors.text("hr_contact_email") == message
    assert dialog.errors.labels["hr_contact_email"].isVisible()  # its tab came to the front
    assert dialog.focusWidget() is dialog.fields["hr_contact_email"]
    assert dialog.errors.text("company_name") == ""
    assert service.get_settings(open_db) == before
    assert not service.has_custom_clauses(open_db, "en")

    type_into(qtbot, dialog.fields["hr_contact_email"], "s")
    assert dialog.errors.text("hr_contact_email") == ""  # the message goes as the user types


def test_reset_to_standard_restores_our_text(qtbot, open_db: Database) -> None:
    service.set_agreement_clauses(open_db, "de", "## Eigene Regel\nUnser Text.")
    dialog = shown_settings_dialog(qtbot, open_db)
    editor = dialog.clauses["de"]
    assert editor.text().startswith("## Eigene Regel")
    assert editor.state.text() == "Your own version of the text."
    dialog.tabs.setCurrentIndex(3)
    editor.reset_button.click()
    assert editor.text() == service.standard_clauses_text("de")
    assert editor.state.text() == "Tandem's standard text."
    assert not editor.reset_button.isEnabled()
    assert service.has_custom_clauses(open_db, "de")  # nothing stored before Save
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert not service.has_custom_clauses(open_db, "de")
    assert service.agreement_clauses_text(open_db, "de") == service.standard_clauses_text("de")


def test_an_edited_clause_text_is_what_the_agreement_prints(qtbot, open_db: Database) -> None:
    dialog = shown_settings_dialog(qtbot, open_db)
    text = f"## Ground rules [box]\nWe meet as equals, {HARD_NAME}.\n\n## Exit\nAny time."
    dialog.clauses["en"].edit.setPlainText(text)
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert service.agreement_clauses_text(open_db, "en").strip() == text
    headings = [c.heading for c in service.agreement_clauses(open_db, "en")]
    assert headings == ["Ground rules", "Exit"]
    assert not service.has_custom_clauses(open_db, "de")  # the other language untouched


def test_a_clause_text_without_clauses_is_refused_inline(qtbot, open_db: Database) -> None:
    dialog = shown_settings_dialog(qtbot, open_db)
    dialog.clauses["en"].edit.setPlainText("Just a sentence, no heading.")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "at least one clause" in dialog.errors.text("clauses_en")
    assert dialog.tabs.currentIndex() == 3 and dialog.clause_tabs.currentIndex() == 1
    assert not service.has_custom_clauses(open_db, "en")


def test_the_logo_is_previewed_removed_and_a_non_picture_refused(
    qtbot, open_db: Database, logo_png: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.update_settings(open_db, {"logo": logo_png.read_bytes()})
    dialog = shown_settings_dialog(qtbot, open_db)
    assert dialog.logo.has_preview() and dialog.logo.remove_button.isEnabled()

    not_a_picture = tmp_path / "logo.png.txt"
    not_a_picture.write_text("hello", encoding="utf-8")
    choose_file(monkeypatch, not_a_picture)
    dialog.logo.choose_button.click()
    assert dialog.errors.text("logo") == "This file is not a picture Tandem can read."
    assert dialog.logo.has_preview()  # the old logo stays

    dialog.logo.remove_button.click()
    assert not dialog.logo.has_preview() and dialog.logo.preview.text() == "No logo"
    assert dialog.errors.text("logo") == ""
    dialog.save_button.click()
    assert service.get_logo(open_db) is None


def test_ctrl_comma_opens_the_dialog_from_the_menu(
    qtbot, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, program_file, contexts)
    (action,) = [a for a in window.registered_actions if a.text() == "&Settings…"]
    assert action.shortcut() == QKeySequence("Ctrl+,")
    changed: list[str] = []
    window.context.data_changed.connect(changed.append)

    def script(dialog: SettingsDialog) -> None:
        type_into(qtbot, dialog.fields["program_name"], "Reciprocal Mentoring")
        dialog.save_button.click()

    opened = drive(SettingsDialog, script)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert service.get_settings(window.context.db).program_name == "Reciprocal Mentoring"
    assert changed == ["settings"]


def test_every_field_is_named_and_reachable_in_german(qtbot, open_db: Database) -> None:
    i18n.set_language("de")
    dialog = shown_settings_dialog(qtbot, open_db)
    assert dialog.windowTitle() == "Einstellungen"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Unternehmen", "&Programm", "Unter&schriften", "&Vereinbarungstexte",
    ]  # fmt: skip
    assert dialog.clauses["de"].reset_button.text() == "Standard &wiederherstellen"
    for key, field in dialog.fields.items():
        assert field.accessibleName(), key
        assert field.focusPolicy() != Qt.FocusPolicy.NoFocus or key == "logo", key


def test_a_new_round_starts_with_the_defaults_saved_here(qtbot, open_db: Database) -> None:
    from ui.round_form import RoundForm

    dialog = shown_settings_dialog(qtbot, open_db)
    dialog.meetings.setValue(9)
    dialog.cadence.setValue(2)
    dialog.save_button.click()
    form = RoundForm(open_db)
    qtbot.addWidget(form)
    assert (form.meetings.value(), form.cadence.value()) == (9, 2)
