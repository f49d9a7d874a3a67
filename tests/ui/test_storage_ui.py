"""The window when the disk or the file refuses: a view action, a form and the import (on the
background worker) on a read-only file, in a read-only folder and on a full disk each show
their message and leave the file's bytes as they were; what was typed stays, so the user can
try again. While the window holds the file no other program can take it (a file another
program holds is refused when it is opened: tests/ui/test_safekeep_ui.py). The exception hook
tells a storage error from a bug, and says about a bug only what is true."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.db import open_database
from app.errors import StorageError
from app.logging_setup import log_path, setup_logging, stop_logging
from app.services.rounds import list_rounds
from app.services.tandems import list_tandems
from tests.conftest import (
    STORAGE_MESSAGES,
    WRITE_FAILURES,
    storage_failure,
    unchanged,
)
from tests.ui.conftest import make_window
from ui import errors
from ui.context import AppContext
from ui.import_wizard import COLUMNS_PAGE, PREVIEW_PAGE, RUN_PAGE, ImportWizard
from ui.round_form import RoundForm
from ui.views.rounds import RoundsView
from ui.views.tandems import TandemsView

GOALS = "Prompting für den Vertrieb – „Schritt für Schritt“, mit Łukasz & <b>Anna</b>. " * 250


def message(kind: str, name: str = "program.tandem") -> str:
    return STORAGE_MESSAGES[kind]["en"].format(name=name)


@pytest.mark.parametrize("kind", WRITE_FAILURES)
def test_saving_a_tandems_goals_shows_why_it_failed_and_keeps_the_text(
    qtbot, program_file: Path, contexts: list[AppContext], answers, kind: str, request
) -> None:
    before = program_file.read_bytes()
    with storage_failure(kind, program_file, request):
        window = make_window(qtbot, program_file, contexts)
        view = window.show_view("tandems")
        assert isinstance(view, TandemsView)
        assert view.select_tandem(list_tandems(window.context.db)[0].id)
        view.detail.goals.setPlainText(GOALS)  # a long text: it needs new room in the file
        qtbot.mouseClick(view.detail.save_button, Qt.MouseButton.LeftButton)
    assert answers["texts"] == [message(kind)]
    assert answers["formats"] == [Qt.TextFormat.PlainText]
    assert view.detail.goals.toPlainText() == GOALS  # nothing typed is lost
    assert view.detail.save_button.isEnabled()  # and saving can be tried again
    assert unchanged(program_file, before)  # rolled back at once: no journal left open
    window.context.close()
    assert unchanged(program_file, before)


@pytest.mark.parametrize("kind", ["read-only file", "read-only folder"])
def test_a_form_that_cannot_save_stays_open_with_the_message(
    qtbot, program_file: Path, contexts: list[AppContext], answers, drive, kind: str, request
) -> None:
    before = program_file.read_bytes()
    seen: dict[str, object] = {}

    def script(form: RoundForm) -> None:
        form.name.setFocus()
        form.name.selectAll()
        qtbot.keyClicks(form.name, "Pilot 2025 (spring)")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        seen["open"] = form.isVisible()
        seen["name"] = form.name.text()
        qtbot.keyClick(form, Qt.Key.Key_Escape)  # the user gives up for now

    with storage_failure(kind, program_file, request):
        window = make_window(qtbot, program_file, contexts)
        view = window.show_view("rounds")
        assert isinstance(view, RoundsView)
        pilot = next(r for r in list_rounds(window.context.db) if r.name == "Pilot 2025")
        view.select_round(pilot.id)
        drive(RoundForm, script)
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert answers["texts"] == [message(kind)]
    assert seen == {"open": True, "name": "Pilot 2025 (spring)"}
    assert [r.name for r in list_rounds(window.context.db)] == ["Round 2026", "Pilot 2025"]
    window.context.close()
    assert unchanged(program_file, before)


@pytest.fixture
def people_list(tmp_path: Path) -> Path:
    """A list of 300 people (they need new room in the file, so a full disk refuses them)."""
    path = tmp_path / "mitarbeiter.csv"
    lines = ["Employee ID;First name;Last name;Email;Department;Program role"]
    lines += [f"E-{n:03};Łukasz {n};Dvořák-Şahin;p{n}@example.com;Sales;mentor" for n in range(300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", WRITE_FAILURES)
def test_the_import_on_the_worker_reports_why_it_failed(
    qtbot, db_path: Path, people_list: Path, kind: str, request
) -> None:
    before = db_path.read_bytes()
    context = AppContext()
    try:
        with storage_failure(kind, db_path, request):
            assert context.open(db_path, remember=False)
            wizard = ImportWizard(context)
            qtbot.addWidget(wizard)
            with qtbot.waitExposed(wizard):
                wizard.show()
            assert wizard.file_page.load(people_list)
            wizard.next()
            assert wizard.currentId() == COLUMNS_PAGE
            wizard.next()
            assert wizard.currentId() == PREVIEW_PAGE
            commit = wizard.button(QWizard.WizardButton.CommitButton)
            qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
            assert wizard.currentId() == RUN_PAGE
            qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)
    finally:
        context.shutdown()
    page = wizard.run_page
    assert page.outcome == "failed"
    assert page.status_label.text() == "The import did not succeed."
    assert page.summary_label.text().startswith(message(kind))
    assert unchanged(db_path, before)


_ANOTHER_PROGRAM = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
for sql in ("SELECT count(*) FROM rounds", "BEGIN EXCLUSIVE"):
    try:
        conn.execute(sql).fetchall()
        print("got in")
    except sqlite3.Error as exc:
        print(exc)
"""


