"""The rounds view on real program files: create and edit rounds through the form (with the
inline "cannot end before it starts"), a round's tandems and progress, delete with a question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QDateTimeEdit, QMessageBox

from app.db import create_database
from app.demo import generate_demo
from app.services.rounds import list_rounds
from app.services.tandems import list_tandems
from tests.helpers.builders import make_round
from tests.ui.conftest import make_window
from ui.context import ROUNDS, AppContext
from ui.main_window import MainWindow
from ui.round_form import RoundForm
from ui.views.rounds import RoundsView

Script = Callable[[RoundForm], None]


@pytest.fixture
def window(qtbot, program_file: Path, contexts: list[AppContext]) -> MainWindow:
    """The small program of tests/ui/conftest.py: "Round 2026" (running, two tandems, one
    meeting held) and "Pilot 2025" (no tandems)."""
    return make_window(qtbot, program_file, contexts)


@pytest.fixture
def form_script(drive) -> Callable[[Script], list[RoundForm]]:
    """When the view opens the form, `script(form)` drives it (non-modally)."""
    return lambda script: drive(RoundForm, script)


def view_of(window: MainWindow) -> RoundsView:
    view = window.show_view("rounds")
    assert isinstance(view, RoundsView)
    return view


def round_names(view: RoundsView) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def type_date(qtbot, edit: QDateEdit, value: date) -> None:
    """Type a date into a date field section by section, as with the keyboard: the year,
    the month and the day are each selected (as by a click or Tab) and typed over."""
    edit.setFocus()
    for section, text in (
        (QDateTimeEdit.Section.YearSection, f"{value.year:04d}"),
        (QDateTimeEdit.Section.MonthSection, f"{value.month:02d}"),
        (QDateTimeEdit.Section.DaySection, f"{value.day:02d}"),
    ):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, text)
    assert edit.date() == QDate(value.year, value.month, value.day)


def test_create_round_with_end_before_start_shown_inline_then_fixed(
    window: MainWindow, qtbot, form_script
) -> None:
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: RoundForm) -> None:
        seen["defaults"] = (
            form.meetings.value(), form.cadence.value(), form.cadence.text(),
            form.target.text(), form.two_tandems.isChecked(),
        )  # fmt: skip
        form.name.setFocus()
        qtbot.keyClicks(form.name, "Autumn & <b>pilot</b>")
        type_date(qtbot, form.start_date, date(2026, 9, 1))
        type_date(qtbot, form.end_date, date(2026, 8, 1))
        seen["error"] = form.errors.text("end_date")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        seen["refused"] = form.isVisible() and QApplication.focusWidget() is form.end_date
        type_date(qtbot, form.end_date, date(2027, 2, 26))
        seen["fixed"] = form.errors.text("end_date")
        form.cadence.setFocus()
        qtbot.keyClick(form.cadence, Qt.Key.Key_Down)
        qtbot.keyClick(form.cadence, Qt.Key.Key_Down)
        qtbot.keyClick(form.cadence, Qt.Key.Key_Down)
        seen["weekly"] = form.cadence.text()
        qtbot.keyClick(form.cadence, Qt.Key.Key_Up)
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    form_script(script)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert seen["defaults"] == (6, 4, "every 4 weeks", "No target", False)
    assert seen["error"] == "A round cannot end before it starts."
    assert seen["refused"] is True and seen["fixed"] == ""
    assert seen["weekly"] == "every 1 week"
    assert "Autumn & <b>pilot</b>" in round_names(view)
    assert view.count_label.text() == "3 rounds"
    created = next(r for r in list_rounds(window.context.db) if r.name == "Autumn & <b>pilot</b>")
    assert (created.start_date, created.end_date) == (date(2026, 9, 1), date(2027, 2, 26))
    assert (created.meetings_planned, created.cadence_weeks) == (6, 2)
    # The new round is selected, and has no tandems yet.
    assert view.selected() == created
    assert view.detail_heading.text() == "Tandems of “Autumn & <b>pilot</b>”"
    assert view.progress_label.text() == "No tandems in this round yet."


def test_a_rounds_tandems_and_progress_are_shown(window: MainWindow, qtbot) -> None:
    view = view_of(window)
    assert round_names(view) == ["Round 2026", "Pilot 2025"]  # newest first
    assert view.selected().name == "Round 2026"  # the newest is selected at first
    rows = view.tandem_rows()
    expected = list_tandems(window.context.db, view.selected().id)
    assert {(t.mentor_name, t.mentee_name) for t in rows} == {
        (t.mentor_name, t.mentee_name) for t in expected
    }
    model = view.tandem_table.model()
    shown = {
        model.index(r, 0).data(): (model.index(r, 2).data(), model.index(r, 3).data())
        for r in range(model.rowCount())
    }
    assert shown == {
        "Łukasz Dvořák-Şahin": ("Active", "1 of 6"),
        "Anna & <b>Lee</b>": ("Proposed", "0 of 6"),
    }
    assert view.progress_label.text() == "1 of 2 tandems active, 1 of 12 meetings held"
    # Moving to the other round by keyboard shows its (empty) list.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.selected().name == "Pilot 2025"
    assert (
        view.tandem_rows() == [] and view.progress_label.text() == "No tandems in this round yet."
    )


def test_progress_on_the_demo_file_in_german(
    qtbot, tmp_path: Path, contexts: list[AppContext]
) -> None:
    path = tmp_path / "demo.tandem"
    db = create_database(path)
    generate_demo(db, participants=120, seed=1, today=date(2026, 3, 1))
    db.close()
    window = make_window(qtbot, path, contexts)
    window.language_actions["de"].trigger()
    view = view_of(window)
    current = view.selected()
    tandems = list_tandems(window.context.db, current.id)
    active = sum(1 for t in tandems if t.status == "active")
    held = sum(t.sessions_held for t in tandems)
    assert len(view.tandem_rows()) == len(tandems) > 0
    assert view.progress_label.text().startswith(
        f"{active} von {len(tandems)} Tandems aktiv, {held} von "
    )
    assert view.new_button.text() == "Neue Programmrunde…"
    header = view.tandem_table.model().headerData(3, Qt.Orientation.Horizontal)
    assert header == "Treffen stattgefunden"


def test_edit_round_by_enter_updates_the_table(window: MainWindow, qtbot, form_script) -> None:
    view = view_of(window)

    def script(form: RoundForm) -> None:
        assert form.windowTitle() == "Edit round" and form.name.text() == "Pilot 2025"
        form.name.setFocus()
        form.name.selectAll()
        qtbot.keyClicks(form.name, "Pilot 2025 (spring)")
        form.meetings.setFocus()
        form.meetings.selectAll()
        qtbot.keyClicks(form.meetings, "8")
        qtbot.keyClick(form.meetings, Qt.Key.Key_Return)  # Enter saves

    form_script(script)
    view.select_round(next(r.id for r in list_rounds(window.context.db) if r.name == "Pilot 2025"))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert "Pilot 2025 (spring)" in round_names(view)
    assert view.selected().name == "Pilot 2025 (spring)" and view.selected().meetings_planned == 8


def test_delete_round_asks_and_refuses_one_with_tandems(
    window: MainWindow, qtbot, answers: dict[str, list]
) -> None:
    view = view_of(window)
    assert view.selected().name == "Round 2026"
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert answers["texts"] == ["The round “Round 2026” has tandems and cannot be deleted."]
    view.select_round(next(r.id for r in list_rounds(window.context.db) if r.name == "Pilot 2025"))
    answers["reply"][0] = QMessageBox.StandardButton.No
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert answers["texts"][-1] == "Delete the round “Pilot 2025”?"
    assert round_names(view) == ["Round 2026", "Pilot 2025"]
    answers["reply"][0] = QMessageBox.StandardButton.Yes
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert round_names(view) == ["Round 2026"]
    assert [r.name for r in list_rounds(window.context.db)] == ["Round 2026"]


def test_new_round_by_shortcut_and_cancel_writes_nothing(
    window: MainWindow, qtbot, form_script
) -> None:
    view = view_of(window)
    opened = form_script(lambda form: qtbot.keyClick(form, Qt.Key.Key_Escape))
    view.table.setFocus()
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(opened) == 1 and opened[0].windowTitle() == "New round"
    assert len(list_rounds(window.context.db)) == 2


def test_end_date_defaults_after_the_start(window: MainWindow, form_script) -> None:
    view = view_of(window)
    seen: list[QDate] = []
    form_script(
        lambda form: (seen.extend([form.start_date.date(), form.end_date.date()]), form.reject())
    )
    view.new_round()
    start, end = seen
    assert start.daysTo(end) == timedelta(weeks=24).days


def test_the_same_shortcut_adds_in_whichever_view_is_shown(
    window: MainWindow, qtbot, form_script, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.participant_form import ParticipantForm

    participants_opened: list[ParticipantForm] = []

    def fake_participant_exec(form: ParticipantForm) -> int:
        participants_opened.append(form)
        return 0

    monkeypatch.setattr(ParticipantForm, "exec", fake_participant_exec)
    rounds_opened = form_script(lambda form: form.reject())
    shortcut = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    people = window.show_view("participants")  # both views exist from now on
    view = view_of(window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, shortcut)
    assert len(rounds_opened) == 1 and participants_opened == []
    window.show_view("participants")
    window.activateWindow()  # the closed form hands the focus back (offscreen: by hand)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    people.table.setFocus()
    qtbot.keyClick(people.table, Qt.Key.Key_N, shortcut)
    assert len(rounds_opened) == 1 and len(participants_opened) == 1


def test_empty_views_keep_heading_and_texts_on_top(qtbot, tmp_path: Path, contexts) -> None:
    """A file without rounds: the heading and "New round…" stay on top (the hint takes the
    room of the table); a round without tandems: its heading and "no tandems yet" stay
    together under the list, not spread over the page."""
    path = tmp_path / "first.tandem"
    create_database(path).close()
    window = make_window(qtbot, path, contexts)
    view = view_of(window)
    assert view.hint.isVisible() and not view.splitter.isVisible()
    qtbot.waitUntil(lambda: view.hint.y() > view.heading.y())  # laid out
    line = view.heading.sizeHint().height()
    assert view.heading.height() < 2 * line
    assert view.new_button.y() < line

    make_round(window.context.db, name="Reverse Mentoring 2026/27")
    window.context.notify_changed(ROUNDS)
    qtbot.waitUntil(lambda: round_names(view) == ["Reverse Mentoring 2026/27"])
    qtbot.waitUntil(lambda: view.progress_label.text() == "No tandems in this round yet.")
    qtbot.waitUntil(lambda: not view.tandem_table.isVisible())
    view.details.layout().activate()  # the layout pass after the table was hidden
    for label in (view.detail_heading, view.progress_label):  # one line each, no gaps
        assert label.height() < 2 * label.sizeHint().height()
