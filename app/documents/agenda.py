"""Agenda sheets (Gesprächsbogen): the paper both partners bring to a meeting.

One sheet per meeting: "Meeting 3 of 6", date, time, place or link, the tandem, the agenda
items with their preparation, the last meeting's shared summary, ruled room for handwritten
notes, what the two agree until next time, and a "what I learned" box for each partner. The
header carries a short line of ground rules; the footer promises "Your notes stay with you;
HR does not collect them".

    agenda_pdf(db, session_id=12, lang="de")       one meeting
    agenda_pdf(db, tandem_id=4, lang="en")         every upcoming meeting, a page each
    agenda_pdf(..., anonymous=True)                without the partners' names (also in the
                                                   PDF's metadata)

The data comes from `app.services.agenda_sheets`; private notes are never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from app.documents import style
from app.documents.base import house_info, render_pdf
from app.documents.filenames import pair_label, suggested_filename
from app.documents.fonts import BOLD, REGULAR
from app.documents.markup import Markup, esc, nfc
from app.errors import ValidationError
from app.i18n import N_, Translator, tr, translator
from app.labels import topic_label
from app.services import agenda_sheets, tandems
from app.services.agenda_sheets import AgendaSheet

TITLE = N_("Agenda sheet")
GROUND_RULES = N_(
    "We meet as equals  ·  What is said here stays here  ·  The mentor leads the learning  ·  "
    "Both learn from each other"
)
NOTES_PROMISE = N_("Your notes stay with you; HR does not collect them.")
WEEKDAYS = (
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
)  # fmt: skip

# Room above the body for the ground rules, below it for the promise about notes.
MARGINS = style.Margins(
    left=style.MARGINS.left,
    right=style.MARGINS.right,
    top=style.MARGINS.top + 2 * mm,
    bottom=style.MARGINS.bottom + 3 * mm,
)
LINE_GAP = 7 * mm  # ruled lines for handwriting (college ruled)
ACTION_ROWS = 2
LEARNED_LINES = 3


def _section_style() -> ParagraphStyle:
    """Section headings of a sheet: the house h1, a little tighter to keep a meeting on
    one page."""
    return ParagraphStyle("sheet_section", parent=style.styles().h1, spaceBefore=9, spaceAfter=4)


class RuledLines(Flowable):
    """Ruled lines to write on: `count` lines, or with `fill=True` as many as fit in the
    space left on the page after keeping `reserve` points free (never fewer than `count`)."""

    def __init__(self, count: int, *, fill: bool = False, reserve: float = 0.0) -> None:
        super().__init__()
        self.count, self.fill, self.reserve = count, fill, reserve
        self.lines = count

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.lines = self.count
        if self.fill:
            self.lines = max(self.count, int((available_height - self.reserve) // LINE_GAP))
        self.width = available_width
        return available_width, self.lines * LINE_GAP

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(style.RULE)
        canvas.setLineWidth(0.5)
        for index in range(self.lines):
            y = index * LINE_GAP
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def _when(t: Translator, sheet: AgendaSheet) -> tuple[str, str]:
    """('Tuesday, 1 December 2026', '15:00–16:00 (60 min)')."""
    start = sheet.session.starts_at
    end = start + timedelta(minutes=sheet.session.duration_minutes)
    day = t.tr(
        "{weekday}, {date}",
        weekday=t.tr(WEEKDAYS[start.weekday()]),
        date=t.format_date_long(start),
    )
    time = t.tr(
        "{start}–{end} ({minutes} min)",
        start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"),
        minutes=sheet.session.duration_minutes,
    )
    return day, time


def _field(label: str, value: Markup) -> list[Flowable]:
    s = style.styles()
    return [Paragraph(esc(label.upper()), s.label), Paragraph(value, s.value)]


def _facts(t: Translator, sheet: AgendaSheet, anonymous: bool, width: float) -> Table:
    """Date, time and place (or link) in a row; below, the partners and the focus topics."""
    day, time = _when(t, sheet)
    location = sheet.session.location.strip()
    place = (
        _field(t.tr("Link") if sheet.is_link else t.tr("Place"), esc(location))
        if location
        else _field(t.tr("Place"), esc(t.tr("to be agreed")))
    )
    rows = [[_field(t.tr("Date"), esc(day)), _field(t.tr("Time"), esc(time)), place]]
    tandem = sheet.tandem
    topics = ", ".join(nfc(topic_label(name, t)) for name in tandem.focus_topics)
    second: list[list[Flowable] | str] = []
    if not anonymous:
        second += [
            _field(t.tr("Mentor"), esc(tandem.mentor_name)),
            _field(t.tr("Mentee"), esc(tandem.mentee_name)),
        ]
    if topics:
        second.append(_field(t.tr("Focus topics"), esc(topics)))
    commands: list[tuple] = []
    if second:
        rows.append(second + [""] * (3 - len(second)))
        if len(second) == 1:  # the topics alone (anonymous): across the whole row
            commands.append(("SPAN", (0, 1), (2, 1)))
    table = Table(rows, colWidths=[width * 0.33, width * 0.30, width * 0.37])
    table.setStyle(
        TableStyle(
            [
                *commands,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LINEABOVE", (0, 0), (-1, 0), 1, style.ACCENT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.RULE),
            ]
        )
    )
    return table


def _previous(t: Translator, sheet: AgendaSheet, width: float) -> list[Flowable]:
    """The last held meeting's shared summary in a tinted box (nothing before a first
    meeting)."""
    s = style.styles()
    previous = sheet.previous
    if previous is None:
        return []
    title = t.tr("From our last meeting ({date})", date=t.format_date_long(previous.starts_at))
    text = (
        esc(previous.summary)
        if previous.summary.strip()
        else esc(t.tr("No summary was shared for that meeting."))
    )
    box = Table(
        [[[Paragraph(esc(title), s.box_title), Paragraph(text, s.body_tight)]]],
        colWidths=[width],
    )
    box.setStyle(style.box_style())
    return [Spacer(1, 3 * mm), box]


def _agenda(t: Translator, sheet: AgendaSheet, width: float) -> Table:
    """The agenda items with their preparation; blank rows when there is no agenda yet."""
    s = style.styles()
    head = [
        Paragraph("#", s.table_head),
        Paragraph(esc(t.tr("Agenda item")), s.table_head),
        Paragraph(esc(t.tr("Preparation")), s.table_head),
    ]
    rows: list[list[Flowable | str]] = [head]
    for number, item in enumerate(sheet.session.agenda, start=1):
        rows.append(
            [
                Paragraph(str(number), s.table_cell),
                Paragraph(esc(item.title), s.table_cell),
                Paragraph(esc(item.preparation) if item.preparation else "–", s.table_cell),
            ]
        )
    blank = not sheet.session.agenda
    if blank:
        rows += [["", "", ""] for _ in range(3)]
    table = Table(
        rows,
        colWidths=[8 * mm, (width - 8 * mm) * 0.52, (width - 8 * mm) * 0.48],
        rowHeights=[None] + [9 * mm] * 3 if blank else None,
        repeatRows=1,
    )
    table.setStyle(style.table_style(rows=len(rows) - 1, zebra=not blank))
    return table


def _actions(t: Translator, width: float) -> Table:
    """Blank rows for what the two agree until next time: what, who, by when."""
    s = style.styles()
    head = [
        Paragraph(esc(t.tr("What")), s.table_head),
        Paragraph(esc(t.tr("Who")), s.table_head),
        Paragraph(esc(t.tr("By when")), s.table_head),
    ]
    table = Table(
        [head] + [["", "", ""] for _ in range(ACTION_ROWS)],
        colWidths=[width * 0.62, width * 0.2, width * 0.18],
        rowHeights=[None] + [LINE_GAP] * ACTION_ROWS,
    )
    table.setStyle(style.table_style(rows=ACTION_ROWS, zebra=False))
    return table


def _learned(t: Translator, sheet: AgendaSheet, anonymous: bool, width: float) -> Table:
    """A "What I learned" box for each partner, side by side, with lines to write on."""
    s = style.styles()
    gap = 6 * mm
    column = (width - gap) / 2
    tandem = sheet.tandem
    whose = (
        (t.tr("Mentor"), t.tr("Mentee"))
        if anonymous
        else (nfc(tandem.mentor_name), nfc(tandem.mentee_name))
    )
    cells = [
        [
            Paragraph(esc(t.tr("What I learned today")), s.box_title),
            Paragraph(esc(name), s.small),
            Spacer(1, 1 * mm),
            RuledLines(LEARNED_LINES),
        ]
        for name in whose
    ]
    table = Table([[cells[0], "", cells[1]]], colWidths=[column, gap, column])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.6, style.ACCENT),
                ("BOX", (2, 0), (2, 0), 0.6, style.ACCENT),
                ("LINEABOVE", (0, 0), (0, 0), 2.5, style.ACCENT),
                ("LINEABOVE", (2, 0), (2, 0), 2.5, style.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (1, 0), (1, 0), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return table


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """The height a block of flowables takes, spaces included."""
    total = 0.0
    for flowable in flowables:
        _w, height = flowable.wrap(width, 10_000)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


class NotesAndClose(Flowable):
    """The notes (ruled lines) and the sheet's close (agreements, "what I learned"), laid out
    where the page leaves room: all on this page when the close and three lines fit below the
    notes' heading; else the notes fill this page and continue on the next, above the close;
    else everything starts on the next page. No page is left half empty."""

    def __init__(self, heading: Paragraph, close: list[Flowable], width: float) -> None:
        super().__init__()
        self.heading, self.close = heading, close
        self.heading_height = _height([heading], width)
        self.reserve = _height(close, width) + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, available_height + 1  # never placed whole: always split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = 3 * LINE_GAP
        if available_height >= self.heading_height + lines + self.reserve:
            return [
                self.heading,
                RuledLines(3, fill=True, reserve=self.reserve),
                KeepTogether(self.close),
            ]
        if available_height >= self.heading_height + lines:
            return [
                self.heading,
                RuledLines(3, fill=True),
                RuledLines(3, fill=True, reserve=self.reserve),
                KeepTogether(self.close),
            ]
        return []


def _sheet(t: Translator, sheet: AgendaSheet, anonymous: bool, width: float) -> list[Flowable]:
    """One meeting's sheet as flowables; the notes take what the page leaves free."""
    s = style.styles()
    section = _section_style()
    tandem = sheet.tandem
    kicker = t.tr("{document} · {round}", document=t.tr(TITLE), round=nfc(tandem.round_name))
    head: list[Flowable] = [
        Paragraph(esc(kicker), s.kicker),
        Paragraph(
            esc(t.tr("Meeting {number} of {total}", number=sheet.number, total=sheet.of)), s.title
        ),
        Spacer(1, 3 * mm),
        _facts(t, sheet, anonymous, width),
        *_previous(t, sheet, width),
        Paragraph(esc(t.tr("Agenda")), section),
        _agenda(t, sheet, width),
    ]
    close: list[Flowable] = [
        Paragraph(esc(t.tr("Agreed until next time")), section),
        _actions(t, width),
        Spacer(1, 4 * mm),
        _learned(t, sheet, anonymous, width),
    ]
    notes = Paragraph(
        esc(t.tr("Notes")), ParagraphStyle("notes", parent=section, keepWithNext=False)
    )
    return [*head, NotesAndClose(notes, close, width)]


