"""The plain data that flows between the layers. Services return these; views show them.

Values of the enums are the stable words of the command line and the file
(`mentor`, `planned`, ...); `app.labels` turns them into words for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"

    @property
    def can_mentor(self) -> bool:
        return self in (Role.MENTOR, Role.BOTH)

    @property
    def can_be_mentee(self) -> bool:
        return self in (Role.MENTEE, Role.BOTH)


class ParticipantStatus(StrEnum):
    ACTIVE = "active"
    ALUMNI = "alumni"
    LEFT = "left"

    @property
    def has_date(self) -> bool:
        """Alumni and those who left are so since a date; an active person has none."""
        return self != ParticipantStatus.ACTIVE

    @property
    def can_be_paired(self) -> bool:
        """Someone who left the company is never paired (alumni may be)."""
        return self != ParticipantStatus.LEFT


class TandemStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    ACTIVE = "active"
    COMPLETED = "completed"
    DISSOLVED = "dissolved"

    @property
    def is_open(self) -> bool:
        """Still open (one of `OPEN_TANDEM_STATUSES`)."""
        return self in OPEN_TANDEM_STATUSES

    @property
    def can_be_deleted(self) -> bool:
        """Only a proposed tandem can be deleted; once agreed it is part of the program's
        history and is dissolved instead."""
        return self == TandemStatus.PROPOSED


OPEN_TANDEM_STATUSES = (TandemStatus.PROPOSED, TandemStatus.AGREED, TandemStatus.ACTIVE)
"""The statuses of an open tandem: it counts against a person's capacity in its round, gets
its meetings planned and is watched by the attention list. A completed or dissolved tandem is
closed. The one definition: services build their SQL from it (`tandem_rules.OPEN_STATUSES_SQL`)."""


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class CheckinPhase(StrEnum):
    MID = "mid"
    FINAL = "final"


class GoalsReached(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class NoteOwnerKind(StrEnum):
    PARTICIPANT = "participant"
    TANDEM = "tandem"
    SESSION = "session"


class TopicKind(StrEnum):
    TEACH = "teach"
    LEARN = "learn"


@dataclass(frozen=True)
class Topic:
    id: int
    name: str
    builtin_key: str | None = None


@dataclass(frozen=True)
class Participant:
    id: int
    first_name: str
    last_name: str
    personnel_number: str | None = None
    email: str | None = None
    department: str | None = None
    position: str | None = None
    manager_id: int | None = None
    manager_name: str | None = None
    start_date: date | None = None
    role: Role = Role.MENTEE
    consent_date: date | None = None
    status: ParticipantStatus = ParticipantStatus.ACTIVE
    status_date: date | None = None
    can_teach: tuple[str, ...] = ()
    wants_to_learn: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """First and last name, as people are addressed in the program."""
        return f"{self.first_name} {self.last_name}"

    @property
    def sort_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def has_consent(self) -> bool:
        return self.consent_date is not None

    def as_input(self) -> ParticipantInput:
        """The person's data as input for the participants service (to edit or restore)."""
        return ParticipantInput(
            first_name=self.first_name,
            last_name=self.last_name,
            personnel_number=self.personnel_number,
            email=self.email,
            department=self.department,
            position=self.position,
            manager_id=self.manager_id,
            start_date=self.start_date,
            role=self.role,
            consent_date=self.consent_date,
            status=self.status,
            status_date=self.status_date,
            can_teach=self.can_teach,
            wants_to_learn=self.wants_to_learn,
        )


@dataclass(frozen=True)
class DeletedParticipant:
    """A person as they were before their delete, and who reported to them (the delete
    cleared their manager): what the undo puts back."""

    person: Participant
    report_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ParticipantInput:
    """What a form, an import or the demo hands to the participants service."""

    first_name: str
    last_name: str
    personnel_number: str | None = None
    email: str | None = None
    department: str | None = None
    position: str | None = None
    manager_id: int | None = None
    start_date: date | None = None
    role: Role = Role.MENTEE
    consent_date: date | None = None
    status: ParticipantStatus = ParticipantStatus.ACTIVE
    status_date: date | None = None
    can_teach: tuple[str, ...] = ()
    wants_to_learn: tuple[str, ...] = ()


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    start_date: date
    end_date: date
    meetings_planned: int = 6
    cadence_weeks: int = 4
    capacity_mentor: int = 1
    capacity_mentee: int = 1
    tandem_count: int = 0
    target_tandems: int | None = None
    """How many tandems the round is meant to have (None: no target); the proposal of pairs
    fills up to it, best first."""
    allow_two_tandems: bool = False
    """Whether one person may be in two open tandems of the round (for example a mentee with
    two mentors, or someone with the role "both" as a mentor in one and a mentee in another).
    When False, each person is in at most one open tandem of the round."""

    @property
    def person_limit(self) -> int:
        """The most open tandems one person may be in during this round, in any role."""
        return person_limit(self.allow_two_tandems, self.capacity_mentor, self.capacity_mentee)


