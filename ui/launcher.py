"""Start the window: `python main.py [FILE] [--demo] [--lang de|en]`.

Start-up is kept fast: only Qt widgets, sqlite-utils and the services the first view needs
are imported; ReportLab, openpyxl, numpy, cryptography and the like load when first used.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import APP_NAME, __version__, user_prefs
from app.i18n import set_language, system_language, tr
from app.sqlite_setup import prepare_sqlite_utils

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

EXIT_AFTER_SHOWN = "TANDEM_EXIT_AFTER_SHOWN"
"""Set to 1 to quit right after the window is first shown (for bench/startup.py)."""
BENCH_T0 = "TANDEM_BENCH_T0"
"""`time.perf_counter()` taken by the benchmark just before it started this process."""

_qt_translators: list[object] = []


class UsageError(Exception):
    """Arguments the window does not understand."""


def parse_args(argv: Sequence[str]) -> tuple[Path | None, bool, str | None]:
    """(FILE, --demo, --lang) from the window's arguments; raises UsageError.

    Parsed by hand: argparse costs 5 ms of start-up for three arguments.
    """
    file: Path | None = None
    demo, lang = False, None
    items = list(argv)
    while items:
        arg = items.pop(0)
        if arg == "--demo":
            demo = True
        elif arg == "--lang" or arg.startswith("--lang="):
            value = arg.split("=", 1)[1] if "=" in arg else (items.pop(0) if items else "")
            if value not in ("de", "en", "pseudo"):  # pseudo: a developer's layout check
                raise UsageError(tr("--lang must be de or en."))
            lang = value
        elif arg.startswith("-") or file is not None:
            raise UsageError(tr("Unknown argument: {arg}", arg=arg))
        else:
            file = Path(arg)
    return file, demo, lang


def _qt_library_translations() -> Path | None:
    """The translations folder Qt was built to look in (inside the wheel or the bundle)."""
    from PySide6.QtCore import QLibraryInfo

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return Path(folder) if folder else None


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogues (`qtbase_de.qm`) may be, most likely first.

    Qt's configured path is right in the venv, but a frozen bundle or a wheel laid out
    differently (PySide6/translations on Windows, PySide6/Qt/translations on Linux) may
    leave it pointing at a folder that does not exist, so PySide6's package folder, the
    bundle's folder and Tandem's own resources are tried after it."""
    import PySide6

    from app.paths import resources_dir

    package = Path(PySide6.__file__).resolve().parent
    candidates = [
        _qt_library_translations(),
        package / "Qt" / "translations",
        package / "translations",
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates += [
            Path(bundle) / "PySide6" / "Qt" / "translations",
            Path(bundle) / "PySide6" / "translations",
        ]
    candidates.append(resources_dir() / "translations" / "qt")
    folders: list[Path] = []
    for folder in candidates:
        if folder is not None and folder not in folders:
            folders.append(folder)
    return folders


def install_qt_translations(app: object, code: str) -> bool:
    """Install Qt's own translations (dialog buttons, context menus, file and colour
    dialogs) for `code`; True when German ones were found and installed."""
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    for old in _qt_translators:
        QCoreApplication.removeTranslator(old)  # type: ignore[arg-type]
    _qt_translators.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.German if code == "de" else QLocale.Language.English)
    )
    if code != "de":
        return False
    translator = QTranslator(app)  # type: ignore[arg-type]
    for folder in qt_translation_folders():
        if (folder / "qtbase_de.qm").is_file() and translator.load("qtbase_de", str(folder)):
            QCoreApplication.installTranslator(translator)
            _qt_translators.append(translator)
            return True
    log.info("Qt's German translations were not found.")
    return False


def choose_language(requested: str | None) -> str:
    """--lang, else the saved choice, else the system's language."""
    return set_language(requested or user_prefs.language() or system_language())


def launch(argv: Sequence[str]) -> int:
    """Start the window and run until it is closed; returns the exit code.

    The window is shown first and the file opened right after, in the first turn of the
    event loop, so the window appears at once even on a large file.
    """
    try:
        file, demo, requested = parse_args(argv)
    except UsageError as exc:
        choose_language(None)
        from app.cli import program_name

        usage = tr("Usage: {program} [FILE] [--demo] [--lang de|en]", program=program_name())
        print(usage, file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 2
    code = choose_language(requested)

    from PySide6.QtCore import QTimer

    from ui.context import AppContext
    from ui.errors import install_excepthook
    from ui.main_window import MainWindow

    app = prepare_application(code)
    install_excepthook()

    context = AppContext(app)
    if file is None and not demo:
        last = user_prefs.last_file()
        file = last if last is not None and last.exists() else None
    window = MainWindow(context, opening=file)
    window.show()

    def start() -> None:
        from app.logging_setup import setup_logging

        setup_logging()
        log.info("%s %s started.", APP_NAME, __version__)
        prepare_sqlite_utils()
        if demo:
            window.open_demo()
        elif file is not None:
            context.open(file)

    QTimer.singleShot(0, start)
    if os.environ.get(EXIT_AFTER_SHOWN):
        window.shown.connect(lambda: _report("shown"))
        if demo or file is not None:
            window.ready.connect(lambda: _report("ready"))
            window.ready.connect(app.quit)
            context.error_occurred.connect(lambda _message: app.quit())
        else:
            window.shown.connect(app.quit)

    try:
        result = app.exec()
    finally:
        context.shutdown()
    log.info("%s closed.", APP_NAME)
    return int(result)


def prepare_application(code: str) -> QApplication:
    """The QApplication (made now, or the one there is) with Tandem's name, version and icon,
    and Qt's own words in the language `code`."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.paths import resources_dir

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    # Every window's title bar and the taskbar: on Windows, Qt's windows do not take the
    # icon PyInstaller puts into Tandem.exe.
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "tandem.png")))
    install_qt_translations(app, code)
    return app


def _report(what: str) -> None:
    """For bench/startup.py: seconds from the benchmark's start to now."""
    start = float(os.environ.get(BENCH_T0, "nan"))
    print(f"{what} {time.perf_counter() - start:.4f}", flush=True)
