"""The commands: Erase… and Anonymise… for the selected person, Retention… for everyone due.

Each command shows what it will do, asks, calls the service (one transaction), compacts the
file when asked, empties the undo history, tells every view that the data changed, and says
what was done and how long older backups still hold the data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.errors import TandemError
from app.i18n import tr, trn
from app.services import erasure, retention
from app.services.erasure import ErasureMode
from ui import dialogs
from ui.context import ALL, AppContext
from ui.documents.view_hooks import document_menu_action
from ui.privacy.dialogs import ConfirmErasureDialog, RetentionDialog
from ui.undo import undo_stack
from ui.views.base import table_action


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _finish(context: AppContext, parent: QWidget | None, done: str, compact: bool) -> None:
    """Compact if asked, forget the undo history, reload every view, say what was done."""
    assert context.db is not None
    if compact:
        try:
            with _busy():
                erasure.compact(context.db)
            done += " " + tr("The file was compacted: no trace of the removed data is left in it.")
        except TandemError as exc:
            done += " " + exc.message
    # An undo of an earlier edit would write the old name back: forget the history.
    undo_stack(context).clear()
    context.notify_changed(ALL)
    dialogs.show_info(parent, done, erasure.backup_notice())


def erase_person(
    context: AppContext, parent: QWidget | None, participant_id: int, mode: ErasureMode
) -> bool:
    """Confirm, then erase or anonymise one person; True when it was done."""
    db = context.db
    if db is None:
        return False
    try:
        plan = erasure.plan_erasure(db, participant_id, mode)
    except TandemError as exc:
        dialogs.show_warning(parent, exc.message)
        return False
    dialog = ConfirmErasureDialog(plan, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.understood.isChecked()
    compact = dialog.compact.isChecked()
    dialog.deleteLater()
    if not accepted:
        return False
    try:
        with _busy():
            result = erasure.apply_erasure(db, participant_id, mode)
    except TandemError as exc:
        dialogs.show_warning(parent, exc.message)
        return False
    _finish(context, parent, erasure.done_message(result), compact)
    return True


def _confirm_all(parent: QWidget | None, mode: ErasureMode, count: int) -> bool:
    if mode == ErasureMode.ERASE:
        question = trn(
            "Erase this person? Their record, topics, check-ins and private notes and the free "
            "text of their tandems and meetings are removed for good. Their tandems and "
            "meetings stay with their dates, with an anonymised participant.",
            "Erase these {n} people? Their records, topics, check-ins and private notes and "
            "the free text of their tandems and meetings are removed for good. Their tandems "
            "and meetings stay with their dates, with anonymised participants.",
            count,
        )
    else:
        question = trn(
            "Anonymise this person? Name, contact details, department, position, private "
            "notes and the free text of their tandems and meetings are removed for good. What "
            "the figures count stays, without the name.",
            "Anonymise these {n} people? Names, contact details, departments, positions, "
            "private notes and the free text of their tandems and meetings are removed for "
            "good. What the figures count stays, without the names.",
            count,
        )
    return dialogs.ask_yes_no(parent, question + "\n\n" + tr("This cannot be undone."))


class _RetentionController(QObject):
    """Drives a RetentionDialog: reads the people due, stores the months, erases all."""

    def __init__(self, context: AppContext, dialog: RetentionDialog) -> None:
        super().__init__(dialog)
        self.context = context
        self.dialog = dialog
        dialog.months.valueChanged.connect(self.store_months)
        dialog.erase_button.clicked.connect(lambda: self.all(ErasureMode.ERASE))
        dialog.anonymise_button.clicked.connect(lambda: self.all(ErasureMode.ANONYMISE))
        self.refresh()

    def refresh(self) -> None:
        assert self.context.db is not None
        self.dialog.show_people(retention.people_due(self.context.db))

    def store_months(self, months: int) -> None:
        assert self.context.db is not None
        try:
            retention.set_keep_months(self.context.db, months)
        except TandemError as exc:
            dialogs.show_warning(self.dialog, exc.message)
        self.refresh()

    def all(self, mode: ErasureMode) -> None:
        db = self.context.db
        people = list(self.dialog.people)
        if db is None or not people or not _confirm_all(self.dialog, mode, len(people)):
            return
        try:
            with _busy():
                result = retention.apply_retention(db, mode, [p.id for p in people])
        except TandemError as exc:
            dialogs.show_warning(self.dialog, exc.message)
            self.refresh()
            return
        done = (
            trn("{n} person was erased.", "{n} people were erased.", result.count)
            if mode == ErasureMode.ERASE
            else trn("{n} person was anonymised.", "{n} people were anonymised.", result.count)
        )
        _finish(self.context, self.dialog, done, self.dialog.compact.isChecked())
        self.refresh()


def run_retention(context: AppContext, parent: QWidget | None) -> None:
    """Show the retention dialog for the open file."""
    if context.db is None:
        return
    dialog = RetentionDialog(retention.keep_months(context.db), parent)
    _RetentionController(context, dialog)
    dialog.exec()
    dialog.deleteLater()


ERASE_KEYS = (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Delete),)
"""Shift+Del erases the selected person (after the confirmation), as it deletes a file for
good in the Windows Explorer."""


class PrivacyActions(QObject):
    """Erase… (Shift+Del) and Anonymise… on the selected row of the participants view: in
    the table's context menu and as table actions. No button of their own: they are rare,
    and the row of buttons above the table is full; Delete… on a person who was in a tandem
    points here, and Tools → Retention period… lists everyone due."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self.action_erase = table_action(view.table, tr("Erase…"), ERASE_KEYS, self.erase)
        self.action_anonymise = table_action(view.table, tr("Anonymise…"), [], self.anonymise)
        self.context_erase = document_menu_action(view, tr("Erase…"), self.erase)
        self.context_anonymise = document_menu_action(view, tr("Anonymise…"), self.anonymise)
        shortcut = ERASE_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)
        self.context_erase.setShortcut(ERASE_KEYS[0])
        self.context_erase.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown only
        self.action_erase.setToolTip(
            tr("Erase the selected person completely ({key})", key=shortcut)
        )
        self.action_anonymise.setToolTip(tr("Anonymise the selected person"))

    def _run(self, mode: ErasureMode) -> None:
        person = self.view.selected()
        if person is not None:
            erase_person(self.view.context, self.view, person.id, mode)

    def erase(self) -> None:
        """Erase… the selected person."""
        self._run(ErasureMode.ERASE)

    def anonymise(self) -> None:
        """Anonymise… the selected person."""
        self._run(ErasureMode.ANONYMISE)


def instead_of_delete_hint() -> str:
    """What Delete… on a person who is or was in a tandem adds to its refusal."""
    return tr(
        "To remove their personal data, right-click the person and choose “Erase…” or “Anonymise…”."
    )
