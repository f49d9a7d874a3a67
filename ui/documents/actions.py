"""The documents, each from where it belongs: a tandem's agreement and agenda sheets (tandems
view and its detail panel), a meeting's agenda sheet (meetings view), a round's certificates
(rounds view) and one person's certificate (participants view).

Each asks for the document's language (the file's document language first) and its options,
makes the PDF on the worker and opens it in the preview; a round's certificates run in the
batch dialog with progress and Cancel, as one PDF or as one file per person in a folder.
The file names come from the documents (`app/documents/`), in the document's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app import user_prefs
from app.errors import TandemError
from app.i18n import format_number, tr, translator, trn
from ui import dialogs
from ui.context import AppContext
from ui.documents.batch import run_batch
from ui.documents.files import FOLDER_PREF
from ui.documents.options import DocumentOptions, Offer, ask_options
from ui.documents.preview import open_preview
from ui.documents.runner import DocumentJob, MakePdf, show_document
from ui.export_actions import start_folder

if TYPE_CHECKING:
    from sqlite_utils import Database


def _default_language(db: Database) -> str:
    from app.services.settings import document_language

    return document_language(db)


def _warn(parent: QWidget | None, exc: TandemError) -> None:
    dialogs.show_warning(parent, tr("The document could not be made."), exc.message)


def _run(
    context: AppContext,
    parent: QWidget | None,
    make: MakePdf,
    *,
    title: str,
    file_name: str,
) -> DocumentJob | None:
    return show_document(context, make, title=title, file_name=file_name, parent=parent)


# --- the tandem agreement -----------------------------------------------------------------


def print_agreement(
    context: AppContext, tandem_id: int, parent: QWidget | None = None
) -> DocumentJob | None:
    """Print agreement…: the tandem agreement of one tandem, in the language chosen."""
    from app.documents.agreement import agreement_filename, agreement_pdf
    from app.services.tandems import get_tandem

    db = context.db
    if db is None:
        return None
    try:
        tandem = get_tandem(db, tandem_id)
    except TandemError as exc:
        _warn(parent, exc)
        return None
    options = ask_options(
        parent,
        title=tr("Print agreement"),
        intro=tr(
            "The tandem agreement of {mentor} and {mentee}, to print and sign.",
            mentor=tandem.mentor_name,
            mentee=tandem.mentee_name,
        ),
        lang=_default_language(db),
    )
    if options is None:
        return None
    lang = options.lang
    return _run(
        context,
        parent,
        lambda worker_db: agreement_pdf(worker_db, tandem_id, lang=lang),
        title=tr("Tandem agreement: {mentor} – {mentee}", mentor=tandem.mentor_name,
                 mentee=tandem.mentee_name),
        file_name=agreement_filename(db, tandem_id, lang=lang),
    )  # fmt: skip


# --- agenda sheets ------------------------------------------------------------------------


def _agenda(
    context: AppContext,
    parent: QWidget | None,
    *,
    session_id: int | None,
    tandem_id: int | None,
    intro: str,
) -> DocumentJob | None:
    from app.documents.agenda import agenda_filename, agenda_pdf

    db = context.db
    if db is None:
        return None
    options = ask_options(
        parent,
        title=tr("Agenda sheet"),
        intro=intro,
        lang=_default_language(db),
        offer=Offer(anonymous=True),
    )
    if options is None:
        return None
    lang, anonymous = options.lang, options.anonymous
    try:
        file_name = agenda_filename(
            db, session_id=session_id, tandem_id=tandem_id, lang=lang, anonymous=anonymous
        )
    except TandemError as exc:
        _warn(parent, exc)
        return None
    return _run(
        context,
        parent,
        lambda worker_db: agenda_pdf(
            worker_db, session_id=session_id, tandem_id=tandem_id, lang=lang, anonymous=anonymous
        ),
        title=file_name.removesuffix(".pdf"),
        file_name=file_name,
    )


def print_agenda_sheet(
    context: AppContext, session_id: int, parent: QWidget | None = None
) -> DocumentJob | None:
    """Agenda sheet…: the agenda sheet of one meeting."""
    return _agenda(
        context,
        parent,
        session_id=session_id,
        tandem_id=None,
        intro=tr(
            "The agenda sheet of the meeting: agenda, preparation, room for notes and what "
            "each partner learned."
        ),
    )


def print_upcoming_agendas(
    context: AppContext, tandem_id: int, parent: QWidget | None = None
) -> DocumentJob | None:
    """Agenda sheets of upcoming meetings…: one sheet per upcoming meeting of a tandem."""
    from app.services.tandems import get_tandem

    if context.db is None:
        return None
    try:
        tandem = get_tandem(context.db, tandem_id)
    except TandemError as exc:
        _warn(parent, exc)
        return None
    return _agenda(
        context,
        parent,
        session_id=None,
        tandem_id=tandem_id,
        intro=tr(
            "The agenda sheets of every upcoming meeting of {mentor} and {mentee}, one page "
            "per meeting.",
            mentor=tandem.mentor_name,
            mentee=tandem.mentee_name,
        ),
    )


# --- certificates -------------------------------------------------------------------------


def certificate_rounds(db: Database, participant_id: int) -> list[tuple[int, str]]:
    """(round id, name) of every round in which the person gets a certificate, newest
    first (the certificates service decides who gets one)."""
    from app.services.certificates import certificate
    from app.services.tandems import list_tandems

    found: list[tuple[int, str]] = []
    for tandem in list_tandems(db):
        if participant_id not in (tandem.mentor_id, tandem.mentee_id):
            continue
        if any(round_id == tandem.round_id for round_id, _name in found):
            continue
        try:
            certificate(db, tandem.round_id, participant_id)
        except TandemError:
            continue
        found.append((tandem.round_id, tandem.round_name))
    return found


def print_certificate(
    context: AppContext,
    participant_id: int,
    parent: QWidget | None = None,
    round_id: int | None = None,
) -> DocumentJob | None:
    """Certificate…: one person's certificate of participation (Teilnahmebestätigung), for
    the round chosen when they took part in several."""
    from app.documents.certificate import certificate_filename, certificates_pdf
    from app.services.participants import get_participant

    db = context.db
    if db is None:
        return None
    person = get_participant(db, participant_id)
    rounds = certificate_rounds(db, participant_id)
    if round_id is not None:
        rounds = [r for r in rounds if r[0] == round_id]
    if not rounds:
        dialogs.show_info(
            parent,
            tr("There is no certificate for {name} yet.", name=person.name),
            tr(
                "A certificate confirms a completed tandem, or the meetings held in a "
                "dissolved one."
            ),
        )
        return None
    options = ask_options(
        parent,
        title=tr("Certificate"),
        intro=tr("The certificate of participation of {name}.", name=person.name),
        lang=_default_language(db),
        offer=Offer(orientation=True, topics=True, rounds=tuple(rounds)),
    )
    if options is None:
        return None
    chosen = options.round_id or rounds[0][0]
    lang, landscape, topics = options.lang, options.landscape, options.with_topics
    return _run(
        context,
        parent,
        lambda worker_db: certificates_pdf(
            worker_db,
            round_id=chosen,
            participant_ids=[participant_id],
            lang=lang,
            landscape=landscape,
            show_topics=topics,
        ),  # fmt: skip
        title=tr("Certificate: {name}", name=person.name),
        file_name=certificate_filename(translator(lang), person.name),
    )


def _round_work(round_id: int, options: DocumentOptions, folder: Path | None) -> Any:
    """The batch job: every certificate of the round, as one PDF or as files in `folder`."""

    def work(db: Database, progress: Any) -> Any:
        from app.documents.certificate import certificate_files, certificates_pdf
        from app.services.certificates import round_certificates

        ids = None
        if options.include_dissolved:
            found = round_certificates(db, round_id, include_dissolved=True)
            ids = [c.participant_id for c in found] or None
        common: dict[str, Any] = {
            "round_id": round_id, "participant_ids": ids, "lang": options.lang,
            "landscape": options.landscape, "show_topics": options.with_topics,
            "progress": progress,
        }  # fmt: skip
        if folder is not None:
            return certificate_files(db, folder=folder, **common)
        return certificates_pdf(db, **common)

    return work


def print_round_certificates(
    context: AppContext, round_id: int, parent: QWidget | None = None
) -> Any:
    """Certificates…: the certificates of a round, in the batch dialog. Returns the preview
    (one PDF), the list of files written (one per person), or None."""
    from app.documents.certificate import certificate_filename
    from app.services.rounds import get_round

    db = context.db
    if db is None or context.path is None:
        return None
    round_ = get_round(db, round_id)
    options = ask_options(
        parent,
        title=tr("Certificates"),
        intro=tr(
            "The certificates of participation of the round “{round}”: for everyone whose "
            "tandem was completed.",
            round=round_.name,
        ),
        lang=_default_language(db),
        offer=Offer(orientation=True, topics=True, dissolved=True, output=True),
    )
    if options is None:
        return None
    folder: Path | None = None
    if options.one_file_per_person:
        name = QFileDialog.getExistingDirectory(
            parent, tr("Folder for the certificates"), str(start_folder(FOLDER_PREF))
        )
        if not name:
            return None
        folder = Path(name)
    batch = run_batch(
        context.path,
        _round_work(round_id, options, folder),
        title=tr("Certificates"),
        text=tr("Making the certificates of the round “{round}”…", round=round_.name),
        count_text=lambda done, total: trn(
            "{done} of {n} certificate made",
            "{done} of {n} certificates made",
            total,
            done=format_number(done),
        ),
        parent=parent,
    )
    if batch.cancelled or batch.result_value is None:
        if batch.cancelled:
            dialogs.show_info(parent, tr("Cancelled: no certificate was saved."))
        return None
    if folder is not None:
        paths: list[Path] = batch.result_value
        user_prefs.put(FOLDER_PREF, str(folder))
        if dialogs.ask_yes_no(
            parent,
            trn(
                "{n} certificate was saved in {folder}. Open the folder now?",
                "{n} certificates were saved in {folder}. Open the folder now?",
                len(paths),
                folder=str(folder),
            ),
        ):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return paths
    return open_preview(
        batch.result_value,
        title=tr("Certificates: {round}", round=round_.name),
        file_name=certificate_filename(translator(options.lang), round_.name),
        parent=parent,
    )
