"""The reports, each from where it belongs: ask for the options, make the PDF on the worker
and open it in the preview with the file name the document suggests (in its language)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from app.errors import TandemError
from app.i18n import tr
from ui import dialogs
from ui.context import SETTINGS, AppContext
from ui.documents.runner import DocumentJob, show_document

_commentaries: dict[str, str] = {}
"""HR's last commentary per program file, for this session only (never written anywhere):
closing the preview to fix a typo does not lose the text."""


def _warn(parent: QWidget | None, exc: TandemError) -> None:
    dialogs.show_warning(parent, tr("The document could not be made."), exc.message)


# --- the annual summary -------------------------------------------------------------------


def make_annual_summary(
    context: AppContext, parent: QWidget | None = None, round_id: int | None = None
) -> DocumentJob | None:
    """Annual summary…: ask what it covers and how, keep a raised minimum group size in the
    file, then make the summary and open it in the preview. `round_id` is offered first
    when the user chooses one round (the Overview passes the round it shows)."""
    from app.documents.summary import summary_filename, summary_pdf
    from app.services.report_settings import set_summary_threshold, summary_threshold
    from app.services.rounds import list_rounds
    from app.services.settings import document_language
    from app.services.summary import report_years
    from ui.reports.summary_dialog import SummaryDialog

    db = context.db
    if db is None:
        return None
    rounds = [(r.id, r.name) for r in list_rounds(db)]
    if not rounds:
        dialogs.show_info(
            parent,
            tr("There is no round yet, so there is nothing to summarise."),
            tr("Create a round and pair mentors and mentees first."),
        )
        return None
    key = str(context.path)
    stored = summary_threshold(db)
    dialog = SummaryDialog(
        years=report_years(db),
        rounds=rounds,
        lang=document_language(db),
        threshold=stored,
        commentary=_commentaries.get(key, ""),
        round_id=round_id,
        parent=parent,
    )
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        _commentaries[key] = dialog.commentary.toPlainText()
        if not accepted:
            return None
        choice = dialog.choice()
    finally:
        dialog.deleteLater()
    if choice.threshold > stored and not dialogs.ask_yes_no(
        parent,
        tr(
            "Raise the minimum group size of this file from {old} to {new}? Every anonymous "
            "report of the file will use it, and it cannot be lowered again here.",
            old=stored,
            new=choice.threshold,
        ),
    ):
        return None
    try:
        if choice.threshold > stored:
            set_summary_threshold(db, choice.threshold)
            context.notify_changed(SETTINGS)
        file_name = summary_filename(
            db, lang=choice.lang, year=choice.year, round_id=choice.round_id, names=choice.names
        )
    except TandemError as exc:
        _warn(parent, exc)
        return None
    return show_document(
        context,
        lambda worker_db: summary_pdf(
            worker_db,
            lang=choice.lang,
            year=choice.year,
            round_id=choice.round_id,
            names=choice.names,
            commentary=choice.commentary,
        ),  # fmt: skip
        title=file_name.removesuffix(".pdf"),
        file_name=file_name,
        parent=parent,
    )
