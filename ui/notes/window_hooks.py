"""Where private notes meet the main window: the Notes menu (Unlock…, Lock now Ctrl+L,
Change passphrase…), the lock indicator in the status bar, locking when the window closes,
and the "Private notes" button that views add next to their table.

Nothing here imports the notes service at start-up; it is imported when a file is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLayout, QMenu, QPushButton, QToolButton, QWidget

from app.i18n import format_datetime, tr
from ui.context import ALL, NOTES, AppContext
from ui.notes.icons import lock_icon
from ui.notes.vault_controller import NotesController

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.views.base import TableView

LOCK_SHORTCUT = "Ctrl+L"


def controller_for(context: AppContext) -> NotesController:
    """The notes controller of this context (made on first use, a child of the context)."""
    found = context.findChild(NotesController)
    return found if found is not None else NotesController(context)


# --- the status bar indicator --------------------------------------------------------------------


class LockIndicator(QToolButton):
    """'Notes locked' / 'Notes unlocked · locks in 9 min' with a padlock; a click unlocks or
    locks. Says the demo passphrase on a demo file. Hidden while no notes are set up."""

    def __init__(self, controller: NotesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clicked.connect(self._toggle)
        controller.state_changed.connect(self.update_state)
        self.update_state()

    def update_state(self) -> None:
        """Show the lock state of the open file."""
        controller = self.controller
        if not controller.is_open or not controller.is_set_up():
            self.setVisible(False)
            self.setText("")
            return
        left = controller.seconds_until_lock()
        if left is not None:
            minutes = max(1, int((left + 59) // 60))
            self.setText(tr("Notes unlocked · locks in {n} min", n=minutes))
            self.setIcon(lock_icon(locked=False))
            self.setToolTip(
                tr("Click to lock the private notes now ({shortcut}).", shortcut=LOCK_SHORTCUT)
            )
        else:
            text = tr("Notes locked")
            hint = controller.demo_hint()
            if hint:
                text += " · " + tr("demo passphrase: {passphrase}", passphrase=hint)
            self.setText(text)
            self.setIcon(lock_icon(locked=True))
            self.setToolTip(tr("Click to unlock the private notes."))
        self.setAccessibleName(self.text())
        self.setVisible(True)

    def _toggle(self) -> None:
        if self.controller.is_unlocked():
            self.controller.lock_now()
        else:
            self.controller.run_unlock(self.window())


# --- the Notes menu -------------------------------------------------------------------------------


class NotesMenu(QObject):
    """The Notes menu of a main window, rebuilt in the new language after a switch."""

    def __init__(self, window: MainWindow, controller: NotesController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.menu: QMenu | None = None
        self.build()
        controller.state_changed.connect(self.update_state)

    def build(self) -> None:
        """(Re)build the menu, just before Help."""
        window = self.window
        if self.menu is not None:
            window.menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
        menu = QMenu(tr("&Notes"), window)
        self.action_setup = self._add(menu, tr("&Set up private notes…"), self._setup)
        self.action_unlock = self._add(menu, tr("&Unlock…"), self._unlock)
        self.action_lock = self._add(menu, tr("&Lock now"), self.controller.lock_now)
        self.action_lock.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.action_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        menu.addSeparator()
        self.action_change = self._add(menu, tr("&Change passphrase…"), self._change)
        actions = window.menuBar().actions()
        help_action = actions[-1] if actions else None
        if help_action is not None:
            window.menuBar().insertMenu(help_action, menu)
        else:
            window.menuBar().addMenu(menu)
        self.menu = menu
        self.update_state()

    def _add(self, menu: QMenu, text: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def update_state(self) -> None:
        """Enable what makes sense now."""
        controller = self.controller
        is_open = controller.is_open
        set_up = is_open and controller.is_set_up()
        unlocked = set_up and controller.is_unlocked()
        self.action_setup.setVisible(is_open and not set_up)
        self.action_unlock.setVisible(not is_open or set_up)
        self.action_unlock.setEnabled(set_up and not unlocked)
        self.action_lock.setEnabled(unlocked)
        self.action_change.setEnabled(set_up)

    def _setup(self) -> None:
        self.controller.run_setup(self.window)

    def _unlock(self) -> None:
        self.controller.run_unlock(self.window)

    def _change(self) -> None:
        self.controller.run_change_passphrase(self.window)


class _CloseWatcher(QObject):
    """Locks the notes when the main window closes."""

    def __init__(self, controller: NotesController, parent: QObject) -> None:
        super().__init__(parent)
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Close:
            self.controller.lock_now()
        return False


def install_now(window: MainWindow) -> NotesController:
    """Give the main window its Notes menu, lock indicator and lock-on-close (once), and
    `window.notes`, the notes controller. Called when the first file is opened."""
    existing = getattr(window, "notes", None)
    if isinstance(existing, NotesController):
        return existing
    controller = controller_for(window.context)
    window.notes = controller  # type: ignore[attr-defined]
    window.notes_menu = NotesMenu(window, controller)  # type: ignore[attr-defined]
    indicator = LockIndicator(controller, window)
    window.notes_indicator = indicator  # type: ignore[attr-defined]
    window.statusBar().addPermanentWidget(indicator)
    window.installEventFilter(_CloseWatcher(controller, window))

    def retranslate(_code: str) -> None:
        window.notes_menu.build()  # type: ignore[attr-defined]
        indicator.update_state()

    window.language_changed.connect(retranslate)
    return controller


# --- the button next to a view's table -------------------------------------------------------------


def _describe(owner_kind: str, row: Any) -> str:
    """How an owner is named in the notes window's title."""
    if owner_kind == "participant":
        return str(row.name)
    if owner_kind == "tandem":
        return f"{row.mentor_name} – {row.mentee_name}"
    return f"{format_datetime(row.starts_at)} · {row.mentor_name} – {row.mentee_name}"


