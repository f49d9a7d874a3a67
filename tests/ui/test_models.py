"""The table models without a window: rows, display and sort values, headers, sorting,
filtering, and 20,000 rows filtered and sorted."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app import i18n
from app.model import Participant, ParticipantStatus, Role
from ui.models import participants as cols
from ui.models.generic import ROW_ROLE, SORT_ROLE, RowFilterProxy
from ui.models.participants import ParticipantTableModel
from ui.models.sortkeys import text_key

DISPLAY = Qt.ItemDataRole.DisplayRole


def person(pid: int, first: str, last: str, **extra: object) -> Participant:
    return Participant(id=pid, first_name=first, last_name=last, **extra)  # type: ignore[arg-type]


PEOPLE = [
    person(1, "Zoe", "ähler", personnel_number="P-10", consent_date=date(2026, 3, 1),
           department="Sales", can_teach=("AI tools",)),
    person(2, "anna", "Zimmer", personnel_number="P-9", consent_date=date(2025, 12, 24),
           email="anna.z@example.com", role=Role.MENTOR),
    person(3, "Łukasz", "Dvořák-Şahin", personnel_number="P-100", department="IT",
           wants_to_learn=("Leadership",), status=ParticipantStatus.ALUMNI),
    person(4, "Bea", "Adler", department="it"),
]  # fmt: skip


def names(model: ParticipantTableModel) -> list[str]:
    return [model.index(r, cols.NAME).data() for r in range(model.rowCount())]


def test_set_rows_resets_and_shows_display_values(qtbot) -> None:
    model = ParticipantTableModel()
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(PEOPLE)
    assert model.rowCount() == 4 and model.columnCount() == 11  # the e-mail column, hidden at first
    assert model.index(0, cols.NAME).data(DISPLAY) == "Zoe ähler"
    assert model.index(1, cols.ROLE).data(DISPLAY) == "Mentor"
    assert model.index(2, cols.STATUS).data(DISPLAY) == "Alumni"
    assert model.index(0, cols.CONSENT).data(DISPLAY) == "1 Mar 2026"
    assert model.index(2, cols.CONSENT).data(DISPLAY) == "missing"
    assert model.index(0, cols.TEACHES).data(DISPLAY) == "AI tools"
    assert model.index(2, cols.NAME).data(ROW_ROLE) is PEOPLE[2]
    model.set_rows(PEOPLE[:1])
    assert model.rowCount() == 1


def test_sort_role_folds_case_and_accents_and_sorts_dates() -> None:
    model = ParticipantTableModel()
    model.set_rows(PEOPLE)
    assert model.index(0, cols.NAME).data(SORT_ROLE) == "ahler\tzoe"
    assert model.index(2, cols.NAME).data(SORT_ROLE) == "dvoraksahin\tlukasz"
    assert model.index(0, cols.CONSENT).data(SORT_ROLE) == "2026-03-01"
    assert text_key("Łukasz") == "lukasz" and text_key("Straße") == "strasse"


def test_sorting_by_name_date_and_number() -> None:
    model = ParticipantTableModel()
    model.set_rows(PEOPLE)
    model.sort(cols.NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Bea Adler", "Zoe ähler", "Łukasz Dvořák-Şahin", "anna Zimmer"]
    model.sort(cols.NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["anna Zimmer", "Łukasz Dvořák-Şahin", "Zoe ähler", "Bea Adler"]
    model.sort(cols.CONSENT, Qt.SortOrder.AscendingOrder)
    # Chronological, people without consent last.
    assert names(model)[:2] == ["anna Zimmer", "Zoe ähler"]
    model.sort(cols.PERSONNEL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 1).data() for r in range(3)] == ["P-9", "P-10", "P-100"]
    # A reload keeps the chosen order.
    model.set_rows(list(reversed(PEOPLE)))
    assert [model.index(r, 1).data() for r in range(3)] == ["P-9", "P-10", "P-100"]


def test_header_data_is_translated() -> None:
    model = ParticipantTableModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    assert headers == [
        "Name", "Personnel no.", "Department", "Position", "Role", "Manager",
        "Consent", "Status", "Teaches", "Wants to learn",
    ]  # fmt: skip
    i18n.set_language("de")
    assert model.headerData(cols.PERSONNEL_NUMBER, Qt.Orientation.Horizontal) == "Personalnr."
    assert model.headerData(cols.WANTS_TO_LEARN, Qt.Orientation.Horizontal) == "Möchte lernen"
    assert model.headerData(cols.NAME, Qt.Orientation.Vertical) is None


def test_filter_matches_every_word_across_fields() -> None:
    model = ParticipantTableModel()
    model.set_rows(PEOPLE)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("anna.z@")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("it")  # department, case-insensitive
    assert {proxy.index(r, 0).data() for r in range(proxy.rowCount())} >= {
        "Bea Adler",
        "Łukasz Dvořák-Şahin",
    }
    proxy.set_filter_text("lukasz leadership")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Łukasz Dvořák-Şahin"]
    proxy.set_filter_text("P-10 sales")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("")
    assert proxy.rowCount() == 4
    # Sorting through the proxy sorts the source, and the filter still holds.
    proxy.set_filter_text("a")
    proxy.sort(cols.NAME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "anna Zimmer"


def test_filtering_and_sorting_20000_rows_keeps_the_right_rows() -> None:
    """Typing narrows 20,000 rows to those holding every word; sorting keeps the filter.
    (Speed against the 50 ms a keystroke target: bench/participants_filter_bench.py.)"""
    many = [
        person(i, f"First{i}", f"Last{i}", email=f"p{i}@example.com", department=f"Dept {i % 40}",
               position="Engineer", personnel_number=f"P-{i}", can_teach=("AI tools",))
        for i in range(20_000)
    ]  # fmt: skip
    model = ParticipantTableModel()
    model.set_rows(many)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)

    def shown() -> list[str]:
        return [proxy.index(r, cols.NAME).data() for r in range(proxy.rowCount())]

    for text in ["l", "la", "las", "last1", "last19", "last199"]:  # typed letter by letter
        proxy.set_filter_text(text)
    assert sorted(shown()) == sorted(
        f"First{i} Last{i}" for i in [199, *range(1990, 2000), *range(19_900, 20_000)]
    )
    proxy.set_filter_text("dept 39 p-19999")  # every word, in any column
    assert shown() == ["First19999 Last19999"]
    proxy.set_filter_text("zzz")
    assert proxy.rowCount() == 0
    proxy.set_filter_text("last1999")
    model.sort(cols.NAME, Qt.SortOrder.DescendingOrder)
    assert shown() == [f"First{i} Last{i}" for i in [*range(19_999, 19_989, -1), 1999]]
    proxy.set_filter_text("")
    assert proxy.rowCount() == 20_000 and shown()[0] == "First9999 Last9999"
