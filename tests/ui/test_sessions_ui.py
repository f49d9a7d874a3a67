"""The sessions view on real program files: plan a round's meetings through the dialog (on
the chosen weekday, agenda prefilled, twice creates nothing new), edit a meeting and its agenda,
mark meetings held or cancelled (and undo), the "status missing" marker and filter, the agenda
template applied to the next planning, delete with a question, and opening a meeting by id."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

from app.db import create_database
from app.model import SessionInput, SessionStatus
from app.services import common, sessions
from app.services.planning import (
    PlanResult,
    default_agenda_arc,
    is_working_day,
    left_out_lines,
    planning_scope,
)
from tests.helpers.builders import SESSIONS_TODAY, build_sessions_program
from tests.ui.conftest import make_window
from ui.arc_editor import ArcEditor
from ui.main_window import MainWindow
from ui.plan_dialog import PlanDialog
from ui.session_form import SessionForm
from ui.views.sessions import STATUS, SessionsView

TODAY = SESSIONS_TODAY  # a Monday, the first day of "Spring 2026"


# --- fixtures (test_calendar_ui.py builds the same program) ---------------------------------
@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The window's idea of today (app.services.common.today, read at call time)."""
    monkeypatch.setattr(common, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def program(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "program.tandem"
    db = create_database(path)
    ids = build_sessions_program(db)
    db.close()
    return path, ids


@pytest.fixture
def window(qtbot, program, contexts) -> MainWindow:
    return make_window(qtbot, program[0], contexts)


def sessions_view(window: MainWindow) -> SessionsView:
    view = window.show_view("sessions")
    assert isinstance(view, SessionsView)
    return view


def shown_column(view: SessionsView, column: int) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def plan(
    qtbot,
    view: SessionsView,
    drive,
    weekday: int = 1,
    at: QTime | None = None,
    include_proposed: bool = False,
) -> dict:
    """Plan through the dialog (ticking the box for proposed tandems when asked); returns
    what it showed."""
    seen: dict[str, Any] = {}

    def script(dialog: PlanDialog) -> None:
        seen["preview"] = dialog.preview.text()
        seen["include_shown"] = dialog.include_proposed.isVisibleTo(dialog)
        seen["include_text"] = dialog.include_proposed.text()
        dialog.weekday.setCurrentIndex(weekday)
        if at is not None:
            dialog.time.setTime(at)
        if include_proposed:  # by keyboard, as a user may: focus the box, press Space
            dialog.include_proposed.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.keyClick(dialog.include_proposed, Qt.Key.Key_Space)
        seen["preview_after"] = dialog.preview.text()
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
        seen["result"] = dialog.result_label.text()
        seen["warnings"] = dialog.warnings_label.text()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    drive(PlanDialog, script)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    return seen


# --- planning -------------------------------------------------------------------------------
def test_plan_a_rounds_meetings_through_the_dialog(window, program, qtbot, drive) -> None:
    ids = program[1]
    view = sessions_view(window)
    assert view.round_filter.currentText() == "Spring 2026"  # the running round is chosen
    assert view.model.rowCount() == 0
    assert "Plan meetings" in view.hint.text()

    # Only the active tandem: the proposed one's people have not agreed yet.
    seen = plan(qtbot, view, drive, weekday=2, at=QTime(14, 30))
    left_out = "Left out: 1 proposed tandem, whose people have not agreed yet."
    assert seen["preview"] == (
        f"6 meetings every 4 weeks on Tuesdays at 10:00 for 1 tandem\n{left_out}"
    )
    assert seen["include_shown"]
    assert seen["include_text"] == (
        "Also plan the 1 proposed tandem (its people have not agreed yet)"
    )
    assert seen["result"] == (
        "6 meetings were planned for 1 tandem.\n"
        "1 proposed tandem was left out: its two people have not agreed yet."
    )
    db = window.context.db
    assert {s.tandem_id for s in sessions.list_sessions(db, round_id=ids["round"])} == {
        ids["first"]
    }

    # HR asks explicitly for the proposed one too.
    seen = plan(qtbot, view, drive, weekday=2, at=QTime(14, 30), include_proposed=True)
    assert seen["preview_after"] == "6 meetings every 4 weeks on Wednesdays at 14:30 for 2 tandems"
    assert seen["result"] == (
        "6 meetings were planned for 1 tandem.\n1 tandem already had all its meetings."
    )
    assert seen["warnings"] == ""

    planned = sessions.list_sessions(db, round_id=ids["round"])
    assert len(planned) == 12
    assert {s.tandem_id for s in planned} == {ids["first"], ids["second"]}  # not the dissolved
    assert all(is_working_day(s.starts_at.date()) for s in planned)
    assert {s.starts_at.weekday() for s in planned} == {2}
    assert {s.starts_at.time() for s in planned} == {time(14, 30)}
    assert all(s.status == SessionStatus.PLANNED for s in planned)
    first_meetings = [s for s in planned if s.tandem_id == ids["first"]]
    arc = default_agenda_arc()
    assert [a.title for a in first_meetings[0].agenda] == [i.title for i in arc.first]
    assert [a.title for a in first_meetings[-1].agenda] == [i.title for i in arc.closing]
    assert first_meetings[1].agenda[0].title == "Focus topic: AI tools"
    free = [s for s in planned if s.tandem_id == ids["second"]][1]
    assert [a.title for a in free.agenda] == [i.title for i in arc.free]
    # The table shows them at once, with their agenda size.
    assert view.count_label.text() == "12 meetings"
    assert shown_column(view, 0)[0] == "4 Mar 2026 14:30"
    assert shown_column(view, 1)[0] in {
        "Finn Bauer → Sabine Roth",
        "Anna & <b>Lee</b> → Łukasz Dvořák-Şahin",
    }

    # Planning again creates nothing new.
    again = plan(qtbot, view, drive, weekday=2, at=QTime(14, 30), include_proposed=True)
    assert again["result"] == "Nothing new to plan: every tandem already has all its meetings."
    assert len(sessions.list_sessions(db, round_id=ids["round"])) == 12


def test_plan_one_tandem_when_a_tandem_is_chosen(window, program, qtbot, drive) -> None:
    ids = program[1]
    view = sessions_view(window)
    view.set_tandem(ids["first"])
    seen = plan(qtbot, view, drive)
    assert seen["preview"] == "6 meetings every 4 weeks on Tuesdays at 10:00 for 1 tandem"
    assert seen["result"] == "6 meetings were planned for 1 tandem."
    db = window.context.db
    assert {s.tandem_id for s in sessions.list_sessions(db, round_id=ids["round"])} == {
        ids["first"]
    }
    assert view.count_label.text() == "6 meetings"


def test_the_agenda_template_applies_to_the_next_planning(window, program, qtbot, drive) -> None:
    ids = program[1]
    view = sessions_view(window)

    def edit(editor: ArcEditor) -> None:
        editor.part_list.setCurrentRow(0)  # first meeting
        first = editor.editors["first"]
        first.table.item(0, 0).setText("Welcome & <b>coffee</b>")
        first.table.item(0, 1).setText("Bring your calendar")
        first.table.setCurrentCell(2, 0)
        qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
        # An item without a title is refused, with the part named.
        editor.part_list.setCurrentRow(3)  # closing meeting
        closing = editor.editors["closing"]
        closing.table.setCurrentCell(2, 0)
        qtbot.mouseClick(closing.add_button, Qt.MouseButton.LeftButton)
        editor.part_list.setCurrentRow(0)  # saved from another part: it shows the item
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.isVisible()
        assert editor.error.text() == "Closing meeting: item 4 needs a title."
        assert (editor.part_list.currentRow(), closing.table.currentRow()) == (3, 3)
        closing.table.item(3, 0).setText("Certificates")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    opened = drive(ArcEditor, edit)
    qtbot.mouseClick(view.template_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].saved is not None

    plan(qtbot, view, drive)
    db = window.context.db
    planned = sessions.list_sessions(db, tandem_id=ids["first"])
    arc = default_agenda_arc()
    assert [(a.title, a.preparation) for a in planned[0].agenda] == [
        ("Welcome & <b>coffee</b>", "Bring your calendar"),
        (arc.first[1].title, arc.first[1].preparation),
    ]
    assert [a.title for a in planned[-1].agenda] == [i.title for i in arc.closing] + [
        "Certificates"
    ]


def test_reset_the_agenda_template(window, qtbot, drive, answers) -> None:
    from app.services.planning import ArcItem, get_agenda_arc, set_agenda_arc

    db = window.context.db
    arc = default_agenda_arc()
    set_agenda_arc(db, arc.__class__(arc.first[:1], arc.topic, arc.review, arc.closing,
                                     (ArcItem("Anything"),)))  # fmt: skip
    view = sessions_view(window)

    def reset(editor: ArcEditor) -> None:
        assert editor.editors["free"].items() == [("Anything", "")]
        qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
        assert editor.editors["free"].items() == [(i.title, i.preparation) for i in arc.free]
        qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)  # fmt: skip

    drive(ArcEditor, reset)
    qtbot.mouseClick(view.template_button, Qt.MouseButton.LeftButton)
    assert answers["texts"] == [
        "Replace the agenda template by the one Tandem suggests? Your changes are lost."
    ]
    assert get_agenda_arc(db) == arc


# --- editing --------------------------------------------------------------------------------
def add_meetings(db: Database, tandem_id: int) -> list[int]:
    """A held meeting with an agenda, one overdue (planned, day passed), one to come."""
    held = sessions.create_session(
        db, tandem_id, SessionInput(datetime(2026, 2, 10, 10), 60, "Room 4 & <i>Teams</i>",
                                    SessionStatus.HELD)
    )  # fmt: skip
    sessions.set_agenda(db, held.id, [("Prompting basics", "Bring a task"), ("Tools", "")])
    overdue = sessions.create_session(db, tandem_id, SessionInput(datetime(2026, 2, 24, 9), 60))
    coming = sessions.create_session(db, tandem_id, SessionInput(datetime(2026, 3, 24, 15), 90))
    return [held.id, overdue.id, coming.id]


def test_edit_a_meeting_and_its_agenda(window, program, qtbot, drive) -> None:
    db = window.context.db
    held, _overdue, _coming = add_meetings(db, program[1]["first"])
    window.context.notify_changed("sessions")
    view = sessions_view(window)
    assert view.select_sessions([held])

    def edit(form: SessionForm) -> None:
        assert form.who.text() == "Tandem: Finn Bauer → Sabine Roth"
        assert form.location.text() == "Room 4 & <i>Teams</i>"
        assert form.agenda.items() == [("Prompting basics", "Bring a task"), ("Tools", "")]
        form.time.setTime(QTime(16, 15))
        form.duration.setValue(75)
        form.location.clear()
        qtbot.keyClicks(form.location, "https://teams.example.com/x?a=1&b=<2>")
        form.summary.setFocus()
        qtbot.keyClicks(form.summary, "Prompting; Copilot in Excel")
        form.agenda.table.setCurrentCell(1, 0)
        qtbot.mouseClick(form.agenda.add_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        # The new item has no title yet: refused inline, nothing written.
        assert form.isVisible()
        assert form.errors.text("agenda") == "Agenda item 3 needs a title."
        assert form.agenda.table.currentRow() == 2 and form.agenda.table.hasFocus()
        assert sessions.get_session(db, held).location == "Room 4 & <i>Teams</i>"
        form.agenda.table.item(2, 0).setText("Try Copilot")
        form.agenda.table.item(2, 1).setText("Open Excel")
        form.agenda.select_row(2)
        qtbot.mouseClick(form.agenda.up_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(form.agenda.up_button, Qt.MouseButton.LeftButton)
        assert not form.agenda.up_button.isEnabled()  # at the top now
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    drive(SessionForm, edit)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    saved = sessions.get_session(db, held)
    assert saved.starts_at == datetime(2026, 2, 10, 16, 15)
    assert saved.duration_minutes == 75
    assert saved.location == "https://teams.example.com/x?a=1&b=<2>"
    assert saved.summary == "Prompting; Copilot in Excel"
    assert [(a.title, a.preparation) for a in saved.agenda] == [
        ("Try Copilot", "Open Excel"),
        ("Prompting basics", "Bring a task"),
        ("Tools", ""),
    ]
    assert view.selected_ids() == [held]  # still selected after the reload
    row = shown_column(view, 0).index("10 Feb 2026 16:15")
    assert shown_column(view, 3)[row] == "https://teams.example.com/x?a=1&b=<2>"
    assert shown_column(view, 5)[row] == "3"


def test_summary_hint_points_to_private_notes(window, program, qtbot, drive) -> None:
    db = window.context.db
    held = add_meetings(db, program[1]["first"])[0]
    form = SessionForm(db, sessions.get_session(db, held), window)
    qtbot.addWidget(form)
    assert "confidential belongs in a private note" in form.summary_hint.text()
    form.duration.setValue(4)  # the spin box refuses less than five minutes
    assert form.duration.value() == 5


def test_mark_held_and_cancelled_with_keys_buttons_and_undo(window, program, qtbot) -> None:
    db = window.context.db
    held, overdue, coming = add_meetings(db, program[1]["first"])
    window.context.notify_changed("sessions")
    view = sessions_view(window)
    assert view.select_sessions([overdue, coming])
    view.table.setFocus()
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sessions.get_session(db, overdue).status == SessionStatus.HELD
    assert sessions.get_session(db, coming).status == SessionStatus.HELD
    assert sorted(view.selected_ids()) == sorted([overdue, coming])

    window.action_undo.trigger()
    assert sessions.get_session(db, overdue).status == SessionStatus.PLANNED
    assert sessions.get_session(db, coming).status == SessionStatus.PLANNED

    view.select_sessions([coming])
    qtbot.mouseClick(view.cancelled_button, Qt.MouseButton.LeftButton)
    assert sessions.get_session(db, coming).status == SessionStatus.CANCELLED
    view.select_sessions([overdue])
    assert QApplication.focusWidget() is view.table  # the keyboard stays in the table
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_X,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sessions.get_session(db, overdue).status == SessionStatus.CANCELLED
    assert sessions.get_session(db, held).status == SessionStatus.HELD  # untouched


def test_status_missing_marker_and_filter(window, program, qtbot) -> None:
    db = window.context.db
    held, overdue, coming = add_meetings(db, program[1]["first"])
    # A dissolved tandem's meeting no longer counts: it does not ask for a status.
    sessions.create_session(db, program[1]["gone"], SessionInput(datetime(2026, 2, 20, 9)))
    window.context.notify_changed("sessions")
    view = sessions_view(window)
    statuses = dict(zip(shown_column(view, 0), shown_column(view, STATUS), strict=True))
    assert statuses == {
        "10 Feb 2026 10:00": "Held",
        "20 Feb 2026 09:00": "Planned",
        "24 Feb 2026 09:00": "Status missing",
        "24 Mar 2026 15:00": "Planned",
    }
    proxy = view.table.model()
    row = shown_column(view, 0).index("24 Feb 2026 09:00")
    assert "mark it held or cancelled" in proxy.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert proxy.index(row, STATUS).data(Qt.ItemDataRole.FontRole).bold()

    view.overdue_only.setChecked(True)
    assert shown_column(view, 0) == ["24 Feb 2026 09:00"]
    assert view.count_label.text() == "1 of 4 meetings"
    view.select_sessions([overdue])
    qtbot.mouseClick(view.held_button, Qt.MouseButton.LeftButton)
    assert shown_column(view, 0) == []  # nothing is missing its status any more
    view.overdue_only.setChecked(False)
    view.status_filter.setCurrentIndex(view.status_filter.findData("held"))
    assert shown_column(view, 0) == ["10 Feb 2026 10:00", "24 Feb 2026 09:00"]
    del held, coming


def test_delete_a_meeting_after_asking(window, program, qtbot, answers) -> None:
    db = window.context.db
    held, overdue, coming = add_meetings(db, program[1]["first"])
    window.context.notify_changed("sessions")
    view = sessions_view(window)
    view.select_sessions([held])
    view.table.setFocus()
    answers["reply"] = [QMessageBox.StandardButton.No]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert answers["texts"][-1].startswith(
        "Delete the meeting 10 Feb 2026 10:00 · Finn Bauer → Sabine Roth with its agenda?"
    )
    assert len(sessions.list_sessions(db, tandem_id=program[1]["first"])) == 3
    answers["reply"] = [QMessageBox.StandardButton.Yes]
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in sessions.list_sessions(db, tandem_id=program[1]["first"])] == [
        overdue,
        coming,
    ]
    assert view.count_label.text() == "2 meetings"


def test_show_item_finds_a_meeting_of_another_round_behind_filters(window, program, qtbot) -> None:
    db = window.context.db
    ids = program[1]
    held = add_meetings(db, ids["first"])[0]
    window.context.notify_changed("sessions")
    view = sessions_view(window)
    view.set_round(view.round_filter.itemData(view.round_filter.findText("Pilot 2025")))
    assert view.round_filter.currentText() == "Pilot 2025"
    view.overdue_only.setChecked(True)
    window.show_view("overview")
    window.context.navigate("sessions", held)
    assert window.current_view_key() == "sessions"
    assert view.round_filter.currentText() == "Spring 2026"
    assert not view.overdue_only.isChecked()
    assert view.selected_ids() == [held]


def test_keyboard_tab_order_and_names(window) -> None:
    view = sessions_view(window)
    assert view.round_filter.accessibleName() == "Round"
    assert view.tandem_filter.accessibleName() == "Tandem"
    assert view.status_filter.accessibleName() == "Filter by status"
    assert view.round_filter.nextInFocusChain() is view.tandem_filter
    assert view.held_button.toolTip() == "Mark the selected meetings as held (Ctrl+Shift+H)"


def test_run_the_demo_rounds_meetings(
    qtbot, tmp_path: Path, contexts, drive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the demo file: the running round is chosen, planning adds only what is missing,
    weeks later the meetings not marked show "status missing" (the ones the service
    counts), and marking them all held by keyboard leaves none."""
    from datetime import timedelta

    from app.demo import generate_demo
    from app.services.attention import count_overdue
    from app.services.overview import running_round_id

    path = tmp_path / "demo.tandem"
    db = create_database(path)
    generate_demo(db, participants=120, seed=1, today=TODAY)
    db.close()
    window = make_window(qtbot, path, contexts)
    db = window.context.db
    view = sessions_view(window)
    running = running_round_id(db, TODAY)
    assert view.chosen_round_id() == running
    assert view.model.rowCount() == len(sessions.list_sessions(db, round_id=running))

    before = len(sessions.list_sessions(db, round_id=running))
    first = plan(qtbot, view, drive)
    created = len(sessions.list_sessions(db, round_id=running)) - before
    assert created > 0 and first["result"].startswith(f"{created} meetings were planned")
    again = plan(qtbot, view, drive)
    proposed = len(planning_scope(db, running).proposed)  # planned only when asked
    assert again["result"].splitlines() == [
        "Nothing new to plan: every tandem already has all its meetings.",
        *left_out_lines(PlanResult(left_out_proposed=proposed)),
    ]
    assert len(sessions.list_sessions(db, round_id=running)) == before + created

    later = TODAY + timedelta(days=90)
    monkeypatch.setattr(common, "today", lambda: later)
    window.context.notify_changed("sessions")
    view.overdue_only.setChecked(True)
    missing = count_overdue(db, round_id=running, today=later)
    assert missing > 0 and view.proxy.rowCount() == missing
    assert set(shown_column(view, STATUS)) == {"Status missing"}
    window.activateWindow()  # as the system does when the dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.table.selectAll()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_H, CTRL_SHIFT)
    assert count_overdue(db, round_id=running, today=later) == 0
    assert view.proxy.rowCount() == 0


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_add_one_meeting_to_a_tandem(window, program, qtbot, drive) -> None:
    ids = program[1]
    db = window.context.db
    view = sessions_view(window)
    assert not view.new_button.isEnabled()  # which tandem? none chosen, nothing selected
    view.set_tandem(ids["second"])
    assert view.new_button.isEnabled()

    def fill(form: SessionForm) -> None:
        assert form.windowTitle() == "New meeting"
        assert form.who.text() == "Tandem: Anna & <b>Lee</b> → Łukasz Dvořák-Şahin"
        assert form.time.time() == QTime(10, 0) and form.duration.value() == 60
        form.time.setTime(QTime(8, 45))
        form.location.setText("Café")
        qtbot.mouseClick(form.agenda.add_button, Qt.MouseButton.LeftButton)
        form.agenda.table.item(0, 0).setText("Teams etiquette")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    drive(SessionForm, fill)
    view.table.setFocus()
    qtbot.keyClick(view.tandem_filter, Qt.Key.Key_N, CTRL_SHIFT)
    made = sessions.list_sessions(db, tandem_id=ids["second"])
    assert len(made) == 1
    assert made[0].starts_at == datetime(2026, 3, 2, 8, 45)
    assert (made[0].location, [a.title for a in made[0].agenda]) == ("Café", ["Teams etiquette"])
    assert view.selected_ids() == [made[0].id]


def test_sessions_view_and_planning_in_german(window, program, qtbot, drive) -> None:
    db = window.context.db
    add_meetings(db, program[1]["first"])
    window.language_actions["de"].trigger()
    view = sessions_view(window)
    assert view.heading.text() == "Treffen"
    assert "Status fehlt" in shown_column(view, STATUS)
    assert view.round_filter.itemText(0) == "Alle Programmrunden"
    seen = plan(qtbot, view, drive, weekday=3)
    assert seen["preview_after"] == (
        "6 Treffen alle 4 Wochen donnerstags um 10:00 Uhr für 1 Tandem\n"
        "Ausgelassen: 1 vorgeschlagenes Tandem, dessen Beteiligte noch nicht zugestimmt haben."
    )
    assert seen["include_text"] == (
        "Auch das 1 vorgeschlagene Tandem planen (die Beteiligten haben noch nicht zugestimmt)"
    )
    assert seen["result"] == (
        "3 Treffen wurden für 1 Tandem geplant.\n"
        "1 vorgeschlagenes Tandem wurde ausgelassen: Die beiden haben noch nicht zugestimmt."
    )
    seen = plan(qtbot, view, drive, weekday=3, include_proposed=True)
    assert seen["preview_after"] == (
        "6 Treffen alle 4 Wochen donnerstags um 10:00 Uhr für 2 Tandems"
    )
    assert seen["result"].startswith("6 Treffen wurden für 1 Tandem geplant.")


def test_dates_in_the_table_read_as_everywhere_else() -> None:
    from app import i18n
    from ui.views.sessions import when_text

    moments = [datetime(2026, 3, 4, 9, 5), datetime(2199, 12, 31, 23, 59), datetime(2026, 11, 1)]
    previous = i18n.language()
    try:
        for code in ("en", "de"):
            i18n.set_language(code)
            assert [when_text(m) for m in moments] == [i18n.format_datetime(m) for m in moments]
    finally:
        i18n.set_language(previous)


def test_status_missing_is_never_cut_off(window, program) -> None:
    """The bold "Status missing" fits its column whole (cell margins included)."""
    from PySide6.QtGui import QFontMetrics

    add_meetings(window.context.db, program[1]["first"])
    window.context.notify_changed("sessions")
    view = sessions_view(window)
    row = shown_column(view, STATUS).index("Status missing")
    bold = view.table.model().index(row, STATUS).data(Qt.ItemDataRole.FontRole)
    bold.setPointSizeF(view.table.font().pointSizeF())
    metrics = QFontMetrics(bold)
    needed = metrics.horizontalAdvance("Status missing") + metrics.averageCharWidth() * 2
    assert view.table.horizontalHeader().sectionSize(STATUS) >= needed
