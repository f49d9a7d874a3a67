"""The warning when the open file lies on a network drive or in a synchronised folder, with
the offer to move it to the local Documents folder (see `app.places`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import TandemError
from app.i18n import tr
from app.places import CLOUD, local_documents_folder, risk_of
from ui import dialogs
from ui.safekeep.refusals import ask

if TYPE_CHECKING:
    from ui.main_window import MainWindow

_WARNED = "_tandem_risky_places_warned"


def warn_if_risky(window: MainWindow, *, documents: Path | None = None) -> bool:
    """Warn once per file and window when the open file is in a risky place, and move it
    when the user agrees (`documents` stands in for the local Documents folder). Returns
    True when the file was moved."""
    context = window.context
    path = context.path
    if path is None or context.db is None or context.is_demo or context.is_read_only:
        return False
    warned = _warned(window)
    if str(path) in warned:
        return False
    risk = risk_of(path)
    if risk is None:
        return False
    warned.add(str(path))
    folder = documents or local_documents_folder()
    if risk.kind == CLOUD:
        text = tr(
            "The file {name} is in a folder that {service} synchronises.",
            name=path.name,
            service=risk.service,
        )
    else:
        text = tr("The file {name} is on a network drive.", name=path.name)
    details = tr(
        "That is risky for a program file: a copy can be taken while Tandem is writing, and "
        "two people can open it on two computers at once; either can damage it or lose "
        "changes. Tandem keeps it safest in a folder on this computer. Move it to {folder} "
        "now? Tandem then opens it there.",
        folder=str(folder),
    )
    move = tr("Move it to {folder}", folder=folder.name)
    if not ask(window, text, details, move, tr("Keep it here")):
        return False
    return move_to(window, folder)


def _warned(window: MainWindow) -> set[str]:
    """The files this window has warned about."""
    warned = getattr(window, _WARNED, None)
    if warned is None:
        warned = set()
        setattr(window, _WARNED, warned)
    return warned


def move_to(window: MainWindow, folder: Path) -> bool:
    """Copy the open file (verified) into `folder`, open the copy, delete the original."""
    from app.services.safekeeping import copy_to_folder, remove_original

    context = window.context
    old = context.path
    assert old is not None and context.db is not None
    try:
        new = copy_to_folder(context.db, folder)
    except TandemError as exc:
        dialogs.show_warning(window, tr("The file could not be moved."), exc.message)
        return False
    _warned(window).add(str(new))
    if not context.open(new):
        return False
    if not remove_original(old):
        dialogs.show_warning(
            window,
            tr("The file is now in {path}.", path=str(new)),
            tr(
                "The old file {path} could not be deleted; please delete it yourself, so "
                "that nobody goes on working with it.",
                path=str(old),
            ),
        )
    else:
        dialogs.show_info(window, tr("The file is now in {path}.", path=str(new)))
    return True
