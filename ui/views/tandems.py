"""The tandems view: every pair with its round, status, focus and meetings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from app.i18n import N_, tr, trn
from app.labels import label, topic_label
from app.model import Tandem
from app.services.rounds import list_rounds
from app.services.tandems import list_tandems
from ui.context import PARTICIPANTS, ROUNDS, SESSIONS, TANDEMS, TOPICS
from ui.models.generic import Column
from ui.notes import attach_notes_button
from ui.views.base import TableView

_STATUS_ORDER = {"proposed": 0, "agreed": 1, "active": 2, "completed": 3, "dissolved": 4}


class TandemsView(TableView):
    """A read-only table of the tandems of all rounds."""

    areas = (TANDEMS, ROUNDS, PARTICIPANTS, SESSIONS, TOPICS)
    title = N_("Tandems")
    search_placeholder = N_("Search tandems by round, name or topic…")
    empty_hint = N_("No tandems yet. A tandem pairs a mentor with a mentee in a round.")

    def __init__(self, context: Any, parent: Any = None) -> None:
        self._planned: dict[int, int] = {}
        super().__init__(context, parent)
        attach_notes_button(self, "tandem")  # private notes of the selected tandem

    def columns(self) -> Sequence[Column[Any]]:
        return [
            Column(N_("Round"), lambda t: t.round_name),
            Column(N_("Mentor"), lambda t: t.mentor_name),
            Column(N_("Mentee"), lambda t: t.mentee_name),
            Column(N_("Status"), lambda t: label(t.status), lambda t: _STATUS_ORDER.get(str(t.status), 9)),
            Column(N_("Focus topics"), lambda t: ", ".join(topic_label(n) for n in t.focus_topics), stretch=True),
            Column(N_("Meetings held"), self._meetings, lambda t: t.sessions_held, align_right=True),
        ]  # fmt: skip

    def _meetings(self, tandem: Tandem) -> str:
        planned = max(self._planned.get(tandem.round_id, 0), tandem.sessions_total)
        return tr("{held} of {planned}", held=tandem.sessions_held, planned=planned)

    def load(self, db: Database) -> Sequence[Tandem]:
        self._planned = {r.id: r.meetings_planned for r in list_rounds(db)}
        return list_tandems(db)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} tandem", "{n} tandems", total)
        return trn("{shown} of {n} tandem", "{shown} of {n} tandems", total, shown=shown)
