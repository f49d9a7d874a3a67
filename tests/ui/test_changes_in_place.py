"""A change made in a view shows in place, as on a big file where reloading everything would
freeze the window: the edited row shows its new values where the sort puts it, the search and
the filters still apply to it, the selection stays, delete and undo take the row out and put
it back; and a long list is read in slices, ending with the same rows a one-go read gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from app import user_prefs
from app.model import Participant, ParticipantInput, SessionStatus
from app.services import participants as people
from app.services import sessions as meetings
from app.services.tandems import tandem_pairs
from tests.ui.conftest import make_window
from ui.consent import CONSENT_MISSING
from ui.context import PARTICIPANTS
from ui.main_window import MainWindow
from ui.models import participants as cols
from ui.models.sortkeys import name_key
from ui.participant_form import ManagerChoices, ParticipantForm, people_below
from ui.views import sessions as sessions_view
from ui.views.base import TableView
from ui.views.participants import ParticipantsView
from ui.views.rounds import RoundsView
from ui.views.sessions import SessionsView

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


@pytest.fixture
def window(qtbot, program_file: Path, contexts) -> MainWindow:
    return make_window(qtbot, program_file, contexts)


def participants_view(window: MainWindow) -> ParticipantsView:
    view = window.show_view("participants")
    assert isinstance(view, ParticipantsView)
    return view


def shown(view: TableView, column: int = cols.NAME) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def selected_names(view: ParticipantsView) -> set[str]:
    return {p.name for p in view.selected_people()}


def select(view: ParticipantsView, *names: str) -> None:
    """Select these people (Ctrl+click), the last one current."""
    selection = view.table.selectionModel()
    selection.clearSelection()
    for name in names:
        person = next(p for p in view.model.rows() if p.name == name)
        source = view.model.index(view.model.position_of(person.id), 0)
        index = view.proxy.mapFromSource(source)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.setCurrentIndex(index, flags)
    view.table.setFocus()


def edit(qtbot, drive, view: ParticipantsView, **fields: str) -> None:
    """Enter on the current row, type the new values into the form, Save."""

    def script(form: ParticipantForm) -> None:
        for name, text in fields.items():
            widget = getattr(form, name)
            line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
            line.selectAll()
            qtbot.keyClicks(line, text)
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    drive(ParticipantForm, script)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)


def test_an_edited_person_moves_where_the_sort_puts_them_and_stays_selected(
    window: MainWindow, qtbot, drive
) -> None:
    view = participants_view(window)
    assert shown(view) == ["bernd Ähler", "Anna & <b>Lee</b>", "Łukasz Dvořák-Şahin",
                           "Dagmar Özdemir"]  # fmt: skip
    select(view, "Dagmar Özdemir", "Łukasz Dvořák-Şahin")
    edit(qtbot, drive, view, last_name="Aalto", position="Working student (IT)")
    assert shown(view) == ["Łukasz Aalto", "bernd Ähler", "Anna & <b>Lee</b>",
                           "Dagmar Özdemir"]  # fmt: skip
    assert shown(view, cols.POSITION)[0] == "Working student (IT)"
    assert selected_names(view) == {"Łukasz Aalto", "Dagmar Özdemir"}
    assert view.selected().name == "Łukasz Aalto"  # still the current row: Enter edits him
    assert view.edit_button.isEnabled()
    # Sorting afterwards sorts him with the others; undo brings the old name back in place.
    view.table.sortByColumn(cols.NAME, DESC)
    assert shown(view)[-1] == "Łukasz Aalto"
    window.action_undo.trigger()
    assert shown(view) == ["Dagmar Özdemir", "Łukasz Dvořák-Şahin", "Anna & <b>Lee</b>",
                           "bernd Ähler"]  # fmt: skip
    assert selected_names(view) == {"Łukasz Dvořák-Şahin", "Dagmar Özdemir"}
    # The other views learn of the change: the tandems view shows the name as it is now.
    window.action_redo.trigger()
    tandems = window.show_view("tandems")
    assert "Łukasz Aalto" in shown(tandems, 1)


def test_search_and_filters_apply_to_an_edited_row(window: MainWindow, qtbot, drive) -> None:
    view = participants_view(window)
    qtbot.keyClicks(view.search, "sales")
    assert shown(view) == ["Anna & <b>Lee</b>"]
    select(view, "Anna & <b>Lee</b>")
    edit(qtbot, drive, view, department="Legal")
    assert shown(view) == []  # no longer in Sales: out of the search result
    assert view.count_label.text() == "0 of 4 participants"
    view.search.clear()
    view.set_filter(view.department_filter, "Legal")  # the new department is offered
    assert shown(view) == ["Anna & <b>Lee</b>"]
    assert shown(view, cols.DEPARTMENT) == ["Legal"]
    assert view.count_label.text() == "1 of 4 participants"
    window.action_undo.trigger()  # Sales again; nobody is in Legal, which is no longer offered
    assert view.department_filter.findData("Legal") < 0
    assert view.department_filter.currentIndex() == 0 and len(shown(view)) == 4
    assert shown(view, cols.DEPARTMENT)[shown(view).index("Anna & <b>Lee</b>")] == "Sales"


def test_delete_and_undo_take_the_row_out_and_put_it_back_in_its_place(
    window: MainWindow, qtbot, answers: dict[str, list]
) -> None:
    db = window.context.db
    boss = people.create_participant(db, ParticipantInput("Chris", "Neu", department="IT"))
    people.create_participant(db, ParticipantInput("Dora", "Klein", manager_id=boss.id))
    window.context.notify_changed(PARTICIPANTS)
    view = participants_view(window)
    view.table.sortByColumn(cols.DEPARTMENT, DESC)
    before = shown(view)
    assert before.index("Chris Neu") == 2 and before[-1] == "Dora Klein"  # no department last
    answers["reply"][0] = QMessageBox.StandardButton.Yes
    select(view, "Chris Neu")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Chris Neu" not in shown(view) and view.count_label.text() == "5 participants"
    klein = shown(view).index("Dora Klein")
    assert shown(view, cols.MANAGER)[klein] == ""  # her manager is gone
    window.action_undo.trigger()
    assert shown(view) == before
    assert shown(view, cols.MANAGER)[before.index("Dora Klein")] == "Chris Neu"
    assert view.count_label.text() == "6 participants"
    window.action_redo.trigger()
    assert "Chris Neu" not in shown(view)


def test_marking_meetings_held_keeps_them_selected_and_the_filter_applies(
    window: MainWindow, qtbot
) -> None:
    view = window.show_view("sessions")
    assert isinstance(view, SessionsView)
    planned = [s for s in view.model.rows() if s.status == SessionStatus.PLANNED]
    assert planned and view.select_sessions([planned[0].id])
    assert view.mark_selected(SessionStatus.HELD) == 1
    assert view.selected_ids() == [planned[0].id]
    row = view.proxy.mapFromSource(view.model.index(view.model.position_of(planned[0].id), 0))
    assert view.proxy.index(row.row(), 4).data() == "Held"
    view.status_filter.setCurrentIndex(view.status_filter.findData("planned"))
    assert planned[0].id not in [view.model.row_at(view.proxy.mapToSource(
        view.proxy.index(r, 0)).row()).id for r in range(view.proxy.rowCount())]  # fmt: skip
    window.action_undo.trigger()
    assert meetings.get_session(window.context.db, planned[0].id).status == SessionStatus.PLANNED
    assert view.proxy.rowCount() == 1  # planned again, so shown again


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every table reads 7 rows per page: the demo's 120 people are a long list then."""
    monkeypatch.setattr(TableView, "page_size", 7)


