"""The personal data export (Auskunft nach Art. 15 DSGVO) for one participant, as PDF and as
machine-readable JSON.

Everything comes from `app.services.privacy.personal_data`, which walks the schema, and the
descriptions of `app.services.processing_record` (what a field is for, where its value comes
from, how long it is kept), so a new column shows up here without a change:
- the person's record, field by field, with its purpose, value and source, and their topics;
- their tandems (round, role, partner, status and dates, focus topics, goals), meetings
  (date, status, length, place, the topics covered and agenda; no conversation content is
  stored), and their own check-ins;
- the private notes about them: that they exist and when they were written; their content
  only when HR asks for it (`with_notes`) with unlocked notes (`vault`);
- purposes, recipients (none outside HR; the works council gets anonymous totals only), when
  the data is deleted, the rights (rectification, erasure, restriction, objection, withdrawing
  consent, a copy, complaint to a supervisory authority), no automated decision, the date.

    person_export_pdf(db, 12, lang="de") -> bytes
    person_export_json(db, 12) -> str (UTF-8 JSON, everything as stored)
    person_export_filename(db, 12, lang="de") -> "Datenauskunft Łukasz Dvořák-Şahin.pdf"
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph
from sqlite_utils import Database

from app.documents import parts, style
from app.documents.base import HouseInfo, house_info, render_pdf
from app.documents.filenames import suggested_filename
from app.documents.markup import Markup, bold, esc, fill
from app.i18n import N_, Translator, translator
from app.labels import label, topic_label
from app.model import NoteOwnerKind, ParticipantStatus, Role, SessionStatus
from app.services import privacy
from app.services.common import parse_date, parse_datetime, today
from app.services.privacy import PersonalData, PersonTandem
from app.services.processing_record import COLUMNS, PURPOSES, SOURCES, TABLES, retention_text
from app.services.report_settings import summary_threshold
from app.services.retention import DEFAULT_KEEP_MONTHS, due_date, keep_months

TITLE = N_("Personal data export")
KICKER = N_("Information under GDPR art. 15")
WIDTH = style.PAGE_SIZE[0] - style.MARGINS.left - style.MARGINS.right
FORMAT_VERSION = 1

_ENUMS = {"role": Role, "status": ParticipantStatus}


# --- reading ----------------------------------------------------------------------------------


def _personal_data(db: Database, participant_id: int, with_notes: bool, vault: Any) -> PersonalData:
    return privacy.personal_data(
        db, participant_id, include_note_text=with_notes, vault=vault if with_notes else None
    )


def erasure_due(db: Database, data: PersonalData) -> date | None:
    """The day the person's data falls due for erasure or anonymisation: the file's retention
    period after their last round ended or they left, whichever is later, once they have left
    the company or finished the programme (`app.services.retention`); None while they take
    part."""
    if data.participant.status not in (ParticipantStatus.LEFT, ParticipantStatus.ALUMNI):
        return None
    return due_date(db, data.participant.id)


# --- the PDF ----------------------------------------------------------------------------------


def _cell(t: Translator, column: str, value: Any, data: PersonalData) -> str:
    """A stored value of the person's record, readable."""
    if value is None or value == "":
        return "–"
    if column == "manager_id":
        return data.participant.manager_name or str(value)
    if column in _ENUMS:
        try:
            return label(_ENUMS[column](value), t)
        except ValueError:
            return str(value)
    if column.endswith("_at") and isinstance(value, str):
        return t.format_datetime(parse_datetime(value))
    if (column.endswith("_date") or column.endswith("_on")) and isinstance(value, str):
        return t.format_date(parse_date(value))
    return str(value)


def _source(t: Translator, table: str, column: str) -> str:
    desc = COLUMNS.get(table, {}).get(column)
    return t.tr(SOURCES[desc.source]) if desc else "–"


def _purpose(t: Translator, table: str, column: str) -> str:
    desc = COLUMNS.get(table, {}).get(column)
    return t.tr(desc.purpose) if desc else column


def _kept(t: Translator, table: str, months: int) -> Markup:
    """The muted line under a section: what the table is for and how long it is kept (the
    file's retention setting, `months`)."""
    info = TABLES.get(table)
    if info is None:
        return esc("")
    return fill(
        t.tr("Purpose: {purpose} Kept: {retention}"),
        purpose=t.tr(info.purpose),
        retention=retention_text(t, info.retention, months),
    )


