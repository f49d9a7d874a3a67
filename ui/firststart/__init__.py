"""The first start: where a new program file is proposed (the user's local Documents folder,
with a name in the user's language) and the start page's three ways in (see ui/start_page.py).
"""

from __future__ import annotations

from pathlib import Path

from app.db.connection import FILE_SUFFIX
from app.i18n import tr
from app.places import local_documents_folder, risk_of, unique_path


def documents_folder() -> Path:
    """The user's Documents folder as the system names it (Qt's DocumentsLocation, which
    follows a redirected folder on Windows) when it is on this computer; else a local folder
    (`app.places.local_documents_folder`): a Documents folder that OneDrive synchronises is
    risky for a program file."""
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location:
        folder = Path(location)
        if folder.is_dir() and risk_of(folder) is None:
            return folder
    return local_documents_folder()


def default_file_name() -> str:
    """The name proposed for a new program file, in the user's language."""
    return tr("Mentoring program") + FILE_SUFFIX


def proposed_new_file(recent: Path | None = None) -> Path:
    """Where File → New… proposes the new file: beside the most recent file when that folder
    is local, else in the Documents folder; a name not yet taken there."""
    folder = documents_folder()
    if recent is not None and recent.parent.is_dir() and risk_of(recent.parent) is None:
        folder = recent.parent
    return unique_path(folder, default_file_name())
