"""File → Backups…: the open file's backups with date, reason and size; back up now, restore
one (the current content is backed up first), save a copy of one elsewhere, or open one
read-only. Every action goes through `app.services.safekeeping`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.backups import KEEP_DAYS, KEEP_MONTHS, KEEP_NEWEST, BackupInfo, format_size
from app.errors import TandemError
from app.i18n import format_datetime, tr
from app.places import local_documents_folder
from app.services import safekeeping
from ui import dialogs
from ui.context import AppContext
from ui.views.base import plain_label

MADE, REASON, SIZE = range(3)


class BackupsDialog(QDialog):
    """The list of backups of the file open in `context`, and what can be done with one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert context.db is not None and context.path is not None
        self.context = context
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(tr("Backups of {name}", name=context.path.name))

        self.intro = plain_label(self._intro_text(), self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([tr("Made"), tr("Why"), tr("Size")])
        self.table.setAccessibleName(tr("Backups"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MADE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_read_only())

        self.backup_button = QPushButton(tr("&Back up now"), self)
        self.restore_button = QPushButton(tr("&Restore…"), self)
        self.save_button = QPushButton(tr("&Save a copy as…"), self)
        self.open_button = QPushButton(tr("&Open read-only"), self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore)
        self.save_button.clicked.connect(self.save_copy)
        self.open_button.clicked.connect(self.open_read_only)
        row = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.save_button):
            row.addWidget(button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 100, metrics.height() * 24)
        self.reload()

    # --- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the backups again (newest first) and select the newest."""
        db = self.context.db
        self.backups = safekeeping.list_backups(db) if db is not None else []
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            self._set(row, MADE, format_datetime(backup.made_at), backup)
            self._set(row, REASON, backup.reason_label, backup)
            size = self._set(row, SIZE, format_size(backup.size), backup)
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        """The backup chosen in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _set(self, row: int, column: int, text: str, backup: BackupInfo) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setToolTip(str(backup.path))
        self.table.setItem(row, column, item)
        return item

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        writable = not self.context.is_read_only
        self.backup_button.setEnabled(writable)
        self.restore_button.setEnabled(chosen and writable)
        self.save_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _intro_text(self) -> str:
        if self.context.is_read_only:
            return tr("This is a backup opened read-only: it has no backups of its own.")
        return tr(
            "Tandem backs up this file by itself: when it is opened (once a day), when it is "
            "closed after changes, and before an update. Each backup is checked before it is "
            "kept. It keeps the last {newest}, one a day for {days} days and one a month for "
            "{months} months, on this computer only.",
            newest=KEEP_NEWEST,
            days=KEEP_DAYS,
            months=KEEP_MONTHS,
        )

    # --- actions ---------------------------------------------------------------------------
    def back_up_now(self) -> None:
        """Make a backup now."""
        db = self.context.db
        if db is None:
            return
        try:
            safekeeping.make_backup(db)
        except TandemError as exc:
            dialogs.show_warning(self, tr("The backup could not be made."), exc.message)
            return
        self.reload()

    def restore(self) -> None:
        """Put the chosen backup in place of the open file, after asking."""
        backup, db, path = self.selected(), self.context.db, self.context.path
        if backup is None or db is None or path is None:
            return
        if not dialogs.ask_yes_no(
            self,
            tr(
                "Put the backup from {when} in place of {name}? What the file holds now is "
                "backed up first, so you can go back to it.",
                when=format_datetime(backup.made_at),
                name=path.name,
            ),
        ):
            return
        try:
            safekeeping.restore(db, backup.path)
        except TandemError as exc:
            dialogs.show_warning(self, tr("The backup could not be restored."), exc.message)
            return
        self.context.reopen()
        self.reload()
        dialogs.show_info(
            self, tr("The backup from {when} is in place.", when=format_datetime(backup.made_at))
        )

    def save_copy(self) -> None:
        """Copy the chosen backup to a place the user picks."""
        backup = self.selected()
        if backup is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save a copy of the backup"),
            str(local_documents_folder() / backup.path.name),
            tr("Tandem program files (*.tandem)"),
        )
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() != ".tandem":
            target = target.with_name(target.name + ".tandem")
        try:
            safekeeping.save_copy(backup.path, target)
        except TandemError as exc:
            dialogs.show_warning(self, tr("The copy could not be saved."), exc.message)
            return
        dialogs.show_info(self, tr("The copy is saved as {path}.", path=str(target)))

    def open_read_only(self) -> None:
        """Show the chosen backup in the window, read-only, instead of the open file."""
        backup = self.selected()
        if backup is None:
            return
        if self.context.open_backup_read_only(backup.path):
            self.accept()


def run(window: Any) -> BackupsDialog | None:
    """File → Backups… (registered in ui/actions.py)."""
    context: AppContext = window.context
    if not context.is_open:
        return None
    dialog = BackupsDialog(context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
