"""Fixtures for the window tests: real program files with real rows, shown main windows,
message boxes answered and dialogs driven instead of a user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from sqlite_utils import Database

from app.db import create_database, open_database
from app.model import ParticipantInput, Role, RoundInput, SessionInput, SessionStatus, TandemStatus
from app.services import participants, rounds, sessions, tandems
from tests.helpers.builders import build_rules_file
from ui.context import AppContext
from ui.import_wizard import ImportWizard
from ui.launcher import install_qt_translations
from ui.main_window import MainWindow

TRICKY_NAMES = [("Anna &", "<b>Lee</b>"), ("Łukasz", "Dvořák-Şahin")]


def seed_small_program(db: Database) -> None:
    """A small program written through the services: names that tempt HTML and mnemonics,
    letters beyond Latin-1, a manager line, a round with tandems and sessions."""
    boss = participants.create_participant(
        db,
        ParticipantInput(
            "Dagmar", "Özdemir", personnel_number="P-1", email="dagmar@example.com",
            department="Board", position="Managing director", role=Role.MENTEE,
            consent_date=date(2026, 1, 5), wants_to_learn=("AI tools",),
        ),
    )  # fmt: skip
    anna = participants.create_participant(
        db,
        ParticipantInput(
            TRICKY_NAMES[0][0], TRICKY_NAMES[0][1], personnel_number="P-10",
            email="anna.lee@example.com", department="Sales", position="Trainee",
            manager_id=boss.id, role=Role.MENTOR, consent_date=date(2026, 1, 7),
            can_teach=("Social media",),
        ),
    )  # fmt: skip
    lukasz = participants.create_participant(
        db,
        ParticipantInput(
            TRICKY_NAMES[1][0], TRICKY_NAMES[1][1], personnel_number="P-9",
            email="lukasz@example.com", department="IT", position="Working student",
            role=Role.MENTOR, consent_date=date(2026, 1, 9), can_teach=("AI tools", "Cyber security"),
        ),
    )  # fmt: skip
    bernd = participants.create_participant(
        db,
        ParticipantInput(
            "bernd", "Ähler", personnel_number="P-2", email="bernd@example.com",
            department="Finance", position="Head of finance", role=Role.MENTEE,
            consent_date=date(2025, 12, 1), wants_to_learn=("Social media",),
        ),
    )  # fmt: skip
    running = rounds.create_round(
        db, RoundInput("Round 2026", date.today() - timedelta(days=60), date.today() + timedelta(days=120))
    )  # fmt: skip
    rounds.create_round(db, RoundInput("Pilot 2025", date(2025, 1, 1), date(2025, 6, 30)))
    first = tandems.create_tandem(db, running.id, lukasz.id, boss.id, focus_topics=("AI tools",))
    tandems.set_status(db, first.id, TandemStatus.AGREED)
    tandems.set_status(db, first.id, TandemStatus.ACTIVE)
    tandems.create_tandem(db, running.id, anna.id, bernd.id)
    start = datetime.combine(date.today() - timedelta(days=30), datetime.min.time()).replace(
        hour=14
    )
    held = sessions.create_session(
        db, first.id, SessionInput(start, 90, "Room 4 & <i>Teams</i>", SessionStatus.HELD)
    )
    sessions.set_agenda(db, held.id, [("Prompting basics", ""), ("Tools we use", "")])
    sessions.create_session(db, first.id, SessionInput(start + timedelta(days=28), 60, "Teams"))


@pytest.fixture
def program_file(tmp_path: Path) -> Path:
    """`program.tandem` holding the small program above."""
    path = tmp_path / "program.tandem"
    db = create_database(path)
    seed_small_program(db)
    db.close()
    return path


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """`demo/program.tandem` holding the demo company of app.demo (120 people)."""
    from app.demo import generate_demo

    (tmp_path / "demo").mkdir()
    path = tmp_path / "demo" / "program.tandem"
    db = create_database(path)
    generate_demo(db, participants=120, seed=1)
    db.close()
    return path


@pytest.fixture
def rules_file(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """`rules.tandem` with people and rounds for each tandem rule and warning (see
    tests/helpers/builders.py), and their ids by short name."""
    path = tmp_path / "rules.tandem"
    return path, build_rules_file(path)


@pytest.fixture
def open_db(program_file: Path) -> Iterator[Database]:
    db = open_database(program_file)
    yield db
    db.close()


@pytest.fixture
def contexts() -> Iterator[list[AppContext]]:
    """The contexts of the windows `make_window` built: shut down after the test, and Qt's
    own words back to English."""
    made: list[AppContext] = []
    yield made
    for context in made:
        context.shutdown()
    install_qt_translations(QApplication.instance(), "en")


def make_window(
    qtbot, path: Path | None, contexts: list[AppContext], *, resize: bool = True
) -> MainWindow:
    """A shown main window with `path` open (None: the start page). It is 1280 x 800 unless
    `resize` is False, which keeps the size the window restored from the user's settings.
    Its context joins `contexts` (the fixture), which shuts it down after the test. It
    returns once the file's backup of the day (made on a worker) is done."""
    context = AppContext()
    contexts.append(context)
    window = MainWindow(context)
    qtbot.addWidget(window)
    if resize:
        window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    if path is not None:
        assert window.open_path(path)
        # The backup of the day is made on a worker: done before the test looks at the file.
        qtbot.waitUntil(lambda: not context.file_jobs.busy(), timeout=20_000)
    return window


