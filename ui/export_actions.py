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

from PySide6.QtWidgets import QFileDialog, QWidget

from app import user_prefs
from app.i18n import N_, tr, trn
from app.services import common
from ui import dialogs
from ui.context import AppContext
from ui.workers import BackgroundJob

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


def start_folder(key: str = "export_folder") -> Path:
    """The folder last used (remembered under `key` in the preferences), else Documents,
    else the home folder."""
    last = user_prefs.get(key)
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


class BackgroundExport(BackgroundJob):
    """One file written on a worker with its own connection, a busy dialog meanwhile and a
    message afterwards. Subclasses tell the user what was written in `succeeded()`."""

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
        assert context.path is not None
        super().__init__(
            context.path,
            lambda db, _progress: write(db, path),
            name=name,
            busy_text=busy_text,
            title=title,
            parent=parent,
        )
        self.path = path

    def _on_finished(self, result: Any) -> None:
        user_prefs.put("export_folder", str(self.path.parent))
        super()._on_finished(result)


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
