"""The first start (three ways in, a new file proposed in Documents, all by keyboard), the
About dialog (version, where things live, licences) and the user guide (F1), in English
and German."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app import __version__, i18n, user_prefs
from app.db.backups import backup_folder
from app.licenses import shipped_components
from app.logging_setup import log_path
from app.paths import resources_dir
from tests.ui.conftest import OFFSCREEN_NOISE, make_window
from ui.about.about_dialog import AboutDialog
from ui.context import AppContext
from ui.help.guide_dialog import GuideDialog
from ui.launcher import install_qt_translations

NEW_NAMES = {"en": "Mentoring program.tandem", "de": "Mentoring-Programm.tandem"}
GUIDE_HEADINGS = {
    "en": ["1. The program file", "4. Consent", "6. Match", "9. Confidential notes",
           "10. Check-ins", "12. Annual summary", "13. Backups and safe keeping"],
    "de": ["1. Die Programmdatei", "4. Einwilligung", "6. Paare bilden",
           "9. Vertrauliche Notizen", "10. Zwischen- und Abschlussfeedback",
           "12. Jahresbericht", "13. Sicherungen und sichere Aufbewahrung"],
}  # fmt: skip


def speak(lang: str) -> None:
    """Run the window in `lang` (the fixtures put English back after the test)."""
    i18n.set_language(lang)
    install_qt_translations(QApplication.instance(), lang)


@pytest.fixture
def home_with_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's home folder with an empty Documents folder; returns Documents."""
    home = tmp_path / "anna"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home / "Documents"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_first_start_by_keyboard_creates_a_file_in_documents(
    qtbot, contexts: list[AppContext], save_dialog, home_with_documents: Path, lang: str
) -> None:
    speak(lang)
    window = make_window(qtbot, None, contexts)
    page = window.start_page
    assert page.isVisible()
    ways = [page.new_button, page.open_button, page.demo_button]
    names = [button.accessibleName() for button in ways]
    assert all(names) and len(set(names)) == 3
    assert all(button.accessibleDescription() for button in ways)
    assert QApplication.focusWidget() is page.new_button
    qtbot.keyClick(page.new_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.open_button
    qtbot.keyClick(page.open_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.demo_button
    qtbot.keyClick(page.demo_button, Qt.Key.Key_Backtab)
    qtbot.keyClick(page.open_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.new_button

    target = home_with_documents / NEW_NAMES[lang]
    save_dialog.answer = (str(target), "")
    qtbot.keyClick(page.new_button, Qt.Key.Key_Return)
    assert save_dialog.asked[0][1] == str(target)
    assert window.context.path == target and target.is_file()
    assert window.windowTitle() == f"{NEW_NAMES[lang]} – Tandem"

    # The next new file is proposed beside it, under a name not yet taken (cancelled here).
    save_dialog.answer = ("", "")
    window.new_file()
    stem = NEW_NAMES[lang].removesuffix(".tandem")
    assert save_dialog.asked[1][1] == str(home_with_documents / f"{stem} (2).tandem")


def test_a_synchronised_documents_folder_is_not_proposed(
    qtbot, contexts: list[AppContext], save_dialog, home_with_documents: Path, monkeypatch
) -> None:
    home = home_with_documents.parent
    synced = home / "OneDrive" / "Documents"
    synced.mkdir(parents=True)
    config = home / ".config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/OneDrive/Documents"\n', encoding="utf-8"
    )
    documents = QStandardPaths.StandardLocation.DocumentsLocation
    assert QStandardPaths.writableLocation(documents) == str(synced)  # what the system says
    window = make_window(qtbot, None, contexts)
    window.new_file()
    assert save_dialog.asked[0][1] == str(home_with_documents / NEW_NAMES["en"])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_about_shows_the_version_every_place_and_the_licences(
    qtbot, contexts: list[AppContext], program_file: Path, drive, monkeypatch, lang: str
) -> None:
    speak(lang)
    window = make_window(qtbot, program_file, contexts)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    seen: dict[str, object] = {}

    def look(dialog: AboutDialog) -> None:
        assert __version__ in dialog.version_label.text()
        seen["tabs"] = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        fields = {key: field.text() for key, field in dialog.path_fields.items()}
        seen["fields"] = fields
        dialog.tabs.setCurrentIndex(1)
        backups = dialog.open_buttons["backups"]
        qtbot.mouseClick(backups, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.copy_buttons["settings"], Qt.MouseButton.LeftButton)
        seen["clipboard"] = QGuiApplication.clipboard().text()
        dialog.tabs.setCurrentIndex(2)
        seen["licences"] = dialog.licence_names()
        qt_row = seen["licences"].index("Qt 6 / Qt for Python (PySide6, Shiboken6)")
        dialog.licence_list.setCurrentItem(dialog.licence_list.topLevelItem(qt_row))
        seen["qt_text"] = dialog.licence_text.toPlainText()
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    shown = drive(AboutDialog, look)
    window.action_about.trigger()
    assert len(shown) == 1 and not shown[0].isVisible()
    assert (
        seen["tabs"]
        == {
            "en": ["Tandem", "Where things live", "Licences"],
            "de": ["Tandem", "Wo Ihre Daten liegen", "Lizenzen"],
        }[lang]
    )
    assert seen["fields"] == {
        "data": str(program_file.resolve()),
        "settings": str(user_prefs.prefs_path()),
        "backups": str(backup_folder(program_file)),
        "logs": str(log_path().parent),
    }
    assert [Path(url.toLocalFile()) for url in opened] == [backup_folder(program_file)]
    assert seen["clipboard"] == str(user_prefs.prefs_path())
    expected = {c.name for c in shipped_components()}
    assert set(seen["licences"]) == expected
    for name in ("Python", "SQLite", "sqlite-utils", "ReportLab", "openpyxl", "cryptography",
                 "icalendar", "NumPy", "tzdata", "rl_accel", "Noto Sans"):  # fmt: skip
        assert name in seen["licences"]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in str(seen["qt_text"])


def test_about_without_a_file_shows_where_new_files_go(
    qtbot, contexts: list[AppContext], drive, home_with_documents: Path
) -> None:
    window = make_window(qtbot, None, contexts)
    seen: dict[str, str] = {}

    def look(dialog: AboutDialog) -> None:
        seen.update({key: field.text() for key, field in dialog.path_fields.items()})
        dialog.reject()

    drive(AboutDialog, look)
    window.action_about.trigger()
    assert seen["data"] == str(home_with_documents)
    assert seen["backups"] == str(user_prefs.prefs_path().parent / "backups")


# Offscreen windows cannot be raised; the guide is brought forward on a real desktop.
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"This plugin does not support raise\(\)")
@pytest.mark.parametrize("lang", ["en", "de"])
def test_f1_opens_the_guide_in_the_window_language(
    qtbot, contexts: list[AppContext], lang: str
) -> None:
    speak(lang)
    window = make_window(qtbot, None, contexts)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    guides = [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog)]
    assert len(guides) == 1 and guides[0].isVisible()
    guide = guides[0]
    assert guide.windowTitle() == {"en": "User guide", "de": "Anleitung"}[lang]
    headings = [title for title, _ in guide.headings()]
    assert len(headings) == 13
    for heading in GUIDE_HEADINGS[lang]:
        assert heading in headings
    assert [guide.contents.item(i).text() for i in range(guide.contents.count())] == headings
    # Choosing a section in the contents scrolls the guide to it.
    guide.contents.setCurrentRow(12)
    assert guide.browser.verticalScrollBar().value() > 0
    # F1 again brings the same guide forward instead of opening a second one.
    window.user_guide()
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog)] == [guide]
    guide.close()


def _ui_texts(lang: str) -> set[str]:
    """Every text the program shows in `lang`, without mnemonics and trailing colons."""
    catalog, _plurals = i18n.load_catalog("de")
    texts = catalog.values() if lang == "de" else catalog.keys()
    return {text.replace("&", "").rstrip(":") for text in texts}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_guide_names_only_commands_the_program_has(lang: str) -> None:
    html = (resources_dir() / "guide" / f"guide_{lang}.html").read_text(encoding="utf-8")
    known = _ui_texts(lang)
    named = re.findall(r"<b>(.*?)</b>", html, flags=re.S)
    assert len(named) > 50
    unknown = []
    for text in named:
        for part in re.sub(r"\s+", " ", text).split(" → "):
            if part not in known and part not in {"bold", "Fett"}:
                unknown.append(part)
    assert unknown == []