def test_a_long_list_is_read_in_slices_and_shows_what_a_one_go_read_shows(
    qtbot, demo_file: Path, contexts, small_pages: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_prefs.put("last_view", "participants")
    window = make_window(qtbot, None, contexts)
    with qtbot.waitSignal(window.ready, timeout=20_000):
        assert window.open_path(demo_file)
        view = participants_view(window)
        assert view.loading() and view.count_label.text() == "Loading…"
        assert not view.hint.isVisible()  # not "No participants yet"
    assert view.settled()  # the window says it is ready once the rows are in and counted
    everyone = people.list_participants(window.context.db)
    expected = sorted(everyone, key=lambda p: name_key(p.last_name, p.first_name))
    assert [p.id for p in view.model.rows()] == [p.id for p in expected]
    assert view.count_label.text() == "120 participants"
    departments = {
        view.department_filter.itemData(i) for i in range(view.department_filter.count())
    }
    assert {p.department for p in everyone if p.department} <= departments

    # The manager choices of the form (worked out between events) are those worked out at once.
    boss = next(p for p in everyone if any(q.manager_id == p.id for q in everyone))
    form = view.open_form(boss)
    below = people_below(everyone, boss.id)
    assert set(form.manager_choices()) == {None} | {p.id for p in everyone} - below - {boss.id}
    assert form.manager.count() == len(form.manager_choices())
    form.deleteLater()

    # A change while a long list loads: the view reads it again, with the change.
    person = everyone[5]
    view.refresh()
    assert view.loading()
    changed = people.update_participant(
        window.context.db, person.id, person.as_input().__class__(
            **{**person.as_input().__dict__, "position": "Chief Listener"}
        ),
    )  # fmt: skip
    window.context.notify_changed(PARTICIPANTS)
    qtbot.waitUntil(view.settled, timeout=20_000)
    assert view.model.row_at(view.model.position_of(person.id)) == changed
    # The link to the people without consent, followed while the list is read: the first of
    # them is selected once it is in.
    view.refresh()
    view.show_filtered(CONSENT_MISSING)
    qtbot.waitUntil(view.settled, timeout=20_000)
    missing = [p for p in view.model.rows() if p.consent_date is None]
    assert missing and view.proxy.rowCount() == len(missing)
    assert view.selected() == missing[0]
    view.consent_missing.setChecked(False)

    # Meetings and a round's tandems come in slices too, the same as read in one go; so do
    # the choices of the tandem filter.
    monkeypatch.setattr(sessions_view, "MANY_TANDEMS", 0)
    sessions = window.show_view("sessions")
    assert isinstance(sessions, SessionsView)
    qtbot.waitUntil(sessions.settled, timeout=20_000)
    pairs = tandem_pairs(window.context.db, sessions.chosen_round_id())
    qtbot.waitUntil(lambda: sessions.tandem_filter.count() == len(pairs) + 1, timeout=20_000)
    offered = [sessions.tandem_filter.itemData(i) for i in range(1, len(pairs) + 1)]
    by_name = sorted(pairs, key=lambda t: name_key(t.mentor_name, t.mentee_name))
    assert offered == [t.id for t in by_name]
    expected_meetings = meetings.list_sessions(
        window.context.db, round_id=sessions.chosen_round_id()
    )
    assert len(expected_meetings) > 7
    assert sorted(s.id for s in sessions.model.rows()) == sorted(s.id for s in expected_meetings)
    dates = [s.starts_at for s in sessions.model.rows()]
    assert dates == sorted(dates)
    # Opening a meeting of another round (as the overview does) selects it once it is read.
    other = next(
        s for s in meetings.list_sessions(window.context.db)
        if s.round_id != sessions.chosen_round_id()
    )  # fmt: skip
    window.navigate("sessions", expected_meetings[-1].id)
    window.navigate("sessions", other.id)
    qtbot.waitUntil(sessions.settled, timeout=20_000)
    assert sessions.chosen_round_id() == other.round_id
    assert sessions.selected_ids() == [other.id]
    rounds = window.show_view("rounds")
    assert isinstance(rounds, RoundsView)
    qtbot.waitUntil(rounds.settled, timeout=20_000)
    assert len(rounds.tandem_rows()) == rounds.selected().tandem_count > 7
    assert "tandems active" in rounds.progress_label.text()


def test_the_overview_of_a_big_round_is_computed_in_the_background(
    qtbot, demo_file: Path, contexts, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.overview import get_overview
    from ui.views import overview as overview_view

    monkeypatch.setattr(overview_view, "BACKGROUND_TANDEMS", 0)  # every round counts as big
    window = make_window(qtbot, None, contexts)
    with qtbot.waitSignal(window.ready, timeout=20_000):
        assert window.open_path(demo_file)
        view = window.show_view("overview")
        assert isinstance(view, overview_view.OverviewView)
        assert view.loading()
    assert not view.loading() and view.overview is not None
    assert view.overview == get_overview(window.context.db, today=view.overview.today)
    assert view.tandems_label.text().endswith(f"({view.overview.tandem_count} in all)")
    # Another round chosen while one is computed: the last choice is what is shown.
    first, second = (view.round_filter.itemData(i) for i in (0, 1))
    view.show_round(second)
    view.show_round(first)
    view.show_round(second)
    qtbot.waitUntil(view.settled, timeout=20_000)
    assert view.overview.round is not None and view.overview.round.id == second
    assert view.overview == get_overview(
        window.context.db, today=view.overview.today, round_id=second
    )


def test_the_overview_lists_the_first_meetings_and_tandems_and_says_how_many_more(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace
    from datetime import date, datetime

    from app.model import Session, TandemStatus
    from app.services.attention import AttentionItem, Flag, FlagKind
    from ui.views import overview as overview_view

    monkeypatch.setattr(overview_view, "SHOWN_IN_LISTS", 2)
    view = window.show_view("overview")
    assert isinstance(view, overview_view.OverviewView) and view.overview is not None
    week = [
        Session(i, 1, datetime(2026, 4, 13 + i, 10), mentor_name="Anna", mentee_name=f"M{i}")
        for i in range(3)
    ]
    flag = Flag(FlagKind.CANCELLED_IN_A_ROW, "The last 2 meetings were cancelled.")
    items = [AttentionItem(i, 1, "Anna", f"M{i}", TandemStatus.ACTIVE, (flag,)) for i in range(4)]
    shown = replace(
        view.overview, week_start=date(2026, 4, 13), this_week=week[:3], this_week_count=140,
        attention=items,
    )  # fmt: skip
    view._show_lists(shown)
    assert view.week_list.targets() == [("sessions", 0), ("sessions", 1)]
    assert view.week_list.item(2).text() == "… and 138 more this week (Meetings view)"
    assert view.attention_list.targets() == [("tandems", 0), ("tandems", 1)]
    last = view.attention_list.item(view.attention_list.count() - 1).text()
    assert last == "… and 2 more (Tandems view, “Needing attention”)"


def test_manager_choices_leave_out_a_person_and_all_below_them() -> None:
    def person(pid: int, manager: int | None, last: str = "Roe") -> Participant:
        return Participant(id=pid, first_name=f"P{pid}", last_name=last, manager_id=manager)

    # 1 heads 2..151 (a big department); 2 manages 200 and 201; 300 reports to nobody.
    people = [person(1, None), *(person(i, 1) for i in range(2, 152))]
    people += [person(200, 2), person(201, 2), person(300, None), person(301, None, "Roe")]
    choices = ManagerChoices(people)
    texts, ids = choices.without(None)
    assert ids == [None, *(p.id for p in people)] and texts[0] == "No manager"
    for pid, below in ((2, {200, 201}), (1, {*range(2, 152), 200, 201}), (300, set())):
        texts, ids = choices.without(pid)
        expected = [p for p in people if p.id not in below | {pid}]
        assert ids == [None, *(p.id for p in expected)]
        assert texts[1:] == [f"{p.first_name} {p.last_name}" for p in expected]
    # Two people who read the same are told apart by their number (or id).
    twins = ManagerChoices([person(7, None, "Lee"), person(8, None, "Lee")])
    assert twins.texts == ["P7 Lee", "P8 Lee"]
    same = ManagerChoices([Participant(id=7, first_name="Al", last_name="Lee"),
                           Participant(id=8, first_name="Al", last_name="Lee")])  # fmt: skip
    assert same.texts == ["Al Lee (7)", "Al Lee (8)"]
