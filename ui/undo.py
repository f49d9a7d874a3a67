"""Undo for changes made in the window: one QUndoStack per open file, kept on the context.

A view pushes a `DoneCommand` AFTER it wrote through a service (the first `redo()` that
QUndoStack calls on push is skipped). Undo and redo call services again; a refused undo
(for example an e-mail address taken since) shows its message and forgets the history.
The stack is emptied whenever a file is opened or closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from app.errors import TandemError
from app.i18n import tr
from ui.context import AppContext

_ATTRIBUTE = "_tandem_undo_stack"


def undo_stack(context: AppContext) -> QUndoStack:
    """The undo history of the file open in `context` (made on first use)."""
    stack = getattr(context, _ATTRIBUTE, None)
    if stack is None:
        stack = QUndoStack(context)
        setattr(context, _ATTRIBUTE, stack)
        context.database_opened.connect(stack.clear)
        context.database_closed.connect(stack.clear)
    return stack


class DoneCommand(QUndoCommand):
    """A change already written: `undo` and `redo` are callables that write through services
    and then announce the change with `context.notify_changed(area)`."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        area: str,
        undo: Callable[[], object],
        redo: Callable[[], object],
    ) -> None:
        super().__init__(text)
        self._context = context
        self._area = area
        self._undo = undo
        self._redo = redo
        self._done = True  # pushed after the change was made

    def undo(self) -> None:
        self._run(self._undo)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self._redo)

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except TandemError as exc:
            from ui import dialogs

            stack = undo_stack(self._context)
            QTimer.singleShot(0, stack.clear)
            dialogs.show_warning(None, exc.message)
        self._context.notify_changed(self._area)


def undo_actions(context: AppContext, parent: QObject) -> tuple[QAction, QAction]:
    """Edit → Undo (Ctrl+Z) and Redo actions whose text names what they undo."""
    stack = undo_stack(context)
    undo = QAction(parent)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = QAction(parent)
    redo.setShortcut(QKeySequence.StandardKey.Redo)

    def update() -> None:
        try:
            undo.setEnabled(stack.canUndo())
            redo.setEnabled(stack.canRedo())
            # A name like "Anna & Lee" must not turn into a mnemonic in the menu.
            what = stack.undoText().replace("&", "&&")
            again = stack.redoText().replace("&", "&&")
            undo.setText(tr("&Undo {action}", action=what) if what else tr("&Undo"))
            redo.setText(tr("&Redo {action}", action=again) if again else tr("&Redo"))
        except RuntimeError:  # the window or the context is being torn down
            return

    undo.triggered.connect(stack.undo)
    redo.triggered.connect(stack.redo)
    stack.indexChanged.connect(update)
    stack.cleanChanged.connect(update)
    update()
    return undo, redo
