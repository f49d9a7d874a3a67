"""A generic read-only table model over a list of dataclasses, described by column specs.

Each view declares its columns once (`Column(header, value, sort_key)`) instead of writing its
own QAbstractTableModel. Sorting happens here, in Python, over keys computed once per column:
QSortFilterProxyModel's own sort would call back into Python for every comparison, which takes
seconds on 20,000 rows. `RowFilterProxy` filters as you type over one precomputed lowercase
text per row and hands sorting on to this model.

A big list is prepared ahead (`start_preparing`, `prepare` in slices, then `set_prepared`:
see ui/models/loading.py), and the sort keys of a column are kept once computed. A change
made in the window updates only the rows it touched (`replace_row`, `insert_row`,
`remove_rows`, `upsert_rows`): the row goes where the current sort puts it and the filters
are applied to it; no reload, no re-sort of everything.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
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
# Qt's roles and alignment as plain numbers: data() is asked ~2,000 times per repaint.
_DISPLAY, _TOOLTIP, _ALIGNMENT = 0, 3, 7
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, SORT_ROLE, ROW_ROLE})
_RIGHT_VCENTER = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | AlignVCenter

_Index = QModelIndex | QPersistentModelIndex
FEW_ROWS = 3000
"""Up to this many rows shown, narrowing a filter removes rows one range at a time."""


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


@dataclass
class PreparedRows(Generic[T]):
    """Rows with their search texts and the sort keys of some columns, computed ahead (in
    slices, for a big list) so that showing them takes no time."""

    rows: list[T] = field(default_factory=list)
    haystacks: list[str] = field(default_factory=list)
    keys: dict[int, list[Any]] = field(default_factory=dict)
    sorted_by: tuple[int, Qt.SortOrder] | None = None
    """The order the lists are in already (`RowTableModel.sort_prepared`)."""


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of dataclasses shown through a list of `Column`s."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column[T]] = list(columns)
        self._rows: list[T] = []
        self._haystacks: list[str] = []
        self._keys: dict[int, list[Any]] = {}  # column -> sort key of each row, in row order
        self._ids: list[Any] = []  # the id of each row, in row order
        self._positions: dict[Any, int] = {}  # row id -> row, for many look-ups at once
        self._positions_version = -1
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sorted_version = -1
        self._key_filler: Any = None  # a `Slices` working out sort keys between events
        self.version = 0
        """Changes whenever rows or their order change (lets a proxy cache per-row results)."""

    # --- content -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row (resets the model), keeping the current sort order."""
        self.set_prepared(self.prepare(rows, self.start_preparing()))

    def start_preparing(self) -> PreparedRows[T]:
        """An empty batch for a new set of rows, with room for the keys of the sort column
        (a subclass resets what its columns depend on here, e.g. today's date)."""
        sort = self._sort
        columns = [sort[0]] if sort is not None and 0 <= sort[0] < len(self.columns) else []
        return PreparedRows(keys={column: [] for column in columns})

    def prepare(self, rows: Sequence[T], into: PreparedRows[T]) -> PreparedRows[T]:
        """Add rows to a batch with their search texts and sort keys (touches no view)."""
        into.rows.extend(rows)
        into.haystacks.extend([self.haystack(row) for row in rows])
        for column, keys in into.keys.items():
            key = self.columns[column].key
            keys.extend([key(row) for row in rows])
        return into

    def sort_prepared(self, prepared: PreparedRows[T]) -> None:
        """Put a prepared batch into the current sort order (touches no view: a loader does
        this in a step of its own before showing the batch)."""
        sort = self._sort
        if sort is None or not 0 <= sort[0] < len(self.columns) or prepared.sorted_by == sort:
            return
        count = len(prepared.rows)
        keys = prepared.keys.get(sort[0])
        if keys is None or len(keys) != count:
            key = self.columns[sort[0]].key
            keys = prepared.keys[sort[0]] = [key(row) for row in prepared.rows]
        order = _sorted_order(keys, sort[1])
        if count > 1:
            pick = itemgetter(*order)
            prepared.rows = list(pick(prepared.rows))
            prepared.haystacks = list(pick(prepared.haystacks))
            prepared.keys = {c: list(pick(k)) for c, k in prepared.keys.items() if len(k) == count}
        prepared.sorted_by = sort

    def set_prepared(self, prepared: PreparedRows[T]) -> list[list[Any]]:
        """Show a prepared batch instead of the rows shown (resets the model), sorted by
        the current sort order. Returns the lists that held the rows shown before (freeing
        20,000 rows takes a while: a loader lets them go a part at a time)."""
        self.sort_prepared(prepared)
        replaced = self._lists()
        self.beginResetModel()
        self._rows = prepared.rows
        self._haystacks = prepared.haystacks
        self._ids = _ids_of(self._rows)
        count = len(self._rows)
        self._keys = {c: k for c, k in prepared.keys.items() if len(k) == count}
        self.version += 1
        self.endResetModel()
        return replaced

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

    def position_of(self, row_id: Any) -> int | None:
        """The row showing the dataclass with this `id`, if any."""
        if self._positions_version == self.version:
            return self._positions.get(row_id)
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def _position_map(self) -> dict[Any, int]:
        """Row id -> row, for looking up many rows at once."""
        if self._positions_version != self.version:
            self._positions = dict(zip(self._ids, range(len(self._ids)), strict=True))
            self._positions_version = self.version
        return self._positions

    # --- sort keys -----------------------------------------------------------------------
    def keys_of(self, column: int) -> list[Any]:
        """The sort keys of every row in a column (computed once, then kept)."""
        keys = self._keys.get(column)
        if keys is None or len(keys) != len(self._rows):
            key = self.columns[column].key
            keys = [key(row) for row in self._rows]
            self._keys[column] = keys
        return keys

    def key_steps(self, chunk: int = 500) -> Iterator[None]:
        """Compute the sort keys of the columns that have none kept yet, a chunk at a time
        (a loader runs these between events, so the first click on a header is quick). Work
        on a column starts over when the rows change meanwhile."""
        for column in range(len(self.columns)):
            while column not in self._keys:
                version, rows, key = self.version, list(self._rows), self.columns[column].key
                keys: list[Any] = []
                for start in range(0, len(rows), chunk):
                    keys.extend([key(row) for row in rows[start : start + chunk]])
                    yield
                    if self.version != version:
                        break
                else:
                    if self.version == version and column not in self._keys:
                        self._keys[column] = keys

    # --- changes of single rows -----------------------------------------------------------
    def replace_row(self, row: T) -> bool:
        """Show the new state of a row (found by its `id`) where the current sort puts it
        (taken out and inserted again when it moves); False when the row is not shown."""
        position = self.position_of(getattr(row, "id", None))
        if position is None:
            return False
        self._rows[position] = row
        self._haystacks[position] = self.haystack(row)
        for column, keys in self._keys.items():
            keys[position] = self.columns[column].key(row)
        target = position if self._in_order(position) else self._target(position)
        if target == position:
            self.version += 1
            self.dataChanged.emit(self.index(position, 0), self.index(position, self._last()))
            return True
        # Taken out and put in again where it belongs. (A "move" would be the same to the
        # eye, but a filter proxy then maps every row again: 20,000 calls into Python.)
        # A view keeps its selection on the row with `TableView.show_changes`.
        self.beginRemoveRows(QModelIndex(), position, position)
        values = [column.pop(position) for column in self._lists()]
        self.version += 1
        self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), target, target)
        for column, value in zip(self._lists(), values, strict=True):
            column.insert(target, value)
        self.version += 1
        self.endInsertRows()
        return True

    def _last(self) -> int:
        return len(self.columns) - 1

    def insert_row(self, row: T) -> int:
        """Add a row where the current sort puts it (at the end when unsorted); returns its
        position."""
        keys = {column: self.columns[column].key(row) for column in self._keys}
        haystack = self.haystack(row)
        target = len(self._rows)
        if self._sort is not None and self._sort[0] in keys:
            target = self._insertion_point(self._keys[self._sort[0]], keys[self._sort[0]])
        self.beginInsertRows(QModelIndex(), target, target)
        self._rows.insert(target, row)
        self._ids.insert(target, getattr(row, "id", None))
        self._haystacks.insert(target, haystack)
        for column, values in self._keys.items():
            values.insert(target, keys[column])
        self.version += 1
        self.endInsertRows()
        return target

    def remove_rows(self, row_ids: Iterable[Any]) -> int:
        """Remove the rows with these ids (those shown); returns how many went."""
        row_ids = list(row_ids)
        if not row_ids:
            return 0
        at = self._position_map().get if len(row_ids) > 1 else self.position_of
        positions = sorted({p for p in map(at, row_ids) if p is not None}, reverse=True)
        for position in positions:
            self.beginRemoveRows(QModelIndex(), position, position)
            for values in self._lists():
                del values[position]
            self.version += 1
            self.endRemoveRows()
        return len(positions)

    def upsert_rows(self, rows: Iterable[T]) -> None:
        """Show the new state of these rows: replace those shown, add the others. Many rows
        at once are put in place with one re-sort."""
        rows = list(rows)
        if not rows:
            return
        if len(rows) > 1 and all(getattr(r, "id", None) in self._position_map() for r in rows):
            self._replace_many(rows)
            return
        for row in rows:
            if not self.replace_row(row):
                self.insert_row(row)

    def _replace_many(self, rows: list[T]) -> None:
        at = self._position_map()
        positions = [at.get(getattr(row, "id", None)) for row in rows]
        for position, row in zip(positions, rows, strict=True):
            assert position is not None
            self._rows[position] = row
            self._haystacks[position] = self.haystack(row)
            for column, keys in self._keys.items():
                keys[position] = self.columns[column].key(row)
        if all(self._in_order(p) for p in positions if p is not None):
            # Nobody moves (a manager and those reporting to them, edited): only these
            # rows are repainted and filtered again. A layout change would make a filter
            # proxy map all 20,000 rows again (~100 ms).
            self.version += 1
            for position in sorted(p for p in positions if p is not None):
                self.dataChanged.emit(self.index(position, 0), self.index(position, self._last()))
            return
        # The rows' places are as before until the layout change is announced.
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        order = list(range(len(self._rows)))
        if self._sort is not None and 0 <= self._sort[0] < len(self.columns):
            order = self._sorted_positions(*self._sort)
            self._permute(order)
        self.version += 1
        self._move_persistent(old_persistent, order)
        self.layoutChanged.emit()  # repaints every row and filters them again

    def _lists(self) -> list[list[Any]]:
        """Every list kept in row order."""
        return [self._rows, self._ids, self._haystacks, *self._keys.values()]

    def _in_order(self, position: int) -> bool:
        """True when the row at `position` is where the current sort wants it."""
        if self._sort is None or not 0 <= self._sort[0] < len(self.columns):
            return True
        keys = self.keys_of(self._sort[0])
        descending = self._sort[1] == Qt.SortOrder.DescendingOrder

        def before(a: Any, b: Any) -> bool:  # a may stand before b
            if b == "":
                return True
            if a == "":
                return False
            return a >= b if descending else a <= b

        here = keys[position]
        after_previous = position == 0 or before(keys[position - 1], here)
        before_next = position == len(keys) - 1 or before(here, keys[position + 1])
        return after_previous and before_next

    def _target(self, position: int) -> int:
        """Where the row at `position` belongs (counted without it)."""
        assert self._sort is not None
        keys = self.keys_of(self._sort[0])
        rest = keys[:position] + keys[position + 1 :]
        return self._insertion_point(rest, keys[position])

    def _insertion_point(self, keys: list[Any], key: Any) -> int:
        """Where a key goes in sorted keys: after its equals, blanks last."""
        assert self._sort is not None
        filled = len(keys)
        while filled and keys[filled - 1] == "":
            filled -= 1
        if key == "":
            return len(keys)
        if self._sort[1] != Qt.SortOrder.DescendingOrder:
            return bisect_right(keys, key, 0, filled)
        low, high = 0, filled  # descending: the first key smaller than `key`
        while low < high:
            middle = (low + high) // 2
            if keys[middle] < key:
                high = middle
            else:
                low = middle + 1
        return low

    # --- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == _DISPLAY or role == _TOOLTIP:
            return column.value(row)
        if role == SORT_ROLE:
            return column.key(row)
        if role == ROW_ROLE:
            return row
        if column.align_right:  # the alignment role
            return _RIGHT_VCENTER
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
        if self._sort == (column, order) and self._sorted_version == self.version:
            return  # sorted so already (a view asks twice for one click)
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        order_ids = self._sorted_positions(column, order)
        self._permute(order_ids)
        self.version += 1
        self._sorted_version = self.version
        self._move_persistent(old_persistent, order_ids)
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order the rows are sorted by, if any."""
        return self._sort

    def _sorted_positions(self, column: int, order: Qt.SortOrder) -> list[int]:
        """The old positions of the rows in sorted order."""
        return _sorted_order(self.keys_of(column), order)

    def _permute(self, order: list[int]) -> None:
        """Put the lists kept in row order into `order` (old positions). Of the sort keys
        only the sort column's are kept: re-ordering a dozen lists of 20,000 keys took
        longer than the sort itself. The others are worked out again between events
        (`_fill_keys_later`), or when a click sorts by their column before that."""
        if len(order) < 2:
            return
        pick = itemgetter(*order)
        self._rows = list(pick(self._rows))
        self._ids = list(pick(self._ids))
        self._haystacks = list(pick(self._haystacks))
        sort_column = self._sort[0] if self._sort is not None else None
        dropped = len(self._keys) > 1
        self._keys = {
            column: list(pick(keys)) for column, keys in self._keys.items() if column == sort_column
        }
        if dropped:
            self._fill_keys_later()

    def _fill_keys_later(self) -> None:
        """Work out the sort keys of the other columns between events (see `key_steps`)."""
        from ui.models.loading import Slices  # (loading imports this module)

        if self._key_filler is None:
            self._key_filler = Slices(self)
        if not self._key_filler.busy():
            self._key_filler.run(self.key_steps(500))

    def _move_persistent(self, old: list[QModelIndex], order: list[int]) -> None:
        """Keep selections and the current row on their rows after a re-order."""
        if not old:
            return
        moved_to = [0] * len(order)
        for new, previous in enumerate(order):
            moved_to[previous] = new
        new_indexes = [self.index(moved_to[i.row()], i.column()) for i in old]
        self.changePersistentIndexList(old, new_indexes)


def _sorted_order(keys: list[Any], order: Qt.SortOrder) -> list[int]:
    """The positions of `keys` in sorted order; ties keep their order, and empty values go
    last in both directions, so blanks never crowd the top."""
    filled = [i for i, k in enumerate(keys) if k != ""]
    blank = [i for i, k in enumerate(keys) if k == ""]
    filled.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
    return filled + blank


def _ids_of(rows: list[Any]) -> list[Any]:
    """The `id` of each row (None for a row without one)."""
    try:
        return list(map(attrgetter("id"), rows))
    except AttributeError:
        return [getattr(row, "id", None) for row in rows]


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
        narrower = bool(self._needles) and all(
            any(old in new for new in needles) for old in self._needles
        )

        def change() -> None:
            self._needles = needles

        self.change_filter(change, narrower=narrower)

    def change_filter(self, change: Callable[[], object], *, narrower: bool = False) -> None:
        """Apply a change of what is filtered for (`change()` sets it). Typing on within a
        few thousand rows removes the rows that no longer match; anything else filters all
        rows again in one step (many single removals and insertions are slow in Qt)."""
        if narrower and self.rowCount() <= FEW_ROWS:
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidate()

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
