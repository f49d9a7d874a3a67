"""Each document from where it belongs, in the window: a tandem's agreement (detail panel,
Ctrl+P, context menu, and after marking it agreed), a meeting's agenda sheet, a tandem's
upcoming sheets, a round's certificates (one PDF or a file per person) and one person's
certificate. Each PDF is read back: the names exactly as typed, the language chosen."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.db import open_database
from app.model import SessionInput, TandemStatus
from app.services import sessions, settings, tandems
from app.services.participants import list_participants
from tests.pdf_helpers import pdf_metadata, pdf_text
from tests.ui.conftest import make_window
from ui.documents.options import DocumentOptionsDialog
from ui.documents.preview import PdfPreview
from ui.documents.runner import DocumentJob
from ui.main_window import MainWindow
from ui.tandem_detail import PRINT_AFTER_AGREED, AgreementDialog

LUKASZ, DAGMAR = "Łukasz Dvořák-Şahin", "Dagmar Özdemir"
ANNA, BERND = "Anna & <b>Lee</b>", "bernd Ähler"


def first_tandem(path: Path) -> int:
    """The id of Łukasz and Dagmar's tandem (active) in the small program."""
    db = open_database(path)
    try:
        (found,) = [t for t in tandems.list_tandems(db) if t.mentor_name == LUKASZ]
        return found.id
    finally:
        db.close()


def complete_first_tandem(path: Path) -> None:
    db = open_database(path)
    try:
        tandems.set_status(db, first_tandem(path), TandemStatus.COMPLETED)
    finally:
        db.close()


def choose(lang: str, **checks: bool):
    """A script for the options dialog: pick the language, tick the options, Make PDF."""

    def script(dialog: DocumentOptionsDialog) -> None:
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        for name, on in checks.items():
            getattr(dialog, name).setChecked(on)
        dialog.ok_button.click()

    return script


def made_preview(qtbot, owner) -> PdfPreview:
    """Wait for the document job started from `owner` and return its preview."""
    (job,) = owner.findChildren(DocumentJob)
    if job.preview is None:
        with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
            pass
        assert blocker.args == [True], job.message
    assert job.preview is not None
    return job.preview


def show(window: MainWindow, key: str):
    view = window.show_view(key)
    view.ensure_loaded()
    return view


def test_print_agreement_from_the_detail_panel_in_german_while_the_window_is_english(
    qtbot, program_file: Path, contexts, drive, save_dialog, tmp_path: Path
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "tandems")
    assert view.select_tandem(first_tandem(program_file))
    offered: list[str] = []

    def script(dialog: DocumentOptionsDialog) -> None:
        offered.append(dialog.language.currentData())
        choose("de")(dialog)

    drive(DocumentOptionsDialog, script)
    qtbot.mouseClick(view.detail.agreement_button, Qt.MouseButton.LeftButton)
    preview = made_preview(qtbot, view)
    assert offered == ["en"]  # the file sets no document language: the window's
    assert preview.file_name == "Tandem-Vereinbarung Dvořák-Şahin – Özdemir.pdf"
    assert preview.windowTitle() == f"Tandem agreement: {LUKASZ} – {DAGMAR}"
    assert preview.page_count() >= 2
    text = pdf_text(preview.data)
    assert LUKASZ in text and DAGMAR in text and "Vertraulichkeit" in text
    assert pdf_metadata(preview.data)["lang"].startswith("de")
    assert view.detail.agreement_button.text() == "Print agreement…"  # the window stays English

    target = tmp_path / preview.file_name
    save_dialog.answer = (str(target), "")
    preview.action_save.trigger()
    assert target.read_bytes() == preview.data
    preview.close()


def test_ctrl_p_and_the_context_menu_offer_the_tandem_documents(
    qtbot, program_file: Path, contexts, drive
) -> None:
    db = open_database(program_file)
    settings.update_settings(db, {"language": "de"})
    db.close()
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "tandems")
    assert view.select_tandem(first_tandem(program_file))
    assert [a.text() for a in view.document_actions] == [
        "Print agreement…", "Agenda sheets of upcoming meetings…",
    ]  # fmt: skip
    offered: list[str] = []

    def cancel(dialog: DocumentOptionsDialog) -> None:
        offered.append(dialog.language.currentData())
        dialog.reject()

    opened = drive(DocumentOptionsDialog, cancel)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and offered == ["de"]  # the file's document language first
    assert not view.findChildren(DocumentJob)  # cancelled: nothing made


