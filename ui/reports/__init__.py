"""The programme's reports in the window: the annual summary (from the Overview and the
Documents menu), the personal data export (from a participant and the Documents menu), the
works-council description and the programme factsheet (Documents menu).

Each asks for its options in a dialog of its own (`summary_dialog`, ...), makes the PDF on
the worker and opens it in the preview of `ui/documents/` (Save as…, Print…, Open in PDF
viewer). The documents themselves are made in `app/documents/`.

The menu handlers below are registered in ui/actions.py; they import the dialogs only when
first used.
"""

from __future__ import annotations

from typing import Any


def annual_summary(window: Any) -> None:
    """Documents → Annual summary…: the summary of a year or a round."""
    from ui.reports.actions import make_annual_summary

    make_annual_summary(window.context, window)


def personal_data_export(window: Any) -> None:
    """Documents → Personal data export (GDPR)…: for the person selected in the
    participants view, or any other chosen in the dialog."""
    from ui.reports.actions import make_person_export

    view = getattr(window, "views", {}).get("participants")
    person = view.selected() if view is not None else None
    make_person_export(window.context, window, person.id if person is not None else None)


def works_council_sheet(window: Any) -> None:
    """Documents → Works-council description…."""
    from ui.reports.actions import make_works_council_sheet

    make_works_council_sheet(window.context, window)


def programme_factsheet(window: Any) -> None:
    """Documents → Programme factsheet…."""
    from ui.reports.actions import make_factsheet

    make_factsheet(window.context, window)
