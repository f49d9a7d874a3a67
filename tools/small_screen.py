"""Every view and the dialogs of Tandem on a small laptop screen: screenshots, and a check
that each dialog fits the screen with its buttons in view (developer helper, used by a test).

    python -m tools.small_screen --screen 1280x680 --lang en de pseudo --out /tmp/shots
    python -m tools.small_screen --screen 1366x768 --check       # JSON on stdout, no shots

Runs offscreen on a simulated screen of that size (Qt's offscreen platform reads its screens
from a JSON file: `offscreen:configfile=...`; the whole screen counts as available, as on a
laptop whose taskbar is already subtracted), against a fresh demo file in a temporary folder
with temporary preferences. The main window fills the available screen, as a maximised
window does; each dialog is built as the program builds it and shown at the size it takes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEWS = ("overview", "participants", "rounds", "tandems", "sessions")
SAMPLE = ROOT / "tests" / "data" / "mitarbeiter_excel_de.csv"


def _screen_config(folder: Path, width: int, height: int) -> Path:
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return config


def dialog_factories(window: Any, context: Any) -> dict[str, Callable[[], Any]]:
    """Name -> a function that builds that dialog as the program does (not shown yet)."""
    from app.services.overview import running_round_id
    from app.services.participants import list_participants
    from app.services.rounds import get_round
    from app.services.sessions import list_sessions
    from app.services.tandems import list_tandems

    db = context.db
    round_id = running_round_id(db)
    tandem = list_tandems(db, round_id)[0]

    def matching() -> Any:
        from ui.matching_dialog import MatchingDialog

        return MatchingDialog(context, round_id, window)

    def import_wizard(page: int) -> Callable[[], Any]:
        def build() -> Any:
            from ui.import_wizard import ImportWizard

            wizard = ImportWizard(context, window, SAMPLE if page else None)
            wizard.show()
            for _ in range(page):
                wizard.next()
            return wizard

        return build

    def plan() -> Any:
        from ui.plan_dialog import PlanDialog

        return PlanDialog(db, round_id, None, window)

    def settings() -> Any:
        from ui.settings.settings_dialog import SettingsDialog

        return SettingsDialog(db, window)

    def tandem_form() -> Any:
        from ui.tandem_form import TandemForm

        return TandemForm(db, round_id, window)

    def participant_form() -> Any:
        from ui.participant_form import ParticipantForm

        people = list_participants(db)
        return ParticipantForm(db, people[0], window, people=people)

    def round_form() -> Any:
        from ui.round_form import RoundForm

        return RoundForm(db, get_round(db, round_id), window)

    def session_form() -> Any:
        from ui.session_form import SessionForm

        return SessionForm(db, list_sessions(db, round_id=round_id)[0], window)

    def checkin() -> Any:
        from ui.checkin_dialog import CheckinDialog

        return CheckinDialog(db, tandem, window)

    def arc_editor() -> Any:
        from ui.arc_editor import ArcEditor

        return ArcEditor(db, window)

    def dissolve() -> Any:
        from ui.tandem_detail import DissolveDialog

        return DissolveDialog(tandem, window)

    def consent() -> Any:
        from ui.consent.dialog import ConsentDialog

        return ConsentDialog(db, list_participants(db)[:12], window)

    def agreement() -> Any:
        from ui.tandem_detail import AgreementDialog

        return AgreementDialog(tandem, window)

    def backups() -> Any:
        from ui.safekeep.backups_dialog import BackupsDialog

        return BackupsDialog(context, window)

    def summary() -> Any:
        from app.services.rounds import list_rounds
        from app.services.summary import report_years
        from ui.reports.summary_dialog import SummaryDialog

        rounds = [(r.id, r.name) for r in list_rounds(db)]
        return SummaryDialog(years=report_years(db), rounds=rounds, lang="de", threshold=5,
                             round_id=round_id, parent=window)  # fmt: skip

    def factsheet() -> Any:
        from app.services.summary import report_years
        from ui.reports.factsheet_dialog import FactsheetDialog

        years = report_years(db)
        return FactsheetDialog(years=years, year=years[0], lang="en", parent=window)

    def person_export() -> Any:
        from ui.notes.window_hooks import controller_for
        from ui.reports.person_dialog import PersonExportDialog

        people = [(p.id, f"{p.first_name} {p.last_name}") for p in list_participants(db)]
        return PersonExportDialog(people=people, lang="de", notes=controller_for(context),
                                  parent=window)  # fmt: skip

    def retention() -> Any:
        from ui.privacy.dialogs import RetentionDialog

        return RetentionDialog(24, window)

    def document_options() -> Any:
        from app.i18n import tr
        from ui.documents.options import DocumentOptionsDialog, Offer

        return DocumentOptionsDialog(
            title=tr("Certificates"),
            intro=tr("The certificates of participation of the round “{round}”: for everyone "
                     "whose tandem was completed.", round=get_round(db, round_id).name),
            lang="de", offer=Offer(anonymous=True, orientation=True, topics=True),
            parent=window,
        )  # fmt: skip

    def notes_unlock() -> Any:
        from ui.notes.dialogs import UnlockDialog
        from ui.notes.window_hooks import controller_for

        return UnlockDialog(controller_for(context), window)

    def file_dialog() -> Any:
        """Qt's own file dialog (used where the system has none): its words are Qt's."""
        from PySide6.QtWidgets import QFileDialog

        from app.i18n import tr

        dialog = QFileDialog(window, tr("Open program file"), str(ROOT / "tests" / "data"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        return dialog

    def message_box() -> Any:
        """A question with Qt's standard buttons (Save, Discard, Cancel)."""
        from PySide6.QtWidgets import QMessageBox

        from app.i18n import tr

        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Tandem",
            tr("Discard what you typed in this note?"),
            parent=window,
        )
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)  # fmt: skip
        return box

    return {
        "matching": matching,
        "import-file": import_wizard(0),
        "import-columns": import_wizard(1),
        "import-preview": import_wizard(2),
        "plan": plan,
        "settings": settings,
        "tandem_form": tandem_form,
        "participant_form": participant_form,
        "round_form": round_form,
        "session_form": session_form,
        "checkin": checkin,
        "arc_editor": arc_editor,
        "dissolve": dissolve,
        "consent": consent,
        "agreement": agreement,
        "backups": backups,
        "summary": summary,
        "factsheet": factsheet,
        "person_export": person_export,
        "retention": retention,
        "document_options": document_options,
        "notes_unlock": notes_unlock,
        "file_dialog": file_dialog,
        "message_box": message_box,
    }