def _decorate(t: Translator):  # noqa: ANN202 - a ReportLab page callback
    """Ground rules under the header, the promise about notes above the footer."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        left, right = doc.leftMargin, width - doc.rightMargin
        canvas.saveState()
        y = height - MARGINS.top + 4.5 * mm
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(style.MUTED)
        canvas.drawCentredString((left + right) / 2, y, t.tr(GROUND_RULES))
        y = style.FOOTER_BOTTOM + 10 + 4 * mm
        canvas.setFont(BOLD, 8)
        canvas.setFillColor(style.ACCENT)
        canvas.drawCentredString((left + right) / 2, y, t.tr(NOTES_PROMISE))
        canvas.restoreState()

    return draw


def _sheets(db: Database, session_id: int | None, tandem_id: int | None) -> list[AgendaSheet]:
    if (session_id is None) == (tandem_id is None):
        raise ValidationError(tr("Please name either a meeting or a tandem."), field="session")
    if session_id is not None:
        return [agenda_sheets.agenda_sheet(db, session_id)]
    return agenda_sheets.upcoming_sheets(db, tandem_id)  # type: ignore[arg-type]


def agenda_pdf(
    db: Database,
    *,
    session_id: int | None = None,
    tandem_id: int | None = None,
    lang: str,
    anonymous: bool = False,
) -> bytes:
    """The agenda sheet of one meeting (`session_id`), or of every upcoming meeting of a
    tandem (`tandem_id`), each starting a page. With `anonymous` no partner's name is printed
    (nor stored in the PDF's metadata). ValidationError when a tandem has no upcoming
    meeting, NotFoundError for an unknown meeting or tandem."""
    sheets = _sheets(db, session_id, tandem_id)
    t = translator(lang)
    house = house_info(db)
    width = style.PAGE_SIZE[0] - MARGINS.left - MARGINS.right
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story += _sheet(t, sheet, anonymous, width)
    tandem = sheets[0].tandem
    title = t.tr(TITLE)
    if not anonymous:
        title += " – " + pair_label(nfc(tandem.mentor_name), nfc(tandem.mentee_name))
    return render_pdf(
        story,
        t=t,
        house=house,
        title=title,
        subject=t.tr(NOTES_PROMISE),
        margins=MARGINS,
        on_page=_decorate(t),
    )


def agenda_filename(
    db: Database,
    *,
    session_id: int | None = None,
    tandem_id: int | None = None,
    lang: str,
    anonymous: bool = False,
) -> str:
    """A suggested file name in the document's language: 'Gesprächsbogen Zoë Schäfer –
    Dagmar Özdemir, Treffen 3.pdf', 'Agenda sheet …, upcoming meetings.pdf'; without names
    when anonymous ('Agenda sheet Meeting 3.pdf')."""
    t = translator(lang)
    if session_id is not None:
        sheet = agenda_sheets.agenda_sheet(db, session_id)
        tandem, which = sheet.tandem, t.tr("Meeting {number}", number=sheet.number)
    else:
        tandem = tandems.get_tandem(db, tandem_id)  # type: ignore[arg-type]
        which = t.tr("upcoming meetings")
    if anonymous:
        return suggested_filename(t.tr(TITLE), which)
    pair = pair_label(nfc(tandem.mentor_name), nfc(tandem.mentee_name))
    return suggested_filename(t.tr(TITLE), f"{pair}, {which}")