class NotesButton(QPushButton):
    """'Private notes (2)…' for the row selected in a view's table, with a padlock."""

    def __init__(
        self,
        view: TableView,
        owner_kind: str,
        describe: Callable[[Any], str] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.owner_kind = owner_kind
        self.describe = describe or (lambda row: _describe(owner_kind, row))
        self.controller = controller_for(view.context)
        self.setAutoDefault(False)
        self.clicked.connect(self.open_notes)
        selection = view.table.selectionModel()
        selection.currentRowChanged.connect(self.update_state)
        selection.selectionChanged.connect(self.update_state)
        view.proxy.modelReset.connect(self.update_state)
        view.proxy.layoutChanged.connect(self.update_state)
        self.controller.state_changed.connect(self.update_state)
        view.context.data_changed.connect(self._on_changed)
        self.update_state()

    def selected_row(self) -> Any | None:
        """The dataclass of the selected row, or None."""
        from ui.models.generic import ROW_ROLE

        index = self.view.table.currentIndex()
        if not index.isValid() or not self.view.table.selectionModel().hasSelection():
            return None
        return index.data(ROW_ROLE)

    def _on_changed(self, area: str) -> None:
        if area in (NOTES, ALL):
            self.update_state()

    def update_state(self, *_: object) -> None:
        """Count the selected owner's notes (that they exist is not secret; what they say is)."""
        row = self.selected_row()
        count = self.controller.count(self.owner_kind, row.id) if row is not None else 0
        self.setText(tr("Private notes ({n})…", n=count) if count else tr("Private notes…"))
        unlocked = self.controller.is_open and self.controller.is_unlocked()
        self.setIcon(lock_icon(locked=not unlocked))
        self.setEnabled(row is not None)
        self.setToolTip(
            tr("The private notes of the selected row.")
            if row is not None
            else tr("Select a row to see its private notes.")
        )
        self.setAccessibleName(self.text())

    def open_notes(self) -> None:
        """Open the notes of the selected row in their own window."""
        from ui.notes.notes_panel import NotesDialog

        row = self.selected_row()
        if row is None:
            return
        dialog = NotesDialog(
            self.controller, self.owner_kind, row.id, self.describe(row), self.view.window()
        )
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.update_state()


def _layout_holding(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    if layout is None:
        return None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            return layout
        found = _layout_holding(item.layout(), widget)
        if found is not None:
            return found
    return None


def attach_notes_button(
    view: TableView, owner_kind: str, describe: Callable[[Any], str] | None = None
) -> NotesButton:
    """Add a 'Private notes…' button for the selected row to a table view, next to its
    count (or at the bottom when the view has no count label). One line in a view:
    `attach_notes_button(self, "participant")`."""
    button = NotesButton(view, owner_kind, describe)
    anchor = getattr(view, "count_label", None)
    layout = _layout_holding(view.layout(), anchor) if anchor is not None else None
    if layout is None:
        layout = view.layout()
    layout.addWidget(button)  # type: ignore[union-attr]
    return button
