"""The main window: navigation on the left, the chosen view on the right, the File menu,
the language switch, and a status bar with what the file holds."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from app import APP_NAME, user_prefs
from app.i18n import format_number, language, set_language, tr, trn
from ui import dialogs
from ui.actions import ACTIONS
from ui.context import ALL, AppContext
from ui.views import VIEWS, ViewSpec

if TYPE_CHECKING:
    from ui.start_page import StartPage

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _plain_text() -> object:
    """Qt.TextFormat.PlainText. Qt's enum namespace is imported in functions here: building it
    costs 12-25 ms, and nothing on the way to the window's first paint needs it."""
    from PySide6.QtCore import Qt

    return Qt.TextFormat.PlainText


def _wait_cursor() -> None:
    from PySide6.QtCore import Qt

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def view_keys(number: int) -> str:
    """The keys that show the view at `number` in the navigation: 'Ctrl+1' ..."""
    return f"Ctrl+{number}"


def _tab_focus() -> object:
    """Qt.FocusPolicy.TabFocus (imported late, see _plain_text)."""
    from PySide6.QtCore import Qt

    return Qt.FocusPolicy.TabFocus


def _shortcut_reason() -> object:
    """Qt.FocusReason.ShortcutFocusReason (imported late, see _plain_text)."""
    from PySide6.QtCore import Qt

    return Qt.FocusReason.ShortcutFocusReason


def _menu_text(text: str) -> str:
    """A file name as a menu or button text (a single '&' would become a mnemonic)."""
    return text.replace("&", "&&")


