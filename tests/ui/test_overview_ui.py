"""The overview on real program files: the figures match the services for a constructed file,
the chart holds the months, this week's and overdue meetings and the tandems needing
attention are listed, and each item opens what it refers to (keyboard and mouse); the empty
states; another round chosen; German."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlite_utils import Database

from app.db import create_database
from app.model import CheckinPhase, SessionStatus, TandemStatus
from app.services import checkins, common, tandems
from app.services.overview import get_overview
from tests.helpers.builders import make_round, meet, pair, person
from tests.ui.conftest import make_window
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow
from ui.views.overview import OverviewView
from ui.views.sessions import SessionsView

TODAY = date(2026, 4, 15)  # a Wednesday; its week runs 13 to 19 April (as in test_overview.py)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(common, "today", lambda: TODAY)
    return TODAY


def build(db: Database) -> dict[str, int]:
    """The constructed program of tests/test_overview.py, with names to check."""
    make_round(db, name="Last year", start=date(2025, 3, 3), end=date(2025, 8, 29))
    r = make_round(db, name="Spring 2026", start=date(2026, 3, 2), end=date(2026, 8, 28))
    agreed, active = TandemStatus.AGREED, TandemStatus.ACTIVE
    a = pair(db, r, 1, agreed, active)
    b = pair(db, r, 2, agreed, active)
    c = pair(db, r, 3)
    pair(db, r, 4, TandemStatus.DISSOLVED)
    pair(db, r, 5, agreed)
    meet(db, a, datetime(2026, 3, 10, 10), SessionStatus.HELD)
    meet(db, a, datetime(2026, 4, 7, 10), SessionStatus.HELD)
    this_week = meet(db, a, datetime(2026, 4, 16, 10), SessionStatus.PLANNED)
    meet(db, b, datetime(2026, 3, 11, 10), SessionStatus.CANCELLED)
    meet(db, b, datetime(2026, 3, 25, 10), SessionStatus.CANCELLED)
    overdue = meet(db, b, datetime(2026, 4, 13, 9), SessionStatus.PLANNED)
    meet(db, b, datetime(2026, 5, 20, 10), SessionStatus.PLANNED)
    meet(db, c, datetime(2026, 4, 1, 10), SessionStatus.HELD)
    t = tandems.get_tandem(db, a)
    checkins.record_checkin(db, a, t.mentor_id, CheckinPhase.MID, relationship_rating=4,
                            progress_rating=3)  # fmt: skip
    checkins.record_checkin(db, a, t.mentee_id, CheckinPhase.MID, relationship_rating=5,
                            progress_rating=2)  # fmt: skip
    return {"round": r, "a": a, "b": b, "c": c, "this_week": this_week, "overdue": overdue}


@pytest.fixture
def program(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "program.tandem"
    db = create_database(path)
    ids = build(db)
    db.close()
    return path, ids


@pytest.fixture
def window(qtbot, program, contexts) -> MainWindow:
    return make_window(qtbot, program[0], contexts)


def overview_of(window: MainWindow) -> OverviewView:
    view = window.show_view("overview")
    assert isinstance(view, OverviewView)
    return view


def test_overview_is_the_first_screen(window: MainWindow) -> None:
    assert window.current_view_key() == "overview"
    assert window.nav.item(0).text() == "Overview"


def test_figures_match_the_services(window: MainWindow, program) -> None:
    ids = program[1]
    view = overview_of(window)
    expected = get_overview(window.context.db, today=TODAY)
    assert view.overview == expected
    assert view.round_box.title() == "Running round: Spring 2026"
    assert view.period_label.text() == "2 Mar 2026 to 28 Aug 2026 · Week 7 of 26"
    assert view.tandems_label.text() == (
        "2 active, 1 agreed, 1 proposed and 1 dissolved (5 in all)"
    )
    # Held against the round's target: 4 open tandems x 6 meetings.
    assert expected.meetings_held == 3 and expected.meetings_target == 24
    assert view.meetings_label.text() == "3 of 24 meetings held"
    assert (view.progress.value(), view.progress.maximum()) == (3, 24)
    assert view.meetings_detail.text() == (
        "3 planned · 2 cancelled · 1 status missing · 18 not planned yet"
    )
    assert view.checkins_label.text() == (
        "2 check-ins, relationship 4.5 of 5 on average, progress on goals 2.5 of 5 on average"
    )
    assert view.week_box.title() == "This week (13 Apr 2026 to 19 Apr 2026)"
    assert view.week_list.targets() == [
        ("sessions", ids["overdue"]),
        ("sessions", ids["this_week"]),
    ]
    assert view.week_list.item(0).text().startswith("13 Apr 2026 09:00 · Mentor2 M → Mentee2 E")
    assert view.overdue_box.title() == "Status missing (1)"
    assert view.overdue_list.targets() == [("sessions", ids["overdue"])]
    assert view.attention_box.title() == "Tandems needing attention (3)"
    assert sorted(view.attention_list.targets()) == sorted(
        ("tandems", item.tandem_id) for item in expected.attention
    )
    texts = [view.attention_list.item(r).text() for r in range(view.attention_list.count())]
    second = next(t for t in texts if t.startswith("Mentor2 M → Mentee2 E\n"))
    assert "\n– The last 2 meetings were cancelled, none held since." in second
    assert any("rated the progress on goals 2 of 5" in t for t in texts)


def test_the_chart_has_the_months(window: MainWindow) -> None:
    view = overview_of(window)
    points = view.chart.points()
    assert [p.month for p in points] == [f"2026-{m:02d}" for m in range(3, 9)]
    by_month = {p.month: (p.held, p.planned, p.cancelled) for p in points}
    assert by_month["2026-03"] == (1, 0, 2)
    assert by_month["2026-04"] == (2, 2, 0)
    assert by_month["2026-05"] == (0, 1, 0)
    assert view.chart.accessibleName() == "Meetings per month"
    assert "March 2026: 1 held, 0 planned, 2 cancelled" in view.chart.accessibleDescription()
    # The bars are drawn where the mouse finds them.
    view.chart.repaint()
    middle = view.chart.height() // 2
    found = {
        view.chart.bar_at(x, middle).month
        for x in range(0, view.chart.width(), 5)
        if view.chart.bar_at(x, middle) is not None
    }
    assert found == {p.month for p in points}
    image = view.chart.grab().toImage()
    assert image.width() > 300 and image.height() > 150


def test_a_meeting_opens_in_the_sessions_view(window: MainWindow, program, qtbot) -> None:
    ids = program[1]
    view = overview_of(window)
    item = view.overdue_list.item(0)
    rect = view.overdue_list.visualItemRect(item)
    # A real double-click: press and release, then the second press.
    qtbot.mouseClick(view.overdue_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.overdue_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_view_key() == "sessions"
    sessions_view = window.views["sessions"]
    assert isinstance(sessions_view, SessionsView)
    assert sessions_view.selected_ids() == [ids["overdue"]]
    assert sessions_view.round_filter.currentText() == "Spring 2026"


def test_a_tandem_needing_attention_opens_by_keyboard(window: MainWindow, program, qtbot) -> None:
    view = overview_of(window)
    asked: list[tuple[str, int]] = []
    window.context.navigate_requested.connect(lambda key, rid: asked.append((key, rid)))
    view.attention_list.setFocus()
    view.attention_list.setCurrentRow(1)
    target = view.attention_list.targets()[1]
    qtbot.keyClick(view.attention_list, Qt.Key.Key_Return)
    assert asked == [target]
    assert window.current_view_key() == "tandems"
    tandems_view = window.views["tandems"]
    assert tandems_view.selected().id == target[1]  # its show_item(tandem_id) selects it


def test_another_round_and_its_empty_lists(window: MainWindow) -> None:
    view = overview_of(window)
    assert view.round_filter.isVisibleTo(view)
    assert [view.round_filter.itemText(i) for i in range(view.round_filter.count())] == [
        "Spring 2026",
        "Last year",
    ]
    view.round_filter.setCurrentIndex(1)
    assert view.round_box.title() == "Round: Last year"
    assert view.period_label.text().endswith("Ended on 29 Aug 2025")
    assert view.tandems_label.text() == (
        "No tandems yet: pair mentors and mentees in the Tandems view."
    )
    assert not view.week_list.isVisibleTo(view)
    assert view.week_empty.text() == "No meetings this week."
    assert view.attention_empty.text() == "No tandem needs attention right now."
    assert view.chart.points()  # the round's months, all empty
    assert all(p.held == p.planned == p.cancelled == 0 for p in view.chart.points())


def test_empty_file_says_what_to_do(qtbot, tmp_path: Path, contexts) -> None:
    path = tmp_path / "empty.tandem"
    create_database(path).close()
    window = make_window(qtbot, path, contexts)
    view = overview_of(window)
    assert view.empty.isVisibleTo(view) and not view.content.isVisibleTo(view)
    assert view.empty_text.text().startswith("Welcome! Start by importing your list")
    assert not view.round_filter.isVisibleTo(view)
    # The text asks for the import first: the button beside it is that import.
    assert view.empty_button.text() == "Import participants…"
    qtbot.mouseClick(view.empty_button, Qt.MouseButton.LeftButton)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
    assert window.current_view_key() == "overview"


def test_round_without_tandems_hint(qtbot, tmp_path: Path, contexts) -> None:
    path = tmp_path / "round.tandem"
    db = create_database(path)
    person(db, "Anna &", "<b>Lee</b>")
    db.close()
    window = make_window(qtbot, path, contexts)
    view = overview_of(window)
    assert view.empty_text.text() == (
        "There is no round yet. Create a round to start pairing mentors and mentees."
    )
    assert view.empty_button.text() == "Create a round…"
    qtbot.mouseClick(view.empty_button, Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "rounds"
    assert window.findChild(ImportWizard) is None


def test_overview_in_german(window: MainWindow) -> None:
    window.language_actions["de"].trigger()
    view = overview_of(window)
    assert view.heading.text() == "Übersicht"
    assert view.round_box.title() == "Laufende Programmrunde: Spring 2026"
    assert view.period_label.text() == "02.03.2026 bis 28.08.2026 · Woche 7 von 26"
    assert view.meetings_label.text() == "3 von 24 Treffen stattgefunden"
    assert view.checkins_label.text().endswith("im Schnitt 2,5 von 5")
    assert view.overdue_box.title() == "Status fehlt (1)"
    assert "März 2026: 1 stattgefunden, 0 geplant, 2 abgesagt" in view.chart.accessibleDescription()


def test_overview_follows_changes(window: MainWindow, program, qtbot) -> None:
    """Marking the overdue meeting held in the sessions view updates the overview."""
    ids = program[1]
    view = overview_of(window)
    window.context.navigate("sessions", ids["overdue"])
    sessions_view = window.views["sessions"]
    qtbot.mouseClick(sessions_view.held_button, Qt.MouseButton.LeftButton)
    window.show_view("overview")
    assert view.overdue_box.title() == "Status missing (0)"
    assert view.meetings_label.text() == "4 of 24 meetings held"
    assert view.overdue_empty.text() == "Every past meeting has its status."


def test_keyboard_reaches_every_list_with_a_name(window: MainWindow, qtbot) -> None:
    view = overview_of(window)
    assert [
        w.accessibleName() for w in (view.week_list, view.overdue_list, view.attention_list)
    ] == [
        "This week",
        "Status missing",
        "Tandems needing attention",
    ]
    assert view.progress.accessibleDescription() == "3 of 24 meetings held"
    # Tab from the round selector reaches the chart and each list.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.round_filter.setFocus()
    reached = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    for expected in (view.chart, view.week_list, view.overdue_list, view.attention_list):
        assert expected in reached
    # Enter on this week's first meeting opens it.
    view.week_list.setFocus()
    view.week_list.setCurrentRow(1)
    qtbot.keyClick(view.week_list, Qt.Key.Key_Enter)
    assert window.current_view_key() == "sessions"
    assert window.views["sessions"].selected_ids() == [view.week_list.targets()[1][1]]


def test_show_all_meetings_missing_their_status(window: MainWindow, program, qtbot) -> None:
    ids = program[1]
    view = overview_of(window)
    assert view.show_missing_button.isVisibleTo(view)
    qtbot.mouseClick(view.show_missing_button, Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "sessions"
    sessions_view = window.views["sessions"]
    assert sessions_view.overdue_only.isChecked()
    assert sessions_view.round_filter.currentText() == "Spring 2026"
    assert sessions_view.proxy.rowCount() == 1 and sessions_view.selected_ids() == [ids["overdue"]]
    # Once it has its status, the link goes away.
    qtbot.mouseClick(sessions_view.cancelled_button, Qt.MouseButton.LeftButton)
    window.show_view("overview")
    assert not view.show_missing_button.isVisibleTo(view)
