"""Base classes for the views in the main window's navigation.

A view is a QWidget built with the `AppContext`. It loads its data lazily: when the file
changes while the view is hidden it only remembers that it is stale, and reloads when shown.
Subclasses implement `reload()` (read through services, show) and `clear()`.

A table view whose list can be long reads it in pages (`load_pages`) and fills its table in
slices between events (ui/models/loading.py), so a file with 20,000 people never freezes
the window. A change made in the view itself is shown in place (`show_changes`: the rows a
service returned) instead of reloading everything; the other views are told as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QFocusEvent, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import format_number, tr
from ui.context import ALL, AppContext
from ui.models.generic import Column, RowFilterProxy, RowTableModel
from ui.models.loading import PAGE_SIZE, RowLoader
from ui.views.columns import ColumnChooser

if TYPE_CHECKING:
    from sqlite_utils import Database


CHANGES_IN_PLACE = 1000
"""Up to this many changed rows are updated in place; more are read again (in slices)."""


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as HTML (names may contain '<' or '&')."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A view's title: plain text, larger and bold, scaled from the system font."""
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


ENTRY_CHARS = 44
"""How many characters of a round's (or tandem's) name a filter box shows before eliding."""


def fit_to_entries(combo: QComboBox, cap_chars: int = ENTRY_CHARS) -> None:
    """Make a choice box as wide as its longest entry (a round's name is never cut), up to
    `cap_chars` characters; each entry's full text is its tooltip."""
    metrics = combo.fontMetrics()
    widest = max(
        (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0
    )
    cap = metrics.averageCharWidth() * cap_chars
    for i in range(combo.count()):
        combo.setItemData(i, combo.itemText(i), Qt.ItemDataRole.ToolTipRole)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumContentsLength(0)
    arrow = metrics.averageCharWidth() * 7  # the drop-down arrow and the frame
    combo.setMinimumWidth(min(widest, cap) + arrow)
    combo.setMaximumWidth(cap + arrow)
    combo.view().setMinimumWidth(widest + arrow)


def window_action(
    owner: QWidget,
    text: str,
    shortcut: QKeySequence,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    """An action on `owner` whose shortcut works anywhere in the window (e.g. Ctrl+N), or
    only within `owner` and its children with WidgetWithChildrenShortcut."""
    action = QAction(text, owner)
    action.setShortcut(shortcut)
    action.setShortcutContext(context)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


def table_action(
    table: QTableView, text: str, keys: Sequence[QKeySequence], slot: Callable[[], object]
) -> QAction:
    """An action whose shortcuts work only while `table` has the focus (Enter, Del)."""
    action = QAction(text, table)
    action.setShortcuts(list(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    table.addAction(action)
    return action


def enter_keys() -> list[QKeySequence]:
    """The keys that open the selected row for editing."""
    return [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]


def delete_keys() -> list[QKeySequence]:
    """The keys that delete the selected row (built once the application exists)."""
    return [QKeySequence(QKeySequence.StandardKey.Delete)]


_KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


class View(QWidget):
    """A page of the main window. `areas` lists the `data_changed` areas it shows."""

    areas: tuple[str, ...] = (ALL,)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self._shows: int | None = None  # the context generation whose data is shown
        self._shown_changes: list[str] = []  # areas of changes shown already (no reload)
        context.database_opened.connect(self._on_opened)
        context.database_closed.connect(self._on_closed)
        context.data_changed.connect(self._on_changed)

    # --- to implement --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the data from `self.context.db` and show it."""
        raise NotImplementedError

    def clear(self) -> None:
        """Show nothing (no file is open)."""

    def focus_search(self) -> bool:
        """Put the keyboard focus into the view's search field; False if it has none."""
        return False

    def loading(self) -> bool:
        """True while the view still reads its data (the window stays usable meanwhile)."""
        return False

    def settled(self) -> bool:
        """True once the view shows its data whole: read, sized, counted and selected."""
        return not self.loading()

    # --- lazy reloading ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload now if visible, otherwise when next shown."""
        if self.isVisible():
            self._load_now()
        else:
            self._stale = True

    def ensure_loaded(self) -> None:
        """Reload if the data changed since the view last showed it."""
        if self._stale or self._shows != self.context.generation:
            self._load_now()

    def _load_now(self) -> None:
        self._stale = False
        self._shows = self.context.generation
        try:
            if self.context.db is None:
                self.clear()
            else:
                self.reload()
        except BaseException:
            self._stale = True  # reading failed (e.g. the file was busy): try again next time
            raise

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.ensure_loaded()
        super().showEvent(event)

    def _on_opened(self) -> None:
        self._shown_changes.clear()
        if self._shows != self.context.generation:
            self.refresh()

    def _on_closed(self) -> None:
        self._shown_changes.clear()
        self.clear()
        self._shows = self.context.generation

    def _on_changed(self, area: str) -> None:
        if area in self._shown_changes:  # this view showed the change already
            self._shown_changes.remove(area)
            return
        if area == ALL or ALL in self.areas or area in self.areas:
            self.refresh()

    def change_shown(self, area: str) -> None:
        """This view shows a change of `area` already: the next announcement of a change of
        `area` (by `context.notify_changed`, e.g. from an undo command) does not reload it."""
        self._shown_changes.append(area)


class TableView(View):
    """A view showing rows of dataclasses in a sortable, filterable table.

    Subclasses set `title`, `columns()`, `load(db)`, `count_text()`, and may override
    `make_model()` for a specialised model.
    """

    title: str = ""
    """N_()-marked heading."""
    search_placeholder: str = ""
    """N_()-marked placeholder of the search field ('' hides the field)."""
    empty_hint: str = ""
    """N_()-marked short text shown when the file holds no rows of this kind."""
    default_sort: tuple[int, Qt.SortOrder] | None = None
    column_prefs: str = ""
    """A key under which HR's choice and widths of columns are remembered ('' for none)."""
    hidden_columns: tuple[int, ...] = ()
    """With `column_prefs`: the columns hidden until HR shows them."""
    page_size: int = PAGE_SIZE
    """Rows per page of `load_pages`; a list of more is read in slices between events."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.select_after_reload: int | None = None
        """The id to select at the next reload_and_reselect() (set after a save)."""
        self.model = self.make_model()
        self.loader = RowLoader(self.model, self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.heading = heading_label(tr(self.title), self)
        self.count_label = plain_label("", self)
        self.count_label.setAccessibleName(tr("Number of rows shown"))
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr(self.search_placeholder))
        self.search.setAccessibleName(tr("Search"))
        self.search.textChanged.connect(self._on_search)
        self.search.setVisible(bool(self.search_placeholder))

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(tr(self.title))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(
            self.table.fontMetrics().height() + self.table.fontMetrics().height() // 2
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        if self.default_sort is not None:
            header.setSortIndicator(*self.default_sort)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.column_chooser: ColumnChooser | None = None
        if self.column_prefs:
            self.column_chooser = ColumnChooser(
                self.table, self.model.columns, self.column_prefs, self.hidden_columns,
                refit=self._refit_columns,
            )  # fmt: skip

        self.hint = plain_label("", self)
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        # An empty view's hint takes the room the table leaves, not the heading's row (which
        # would otherwise grow and push the heading and its buttons down the page).
        self.hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.table)
        self.table.installEventFilter(self)
        self._sized = False
        self._finishing = False

    def add_edit_actions(
        self,
        new: tuple[str, str, QKeySequence, Callable[[], object]],
        edit_tip: str,
        delete_tip: str,
    ) -> None:
        """New/Edit/Delete buttons after the heading, plus their keys: `new` = (text,
        tooltip, window shortcut, slot); Enter, double-click and Del act on the selected row
        through `edit_selected()` and `delete_selected()`."""
        new_text, new_tip, new_shortcut, new_slot = new
        self.new_button = QPushButton(new_text, self)
        self.new_button.setToolTip(new_tip)
        self.edit_button = QPushButton(tr("Edit…"), self)
        self.edit_button.setToolTip(edit_tip)
        self.delete_button = QPushButton(tr("Delete…"), self)
        self.delete_button.setToolTip(delete_tip)
        self.new_button.clicked.connect(lambda _checked=False: new_slot())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_selected())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_selected())
        top = self.layout().itemAt(0).layout()
        for position, button in enumerate(
            (self.new_button, self.edit_button, self.delete_button), start=1
        ):
            top.insertWidget(position, button)  # type: ignore[attr-defined]
        top.insertSpacing(1, self.fontMetrics().averageCharWidth() * 3)  # type: ignore[attr-defined]

        self.action_new = window_action(self, new_text, new_shortcut, new_slot)
        self.action_edit = table_action(self.table, tr("Edit…"), enter_keys(), self.edit_selected)
        self.action_delete = table_action(
            self.table, tr("Delete…"), delete_keys(), self.delete_selected
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Tabbing into the table (or jumping to it by a key) with no row selected selects
        the first one, so Enter, Del and the view's keys act at once, as in every view."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in _KEYBOARD_FOCUS
            and not self.table.selectionModel().hasSelection()
            and self.proxy.rowCount()
        ):
            current = self.current_row()
            self.select_or_first(current.id if current is not None else None)
        return super().eventFilter(watched, event)

    def edit_selected(self) -> None:
        """Open the selected row for editing (views with `add_edit_actions` implement it)."""
        raise NotImplementedError

    def delete_selected(self) -> None:
        """Delete the selected row after asking (views with `add_edit_actions` implement it)."""
        raise NotImplementedError

    # --- to implement --------------------------------------------------------------------
    def columns(self) -> Sequence[Column[Any]]:
        """The table's columns."""
        raise NotImplementedError

    def load(self, db: Database) -> Sequence[Any]:
        """Read the rows through services."""
        raise NotImplementedError

    def load_pages(self, db: Database) -> Iterable[Sequence[Any]] | None:
        """For a list that can be long: the rows in pages of `page_size`, each read when
        asked for (None: `load()` reads them in one go)."""
        del db
        return None

    def keep_row(self) -> Callable[[Any], bool] | None:
        """A test that the rows of `load_pages` must pass to be shown (None: all are)."""
        return None

    def count_text(self, shown: int, total: int) -> str:
        """The text of the count label, e.g. '12 of 120 participants'."""
        return tr("{shown} of {total}", shown=format_number(shown), total=format_number(total))

    def make_model(self) -> RowTableModel[Any]:
        """The source model (override to use a specialised one)."""
        return RowTableModel(self.columns(), self)

    # --- behaviour -----------------------------------------------------------------------
    def reload(self) -> None:
        self.fill_table()

    def fill_table(self, then: Callable[[], object] | None = None) -> None:
        """Read the rows (`load_pages`, else `load`) and show them, then call `then()` (a
        generator's steps run between events on a long list). A list that fits in one page
        is shown before this returns; a longer one is read in slices between events
        (`loading()` meanwhile, and the count says so)."""
        db = self.context.db
        assert db is not None
        pages = self.load_pages(db)

        def shown() -> Iterator[None]:
            self._finishing = True  # not `settled()` until the view has done its part too
            try:
                if not self._sized and self.model.rowCount() > 0:
                    self._fit_columns()
                    yield
                self._update_count()
                if then is not None:
                    more = then()
                    if isinstance(more, Iterator):
                        yield from more
            finally:
                self._finishing = False

        if pages is None:
            self.loader.load([self.load(db)], shown, page_size=0)
        else:
            self.loader.load(pages, shown, self.page_size, self.keep_row())
        if self.loader.loading():
            self._update_count()

    def loading(self) -> bool:
        return self.loader.loading()

    def settled(self) -> bool:
        return not self.loading() and not self._finishing

    def reload_and_reselect(self, column: int = 0) -> None:
        """Reload, then select the row asked for in `select_after_reload` (after a save),
        else the row that was current, else the first row."""
        wanted = self.select_after_reload
        if wanted is None:
            current = self.current_row()
            wanted = current.id if current else None

        def reselect() -> None:
            self.select_after_reload = None
            self.select_or_first(wanted, column)

        self.fill_table(reselect)

    def clear(self) -> None:
        self.loader.clear()
        self._update_count()

    def use_proxy(self, proxy: RowFilterProxy) -> None:
        """Show the rows through `proxy` (a view with filters of its own) instead of the
        plain one made here, which lets go of the model: left attached, it went on mapping
        every row again on each sort and change, unseen (~50 ms on 20,000 rows)."""
        plain, self.proxy = self.proxy, proxy
        proxy.setSourceModel(self.model)
        self.table.setModel(proxy)
        plain.setSourceModel(None)
        plain.deleteLater()

    def show_changes(
        self, area: str, changed: Iterable[Any] = (), removed: Iterable[Any] = ()
    ) -> bool:
        """Show rows a service returned after a change of `area`, in place instead of
        reloading: `changed` rows are replaced (or added), rows with an id in `removed`
        go. The next announcement of the change then does not reload this view. False
        (nothing done, so the announcement reloads) while the rows are still loading, and
        for changes of more than `CHANGES_IN_PLACE` rows (a reload in slices is quicker)."""
        changed, removed = list(changed), list(removed)
        if (
            self.loading()
            or self.context.db is None
            or len(changed) + len(removed) > CHANGES_IN_PLACE
        ):
            return False
        wanted = {row.id for row in changed if self._is_selected(row.id)}
        current = self.table.currentIndex()
        current_id = self.current_row().id if current.isValid() else None
        self.model.remove_rows(removed)
        self.model.upsert_rows(changed)
        # A row that moved was taken out and put in again: keep it selected and current.
        for row in changed:
            if row.id in wanted:
                self._mark(row.id, current.column(), select=True, make_current=False)
        if current_id is not None and current_id not in set(removed):
            now = self.current_row()
            if now is None or now.id != current_id:
                self._mark(current_id, current.column(), select=False, make_current=True)
        self._update_count()
        self.change_shown(area)
        return True

    def _is_selected(self, row_id: Any) -> bool:
        source = self.model.position_of(row_id)
        if source is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source, 0))
        return index.isValid() and self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        )

    def _mark(self, row_id: Any, column: int, *, select: bool, make_current: bool) -> None:
        """Add the row of `row_id` to the selection and/or make it current, leaving the
        rest of the selection as it is."""
        source = self.model.position_of(row_id)
        if source is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source, max(column, 0)))
        if not index.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag
        selection = self.table.selectionModel()
        if select and not selection.isRowSelected(index.row(), QModelIndex()):
            selection.select(index, flags.Select | flags.Rows)
        if make_current:
            selection.setCurrentIndex(index, flags.NoUpdate)

    # --- selection -----------------------------------------------------------------------
    def current_row(self) -> Any | None:
        """The dataclass in the table's current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def selected_row(self) -> Any | None:
        """The dataclass in the current row when that row is also selected (a user may
        have unselected it with Ctrl+click)."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select_row_of(self, row_id: int, column: int = 0) -> bool:
        """Make the row whose dataclass has the id `row_id` current (in `column`), selected
        and scrolled into view; False when it is not shown."""
        source = self.model.position_of(row_id)
        if source is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source, column))
        if not index.isValid():  # filtered out
            return False
        self._make_current(index)
        self.table.scrollTo(index)
        return True

    def _make_current(self, index: QModelIndex) -> None:
        """Make `index` current and its row the one selected, whatever keys are held (the
        table's own commands would toggle the row off while Ctrl is down, as after Ctrl+2)."""
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    def select_or_first(self, row_id: int | None, column: int = 0) -> None:
        """Select the row of `row_id`, or the first row when that one is not shown."""
        if row_id is not None and self.select_row_of(row_id, column):
            return
        if self.proxy.rowCount():
            self._make_current(self.proxy.index(0, column))

    def focus_search(self) -> bool:
        if not self.search.isVisible():
            return False
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

    def _on_search(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def is_empty(self) -> bool:
        """True when the file holds no rows for this table (not while they still load)."""
        return self.model.rowCount() == 0 and not self.loading()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if self.loading():
            self.count_label.setText(tr("Loading…"))
        else:
            self.count_label.setText(self.count_text(shown, total) if total else "")
        empty = self.is_empty()
        self.hint.setText(tr(self.empty_hint) if empty else "")
        self.hint.setVisible(empty and bool(self.empty_hint))
        self.table.setVisible(not empty)
        self.search.setVisible(bool(self.search_placeholder) and not empty)

    def _refit_columns(self) -> None:
        """Size the columns anew (after HR showed or hid one)."""
        if self.model.rowCount() > 0:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Size columns to their contents (sampling the first rows, so it stays fast) and
        never narrower than their header. When everything does not fit, the widest columns
        are capped to the same width so that all columns stay in view; longer texts are
        elided and shown in full in their tooltip. Space left over goes to the last column
        of text, which also grows and shrinks with the window. Columns HR sized by hand keep
        their width; hidden columns take none."""
        chooser = self.column_chooser
        if chooser is None:
            self._fit_shown_columns()
            return
        with chooser.sizing():
            self._fit_shown_columns()
        chooser.apply_widths()

    def _fit_shown_columns(self) -> None:
        self._sized = True
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        sample = min(self.model.rowCount(), 200)
        columns = self.model.columns
        natural, floor = [], []
        for col, spec in enumerate(columns):
            if header.isSectionHidden(col):
                natural.append(0)
                floor.append(0)
                continue
            head = max(header.sectionSizeHint(col), metrics.horizontalAdvance(
                str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            ) + char * 5)  # fmt: skip
            width = head
            # The texts as shown (a column's value), each distinct one measured once.
            for text in {spec.value(self.model.row_at(row)) for row in range(sample)}:
                width = max(width, metrics.horizontalAdvance(text) + char * 2)
            natural.append(min(width, char * 60))
            floor.append(max(head, min(natural[-1], char * spec.min_chars)))
        available = self.table.viewport().width() or self.width()
        widths = _water_fill(natural, floor, available)
        shown = [c for c in range(len(columns)) if not header.isSectionHidden(c)]
        marked = [c for c in shown if columns[c].stretch]
        texts = [c for c in shown if not columns[c].align_right]
        stretch = (marked or texts or shown or [len(columns) - 1])[-1]
        header.setStretchLastSection(False)
        for col, width in enumerate(widths):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            if width:
                header.resizeSection(col, width)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _water_fill(natural: list[int], floor: list[int], available: int) -> list[int]:
    """Widths that fit `available` by capping the widest columns at one common width,
    never below each column's floor (then the table scrolls sideways)."""
    if sum(natural) <= available:
        return natural
    low, high = 0, max(natural)
    while low < high:  # the largest cap with which everything fits
        cap = (low + high + 1) // 2
        if sum(max(min(n, cap), f) for n, f in zip(natural, floor, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    return [max(min(n, low), f) for n, f in zip(natural, floor, strict=True)]
