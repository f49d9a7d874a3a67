"""Filters beside the search box of the participants view, on the demo company: role,
department, status and topic, combined with each other and with the typed search, with the
count "N of M participants"; in English and German."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.db import create_database
from app.demo import generate_demo
from app.labels import topic_label
from app.model import Participant, ParticipantStatus, Role
from app.services.participants import list_participants, update_participant
from tests.ui.conftest import make_window
from ui.main_window import MainWindow
from ui.models import participants as cols
from ui.views.participants import ParticipantsView


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.tandem"
    db = create_database(path)
    generate_demo(db, participants=120, seed=3, today=date(2026, 3, 1))
    # Some alumni and leavers, so that the status filter has something to tell apart.
    people = list_participants(db)
    for person, status in zip(people[:7], [ParticipantStatus.ALUMNI] * 4 + [ParticipantStatus.LEFT] * 3, strict=True):  # fmt: skip
        data = person.as_input()
        update_participant(
            db, person.id, data.__class__(**{**data.__dict__, "status": status, "status_date": date(2026, 1, 31)})
        )  # fmt: skip
    db.close()
    return path


@pytest.fixture
def window(qtbot, demo_path: Path, contexts) -> MainWindow:
    return make_window(qtbot, demo_path, contexts)


def view_of(window: MainWindow) -> ParticipantsView:
    view = window.show_view("participants")
    assert isinstance(view, ParticipantsView)
    return view


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an entry by keyboard: focus the combo and type the start of its text."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered"
    combo.setFocus()
    # Typing on a closed combo selects by keyboard search; Home resets first.
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def shown(view: ParticipantsView) -> list[Participant]:
    proxy = view.table.model()
    return [
        proxy.index(r, cols.NAME).data(int(Qt.ItemDataRole.UserRole) + 2)
        for r in range(proxy.rowCount())
    ]


def test_each_filter_shows_the_right_people_and_counts(window: MainWindow, qtbot) -> None:
    view = view_of(window)
    people = list_participants(window.context.db)
    total = len(people)
    assert view.count_label.text() == f"{total} participants"
    assert [c.currentText() for c in view.filter_combos] == [
        "All roles", "All departments", "All statuses", "All topics",
    ]  # fmt: skip

    choose(qtbot, view.role_filter, "Mentor")
    mentors = [p for p in people if p.role == Role.MENTOR]
    assert 0 < len(mentors) < total
    assert {p.id for p in shown(view)} == {p.id for p in mentors}
    assert view.count_label.text() == f"{len(mentors)} of {total} participants"
    choose(qtbot, view.role_filter, "All roles")

    department = sorted({p.department for p in people if p.department})[0]
    choose(qtbot, view.department_filter, department)
    in_department = [p for p in people if p.department == department]
    assert {p.id for p in shown(view)} == {p.id for p in in_department}
    assert view.count_label.text() == f"{len(in_department)} of {total} participants"
    choose(qtbot, view.department_filter, "All departments")

    for status, text in (
        (ParticipantStatus.LEFT, "Left the company"),
        (ParticipantStatus.ALUMNI, "Alumni"),
    ):
        choose(qtbot, view.status_filter, text)
        expected = [p for p in people if p.status == status]
        assert len(expected) >= 3  # at least those set above
        assert {p.id for p in shown(view)} == {p.id for p in expected}
        assert view.count_label.text() == f"{len(expected)} of {total} participants"
    choose(qtbot, view.status_filter, "All statuses")

    choose(qtbot, view.topic_filter, topic_label("AI tools"))
    with_topic = [p for p in people if "AI tools" in p.can_teach + p.wants_to_learn]
    assert 0 < len(with_topic) < total
    assert {p.id for p in shown(view)} == {p.id for p in with_topic}
    choose(qtbot, view.topic_filter, "All topics")
    assert view.count_label.text() == f"{total} participants"


def test_filters_combine_with_each_other_and_with_the_search(window: MainWindow, qtbot) -> None:
    view = view_of(window)
    people = list_participants(window.context.db)
    choose(qtbot, view.role_filter, "Mentee")
    choose(qtbot, view.topic_filter, topic_label("Leadership"))
    expected = [
        p
        for p in people
        if p.role == Role.MENTEE and "Leadership" in p.can_teach + p.wants_to_learn
    ]
    assert {p.id for p in shown(view)} == {p.id for p in expected}
    # The typed search narrows further: the department of the first match.
    department = expected[0].department
    qtbot.keyClicks(view.search, department)
    narrowed = [p for p in expected if department.casefold() in "\n".join(
        [p.first_name, p.last_name, p.email or "", p.department or "", p.position or "",
         p.personnel_number or "", *p.can_teach, *p.wants_to_learn]).casefold()]  # fmt: skip
    assert {p.id for p in shown(view)} == {p.id for p in narrowed}
    assert view.count_label.text() == f"{len(narrowed)} of {len(people)} participants"
    # Deleting typed letters widens the result again.
    for _ in department:
        qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    assert view.search.text() == ""
    assert {p.id for p in shown(view)} == {p.id for p in expected}
    qtbot.keyClicks(view.search, department)
    # Filters survive a reload (after an edit elsewhere).
    window.context.notify_changed("participants")
    assert view.role_filter.currentText() == "Mentee"
    assert {p.id for p in shown(view)} == {p.id for p in narrowed}


def test_filters_are_keyboard_reachable_and_named(window: MainWindow) -> None:
    view = view_of(window)
    chain = [view.search]
    widget = view.search
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain[1:] == view.filter_combos
    assert [c.accessibleName() for c in view.filter_combos] == [
        "Filter by role", "Filter by department", "Filter by status", "Filter by topic",
    ]  # fmt: skip


def test_filters_in_german(window: MainWindow, qtbot) -> None:
    window.language_actions["de"].trigger()
    view = view_of(window)
    assert [c.currentText() for c in view.filter_combos] == [
        "Alle Rollen", "Alle Abteilungen", "Alle Status", "Alle Themen",
    ]  # fmt: skip
    statuses = [view.status_filter.itemText(i) for i in range(view.status_filter.count())]
    assert statuses == ["Alle Status", "Aktiv", "Alumni", "Ausgeschieden"]
    choose(qtbot, view.status_filter, "Alumni")
    alumni = sum(
        1 for p in list_participants(window.context.db) if p.status == ParticipantStatus.ALUMNI
    )
    assert view.count_label.text() == f"{alumni} von 120 Teilnehmenden"