def test_marking_a_tandem_agreed_offers_to_print_its_agreement(
    qtbot, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "tandems")
    (proposed,) = [t for t in view.model.rows() if t.status == TandemStatus.PROPOSED]
    assert view.select_tandem(proposed.id)
    seen: list[bool] = []

    def sign(dialog: AgreementDialog) -> None:
        seen.append(dialog.print_after.isChecked())
        dialog.print_after.setChecked(True)
        dialog.accept()

    drive(AgreementDialog, sign)
    drive(DocumentOptionsDialog, choose("en"))
    qtbot.mouseClick(view.detail.agree_button, Qt.MouseButton.LeftButton)
    preview = made_preview(qtbot, view)
    assert seen == [False]  # not ticked the first time
    assert tandems.get_tandem(window.context.db, proposed.id).status == TandemStatus.AGREED
    text = pdf_text(preview.data)
    assert ANNA in text and BERND in text  # markup characters print as typed
    assert preview.file_name == "Tandem agreement b Lee b – Ähler.pdf"  # Windows-legal
    from app import user_prefs

    assert user_prefs.get(PRINT_AFTER_AGREED) is True  # remembered for the next time
    preview.close()


def test_a_meetings_agenda_sheet_without_names(qtbot, program_file: Path, contexts, drive) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "sessions")
    planned = [s for s in view.model.rows() if s.status == "planned"]
    assert planned
    assert view.select_sessions([planned[0].id])
    drive(DocumentOptionsDialog, choose("de", anonymous=True))
    assert view.agenda_button.isEnabled()
    qtbot.mouseClick(view.agenda_button, Qt.MouseButton.LeftButton)
    preview = made_preview(qtbot, view)
    text = pdf_text(preview.data)
    assert "Was ich heute gelernt habe" in text  # German, as chosen
    for name in (LUKASZ, DAGMAR, "Dvořák", "Özdemir"):
        assert name not in text and name not in preview.file_name
    preview.close()


def test_upcoming_agenda_sheets_of_a_tandem(qtbot, program_file: Path, contexts, drive) -> None:
    db = open_database(program_file)
    for weeks in (2, 6):
        start = datetime.combine(date.today() + timedelta(weeks=weeks), time(15, 0))
        sessions.create_session(db, first_tandem(program_file), SessionInput(start, 60, "Teams"))
    db.close()
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "tandems")
    assert view.select_tandem(first_tandem(program_file))
    drive(DocumentOptionsDialog, choose("en"))
    qtbot.mouseClick(view.detail.agendas_button, Qt.MouseButton.LeftButton)
    preview = made_preview(qtbot, view)
    assert preview.page_count() == 2  # one sheet per upcoming meeting
    assert LUKASZ in pdf_text(preview.data)
    assert "upcoming meetings" in preview.file_name
    preview.close()


def test_a_tandem_without_upcoming_meetings_gets_a_clear_message(
    qtbot, program_file: Path, contexts, drive, answers
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "tandems")
    (proposed,) = [t for t in view.model.rows() if t.status == TandemStatus.PROPOSED]
    assert view.select_tandem(proposed.id)
    drive(DocumentOptionsDialog, choose("en"))
    qtbot.mouseClick(view.detail.agendas_button, Qt.MouseButton.LeftButton)
    jobs = view.findChildren(DocumentJob)
    if jobs:  # the file name could be made: the worker refuses
        with qtbot.waitSignal(jobs[0].done, timeout=30_000):
            pass
    assert answers["texts"] == ["The document could not be made."]
    assert "upcoming" in answers["details"][0] or "meeting" in answers["details"][0]


# --- certificates -------------------------------------------------------------------------


def test_a_rounds_certificates_in_one_pdf(qtbot, program_file: Path, contexts, drive) -> None:
    complete_first_tandem(program_file)
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "rounds")
    (running,) = [r for r in view.model.rows() if r.name == "Round 2026"]
    assert view.select_row_of(running.id)
    drive(DocumentOptionsDialog, choose("de", landscape=True))
    qtbot.mouseClick(view.certificates_button, Qt.MouseButton.LeftButton)
    (preview,) = [w for w in window.findChildren(PdfPreview) if w.isVisible()]
    assert preview.page_count() == 2  # mentor and mentee of the completed tandem
    text = pdf_text(preview.data)
    assert LUKASZ in text and DAGMAR in text and "Teilnahmebestätigung" in text
    size = preview.document.pagePointSize(0)
    assert size.width() > size.height()  # landscape
    assert preview.file_name == "Teilnahmebestätigung Round 2026.pdf"
    preview.close()


