"""Columns HR chooses and sizes: a right click on a table's header lists every column with a
check mark (the first column, which names the row, always stays) and "Reset columns";
dragging a column's edge sizes it. Both are remembered per table in the user's preferences
(`app.user_prefs`), by the column's English header, so they survive a language switch and a
column added in a later version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from app import user_prefs
from app.i18n import tr

if TYPE_CHECKING:
    from ui.models.generic import Column

PREFS_PREFIX = "columns."


class ColumnChooser:
    """Lets HR show, hide and size the columns of `table`, remembered under `key`.

    `hidden_by_default` lists the column numbers hidden until HR shows them; `refit` is
    called after columns were shown, hidden or reset, to size them anew. Widths the program
    sets itself go inside `with chooser.sizing():` so they are not taken for HR's."""

    def __init__(
        self,
        table: QTableView,
        columns: list[Column[Any]],
        key: str,
        hidden_by_default: tuple[int, ...] = (),
        refit: Callable[[], None] | None = None,
    ) -> None:
        self.table = table
        self.headers = [c.header for c in columns]
        self.key = PREFS_PREFIX + key
        self.hidden_by_default = hidden_by_default
        self.refit = refit or (lambda: None)
        self._programme = 0
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu_at)
        header.sectionResized.connect(self._resized)
        header.setToolTip(tr("Right-click to choose the columns; drag an edge to size one."))
        self.apply_hidden()

    def apply_hidden(self) -> None:
        """Hide the columns HR hid (again after the table got another model)."""
        hidden = self.hidden()
        with self.sizing():
            for column in range(len(self.headers)):
                self.table.setColumnHidden(column, column in hidden)

    # --- what is remembered --------------------------------------------------------------
    def _stored(self) -> dict[str, Any]:
        value = user_prefs.get(self.key)
        return dict(value) if isinstance(value, dict) else {}

    def hidden(self) -> set[int]:
        """The column numbers hidden (HR's choice, else the defaults)."""
        stored = self._stored().get("hidden")
        if not isinstance(stored, list):
            return set(self.hidden_by_default)
        return {self.headers.index(h) for h in stored if h in self.headers[1:]}

    def widths(self) -> dict[int, int]:
        """The widths HR gave columns by hand, by column number."""
        stored = self._stored().get("widths")
        if not isinstance(stored, dict):
            return {}
        return {
            self.headers.index(h): w
            for h, w in stored.items()
            if h in self.headers and isinstance(w, int) and w > 0
        }

    def _put(self, **values: Any) -> None:
        stored = self._stored()
        stored.update(values)
        user_prefs.put(self.key, stored)

    # --- widths --------------------------------------------------------------------------
    @contextmanager
    def sizing(self) -> Iterator[None]:
        """Widths set inside are the program's, not HR's (they are not remembered)."""
        self._programme += 1
        try:
            yield
        finally:
            self._programme -= 1

    def apply_widths(self) -> None:
        """Give the columns HR sized by hand their widths again."""
        header = self.table.horizontalHeader()
        with self.sizing():
            for column, width in self.widths().items():
                if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                    header.resizeSection(column, width)

    def _resized(self, column: int, _old: int, new: int) -> None:
        header = self.table.horizontalHeader()
        if self._programme or header.isSectionHidden(column) or new <= 0:
            return
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            return  # follows the window, not HR's hand
        if header.stretchLastSection() and column == self._last_shown():
            return
        widths = self._stored().get("widths")
        widths = dict(widths) if isinstance(widths, dict) else {}
        widths[self.headers[column]] = new
        self._put(widths=widths)

    def _last_shown(self) -> int:
        header = self.table.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        return max(shown, key=header.visualIndex) if shown else -1

    # --- the menu ------------------------------------------------------------------------
    def menu(self) -> QMenu:
        """The header's menu: one checkable entry per column, then "Reset columns"."""
        menu = QMenu(self.table)
        menu.setToolTipsVisible(True)
        header = self.table.horizontalHeader()
        for column in sorted(range(len(self.headers)), key=header.visualIndex):
            action = QAction(tr(self.headers[column]), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != 0)  # the column naming the row always stays
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(tr("Reset columns"))
        reset.setToolTip(tr("Show the usual columns, as wide as their contents"))
        reset.triggered.connect(lambda _checked=False: self.reset())
        return menu

    def _menu_at(self, position: QPoint) -> None:
        self.menu().popup(self.table.horizontalHeader().mapToGlobal(position))

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column (the first one always stays) and remember it."""
        if column == 0 or shown != self.table.isColumnHidden(column):
            return
        with self.sizing():
            self.table.setColumnHidden(column, not shown)
        hidden = [h for c, h in enumerate(self.headers) if self.table.isColumnHidden(c)]
        self._put(hidden=hidden)
        self.refit()

    def reset(self) -> None:
        """Forget HR's choice: the usual columns, sized to their contents."""
        user_prefs.put(self.key, None)
        with self.sizing():
            for column in range(len(self.headers)):
                self.table.setColumnHidden(column, column in self.hidden_by_default)
        self.refit()
