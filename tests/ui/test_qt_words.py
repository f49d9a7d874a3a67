"""Qt's own words (standard buttons, the line edit's context menu) speak the window's
language: "Abbrechen" in German, "Cancel" in English, found even when Qt's configured
translations folder is missing (as in a bundle laid out differently)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox

import ui.launcher
from ui.launcher import install_qt_translations

Button = QDialogButtonBox.StandardButton


@pytest.fixture
def qt_language(qapp: QApplication) -> Iterator[None]:
    """Put Qt's words back to English after the test."""
    yield
    install_qt_translations(qapp, "en")


def button_texts() -> dict[str, str]:
    box = QDialogButtonBox(Button.Ok | Button.Cancel | Button.Save | Button.Discard)
    message = QMessageBox()
    message.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    texts = {
        "cancel": box.button(Button.Cancel).text(),
        "save": box.button(Button.Save).text(),
        "discard": box.button(Button.Discard).text(),
        "yes": message.button(QMessageBox.StandardButton.Yes).text(),
        "no": message.button(QMessageBox.StandardButton.No).text(),
    }
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    texts["menu"] = " | ".join(action.text() for action in menu.actions())
    for widget in (box, message, menu, edit):
        widget.deleteLater()
    return {key: text.replace("&", "") for key, text in texts.items()}


def test_standard_buttons_are_german_in_german_and_english_again_after(
    qapp: QApplication, qt_language: None
) -> None:
    assert install_qt_translations(qapp, "de")
    german = button_texts()
    assert german["cancel"] == "Abbrechen"
    assert german["save"] == "Speichern"
    assert german["discard"] == "Verwerfen"
    assert (german["yes"], german["no"]) == ("Ja", "Nein")
    assert "Einfügen" in german["menu"] and "Paste" not in german["menu"]
    assert not install_qt_translations(qapp, "en")
    english = button_texts()
    assert english["cancel"] == "Cancel" and "Paste" in english["menu"]


def test_german_found_when_qts_own_folder_is_missing(
    qapp: QApplication, qt_language: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ui.launcher, "_qt_library_translations", lambda: tmp_path / "missing")
    assert install_qt_translations(qapp, "de")
    assert button_texts()["cancel"] == "Abbrechen"


def test_a_message_box_cancel_button_says_abbrechen(qapp: QApplication, qt_language: None) -> None:
    install_qt_translations(qapp, "de")
    box = QMessageBox(QMessageBox.Icon.Question, "Titel", "Text")
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"
    box.deleteLater()
