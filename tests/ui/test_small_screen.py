"""Scene 5: Tandem on a laptop at 150% (1280 x 680 usable pixels) and at 1366 x 768, in
English, German and the pseudo-language: dialogs open no larger than the screen with their
buttons in view, the Tandems view shows its attention column and "Show meetings" in full,
round names are not cut in the choice boxes, and a meeting is called a meeting throughout."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QWidget

from app import i18n
from tests.ui.conftest import make_window
from tools.i18n_check import marked_strings
from tools.small_screen import check_dialog, dialog_factories
from ui import dialogs
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = QRect(0, 0, 1280, 680)


@pytest.mark.parametrize("screen", ["1280x680", "1366x768"])
def test_every_dialog_and_view_fits_a_small_screen_in_every_language(screen: str) -> None:
    """The real thing: Qt's offscreen platform with a screen of that size, the demo file,
    each dialog as the program opens it (the import wizard on each of its pages)."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tools.small_screen", "--screen", screen,
         "--check", "--lang", "en", "de", "pseudo"],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
        timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [int(n) for n in screen.split("x")]
    assert len(report["dialogs"]) == 3 * len(dialog_names())
    for name, result in report["dialogs"].items():
        assert result["fits"], (name, result)
        assert result["minimum_fits"], (name, result)
        assert result["buttons_in_view"], (name, result)
    assert len(report["views"]) == 3 * 5
    for name, result in report["views"].items():
        assert result["minimum_fits"], (name, result)


def dialog_names() -> list[str]:
    return [
        "matching", "import-file", "import-columns", "import-preview", "plan", "settings",
        "tandem_form", "participant_form", "round_form", "session_form", "checkin",
        "arc_editor", "dissolve", "consent", "agreement", "backups", "summary", "factsheet",
        "person_export", "retention", "document_options", "notes_unlock", "file_dialog",
        "message_box",
    ]  # fmt: skip


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Dialogs see the available screen of a 1920 x 1080 laptop at 150%."""
    monkeypatch.setattr(dialogs, "screen_area", lambda _widget: LAPTOP)
    return LAPTOP


@pytest.mark.parametrize("language", ["en", "de", "pseudo"])
def test_dialogs_take_no_more_than_the_screen_and_keep_their_buttons(
    qtbot, demo_file, contexts, laptop, language: str
) -> None:
    i18n.set_language(language)
    window = make_window(qtbot, demo_file, contexts)
    factories: dict[str, Callable[[], Any]] = dialog_factories(window, window.context)
    assert set(factories) == set(dialog_names())
    for name in ("matching", "import-file", "plan", "settings", "tandem_form", "participant_form"):
        dialog = factories[name]()
        qtbot.addWidget(dialog)
        dialog.show()
        if name == "matching":
            qtbot.waitUntil(
                lambda d=dialog: d.match is not None and not d.is_busy(), timeout=20_000
            )
        room = dialogs.available_size(dialog)
        assert (room.width(), room.height()) == (1280 - 16, 680 - 48)
        result = check_dialog(dialog, room)
        assert result["fits"] and result["minimum_fits"], (name, result)
        assert result["buttons_in_view"], (name, result)
        dialog.close()


def laptop_window(qtbot, path: Path, contexts: list) -> MainWindow:
    """The main window filling a 1280 x 680 screen (as maximised on the laptop)."""
    window = make_window(qtbot, path, contexts)
    window.resize(LAPTOP.size())
    qtbot.waitUntil(lambda: window.size() == LAPTOP.size())
    return window


def fully_shown(widget: QWidget) -> bool:
    """True when no part of the widget is cut by its parents (a scroll area, a splitter)."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


@pytest.mark.parametrize("language", ["en", "de", "pseudo"])
def test_the_tandems_view_shows_attention_and_show_meetings_in_full(
    qtbot, demo_file, contexts, language: str
) -> None:
    from ui.views.tandems import ATTENTION_COLUMN

    i18n.set_language(language)
    window = laptop_window(qtbot, demo_file, contexts)
    view = window.show_view("tandems")
    table = view.table
    flagged = [
        r for r in range(view.proxy.rowCount()) if view.proxy.index(r, ATTENTION_COLUMN).data()
    ]
    assert flagged, "the demo round has tandems needing attention"
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(ATTENTION_COLUMN) + header.sectionSize(ATTENTION_COLUMN)
    assert right <= table.viewport().width(), "the attention column is scrolled out of view"
    metrics = table.fontMetrics()
    for row in flagged:
        text = view.proxy.index(row, ATTENTION_COLUMN).data()
        assert metrics.horizontalAdvance(text) < header.sectionSize(ATTENTION_COLUMN), text
    view.table.selectRow(flagged[0])
    button = view.detail.sessions_button
    view.detail_scroll.verticalScrollBar().setValue(0)
    assert fully_shown(button), "“Show meetings” is cut"
    assert button.width() >= button.sizeHint().width()


def text_room(combo: QComboBox) -> int:
    """The width the style leaves for a choice box's text."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


@pytest.mark.parametrize("language", ["pseudo", "de"])
def test_round_names_are_not_cut_in_the_choice_boxes(
    qtbot, demo_file, contexts, language: str
) -> None:
    i18n.set_language(language)
    window = laptop_window(qtbot, demo_file, contexts)
    boxes = {
        "overview": lambda view: view.round_filter,
        "tandems": lambda view: view.round_combo,
        "sessions": lambda view: view.round_filter,
    }
    for key, box_of in boxes.items():
        combo = box_of(window.show_view(key))
        qtbot.waitUntil(combo.isVisible)
        names = [combo.itemText(i) for i in range(combo.count())]
        assert any("2026" in name for name in names)
        for i, name in enumerate(names):
            combo.setCurrentIndex(i)
            needed = combo.fontMetrics().horizontalAdvance(name)
            assert text_room(combo) >= needed, (key, name)


def test_a_meeting_is_called_a_meeting_throughout(qtbot, program_file, contexts) -> None:
    window = make_window(qtbot, program_file, contexts)
    navigation = [window.nav.item(r).text() for r in range(window.nav.count())]
    assert navigation == ["Overview", "Participants", "Rounds", "Tandems", "Meetings"]
    view = window.show_view("sessions")
    assert view.heading.text() == "Meetings"
    # No text of the window or the documents says "session" (the command line's own word
    # `sessions`, a kind of record to list, is the one exception).
    said = [
        (where, text)
        for text, (plural, where) in marked_strings().items()
        if re.search(r"\bsessions?\b", f"{text} {plural or ''}", re.IGNORECASE)
        and not where.startswith("app/cli/")
    ]
    assert said == []
    window.switch_language("de")
    assert window.nav.item(4).text() == "Treffen"
    window.switch_language("en")
