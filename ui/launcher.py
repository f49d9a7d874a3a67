"""Start the window: `python main.py [FILE] [--demo] [--lang de|en]`.

Start-up is kept fast: only Qt widgets, sqlite-utils and the services the first view needs
are imported; ReportLab, openpyxl, scipy, cryptography and the like load when first used.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME, __version__, user_prefs
from app.i18n import set_language, system_language

log = logging.getLogger(__name__)

EXIT_AFTER_SHOWN = "TANDEM_EXIT_AFTER_SHOWN"
"""Set to 1 to quit right after the window is first shown (for bench/startup.py)."""
BENCH_T0 = "TANDEM_BENCH_T0"
"""`time.perf_counter()` taken by the benchmark just before it started this process."""

_qt_translators: list[object] = []


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The window's own arguments."""
    parser = argparse.ArgumentParser(prog="python main.py", add_help=False)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--lang", choices=["de", "en"])
    return parser.parse_args(list(argv))


def _import_sqlite_utils_quickly() -> None:
    """Import sqlite-utils without numpy and pandas.

    sqlite-utils imports numpy when it is installed (scipy brings it) only to map numpy
    number types to column types, which Tandem never stores; that costs ~50 ms of start-up.
    numpy stays importable for the code that needs it (matching) later.
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]


def install_qt_translations(app: object, code: str) -> None:
    """Install Qt's own translations (dialog buttons, context menus) for `code`."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    for old in _qt_translators:
        QCoreApplication.removeTranslator(old)  # type: ignore[arg-type]
    _qt_translators.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.German if code == "de" else QLocale.Language.English)
    )
    if code != "de":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)  # type: ignore[arg-type]
    if translator.load("qtbase_de", folder):
        QCoreApplication.installTranslator(translator)
        _qt_translators.append(translator)
    else:
        log.info("Qt's German translations were not found.")


def choose_language(requested: str | None) -> str:
    """--lang, else the saved choice, else the system's language."""
    return set_language(requested or user_prefs.language() or system_language())


def launch(argv: Sequence[str]) -> int:
    """Start the window and run until it is closed; returns the exit code."""
    args = parse_args(argv)
    from app.logging_setup import setup_logging

    setup_logging()
    log.info("%s %s starting.", APP_NAME, __version__)
    code = choose_language(args.lang)
    _import_sqlite_utils_quickly()

    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    install_qt_translations(app, code)
    install_excepthook()

    context = AppContext(app)
    window = MainWindow(context)
    window.show()
    if args.demo:
        window.open_demo()
    elif args.file is not None:
        context.open(args.file)
    else:
        last = user_prefs.last_file()
        if last is not None and last.exists():
            context.open(last)

    if os.environ.get(EXIT_AFTER_SHOWN):
        window.shown.connect(lambda: _report_and_quit(app))

    try:
        result = app.exec()
    finally:
        context.shutdown()
    log.info("%s closed.", APP_NAME)
    return int(result)


def _report_and_quit(app: object) -> None:
    """Print the seconds from the benchmark's start to the window shown, then quit."""
    start = float(os.environ.get(BENCH_T0, "nan"))
    print(f"shown {time.perf_counter() - start:.4f}", flush=True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)  # type: ignore[attr-defined]