class MainWindow(QMainWindow):
    """The one main window of Tandem."""

    shown = Signal()
    """Emitted once, when the window is first shown."""
    ready = Signal()
    """Emitted after a file was opened and the current view shows its data."""
    language_changed = Signal(str)

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, opening: Path | None = None
    ) -> None:
        """`opening`: a file that start-up opens right after showing the window (its name is
        in the title from the start, and no start page is built for it)."""
        super().__init__(parent)
        self.context = context
        self.views: dict[str, QWidget] = {}
        self._shown_once = False
        self._after_shown: list[Callable[[], object]] = []
        self._opening: Path | None = Path(opening) if opening is not None else None
        self._pages = QStackedWidget(self)
        self.setCentralWidget(self._pages)
        # The start page and the status bar are made when first needed: until the window is
        # on screen nothing may touch Qt's enum namespace (building it costs ~15-25 ms).
        self._start_page: StartPage | None = None
        self._status_label: QLabel | None = None
        self._status_due = False  # the status bar's counts are to be read again
        self._build()
        self._restore_geometry()
        context.database_opened.connect(self._on_opened)
        context.database_closed.connect(self._on_closed)
        context.data_changed.connect(self._on_data_changed)
        context.error_occurred.connect(self._on_error)
        context.backup_failed.connect(self._on_backup_failed)
        context.navigate_requested.connect(self.navigate)
        context.filter_requested.connect(self.show_filtered)
        from ui.notes import install as install_notes

        install_notes(self)  # Notes menu, lock indicator, lock on close (from the first file on)
        from ui.safekeep import install as install_safekeeping

        install_safekeeping(self)  # the warning about network drives and synchronised folders
        self._update_state()

    # --- building (again on a language switch) -------------------------------------------
    def _build(self) -> None:
        """Build menus, navigation and views in the current language."""
        current = self.current_view_key() if self.views else user_prefs.get("last_view")
        self._drop_menus()
        while self._pages.count():
            page = self._pages.widget(0)
            self._pages.removeWidget(page)
            page.deleteLater()
        self.views.clear()
        self._build_menus()

        self._start_page = None

        self.workspace = QWidget(self)
        self.nav = QListWidget(self.workspace)
        self.nav.setAccessibleName(tr("Navigation"))
        self.nav.setStyleSheet("QListWidget::item { padding: 0.35em 0.5em; }")
        self.stack = QStackedWidget(self.workspace)
        for spec in VIEWS:
            item = QListWidgetItem(tr(spec.title))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget(self.stack))  # placeholder until first shown
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(tr(s.title)) for s in VIEWS)
        self.nav.setFixedWidth(widest + metrics.averageCharWidth() * 6)
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._pages.addWidget(self.workspace)
        self.nav.currentRowChanged.connect(self._show_row)
        keys = [s.key for s in VIEWS]
        # Views are built when first shown, and only once a file is open: a view's module
        # (and the services and sqlite-utils behind it) is imported then, not at start-up.
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(keys.index(current) if current in keys else 0)
        self.nav.blockSignals(False)
        self.when_shown(self._nav_tooltips)
        if self.context.is_open:
            self._show_row(self.nav.currentRow())
        self.setWindowTitle(self._title())

    def _drop_menus(self) -> None:
        """Take the menus of the last language down with their actions. The actions belong
        to the window, so clearing the menu bar alone would leave them alive with their
        shortcuts, and every key (Ctrl+O, Ctrl+Z, Ctrl+,) would then be claimed twice and
        do nothing after a language switch."""
        bar = self.menuBar()
        pending = list(bar.actions())
        seen: list[QAction] = []
        while pending:
            action = pending.pop()
            if action in seen:
                continue
            seen.append(action)
            menu = action.menu()
            if menu is not None:
                pending.extend(menu.actions())
        menus = [action.menu() for action in seen if action.menu() is not None]
        own = [action for action in seen if action.parent() is self]
        for action in seen:
            action.setShortcuts([])
        bar.clear()
        for item in [*own, *menus]:
            if isValid(item):
                item.deleteLater()

    def _nav_tooltips(self) -> None:
        """Each view's tooltip in the navigation names its keys: 'Participants (Ctrl+2)'."""
        native = QKeySequence.SequenceFormat.NativeText
        for row, spec in enumerate(VIEWS):
            keys = QKeySequence(view_keys(row + 1)).toString(native)
            self.nav.item(row).setToolTip(tr("{view} ({keys})", view=tr(spec.title), keys=keys))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.registered_actions: list[QAction] = []
        file_menu = bar.addMenu(tr("&File"))
        self.action_new = self._action(tr("&New…"), QKeySequence.StandardKey.New, self.new_file)
        self.action_open = self._action(tr("&Open…"), QKeySequence.StandardKey.Open, self.open_file)
        self.recent_menu = QMenu(tr("Open &recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.action_demo = self._action(tr("Open &demo"), None, self.open_demo)
        self.action_close = self._action(
            tr("&Close"), QKeySequence.StandardKey.Close, self.close_file
        )
        self.action_quit = self._action(tr("&Quit"), "Ctrl+Q", self.close)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.action_new)
        file_menu.addAction(self.action_open)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.action_demo)
        file_menu.addSeparator()
        menus = {"file": file_menu}
        self._add_registered(menus, "file")
        file_menu.addAction(self.action_close)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self._fill_recent_menu()

        edit_menu = bar.addMenu(tr("&Edit"))
        self.edit_menu = edit_menu
        self._undo_redo: tuple[QAction, QAction] | None = None
        self.action_find = self._action(tr("&Find…"), QKeySequence.StandardKey.Find, self.find)
        edit_menu.addAction(self.action_find)
        self.when_shown(self._undo_actions)
        menus["edit"] = edit_menu
        self._add_registered(menus, "edit")

        view_menu = bar.addMenu(tr("&View"))
        self.language_menu = view_menu.addMenu(tr("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == language())
            action.triggered.connect(lambda _=False, c=code: self.switch_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        view_menu.addSeparator()
        self.view_actions: list[QAction] = []
        for number, spec in enumerate(VIEWS, start=1):
            action = self._action(
                tr(spec.title), view_keys(number), lambda _=False, k=spec.key: self.go_to(k)
            )
            view_menu.addAction(action)
            self.view_actions.append(action)
        menus["view"] = view_menu
        self._add_registered(menus, "view")
        if any(spec.menu == "documents" for spec in ACTIONS):
            menus["documents"] = bar.addMenu(tr("&Documents"))
            self._add_registered(menus, "documents")
        if any(spec.menu == "tools" for spec in ACTIONS):
            menus["tools"] = bar.addMenu(tr("&Tools"))
            self._add_registered(menus, "tools")

        help_menu = bar.addMenu(tr("&Help"))
        self.action_guide = self._action(tr("&User guide"), "F1", self.user_guide)
        self.action_about = self._action(tr("&About Tandem"), None, self.about)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.action_guide)
        menus["help"] = help_menu
        self._add_registered(menus, "help")
        help_menu.addSeparator()
        help_menu.addAction(self.action_about)

    def _add_registered(self, menus: dict[str, QMenu], key: str) -> None:
        """Add the commands other areas registered for this menu (see ui/actions.py)."""
        for spec in ACTIONS:
            if spec.menu != key:
                continue
            action = self._action(
                tr(spec.title),
                spec.shortcut,
                lambda _=False, s=spec: s.handler(self),
            )
            action.setProperty("needs_file", spec.needs_file)
            menus[key].addAction(action)
            self.registered_actions.append(action)

    def _action(self, text: str, shortcut: object, slot: object) -> QAction:
        """A menu action. `shortcut` is a QKeySequence.StandardKey (the platform's own keys),
        or a text such as "Ctrl+Q" (set once the window is on screen: making a QKeySequence
        builds Qt's enum namespace, 12-25 ms, which the first paint need not wait for)."""
        action = QAction(text, self)
        if isinstance(shortcut, str):
            self.when_shown(lambda: action.setShortcut(QKeySequence(shortcut)))
        elif shortcut is not None:
            action.setShortcuts(shortcut)  # type: ignore[call-overload]
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def when_shown(self, step: Callable[[], object]) -> None:
        """Run `step` once the window has been shown (now, if it has been).

        For set-up that the first paint need not wait for, above all anything that imports
        `Qt` from PySide6.QtCore (building Qt's enum namespace costs 12-25 ms of start-up)."""
        if self._shown_once:
            step()
        else:
            self._after_shown.append(step)

    def _undo_actions(self) -> tuple[QAction, QAction]:
        """Edit → Undo and Redo (ui/undo.py), put in the menu on first use."""
        if self._undo_redo is None:
            from ui.undo import undo_actions

            undo, redo = undo_actions(self.context, self)
            self.edit_menu.insertActions(self.action_find, [undo, redo])
            self.edit_menu.insertSeparator(self.action_find)
            self._undo_redo = (undo, redo)
        return self._undo_redo

    @property
    def action_undo(self) -> QAction:
        """Edit → Undo."""
        return self._undo_actions()[0]

    @property
    def action_redo(self) -> QAction:
        """Edit → Redo."""
        return self._undo_actions()[1]

    # --- navigation ----------------------------------------------------------------------
    def current_view_key(self) -> str:
        """The key of the view shown (see ui/views/__init__.py)."""
        row = max(self.nav.currentRow(), 0)
        return VIEWS[row].key

    def view(self, key: str) -> QWidget:
        """The view with that key, built on first use."""
        keys = [s.key for s in VIEWS]
        row = keys.index(key)
        if key not in self.views:
            self.views[key] = self._make_view(VIEWS[row], row)
        return self.views[key]

    def show_view(self, key: str) -> QWidget:
        """Select a view in the navigation and return it (built if needed)."""
        self.nav.setCurrentRow([s.key for s in VIEWS].index(key))
        return self.view(key)

    def go_to(self, key: str) -> None:
        """Ctrl+1 ... Ctrl+5: show a view and put the keyboard into it: into its table
        (whose first row is then selected), else its first field."""
        if not self.context.is_open:
            return
        widget = self.show_view(key)
        table = getattr(widget, "table", None)
        if isinstance(table, QWidget) and table.isVisible():
            table.setFocus(_shortcut_reason())
            return
        field = widget.nextInFocusChain()
        while field is not widget and not (
            widget.isAncestorOf(field) and field.isVisible() and field.isEnabled()
            and field.focusPolicy() & _tab_focus()
        ):  # fmt: skip
            field = field.nextInFocusChain()
        if field is not widget:
            field.setFocus(_shortcut_reason())

    def navigate(self, key: str, record_id: int) -> None:
        """Show view `key` and, where the view supports it, the record `record_id` in it."""
        if not self.context.is_open or key not in [s.key for s in VIEWS]:
            return
        widget = self.show_view(key)
        show_item = getattr(widget, "show_item", None)
        if show_item is not None:
            show_item(record_id)

    def show_filtered(self, key: str, filter_name: str) -> None:
        """Show view `key` with the named filter, where the view has `show_filtered`."""
        if not self.context.is_open or key not in [s.key for s in VIEWS]:
            return
        widget = self.show_view(key)
        show_filtered = getattr(widget, "show_filtered", None)
        if show_filtered is not None:
            show_filtered(filter_name)

    def _make_view(self, spec: ViewSpec, row: int) -> QWidget:
        widget = spec.factory(self.context)
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._status_bar_last(widget)
        return widget

    def _status_bar_last(self, view: QWidget) -> None:
        """Tab goes from the navigation through the view, then to the status bar (a view
        made after the status bar's lock button would otherwise come behind it)."""
        # Compared as numbers: `policy & TabFocus` on Qt's flag enums makes a new enum
        # member each time (~0.5 ms apiece, 40 ms for a view's fields).
        tab = _tab_focus().value  # type: ignore[attr-defined]
        last = None
        field = view.nextInFocusChain()
        while field is not view and field is not None:
            if field.focusPolicy().value & tab and view.isAncestorOf(field):
                last = field
            field = field.nextInFocusChain()
        if last is None:
            return
        for tail in self.statusBar().findChildren(QWidget):
            if tail.focusPolicy().value & tab:
                QWidget.setTabOrder(last, tail)
                last = tail

    def _show_row(self, row: int) -> None:
        if row < 0 or not self.context.is_open:
            return
        spec = VIEWS[row]
        widget = self.view(spec.key)
        self.stack.setCurrentWidget(widget)  # remembered at close (closeEvent), not per click

    def find(self) -> None:
        """Ctrl+F: into the current view's search field."""
        if not self.context.is_open:
            return
        widget = self.views.get(self.current_view_key())
        focus = getattr(widget, "focus_search", None)
        if focus is None or not focus():
            self.statusBar().showMessage(tr("This view has no search."), 3000)

    # --- file actions --------------------------------------------------------------------
    def _start_folder(self) -> str:
        """Where Open… starts: the folder of the most recent file, else Documents."""
        recent = user_prefs.recent_files()
        if recent and recent[0].parent.is_dir():
            return str(recent[0].parent)
        from ui.firststart import documents_folder

        return str(documents_folder())

    def _filter(self) -> str:
        return tr("Tandem program files (*.tandem)")

    def new_file(self) -> None:
        """File → New…: propose a file in a local folder (Documents on a first start, named
        in the user's language), then create an empty program file where the user chose. A
        risky place chosen anyway is warned about when the file opens (ui/safekeep)."""
        from ui.firststart import proposed_new_file

        recent = user_prefs.recent_files()
        proposal = proposed_new_file(recent[0] if recent else None)
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("New program file"),
            str(proposal),
            self._filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.context.new(Path(name))

    def open_file(self) -> None:
        """File → Open…: choose a program file and open it."""
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Open program file"), self._start_folder(), self._filter()
        )
        if name:
            self.open_path(name)

    def open_path(self, path: str | Path) -> bool:
        """Open a file by path (from the command line, a recent entry, or a test)."""
        path = Path(path)
        if not path.exists():
            user_prefs.remove_recent(path)
            self._fill_recent_menu()
            self._refresh_start_page()
            dialogs.show_warning(
                self,
                tr(
                    "The file {name} no longer exists. It was removed from the recent files.",
                    name=str(path),
                ),
            )
            return False
        _wait_cursor()
        try:
            return self.context.open(path)
        finally:
            QApplication.restoreOverrideCursor()

    def open_demo(self) -> None:
        """Create a fresh demo company in a temporary folder and open it."""
        _wait_cursor()
        try:
            self.context.open_demo()
        finally:
            QApplication.restoreOverrideCursor()

    def close_file(self) -> None:
        """File → Close."""
        self.context.close()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = user_prefs.recent_files()
        for path in files:
            action = menu.addAction(_menu_text(path.name))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            if not path.exists():
                action.setEnabled(False)
                action.setText(_menu_text(tr("{name} (missing)", name=path.name)))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not files:
            empty = menu.addAction(tr("No recent files"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(tr("Clear list"), self._clear_recent)

    def _clear_recent(self) -> None:
        user_prefs.put("recent_files", [])
        self._fill_recent_menu()
        self._refresh_start_page()

    # --- language ------------------------------------------------------------------------
    def switch_language(self, code: str) -> None:
        """Switch the interface language now, remember the choice, and rebuild the window."""
        if code == language():
            return
        set_language(code)
        user_prefs.set_language(code)
        from ui.launcher import install_qt_translations

        install_qt_translations(QApplication.instance(), code)  # type: ignore[arg-type]
        self._build()
        self._update_state()
        self.language_changed.emit(code)

    # --- about ---------------------------------------------------------------------------
    def about(self) -> None:
        """Help → About: version, where things live, licences (ui/about/)."""
        from ui.about import run

        run(self)

    def user_guide(self) -> None:
        """Help → User guide (F1): the short guide in the window's language (ui/help/)."""
        from ui.help import run

        run(self)

    # --- state ---------------------------------------------------------------------------
    def show_opening(self, path: Path) -> None:
        """Show the navigation and the file's name while start-up opens it, right after the
        window is on screen; the view fills in once the file is open."""
        self._opening = Path(path)
        self._update_state()

    @property
    def start_page(self) -> StartPage:
        """The page shown while no file is open (made on first use)."""
        if self._start_page is None:
            from ui.start_page import StartPage

            page = StartPage(self)
            page.new_requested.connect(self.new_file)
            page.open_requested.connect(self.open_file)
            page.demo_requested.connect(self.open_demo)
            page.recent_requested.connect(self.open_path)
            self._pages.addWidget(page)
            self._start_page = page
        return self._start_page

    def _refresh_start_page(self) -> None:
        if self._start_page is not None:
            self._start_page.refresh_recent()

    @property
    def status_label(self) -> QLabel:
        """The counts in the status bar (made on first use)."""
        if self._status_label is None:
            label = QLabel(self)
            label.setTextFormat(_plain_text())
            self.statusBar().addPermanentWidget(label, 1)
            self._status_label = label
        return self._status_label

    def _title(self) -> str:
        path = self.context.path or self._opening
        if path and self.context.is_read_only:
            return tr("{name} (read-only) – {app}", name=path.name, app=APP_NAME)
        return f"{path.name} – {APP_NAME}" if path else APP_NAME

    def _update_state(self, *, counts_now: bool = True) -> None:
        """Show the open file's name, pages and actions; the counts in the status bar too,
        or (`counts_now=False`) a moment later, in an event of their own."""
        is_open = self.context.is_open
        if is_open:
            self._opening = None
        opened = is_open or self._opening is not None
        self._pages.setCurrentWidget(self.workspace if opened else self.start_page)
        self.setWindowTitle(self._title())
        self.action_close.setEnabled(is_open)
        self.action_find.setEnabled(is_open)
        for action in self.registered_actions:
            action.setEnabled(is_open or not action.property("needs_file"))
        if counts_now:
            self._update_status()
        else:
            if is_open:
                self.status_label  # noqa: B018 - in its place now, before other widgets
            self._on_data_changed(ALL)

    def _update_status(self) -> None:
        db = self.context.db
        if db is None:
            if self._status_label is not None:
                self._status_label.setText("")
            return
        from app.services.stats import get_stats

        stats = get_stats(db)
        parts = [
            trn("{n} participant", "{n} participants", stats.participants),
            trn("{n} round", "{n} rounds", stats.rounds),
            trn("{n} tandem", "{n} tandems", stats.tandems),
            tr(
                "{held} of {total} meetings held",
                held=format_number(stats.sessions_held),
                total=format_number(stats.sessions_held + stats.sessions_planned),
            ),
        ]
        if self.context.is_demo:
            parts.append(tr("demo file, deleted when Tandem closes"))
        self.status_label.setText(" · ".join(parts))

    def _on_opened(self) -> None:
        self._fill_recent_menu()
        self._show_row(self.nav.currentRow())
        # The counts read the whole file: apart from showing it (20,000 people: 30-50 ms).
        self._update_state(counts_now=False)
        QTimer.singleShot(0, self._ready_when_loaded)

    def _ready_when_loaded(self) -> None:
        """Emit `ready` once the current view shows its data whole (a long list loads in
        slices, then the view sizes, counts and selects between events)."""
        view = self.views.get(self.current_view_key())
        settled = getattr(view, "settled", None)
        if self.context.is_open and settled is not None and not settled():
            QTimer.singleShot(20, self._ready_when_loaded)
            return
        self.ready.emit()

    def _on_closed(self) -> None:
        self._refresh_start_page()
        self._fill_recent_menu()
        self._update_state()

    def _on_data_changed(self, area: str) -> None:
        del area
        # Counted a moment later, apart from the change itself (the counts read the whole
        # file; several changes in a row are counted once).
        if not self._status_due:
            self._status_due = True
            QTimer.singleShot(0, self._update_status_due)

    def _update_status_due(self) -> None:
        self._status_due = False
        self._update_status()

    def _on_error(self, message: str) -> None:
        if self._opening is not None:
            self._opening = None
            self._update_state()
        from ui.safekeep import show_refusal

        show_refusal(self, message)  # with an offer where there is one (a backup)

    def _on_backup_failed(self, message: str) -> None:
        """The backup of the day (made on a worker after opening) failed: say so beside the
        window, without stopping the user; the file stays open."""
        dialogs.show_warning_later(
            self,
            tr("The automatic backup of the file could not be made."),
            tr(
                "{reason}\n\nYour program file itself is fine and stays open. Tandem tries "
                "again the next time you open it; File → Backups… makes one now.",
                reason=message,
            ),
        )

    # --- window state --------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 160, metrics.height() * 40)

    def _restore_geometry(self) -> None:
        raw = user_prefs.get("window_geometry")
        restored = False
        if isinstance(raw, str):
            try:
                restored = self.restoreGeometry(QByteArray(base64.b64decode(raw)))
            except ValueError:
                restored = False
        if not restored:
            # First start: most of the screen, so every column and the status bar fit.
            size = self.sizeHint()
            screen = self.screen()
            if screen is not None:
                available = screen.availableGeometry().size()
                size = size.expandedTo(available * 0.85).boundedTo(available)
            self.resize(size)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self._first_shown)

    def _first_shown(self) -> None:
        if self._opening is None and not self.context.is_open:
            from ui.opening import warmup

            warmup.start()  # while the user chooses a file on the start page
        self.shown.emit()
        steps, self._after_shown = self._after_shown, []
        for step in steps:
            step()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        user_prefs.put("window_geometry", base64.b64encode(bytes(self.saveGeometry())).decode())
        user_prefs.put("last_view", self.current_view_key())
        super().closeEvent(event)
