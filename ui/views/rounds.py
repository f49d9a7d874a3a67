"""The rounds view: every program round with its dates, meetings, cadence and tandems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from sqlite_utils import Database

from app.i18n import N_, format_date, trn
from app.model import Round
from app.services.rounds import list_rounds
from ui.context import ROUNDS, TANDEMS
from ui.models.generic import Column
from ui.models.sortkeys import date_key
from ui.views.base import TableView

ROUND_COLUMNS: list[Column[Round]] = [
    Column(N_("Name"), lambda r: r.name, stretch=True),
    Column(N_("Start"), lambda r: format_date(r.start_date), lambda r: date_key(r.start_date)),
    Column(N_("End"), lambda r: format_date(r.end_date), lambda r: date_key(r.end_date)),
    Column(N_("Meetings per tandem"), lambda r: str(r.meetings_planned), lambda r: r.meetings_planned, align_right=True),
    Column(N_("Cadence"), lambda r: trn("every week", "every {n} weeks", r.cadence_weeks), lambda r: r.cadence_weeks),
    Column(N_("Tandems"), lambda r: str(r.tandem_count), lambda r: r.tandem_count, align_right=True),
]  # fmt: skip


class RoundsView(TableView):
    """A read-only table of the rounds, newest first."""

    areas = (ROUNDS, TANDEMS)
    title = N_("Rounds")
    search_placeholder = N_("Search rounds…")
    empty_hint = N_("No rounds yet. A round groups the tandems of one program period.")
    default_sort = (1, Qt.SortOrder.DescendingOrder)

    def columns(self) -> Sequence[Column[Any]]:
        return ROUND_COLUMNS

    def load(self, db: Database) -> Sequence[Round]:
        return list_rounds(db)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} round", "{n} rounds", total)
        return trn("{shown} of {n} round", "{shown} of {n} rounds", total, shown=shown)
