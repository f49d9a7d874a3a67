"""The sessions view: every meeting of every tandem, in time order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from sqlite_utils import Database

from app.i18n import N_, format_datetime, tr, trn
from app.labels import label
from app.model import Session
from app.services.sessions import list_sessions
from ui.context import PARTICIPANTS, SESSIONS, TANDEMS
from ui.models.generic import Column
from ui.models.sortkeys import date_key
from ui.notes import attach_notes_button
from ui.views.base import TableView

_STATUS_ORDER = {"planned": 0, "held": 1, "cancelled": 2}

SESSION_COLUMNS: list[Column[Session]] = [
    Column(N_("Date and time"), lambda s: format_datetime(s.starts_at), lambda s: date_key(s.starts_at)),
    Column(N_("Tandem"), lambda s: f"{s.mentor_name} – {s.mentee_name}"),
    Column(N_("Duration"), lambda s: tr("{n} min", n=s.duration_minutes), lambda s: s.duration_minutes, align_right=True),
    Column(N_("Place or link"), lambda s: s.location, stretch=True),
    Column(N_("Status"), lambda s: label(s.status), lambda s: _STATUS_ORDER.get(str(s.status), 9)),
    Column(N_("Agenda items"), lambda s: str(len(s.agenda)), lambda s: len(s.agenda), align_right=True),
]  # fmt: skip


class SessionsView(TableView):
    """A read-only table of all sessions with their agenda size."""

    areas = (SESSIONS, TANDEMS, PARTICIPANTS)
    title = N_("Sessions")
    search_placeholder = N_("Search sessions by name or place…")
    empty_hint = N_("No meetings yet. Meetings are planned for each tandem of a round.")
    default_sort = (0, Qt.SortOrder.AscendingOrder)

    def __init__(self, context: Any, parent: Any = None) -> None:
        super().__init__(context, parent)
        attach_notes_button(self, "session")  # private notes of the selected meeting

    def columns(self) -> Sequence[Column[Any]]:
        return SESSION_COLUMNS

    def load(self, db: Database) -> Sequence[Session]:
        return list_sessions(db)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} meeting", "{n} meetings", total)
        return trn("{shown} of {n} meeting", "{shown} of {n} meetings", total, shown=shown)
