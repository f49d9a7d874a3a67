"""The reports, each from where it belongs: ask for the options, make the PDF on the worker
and open it in the preview with the file name the document suggests (in its language)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from app import user_prefs
from app.errors import TandemError
from app.files import write_atomically
from app.i18n import tr
from ui import dialogs
from ui.context import SETTINGS, AppContext
from ui.documents.files import FOLDER_PREF
from ui.documents.preview import PdfPreview, open_preview
from ui.documents.runner import DocumentJob, show_document
from ui.export_actions import legal_file_name, start_folder

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ui.reports.person_dialog import PersonExportChoice

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


# --- the personal data export (GDPR art. 15) ------------------------------------------------


def _people(db: Database) -> list[tuple[int, str]]:
    """(id, label) of everyone, by last name; a name that two people share gets their
    personnel number (or e-mail) so the right one can be chosen."""
    from app.services.participants import list_participants

    everyone = list_participants(db)
    counts: dict[str, int] = {}
    for person in everyone:
        counts[person.name] = counts.get(person.name, 0) + 1
    found = []
    for person in everyone:
        label = person.name
        if counts[person.name] > 1:
            label += f" ({person.personnel_number or person.email or person.id})"
        found.append((person.id, label))
    return found


def ask_json_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to save the machine-readable copy (the documents' folder first); None when the
    user cancels. ".json" is added when typed without it (asking before replacing)."""
    name, _chosen = QFileDialog.getSaveFileName(
        parent,
        tr("Save the machine-readable copy"),
        str(start_folder(FOLDER_PREF) / legal_file_name(suggested_name)),
        tr("JSON files (*.json)"),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
        if path.exists() and not dialogs.ask_yes_no(
            parent, tr("{name} already exists. Replace it?", name=path.name)
        ):
            return None
    return path


def _person_export_work(choice: PersonExportChoice, json_path: Path | None, vault: Any) -> Any:
    """Make the PDF from `db`, then write the JSON copy (whole or not at all): when the PDF
    cannot be made, no copy is written either."""

    def work(db: Database) -> bytes:
        from app.documents.person_export import person_export_json, person_export_pdf

        options = {"with_notes": choice.with_notes, "vault": vault}
        data = person_export_pdf(db, choice.participant_id, lang=choice.lang, **options)
        if json_path is not None:
            text = person_export_json(db, choice.participant_id, **options)
            write_atomically(json_path, text.encode("utf-8"))
        return data

    return work


def make_person_export(
    context: AppContext, parent: QWidget | None = None, participant_id: int | None = None
) -> DocumentJob | PdfPreview | None:
    """Personal data export (GDPR)…: ask whose data and how, then make the PDF (and the
    JSON copy where asked) and open it in the preview.

    Without the notes' content the document is made on the worker. With it, it is made
    here: the key of the unlocked notes belongs to the window's connection, which cannot
    be used from another thread, and it never leaves the window's vault."""
    from app.documents.person_export import person_export_filename
    from app.services.settings import document_language
    from ui.notes.window_hooks import controller_for
    from ui.reports.person_dialog import PersonExportDialog

    db = context.db
    if db is None:
        return None
    people = _people(db)
    if not people:
        dialogs.show_info(parent, tr("There is no participant in this file yet."))
        return None
    notes = controller_for(context)
    dialog = PersonExportDialog(
        people=people,
        lang=document_language(db),
        notes=notes,
        participant_id=participant_id,
        parent=parent,
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.choice()
    finally:
        dialog.deleteLater()
    try:
        file_name = person_export_filename(db, choice.participant_id, lang=choice.lang)
        json_name = person_export_filename(db, choice.participant_id, lang=choice.lang, ext="json")
    except TandemError as exc:
        _warn(parent, exc)
        return None
    json_path: Path | None = None
    if choice.with_json:
        json_path = ask_json_path(parent, json_name)
        if json_path is None:
            return None
        user_prefs.put(FOLDER_PREF, str(json_path.parent))
    title = file_name.removesuffix(".pdf")
    saved = tr("Machine-readable copy saved as {path}", path=str(json_path))

    if not choice.with_notes:
        job = show_document(
            context,
            _person_export_work(choice, json_path, None),
            title=title,
            file_name=file_name,
            parent=parent,
        )
        if job is not None and json_path is not None:

            def say_saved(ok: bool) -> None:
                if ok and job.preview is not None:
                    job.preview.status.setText(saved)

            job.done.connect(say_saved)
        return job
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = _person_export_work(choice, json_path, notes.vault)(db)
    except TandemError as exc:
        QApplication.restoreOverrideCursor()
        _warn(parent, exc)
        return None
    QApplication.restoreOverrideCursor()
    preview = open_preview(data, title=title, file_name=file_name, parent=parent)
    if json_path is not None:
        preview.status.setText(saved)
    return preview


# --- the works-council description ----------------------------------------------------------


def make_works_council_sheet(
    context: AppContext, parent: QWidget | None = None
) -> DocumentJob | None:
    """Works-council description…: the description of the processing with the GDPR
    art. 30 record, made from the file's schema and settings, in the language chosen."""
    from app.documents.works_council import works_council_filename, works_council_pdf
    from app.services.settings import document_language
    from ui.documents.options import ask_options

    db = context.db
    if db is None:
        return None
    options = ask_options(
        parent,
        title=tr("Works-council description"),
        intro=tr(
            "The description of the processing for the works council, with the record of "
            "processing activities (GDPR art. 30): what Tandem stores and for what, who sees "
            "it, how long it is kept, every report with its minimum group size, and what "
            "Tandem does not store. It is made from this file, so it matches what is stored."
        ),
        lang=document_language(db),
    )
    if options is None:
        return None
    lang = options.lang
    file_name = works_council_filename(db, lang=lang)
    return show_document(
        context,
        lambda worker_db: works_council_pdf(worker_db, lang=lang),
        title=file_name.removesuffix(".pdf"),
        file_name=file_name,
        parent=parent,
    )


# --- the programme factsheet ----------------------------------------------------------------

_factsheet_texts: dict[str, str] = {}
"""HR's last factsheet text per program file, for this session only."""


def factsheet_years(years_with_rounds: list[int], this_year: int) -> tuple[list[int], int]:
    """The years offered for a factsheet (those with rounds, and this year, so a programme
    can be presented before its first round), newest first, and the one chosen first: the
    latest year with rounds that is not in the future, else this year."""
    offered = sorted(set(years_with_rounds) | {this_year}, reverse=True)
    past = [y for y in years_with_rounds if y <= this_year]
    return offered, max(past, default=this_year)


def make_factsheet(context: AppContext, parent: QWidget | None = None) -> DocumentJob | None:
    """Programme factsheet…: ask for the year, the language and HR's text, then make the
    one-page factsheet and open it in the preview."""
    from app.documents.factsheet import factsheet_filename, factsheet_pdf
    from app.services.common import today
    from app.services.settings import document_language
    from app.services.summary import report_years
    from ui.reports.factsheet_dialog import FactsheetDialog

    db = context.db
    if db is None:
        return None
    years, chosen = factsheet_years(report_years(db), today().year)
    key = str(context.path)
    dialog = FactsheetDialog(
        years=years,
        year=chosen,
        lang=document_language(db),
        text=_factsheet_texts.get(key, ""),
        parent=parent,
    )
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        _factsheet_texts[key] = dialog.text.toPlainText()
        if not accepted:
            return None
        choice = dialog.choice()
    finally:
        dialog.deleteLater()
    file_name = factsheet_filename(db, lang=choice.lang, year=choice.year)
    return show_document(
        context,
        lambda worker_db: factsheet_pdf(
            worker_db, lang=choice.lang, year=choice.year, text=choice.text
        ),
        title=file_name.removesuffix(".pdf"),
        file_name=file_name,
        parent=parent,
    )
