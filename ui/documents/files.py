"""PDF files from the window: Save as… (the last folder remembered, the file written whole
or not at all) and Open in PDF viewer (a copy in Tandem's temporary folder, opened with the
program the system uses for PDFs)."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app import user_prefs
from app.errors import StorageError, TandemError
from app.files import write_atomically
from app.i18n import tr
from ui import dialogs
from ui.export_actions import legal_file_name, start_folder

log = logging.getLogger(__name__)

FOLDER_PREF = "documents_folder"
"""The preference that remembers the folder documents were last saved in."""
MAX_STEM = 120
"""Longest file name (without .pdf) suggested: Windows paths end at 260 characters."""
TEMP_KEEP_SECONDS = 24 * 3600
"""Copies opened in a PDF viewer are removed a day later (the viewer may still show them)."""


def pdf_filter() -> str:
    """The save dialog's filter for PDF files."""
    return tr("PDF documents (*.pdf)")


def pdf_file_name(name: str) -> str:
    """`name` as a Windows-legal PDF file name: reserved characters replaced, not too long,
    ending in .pdf."""
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = legal_file_name(stem)[:MAX_STEM].rstrip(". ") or "document"
    return stem + ".pdf"


def write_pdf(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (an older file stays as it was when
    anything fails); a missing folder is said in plain words."""
    if not path.parent.is_dir():
        raise StorageError(tr("The folder {folder} does not exist.", folder=str(path.parent)))
    write_atomically(path, data)


def ask_pdf_path(parent: QWidget | None, suggested_name: str, caption: str = "") -> Path | None:
    """Ask where to save a PDF (starting in the folder last used, with `suggested_name`);
    None when the user cancels. The dialog asks before it replaces an existing file; when
    ".pdf" had to be added to the typed name, Tandem asks itself."""
    name, _chosen = QFileDialog.getSaveFileName(
        parent,
        caption or tr("Save PDF"),
        str(start_folder(FOLDER_PREF) / pdf_file_name(suggested_name)),
        pdf_filter(),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
        if path.exists() and not dialogs.ask_yes_no(
            parent, tr("{name} already exists. Replace it?", name=path.name)
        ):
            return None
    return path


def save_pdf_as(parent: QWidget | None, data: bytes, suggested_name: str) -> Path | None:
    """Save as…: ask where, write the file, remember the folder. Returns the path written,
    None when the user cancelled or the file could not be written (the user was told)."""
    path = ask_pdf_path(parent, suggested_name)
    if path is None:
        return None
    try:
        write_pdf(path, data)
    except TandemError as exc:
        dialogs.show_warning(parent, tr("The PDF was not saved."), exc.message)
        return None
    user_prefs.put(FOLDER_PREF, str(path.parent))
    return path


def temp_folder() -> Path:
    """Tandem's own folder for copies opened in a PDF viewer (in the system's temp folder)."""
    return Path(tempfile.gettempdir()) / "Tandem"


def _remove_old_copies(folder: Path, now: float) -> None:
    """Remove copies older than TEMP_KEEP_SECONDS; one still open in a viewer stays."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if now - entry.stat().st_mtime <= TEMP_KEEP_SECONDS:
                continue
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue


def write_viewer_copy(data: bytes, name: str) -> Path:
    """Write a copy of the PDF under its own name into a new folder inside `temp_folder()`
    (so the viewer's title says what it is, and two copies never collide)."""
    root = temp_folder()
    try:
        root.mkdir(parents=True, exist_ok=True)
        _remove_old_copies(root, time.time())
        folder = Path(tempfile.mkdtemp(prefix="pdf-", dir=root))
    except OSError as exc:
        raise StorageError(
            tr("{name} cannot be written: {reason}", name=str(root), reason=exc.strerror or exc)
        ) from exc
    path = folder / pdf_file_name(name)
    write_pdf(path, data)
    return path


def open_in_viewer(parent: QWidget | None, data: bytes, name: str) -> Path | None:
    """Open in PDF viewer: write a temporary copy and hand it to the system's PDF program.
    Returns the copy's path, None when it could not be written or opened (the user was
    told, with the path so the file can still be found)."""
    try:
        path = write_viewer_copy(data, name)
    except TandemError as exc:
        dialogs.show_warning(parent, tr("The PDF could not be opened."), exc.message)
        return None
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        log.info("No program opened a PDF file.")
        dialogs.show_warning(
            parent,
            tr("No program to show PDF files was found."),
            tr("The document was saved here: {path}", path=str(path)),
        )
        return None
    return path