def _title(data: PersonalData, t: Translator, house: HouseInfo, made_on: date) -> list[Flowable]:
    s = style.styles()
    who = house.company_name or t.tr("the company")
    subtitle = fill(
        t.tr("What {company} stores about {name} in the {programme} programme."),
        company=who,
        name=bold(data.participant.name),
        programme=house.program_name,
    )
    return [
        Paragraph(esc(t.tr(KICKER)), s.kicker),
        Paragraph(esc(t.tr(TITLE)), s.title),
        Paragraph(subtitle, s.subtitle),
        parts.space(1.5),
        Paragraph(esc(t.tr("As of {date}", date=t.format_date_long(made_on))), s.small),
        parts.space(4),
    ]


def _summary(data: PersonalData, t: Translator, with_notes: bool, threshold: int) -> list[Flowable]:
    s = style.styles()
    inner = WIDTH - 24
    held = sum(1 for x in data.sessions if x.status == SessionStatus.HELD)
    contents = t.tr(
        "This copy holds everything the programme file stores about you: your record, "
        "{tandems}, {meetings} ({held} held) and {checkins}.",
        tandems=t.trn("{n} tandem", "{n} tandems", len(data.tandems)),
        meetings=t.trn("{n} meeting", "{n} meetings", len(data.sessions)),
        held=held,
        checkins=t.trn("{n} check-in", "{n} check-ins", len(data.checkins)),
    )
    if with_notes:
        notes = t.trn(
            "It includes the confidential note about you, as HR asked for it.",
            "It includes the {n} confidential notes about you, as HR asked for it.",
            data.note_count,
        )
        contents = f"{contents} {notes}" if data.note_count else contents
    items = [
        contents,
        t.tr(
            "Nobody outside HR sees your data. Management and the works council receive only "
            "anonymous totals, never a figure about fewer than {n} people.",
            n=threshold,
        ),
        t.tr("No decision about you is made automatically: Tandem proposes pairs, HR decides."),
        t.tr(
            "What is said in your meetings is not stored, and nothing in Tandem rates your "
            "performance or behaviour."
        ),
    ]
    box: list[Flowable] = [Paragraph(esc(t.tr("In short")), s.box_title)]
    for item in items:
        box += [parts.ticked(item, width=inner), parts.space(1.5)]
    return [parts.boxed(box, width=WIDTH)]


def _height(flowables: list[Flowable]) -> float:
    return sum(f.wrap(WIDTH, 10_000)[1] for f in flowables)


def _section(
    t: Translator,
    title: str,
    number: int,
    months: int,
    table: str,
    first: list[Flowable],
    *,
    whole: bool = False,
) -> list[Flowable]:
    """A numbered heading, the line saying what the data is for and how long it is kept, and
    the section's first content; the heading starts a new page unless the content's start
    (up to 50 mm of it, or all of it when it is kept `whole`) fits below it."""
    note = Paragraph(_kept(t, table, months), style.styles().note)
    start = _height(first)
    need = 16 * mm + _height([note]) + (start if whole else min(start, 50 * mm))
    return [*parts.section(title, number=number, min_space=need), note, *first]


def _record(data: PersonalData, t: Translator, number: int, months: int) -> list[Flowable]:
    extract = data.table("participants")
    rows: list[list[parts.Content]] = []
    if extract is not None:
        for column, value in zip(extract.columns, extract.rows[0], strict=True):
            rows.append(
                [
                    _purpose(t, "participants", column),
                    _cell(t, column, value, data),
                    _source(t, "participants", column),
                ]
            )
    person = data.participant
    topic_source = _source(t, "participant_topics", "topic_id")
    for caption, topics in (
        (t.tr("Topics you can teach"), person.can_teach),
        (t.tr("Topics you want to learn"), person.wants_to_learn),
    ):
        shown = ", ".join(topic_label(x, t) for x in topics) or "–"
        rows.append([caption, shown, topic_source])
    header = [t.tr("Field and purpose"), t.tr("Value"), t.tr("Source")]
    table = parts.data_table(header, rows, [62 * mm, 54 * mm, WIDTH - 116 * mm])
    return _section(t, t.tr("Your record"), number, months, "participants", [table])