def buttons_of(dialog: Any) -> list[Any]:
    """The buttons that close or advance a dialog (its button box, or the wizard's)."""
    from PySide6.QtWidgets import QDialogButtonBox, QWizard

    if isinstance(dialog, QWizard):
        which = (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                 QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton,
                 QWizard.WizardButton.BackButton)  # fmt: skip
        return [dialog.button(w) for w in which if dialog.button(w).isVisible()]
    found = []
    for box in dialog.findChildren(QDialogButtonBox):
        if box.isVisible() and box.window() is dialog:
            found += [b for b in box.buttons() if b.isVisible()]
    return found


def check_dialog(dialog: Any, room: Any) -> dict[str, Any]:
    """How a shown dialog fits `room` (the available screen minus the window frame)."""
    minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    buttons = buttons_of(dialog)
    in_view = all(
        dialog.rect().contains(b.geometry().translated(b.parentWidget().mapTo(dialog, b.pos()) -
                                                       b.pos()))
        and b.visibleRegion().boundingRect().size() == b.size()
        for b in buttons
    )  # fmt: skip
    return {
        "size": [dialog.width(), dialog.height()],
        "minimum": [minimum.width(), minimum.height()],
        "room": [room.width(), room.height()],
        "fits": dialog.width() <= room.width() and dialog.height() <= room.height(),
        "minimum_fits": minimum.width() <= room.width() and minimum.height() <= room.height(),
        "buttons": [b.text() for b in buttons],
        "buttons_in_view": bool(buttons) and in_view,
    }


