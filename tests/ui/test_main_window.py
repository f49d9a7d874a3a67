"""The main window on real program files: title, navigation, the participants table,
the language switch, refused files, recent files and names shown exactly as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app import user_prefs
from app.db import create_database
from app.services.participants import list_participants
from app.services.rounds import list_rounds
from app.services.sessions import list_sessions
from app.services.tandems import list_tandems
from tests.ui.conftest import TRICKY_NAMES, make_window
from ui.main_window import MainWindow
from ui.models import participants as cols
from ui.views import VIEWS
from ui.views.base import TableView


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box's text, instead of showing it."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def visit_each_view(window: MainWindow, expected: dict[str, int]) -> None:
    """Choose every view in the navigation in turn: it shows, and a table view shows the
    `expected` number of rows (more than none)."""
    assert [s.key for s in VIEWS] == ["overview", "participants", "rounds", "tandems", "sessions"]
    for row, spec in enumerate(VIEWS):
        window.nav.setCurrentRow(row)
        view = window.stack.currentWidget()
        assert view is window.views[spec.key] and view.isVisible()
        if spec.key in expected:
            assert isinstance(view, TableView)
            assert view.table.isVisible() and not view.hint.isVisible()
            assert view.table.model().rowCount() == expected[spec.key] > 0


def table_texts(view: TableView, column: int = 0) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_window_opens_on_a_demo_file_with_its_title(qtbot, contexts, demo_file: Path) -> None:
    window = make_window(qtbot, None, contexts)
    assert window.windowTitle() == "Tandem" and window.start_page.isVisible()
    window.open_path(demo_file)
    assert window.windowTitle() == "program.tandem – Tandem"
    assert window.workspace.isVisible() and not window.start_page.isVisible()
    qtbot.waitUntil(lambda: "120 participants" in window.status_label.text())
    window.close_file()
    assert window.windowTitle() == "Tandem" and window.start_page.isVisible()


def test_every_navigation_entry_shows_demo_rows(qtbot, contexts, demo_file: Path) -> None:
    window = make_window(qtbot, demo_file, contexts)
    db = window.context.db
    from app.services.overview import running_round_id

    expected = {
        "participants": len(list_participants(db)),
        "rounds": len(list_rounds(db)),
        "tandems": len(list_tandems(db, running_round_id(db))),  # the running round's
        "sessions": len(list_sessions(db, round_id=running_round_id(db))),  # the running round's
    }
    visit_each_view(window, expected)
    assert expected["participants"] == 120 and expected["rounds"] == 2
    overview = window.show_view("overview")
    assert overview.round_box.isVisible() and overview.round_box.title().startswith("Running round")


def test_views_show_what_the_services_return(qtbot, contexts, program_file: Path) -> None:
    window = make_window(qtbot, program_file, contexts)
    db = window.context.db
    expected = {
        "participants": len(list_participants(db)),
        "rounds": len(list_rounds(db)),
        "tandems": len(list_tandems(db)),
        "sessions": len(list_sessions(db)),
    }
    visit_each_view(window, expected)
    rounds = window.show_view("rounds")
    assert set(table_texts(rounds)) == {"Round 2026", "Pilot 2025"}
    tandems = window.show_view("tandems")
    assert "Łukasz Dvořák-Şahin" in table_texts(tandems, 1)
    assert "1 of 6" in table_texts(tandems, 5)
    sessions = window.show_view("sessions")
    assert "Room 4 & <i>Teams</i>" in table_texts(sessions, 3)
    assert table_texts(sessions, 5)[0] == "2"
    overview = window.show_view("overview")
    texts = [label.text() for label in overview.findChildren(QLabel)]
    assert "Round 2026" in overview.round_box.title() and "1 of 12 meetings held" in texts


def test_empty_file_shows_friendly_hints(qtbot, contexts, db_path: Path) -> None:
    window = make_window(qtbot, db_path, contexts)
    view = window.show_view("participants")
    assert not view.table.isVisible() and view.hint.isVisible()
    assert "No participants yet" in view.hint.text()
    # It says where the import is, in the words of the menu and the button she sees.
    for lang in ("en", "de"):
        window.switch_language(lang)
        view = window.show_view("participants")
        menu_entry = next(
            a.text().replace("&", "")
            for a in window.menuBar().actions()[0].menu().actions()
            if a.shortcut().toString() == "Ctrl+I"
        )
        assert menu_entry in view.hint.text()
        assert view.new_button.text().replace("&", "") in view.hint.text()


def test_typing_in_search_filters_and_updates_count(qtbot, contexts, program_file: Path) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("participants")
    assert view.count_label.text() == "4 participants"
    window.action_find.trigger()
    assert window.focusWidget() is view.search  # where the keyboard goes in the window
    qtbot.keyClicks(view.search, "ahler")
    assert table_texts(view) == ["bernd Ähler"]
    assert view.count_label.text() == "1 of 4 participants"
    view.search.clear()
    qtbot.keyClicks(view.search, "ai tools")  # a topic
    assert sorted(table_texts(view)) == ["Dagmar Özdemir", "Łukasz Dvořák-Şahin"]
    qtbot.keyClicks(view.search, " zzz")
    assert table_texts(view) == [] and view.count_label.text() == "0 of 4 participants"


def test_clicking_a_header_sorts(qtbot, contexts, program_file: Path) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("participants")
    # Sorted by last name at first: Ähler sorts with A, <b>Lee</b> with B, Özdemir with O.
    assert table_texts(view) == [
        "bernd Ähler", "Anna & <b>Lee</b>", "Łukasz Dvořák-Şahin", "Dagmar Özdemir",
    ]  # fmt: skip
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(cols.PERSONNEL_NUMBER) + 5
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    assert table_texts(view, cols.PERSONNEL_NUMBER) == ["P-1", "P-2", "P-9", "P-10"]
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    assert table_texts(view, cols.PERSONNEL_NUMBER) == ["P-10", "P-9", "P-2", "P-1"]


def test_language_switch_gives_german_headers_and_menus(
    qtbot, contexts, program_file: Path
) -> None:
    window = make_window(qtbot, program_file, contexts)
    window.show_view("participants")
    window.language_actions["de"].trigger()
    assert user_prefs.language() == "de"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "&Datei" and "&Hilfe" in menus
    view = window.views["participants"]
    assert window.current_view_key() == "participants" and view.isVisible()
    model = view.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[cols.PERSONNEL_NUMBER] == "Personalnr."
    assert headers[cols.DEPARTMENT] == "Abteilung"
    assert view.count_label.text() == "4 Teilnehmende"
    assert [window.nav.item(r).text() for r in range(window.nav.count())][1] == "Teilnehmende"
    # Qt's own dialog texts follow.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    window.language_actions["en"].trigger()
    assert window.menuBar().actions()[0].text() == "&File"


@pytest.mark.parametrize("content", [b"", b"just some text\n"])
def test_refused_file_shows_message_and_is_left_alone(
    qtbot, contexts, program_file: Path, tmp_path: Path, messages: list[str], content: bytes
) -> None:
    window = make_window(qtbot, program_file, contexts)
    bad = tmp_path / "bad.tandem"
    bad.write_bytes(content)
    assert not window.open_path(bad)
    assert len(messages) == 1 and "bad.tandem" in messages[0]
    assert "not a Tandem file" in messages[0]
    assert bad.read_bytes() == content
    # The file open before stays open.
    assert window.windowTitle() == "program.tandem – Tandem"
    assert window.context.path == program_file


def test_recent_files_are_remembered_in_a_new_window(
    qtbot, contexts, program_file: Path, tmp_path: Path, messages: list[str]
) -> None:
    other = tmp_path / "other.tandem"
    create_database(other).close()
    first = make_window(qtbot, program_file, contexts)
    first.open_path(other)
    first.context.shutdown()
    second = make_window(qtbot, None, contexts)
    second._fill_recent_menu()
    entries = [a.text() for a in second.recent_menu.actions() if a.text()]
    assert entries[:2] == ["other.tandem", "program.tandem"]
    assert user_prefs.recent_files()[:2] == [other.resolve(), program_file.resolve()]
    assert user_prefs.last_file() == other.resolve()
    assert second.start_page.isVisible()
    recent_buttons = [b.text() for b in second.start_page.findChildren(QPushButton)]
    assert "other.tandem" in recent_buttons
    # A missing file is greyed out, and opening it explains and forgets it.
    program_file.unlink()
    second._fill_recent_menu()
    greyed = [a for a in second.recent_menu.actions() if "missing" in a.text()]
    assert len(greyed) == 1 and not greyed[0].isEnabled()
    assert not second.open_path(program_file)
    assert "no longer exists" in messages[0]
    assert program_file.resolve() not in user_prefs.recent_files()


def test_names_show_exactly_as_typed(qtbot, contexts, program_file: Path) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("participants")
    shown = table_texts(view)
    for first, last in TRICKY_NAMES:
        assert f"{first} {last}" in shown
    window.show_view("tandems")
    labels = window.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels if label.text())


def test_views_reload_when_told_data_changed(qtbot, contexts, program_file: Path) -> None:
    from app.model import ParticipantInput
    from app.services.participants import create_participant

    window = make_window(qtbot, program_file, contexts)
    participants = window.show_view("participants")
    tandems = window.show_view("tandems")
    create_participant(window.context.db, ParticipantInput("Zoë", "Quast"))
    window.context.notify_changed("participants")
    qtbot.waitUntil(lambda: "5 participants" in window.status_label.text())
    # The hidden view reloads when it is shown again, not before.
    assert participants.count_label.text() == "4 participants"
    window.show_view("participants")
    assert participants.count_label.text() == "5 participants"
    assert "Zoë Quast" in table_texts(participants)
    assert tandems.table.model().rowCount() == 2


def test_new_file_gets_the_extension_and_starts_empty(
    qtbot, contexts, tmp_path: Path, messages: list[str]
) -> None:
    window = make_window(qtbot, None, contexts)
    assert window.context.new(tmp_path / "Programm 2026")
    assert window.context.path == tmp_path / "Programm 2026.tandem"
    assert window.windowTitle() == "Programm 2026.tandem – Tandem"
    view = window.show_view("rounds")
    assert view.hint.isVisible() and "No rounds yet" in view.hint.text()
    # Creating over an existing file is refused with a message; the open file stays.
    assert not window.context.new(tmp_path / "Programm 2026.tandem")
    assert "already exists" in messages[0]
    assert window.context.path == tmp_path / "Programm 2026.tandem"


def test_open_demo_from_the_start_page(qtbot, contexts) -> None:
    window = make_window(qtbot, None, contexts)
    qtbot.mouseClick(window.start_page.demo_button, Qt.MouseButton.LeftButton)
    assert window.context.is_demo and window.windowTitle() == "demo.tandem – Tandem"
    qtbot.waitUntil(lambda: "demo file" in window.status_label.text())
    folder = window.context.path.parent
    window.context.shutdown()
    assert not folder.exists()


def test_keyboard_moves_through_the_navigation(qtbot, contexts, program_file: Path) -> None:
    window = make_window(qtbot, program_file, contexts)
    window.show_view("overview")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_view_key() == "participants"
    qtbot.keyClick(window.nav, Qt.Key.Key_End)
    assert window.current_view_key() == "sessions"
    assert window.stack.currentWidget() is window.views["sessions"]
    assert window.nav.accessibleName() == "Navigation"
    # Shortcuts: the platform's standard keys, and Ctrl+Q once the window is on screen.
    assert window.action_open.shortcut().toString() == "Ctrl+O"
    assert window.action_find.shortcut().toString() == "Ctrl+F"
    qtbot.waitUntil(lambda: window.action_quit.shortcut().toString() == "Ctrl+Q")
    assert window.views["sessions"].search.accessibleName() == "Search"


def test_window_size_and_view_are_remembered(qtbot, contexts, program_file: Path) -> None:
    first = make_window(qtbot, program_file, contexts)
    first.show_view("tandems")
    # Smaller than the first-start size and within the offscreen screen (restoreGeometry
    # keeps a window on its screen); the window never gets smaller than its view needs.
    first.resize(640, 480)
    saved = first.size()
    assert saved == QSize(640, 480).expandedTo(first.minimumSizeHint())
    first.close()
    second = make_window(qtbot, program_file, contexts, resize=False)
    assert second.current_view_key() == "tandems"
    assert second.size() == saved


def test_a_window_saved_smaller_than_its_view_needs_opens_at_that_minimum(
    qtbot, contexts, program_file: Path
) -> None:
    first = make_window(qtbot, None, contexts)  # the start page needs less room than a view
    first.resize(1, 1)
    saved = first.size()
    assert saved == first.minimumSizeHint()
    first.close()
    second = make_window(qtbot, program_file, contexts, resize=False)
    assert second.stack.currentWidget().isVisible()
    # The window grows to the view's minimum in Qt's next layout pass (a posted event, which
    # came after make_window returned in a loaded CI run).
    qtbot.waitUntil(lambda: second.size() == saved.expandedTo(second.minimumSizeHint()))


def test_recent_file_names_show_as_typed(qtbot, contexts, tmp_path: Path) -> None:
    tricky = tmp_path / "Programm 2026 & Pilot (Ä).tandem"
    create_database(tricky).close()
    user_prefs.add_recent(tricky)
    window = make_window(qtbot, None, contexts)
    window._fill_recent_menu()
    # '&' is doubled so that Qt shows it instead of underlining the next letter.
    assert window.recent_menu.actions()[0].text() == "Programm 2026 && Pilot (Ä).tandem"
    buttons = [b for b in window.start_page.findChildren(QPushButton) if "Pilot" in b.text()]
    assert [b.text() for b in buttons] == ["Programm 2026 && Pilot (Ä).tandem"]
    buttons[0].click()
    assert window.windowTitle() == "Programm 2026 & Pilot (Ä).tandem – Tandem"