def _tandem_rows(t: Translator, item: PersonTandem) -> list[tuple[str, parts.Content]]:
    tandem = item.tandem
    rows: list[tuple[str, parts.Content]] = [
        (t.tr("Your role"), esc(label(item.role, t))),
        (t.tr("Partner"), esc(item.partner_name)),
        (t.tr("Status"), esc(label(tandem.status, t))),
    ]
    for caption, day in (
        (t.tr("Proposed on"), tandem.proposed_on),
        (t.tr("Agreed on"), tandem.agreed_on),
        (t.tr("First meeting"), tandem.started_on),
        (t.tr("Completed on"), tandem.completed_on),
        (t.tr("Ended early on"), tandem.dissolved_on),
    ):
        if day is not None:
            rows.append((caption, esc(t.format_date(day))))
    rows.append(
        (
            t.tr("Meetings held"),
            esc(t.tr("{held} of {total}", held=tandem.sessions_held, total=tandem.sessions_total)),
        )
    )
    topics = ", ".join(topic_label(x, t) for x in tandem.focus_topics)
    rows.append((t.tr("Focus topics"), esc(topics or "–")))
    rows.append((t.tr("Goals"), esc(tandem.goals.strip() or "–")))
    if tandem.dissolution_reason:
        rows.append((t.tr("Why it ended early"), esc(tandem.dissolution_reason)))
    return rows


def _tandems(data: PersonalData, t: Translator, number: int, months: int) -> list[Flowable]:
    s = style.styles()
    title = t.tr("Your tandems")
    if not data.tandems:
        none = Paragraph(esc(t.tr("You have not been in a tandem.")), s.body)
        return _section(t, title, number, months, "tandems", [none])
    blocks = []
    for item in data.tandems:
        heading = t.tr(
            "{round}: {role} with {partner}",
            round=item.tandem.round_name,
            role=label(item.role, t),
            partner=item.partner_name,
        )
        blocks.append(
            [
                Paragraph(esc(heading), s.h2),
                parts.key_value_table(_tandem_rows(t, item), width=WIDTH),
            ]
        )
    story = _section(t, title, number, months, "tandems", blocks[0], whole=True)
    return [*story, *(parts.keep(block) for block in blocks[1:])]


def _meetings(data: PersonalData, t: Translator, number: int, months: int) -> list[Flowable]:
    s = style.styles()
    title = t.tr("Your meetings")
    if not data.sessions:
        none = Paragraph(esc(t.tr("No meetings are recorded for you.")), s.body)
        return _section(t, title, number, months, "sessions", [none])
    partners = {item.tandem.id: item.partner_name for item in data.tandems}
    rows = []
    for meeting in data.sessions:
        when = f"{t.format_date(meeting.starts_at)}<br/>{meeting.starts_at:%H:%M}"
        what: list[Markup] = []
        if meeting.summary.strip():
            what.append(fill(t.tr("Topics covered: {text}"), text=meeting.summary.strip()))
        agenda = "; ".join(item.title for item in meeting.agenda)
        if agenda:
            what.append(fill(t.tr("Agenda: {items}"), items=agenda))
        details = fill(
            t.tr("{minutes} min · {place}"),
            minutes=meeting.duration_minutes,
            place=meeting.location.strip() or "–",
        )
        rows.append(
            [
                Markup(when),
                esc(partners.get(meeting.tandem_id, "")),
                esc(label(meeting.status, t)),
                details,
                Markup("<br/>".join(what)) if what else "–",
            ]
        )
    header = [t.tr("Date"), t.tr("With"), t.tr("Status"), t.tr("Length, place"), t.tr("Recorded")]
    widths = [20 * mm, 30 * mm, 24 * mm, 34 * mm, WIDTH - 108 * mm]
    table = parts.data_table(header, rows, widths, cell_style=style.small_cell())
    return [
        *_section(t, title, number, months, "sessions", [table]),
        Paragraph(
            esc(
                t.tr(
                    "Only that a meeting took place and, at most, its topics are recorded; "
                    "what was said is not."
                )
            ),
            s.note,
        ),
    ]