MakeWizard = Callable[[], ImportWizard]


@pytest.fixture
def context(db_path: Path) -> Iterator[AppContext]:
    """The window's context on a fresh, empty program file; shut down after the test."""
    ctx = AppContext()
    assert ctx.open(db_path, remember=False)
    yield ctx
    ctx.shutdown()


@pytest.fixture
def make_wizard(qtbot, context: AppContext) -> MakeWizard:
    """`make_wizard()`: the import wizard on `context`, shown (1100 x 700)."""

    def make() -> ImportWizard:
        wizard = ImportWizard(context)
        qtbot.addWidget(wizard)
        wizard.resize(1100, 700)
        with qtbot.waitExposed(wizard):
            wizard.show()
        return wizard

    return make


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Message boxes are answered instead of shown: questions get `answers["reply"][0]`
    (Yes by default), others Ok; every box's text, informative text and text format are
    kept in `texts`, `details` and `formats`."""
    state: dict[str, list] = {
        "texts": [], "details": [], "formats": [], "reply": [QMessageBox.StandardButton.Yes]
    }  # fmt: skip

    def fake_exec(box: QMessageBox) -> int:
        state["texts"].append(box.text())
        state["details"].append(box.informativeText())
        state["formats"].append(box.textFormat())
        if box.standardButtons() & QMessageBox.StandardButton.Yes:
            return int(state["reply"][0])
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return state


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch, qtbot) -> Callable[[type, Callable[[Any], None]], list]:
    """`drive(DialogClass, script)`: when the program opens such a dialog, it is shown
    non-modally, `script(dialog)` works it as a user would, and the dialog's own result
    (Save or Cancel) is returned. Gives the list of dialogs opened."""

    def install(cls: type, script: Callable[[Any], None]) -> list:
        opened: list = []

        def fake_exec(dialog: QDialog) -> int:
            opened.append(dialog)
            dialog.show()
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            script(dialog)
            return int(dialog.result())

        monkeypatch.setattr(cls, "exec", fake_exec)
        return opened

    return install


class SaveDialog:
    """Stands in for the system's save dialog: records what it was asked, answers a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer: tuple[str, str] = ("", "")
        self.asked: list[tuple[str, str, str]] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, parent, caption, directory, filters, selected="", *args, **kw):
        self.asked.append((caption, directory, filters))
        return self.answer


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
    """The save dialog answered by `save_dialog.answer` (path, chosen filter)."""
    return SaveDialog(monkeypatch)


# Qt's offscreen platform warns on every top-level window that has size constraints
# ("This plugin does not support propagateSizeHints()"); that is the test platform talking,
# not the program. Every other Qt warning still fails a test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _no_message_box_waits_forever(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A real message box that no test answers would wait forever (and CI with it): close
    any that is still open after 20 s and fail the test that opened it. Tests that answer
    boxes themselves (patching exec, or scripting the open box) are not affected."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.exec
    forgotten: list[str] = []

    def guarded(box: QMessageBox) -> int:
        timer = QTimer(box)
        timer.setSingleShot(True)

        def give_up() -> None:
            forgotten.append(box.text())
            box.reject()

        timer.timeout.connect(give_up)
        timer.start(20_000)
        return original(box)

    monkeypatch.setattr(QMessageBox, "exec", guarded)
    yield
    assert not forgotten, f"a message box waited for an answer no test gave: {forgotten}"
