"""A sort keeps only the sort column's keys in order and works the other columns' keys out
again between events (issue 11, §6: re-ordering a dozen lists of 20,000 keys took longer
than the sort). Whatever the user does in between, every later sort is right."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from app.model import Participant
from ui.models import participants as cols
from ui.models.participants import ParticipantTableModel

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def person(pid: int, first: str, last: str, department: str, number: str) -> Participant:
    return Participant(
        id=pid, first_name=first, last_name=last, department=department, personnel_number=number
    )  # type: ignore[call-arg]


PEOPLE = [
    person(1, "Zoe", "Ähler", "Sales", "P-3"),
    person(2, "Anna", "Zimmer", "IT", "P-1"),
    person(3, "Łukasz", "Dvořák-Şahin", "Board", "P-4"),
    person(4, "Bea", "Adler", "Finance", "P-2"),
]


def column(model: ParticipantTableModel, number: int) -> list[str]:
    return [model.index(r, number).data() for r in range(model.rowCount())]


def test_sorts_after_sorts_and_changes_stay_right(qtbot) -> None:
    model = ParticipantTableModel()
    model.set_rows(PEOPLE)
    model.sort(cols.NAME, ASC)
    assert column(model, cols.NAME) == [
        "Bea Adler",
        "Zoe Ähler",
        "Łukasz Dvořák-Şahin",
        "Anna Zimmer",
    ]
    # Changed right after the sort, before the other keys were worked out again.
    assert model.replace_row(replace(PEOPLE[1], department="Accounting", personnel_number="P-9"))
    model.sort(cols.DEPARTMENT, ASC)
    assert column(model, cols.DEPARTMENT) == ["Accounting", "Board", "Finance", "Sales"]
    model.sort(cols.PERSONNEL_NUMBER, DESC)
    assert column(model, cols.PERSONNEL_NUMBER) == ["P-9", "P-4", "P-3", "P-2"]
    qtbot.wait(50)  # the keys of every column are worked out again between events
    model.sort(cols.DEPARTMENT, DESC)
    assert column(model, cols.DEPARTMENT) == ["Sales", "Finance", "Board", "Accounting"]
    model.sort(cols.NAME, DESC)
    assert column(model, cols.NAME)[0] == "Anna Zimmer"
    assert column(model, cols.DEPARTMENT)[0] == "Accounting"