def _checkins(data: PersonalData, t: Translator, number: int, months: int) -> list[Flowable]:
    s = style.styles()
    title = t.tr("Your check-ins")
    if not data.checkins:
        none = Paragraph(esc(t.tr("You have given no check-in.")), s.body)
        return _section(t, title, number, months, "checkins", [none])
    partners = {item.tandem.id: item.partner_name for item in data.tandems}

    def rating(value: int | None) -> str:
        return t.tr("{n} of 5", n=value) if value is not None else "–"

    def again(value: bool | None) -> str:
        return "–" if value is None else t.tr("Yes") if value else t.tr("No")

    rows = [
        [
            t.format_date(c.submitted_on),
            partners.get(c.tandem_id, ""),
            label(c.phase, t),
            rating(c.relationship_rating),
            rating(c.progress_rating),
            label(c.goals_reached, t) or "–",
            again(c.would_take_part_again),
        ]
        for c in data.checkins
    ]
    header = [
        t.tr("Date"),
        t.tr("Tandem with"),
        t.tr("Phase"),
        t.tr("Working together"),
        t.tr("Progress"),
        t.tr("Goals reached"),
        t.tr("Again?"),
    ]
    widths = [19 * mm, 28 * mm, 29 * mm, 28 * mm, 19 * mm, 23 * mm, WIDTH - 146 * mm]
    table = parts.data_table(header, rows, widths, cell_style=style.small_cell())
    return _section(t, title, number, months, "checkins", [table])


def _owner(t: Translator, data: PersonalData, kind: NoteOwnerKind, owner_id: int) -> str:
    if kind == NoteOwnerKind.PARTICIPANT:
        return t.tr("You")
    if kind == NoteOwnerKind.TANDEM:
        partner = next((x.partner_name for x in data.tandems if x.tandem.id == owner_id), "")
        return t.tr("Your tandem with {partner}", partner=partner)
    meeting = next((m for m in data.sessions if m.id == owner_id), None)
    if meeting is None:
        return t.tr("A meeting")
    return t.tr("The meeting on {date}", date=t.format_date(meeting.starts_at))


def _notes(
    data: PersonalData, t: Translator, number: int, months: int, with_notes: bool
) -> list[Flowable]:
    s = style.styles()
    title = t.tr("Confidential notes by HR")
    if not data.notes:
        none = Paragraph(esc(t.tr("HR keeps no confidential notes about you.")), s.body)
        return _section(t, title, number, months, privacy.NOTES_TABLE, [none])
    if not with_notes or data.note_texts is None:
        dates = ", ".join(t.format_date(n.created_at) for n in data.notes)
        text = t.trn(
            "HR keeps one confidential note about you, your tandems or your meetings, written "
            "on {dates}. Its content is encrypted and is not part of this copy; ask HR if you "
            "wish to see it.",
            "HR keeps {n} confidential notes about you, your tandems or your meetings, written "
            "on {dates}. Their content is encrypted and is not part of this copy; ask HR if "
            "you wish to see it.",
            data.note_count,
            dates=dates,
        )
        return _section(
            t, title, number, months, privacy.NOTES_TABLE, [Paragraph(esc(text), s.body)]
        )
    rows = []
    for note in data.note_texts:
        when = t.format_date(note.note_date or note.created_at)
        about = _owner(t, data, note.owner_kind, note.owner_id)
        if note.damaged:
            content: parts.Content = t.tr("This note is damaged and cannot be read.")
        else:
            content = Markup(f"{bold(note.title)}<br/>{esc(note.text)}")
        rows.append([when, about, content])
    header = [t.tr("Date"), t.tr("About"), t.tr("Note")]
    table = parts.data_table(
        header, rows, [20 * mm, 40 * mm, WIDTH - 60 * mm], cell_style=style.small_cell()
    )
    return _section(t, title, number, months, privacy.NOTES_TABLE, [table])


def _deletion_text(
    t: Translator, due: date | None, status: ParticipantStatus, months: int, made_on: date
) -> str:
    retention = t.trn("{n} month", "{n} months", months)
    if due is not None and due <= made_on:  # the retention step has not been run yet
        return t.tr(
            "Your data has been due for erasure or anonymisation since {date}: {retention} "
            "after your last round ended or you left, whichever is later. HR erases or "
            "anonymises it in the next retention step.",
            date=t.format_date_long(due),
            retention=retention,
        )
    if due is not None:
        return t.tr(
            "Your data is due to be erased or anonymised on {date}: {retention} after your last "
            "round ended or you left, whichever is later.",
            date=t.format_date_long(due),
            retention=retention,
        )
    if status == ParticipantStatus.LEFT:
        return t.tr("Your data is erased on request, as you have left the company.")
    return t.tr(
        "Your data is kept while you take part. It is erased or anonymised when you ask for "
        "it or withdraw your consent, and once you have left the company or finished the "
        "programme, {retention} after your last round ended or you left, whichever is later.",
        retention=retention,
    )