def test_a_rounds_certificates_as_one_file_per_person(
    qtbot, program_file: Path, contexts, drive, answers, tmp_path: Path, monkeypatch
) -> None:
    complete_first_tandem(program_file)
    folder = tmp_path / "Bestätigungen"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kw: str(folder))
    answers["reply"] = [QMessageBox.StandardButton.No]  # do not open the folder
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "rounds")
    (running,) = [r for r in view.model.rows() if r.name == "Round 2026"]
    assert view.select_row_of(running.id)
    drive(DocumentOptionsDialog, choose("en", per_person=True, topics=False))
    view.action_certificates.trigger()
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        f"Certificate of participation {DAGMAR}.pdf",
        f"Certificate of participation {LUKASZ}.pdf",
    ]
    assert "AI tools" not in pdf_text((folder / names[1]).read_bytes())  # topics left off
    assert answers["texts"] == [f"2 certificates were saved in {folder}. Open the folder now?"]


def test_a_persons_certificate_and_a_person_without_one(
    qtbot, program_file: Path, contexts, drive, answers
) -> None:
    complete_first_tandem(program_file)
    window = make_window(qtbot, program_file, contexts)
    view = show(window, "participants")
    people = {p.name: p.id for p in list_participants(window.context.db)}
    assert view.select_participant(people[LUKASZ])
    drive(DocumentOptionsDialog, choose("en"))
    qtbot.mouseClick(view.certificate_button, Qt.MouseButton.LeftButton)
    preview = made_preview(qtbot, view)
    assert preview.page_count() == 1
    assert LUKASZ in pdf_text(preview.data) and DAGMAR not in pdf_text(preview.data)
    assert preview.file_name == f"Certificate of participation {LUKASZ}.pdf"
    preview.close()

    assert view.select_participant(people[ANNA])
    view.action_certificate.trigger()
    assert answers["texts"] == [f"There is no certificate for {ANNA} yet."]


def test_the_options_dialog_in_german(qtbot) -> None:
    from app import i18n
    from ui.documents.options import Offer

    i18n.set_language("de")
    dialog = DocumentOptionsDialog(
        title="Teilnahmebestätigungen", intro="…", lang="de",
        offer=Offer(orientation=True, topics=True, dissolved=True, output=True,
                    rounds=((1, "Runde 1"), (2, "Runde 2"))),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ok_button.text() == "PDF erstellen"
    assert dialog.landscape.text() == "&Querformat (zum Aushängen)"
    assert dialog.round.isVisible() and dialog.round.count() == 2
    dialog.round.setCurrentIndex(1)
    dialog.landscape.setChecked(True)
    options = dialog.options()
    assert options.round_id == 2 and options.landscape and options.lang == "de"
    assert not dialog.anonymous.isVisible()  # not offered for certificates
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_cancelling_a_rounds_certificates_leaves_the_folder_empty(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:
    from app.services.rounds import list_rounds
    from ui.documents.actions import _round_work
    from ui.documents.batch import BatchDialog
    from ui.documents.options import DocumentOptions

    db = open_database(demo_file)
    completed = [r for r in list_rounds(db) if r.end_date < date.today()]
    db.close()
    folder = tmp_path / "Bestätigungen"
    folder.mkdir()
    (folder / "kept.txt").write_text("HR's own file", encoding="utf-8")
    certificates = _round_work(completed[0].id, DocumentOptions(lang="de"), folder)
    may_go_on = threading.Event()

    def work(db, progress):
        def held_back(done: int, total: int) -> bool:
            if done == 1:  # wait after the first certificate until Cancel was pressed
                progress(done, total)
                may_go_on.wait(10)
            return progress(done, total)

        return certificates(db, held_back)

    dialog = BatchDialog(demo_file, work, title="Certificates", text="Making…")
    qtbot.addWidget(dialog)
    reports: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        reports.append((done, total))
        if done == 1 and not may_go_on.is_set():
            dialog.cancel_button.click()
            may_go_on.set()

    dialog.worker.progress.connect(on_progress)
    with qtbot.waitSignal(dialog.finished, timeout=30_000):
        dialog.show()
    assert dialog.cancelled and reports and reports[0][1] > 1
    assert [p.name for p in folder.iterdir()] == ["kept.txt"]  # no certificate, no temp file
