"""The tandem agreement (Tandem-Vereinbarung), to print and sign.

Both partners with position and department; round and period; the meeting plan (number,
length, cadence, place or video, who books); focus topics, the mentee's learning goals and the
mentor's; then the clauses (HR's version from the settings, else our standard text in
resources/agreement/), with the reporting-line rule stated AND checked on the day the agreement
is made; signature lines with place and date for mentor, mentee and HR; one copy for each.

Everything is read through the services. An agreement for a pair in which one partner is in
the other's reporting line is refused (ConflictError naming the reason): such a pair must not
sign that "neither is in the other's reporting line".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from sqlite_utils import Database

from app.documents import parts, style
from app.documents.base import HouseInfo, house_info, render_pdf
from app.documents.filenames import pair_label, suggested_filename
from app.documents.markup import Markup, bold, esc, fill
from app.errors import ConflictError
from app.i18n import Translator, tr, translator
from app.labels import topic_label
from app.model import Clause, Participant, Round, Session, SessionStatus, Tandem
from app.services import participants, rounds, sessions, tandems
from app.services import settings as settings_service
from app.services.common import today
from app.services.retention import DEFAULT_KEEP_MONTHS, keep_months
from app.services.tandem_rules import reporting_line_errors

_MENTOR_PREFIX = re.compile(r"^\s*mentor(?:in|\(in\)|/in|\*in|:in)?\s*:\s*", re.IGNORECASE)
_MENTEE_PREFIX = re.compile(r"^\s*mentee\s*:\s*", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-•*]|\d{1,2}[.)])\s+")
_VIDEO = re.compile(r"https?://|teams|zoom|webex|video|meet\.", re.IGNORECASE)


@dataclass(frozen=True)
class AgreementFacts:
    """Everything an agreement prints, gathered through the services."""

    tandem: Tandem
    mentor: Participant
    mentee: Participant
    round: Round
    sessions: tuple[Session, ...]
    house: HouseInfo
    clauses: tuple[Clause, ...]
    checked_on: date
    keep_months: int = DEFAULT_KEEP_MONTHS


def split_goals(text: str) -> tuple[list[str], list[str]]:
    """A tandem's goals text as (mentee's goals, mentor's goals): one goal a line; lines that
    start with "Mentor:" (or "Mentor(in):", "Mentorin:") are the mentor's."""
    mentee_goals: list[str] = []
    mentor_goals: list[str] = []
    for raw in (text or "").splitlines():
        line = _LIST_MARK.sub("", raw).strip()
        if not line:
            continue
        if _MENTOR_PREFIX.match(line):
            mentor_goals.append(_MENTOR_PREFIX.sub("", line, count=1).strip())
        else:
            mentee_goals.append(_MENTEE_PREFIX.sub("", line, count=1).strip())
    return [_capital(g) for g in mentee_goals if g], [_capital(g) for g in mentor_goals if g]


def _capital(text: str) -> str:
    """The goal with a capital first letter ("Mentor: learn ..." -> "Learn ...")."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def agreement_facts(db: Database, tandem_id: int, lang: str) -> AgreementFacts:
    """Read what the agreement of a tandem prints; refuses (ConflictError) a pair in which one
    is in the other's reporting line. Raises NotFoundError for an unknown tandem."""
    tandem = tandems.get_tandem(db, tandem_id)
    problems = reporting_line_errors(db, tandem.mentor_id, tandem.mentee_id)
    if problems:
        raise ConflictError(
            tr(
                "No agreement can be made for {mentor} and {mentee}:",
                mentor=tandem.mentor_name,
                mentee=tandem.mentee_name,
            )
            + "\n"
            + "\n".join(problems)
        )
    return AgreementFacts(
        tandem=tandem,
        mentor=participants.get_participant(db, tandem.mentor_id),
        mentee=participants.get_participant(db, tandem.mentee_id),
        round=rounds.get_round(db, tandem.round_id),
        sessions=tuple(sessions.list_sessions(db, tandem_id=tandem_id, with_agenda=False)),
        house=house_info(db),
        clauses=tuple(settings_service.agreement_clauses(db, lang)),
        checked_on=today(),
        keep_months=keep_months(db),
    )


