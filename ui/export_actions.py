"""File → Export participants…: the participant list as an Excel workbook or a CSV file for
Excel, written on a worker thread with its own connection (`app.services.exports` writes a
temporary file beside the target and renames it, so a failure leaves an older file as it was).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from app import user_prefs
from app.i18n import N_, tr, trn
from app.services import common
from ui import dialogs
from ui.context import AppContext
from ui.workers import Worker

if TYPE_CHECKING:
    from sqlite_utils import Database

_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def xlsx_filter() -> str:
    """The save dialog's filter for Excel."""
    return tr("Excel workbook (*.xlsx)")


def csv_filter() -> str:
    """The save dialog's filter for CSV."""
    return tr("CSV for Excel (*.csv)")


def legal_file_name(name: str) -> str:
    """A file name Windows accepts: no reserved characters, no trailing dot or space."""
    cleaned = _ILLEGAL.sub("-", name).strip().rstrip(". ")
    return cleaned or "export"


def default_file_name(today: date | None = None, suffix: str = ".xlsx") -> str:
    """`Participants-2026-11-22.xlsx` (`Teilnehmende-2026-11-22.xlsx` in German)."""
    day = (today or common.today()).isoformat()
    return legal_file_name(tr("Participants-{date}", date=day)) + suffix


def start_folder() -> Path:
    """The folder of the last export, else Documents, else the home folder."""
    last = user_prefs.get("export_folder")
    if isinstance(last, str) and Path(last).is_dir():
        return Path(last)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def with_suffix_for(name: str, chosen_filter: str) -> Path:
    """The chosen path with .xlsx or .csv: as typed, or added from the chosen filter."""
    path = Path(name)
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    suffix = ".csv" if chosen_filter == csv_filter() else ".xlsx"
    return path.with_name(path.name + suffix)


class BackgroundExport(QObject):
    """One file written on a worker with its own connection, a busy dialog meanwhile and a
    message afterwards. Subclasses tell the user what was written in `succeeded()`."""

    done = Signal(bool)
    """True when the file was written, False when it failed (the user was told why)."""

    failure_text: str = ""
    """N_()-marked first line of the warning when the file could not be written."""

    def __init__(
        self,
        context: AppContext,
        path: Path,
        write: Callable[[Database, Path], Any],
        *,
        name: str,
        busy_text: str,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        """`write(db, path)` runs on the worker with a connection of its own."""
        super().__init__(parent)
        self._parent = parent
        self.path = path
        self.message: str | None = None
        db_path = context.path
        assert db_path is not None

        def job(progress: Any, is_cancelled: Any) -> Any:
            from app.db import open_database

            del progress, is_cancelled
            db = open_database(db_path)
            try:
                return write(db, path)
            finally:
                db.close()

        self.worker = Worker(job, name=name)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.busy = QProgressDialog(busy_text, "", 0, 0, parent)
        self.busy.setWindowTitle(title)
        self.busy.setCancelButton(None)
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setMinimumDuration(400)
        self.busy.setAutoClose(False)
        self.busy.setAutoReset(False)

    def start(self) -> None:
        """Write the file in the background."""
        self.busy.setValue(0)
        self.worker.start()

    def succeeded(self, result: Any) -> None:
        """Keep `result` (what `write` returned) and tell the user."""
        raise NotImplementedError

    def _close_busy(self) -> None:
        self.busy.reset()
        self.busy.hide()
        self.busy.deleteLater()

    def _on_finished(self, result: Any) -> None:
        self._close_busy()
        user_prefs.put("export_folder", str(self.path.parent))
        self.succeeded(result)
        self.done.emit(True)

    def _on_failed(self, message: str) -> None:
        self._close_busy()
        self.message = message
        dialogs.show_warning(self._parent, tr(self.failure_text), message)
        self.done.emit(False)


def _write_participants(db: Database, path: Path) -> int:
    from app.services.exports import export_participants

    return export_participants(db, path)


class ParticipantExport(BackgroundExport):
    """One export of the participant list: runs on a worker and tells the user how it went."""

    failure_text = N_("The export did not succeed.")

    def __init__(self, context: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            path,
            _write_participants,
            name="export",
            busy_text=tr("Exporting the participants…"),
            title=tr("Export participants"),
            parent=parent,
        )
        self.count: int | None = None

    def succeeded(self, result: int) -> None:
        self.count = result
        dialogs.show_info(
            self._parent,
            trn(
                "{n} participant was exported to:",
                "{n} participants were exported to:",
                result,
            ),
            str(self.path),
        )


def export_participants(
    context: AppContext, parent: QWidget | None = None
) -> ParticipantExport | None:
    """Ask where to save (Excel or CSV) and start the export; None when the user cancels."""
    if context.db is None or context.path is None:
        return None
    filters = [xlsx_filter(), csv_filter()]
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        tr("Export participants"),
        str(start_folder() / default_file_name()),
        ";;".join(filters),
        filters[0],
    )
    if not name:
        return None
    export = ParticipantExport(context, with_suffix_for(name, chosen), parent)
    export.start()
    return export


def run(window: Any) -> ParticipantExport | None:
    """File → Export participants… (registered in ui/actions.py)."""
    return export_participants(window.context, window)
