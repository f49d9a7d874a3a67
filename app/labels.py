"""Words for the user for the stable values of the model (roles, statuses, ...)."""

from __future__ import annotations

from app.i18n import N_, Translator, tr
from app.model import (
    CheckinPhase,
    GoalsReached,
    ParticipantStatus,
    Role,
    SessionStatus,
    TandemStatus,
    Topic,
)

_LABELS: dict[object, str] = {
    Role.MENTOR: N_("Mentor"),
    Role.MENTEE: N_("Mentee"),
    Role.BOTH: N_("Mentor and mentee"),
    ParticipantStatus.ACTIVE: N_("Active"),
    ParticipantStatus.ALUMNI: N_("Alumni"),
    ParticipantStatus.LEFT: N_("Left the company"),
    TandemStatus.PROPOSED: N_("Proposed"),
    TandemStatus.AGREED: N_("Agreed"),
    TandemStatus.ACTIVE: N_("Active"),
    TandemStatus.COMPLETED: N_("Completed"),
    TandemStatus.DISSOLVED: N_("Dissolved"),
    SessionStatus.PLANNED: N_("Planned"),
    SessionStatus.HELD: N_("Held"),
    SessionStatus.CANCELLED: N_("Cancelled"),
    CheckinPhase.MID: N_("Mid-round"),
    CheckinPhase.FINAL: N_("Final"),
    GoalsReached.YES: N_("Yes"),
    GoalsReached.PARTLY: N_("Partly"),
    GoalsReached.NO: N_("No"),
}


def label(value: object, t: Translator | None = None) -> str:
    """The translated word for an enum value of the model ('' for None); in the window's
    language, or in the language of `t` (documents)."""
    if value is None:
        return ""
    text = _LABELS.get(value)
    if not text:
        return str(value)
    return t.tr(text) if t is not None else tr(text)


def topic_label(topic: Topic | str, t: Translator | None = None) -> str:
    """A topic's name in the window's language, or in that of `t` (built-in topics are
    translated; a topic HR typed stays as typed unless the catalogue knows it)."""
    translate = t.tr if t is not None else tr
    if isinstance(topic, Topic):
        return translate(topic.name) if topic.builtin_key else topic.name
    return translate(topic)
