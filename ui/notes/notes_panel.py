"""The private notes of one participant, tandem or session.

While locked the panel shows how many notes there are and a padlock, never a title or a
word of text, with an Unlock button. While unlocked it lists the notes (date and title),
shows the selected note's text, and offers Add, Edit and Delete. When the notes lock, for
whatever reason, every title and text is removed from the panel's widgets at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import TandemError
from app.i18n import format_date, tr, trn
from ui import dialogs as messages
from ui.context import ALL, NOTES
from ui.notes.dialogs import NoteEditorDialog, bold_label, lock_icon_label, text_label
from ui.notes.icons import lock_icon

if TYPE_CHECKING:
    from app.services.notes import Note
    from ui.notes.vault_controller import NotesController

LOCKED_PAGE, UNLOCKED_PAGE = 0, 1


class NotesPanel(QWidget):
    """The notes of one owner (`set_owner`), locked or unlocked."""

    def __init__(self, controller: NotesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.owner_kind: str | None = None
        self.owner_id: int | None = None
        self.owner_label = ""
        self._notes: list[Note] = []
        self.pages = QStackedWidget(self)

        # Locked: a padlock, how many notes, and a button.
        locked = QWidget(self.pages)
        self.lock_icon = lock_icon_label(locked, 32)
        self.locked_text = bold_label("", locked)
        self.locked_text.setAccessibleName(tr("Private notes"))
        self.locked_hint = text_label("", locked)
        self.unlock_button = QPushButton(tr("&Unlock…"), locked)
        self.unlock_button.clicked.connect(self.unlock)
        self.first_note_button = QPushButton(tr("&Add note…"), locked)
        self.first_note_button.clicked.connect(self.add_note)
        row = QHBoxLayout()
        row.addWidget(self.lock_icon, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.addWidget(self.locked_text)
        texts.addWidget(self.locked_hint)
        row.addLayout(texts, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.first_note_button)
        buttons.addStretch(1)
        locked_box = QVBoxLayout(locked)
        locked_box.addLayout(row)
        locked_box.addLayout(buttons)
        locked_box.addStretch(1)
        self.pages.addWidget(locked)

        # Unlocked: the list, the selected note, the buttons.
        unlocked = QWidget(self.pages)
        self.list = QTreeWidget(unlocked)
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([tr("Date"), tr("Title")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(tr("Private notes"))
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemActivated.connect(lambda *_: self.edit_note())
        reader = QWidget(unlocked)
        self.note_title = bold_label("", reader)
        self.note_title.setAccessibleName(tr("Title"))
        self.note_text = QPlainTextEdit(reader)
        self.note_text.setReadOnly(True)
        self.note_text.setAccessibleName(tr("Text"))
        self.note_text.setTabChangesFocus(True)
        reader_box = QVBoxLayout(reader)
        reader_box.setContentsMargins(0, 0, 0, 0)
        reader_box.addWidget(self.note_title)
        reader_box.addWidget(self.note_text, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, unlocked)
        splitter.addWidget(self.list)
        splitter.addWidget(reader)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.add_button = QPushButton(tr("&Add…"), unlocked)
        self.edit_button = QPushButton(tr("&Edit…"), unlocked)
        self.delete_button = QPushButton(tr("&Delete…"), unlocked)
        self.lock_button = QPushButton(tr("&Lock now"), unlocked)
        self.lock_button.setIcon(lock_icon(locked=True))
        self.add_button.clicked.connect(self.add_note)
        self.edit_button.clicked.connect(self.edit_note)
        self.delete_button.clicked.connect(self.delete_note)
        self.lock_button.clicked.connect(self.controller.lock_now)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.lock_button)
        unlocked_box = QVBoxLayout(unlocked)
        unlocked_box.setContentsMargins(0, 0, 0, 0)
        unlocked_box.addWidget(splitter, 1)
        unlocked_box.addLayout(actions)
        self.pages.addWidget(unlocked)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, activated=self.delete_note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setTabOrder(self.list, self.note_text)
        self.setTabOrder(self.note_text, self.add_button)

        controller.locked.connect(self.refresh)
        controller.unlocked.connect(self.refresh)
        controller.context.data_changed.connect(self._on_changed)
        controller.context.database_closed.connect(self.clear)
        self.refresh()

    # --- owner and state ---------------------------------------------------------------------
    def set_owner(self, owner_kind: str | None, owner_id: int | None, label: str = "") -> None:
        """Show the notes of this owner (None: of nobody)."""
        self.owner_kind, self.owner_id, self.owner_label = owner_kind, owner_id, label
        self.refresh()

    @property
    def is_showing_content(self) -> bool:
        """True while note titles and texts are in the panel's widgets."""
        return self.pages.currentIndex() == UNLOCKED_PAGE

    def _on_changed(self, area: str) -> None:
        if area in (NOTES, ALL):
            self.refresh()

    def clear(self) -> None:
        """Remove every title and text from the widgets."""
        self._notes = []
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        self.note_title.clear()
        self.note_text.clear()

    def refresh(self) -> None:
        """Show the owner's notes when unlocked, otherwise the count and the padlock."""
        self.clear()
        if self.owner_kind is None or self.owner_id is None or not self.controller.is_open:
            self._show_locked(0)
            return
        if not self.controller.is_unlocked():
            self._show_locked(self.controller.count(self.owner_kind, self.owner_id))
            return
        from app.services.notes import NotesLockedError  # cryptography loads on first use

        vault = self.controller.vault
        assert vault is not None
        try:
            self._notes = vault.list_notes(self.owner_kind, self.owner_id)
        except NotesLockedError:  # locked in between: show the locked state
            self.clear()
            self._show_locked(self.controller.count(self.owner_kind, self.owner_id))
            return
        self.list.blockSignals(True)
        for note in self._notes:
            item = QTreeWidgetItem(
                [
                    format_date(note.note_date) if note.note_date else "",
                    tr("Damaged note: it cannot be read") if note.damaged else note.title,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, note.id)
            if note.damaged:
                item.setForeground(1, QBrush(QColor("#b00020")))
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        self.pages.setCurrentIndex(UNLOCKED_PAGE)
        if self._notes:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._show_current()

    def _show_locked(self, count: int) -> None:
        self.pages.setCurrentIndex(LOCKED_PAGE)
        has_owner = self.owner_kind is not None and self.owner_id is not None
        set_up = self.controller.is_set_up()
        if count:
            self.locked_text.setText(
                trn("{n} private note – locked", "{n} private notes – locked", count)
            )
            self.locked_hint.setText(tr("Unlock with your passphrase to read or add notes."))
        else:
            self.locked_text.setText(tr("No private notes yet."))
            self.locked_hint.setText(
                tr("Unlock with your passphrase to add one.")
                if set_up
                else tr(
                    "Private notes are encrypted in the file. The first note asks you to "
                    "choose a passphrase."
                )
            )
        hint = self.controller.demo_hint()
        if hint and set_up:
            self.locked_hint.setText(
                self.locked_hint.text()
                + " "
                + tr("This is a demo file: the passphrase is “{passphrase}”.", passphrase=hint)
            )
        self.unlock_button.setVisible(set_up)
        self.first_note_button.setVisible(not set_up)
        self.unlock_button.setEnabled(has_owner or set_up)
        self.first_note_button.setEnabled(has_owner)

    def _current_note(self) -> Note | None:
        item = self.list.currentItem()
        if item is None:
            return None
        note_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((n for n in self._notes if n.id == note_id), None)

    def _show_current(self, *_: object) -> None:
        note = self._current_note()
        if note is not None:
            self.controller.touch()  # reading counts as use
        if note is None:
            self.note_title.setText(
                tr("No private notes yet. Click Add to write one.") if not self._notes else ""
            )
            self.note_text.clear()
        elif note.damaged:
            self.note_title.setText(tr("Damaged note: it cannot be read"))
            self.note_text.setPlainText(
                tr(
                    "This note was changed outside Tandem or the file is damaged, so it is "
                    "not shown. You can delete it, or edit it to write it anew."
                )
            )
        else:
            self.note_title.setText(note.title)
            self.note_text.setPlainText(note.text)
        self.edit_button.setEnabled(note is not None)
        self.delete_button.setEnabled(note is not None)

    # --- actions -------------------------------------------------------------------------------
    def unlock(self) -> None:
        """Unlock (the panel refreshes on the `unlocked` signal)."""
        self.controller.ensure_unlocked(self)

    def add_note(self) -> None:
        """Write a new note (setting up or unlocking first when needed)."""
        if self.owner_kind is None or self.owner_id is None:
            return
        if not self.controller.ensure_unlocked(self):
            return
        editor = NoteEditorDialog(
            self.controller, self.owner_kind, self.owner_id, self.owner_label, None, self
        )
        self._run_editor(editor)

    def edit_note(self) -> None:
        """Change the selected note."""
        note = self._current_note()
        if note is None or self.owner_kind is None or self.owner_id is None:
            return
        if not self.controller.ensure_unlocked(self):
            return
        editor = NoteEditorDialog(
            self.controller,
            self.owner_kind,
            self.owner_id,
            self.owner_label,
            None if note.damaged else note,
            self,
        )
        editor.note_id = note.id
        self._run_editor(editor)

    def _run_editor(self, editor: NoteEditorDialog) -> None:
        """Show the editor; select the note it saved."""
        try:
            if editor.exec() and editor.saved is not None:
                self._select(editor.saved.id)
        finally:
            editor.deleteLater()

    def delete_note(self) -> None:
        """Delete the selected note after asking."""
        note = self._current_note()
        vault = self.controller.vault
        if note is None or vault is None or not self.is_showing_content:
            return
        question = (
            tr("Delete this damaged note? This cannot be undone.")
            if note.damaged
            else tr("Delete the note “{title}”? This cannot be undone.", title=note.title)
        )
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        # The question names the note: it must not stay on screen once the notes lock.
        self.controller.locked.connect(box.reject)
        try:
            answer = box.exec()
        finally:
            self.controller.locked.disconnect(box.reject)
            box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes or not self.controller.is_unlocked():
            return
        try:
            vault.delete_note(note.id)
        except TandemError as exc:
            messages.show_warning(self, exc.message)
            return
        self.controller.notes_written()

    def _select(self, note_id: int) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item.data(0, Qt.ItemDataRole.UserRole) == note_id:
                self.list.setCurrentItem(item)
                return


class NotesDialog(QDialog):
    """The notes of one participant, tandem or session in a window of their own."""

    def __init__(
        self,
        controller: NotesController,
        owner_kind: str,
        owner_id: int,
        owner_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from app.services.notes import owner_label as kind_label

        self.setWindowTitle(
            tr("Private notes – {kind} {owner}", kind=kind_label(owner_kind), owner=owner_label)
        )
        self.panel = NotesPanel(controller, self)
        self.panel.set_owner(owner_kind, owner_id, owner_label)
        heading = bold_label(owner_label, self, 1.2)
        heading.setAccessibleName(kind_label(owner_kind))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)
        metrics = self.fontMetrics()
        messages.fit_to_screen(self, metrics.averageCharWidth() * 90, metrics.height() * 28)

    def done(self, result: int) -> None:
        """Closing empties the panel (no note text stays in a hidden widget)."""
        self.panel.set_owner(None, None)
        super().done(result)
