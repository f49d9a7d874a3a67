"""Imports on worker threads beside the window (the CI crash of the small-screen tool): the
start page's warm-up never begins once a file is being opened, opening waits for a warm-up
under way, and PySide's `__feature__` import hook (which swaps Python's import function
process-wide after every import) is gone once `ui` is imported."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import app.db
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.opening import warmup


@pytest.fixture
def imports(monkeypatch: pytest.MonkeyPatch) -> dict:
    """A warm-up not yet begun in this program run, whose imports only say they ran (after
    `go` is set) into `record`."""
    record: list[str] = []
    go = threading.Event()
    go.set()

    def import_all() -> None:
        go.wait(20)
        record.append("imports done")

    monkeypatch.setattr(warmup, "_thread", None)
    monkeypatch.setattr(warmup, "_closed", False)
    monkeypatch.setattr(warmup, "_import_all", import_all)
    return {"record": record, "go": go}


def shown_window(qtbot, contexts: list[AppContext]) -> MainWindow:
    context = AppContext()
    contexts.append(context)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()  # its first-shown step (which begins the warm-up) is only queued
    return window


def test_no_warmup_begins_beside_a_file_opened_right_after_the_window_shows(
    qtbot, contexts, program_file: Path, imports: dict
) -> None:
    window = shown_window(qtbot, contexts)
    # Opening runs an event loop while the file is checked: the first-shown step runs there.
    assert window.context.open(program_file, remember=False)
    qtbot.waitUntil(lambda: not window.context.file_jobs.busy(), timeout=20_000)
    qtbot.wait(50)

    assert warmup.done()
    assert imports["record"] == []
    warmup.start()  # asked again later (a window shown anew): still none
    assert warmup.done() and imports["record"] == []


def test_opening_a_file_waits_for_the_warmup_the_start_page_began(
    qtbot, contexts, program_file: Path, imports: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = imports["record"]
    imports["go"].clear()
    window = shown_window(qtbot, contexts)
    qtbot.waitUntil(lambda: not warmup.done(), timeout=5_000)  # begun on the start page

    opened = app.db.open_database

    def open_database(*args, **kwargs):
        record.append("file opened")
        return opened(*args, **kwargs)

    monkeypatch.setattr(app.db, "open_database", open_database)
    threading.Timer(0.2, imports["go"].set).start()
    assert window.context.open(program_file, remember=False)
    qtbot.waitUntil(lambda: not window.context.file_jobs.busy(), timeout=20_000)

    assert record == ["imports done", "file opened"]


def test_importing_ui_takes_out_pysides_feature_import_hook() -> None:
    code = (
        "import builtins\n"
        "import ui\n"
        "assert builtins.__import__.__name__ != '__feature_import__', builtins.__import__\n"
        "from ui.plain_import import feature_hook_installed\n"
        "assert not feature_hook_installed()\n"
        "from PySide6.QtPrintSupport import QPrinter\n"  # PySide's lazy loading still works
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel('Łukasz')\n"
        "print(label.text(), QPrinter.__name__)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Łukasz", "QPrinter"]
