"""The batch dialog: a long document job (a round's certificates) on the worker, with a
progress bar and Cancel. The job reports by `progress(done, total)`, which returns False
once the user pressed Cancel; the job then stops at its next step and the dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.i18n import format_number, tr
from ui import dialogs
from ui.views.base import plain_label
from ui.workers import FileWork, Worker, job_on_file

CountText = Callable[[int, int], str]


def _count_text(done: int, total: int) -> str:
    return tr("{done} of {total}", done=format_number(done), total=format_number(total))


class BatchDialog(QDialog):
    """Runs `work(db, progress)` on the worker from the moment it is shown and closes when
    the work has ended: Accepted with `result` set, or Rejected with `cancelled` set (the
    user pressed Cancel, Esc or closed it) or `message` set (the work failed; the user was
    told). `count_text(done, total)` words the count under the bar."""

    def __init__(
        self,
        db_path: Path,
        work: FileWork,
        *,
        title: str,
        text: str,
        count_text: CountText | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None
        self.cancelled = False
        self.message: str | None = None
        self._count_text = count_text or _count_text
        self._started = False
        self._running = False

        self.text = plain_label(text, self)
        self.text.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(title)
        self.bar.setRange(0, 0)  # busy until the job reports its total
        self.bar.setTextVisible(False)
        self.count = plain_label("", self)
        self.count.setAccessibleName(tr("Progress"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        self.worker = Worker(job_on_file(db_path, work), self, name="batch")
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)
        self.worker.stopped.connect(self._on_stopped)
        self._outcome: int | None = None

    # --- running -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._running = True
            QTimer.singleShot(0, self.worker.start)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.count.setText(self._count_text(done, total))

    def _on_finished(self, result: Any) -> None:
        self.result_value = result
        self._outcome = QDialog.DialogCode.Accepted

    def _on_cancelled(self, _message: str) -> None:
        self.cancelled = True
        self._outcome = QDialog.DialogCode.Rejected

    def _on_failed(self, message: str) -> None:
        self.message = message
        self._outcome = QDialog.DialogCode.Rejected

    def _on_stopped(self) -> None:
        self._running = False
        if self.message is not None:
            dialogs.show_warning(self, tr("The documents could not be made."), self.message)
        if self._outcome == QDialog.DialogCode.Accepted:
            super().accept()
        else:
            super().reject()

    # --- stopping ------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel, Esc or closing the window: ask the job to stop; the dialog closes once it
        has (a file being written is finished first, so none is left half-written)."""
        if self._running:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.text.setText(tr("Cancelling…"))
            return
        if self._outcome is None and not self._started:
            self.cancelled = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def run_batch(
    db_path: Path,
    work: FileWork,
    *,
    title: str,
    text: str,
    count_text: CountText | None = None,
    parent: QWidget | None = None,
) -> BatchDialog:
    """Show the batch dialog until the work has ended; look at its `result_value`,
    `cancelled` and `message` afterwards."""
    dialog = BatchDialog(
        db_path, work, title=title, text=text, count_text=count_text, parent=parent
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
    return dialog
