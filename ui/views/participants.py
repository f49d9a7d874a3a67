"""The participants view: everyone in the file, filtered as you type, sorted by any column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from sqlite_utils import Database

from app.i18n import N_, trn
from app.model import Participant
from app.services.participants import list_participants
from ui.context import PARTICIPANTS, TOPICS
from ui.models.generic import Column, RowTableModel
from ui.models.participants import NAME, PARTICIPANT_COLUMNS, ParticipantTableModel
from ui.views.base import TableView


class ParticipantsView(TableView):
    """A table of all participants with a search field and a count."""

    areas = (PARTICIPANTS, TOPICS)
    title = N_("Participants")
    search_placeholder = N_("Search name, e-mail, department, position, number or topic…")
    empty_hint = N_(
        "No participants yet. Import your list of employees or add people to get started."
    )
    default_sort = (NAME, Qt.SortOrder.AscendingOrder)

    def columns(self) -> Sequence[Column[Any]]:
        return PARTICIPANT_COLUMNS

    def make_model(self) -> RowTableModel[Any]:
        return ParticipantTableModel(self)

    def load(self, db: Database) -> Sequence[Participant]:
        return list_participants(db)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} participant", "{n} participants", total)
        return trn("{shown} of {n} participant", "{shown} of {n} participants", total, shown=shown)
