"""Send to Outlook (.ics): the meetings still to come of a round's (or a tandem's) agreed and
active tandems as a calendar file that Outlook imports, written on a worker thread with its own
connection; afterwards a message says where the file is, what was left out and why, and how to
open it in Outlook. A second export of the same meetings updates the events in Outlook instead
of duplicating them (stable UIDs), and withdraws meetings sent before that no longer take place
(see app.services.calendar_export).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QWidget

from app.errors import TandemError
from app.i18n import N_, tr, trn
from app.services.calendar_export import IcsExport, calendar_selection
from ui import dialogs
from ui.context import AppContext
from ui.export_actions import BackgroundExport, legal_file_name, start_folder

if TYPE_CHECKING:
    from sqlite_utils import Database

_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
MAX_STEM = 80


def ics_file_name(subject: str) -> str:
    """`Treffen-<subject>.ics` (`Meetings-<subject>.ics` in English), legal on Windows."""
    stem = legal_file_name(tr("Meetings-{name}", name=subject))[:MAX_STEM].rstrip(". ")
    if _RESERVED.match(stem):
        stem = "_" + stem
    return (stem or "calendar") + ".ics"


def ics_filter() -> str:
    """The save dialog's filter."""
    return tr("Calendar file for Outlook (*.ics)")


def outlook_help() -> str:
    """How to bring the file into Outlook."""
    return tr(
        "To add the meetings to your Outlook calendar, double-click the file. Or, in "
        "Outlook: File → Open & Export → Import/Export → “Import an iCalendar (.ics) file”.\n"
        "If you send the file again after changes, Outlook updates the meetings instead of "
        "adding them twice; cancelled meetings are removed."
    )


class CalendarExport(BackgroundExport):
    """One export to an .ics file, on a worker; `done(bool)` when it ended."""

    failure_text = N_("The calendar file was not saved.")

    def __init__(
        self,
        context: AppContext,
        path: Path,
        *,
        round_id: int | None,
        tandem_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        def write(db: Database, target: Path) -> IcsExport:
            from app.services.calendar_export import export_ics

            return export_ics(db, target, round_id=round_id, tandem_id=tandem_id)

        super().__init__(
            context,
            path,
            write,
            name="ics",
            busy_text=tr("Writing the calendar file…"),
            title=tr("Send to Outlook"),
            parent=parent,
        )
        self.result: IcsExport | None = None

    def succeeded(self, result: IcsExport) -> None:
        self.result = result
        text = trn(
            "{n} meeting was saved for Outlook in:",
            "{n} meetings were saved for Outlook in:",
            result.events,
        )
        details = str(result.path)
        if result.cancelled:
            details += "\n" + trn(
                "{n} of them is cancelled (Outlook removes it).",
                "{n} of them are cancelled (Outlook removes them).",
                result.cancelled,
            )
        left_out = result.left_out_lines()
        if left_out:
            details += "\n\n" + "\n".join(left_out)
        dialogs.show_info(self._parent, text, details + "\n\n" + outlook_help())


def subject_name(context: AppContext, round_id: int | None, tandem_id: int | None) -> str:
    """The round's name, or 'Mentor-Mentee' for a tandem (for the file name)."""
    from app.services.rounds import get_round
    from app.services.tandems import get_tandem

    assert context.db is not None
    if tandem_id is not None:
        tandem = get_tandem(context.db, tandem_id)
        return f"{tandem.mentor_name}-{tandem.mentee_name}"
    assert round_id is not None
    return get_round(context.db, round_id).name


def export_calendar(
    context: AppContext,
    parent: QWidget | None = None,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
) -> CalendarExport | None:
    """Ask where to save the meetings of a tandem (when given) or a round, and start the
    export; None when there is nothing to export or the user cancels."""
    if context.db is None or context.path is None:
        return None
    if tandem_id is not None:
        round_id = None
    if round_id is None and tandem_id is None:
        dialogs.show_info(parent, tr("Please choose a round or a tandem first."))
        return None
    try:
        subject = subject_name(context, round_id, tandem_id)
        selection = calendar_selection(context.db, round_id=round_id, tandem_id=tandem_id)
    except TandemError as exc:
        dialogs.show_warning(parent, exc.message)
        return None
    if not selection.events and not selection.left_out:
        dialogs.show_info(
            parent,
            tr("There are no meetings to send yet.")
            + " "
            + tr("Plan them first with “Plan meetings…” in the Meetings view."),
        )
        return None
    if not selection.events:
        dialogs.show_info(
            parent,
            tr("There is no meeting to send."),
            "\n".join(
                [
                    *selection.left_out_lines(),
                    "",
                    tr(
                        "Only meetings still to come of agreed and active tandems are sent: "
                        "people who have not agreed get no invitations."
                    ),
                ]
            ),
        )
        return None
    name, _chosen = QFileDialog.getSaveFileName(
        parent,
        tr("Send to Outlook (.ics)"),
        str(start_folder() / ics_file_name(subject)),
        ics_filter(),
        ics_filter(),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    export = CalendarExport(context, path, round_id=round_id, tandem_id=tandem_id, parent=parent)
    export.start()
    return export


def run(window: Any) -> CalendarExport | None:
    """File → Send meetings to Outlook (.ics)… (registered in ui/actions.py): the round or
    tandem chosen in the sessions view, else the running round."""
    from app.services import common
    from app.services.overview import running_round_id

    context = window.context
    if context.db is None:
        return None
    view = getattr(window, "views", {}).get("sessions")
    round_id = tandem_id = None
    if view is not None:
        round_id, tandem_id = view.chosen_round_id(), view.chosen_tandem_id()
    if round_id is None and tandem_id is None:
        round_id = running_round_id(context.db, common.today())
    if round_id is None and tandem_id is None:
        dialogs.show_info(window, tr("There is no round yet, so there are no meetings to send."))
        return None
    return export_calendar(context, window, round_id=round_id, tandem_id=tandem_id)