def agreement_pdf(db: Database, tandem_id: int, *, lang: str, made_on: date | None = None) -> bytes:
    """The tandem agreement of one tandem as PDF bytes, in `lang` ('de' or 'en'), whatever
    language the window speaks. `made_on` is the date printed (default today)."""
    t = translator(lang)
    facts = agreement_facts(db, tandem_id, t.code)
    if made_on is not None:
        facts = AgreementFacts(**{**facts.__dict__, "checked_on": made_on})
    width = style.PAGE_SIZE[0] - style.MARGINS.left - style.MARGINS.right
    names = pair_label(facts.mentor.last_name, facts.mentee.last_name)
    return render_pdf(
        agreement_story(facts, t, width),
        t=t,
        house=facts.house,
        title=f"{t.tr('Tandem agreement')} {names}",
        subject=f"{facts.house.program_name} · {facts.round.name}",
        keywords=[t.tr("Tandem agreement"), facts.house.program_name],
        made_on=facts.checked_on,
    )


def agreement_filename(db: Database, tandem_id: int, *, lang: str) -> str:
    """The suggested file name of a tandem's agreement, in `lang`:
    "Tandem-Vereinbarung Hahn – El-Amrani.pdf" / "Tandem agreement Hahn – El-Amrani.pdf"."""
    t = translator(lang)
    tandem = tandems.get_tandem(db, tandem_id)
    mentor = participants.get_participant(db, tandem.mentor_id)
    mentee = participants.get_participant(db, tandem.mentee_id)
    return suggested_filename(
        t.tr("Tandem agreement"), pair_label(mentor.last_name, mentee.last_name)
    )


# --- the story ----------------------------------------------------------------------------


def agreement_story(facts: AgreementFacts, t: Translator, width: float) -> list[Flowable]:
    """The agreement's flowables, in reading order."""
    story: list[Flowable] = []
    story += _title(facts, t)
    story += _partners(facts, t, width)
    story += _plan(facts, t, width)
    story += _goals(facts, t, width)
    clauses = _clauses(facts, t, width)
    # The last clause goes onto the page of the signatures: nobody signs a page of its own.
    story += clauses[:-1]
    story.append(parts.keep([clauses[-1], *_signatures(facts, t, width)]))
    return story


def _title(facts: AgreementFacts, t: Translator) -> list[Flowable]:
    s = style.styles()
    program, round_name = facts.house.program_name, facts.round.name
    repeats = program.casefold() in round_name.casefold()
    kicker = round_name if repeats else " · ".join(p for p in (program, round_name) if p)
    values = {"mentor": bold(facts.mentor.name), "mentee": bold(facts.mentee.name)}
    if facts.house.company_name:
        intro = fill(
            t.tr(
                "How {mentor} and {mentee} work together as a tandem in the {program} "
                "programme of {company}."
            ),
            program=facts.house.program_name,
            company=facts.house.company_name,
            **values,
        )
    else:
        intro = fill(
            t.tr("How {mentor} and {mentee} work together as a tandem in the {program} programme."),
            program=facts.house.program_name,
            **values,
        )
    return [
        Paragraph(esc(kicker), s.kicker),
        Paragraph(esc(t.tr("Tandem agreement")), s.title),
        Paragraph(intro, s.subtitle),
        parts.space(7),
    ]


def _person_card(person: Participant, role: str, duty: str) -> list[Flowable]:
    s = style.styles()
    card: list[Flowable] = [
        Paragraph(esc(role.upper()), s.card_role),
        Paragraph(esc(person.name), s.card_name),
    ]
    details = [d for d in (person.position, person.department) if d]
    for detail in details:
        card.append(Paragraph(esc(detail), s.value))
    card.append(Paragraph(esc(duty), s.card_duty))
    return card


