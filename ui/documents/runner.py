"""Making a document from the window: the document function runs on the worker with a
connection of its own (the window shows a busy indicator and never freezes), an error
becomes a clear message, and the finished PDF opens in the preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.i18n import N_, tr
from ui.context import AppContext
from ui.documents.preview import PdfPreview, open_preview
from ui.workers import BackgroundJob

if TYPE_CHECKING:
    from sqlite_utils import Database

MakePdf = Callable[["Database"], bytes]
"""A document function: reads through the services of the connection it is given and
returns the PDF's bytes. It runs on the worker thread: it must not touch any widget, and
it gets its language as an argument, never from the window."""


class DocumentJob(BackgroundJob):
    """One document made on the worker and then shown in a `PdfPreview` (kept in
    `preview`, a window of its own that closes without asking)."""

    failure_text = N_("The document could not be made.")

    def __init__(
        self,
        context: AppContext,
        make: MakePdf,
        *,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        assert context.path is not None
        super().__init__(
            context.path,
            lambda db, _progress: make(db),
            name="document",
            busy_text=tr("Making the document…"),
            title=title,
            parent=parent,
        )
        self.title = title
        self.file_name = file_name
        self.preview: PdfPreview | None = None

    def succeeded(self, result: bytes) -> None:
        self.preview = open_preview(
            result, title=self.title, file_name=self.file_name, parent=self._parent
        )
        self.preview.destroyed.connect(self._forget_preview)

    def _forget_preview(self) -> None:
        self.preview = None


def show_document(
    context: AppContext,
    make: MakePdf,
    *,
    title: str,
    file_name: str,
    parent: QWidget | None = None,
) -> DocumentJob | None:
    """Make a document on the worker and open it in the preview; `title` names the preview
    window, `file_name` is suggested by Save as…. None when no program file is open."""
    if context.path is None or context.db is None:
        return None
    job = DocumentJob(context, make, title=title, file_name=file_name, parent=parent)
    job.start()
    return job