def _information(
    data: PersonalData,
    t: Translator,
    house: HouseInfo,
    due: date | None,
    number: int,
    months: int,
    made_on: date,
) -> list[Flowable]:
    """Art. 15 (1) (a)-(h): purposes, recipients, storage, rights, source, decisions."""
    purposes = [t.tr(p) for p in PURPOSES]
    rows: list[tuple[str, parts.Content]] = [
        (t.tr("Purposes"), Markup("<br/>".join(esc(p) for p in purposes))),
        (
            t.tr("Recipients"),
            esc(
                t.tr(
                    "HR (the programme lead) only. Your tandem partner receives the documents "
                    "of your tandem (agreement, agenda sheets). Management and the works "
                    "council receive anonymous totals only. Nothing is passed to anyone outside "
                    "the company or to a third country."
                )
            ),
        ),
        (
            t.tr("How long it is kept"),
            esc(_deletion_text(t, due, data.participant.status, months, made_on)),
        ),
        (
            t.tr("Where it comes from"),
            esc(
                t.tr(
                    "From HR's employee list (imported) or entered by HR, partly from what you "
                    "told HR: your consent, topics, meetings and check-ins. The source of each "
                    "field is given above."
                )
            ),
        ),
        (
            t.tr("Automated decisions"),
            esc(
                t.tr(
                    "None (GDPR art. 22). Tandem proposes pairs by topics, reporting line and "
                    "capacity and explains each proposal; a person in HR decides, and you agree "
                    "or decline."
                )
            ),
        ),
        (
            t.tr("Not stored"),
            esc(
                t.tr(
                    "What is said in your meetings, and any assessment of your performance or "
                    "behaviour."
                )
            ),
        ),
    ]
    return [
        *parts.section(t.tr("About this information"), number=number),
        parts.key_value_table(rows, width=WIDTH),
    ]


@cache
def _box_text() -> ParagraphStyle:
    """Text in a box, flush with its title (the box's bullets are indented)."""
    return ParagraphStyle("box_text", parent=style.styles().box_body, leftIndent=0)


def _rights(t: Translator, house: HouseInfo) -> list[Flowable]:
    s = style.styles()
    rights = [
        t.tr("to have wrong data corrected (art. 16);"),
        t.tr("to have your data erased (art. 17);"),
        t.tr("to have its use restricted (art. 18);"),
        t.tr("to object to its use (art. 21);"),
        t.tr(
            "to withdraw your consent to taking part at any time, without giving a reason "
            "(art. 7 (3));"
        ),
        t.tr("to receive your data in a machine-readable form (art. 20);"),
        t.tr("to complain to a data protection supervisory authority (art. 77)."),
    ]
    settings = house.settings
    contact = " · ".join(
        p for p in (settings.hr_contact_name, settings.hr_contact_email, settings.hr_contact_phone)
        if p
    )  # fmt: skip
    ask = (
        t.tr("To use them, contact HR: {contact}.", contact=contact)
        if contact
        else t.tr("To use them, contact HR.")
    )
    box: list[Flowable] = [
        Paragraph(esc(t.tr("Your rights")), s.box_title),
        Paragraph(esc(t.tr("Under the GDPR you have the right")), _box_text()),
        *parts.bullets(rights, bullet_style=s.box_body),
        parts.space(1),
        Paragraph(esc(ask), _box_text()),
    ]
    dpo = settings.dpo_in_text
    if dpo:
        also = t.tr("You can also contact the data protection officer: {dpo}.", dpo=dpo)
        box.append(Paragraph(esc(also), _box_text()))
    return [parts.space(5), parts.boxed(box, width=WIDTH)]


def _closing(t: Translator, house: HouseInfo) -> list[Flowable]:
    """The rights, then room for HR to sign: kept on one page."""
    return [parts.keep([*_rights(t, house), *_signature(t, house)])]


def _signature(t: Translator, house: HouseInfo) -> list[Flowable]:
    place = house.signature_place
    block = parts.signature_block(
        [parts.Signer(house.settings.hr_contact_name, t.tr("For HR"))],
        width=WIDTH * 0.5,
        place_label=t.tr("Place, date"),
        place=t.tr("{place},", place=place) if place else "",
    )
    return [parts.space(10), block]


