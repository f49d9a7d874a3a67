"""The window's language: on the first start (nothing chosen yet) it follows the system;
a choice in View → Language or in the Settings wins from then on, and "As the system" in
the Settings goes back to following the system. The Settings switch the window at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from app import i18n, user_prefs
from tests.ui.conftest import make_window
from ui.launcher import choose_language
from ui.settings.settings_dialog import SettingsDialog


def system_speaks(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """The system's language as Linux tells it (TANDEM_LANG, the tests' override, unset)."""
    for var in ("TANDEM_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", value)


@pytest.mark.parametrize(("system", "expected"), [("de_DE.UTF-8", "de"), ("en_GB.UTF-8", "en"),
                                                  ("de_AT", "de"), ("fr_FR.UTF-8", "en")])  # fmt: skip
def test_the_first_start_follows_the_system(
    monkeypatch: pytest.MonkeyPatch, system: str, expected: str
) -> None:
    system_speaks(monkeypatch, system)
    assert user_prefs.language() is None
    assert choose_language(None) == expected == i18n.language()


def test_a_saved_choice_wins_over_the_system_and_lang_over_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system_speaks(monkeypatch, "de_DE.UTF-8")
    user_prefs.set_language("en")
    assert choose_language(None) == "en"
    assert choose_language("de") == "de"


def test_windows_display_language_ids() -> None:
    assert i18n.language_of_langid(0x0407) == "de"  # Germany
    assert i18n.language_of_langid(0x0C07) == "de"  # Austria
    assert i18n.language_of_langid(0x0807) == "de"  # Switzerland
    assert i18n.language_of_langid(0x0409) == "en"
    assert i18n.language_of_langid(0x0809) == "en"


def choose(combo: QComboBox, data: str | None) -> None:
    combo.setCurrentIndex(combo.findData(data) if data else 0)


def test_the_settings_switch_the_window_language_at_once_and_back_to_the_system(
    qtbot, program_file: Path, contexts, drive, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_speaks(monkeypatch, "en_US.UTF-8")
    window = make_window(qtbot, program_file, contexts)
    assert window.menuBar().actions()[0].text() == "&File"

    def to_german(dialog: SettingsDialog) -> None:
        combo = dialog.window_language
        assert combo.itemText(0) == "As the system (English)"
        assert combo.currentIndex() == 0  # nothing chosen yet: the system's
        choose(combo, "de")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    drive(SettingsDialog, to_german)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.menuBar().actions()[0].text() == "&Datei"
    assert i18n.language() == "de" and user_prefs.language() == "de"

    def to_system(dialog: SettingsDialog) -> None:
        combo = dialog.window_language
        assert combo.currentData() == "de"
        assert combo.itemText(0) == "Wie das System (English)"
        choose(combo, None)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    opened = drive(SettingsDialog, to_system)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert window.menuBar().actions()[0].text() == "&File"
    assert user_prefs.language() is None  # the next start follows the system again


def test_every_shortcut_works_after_a_language_switch(qtbot, program_file: Path, contexts) -> None:
    """The menus are rebuilt in the new language; the old menus' actions must not keep
    their keys, or every key would be claimed twice and do nothing."""
    window = make_window(qtbot, program_file, contexts)
    window.language_actions["de"].trigger()
    window.language_actions["en"].trigger()
    for keys in ("Ctrl+,", "Ctrl+O", "Ctrl+Q", "Ctrl+1", QKeySequence.StandardKey.Undo):
        sequence = QKeySequence(keys)
        holders = [a.text() for a in window.findChildren(QAction) if sequence in a.shortcuts()]
        assert len(holders) == 1, (sequence.toString(), holders)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "participants"


def test_switching_to_german_makes_qts_own_buttons_german(
    qtbot, program_file: Path, contexts
) -> None:
    window = make_window(qtbot, program_file, contexts)
    window.language_actions["de"].trigger()
    box = QMessageBox(window)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"
    window.language_actions["en"].trigger()
    again = QMessageBox(window)
    again.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert again.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"
