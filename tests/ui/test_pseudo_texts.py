"""In the pseudo language every word the program itself shows is bracketed and stretched;
a word that is not comes from somewhere `tr()` was missed. Every view and every dialog of
tools/small_screen is walked (each tab page too); what is left besides the file's data and
Qt's own words fails. And after a switch from English to German no English text is left."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QTabWidget

from app import i18n
from app.services.participants import list_participants
from app.services.rounds import list_rounds
from app.services.settings import get_settings
from app.services.topics import list_topics
from tests.helpers.widget_texts import visible_texts, words_outside_pseudo
from tests.ui.conftest import make_window
from tools.small_screen import VIEWS, dialog_factories, settle

QT_OWN_DIALOGS = {"file_dialog", "message_box"}  # Qt's words: English in pseudo
FILE_CONTENT = {"import-columns", "import-preview"}  # the list being imported is data
QT_WORDS = ["Cancel", "Scroll Left", "Scroll Right", "Deutsch", "English"]


def data_of(db) -> list[str]:  # noqa: ANN001
    people = list_participants(db)
    settings = get_settings(db)
    data = [f"{p.first_name} {p.last_name}" for p in people]
    data += [
        v
        for p in people
        for v in (p.first_name, p.last_name, p.department, p.position, p.email)
        if v
    ]
    data += [t.name for t in list_topics(db)] + [r.name for r in list_rounds(db)]
    data += [v for v in vars(settings).values() if isinstance(v, str) and v]
    return data + QT_WORDS


def texts_on_every_tab(root) -> list[str]:  # noqa: ANN001
    """The visible texts of `root`, on every page of its tab widgets."""
    app = QApplication.instance()
    texts = visible_texts(root)
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(app)
            texts += visible_texts(root)
    return texts


def test_every_word_of_views_and_dialogs_goes_through_tr(qtbot, demo_file: Path, contexts) -> None:
    i18n.set_language("pseudo")
    window = make_window(qtbot, demo_file, contexts)
    data = data_of(window.context.db)
    app = QApplication.instance()
    untranslated: dict[str, str] = {}

    def check(where: str, root) -> None:  # noqa: ANN001
        for text in texts_on_every_tab(root):
            if words_outside_pseudo(text, data):
                untranslated.setdefault(text, where)

    for key in VIEWS:
        window.show_view(key)
        settle(app)
        check(key, window)
    for name, make in dialog_factories(window, window.context).items():
        if name in QT_OWN_DIALOGS | FILE_CONTENT:
            continue
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        settle(app, dialog)
        check(name, dialog)
        dialog.close()
    assert not untranslated, "\n".join(f"{where}: {text!r}" for text, where in untranslated.items())


def test_a_word_outside_tr_is_found() -> None:
    data = ["Anna Lee", "IT"]
    assert words_outside_pseudo("[Ánná~] Anna Lee (IT)", data) == []
    assert words_outside_pseudo("[[5 áctívé~~], [1 ágrééd~]]", data) == []
    assert words_outside_pseudo("Save changes (Anna Lee)", data) == ["Save", "changes"]


def test_after_switching_to_german_no_english_text_is_left(
    qtbot, demo_file: Path, contexts
) -> None:
    """Start in English, look at every view, switch to German: every text the window and its
    dialogs show then is German (none kept from before the switch)."""
    window = make_window(qtbot, demo_file, contexts)
    app = QApplication.instance()
    for key in VIEWS:
        window.show_view(key)
        settle(app)
    window.language_actions["de"].trigger()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    catalog, _plurals = i18n.load_catalog("de")
    english = {msgid.replace("&", "") for msgid, german in catalog.items() if german != msgid}
    english -= set(data_of(window.context.db))  # the demo's departments were made in English
    left: dict[str, str] = {}
    roots = [(key, window) for key in VIEWS]
    for where, root in roots:
        window.show_view(where)
        settle(app)
        left.update({t: where for t in texts_on_every_tab(root) if t.replace("&", "") in english})
    for name, make in dialog_factories(window, window.context).items():
        if name in QT_OWN_DIALOGS:
            continue
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        settle(app, dialog)
        left.update({t: name for t in texts_on_every_tab(dialog) if t.replace("&", "") in english})
        dialog.close()
    assert not left, left