def person_export_story(
    data: PersonalData,
    t: Translator,
    house: HouseInfo,
    *,
    made_on: date,
    due: date | None,
    with_notes: bool,
    threshold: int,
    keep_months: int = DEFAULT_KEEP_MONTHS,
) -> list[Flowable]:
    """The flowables of the export, in reading order. `due` is the day the person's data
    falls due for erasure (None while they take part), `keep_months` the file's retention
    setting."""
    story: list[Flowable] = [
        *_title(data, t, house, made_on),
        *_summary(data, t, with_notes, threshold),
    ]
    story += _record(data, t, 1, keep_months)
    story += _tandems(data, t, 2, keep_months)
    story += _meetings(data, t, 3, keep_months)
    story += _checkins(data, t, 4, keep_months)
    story += _notes(data, t, 5, keep_months, with_notes)
    story += _information(data, t, house, due, 6, keep_months, made_on)
    story += _closing(t, house)
    return story


def person_export_pdf(
    db: Database,
    participant_id: int,
    *,
    lang: str,
    with_notes: bool = False,
    vault: Any = None,
    made_on: date | None = None,
) -> bytes:
    """The personal data export of one participant as PDF bytes in `lang`.

    Private notes: without `with_notes` only that they exist and when; with it their content,
    which needs an unlocked `vault` (NotesLockedError otherwise). NotFoundError for an
    unknown participant."""
    t = translator(lang)
    made_on = made_on or today()
    data = _personal_data(db, participant_id, with_notes, vault)
    house = house_info(db)
    story = person_export_story(
        data,
        t,
        house,
        made_on=made_on,
        due=erasure_due(db, data),
        with_notes=with_notes,
        threshold=summary_threshold(db),
        keep_months=keep_months(db),
    )
    return render_pdf(
        story,
        t=t,
        house=house,
        title=f"{t.tr(TITLE)} {data.participant.name}",
        subject=t.tr(KICKER),
        keywords=[t.tr(TITLE), house.program_name],
        made_on=made_on,
    )


def person_export_filename(
    db: Database, participant_id: int, *, lang: str, ext: str = "pdf"
) -> str:
    """ "Datenauskunft Łukasz Dvořák-Şahin.pdf" / "Personal data export … .json"."""
    from app.services.participants import get_participant

    t = translator(lang)
    return suggested_filename(t.tr(TITLE), get_participant(db, participant_id).name, ext=ext)


# --- the JSON copy ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Dates as ISO 8601, enums as their value (json's `default`)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def person_export_json(
    db: Database,
    participant_id: int,
    *,
    with_notes: bool = False,
    vault: Any = None,
    made_on: date | None = None,
) -> str:
    """The personal data export as JSON text (UTF-8, not ASCII-escaped): the readable parts
    (record, tandems, meetings, check-ins, notes) and `stored_rows`, every row of every table
    about the person exactly as stored. Note content only `with_notes` and an unlocked
    `vault`, as for the PDF."""
    data = _personal_data(db, participant_id, with_notes, vault)
    house = house_info(db)
    settings = house.settings
    notes: list[dict[str, Any]] = [dataclasses.asdict(n) for n in data.notes]
    if with_notes and data.note_texts is not None:
        notes = [
            {
                "id": n.id,
                "owner_kind": n.owner_kind,
                "owner_id": n.owner_id,
                "created_at": n.created_at,
                "updated_at": n.updated_at,
                "date": n.note_date,
                "title": None if n.damaged else n.title,
                "text": None if n.damaged else n.text,
                "damaged": n.damaged,
            }
            for n in data.note_texts
        ]
    due = erasure_due(db, data)
    document = {
        "document": "Tandem personal data export (GDPR art. 15)",
        "format_version": FORMAT_VERSION,
        "made_on": made_on or today(),
        "controller": settings.company_name,
        "programme": settings.program_name,
        "contact": {
            "name": settings.hr_contact_name,
            "email": settings.hr_contact_email,
            "phone": settings.hr_contact_phone,
        },
        "data_protection_officer": (
            {"name": settings.dpo_name, "email": settings.dpo_email, "phone": settings.dpo_phone}
            if settings.dpo
            else None
        ),
        "erasure_due": due,
        "participant": dataclasses.asdict(data.participant),
        "tandems": [
            {
                **dataclasses.asdict(item.tandem),
                "role": item.role,
                "partner_id": item.partner_id,
                "partner_name": item.partner_name,
            }
            for item in data.tandems
        ],
        "meetings": [dataclasses.asdict(s) for s in data.sessions],
        "checkins": [dataclasses.asdict(c) for c in data.checkins],
        "notes": notes,
        "notes_content_included": bool(with_notes and data.note_texts is not None),
        "stored_rows": {extract.table: extract.as_dicts() for extract in data.tables},
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=_plain) + "\n"