def _save_other_tabs(app: Any, dialog: Any, stem: Path) -> None:
    """A screenshot of each further tab of a dialog's tab widgets (stem-tab2.png, ...)."""
    from PySide6.QtWidgets import QTabWidget

    for tabs in dialog.findChildren(QTabWidget):
        if tabs.window() is not dialog or not tabs.isVisible():
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == first:
                continue
            tabs.setCurrentIndex(index)
            settle(app)
            dialog.grab().save(f"{stem}-tab{index + 1}.png")
        tabs.setCurrentIndex(first)


def settle(app: Any, dialog: Any | None = None) -> None:
    """Let layouts, timers and a running calculation finish."""
    for _ in range(20):
        app.processEvents()
    while dialog is not None and getattr(dialog, "is_busy", lambda: False)():
        app.processEvents()
    for _ in range(10):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the screenshots (none if absent)")
    parser.add_argument("--screen", default="1280x680")
    parser.add_argument("--lang", nargs="+", default=["en", "de", "pseudo"])
    parser.add_argument("--views", nargs="*", default=list(VIEWS))
    parser.add_argument("--dialogs", nargs="*", default=None, help="default: all")
    parser.add_argument("--check", action="store_true", help="print the fit of each as JSON")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.screen.lower().split("x"))

    with tempfile.TemporaryDirectory(prefix="tandem-small-") as tmp:
        config = _screen_config(Path(tmp), width, height)
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        os.environ["TANDEM_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from app.db import create_database
        from app.demo import generate_demo
        from app.i18n import set_language
        from ui.context import AppContext
        from ui.dialogs import available_size
        from ui.launcher import install_qt_translations
        from ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(["tandem-small-screen"])
        available = app.primaryScreen().availableGeometry()
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
        report: dict[str, Any] = {"screen": [width, height], "views": {}, "dialogs": {}}
        for code in args.lang:
            set_language(code)
            install_qt_translations(app, "de" if code == "de" else "en")
            (Path(tmp) / code).mkdir()
            path = Path(tmp) / code / "demo.tandem"
            db = create_database(path)
            generate_demo(db, participants=120, seed=1)
            db.close()
            context = AppContext()
            window = MainWindow(context)
            window.setGeometry(available)
            window.show()
            context.open(path, remember=False)
            tag = f"{code}-{width}x{height}"
            for key in args.views:
                window.show_view(key)
                settle(app)
                minimum = window.minimumSizeHint()
                report["views"][f"{code}/{key}"] = {
                    "minimum": [minimum.width(), minimum.height()],
                    "minimum_fits": minimum.width() <= width and minimum.height() <= height,
                }
                if args.out:
                    window.grab().save(str(args.out / f"{tag}-{key}.png"))
            factories = dialog_factories(window, context)
            for name in args.dialogs if args.dialogs is not None else list(factories):
                dialog = factories[name]()
                dialog.show()
                settle(app, dialog)
                result = check_dialog(dialog, available_size(dialog))
                report["dialogs"][f"{code}/{name}"] = result
                if args.out:
                    dialog.grab().save(str(args.out / f"{tag}-dialog-{name}.png"))
                    _save_other_tabs(app, dialog, args.out / f"{tag}-dialog-{name}")
                if not args.check:
                    print(f"{tag} {name}: {result}")
                dialog.close()
                dialog.deleteLater()
                settle(app)
            window.close()
            context.shutdown()
            window.deleteLater()
            settle(app)
        from ui.workers import stop_all

        stop_all()  # no thread may outlive the program
        if args.check:
            print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
