"""Demo data: a small German company running its reverse-mentoring program.

`generate_demo(db)` fills an empty program file with about 120 employees of the fictional
Lindenhof Technik GmbH in eight departments, with a real reporting hierarchy (managing
director, heads of department, section and team leads, staff), German and international
names, consent dates, topics to teach and to learn, two rounds (last year's, completed; this
year's, running), about 14 tandems in every state, sessions with agendas following a
reverse-mentoring arc, shared summaries of held meetings, and check-ins (one tandem in
trouble, so the warning flags have something to show).

Participants are bulk-inserted (5,000 take well under a second); rounds, tandems, sessions,
agendas and check-ins go through the services, so they pass the same validation and rules as
data a user enters. Everything is written in one transaction: all or nothing.

Deterministic: the same `seed` and the same `today` give identical data. Dates are placed
relative to `today` (default: `services.common.today()`, the real date), so the `demo`
command always gives a demo that looks current: the running round started four months ago.
Texts such as departments, positions, goals, agendas and summaries are written in the
current language (`app.i18n`); names are never translated.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from sqlite_utils import Database

from app.db.migrations import BUILTIN_TOPICS
from app.demo_house import add_demo_house
from app.demo_names import (
    COMPANY_NAME,
    EMAIL_DOMAIN,
    FEATURED,
    FEMALE_FIRST,
    LAST_NAMES,
    MALE_FIRST,
    FeaturedPerson,
    email_local_part,
    gendered_last_name,
)
from app.errors import ConflictError, ValidationError
from app.i18n import N_, tr
from app.model import (
    CheckinPhase,
    GoalsReached,
    ParticipantStatus,
    Role,
    RoundInput,
    SessionInput,
    SessionStatus,
    TandemStatus,
)
from app.services import checkins, common, participants, rounds, sessions, settings, tandems
from app.services.common import to_iso

MIN_PARTICIPANTS = 60
MAX_PARTICIPANTS = 20_000

# (key, name, share of the 120-person company, two specialist job titles)
DEPARTMENTS: tuple[tuple[str, str, int, tuple[str, str]], ...] = (
    ("management", N_("Management"), 3, (N_("Strategy Manager"), N_("Executive Assistant"))),
    ("sales", N_("Sales"), 22, (N_("Account Manager"), N_("Sales Engineer"))),
    ("marketing", N_("Marketing"), 12, (N_("Marketing Manager"), N_("Content Creator"))),
    ("it", N_("IT"), 18, (N_("Software Developer"), N_("System Administrator"))),
    ("finance", N_("Finance"), 10, (N_("Accountant"), N_("Controller"))),
    ("hr", N_("Human Resources"), 8, (N_("HR Generalist"), N_("Recruiter"))),
    ("production", N_("Production"), 30, (N_("Industrial Mechanic"), N_("Production Planner"))),
    (
        "service",
        N_("Customer Service"),
        17,
        (N_("Customer Service Agent"), N_("Service Technician")),
    ),
)

# Levels from the top down; the rank orders mentees (the most senior first).
LEVELS = (
    "md",
    "head",
    "section",
    "lead",
    "senior",
    "specialist",
    "junior",
    "apprentice",
    "student",
    "trainee",
)
_MANAGER_LEVELS = ("md", "head", "section", "lead")
_STAFF_WEIGHTS = {
    "senior": 15,
    "specialist": 33,
    "junior": 17,
    "apprentice": 12,
    "student": 12,
    "trainee": 11,
}
# Years with the company, by level (low, high).
_TENURE = {
    "md": (12, 25),
    "head": (5, 20),
    "section": (5, 18),
    "lead": (3, 15),
    "senior": (4, 16),
    "specialist": (1, 10),
    "junior": (0.4, 3),
    "apprentice": (0.3, 2.5),
    "student": (0.3, 2),
    "trainee": (0.3, 1.5),
}
# Role in the program by level: weights of (mentor, mentee, both).
_ROLE_WEIGHTS = {
    "md": (0, 1, 0),
    "head": (0, 1, 0),
    "section": (0, 1, 0),
    "lead": (0, 7, 3),
    "senior": (2, 6, 2),
    "specialist": (4, 4, 2),
    "junior": (1, 0, 0),
    "apprentice": (1, 0, 0),
    "student": (1, 0, 0),
    "trainee": (1, 0, 0),
}

# Built-in topic keys: what the young teach, what the seniors teach back.
DIGITAL_TOPICS = (
    "ai",
    "social_media",
    "digital_collaboration",
    "new_work",
    "gen_z",
    "diversity",
    "data_literacy",
    "cyber_security",
    "sustainability",
    "employer_branding",
    "mobile_apps",
)
LEADERSHIP_TOPICS = ("leadership", "strategy", "networking", "career", "communication")
_TOPIC_NAMES = dict(BUILTIN_TOPICS)

MEETINGS = 6
CADENCE_WEEKS = 6
ROUND_DAYS = 245  # about eight months
RUNNING_SINCE_DAYS = 120  # the running round started about four months before today
_TIMES = (time(8, 30), time(9, 0), time(10, 0), time(11, 0), time(13, 30), time(14, 0), time(15, 0))

ROUND_NAME = N_("Reverse mentoring {year}")
LOCATIONS = (
    N_("Meeting room Alster"),
    N_("Meeting room Elbe"),
    N_("Video call (Microsoft Teams)"),
    N_("Café in the canteen"),
    N_("Walk around the company grounds"),
)
POSITION_MD = N_("Managing Director")
POSITION_HEAD = N_("Head of {department}")
POSITION_SECTION = N_("Section lead, {department}")
POSITION_LEAD = N_("Team Lead")
POSITION_SENIOR = N_("Senior {title}")
POSITION_JUNIOR = N_("Junior {title}")
POSITION_APPRENTICE = N_("Apprentice")
POSITION_STUDENT = N_("Working Student")
POSITION_TRAINEE = N_("Trainee")

GOAL_TEMPLATES = (
    N_("Use “{a}” confidently in everyday work."),
    N_("Understand how “{a}” changes what customers and applicants expect of us."),
    N_("Try out “{a}” in one real project of the department."),
)
GOAL_SECOND = (
    N_("Get a feeling for “{b}” and decide what the department should change."),
    N_("Learn enough about “{b}” to talk about it with the team."),
)
GOAL_MENTOR = (
    N_("Mentor: gain insight into leadership and decisions at management level."),
    N_("Mentor: build a network beyond their own department."),
    N_("Mentor: learn how the executive floor looks at “{c}”."),
)
DISSOLUTION_REASONS_PAST = (
    N_("The mentee took over a project abroad; both agreed to end the tandem."),
    N_("Not enough time alongside a large project; ended by mutual agreement, no blame."),
)
DISSOLUTION_REASON_RUNNING = N_(
    "Two meetings could not take place; both agreed the pairing did not fit and end it "
    "without blame. The mentee gets a new mentor."
)

AGENDA_KICKOFF = (
    (
        N_("Getting to know each other and expectations"),
        N_("Both: think about what you want to get out of the tandem."),
    ),
    (N_("Rules of confidentiality: what is said here stays here"), ""),
    (
        N_("Goals and focus topics for the round"),
        N_("Mentee: bring two or three concrete situations from your work."),
    ),
    (N_("Dates and format of our meetings"), ""),
)
AGENDA_TOPIC = (
    (N_("{topic}: where do we stand?"), N_("Mentee: note down your questions on the topic.")),
    (N_("{topic}: hands-on practice"), N_("Mentor: prepare a small example or exercise.")),
    (N_("Takeaways and next steps"), ""),
)
AGENDA_REVIEW = (
    (
        N_("Mid-round review: what works, what should change?"),
        N_("Both: fill in the mid-round check-in beforehand."),
    ),
    (N_("Progress on our goals"), ""),
    (N_("{topic}: hands-on practice"), N_("Mentor: prepare a small example or exercise.")),
)
AGENDA_CLOSING = (
    (
        N_("Looking back: which goals did we reach?"),
        N_("Both: re-read the goals in the tandem agreement."),
    ),
    (N_("What the mentor takes away: insights into leadership"), ""),
    (N_("Feedback for the program and farewell"), N_("Both: fill in the final check-in.")),
)
SUMMARY_KICKOFF = N_(
    "Got to know each other, agreed on confidentiality and set the goals. Focus: {topics}."
)
SUMMARY_TOPIC = (
    N_("{topic}: tried out tools together live on the laptop."),
    N_("{topic}: went through real examples from the mentee's work."),
    N_("{topic}: discussed how customers and applicants see the topic."),
    N_("{topic}: the mentee set up a first small experiment for the team."),
)
SUMMARY_REVIEW = N_("Mid-round review: both want to continue, with more practice on “{topic}”.")
SUMMARY_CLOSING = N_(
    "Looked back on the goals; “{topic}” is now part of the mentee's everyday work."
)


@dataclass(frozen=True)
class DemoSummary:
    """What `generate_demo` wrote."""

    company: str
    participants: int
    departments: int
    rounds: int
    tandems: int
    sessions: int
    agenda_items: int
    checkins: int
    notes: int = 0


@dataclass
class _Person:
    id: int
    department: str  # key
    level: str
    manager_id: int | None
    title_index: int = 0
    first_name: str = ""
    last_name: str = ""
    start_date: date | None = None
    role: Role = Role.MENTEE
    consent_date: date | None = None
    teach: list[str] = field(default_factory=list)  # built-in topic keys
    learn: list[str] = field(default_factory=list)
    featured: FeaturedPerson | None = None
    ancestors: frozenset[int] = frozenset()
    has_reports: bool = False


@dataclass(frozen=True)
class _Pair:
    mentor: _Person
    mentee: _Person
    focus: tuple[str, ...]  # built-in topic keys


def generate_demo(
    db: Database, participants: int = 120, seed: int = 1, today: date | None = None
) -> DemoSummary:
    """Fill an empty program file with a demo company and its program; returns what was written.

    `participants` sets the company's size (60 to 20,000; 120 by default; the number of
    tandems grows with it up to 40 a round), `seed` makes the data reproducible, `today`
    anchors every date (default: the real today). Refuses (ConflictError) a file that already
    holds participants or rounds, so demo data never mixes with real data.
    """
    if not isinstance(participants, int) or not (
        MIN_PARTICIPANTS <= participants <= MAX_PARTICIPANTS
    ):
        raise ValidationError(
            tr(
                "The demo company needs between {low} and {high} employees.",
                low=MIN_PARTICIPANTS,
                high=MAX_PARTICIPANTS,
            ),
            field="participants",
        )
    day = today or common.today()
    rng = random.Random(seed)
    with db.atomic():
        _refuse_non_empty(db)
        people = _build_people(rng, participants, day)
        _insert_people(db, people)
        if not settings.get_settings(db).company_name:
            settings.set_setting(db, "company_name", COMPANY_NAME)
        add_demo_house(db)
        _Program(db, rng, people, day).write()
        from app.demo_notes import add_demo_notes  # private notes under the passphrase "demo"

        add_demo_notes(db, day)
        return _summary(db)


def _refuse_non_empty(db: Database) -> None:
    row = db.execute(
        "SELECT (SELECT count(*) FROM participants), (SELECT count(*) FROM rounds)"
    ).fetchone()
    if row[0] or row[1]:
        raise ConflictError(
            tr(
                "This file already holds participants or rounds. Demo data is only written into "
                "an empty file, so that it never mixes with real data."
            )
        )


def _summary(db: Database) -> DemoSummary:
    row = db.execute(
        """
        SELECT (SELECT count(*) FROM participants),
               (SELECT count(DISTINCT department) FROM participants),
               (SELECT count(*) FROM rounds), (SELECT count(*) FROM tandems),
               (SELECT count(*) FROM sessions), (SELECT count(*) FROM agenda_items),
               (SELECT count(*) FROM checkins), (SELECT count(*) FROM private_notes)
        """
    ).fetchone()
    return DemoSummary(settings.get_settings(db).company_name or COMPANY_NAME, *row)


# --- The company -------------------------------------------------------------------------


def department_sizes(total: int) -> list[int]:
    """Split `total` employees over the departments by their share (largest remainder)."""
    weight_sum = sum(d[2] for d in DEPARTMENTS)
    exact = [total * d[2] / weight_sum for d in DEPARTMENTS]
    sizes = [max(2, math.floor(x)) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    index = 0
    while sum(sizes) < total:
        sizes[order[index % len(order)]] += 1
        index += 1
    while sum(sizes) > total:
        biggest = max(range(len(sizes)), key=lambda i: (sizes[i], -i))
        sizes[biggest] -= 1
    return sizes


def _build_people(rng: random.Random, total: int, day: date) -> list[_Person]:
    """The organisation chart, ids in top-down order (every manager before their reports)."""
    slots: list[tuple[int, str, str, int | None]] = []  # (depth, dept, level, manager slot)

    def add(depth: int, dept: str, level: str, manager: int | None) -> int:
        slots.append((depth, dept, level, manager))
        return len(slots) - 1

    md = add(0, "management", "md", None)
    staff_levels = list(_STAFF_WEIGHTS)
    staff_weights = list(_STAFF_WEIGHTS.values())
    for (key, *_), size in zip(DEPARTMENTS, department_sizes(total), strict=True):
        head = md if key == "management" else add(1, key, "head", md)
        rest = size - 1
        leaders: list[int] = [head]
        depth = 2
        if rest > 8:
            teams = math.ceil(rest / 9)
            parents = [head]
            if teams > 8:
                sections = math.ceil(teams / 8)
                parents = [add(2, key, "section", head) for _ in range(sections)]
                rest -= sections
                depth = 3
            leaders = [add(depth, key, "lead", parents[i % len(parents)]) for i in range(teams)]
            rest -= teams
            depth += 1
        for i in range(rest):
            level = rng.choices(staff_levels, staff_weights)[0]
            add(depth, key, level, leaders[i % len(leaders)])
    order = sorted(range(len(slots)), key=lambda i: (slots[i][0], i))
    new_id = {slot: number for number, slot in enumerate(order, start=1)}
    people = []
    for slot in order:
        _depth, dept, level, manager = slots[slot]
        people.append(
            _Person(
                id=new_id[slot],
                department=dept,
                level=level,
                manager_id=new_id[manager] if manager is not None else None,
                title_index=rng.randrange(2),
            )
        )
    by_id = {p.id: p for p in people}
    for person in people:
        if person.manager_id is not None:
            manager = by_id[person.manager_id]
            manager.has_reports = True
            person.ancestors = manager.ancestors | {manager.id}
    _place_featured(people)
    _name_people(rng, people)
    _add_program_facts(rng, people, day)
    return people


def _place_featured(people: list[_Person]) -> None:
    """Give each featured person a slot of their department and level (or make one)."""
    for featured in FEATURED:
        in_dept = [p for p in people if p.department == featured.department and not p.featured]
        match = [p for p in in_dept if p.level == featured.level]
        if not match:
            # A small company may lack the level: turn a staff member into it.
            match = [p for p in reversed(in_dept) if not p.has_reports]
            if not match:
                continue
            match[0].level = featured.level
        match[0].featured = featured


def _name_people(rng: random.Random, people: list[_Person]) -> None:
    for person in people:
        if person.featured:
            person.first_name = person.featured.first_name
            person.last_name = person.featured.last_name
            continue
        female = rng.random() < 0.5
        person.first_name = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        person.last_name = gendered_last_name(rng.choice(LAST_NAMES), female)


def _add_program_facts(rng: random.Random, people: list[_Person], day: date) -> None:
    """Start dates, roles, consent and topics."""
    running_start = day - timedelta(days=RUNNING_SINCE_DAYS)
    completed_start = _year_before(running_start)
    for person in people:
        low, high = _TENURE[person.level]
        days = int(rng.uniform(low, high) * 365)
        if person.featured and person.featured.tandem == "completed":
            days = max(days, (day - completed_start).days + rng.randint(60, 300))
        elif person.featured:
            days = max(days, RUNNING_SINCE_DAYS + rng.randint(100, 300))
        person.start_date = day - timedelta(days=days)
        if person.featured:
            person.role = Role(person.featured.role)
        else:
            person.role = rng.choices(list(Role), _ROLE_WEIGHTS[person.level])[0]
        if person.featured or rng.random() < 0.85:
            # Most consented before last year's round, the others before this year's.
            early = rng.random() < 0.6
            if person.featured:
                early = person.featured.tandem == "completed" or person.level in ("md", "head")
            base = completed_start if early else running_start
            consent = base - timedelta(days=rng.randint(25, 90))
            consent = max(consent, person.start_date + timedelta(days=rng.randint(7, 40)))
            person.consent_date = min(consent, day - timedelta(days=1))
        mentor_side = rng.sample(DIGITAL_TOPICS, rng.randint(2, 4))
        senior_side = rng.sample(LEADERSHIP_TOPICS, rng.randint(1, 2))
        if person.role == Role.MENTOR:
            person.teach, person.learn = mentor_side, senior_side
        elif person.role == Role.MENTEE:
            person.teach, person.learn = senior_side, mentor_side[:3]
        else:
            person.teach = mentor_side[:2] + senior_side[:1]
            person.learn = (
                mentor_side[2:3] + [t for t in LEADERSHIP_TOPICS if t not in senior_side][:1]
            )


def _year_before(value: date) -> date:
    return date(value.year - 1, value.month, min(value.day, 28))


def _position(person: _Person) -> str:
    name, _share, titles = next(d[1:] for d in DEPARTMENTS if d[0] == person.department)
    title = tr(titles[person.title_index])
    level = person.level
    if level == "md":
        return tr(POSITION_MD)
    if level == "head":
        return tr(POSITION_HEAD, department=tr(name))
    if level == "section":
        return tr(POSITION_SECTION, department=tr(name))
    if level == "lead":
        return tr(POSITION_LEAD)
    if level == "senior":
        return tr(POSITION_SENIOR, title=title)
    if level == "junior":
        return tr(POSITION_JUNIOR, title=title)
    if level == "apprentice":
        return tr(POSITION_APPRENTICE)
    if level == "student":
        return tr(POSITION_STUDENT)
    if level == "trainee":
        return tr(POSITION_TRAINEE)
    return title


def _insert_people(db: Database, people: list[_Person]) -> None:
    """Bulk-insert the participants and their topics (ids as planned, managers first)."""
    topic_ids = {
        row["builtin_key"]: row["id"]
        for row in db.query("SELECT id, builtin_key FROM topics WHERE builtin_key IS NOT NULL")
    }
    for key, name in BUILTIN_TOPICS:  # a file whose built-in topic was deleted
        if key not in topic_ids:
            from app.services.topics import ensure_topic

            topic_ids[key] = ensure_topic(db, name).id
    departments = {d[0]: tr(d[1]) for d in DEPARTMENTS}
    seen_emails: set[str] = set()
    numbers: dict[int, str] = {}
    number = 10_000
    by_start = sorted(people, key=lambda p: (p.start_date, p.id))
    number_rng = random.Random(len(people))
    for person in by_start:
        number += number_rng.randint(1, 3)
        numbers[person.id] = str(number)
    rows, topic_rows = [], []
    for person in people:
        local = email_local_part(person.first_name, person.last_name)
        email, counter = local, 1
        while email in seen_emails:
            counter += 1
            email = f"{local}{counter}"
        seen_emails.add(email)
        rows.append(
            {
                "id": person.id,
                "personnel_number": numbers[person.id],
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{email}@{EMAIL_DOMAIN}",
                "department": departments[person.department],
                "position": _position(person),
                "manager_id": person.manager_id,
                "start_date": to_iso(person.start_date),
                "role": str(person.role),
                "consent_date": to_iso(person.consent_date),
                "status": str(ParticipantStatus.ACTIVE),
                "status_date": None,
            }
        )
        for kind, keys in (("teach", person.teach), ("learn", person.learn)):
            for key in keys:
                topic_rows.append(
                    {"participant_id": person.id, "topic_id": topic_ids[key], "kind": kind}
                )
    db["participants"].insert_all(rows, batch_size=500)
    db["participant_topics"].insert_all(topic_rows, batch_size=2000)


# --- The program -------------------------------------------------------------------------


class _Program:
    """Writes the two rounds with their tandems, sessions, agendas and check-ins."""

    def __init__(self, db: Database, rng: random.Random, people: list[_Person], day: date):
        self.db, self.rng, self.people, self.day = db, rng, people, day
        self.by_id = {p.id: p for p in people}
        self.in_program: set[int] = set()
        total = len(people)
        self.running_count = min(40, max(4, round(total / 15)))
        self.completed_count = min(30, max(3, round(total / 20)))

    def write(self) -> None:
        running_start = self.day - timedelta(days=RUNNING_SINCE_DAYS)
        completed_start = _year_before(running_start)
        past = self._round(completed_start, self.completed_count)
        # The running round is meant to grow by a few tandems: "Propose pairs…" shows how.
        current = self._round(running_start, self.running_count + 4)
        past_mentors = self._write_completed(past.id, completed_start)
        self._write_running(current.id, running_start)
        self._mark_alumni_and_leavers(past_mentors, completed_start)

    def _round(self, start: date, target: int):
        return rounds.create_round(
            self.db,
            RoundInput(
                name=tr(ROUND_NAME, year=start.year),
                start_date=start,
                end_date=start + timedelta(days=ROUND_DAYS),
                meetings_planned=MEETINGS,
                cadence_weeks=CADENCE_WEEKS,
                target_tandems=target,
            ),
        )

    # pairing ----------------------------------------------------------------------------

    def _eligible(self, person: _Person, proposed: date, mentor: bool) -> bool:
        role_fits = person.role.can_mentor if mentor else person.role.can_be_mentee
        return (
            role_fits
            and person.id not in self.in_program
            and person.consent_date is not None
            and person.consent_date <= proposed
            and person.start_date is not None
            and person.start_date <= proposed - timedelta(days=30)
        )

    def _pairs(self, which: str, count: int, proposed: date) -> list[_Pair]:
        """Up to `count` pairs that keep every rule: roles, consent, no reporting line, one
        tandem per person, different departments and managers (no warnings to confirm)."""

        def wanted(person: _Person) -> bool:
            return bool(person.featured and person.featured.tandem == which)

        def kept_for_other_round(person: _Person) -> bool:
            return bool(person.featured and person.featured.tandem not in (None, which))

        shuffled = list(self.people)
        self.rng.shuffle(shuffled)
        order = {p.id: i for i, p in enumerate(shuffled)}
        mentors = sorted(
            (
                p
                for p in self.people
                if self._eligible(p, proposed, mentor=True) and not kept_for_other_round(p)
            ),
            key=lambda p: (not wanted(p), order[p.id]),
        )
        mentees = sorted(
            (
                p
                for p in self.people
                if self._eligible(p, proposed, mentor=False) and not kept_for_other_round(p)
            ),
            key=lambda p: (not wanted(p), LEVELS.index(p.level), order[p.id]),
        )
        pairs: list[_Pair] = []
        for mentee in mentees:
            if len(pairs) >= count:
                break
            if mentee.id in self.in_program:
                continue
            mentor = self._best_mentor(mentee, mentors, wanted)
            if mentor is None:
                continue
            pairs.append(self._pair(mentor, mentee))
        return pairs

    def _best_mentor(self, mentee: _Person, mentors: list[_Person], wanted) -> _Person | None:
        """The allowed mentor with the best topic fit; a featured mentor of this round wins
        when they fit at all; ties go to the earlier one in `mentors`."""
        best, best_score = None, None
        for mentor in mentors:
            if mentor.id in self.in_program or not self._allowed(mentor, mentee):
                continue
            overlap = len(set(mentor.teach) & set(mentee.learn))
            score = (wanted(mentor) and overlap > 0, min(overlap, 2))
            if best_score is None or score > best_score:
                best, best_score = mentor, score
        return best

    def _allowed(self, mentor: _Person, mentee: _Person) -> bool:
        return (
            mentor.id != mentee.id
            and mentor.id not in mentee.ancestors
            and mentee.id not in mentor.ancestors
            and mentor.department != mentee.department
            and mentor.manager_id != mentee.manager_id
        )

    def _pair(self, mentor: _Person, mentee: _Person) -> _Pair:
        self.in_program.update((mentor.id, mentee.id))
        focus = [t for t in mentee.learn if t in mentor.teach]
        focus += [t for t in mentee.learn if t not in focus and t in DIGITAL_TOPICS]
        return _Pair(mentor, mentee, tuple(focus[:3]))

    # tandems ----------------------------------------------------------------------------

    def _create(self, round_id: int, pair: _Pair, proposed: date) -> int:
        topics = [_TOPIC_NAMES[k] for k in pair.focus]
        return tandems.create_tandem(
            self.db,
            round_id,
            pair.mentor.id,
            pair.mentee.id,
            goals=self._goals(pair),
            focus_topics=tuple(topics),
            on=proposed,
        ).id

    def _goals(self, pair: _Pair) -> str:
        names = [tr(_TOPIC_NAMES[k]) for k in pair.focus] or [tr(_TOPIC_NAMES["ai"])]
        lines = [tr(self.rng.choice(GOAL_TEMPLATES), a=names[0])]
        if len(names) > 1:
            lines.append(tr(self.rng.choice(GOAL_SECOND), b=names[1]))
        lines.append(tr(self.rng.choice(GOAL_MENTOR), c=names[-1]))
        return "\n".join(lines)

    def _status(self, tandem_id: int, status: TandemStatus, on: date, reason: str = "") -> None:
        tandems.set_status(self.db, tandem_id, status, on=on, reason=reason or None)

    def _write_completed(self, round_id: int, start: date) -> list[_Person]:
        proposed = start - timedelta(days=21)
        pairs = self._pairs("completed", self.completed_count, proposed)
        dissolved = max(1, len(pairs) // 10)
        for index, pair in enumerate(pairs):
            tandem_id = self._create(round_id, pair, proposed)
            self._status(
                tandem_id, TandemStatus.AGREED, start - timedelta(days=self.rng.randint(5, 12))
            )
            first = start + timedelta(days=14 + self.rng.randint(0, 4))
            self._status(tandem_id, TandemStatus.ACTIVE, first)
            if index >= len(pairs) - dissolved:
                held = self._sessions(tandem_id, pair, first, count=2)
                end = held[-1] + timedelta(days=20)
                reason = DISSOLUTION_REASONS_PAST[index % len(DISSOLUTION_REASONS_PAST)]
                self._status(tandem_id, TandemStatus.DISSOLVED, end, tr(reason))
                continue
            dates = self._sessions(tandem_id, pair, first, count=MEETINGS)
            self._checkins(tandem_id, pair, CheckinPhase.MID, dates[2] + timedelta(days=3))
            finished = dates[-1] + timedelta(days=self.rng.randint(2, 7))
            self._status(tandem_id, TandemStatus.COMPLETED, finished)
            self._checkins(tandem_id, pair, CheckinPhase.FINAL, finished + timedelta(days=2))
        return [pair.mentor for pair in pairs]

    def _write_running(self, round_id: int, start: date) -> None:
        proposed = start - timedelta(days=21)
        total = self.running_count
        dissolved = max(1, total // 15)
        agreed = max(1, total // 8)
        proposed_new = total // 10
        pairs = self._pairs("running", total - dissolved, proposed)
        active_count = max(0, len(pairs) - dissolved - agreed - proposed_new)
        troubled = active_count - 1 if active_count >= 2 else None
        for index, pair in enumerate(pairs):
            if index >= len(pairs) - proposed_new:
                self._create(round_id, pair, self.day - timedelta(days=5))
                continue
            tandem_id = self._create(round_id, pair, proposed)
            if index < active_count:
                self._status(
                    tandem_id, TandemStatus.AGREED, start - timedelta(days=self.rng.randint(5, 12))
                )
                first = start + timedelta(days=14 + self.rng.randint(0, 4))
                self._status(tandem_id, TandemStatus.ACTIVE, first)
                cancel = {1} if index == troubled else set()
                self._sessions(tandem_id, pair, first, count=MEETINGS, cancel=cancel)
                mid_on = self.day - timedelta(days=self.rng.randint(1, 10))
                if index == troubled:
                    self._troubled_checkins(tandem_id, pair, mid_on)
                elif index == 0 and active_count >= 3:
                    self._checkin(tandem_id, pair.mentor, CheckinPhase.MID, mid_on)
                else:
                    self._checkins(tandem_id, pair, CheckinPhase.MID, mid_on)
            elif index < active_count + agreed:
                self._status(tandem_id, TandemStatus.AGREED, self.day - timedelta(days=12))
                kickoff = self.day + timedelta(days=8)
                self._sessions(tandem_id, pair, kickoff, count=1)
            else:
                self._status(tandem_id, TandemStatus.AGREED, start - timedelta(days=9))
                first = start + timedelta(days=14 + self.rng.randint(0, 4))
                self._status(tandem_id, TandemStatus.ACTIVE, first)
                self._sessions(tandem_id, pair, first, count=3, cancel={1, 2})
                self._status(
                    tandem_id,
                    TandemStatus.DISSOLVED,
                    self.day - timedelta(days=10),
                    tr(DISSOLUTION_REASON_RUNNING),
                )
                # The mentee gets a new mentor: proposed, HR decides.
                self.in_program.discard(pair.mentee.id)
                rematch = self._pairs_for(pair.mentee, proposed)
                if rematch:
                    self._create(round_id, rematch, self.day - timedelta(days=3))

    def _pairs_for(self, mentee: _Person, proposed: date) -> _Pair | None:
        mentors = [p for p in self.people if self._eligible(p, proposed, mentor=True)]
        self.rng.shuffle(mentors)
        mentor = self._best_mentor(mentee, mentors, lambda _p: False)
        return self._pair(mentor, mentee) if mentor else None

    # sessions ---------------------------------------------------------------------------

    def _sessions(
        self,
        tandem_id: int,
        pair: _Pair,
        first: date,
        *,
        count: int,
        cancel: set[int] | frozenset[int] = frozenset(),
    ) -> list[date]:
        """Meetings at the round's cadence from `first`; past ones held (a few cancelled),
        future ones planned. Returns their dates."""
        dates = []
        topics = [tr(_TOPIC_NAMES[k]) for k in pair.focus] or [tr(_TOPIC_NAMES["ai"])]
        for index in range(count):
            day = (
                first
                if index == 0
                else first + timedelta(days=index * CADENCE_WEEKS * 7 + self.rng.randint(-3, 3))
            )
            day = _weekday(day)
            starts = datetime.combine(day, self.rng.choice(_TIMES))
            topic = topics[(index - 1) % len(topics)]
            kind = _arc(index)
            if day >= self.day:
                status, summary = SessionStatus.PLANNED, ""
            elif index in cancel or self.rng.random() < 0.07:
                status, summary = SessionStatus.CANCELLED, ""
            else:
                status, summary = SessionStatus.HELD, self._summary(kind, topic, topics)
            sessions.create_session(
                self.db,
                tandem_id,
                SessionInput(
                    starts_at=starts,
                    duration_minutes=90 if kind in ("kickoff", "closing") else 60,
                    location=tr(self.rng.choice(LOCATIONS)),
                    status=status,
                    summary=summary,
                ),
                _agenda(kind, topic),
            )
            dates.append(day)
        return dates

    def _summary(self, kind: str, topic: str, topics: list[str]) -> str:
        if kind == "kickoff":
            return tr(SUMMARY_KICKOFF, topics=", ".join(topics))
        if kind == "review":
            return tr(SUMMARY_REVIEW, topic=topic)
        if kind == "closing":
            return tr(SUMMARY_CLOSING, topic=topics[0])
        return tr(self.rng.choice(SUMMARY_TOPIC), topic=topic)

    # check-ins --------------------------------------------------------------------------

    def _checkins(self, tandem_id: int, pair: _Pair, phase: CheckinPhase, on: date) -> None:
        for person in (pair.mentor, pair.mentee):
            self._checkin(tandem_id, person, phase, on + timedelta(days=self.rng.randint(0, 3)))

    def _checkin(self, tandem_id: int, person: _Person, phase: CheckinPhase, on: date) -> None:
        final = phase == CheckinPhase.FINAL
        checkins.record_checkin(
            self.db,
            tandem_id,
            person.id,
            phase,
            relationship_rating=self.rng.choice((4, 4, 5, 5, 5, 3)),
            progress_rating=self.rng.choice((3, 4, 4, 5, 5)),
            goals_reached=self.rng.choice(
                (GoalsReached.YES, GoalsReached.YES, GoalsReached.PARTLY)
                if final
                else (GoalsReached.PARTLY, GoalsReached.PARTLY, GoalsReached.YES)
            ),
            would_take_part_again=(self.rng.random() < 0.9) if final else None,
            on=min(on, self.day),
        )

    def _troubled_checkins(self, tandem_id: int, pair: _Pair, on: date) -> None:
        """A tandem in trouble: low ratings, so the flags have something to show."""
        for person, relationship in ((pair.mentor, 3), (pair.mentee, 2)):
            checkins.record_checkin(
                self.db,
                tandem_id,
                person.id,
                CheckinPhase.MID,
                relationship_rating=relationship,
                progress_rating=2,
                goals_reached=GoalsReached.NO,
                on=on,
            )

    # people after the rounds ------------------------------------------------------------

    def _mark_alumni_and_leavers(self, past_mentors: list[_Person], start: date) -> None:
        """Some of last year's mentors are alumni now, one left; a few others left too."""
        end = start + timedelta(days=ROUND_DAYS)
        alumni_count = max(2, len(past_mentors) // 3)
        changes: list[tuple[_Person, ParticipantStatus, date]] = []
        for person in past_mentors[:alumni_count]:
            changes.append((person, ParticipantStatus.ALUMNI, end + timedelta(days=14)))
        leavers = [p for p in past_mentors[alumni_count:] if not p.has_reports]
        if leavers:
            changes.append((leavers[0], ParticipantStatus.LEFT, end + timedelta(days=45)))
        others = [
            p
            for p in self.people
            if p.id not in self.in_program
            and not p.has_reports
            and not p.featured
            and p.start_date is not None
            and p.start_date < self.day - timedelta(days=250)
        ]
        for person in self.rng.sample(others, min(len(others), 2 + len(self.people) // 500)):
            left_on = self.day - timedelta(days=self.rng.randint(20, 200))
            changes.append((person, ParticipantStatus.LEFT, left_on))
        for person, status, on in changes:
            current = participants.get_participant(self.db, person.id)
            participants.update_participant(
                self.db,
                person.id,
                replace(current.as_input(), status=status, status_date=min(on, self.day)),
            )


def _weekday(day: date) -> date:
    """Move a Saturday or Sunday to the following Monday."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _arc(index: int) -> str:
    """The place of a meeting in the reverse-mentoring arc of six meetings."""
    if index == 0:
        return "kickoff"
    if index == MEETINGS - 1:
        return "closing"
    if index == MEETINGS // 2 - 1:
        return "review"
    return "topic"


def _agenda(kind: str, topic: str) -> list[tuple[str, str]]:
    items = {
        "kickoff": AGENDA_KICKOFF,
        "review": AGENDA_REVIEW,
        "closing": AGENDA_CLOSING,
        "topic": AGENDA_TOPIC,
    }[kind]
    return [
        (tr(title, topic=topic) if "{topic}" in title else tr(title), tr(prep) if prep else "")
        for title, prep in items
    ]
