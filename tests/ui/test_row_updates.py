"""Updating single rows of a table model instead of reloading it: the changed row shows its
new values where the sort puts it, the filter applies to it, selections stay on their rows,
and any mix of changes leaves the rows as sorting them afresh would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, Qt

from app.model import Participant
from ui.models import participants as cols
from ui.models.generic import RowFilterProxy
from ui.models.participants import ParticipantTableModel
from ui.models.sortkeys import name_key

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def person(pid: int, first: str, last: str, **extra: object) -> Participant:
    return Participant(id=pid, first_name=first, last_name=last, **extra)  # type: ignore[arg-type]


def team() -> list[Participant]:
    return [
        person(1, "Zoe", "Ähler", department="Sales"),
        person(2, "Anna", "Zimmer", department="IT", email="anna@example.com"),
        person(3, "Łukasz", "Dvořák-Şahin", department="IT"),
        person(4, "Bea", "Adler"),
        person(5, "Carl", "Meyer", department="Finance"),
    ]


def names(model: ParticipantTableModel) -> list[str]:
    return [model.row_at(r).name for r in range(model.rowCount())]


def shown(proxy: RowFilterProxy) -> list[str]:
    return [proxy.index(r, cols.NAME).data() for r in range(proxy.rowCount())]


def sorted_model(order: Qt.SortOrder = ASC, column: int = cols.NAME) -> ParticipantTableModel:
    model = ParticipantTableModel()
    model.set_rows(team())
    model.sort(column, order)
    return model


def test_an_edited_row_shows_its_new_values_and_moves_where_the_sort_puts_it() -> None:
    model = sorted_model()
    assert names(model) == ["Bea Adler", "Zoe Ähler", "Łukasz Dvořák-Şahin", "Carl Meyer",
                            "Anna Zimmer"]  # fmt: skip
    renamed = replace(model.row_at(model.position_of(2)), last_name="Baum", position="Lead")
    assert model.replace_row(renamed)
    assert names(model) == ["Bea Adler", "Zoe Ähler", "Anna Baum", "Łukasz Dvořák-Şahin",
                            "Carl Meyer"]  # fmt: skip
    row = model.position_of(2)
    assert model.index(row, cols.POSITION).data() == "Lead"
    assert model.row_at(row) is renamed
    # A change that keeps the order leaves the row where it is.
    assert model.replace_row(replace(renamed, position="Head"))
    assert model.position_of(2) == row and model.index(row, cols.POSITION).data() == "Head"
    # Someone the table does not show is not added by a replace.
    assert not model.replace_row(person(99, "New", "Person"))
    assert model.rowCount() == 5


def test_descending_order_and_blanks_last_hold_for_changed_rows() -> None:
    model = sorted_model(DESC, cols.DEPARTMENT)
    departments = [model.row_at(r).department for r in range(model.rowCount())]
    assert departments == ["Sales", "IT", "IT", "Finance", None]
    model.replace_row(replace(model.row_at(model.position_of(1)), department=None))
    model.insert_row(person(6, "Dora", "Klein", department="Legal"))
    model.replace_row(replace(model.row_at(model.position_of(4)), department="Board"))
    departments = [model.row_at(r).department for r in range(model.rowCount())]
    assert departments == ["Legal", "IT", "IT", "Finance", "Board", None]


def test_a_new_row_goes_to_its_place_and_the_filter_applies_to_it(qtbot) -> None:
    model = sorted_model()
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("it")
    assert shown(proxy) == ["Łukasz Dvořák-Şahin", "Anna Zimmer"]
    with qtbot.waitSignal(model.rowsInserted):
        model.insert_row(person(6, "Dora", "Klein", department="IT"))
    model.insert_row(person(7, "Emil", "Braun", department="Sales"))  # filtered out
    assert shown(proxy) == ["Łukasz Dvořák-Şahin", "Dora Klein", "Anna Zimmer"]
    assert names(model)[:3] == ["Bea Adler", "Zoe Ähler", "Emil Braun"]
    # An edited row that no longer matches leaves the filtered list, and comes back.
    klein = model.row_at(model.position_of(6))
    model.replace_row(replace(klein, department="Legal"))
    assert shown(proxy) == ["Łukasz Dvořák-Şahin", "Anna Zimmer"]
    model.replace_row(klein)
    assert shown(proxy) == ["Łukasz Dvořák-Şahin", "Dora Klein", "Anna Zimmer"]
    # Sorting afterwards still sorts the changed rows with the others.
    proxy.sort(cols.NAME, DESC)
    assert shown(proxy) == ["Anna Zimmer", "Dora Klein", "Łukasz Dvořák-Şahin"]


def test_removed_rows_go_and_come_back_in_place() -> None:
    model = sorted_model()
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    gone = [model.row_at(model.position_of(3)), model.row_at(model.position_of(5))]
    assert model.remove_rows([3, 5, 42]) == 2
    assert names(model) == ["Bea Adler", "Zoe Ähler", "Anna Zimmer"]
    assert model.position_of(3) is None and proxy.rowCount() == 3
    model.upsert_rows(gone)  # undo
    assert names(model) == ["Bea Adler", "Zoe Ähler", "Łukasz Dvořák-Şahin", "Carl Meyer",
                            "Anna Zimmer"]  # fmt: skip


def test_selection_stays_on_rows_that_do_not_move_and_on_the_others(qtbot) -> None:
    """A row that moves is taken out and put in again (the table view selects it again, see
    test_changes_in_place.py); every other selected row stays selected."""
    model = sorted_model()
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    selection = QItemSelectionModel(proxy)
    for pid in (2, 4, 5):  # Anna Zimmer (last), Bea Adler (first), Carl Meyer
        row = proxy.mapFromSource(model.index(model.position_of(pid), 0)).row()
        selection.select(proxy.index(row, 0), SELECT_ROWS)

    def chosen() -> set[str]:
        return {proxy.index(i.row(), cols.NAME).data() for i in selection.selectedRows()}

    # Carl changes in place; Anna moves from the end to the front of the list.
    model.replace_row(replace(model.row_at(model.position_of(5)), position="Lead"))
    model.replace_row(replace(model.row_at(model.position_of(2)), last_name="Aalto"))
    assert names(model)[0] == "Anna Aalto"
    assert chosen() == {"Bea Adler", "Carl Meyer"}
    # Several rows changed at once are re-sorted in one step: the selection stays.
    model.upsert_rows(
        [replace(model.row_at(model.position_of(pid)), first_name=f"X{pid}") for pid in (1, 4, 5)]
    )
    assert chosen() == {"X4 Adler", "X5 Meyer"}


people_ids = st.integers(min_value=1, max_value=12)
last_names = st.sampled_from(["Adler", "ähler", "Zimmer", "Özil", "", "Meyer", "meyer"])
changes = st.lists(
    st.tuples(st.sampled_from(["upsert", "remove"]), people_ids, last_names), max_size=25
)


@settings(max_examples=60, deadline=None)
@given(
    changes=changes,
    column=st.sampled_from([cols.NAME, cols.DEPARTMENT, cols.CONSENT]),
    order=st.sampled_from([ASC, DESC]),
)
def test_any_mix_of_changes_leaves_the_rows_sorted_as_afresh(
    changes: list[tuple[str, int, str]], column: int, order: Qt.SortOrder
) -> None:
    model = ParticipantTableModel()
    model.set_rows([person(i, f"P{i}", f"L{i % 4}", department=f"D{i % 3}") for i in range(1, 7)])
    model.sort(column, order)
    expected = {p.id: p for p in model.rows()}
    for what, pid, last in changes:
        if what == "remove":
            model.remove_rows([pid])
            expected.pop(pid, None)
        else:
            row = person(
                pid, f"P{pid}", last or "X", department=last or None,
                consent_date=date(2026, 1, len(last) + 1) if last else None,
            )  # fmt: skip
            model.upsert_rows([row])
            expected[pid] = row
    assert {p.id: p for p in model.rows()} == expected
    keys = [model.columns[column].key(p) for p in model.rows()]
    filled = [k for k in keys if k != ""]
    assert keys == filled + [""] * (len(keys) - len(filled))  # blanks last
    assert filled == sorted(filled, reverse=order == DESC)
    assert [model.position_of(p.id) for p in model.rows()] == list(range(len(keys)))
    assert model.haystacks() == [model.haystack(p) for p in model.rows()]


def test_keys_computed_between_events_match_the_rows() -> None:
    model = sorted_model()
    for _ in model.key_steps(chunk=2):
        pass
    for column in range(model.columnCount()):
        assert model.keys_of(column) == [model.columns[column].key(p) for p in model.rows()]
    assert model.keys_of(cols.NAME)[0] == name_key("Adler", "Bea")