def _partners(facts: AgreementFacts, t: Translator, width: float) -> list[Flowable]:
    gap = 6 * mm
    column = (width - gap) / 2
    cards = Table(
        [
            [
                _person_card(
                    facts.mentor,
                    t.tr("Mentor"),
                    t.tr("Shares their knowledge and leads the learning"),
                ),
                "",
                _person_card(facts.mentee, t.tr("Mentee"), t.tr("Learns, and books the meetings")),
            ]
        ],
        colWidths=[column, gap, column],
        hAlign="LEFT",
    )
    cards.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), style.ACCENT_TINT),
                ("BACKGROUND", (2, 0), (2, 0), style.ACCENT_TINT),
                ("LINEABOVE", (0, 0), (0, 0), 2.5, style.ACCENT, 0),
                ("LINEABOVE", (2, 0), (2, 0), 2.5, style.ACCENT, 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (1, 0), (1, 0), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    check = fill(
        t.tr("Neither partner is in the other’s reporting line (checked on {date})."),
        date=t.format_date_long(facts.checked_on),
    )
    return [cards, parts.space(3.5), parts.ticked(check, width=width)]


def _meeting_minutes(facts: AgreementFacts) -> tuple[int, int]:
    """The shortest and longest planned or held meeting (the default length when none is
    planned yet)."""
    durations = [s.duration_minutes for s in facts.sessions if s.status != SessionStatus.CANCELLED]
    if not durations:
        default = facts.house.settings.default_duration_minutes
        return default, default
    return min(durations), max(durations)


def _places(facts: AgreementFacts, t: Translator) -> Markup:
    seen: list[str] = []
    for session in facts.sessions:
        place = (session.location or "").strip()
        if session.status != SessionStatus.CANCELLED and place and place not in seen:
            seen.append(place)
    if not seen:
        return esc(t.tr("To be agreed between the two, in person or by video"))
    shown = [fill(t.tr("video call: {link}"), link=p) if "://" in p else esc(p) for p in seen[:3]]
    text = Markup("; ".join(shown))
    if len(seen) > 3:
        text = Markup(text + esc(t.tr("; and other places")))
    return text


def _plan(facts: AgreementFacts, t: Translator, width: float) -> list[Flowable]:
    rnd = facts.round
    shortest, longest = _meeting_minutes(facts)
    count = t.trn("{n} meeting", "{n} meetings", rnd.meetings_planned)
    cadence = t.trn("every week", "every {n} weeks", rnd.cadence_weeks)
    if shortest == longest:
        meetings = fill(
            t.tr("{meetings} of {minutes} minutes each, {cadence}"),
            meetings=count, minutes=shortest, cadence=cadence,
        )  # fmt: skip
    else:
        meetings = fill(
            t.tr("{meetings} of {shortest} to {longest} minutes, {cadence}"),
            meetings=count, shortest=shortest, longest=longest, cadence=cadence,
        )  # fmt: skip
    period = f"{t.format_date_long(rnd.start_date)} – {t.format_date_long(rnd.end_date)}"
    halfway = rnd.start_date + timedelta(days=(rnd.end_date - rnd.start_date).days // 2)
    upcoming = [s for s in facts.sessions if s.status == SessionStatus.PLANNED]
    rows: list[tuple[str, object]] = [
        (t.tr("Round"), esc(rnd.name)),
        (t.tr("Period"), esc(period)),
        (t.tr("Meetings"), meetings),
        (t.tr("Place"), _places(facts, t)),
        (
            t.tr("Invitations"),
            fill(t.tr("{mentee} (the mentee) books the meetings."), mentee=facts.mentee.name),
        ),
    ]
    if upcoming:
        first = upcoming[0].starts_at
        rows.append(
            (
                t.tr("Next meeting"),
                esc(
                    t.tr(
                        "{date}, {time}",
                        date=t.format_date_long(first),
                        time=first.strftime("%H:%M"),
                    )
                ),
            )
        )
    rows.append(
        (
            t.tr("Review"),
            fill(
                t.tr("Halfway, around {date}: is the tandem working, do the goals still fit?"),
                date=t.format_date_long(halfway),
            ),
        )
    )
    contact = _hr_contact_line(facts.house)
    if contact:
        rows.append((t.tr("HR contact"), esc(contact)))
    return [
        *parts.section(t.tr("Round and meetings")),
        parts.key_value_table(rows, width=width),  # type: ignore[arg-type]
    ]


def _hr_contact_line(house: HouseInfo) -> str:
    current = house.settings
    return " · ".join(
        p
        for p in (current.hr_contact_name, current.hr_contact_email, current.hr_contact_phone)
        if p
    )


def _goals(facts: AgreementFacts, t: Translator, width: float) -> list[Flowable]:
    s = style.styles()
    mentee_goals, mentor_goals = split_goals(facts.tandem.goals)
    story: list[Flowable] = [*parts.section(t.tr("Focus and goals"))]
    topics = [topic_label(name, t) for name in facts.tandem.focus_topics]
    story.append(Paragraph(esc(t.tr("Focus topics")), s.h2))
    if topics:
        story.append(Paragraph(Markup(" &nbsp;·&nbsp; ".join(esc(x) for x in topics)), s.body))
    else:
        story.append(parts.WriteLines(1, width))
    story.append(
        parts.keep(
            [
                Paragraph(
                    fill(t.tr("What {name} wants to learn (mentee)"), name=facts.mentee.name), s.h2
                ),
                *(
                    parts.numbered(mentee_goals)
                    if mentee_goals
                    else [parts.WriteLines(3, width, numbered=True)]
                ),
            ]
        )
    )
    story.append(
        parts.keep(
            [
                Paragraph(
                    fill(t.tr("What {name} wants to learn (mentor)"), name=facts.mentor.name), s.h2
                ),
                *(
                    parts.numbered(mentor_goals)
                    if mentor_goals
                    else [parts.WriteLines(2, width, numbered=True)]
                ),
            ]
        )
    )
    return story


def _placeholders(facts: AgreementFacts, t: Translator) -> dict[str, str]:
    """What each of the clause words (`settings.CLAUSE_WORDS`) prints in `t`'s language."""
    name = facts.house.settings.hr_contact_name
    return {
        "{company}": facts.house.company_name or t.tr("the company"),
        "{program}": facts.house.program_name,
        "{hr_contact}": t.tr("{name} (HR)", name=name) if name else t.tr("the HR department"),
        "{retention}": t.trn("{n} month", "{n} months", facts.keep_months),
        "{dpo}": facts.house.settings.dpo_in_text,
    }


def _clause_text(text: str, values: dict[str, str]) -> str:
    """The text with the words filled in; words in braces that are not among them (typed by
    HR before they were checked) print as they are."""
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _printed(paragraph: str, values: dict[str, str]) -> bool:
    """A paragraph that names the data protection officer is left out when none is named."""
    return bool(values["{dpo}"]) or "{dpo}" not in paragraph


def _clauses(facts: AgreementFacts, t: Translator, width: float) -> list[Flowable]:
    """The section heading, then one flowable per clause (a heading kept with its first
    paragraph, or a framed box)."""
    s = style.styles()
    values = _placeholders(facts, t)
    story: list[Flowable] = [*parts.section(t.tr("What we agree"))]
    number = 0
    for clause in facts.clauses:
        heading = _clause_text(clause.heading, values)
        body: list[Flowable] = []
        for paragraph in clause.paragraphs:
            if not _printed(paragraph, values):
                continue
            text = _clause_text(paragraph, values)
            if text.startswith("- "):
                body += parts.bullets(
                    [text[2:].strip()], bullet_style=s.box_body if clause.boxed else s.bullet
                )
            else:
                body.append(Paragraph(esc(text), s.body))
        if clause.boxed:
            box = [Paragraph(esc(heading), s.box_title), *body] if heading else body
            story.append(
                parts.keep([parts.space(2), parts.boxed(box, width=width), parts.space(5)])
            )
            continue
        if heading:
            number += 1
            title = Paragraph(Markup(f"{number}.&nbsp;&nbsp;{esc(heading)}"), s.h2)
            body = [title, *body]
        # A clause of up to three paragraphs stays together; a longer one keeps its heading
        # with its first paragraph and flows on.
        story.append(parts.keep(body if len(body) <= 4 else body[:2]))
        if len(body) > 4:
            story += body[2:]
    return story


def _signatures(facts: AgreementFacts, t: Translator, width: float) -> list[Flowable]:
    s = style.styles()
    place = facts.house.signature_place
    signers = [
        parts.Signer(facts.mentor.name, t.tr("Mentor")),
        parts.Signer(facts.mentee.name, t.tr("Mentee")),
        parts.Signer(facts.house.settings.hr_contact_name, t.tr("For HR")),
    ]
    block = [
        Paragraph(esc(t.tr("Signatures")), s.h1),
        Paragraph(
            esc(
                t.tr(
                    "With our signatures we agree to the above. Made out in three copies: one "
                    "each for the mentor, the mentee and HR."
                )
            ),
            s.body,
        ),
        parts.space(8),
        parts.signature_block(
            signers,
            width=width,
            place_label=t.tr("Place, date"),
            place=t.tr("{place},", place=place) if place else "",
        ),
    ]
    return [parts.space(4), *block]
