"""The programme factsheet: one page about the programme for employer branding.

The idea in one sentence; the format (meetings, their length and cadence, the period, one
junior mentor with one senior mentee); the principles as trust signals (voluntary,
confidential, as equals); the topics the leadership learned; a few anonymous headline
figures of a year from `app.services.summary` (a figure that is suppressed there, or zero,
is left out, never printed as "< 5"); a short text HR writes; and the HR contact.

    factsheet_pdf(db, lang="de", year=2026, text="...") -> bytes
    factsheet_filename(db, lang="de", year=2026) -> "Programm-Factsheet Reverse Mentoring 2026.pdf"

It always fits one page: the content is shrunk a little if HR's text is long.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Table, TableStyle
from sqlite_utils import Database

from app.documents import parts, style
from app.documents.base import HouseInfo, house_info, render_pdf
from app.documents.filenames import suggested_filename
from app.documents.markup import Markup, bold, esc, nfc
from app.i18n import N_, Translator, translator
from app.labels import topic_label
from app.services.common import today
from app.services.summary import ALL, Cell, ProgrammeSummary, programme_summary

TITLE = N_("Programme factsheet")
WIDTH = style.PAGE_SIZE[0] - style.MARGINS.left - style.MARGINS.right
HEIGHT = style.PAGE_SIZE[1] - style.MARGINS.top - style.MARGINS.bottom
MAX_TOPICS = 6
MAX_FIGURES = 4
TEXT_SIZES = (10.5, 10, 9.5, 9, 8.5)  # HR's text, largest first


def _styles() -> dict[str, ParagraphStyle]:
    s = style.styles()
    return {
        "lead": ParagraphStyle("fs_lead", parent=s.subtitle, fontSize=12, leading=17),
        "big": ParagraphStyle(
            "fs_big", parent=s.title, fontSize=26, leading=31, textColor=style.ACCENT
        ),
        "heading": ParagraphStyle("fs_heading", parent=s.h1, spaceBefore=0, spaceAfter=5),
        "caption": ParagraphStyle("fs_caption", parent=s.label, fontSize=8.5, leading=11.5),
        "card_title": ParagraphStyle("fs_card_title", parent=s.box_title, spaceAfter=2),
        "card_text": ParagraphStyle("fs_card_text", parent=s.body, fontSize=9, leading=12.5),
        "topics": ParagraphStyle("fs_topics", parent=s.body, fontSize=10.5, leading=15),
        "contact": ParagraphStyle(
            "fs_contact", parent=s.body, fontSize=10.5, leading=15, textColor=style.ACCENT
        ),
    }


def _months(start: date, end: date) -> int:
    return max(1, round((end - start).days / 30.44))


def _format(db: Database, s: ProgrammeSummary, house: HouseInfo) -> tuple[int, int, int, int]:
    """(meetings, minutes, weeks between meetings, months) of the year's first round, else
    of the file's defaults."""
    from app.services.rounds import get_round

    settings = house.settings
    minutes = settings.default_duration_minutes
    if s.rounds:
        first = get_round(db, s.rounds[0].id)
        months = _months(first.start_date, first.end_date)
        return first.meetings_planned, minutes, first.cadence_weeks, months
    weeks = settings.default_meetings * settings.default_cadence_weeks
    return settings.default_meetings, minutes, settings.default_cadence_weeks, round(weeks / 4.35)


def _tiles(values: list[tuple[str, str]], columns: int, st: dict[str, ParagraphStyle]) -> Table:
    """Big numbers over their captions, side by side, divided by hairlines."""
    width = WIDTH / columns
    cells = [[Paragraph(esc(v), st["big"]), Paragraph(esc(c), st["caption"])] for v, c in values]
    cells += [[""]] * (columns - len(cells))
    table = Table([cells], colWidths=[width] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LEFTPADDING", (1, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEAFTER", (0, 0), (len(values) - 2, -1), 0.4, style.RULE),
            ]
        )
    )
    return table


