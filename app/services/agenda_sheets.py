"""What an agenda sheet shows about one meeting: its number in the tandem's plan, time and
place, the two partners, the agenda with its preparation and the previous meeting's shared
summary. Read through the sessions, tandems and rounds services; private notes are never
read here.

A meeting's number counts the tandem's meetings that are not cancelled, in time order, so
"Meeting 3 of 6" matches what the partners see in their calendars. The total is the round's
planned number, or more when the tandem holds more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import tr
from app.model import Session, SessionStatus, Tandem
from app.services import rounds, sessions, tandems
from app.services.common import today

_LINK = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class PreviousMeeting:
    """The last held meeting before this one, with the summary both partners shared."""

    starts_at: datetime
    summary: str


@dataclass(frozen=True)
class AgendaSheet:
    """Everything one agenda sheet prints.

    `number` is the meeting's place among the tandem's meetings that are not cancelled
    (a cancelled meeting gets the number it would have had); `of` is the meetings the
    tandem plans (at least `number`). `previous` is None for a first meeting or when no
    earlier meeting was held."""

    session: Session
    tandem: Tandem
    number: int
    of: int
    previous: PreviousMeeting | None = None

    @property
    def is_link(self) -> bool:
        """The place is a web link (a video call) rather than a room."""
        return bool(_LINK.match(self.session.location.strip()))


def _sheets(db: Database, tandem: Tandem, wanted: list[Session]) -> list[AgendaSheet]:
    meetings = sessions.list_sessions(db, tandem_id=tandem.id, with_agenda=False)
    planned = rounds.get_round(db, tandem.round_id).meetings_planned
    counted = [s for s in meetings if s.status != SessionStatus.CANCELLED]
    result = []
    for session in wanted:
        before = [s for s in counted if (s.starts_at, s.id) < (session.starts_at, session.id)]
        number = len(before) + 1
        held_before = [s for s in before if s.status == SessionStatus.HELD]
        previous = None
        if held_before:
            last = held_before[-1]
            previous = PreviousMeeting(last.starts_at, last.summary)
        result.append(
            AgendaSheet(
                session=session,
                tandem=tandem,
                number=number,
                of=max(planned, len(counted), number),
                previous=previous,
            )
        )
    return result


def agenda_sheet(db: Database, session_id: int) -> AgendaSheet:
    """The agenda sheet of one meeting (NotFoundError for an unknown meeting)."""
    session = sessions.get_session(db, session_id)
    tandem = tandems.get_tandem(db, session.tandem_id)
    return _sheets(db, tandem, [session])[0]


def upcoming_sheets(db: Database, tandem_id: int, *, on: date | None = None) -> list[AgendaSheet]:
    """The agenda sheets of a tandem's planned meetings from `on` (default today) onwards,
    in time order. ValidationError when the tandem has none."""
    tandem = tandems.get_tandem(db, tandem_id)
    first_day = on or today()
    upcoming = [
        s
        for s in sessions.list_sessions(db, tandem_id=tandem_id)
        if s.status == SessionStatus.PLANNED and s.starts_at.date() >= first_day
    ]
    if not upcoming:
        raise ValidationError(
            tr(
                "The tandem {mentor} – {mentee} has no upcoming meetings.",
                mentor=tandem.mentor_name,
                mentee=tandem.mentee_name,
            ),
            field="tandem",
        )
    return _sheets(db, tandem, upcoming)
