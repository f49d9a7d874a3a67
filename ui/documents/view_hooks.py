"""Where documents meet the views: a button for the selected row's document, the same
command under Ctrl+P while the view is shown, and the view's document commands in the
table's context menu. One call in a view:

    attach_document_action(self, tr("Certificates…"), tip, self.print_certificates,
                           after=self.delete_button)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLayout, QMenu, QPushButton, QWidget

from app.i18n import tr
from ui.views.base import window_action

if TYPE_CHECKING:
    from ui.views.base import TableView

PRINT_KEYS = QKeySequence.StandardKey.Print
"""Ctrl+P in a view: the selected row's main document."""

log = logging.getLogger(__name__)
_warming = threading.Event()


def warm_up_documents() -> None:
    """Load Qt's PDF and printing libraries, import ReportLab, register the fonts and read
    the catalogues on a background thread, once, when the first view with documents is
    built: the first preview then appears as fast as the next ones (0.6-0.8 s cold, under
    0.35 s warm). A daemon thread, so quitting never waits for it."""
    if _warming.is_set():
        return
    _warming.set()

    def run() -> None:
        try:
            import PySide6.QtPdf  # noqa: F401 - loading the libraries is the point
            import PySide6.QtPdfWidgets  # noqa: F401
            import PySide6.QtPrintSupport  # noqa: F401

            from app.documents import warm_up

            warm_up()
        except Exception:  # noqa: BLE001 - the first document will simply be slower
            log.warning("Preparing the documents in the background failed.")

    threading.Thread(target=run, name="documents-warm-up", daemon=True).start()


def _layout_holding(layout: QLayout | None, widget: QWidget) -> tuple[QLayout, int] | None:
    """The layout (searched through nested layouts) that holds `widget`, and its index."""
    if layout is None:
        return None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            return layout, index
        found = _layout_holding(item.layout(), widget)
        if found is not None:
            return found
    return None


def _place(view: QWidget, button: QWidget, after: QWidget | None) -> None:
    found = _layout_holding(view.layout(), after) if after is not None else None
    if found is None:
        view.layout().addWidget(button)
        return
    layout, index = found
    layout.insertWidget(index + 1, button)  # type: ignore[attr-defined]


def _show_context_menu(view: TableView, position: QPoint) -> None:
    actions = getattr(view, "document_actions", [])
    if not actions or not view.table.indexAt(position).isValid():
        return
    menu = QMenu(view)
    for action in actions:
        menu.addAction(action)
    menu.popup(view.table.viewport().mapToGlobal(position))


def document_menu_action(view: TableView, text: str, slot: Callable[[], object]) -> QAction:
    """Put a document command into the table's context menu (a right click on a row)."""
    action = QAction(text, view)
    action.triggered.connect(lambda _checked=False: slot())
    if not hasattr(view, "document_actions"):
        view.document_actions = []  # type: ignore[attr-defined]
        view.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.table.customContextMenuRequested.connect(
            lambda position: _show_context_menu(view, position)
        )
    view.document_actions.append(action)  # type: ignore[attr-defined]
    return action


def attach_document_action(
    view: TableView,
    text: str,
    tip: str,
    slot: Callable[[], object],
    *,
    after: QWidget | None = None,
    with_button: bool = True,
    main: bool = True,
) -> tuple[QPushButton | None, QAction]:
    """The view's main document: a button (placed after `after`, else at the bottom) that
    is enabled while a row is selected, Ctrl+P while the view is shown, and an entry in
    the table's context menu. Returns (button, Ctrl+P action). Another document of the
    view (`main=False`) gets the button and the context menu entry but not Ctrl+P; the
    action returned is then the context menu's."""
    warm_up_documents()
    shortcut = QKeySequence(PRINT_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
    menu_action = document_menu_action(view, text, slot)
    action = window_action(view, text, QKeySequence(PRINT_KEYS), slot) if main else menu_action
    button: QPushButton | None = None
    if with_button:
        button = QPushButton(text, view)
        button.setToolTip(tr("{tip} ({shortcut})", tip=tip, shortcut=shortcut) if main else tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        _place(view, button, after)

    def update(*_args: object) -> None:
        selected = view.current_row() is not None
        action.setEnabled(selected)
        if button is not None:
            button.setEnabled(selected)

    selection = view.table.selectionModel()
    selection.currentRowChanged.connect(update)
    view.proxy.modelReset.connect(update)
    view.proxy.layoutChanged.connect(update)
    update()
    return button, action