def _head(t: Translator, house: HouseInfo, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    s = style.styles()
    idea = t.tr(
        "Younger colleagues share what they know best – digital tools, new ways of working, "
        "the view of a new generation – with our leaders, and both sides learn from each "
        "other."
    )
    kicker = (
        t.tr("Reverse mentoring at {company}", company=house.company_name)
        if (house.company_name)
        else t.tr("Reverse mentoring")
    )
    return [
        Paragraph(esc(kicker), s.kicker),
        Paragraph(esc(house.program_name), s.title),
        parts.space(1),
        Paragraph(esc(idea), st["lead"]),
        parts.space(8),
    ]


def _how(
    db: Database, s: ProgrammeSummary, t: Translator, house: HouseInfo, st: dict
) -> list[Flowable]:
    meetings, minutes, weeks, months = _format(db, s, house)
    cadence = t.trn("every week", "every {n} weeks", weeks)
    values = [
        (str(meetings), t.tr("meetings of about {minutes} minutes", minutes=minutes)),
        (str(months), t.trn("month, meeting {cadence}", "months, meeting {cadence}", months,
                            cadence=cadence)),
        ("1 : 1", t.tr("a junior mentor with a senior mentee")),
    ]  # fmt: skip
    return [Paragraph(esc(t.tr("How it works")), st["heading"]), _tiles(values, 3, st)]


PRINCIPLES = (
    (
        N_("Voluntary"),
        N_("Both take part by choice, and either can end the tandem at any time without giving a reason."),
    ),
    (
        N_("Confidential"),
        N_("What is said in a tandem stays there. HR records only that the meetings took place."),
    ),
    (
        N_("As equals"),
        N_("Never within a reporting line, and no effect on appraisal, pay or promotion, for either side."),
    ),
)  # fmt: skip


def _principles(t: Translator, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    gap = 5 * mm
    width = (WIDTH - 2 * gap) / 3
    cards: list = []
    for index, (title, text) in enumerate(PRINCIPLES):
        if index:
            cards.append("")
        heading = Table(
            [[parts.Tick(size=11), Paragraph(esc(t.tr(title)), st["card_title"])]],
            colWidths=[16, width - 16 - 20],
            hAlign="LEFT",
        )
        heading.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, 0), 2),
                ]
            )
        )
        cards.append([heading, Paragraph(esc(t.tr(text)), st["card_text"])])
    table = Table([cards], colWidths=[width, gap, width, gap, width], hAlign="LEFT")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    for col in (0, 2, 4):
        commands += [
            ("BACKGROUND", (col, 0), (col, 0), style.ACCENT_TINT),
            ("LINEABOVE", (col, 0), (col, 0), 2.5, style.ACCENT, 0),
        ]
    for col in (1, 3):
        commands += [
            ("LEFTPADDING", (col, 0), (col, 0), 0),
            ("RIGHTPADDING", (col, 0), (col, 0), 0),
        ]
    table.setStyle(TableStyle(commands))
    return [parts.space(6), Paragraph(esc(t.tr("What we stand for")), st["heading"]), table]


def _topics(db: Database, s: ProgrammeSummary, t: Translator) -> tuple[str, list[str]]:
    """The heading and the topics: those the year's tandems chose most (only those the
    summary shows), else the catalogue's built-in topics as examples."""
    if s.topics:
        names = [topic_label(f.topic, t) for f in s.topics[:MAX_TOPICS]]
        return t.tr("What our leaders learned"), names
    from app.db.migrations import BUILTIN_TOPICS
    from app.services.topics import list_topics

    order = {key: index for index, (key, _name) in enumerate(BUILTIN_TOPICS)}
    builtin = [x for x in list_topics(db) if x.builtin_key in order]
    examples = sorted(builtin, key=lambda x: order[x.builtin_key])[:MAX_TOPICS]
    return t.tr("Topics tandems work on"), [topic_label(x, t) for x in examples]


def _figures(s: ProgrammeSummary, t: Translator) -> list[tuple[str, str]]:
    """The headline figures that the summary shows and that are not zero: (value, caption)."""

    def count(cell: Cell) -> str:
        return t.format_number(cell.value or 0, 0)

    def percent(cell: Cell) -> str:
        return t.format_percent(cell.value or 0)

    def mean(cell: Cell) -> str:
        return t.tr("{mean} / 5", mean=t.format_number(cell.value or 0, 1))

    candidates: list[tuple[Cell, Callable[[Cell], str], str]] = [
        (s.tandems.formed, count, t.tr("tandems")),
        (s.meetings.held, count, t.tr("meetings held")),
        (s.meetings.hours_held, count, t.tr("hours of mentoring")),
        (s.feedback[ALL].take_part_again, percent, t.tr("would take part again")),
        (s.feedback[ALL].relationship_mean, mean, t.tr("for working together")),
        (s.retention[ALL].share, percent, t.tr("still with the company 12 months later")),
    ]
    shown = [
        (show(cell), caption) for cell, show, caption in candidates if cell.shown and cell.value
    ]
    return shown[:MAX_FIGURES]


