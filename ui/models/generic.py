"""A generic read-only table model over a list of dataclasses, described by column specs.

Each view declares its columns once (`Column(header, value, sort_key)`) instead of writing its
own QAbstractTableModel. Sorting happens here, in Python, over keys computed once per column:
QSortFilterProxyModel's own sort would call back into Python for every comparison, which takes
seconds on 20,000 rows. `RowFilterProxy` filters as you type over one precomputed lowercase
text per row and hands sorting on to this model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.i18n import tr
from ui.models.sortkeys import text_key

T = TypeVar("T")

_USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole, without building Qt's enums at import
SORT_ROLE = _USER_ROLE + 1
"""Data role giving a value that sorts right (a case-folded string, ISO date or number)."""
ROW_ROLE = _USER_ROLE + 2
"""Data role giving the row's dataclass itself."""

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header (an `N_()`-marked English text, translated when shown),
    the text shown for a row, and optionally a sort key (default: the shown text, folded)."""

    header: str
    value: Callable[[T], str]
    sort_key: Callable[[T], str | int | float] | None = None
    align_right: bool = False
    searchable: bool = True
    stretch: bool = False
    """This column takes the space left over (default: the last column of text)."""
    min_chars: int = 8
    """When the table is too narrow for all texts, the column still keeps this many
    characters (and its header); longer texts are elided and shown in full in a tooltip."""

    def key(self, row: T) -> str | int | float:
        """The sort key of a row in this column."""
        return self.sort_key(row) if self.sort_key else text_key(self.value(row))


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of dataclasses shown through a list of `Column`s."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column[T]] = list(columns)
        self._rows: list[T] = []
        self._haystacks: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.version = 0
        """Changes whenever rows or their order change (lets a proxy cache per-row results)."""

    # --- content -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row (resets the model), keeping the current sort order."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self._haystacks = [self.haystack(row) for row in self._rows]
        self.version += 1
        self.endResetModel()

    def rows(self) -> list[T]:
        """The rows in their current order."""
        return list(self._rows)

    def row_at(self, row: int) -> T:
        """The dataclass shown in a row."""
        return self._rows[row]

    def haystack(self, row: T) -> str:
        """The lowercase text that filtering searches for a row."""
        parts = [col.value(row) for col in self.columns if col.searchable]
        return "\n".join(p for p in parts if p).casefold()

    def haystacks(self) -> list[str]:
        """The search texts of all rows, in row order."""
        return self._haystacks

    # --- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.value(row)
        if role == SORT_ROLE:
            return column.key(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return tr(self.columns[section].header)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's sort key; ties keep their previous order."""
        if not 0 <= column < len(self.columns):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in old_persistent]
        order_ids = self._sorted_positions(self._rows, column, order)
        self._rows = [self._rows[i] for i in order_ids]
        self._haystacks = [self._haystacks[i] for i in order_ids]
        self.version += 1
        if old_persistent:
            position = {id(row): n for n, row in enumerate(self._rows)}
            new = [
                self.index(position[id(row)], old.column())
                for old, row in zip(old_persistent, old_rows, strict=True)
            ]
            self.changePersistentIndexList(old_persistent, new)
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order the rows are sorted by, if any."""
        return self._sort

    def _sorted_positions(self, rows: list[T], column: int, order: Qt.SortOrder) -> list[int]:
        spec = self.columns[column]
        keys = [spec.key(row) for row in rows]
        # Empty values go last in both directions, so blanks never crowd the top.
        filled = [i for i, k in enumerate(keys) if k != ""]
        blank = [i for i, k in enumerate(keys) if k == ""]
        filled.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return filled + blank

    def _sorted(self, rows: list[T], column: int, order: Qt.SortOrder) -> list[T]:
        if not 0 <= column < len(self.columns):
            return rows
        return [rows[i] for i in self._sorted_positions(rows, column, order)]


class RowFilterProxy(QSortFilterProxyModel):
    """Filters a `RowTableModel` as you type: every word typed must occur somewhere in the
    row's search text (case-insensitive). Sorting is passed on to the source model."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needles: tuple[str, ...] = ()
        self._rows_model: RowTableModel[Any] | None = None
        self._mask: list[bool] = []
        self._mask_key: tuple[int, tuple[str, ...]] | None = None

    def setSourceModel(self, model: Any) -> None:  # noqa: N802
        """Use a `RowTableModel` as the source (kept in Python for fast filtering)."""
        self._rows_model = model
        super().setSourceModel(model)

    def set_filter_text(self, text: str) -> None:
        """Show only rows containing every word of `text`."""
        needles = tuple(text.casefold().split())
        if needles == self._needles:
            return
        self.beginFilterChange()
        self._needles = needles
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filter_text(self) -> str:
        """The words currently filtered for."""
        return " ".join(self._needles)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if not self._needles or self._rows_model is None:
            return True
        key = (self._rows_model.version, self._needles)
        if key != self._mask_key:
            # One pass over all rows in Python, instead of per-row work on each callback.
            needles = self._needles
            self._mask = [all(n in hay for n in needles) for hay in self._rows_model.haystacks()]
            self._mask_key = key
        return self._mask[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source model (fast, in Python) instead of comparing through Qt."""
        if self._rows_model is not None:
            self._rows_model.sort(column, order)
