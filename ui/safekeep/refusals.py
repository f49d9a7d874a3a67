"""When a file cannot be opened: the message, and what the user can do instead.

- Open in another Tandem (or held by another program): look at the newest backup read-only.
- Damaged: put the newest backup in its place; the damaged file is kept aside untouched.
- Anything else: the message alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app import APP_NAME
from app.db import FileDamagedError, FileInUseError
from app.db.owner import describe_backup
from app.errors import TandemError
from app.i18n import tr
from ui import dialogs

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def show_refusal(window: MainWindow, message: str) -> None:
    """The warning for a refused file, with the offer that fits the reason."""
    refusal = window.context.refusal
    window.context.refusal = None
    if isinstance(refusal, FileInUseError) and refusal.newest_backup is not None:
        _offer_read_only_backup(window, message, refusal)
    elif isinstance(refusal, FileDamagedError) and refusal.newest_backup is not None:
        _offer_restore(window, message, refusal)
    elif isinstance(refusal, FileDamagedError):
        dialogs.show_warning(
            window,
            message,
            tr(
                "Tandem has not changed it. There is no backup of it on this computer: if "
                "you have a copy elsewhere, open that one."
            ),
        )
    else:
        dialogs.show_warning(window, message)


def ask(window: MainWindow, text: str, details: str, yes: str, no: str) -> bool:
    """A warning that offers one way out: True when the user takes it."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def _offer_read_only_backup(window: MainWindow, message: str, refusal: FileInUseError) -> None:
    backup = refusal.newest_backup
    assert backup is not None
    if ask(
        window,
        message,
        tr(
            "Meanwhile you can look at the newest backup of it from this computer, read-only: "
            "{backup}.",
            backup=describe_backup(backup),
        ),
        tr("Open the newest backup read-only"),
        tr("Close"),
    ):
        window.context.open_backup_read_only(backup.path)


def _offer_restore(window: MainWindow, message: str, refusal: FileDamagedError) -> None:
    from app.services.safekeeping import restore_damaged

    backup = refusal.newest_backup
    assert backup is not None
    if not ask(
        window,
        message,
        tr(
            "Tandem has not changed it. The newest backup is from {backup}. Put it in place "
            "of the damaged file? The damaged file stays beside it as it is, with “damaged” "
            "in its name.",
            backup=describe_backup(backup),
        ),
        tr("Restore the backup"),
        tr("Cancel"),
    ):
        return
    try:
        aside = restore_damaged(refusal.path, backup.path)
    except TandemError as exc:
        dialogs.show_warning(window, tr("The backup could not be restored."), exc.message)
        return
    if window.context.open(refusal.path):
        dialogs.show_info(
            window,
            tr("The backup from {when} is in place.", when=describe_backup(backup)),
            tr("The damaged file was kept as {name}, untouched.", name=aside.name),
        )