def _middle(
    db: Database, s: ProgrammeSummary, t: Translator, year: int, st: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """The year's headline figures in a row of tiles, then the topics learned."""
    base = style.styles()
    figures = _figures(s, t)
    story: list[Flowable] = [
        parts.space(6),
        Paragraph(esc(t.tr("{year} in figures", year=year)), st["heading"]),
    ]
    if figures:
        story.append(_tiles(figures, max(3, len(figures)), st))
    else:
        text = t.tr("Figures are shown once enough people have taken part to keep them anonymous.")
        story.append(Paragraph(esc(text), base.body))
    heading, topics = _topics(db, s, t)
    if topics:
        line = Markup("&nbsp;&nbsp;·&nbsp;&nbsp;".join(esc(x) for x in topics))
        story += [
            parts.space(5),
            Paragraph(esc(heading), st["heading"]),
            Paragraph(line, st["topics"]),
        ]
    return story


def _text(text: str, size: float) -> list[Flowable]:
    """HR's text in a framed box, set in `size` points."""
    paragraphs = [p.strip() for p in nfc(text).split("\n\n") if p.strip()]
    if not paragraphs:
        return []
    quote = ParagraphStyle(
        f"fs_quote_{size}", parent=style.styles().body, fontSize=size, leading=size * 1.45
    )
    body = [Paragraph(esc(p), quote) for p in paragraphs]
    return [parts.space(6), parts.boxed(body, width=WIDTH)]


def _contact(t: Translator, house: HouseInfo, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    settings = house.settings
    reach = [p for p in (settings.hr_contact_email, settings.hr_contact_phone) if p]
    if settings.hr_contact_name:
        lead = t.tr("Interested? Talk to {name}.", name=settings.hr_contact_name)
    else:
        lead = t.tr("Interested? Talk to HR.")
    text = bold(lead)
    if reach:
        text = Markup(f"{text}<br/>{esc('  ·  '.join(reach))}")
    line = Table([[Paragraph(text, st["contact"])]], colWidths=[WIDTH], hAlign="LEFT")
    line.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1, style.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return [parts.space(6), line]


def _small_print(s: ProgrammeSummary, t: Translator, year: int) -> list[Flowable]:
    text = t.tr(
        "Figures for the rounds that started in {year}, as of {date}. Only figures about at "
        "least {n} people are shown; none is about a single person.",
        year=year,
        date=t.format_date_long(s.as_of),
        n=s.threshold,
    )
    return [parts.space(2), Paragraph(esc(text), style.styles().note)]


def _height(flowables: list[Flowable]) -> float:
    """The height the flowables take in the frame, with their spacing."""
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(WIDTH, HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def factsheet_story(
    db: Database, s: ProgrammeSummary, t: Translator, house: HouseInfo, year: int, text: str
) -> list[Flowable]:
    """The page's flowables. HR's text is set smaller (down to 8.5 points) when it is too
    long for the room left on the page; a longer one shrinks the whole page to fit."""
    st = _styles()
    before = [
        *_head(t, house, st),
        *_how(db, s, t, house, st),
        *_principles(t, st),
        *_middle(db, s, t, year, st),
    ]
    after = [*_contact(t, house, st), *_small_print(s, t, year)]
    room = HEIGHT - _height(before) - _height(after) - 4
    own: list[Flowable] = []
    for size in TEXT_SIZES:  # the largest size at which HR's text fits
        own = _text(text, size)
        if _height(own) <= room:
            break
    return [KeepInFrame(WIDTH, HEIGHT - 2, [*before, *own, *after], mode="shrink")]


def factsheet_pdf(
    db: Database, *, lang: str, year: int, text: str = "", made_on: date | None = None
) -> bytes:
    """The one-page programme factsheet for `year` as PDF bytes in `lang`; `text` is HR's
    own short text (paragraphs separated by a blank line). ValidationError for a bad year."""
    t = translator(lang)
    made_on = made_on or today()
    s = programme_summary(db, year=year, today=made_on)
    house = house_info(db)
    return render_pdf(
        factsheet_story(db, s, t, house, year, text),
        t=t,
        house=house,
        title=f"{t.tr(TITLE)} {house.program_name} {year}",
        subject=house.program_name,
        keywords=[t.tr(TITLE), house.program_name],
        page_numbers=False,
        made_on=made_on,
    )


def factsheet_filename(db: Database, *, lang: str, year: int) -> str:
    """ "Programm-Factsheet Reverse Mentoring 2026.pdf" / "Programme factsheet … 2026.pdf"."""
    t = translator(lang)
    return suggested_filename(t.tr(TITLE), house_info(db).program_name, str(year))