def test_while_the_window_holds_the_file_no_other_program_can_take_it(
    qtbot, program_file: Path, contexts: list[AppContext], answers
) -> None:
    window = make_window(qtbot, program_file, contexts)
    other = subprocess.run(
        [sys.executable, "-c", _ANOTHER_PROGRAM, str(program_file)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert other.stdout == "database is locked\n" * 2
    view = window.show_view("rounds")  # the window reads and writes on as before
    assert isinstance(view, RoundsView)
    assert view.model.rowCount() == 2
    assert answers["texts"] == []


def test_the_exception_hook_shows_a_storage_error_as_its_message(answers) -> None:
    errors.excepthook(*_raised(StorageError(message("read-only file"))))
    # An SQLite error that reached the top without its file is still explained.
    errors.excepthook(*_raised(sqlite3.OperationalError("database or disk is full")))
    assert answers["texts"] == [
        message("read-only file"),
        "There is no space left on the disk. Free some space and try again.",
    ]
    assert answers["details"] == ["", ""]


BUG = "Sorry, Tandem ran into an unexpected error and stopped what it was doing."


def test_a_bug_says_whether_the_change_was_saved_and_where_the_log_is(
    db_path: Path, answers
) -> None:
    assert setup_logging() == log_path()
    db = open_database(db_path)
    try:
        try:
            with db.atomic():
                db.execute("INSERT INTO settings (key, value) VALUES ('company_name', 'Acme')")
                raise KeyError("anna.lee@example.com")
        except KeyError:
            rolled_back = sys.exc_info()
        errors.excepthook(*rolled_back)
        errors.excepthook(*_raised(KeyError("anna.lee@example.com")))  # outside any change
        assert db.execute(
            "SELECT count(*) FROM settings WHERE key = 'company_name'"
        ).fetchone() == (0,)
    finally:
        db.close()
        stop_logging()
    where = f"If it happens again, please send the log file to your IT contact: {log_path()}"
    assert answers["texts"] == [BUG, BUG]
    assert answers["details"] == [
        "The change under way was not saved; everything saved before it is in the file.\n\n"
        + where,
        "Everything Tandem saved before is in the file. Please check whether your last change "
        "is there.\n\n" + where,
    ]
    log = log_path().read_text(encoding="utf-8")
    assert log.count("builtins.KeyError") == 2 and "anna.lee" not in log


def test_without_a_log_the_bug_dialog_does_not_point_to_one(answers) -> None:
    errors.excepthook(*_raised(ValueError("Łukasz")))
    assert answers["texts"] == [BUG]
    assert answers["details"][0].endswith("Tandem could not write a log file on this computer.")


def _raised(exc: BaseException) -> tuple:
    try:
        raise exc
    except BaseException:  # noqa: BLE001
        return sys.exc_info()