@dataclass(frozen=True)
class RoundInput:
    name: str
    start_date: date
    end_date: date
    meetings_planned: int = 6
    cadence_weeks: int = 4
    capacity_mentor: int = 1
    capacity_mentee: int = 1
    target_tandems: int | None = None
    allow_two_tandems: bool = False


def person_limit(allow_two_tandems: bool, capacity_mentor: int, capacity_mentee: int) -> int:
    """The most open tandems one person may be in during a round, in any role: one, unless
    the round allows two (or more per role, as its capacities say)."""
    if not allow_two_tandems:
        return 1
    return max(2, capacity_mentor, capacity_mentee)


@dataclass(frozen=True)
class Tandem:
    id: int
    round_id: int
    mentor_id: int
    mentee_id: int
    status: TandemStatus
    mentor_name: str = ""
    mentee_name: str = ""
    round_name: str = ""
    goals: str = ""
    focus_topics: tuple[str, ...] = ()
    proposed_on: date | None = None
    agreed_on: date | None = None
    started_on: date | None = None
    completed_on: date | None = None
    dissolved_on: date | None = None
    dissolution_reason: str | None = None
    sessions_held: int = 0
    sessions_total: int = 0


@dataclass(frozen=True)
class AgendaItem:
    id: int
    session_id: int
    position: int
    title: str
    preparation: str = ""


@dataclass(frozen=True)
class Session:
    id: int
    tandem_id: int
    starts_at: datetime
    duration_minutes: int = 60
    location: str = ""
    status: SessionStatus = SessionStatus.PLANNED
    summary: str = ""
    mentor_name: str = ""
    mentee_name: str = ""
    round_id: int | None = None
    agenda: tuple[AgendaItem, ...] = ()
    tandem_status: TandemStatus | None = None
    """The status of the meeting's tandem (the services read it with the meeting)."""


@dataclass(frozen=True)
class SessionInput:
    starts_at: datetime
    duration_minutes: int = 60
    location: str = ""
    status: SessionStatus = SessionStatus.PLANNED
    summary: str = ""


@dataclass(frozen=True)
class CheckIn:
    id: int
    tandem_id: int
    participant_id: int
    phase: CheckinPhase
    submitted_on: date
    relationship_rating: int | None = None
    progress_rating: int | None = None
    goals_reached: GoalsReached | None = None
    would_take_part_again: bool | None = None


@dataclass(frozen=True)
class NoteInfo:
    """What can be known of a private note without its key: that it exists, never content."""

    id: int
    owner_kind: NoteOwnerKind
    owner_id: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Stats:
    participants: int = 0
    mentors: int = 0
    mentees: int = 0
    rounds: int = 0
    tandems: int = 0
    sessions_planned: int = 0
    sessions_held: int = 0
    sessions_cancelled: int = 0
    notes: int = 0


DEFAULT_PROGRAM_NAME = "Reverse Mentoring"


@dataclass(frozen=True)
class AppSettings:
    """The program file's settings. `language` is the default language of documents (None:
    the window's language). The two signatories sign certificates; the HR contact is named in
    the tandem agreement. The data protection officer (all three empty: none is appointed,
    as in many companies under 20 people) is named in the art. 30 record, the art. 15 export
    and, through `{dpo}`, the agreement. Keys of `update_settings()` are these field names."""

    company_name: str = ""
    language: str | None = None
    default_meetings: int = 6
    default_cadence_weeks: int = 4
    default_duration_minutes: int = 60
    has_logo: bool = False
    program_name: str = DEFAULT_PROGRAM_NAME
    signature_place: str = ""
    signatory1_name: str = ""
    signatory1_title: str = ""
    signatory2_name: str = ""
    signatory2_title: str = ""
    hr_contact_name: str = ""
    hr_contact_email: str = ""
    hr_contact_phone: str = ""
    dpo_name: str = ""
    dpo_email: str = ""
    dpo_phone: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def signatories(self) -> tuple[tuple[str, str], ...]:
        """(name, title) of each signatory with a name, in order."""
        pairs = (
            (self.signatory1_name, self.signatory1_title),
            (self.signatory2_name, self.signatory2_title),
        )
        return tuple((name, title) for name, title in pairs if name)

    @property
    def hr_contact(self) -> str:
        """The HR contact on one line: "name · e-mail · phone", the parts that are set."""
        return _joined(self.hr_contact_name, self.hr_contact_email, self.hr_contact_phone)

    @property
    def dpo(self) -> str:
        """The data protection officer on one line: "name · e-mail · phone", the parts that
        are set; "" when none is named."""
        return _joined(self.dpo_name, self.dpo_email, self.dpo_phone)

    @property
    def dpo_in_text(self) -> str:
        """The data protection officer as running text names them: "Name (e-mail, phone)",
        or only the parts that are set; "" when none is named."""
        reach = ", ".join(p for p in (self.dpo_email, self.dpo_phone) if p)
        if self.dpo_name and reach:
            return f"{self.dpo_name} ({reach})"
        return self.dpo_name or reach


def _joined(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Clause:
    """One clause of the tandem agreement: a heading and its paragraphs. Paragraphs that
    start with "- " are list items; `boxed` clauses print in a framed box (ground rules)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    boxed: bool = False
