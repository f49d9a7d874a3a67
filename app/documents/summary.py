"""The annual summary (Jahresbericht) for management and the works council, as PDF.

Anonymous by default: every figure comes from `app.services.summary` as a Cell, and a hidden
one prints as "< 5" (fewer than the threshold of people) or "–" (hidden so that it cannot be
worked out by subtraction), with the footnote under the table and in the charts. Pages:
title and figures at a glance; participants; tandems (chart by status); meetings (chart by
month); check-ins; topics learned (chart); retention; the rules kept; the comparison with
earlier rounds (table and trend chart); the definitions and what the report does not
measure; HR's commentary; with `names=True` an appendix of the tandems by name, and then
every page is marked "confidential – contains names".
"""

from __future__ import annotations

from datetime import date
from functools import cache

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table, TableStyle
from sqlite_utils import Database

from app.documents import parts, style
from app.documents.base import HouseInfo, house_info, render_pdf
from app.documents.charts import SERIES_COLOURS, Series, grouped_bars, horizontal_bars, share_lines
from app.documents.filenames import suggested_filename
from app.documents.fonts import BOLD
from app.documents.markup import Markup, bold, esc, nfc
from app.i18n import N_, Translator, translator
from app.labels import label, topic_label
from app.model import Role, TandemStatus
from app.services import summary as summary_service
from app.services.common import today
from app.services.summary import ALL, Cell, ProgrammeSummary

WIDTH = style.PAGE_SIZE[0] - style.MARGINS.left - style.MARGINS.right
MONTHS = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip
CONFIDENTIAL = N_("Confidential – contains names")


class _Format:
    """How the figures of one report print, in its language."""

    def __init__(self, t: Translator, threshold: int) -> None:
        self.t = t
        self.threshold = threshold
        self.small = t.tr("< {n}", n=threshold)
        self.seen: set[str] = set()  # the marks printed since the last footnote

    def cell(self, cell: Cell, kind: str = "count") -> str:
        mark = self.mark(cell)
        return mark if mark is not None else self.value(cell.value, kind)  # type: ignore[arg-type]

    def mark(self, cell: Cell) -> str | None:
        """The mark printed instead of a hidden or missing value (and remembered for the
        footnote), or None for a value that is shown."""
        if cell.suppressed:
            mark = "small" if cell.small_group else "dash"
        elif cell.value is None:
            mark = "dot"
        else:
            return None
        self.seen.add(mark)
        return {"small": self.small, "dash": "–", "dot": "·"}[mark]

    def value(self, value: float, kind: str = "count") -> str:
        t = self.t
        if kind == "percent":
            return t.format_percent(value)
        if kind == "mean":
            return t.format_number(value, 1)
        if kind == "hours":
            return t.format_number(value, 0 if value >= 10 or float(value).is_integer() else 1)
        if kind == "median":
            return t.format_number(value, 0 if float(value).is_integer() else 1)
        return t.format_number(value, 0)

    def month(self, key: str) -> str:
        year, month = key.split("-")
        return f"{self.t.tr(MONTHS[int(month) - 1])} {year[2:]}"


@cache
def _head_right() -> ParagraphStyle:
    return ParagraphStyle("table_head_right", parent=style.styles().table_head, alignment=TA_RIGHT)


def _grid(
    header: list[str], rows: list[list[str]], widths: list[float], *, first_bold: bool = False
) -> Table:
    """A figures table: a text column, then right-aligned figures."""
    s = style.styles()
    data = [
        [Paragraph(esc(header[0]), s.table_head)]
        + [Paragraph(esc(h), _head_right()) for h in header[1:]],
        *[
            [Paragraph(esc(r[0]), s.table_cell)]
            + [Paragraph(esc(v), s.table_cell_right) for v in r[1:]]
            for r in rows
        ],
    ]
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(style.table_style(rows=len(rows)))
    if first_bold:
        table.setStyle(TableStyle([("FONTNAME", (0, 1), (0, -1), BOLD)]))
    return table


def _footnote(fmt: _Format) -> list[Flowable]:
    """The explanation of the marks printed since the last footnote ("< 5", "–", "·")."""
    t = fmt.t
    texts = {
        "small": t.tr(
            "{small}: fewer than {n} people, not shown.", small=fmt.small, n=fmt.threshold
        ),
        "dash": t.tr("–: not shown, so that a hidden figure cannot be worked out by subtraction."),
        "dot": t.tr("·: no data yet."),
    }
    used = [texts[mark] for mark in ("small", "dash", "dot") if mark in fmt.seen]
    fmt.seen.clear()
    if not used:
        return []
    return [Paragraph(esc(" ".join(used)), style.styles().note)]


# --- the parts ----------------------------------------------------------------------------------


def _title(s: ProgrammeSummary, t: Translator, house: HouseInfo, named: bool) -> list[Flowable]:
    st = style.styles()
    if s.round_id is not None and s.rounds:
        heading = s.rounds[0].name
    elif s.year is not None:
        heading = t.tr("{programme} {year}", programme=house.program_name, year=s.year)
    else:
        heading = t.tr("{programme}: all rounds", programme=house.program_name)
    rounds = ", ".join(r.name for r in s.rounds) or t.tr("no round yet")
    period = f"{t.format_date_long(s.period_start)} – {t.format_date_long(s.period_end)}"
    lines = [
        Paragraph(esc(t.tr("Annual summary")), st.kicker),
        Paragraph(esc(heading), st.title),
        Paragraph(esc(t.tr("Period: {period}", period=period)), st.subtitle),
        Paragraph(esc(t.tr("Rounds: {rounds}", rounds=rounds)), st.subtitle),
        Paragraph(
            esc(t.tr("As recorded on {date}", date=t.format_date_long(s.as_of))), st.subtitle
        ),
        parts.space(4),
    ]
    if named:
        note = t.tr(
            "This copy contains names (appendix). Keep it confidential and pass it on only to "
            "the people it was made for."
        )
    else:
        note = t.tr(
            "Anonymous: no figure about fewer than {n} people is shown, and no figure rates "
            "or ranks a person.",
            n=s.threshold,
        )
    lines.append(parts.boxed([Paragraph(esc(note), st.box_body)], width=WIDTH))
    return lines


def _at_a_glance(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t, st = fmt.t, style.styles()
    tiles = [
        (fmt.cell(s.tandems.formed), t.tr("tandems formed")),
        (fmt.cell(s.meetings.held), t.tr("meetings held")),
        (fmt.cell(s.meetings.hours_held, "hours"), t.tr("hours of mentoring")),
        (fmt.cell(s.feedback[ALL].response_rate, "percent"), t.tr("response rate")),
    ]
    big = [Paragraph(esc(value), st.title) for value, _label in tiles]
    small = [Paragraph(esc(label), st.label) for _value, label in tiles]
    table = Table([big, small], colWidths=[WIDTH / 4] * 4, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, style.RULE),
                ("LEFTPADDING", (1, 0), (-1, -1), 10),
            ]
        )
    )
    return [*parts.section(t.tr("At a glance")), table, *_footnote(fmt)]


def _people(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t = fmt.t
    groups = [Role.MENTOR.value, Role.MENTEE.value, Role.BOTH.value, ALL]
    header = ["", t.tr("Mentors"), t.tr("Mentees"), t.tr("Both roles"), t.tr("All")]
    rows = [
        [t.tr("Registered"), *[fmt.cell(s.people[g].registered) for g in groups]],
        [t.tr("Matched"), *[fmt.cell(s.people[g].matched) for g in groups]],
        [t.tr("Waiting"), *[fmt.cell(s.people[g].waiting) for g in groups]],
        [t.tr("Match rate"), *[fmt.cell(s.people[g].match_rate, "percent") for g in groups]],
        [t.tr("New to the programme"), *[fmt.cell(s.people[g].new) for g in groups]],
        [t.tr("Returning"), *[fmt.cell(s.people[g].returning) for g in groups]],
    ]
    widths = [WIDTH - 4 * 27 * mm] + [27 * mm] * 4
    return [*parts.section(t.tr("Participants")), _grid(header, rows, widths), *_footnote(fmt)]


def _tandems(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t, tf = fmt.t, s.tandems
    rows = [
        [t.tr("Tandems formed"), fmt.cell(tf.formed)],
        [t.tr("Still running"), fmt.cell(tf.running)],
        [t.tr("Completed"), fmt.cell(tf.completed)],
        [t.tr("Ended early, without blame"), fmt.cell(tf.ended_early)],
        [t.tr("Proposals not agreed"), fmt.cell(tf.not_agreed)],
        [
            t.tr("Finished tandems that held at least {n} meetings", n=summary_service.MIN_MEETINGS),
            fmt.cell(tf.with_min_meetings, "percent"),
        ],
        [t.tr("Finished tandems that held all planned meetings"), fmt.cell(tf.with_all_meetings, "percent")],
        [t.tr("Meetings held per formed tandem (median)"), fmt.cell(tf.median_meetings, "median")],
    ]  # fmt: skip
    table = _grid(["", t.tr("Figure")], rows, [WIDTH - 30 * mm, 30 * mm])
    chart = horizontal_bars(
        [(label(status, t), tf.by_status[status]) for status in TandemStatus],
        width=WIDTH,
        small=fmt.small,
        number=fmt.value,
    )
    for cell in tf.by_status.values():
        fmt.mark(cell)
    st = style.styles()
    return [
        *parts.section(t.tr("Tandems")),
        table,
        parts.space(3),
        Paragraph(esc(t.tr("Tandems by status")), st.h2),
        chart,
        *_footnote(fmt),
    ]


def _meetings(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t, m = fmt.t, s.meetings
    rows = [
        [t.tr("Held"), fmt.cell(m.held)],
        [t.tr("Planned"), fmt.cell(m.planned)],
        [t.tr("Cancelled"), fmt.cell(m.cancelled)],
        [t.tr("Hours of mentoring (held meetings)"), fmt.cell(m.hours_held, "hours")],
    ]
    table = _grid(["", t.tr("Meetings")], rows, [WIDTH - 30 * mm, 30 * mm])
    months = list(m.by_month)
    series = [
        Series(t.tr("Held"), SERIES_COLOURS[0], [p.held for p in months]),
        Series(t.tr("Planned"), SERIES_COLOURS[1], [p.planned for p in months]),
        Series(t.tr("Cancelled"), SERIES_COLOURS[2], [p.cancelled for p in months]),
    ]
    for cell in (c for x in series for c in x.values if c.suppressed):
        fmt.mark(cell)
    chart = grouped_bars(
        [fmt.month(p.month) for p in months],
        series,
        width=WIDTH,
        height=62 * mm,
        small=fmt.small,
        number=fmt.value,
    )
    st = style.styles()
    return [
        *parts.section(t.tr("Meetings")),
        table,
        parts.space(3),
        parts.keep([Paragraph(esc(t.tr("Meetings per month")), st.h2), chart]),
        *_footnote(fmt),
    ]


def _feedback(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t = fmt.t
    roles = [Role.MENTOR.value, Role.MENTEE.value, ALL]
    f = s.feedback
    header = ["", t.tr("Mentors"), t.tr("Mentees"), t.tr("All")]
    rows = [
        [t.tr("Asked for feedback"), *[fmt.cell(f[r].asked) for r in roles]],
        [t.tr("Gave feedback"), *[fmt.cell(f[r].responded) for r in roles]],
        [t.tr("Response rate"), *[fmt.cell(f[r].response_rate, "percent") for r in roles]],
        [t.tr("Working together (mean, 1–5)"), *[fmt.cell(f[r].relationship_mean, "mean") for r in roles]],
        [t.tr("Progress on goals (mean, 1–5)"), *[fmt.cell(f[r].progress_mean, "mean") for r in roles]],
        [t.tr("Would take part again"), *[fmt.cell(f[r].take_part_again, "percent") for r in roles]],
    ]  # fmt: skip
    widths = [WIDTH - 3 * 30 * mm] + [30 * mm] * 3
    d = s.distributions
    keys = [*summary_service.RATINGS, summary_service.NO_ANSWER]
    dist_header = ["", *[str(k) for k in summary_service.RATINGS], t.tr("not rated")]
    dist_rows = [
        [t.tr("Working together"), *[fmt.cell(d.relationship[k]) for k in keys]],
        [t.tr("Progress on goals"), *[fmt.cell(d.progress[k]) for k in keys]],
    ]
    dist_widths = [WIDTH - 5 * 16 * mm - 26 * mm] + [16 * mm] * 5 + [26 * mm]
    goals = [
        [
            t.tr("Goals reached"),
            *[fmt.cell(d.goals[k]) for k in summary_service.GOALS],
        ]
    ]
    goal_header = ["", t.tr("Yes"), t.tr("Partly"), t.tr("No"), t.tr("no answer")]
    st = style.styles()
    return [
        *parts.section(t.tr("Check-ins")),
        _grid(header, rows, widths),
        parts.space(3),
        Paragraph(esc(t.tr("Ratings of all check-ins (number of check-ins)")), st.h2),
        _grid(dist_header, dist_rows, dist_widths),
        parts.space(2),
        _grid(goal_header, goals, [WIDTH - 4 * 22 * mm] + [22 * mm] * 4),
        *_footnote(fmt),
    ]


def _topics(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t, st = fmt.t, style.styles()
    story: list[Flowable] = [*parts.section(t.tr("Topics learned"))]
    if s.topics:
        story.append(
            horizontal_bars(
                [(topic_label(f.topic, t), f.tandems) for f in s.topics],
                width=WIDTH,
                small=fmt.small,
                number=fmt.value,
                label_width=WIDTH * 0.42,
            )
        )
    text = t.tr("The focus topics most often chosen by the formed tandems (number of tandems).")
    if s.topics_not_listed:
        text += " " + t.tr(
            "{count} further topics are not listed (chosen less often, or by fewer than {n} "
            "people).",
            count=s.topics_not_listed,
            n=s.threshold,
        )
    story.append(Paragraph(esc(text), st.note))
    return story


def _retention(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t, st = fmt.t, style.styles()
    story = [*parts.section(t.tr("Retention"))]
    if not s.retention_rounds:
        story.append(
            Paragraph(
                esc(
                    t.tr(
                        "Not measurable yet: retention is measured 12 months after a round "
                        "ended. The comparison below shows it for earlier rounds."
                    )
                ),
                st.body,
            )
        )
        return story
    roles = [Role.MENTOR.value, Role.MENTEE.value, ALL]
    header = ["", t.tr("Mentors"), t.tr("Mentees"), t.tr("All")]
    rows = [
        [t.tr("People in formed tandems"), *[fmt.cell(s.retention[r].people) for r in roles]],
        [t.tr("Still with the company after 12 months"), *[fmt.cell(s.retention[r].share, "percent") for r in roles]],
    ]  # fmt: skip
    measured = ", ".join(r.name for r in s.retention_rounds)
    return [
        *story,
        _grid(header, rows, [WIDTH - 3 * 30 * mm] + [30 * mm] * 3),
        Paragraph(esc(t.tr("Measured for: {rounds}.", rounds=measured)), st.note),
        *_footnote(fmt),
    ]


def _rules(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t = fmt.t
    r = s.rules
    items = [
        _rule(fmt, r.outside_reporting_line, r.line_kept, (
            N_("{share} of the formed tandems pair people outside each other's reporting line."),
            N_("Every formed tandem pairs people outside each other's reporting line."),
            N_("Not every formed tandem pairs people outside each other's reporting line (the "
               "share is not shown)."),
        )),
        _rule(fmt, r.consent_on_record, r.consent_kept, (
            N_("{share} of the people in formed tandems gave their consent on record."),
            N_("Everyone in a formed tandem gave their consent on record."),
            N_("Not everyone in a formed tandem gave their consent on record (the share is not "
               "shown)."),
        )),
        (
            t.tr(
                "{count} tandems ended early by choice, without blame; the reasons stay with HR.",
                count=fmt.cell(r.voluntary_exits),
            ),
            False,
        ),
    ]  # fmt: skip
    flow: list[Flowable] = [*parts.section(t.tr("The rules kept"))]
    for text, failed in items:
        flow += [parts.ticked(text, width=WIDTH, failed=failed), parts.space(1.5)]
    return [*flow, *_footnote(fmt)]


def _rule(
    fmt: _Format, share: Cell, kept: bool | None, texts: tuple[str, str, str]
) -> tuple[str, bool]:
    """A rule's line and whether it was broken: its share where it can be shown, else "every"
    or "not every" (which reveals no number)."""
    with_share, all_kept, not_all = texts
    if share.shown or kept is None:  # shown, or about a small group: "< 5" as everywhere
        failed = share.shown and share.value != 1.0
        return fmt.t.tr(with_share, share=fmt.cell(share, "percent")), failed
    if kept is False:
        return fmt.t.tr(not_all), True
    return fmt.t.tr(all_kept), False


def _trend(s: ProgrammeSummary, fmt: _Format) -> list[Flowable]:
    t, st = fmt.t, style.styles()
    if not s.trend:
        return []
    at_least = t.tr("At least {n} meetings", n=summary_service.MIN_MEETINGS)
    figures = [
        (t.tr("Tandems formed"), lambda r: fmt.cell(r.formed)),
        (t.tr("Completed"), lambda r: fmt.cell(r.completed)),
        (t.tr("Ended early"), lambda r: fmt.cell(r.ended_early)),
        (t.tr("Meetings held"), lambda r: fmt.cell(r.meetings_held)),
        (at_least, lambda r: fmt.cell(r.with_min_meetings, "percent")),
        (t.tr("Working together (mean, 1–5)"), lambda r: fmt.cell(r.relationship_mean, "mean")),
        (t.tr("Response rate"), lambda r: fmt.cell(r.response_rate, "percent")),
        (t.tr("Still with the company after 12 months"), lambda r: fmt.cell(r.retention, "percent")),
    ]  # fmt: skip
    rows = [[name, *[show(row) for row in s.trend]] for name, show in figures]
    column = min(30 * mm, (WIDTH - 62 * mm) / len(s.trend))
    widths = [WIDTH - column * len(s.trend)] + [column] * len(s.trend)
    table = _grid([t.tr("Round"), *[row.round.name for row in s.trend]], rows, widths)
    story: list[Flowable] = [*parts.section(t.tr("Comparison with earlier rounds")), table]
    story.append(Paragraph(esc(t.tr("Every round is counted with the same definitions.")), st.note))
    story += _footnote(fmt)
    if len(s.trend) < 2:
        return story
    series = [
        Series(at_least, SERIES_COLOURS[0], [r.with_min_meetings for r in s.trend]),
        Series(t.tr("Response rate"), SERIES_COLOURS[1], [r.response_rate for r in s.trend]),
        Series(t.tr("Retention"), SERIES_COLOURS[2], [r.retention for r in s.trend]),
    ]  # fmt: skip
    if not any(cell.shown for item in series for cell in item.values):
        # An empty frame of axes would look like a fault: say why there is no chart.
        note = t.tr(
            "No trend chart: none of these shares can be shown yet (too few people, or not "
            "yet measurable)."
        )
        return [*story, parts.space(1.5), Paragraph(esc(note), st.note)]
    chart = share_lines(
        [row.round.name for row in s.trend],
        series,
        width=WIDTH,
        height=55 * mm,
        percent=lambda v: fmt.value(v, "percent"),
    )
    return [*story, parts.space(3), parts.keep([Paragraph(esc(t.tr("Trend")), st.h2), chart])]


@cache
def _definition_style() -> ParagraphStyle:
    return ParagraphStyle(
        "definition", parent=style.styles().box_body, leftIndent=0, fontSize=8.5, leading=12
    )


def _boxes(s: ProgrammeSummary, t: Translator) -> list[Flowable]:
    """What the report does not measure, then the definitions: two framed boxes."""
    st = style.styles()
    limits = [Paragraph(esc(t.tr("What this report does not measure")), st.box_title)]
    limits += parts.bullets(summary_service.not_measured(t), bullet_style=st.box_body)
    definitions = [Paragraph(esc(t.tr("Definitions")), st.box_title)]
    for text in summary_service.definitions(s.threshold, t):
        term, colon, rest = text.partition(": ")
        markup = Markup(f"{bold(term + colon.strip())} {esc(rest)}") if colon else esc(text)
        definitions.append(Paragraph(markup, _definition_style()))
    return [
        parts.space(6),
        parts.boxed(limits, width=WIDTH),
        parts.space(5),
        parts.boxed(definitions, width=WIDTH),
    ]


def _commentary(text: str, t: Translator) -> list[Flowable]:
    st = style.styles()
    story: list[Flowable] = [PageBreak(), *parts.section(t.tr("Commentary by HR"))]
    paragraphs = [p.strip() for p in nfc(text).split("\n\n") if p.strip()]
    if paragraphs:
        story += [Paragraph(esc(p), st.body) for p in paragraphs]
    else:
        story.append(parts.WriteLines(18, WIDTH))
    return story


def _appendix(s: ProgrammeSummary, t: Translator) -> list[Flowable]:
    st = style.styles()
    note = t.tr(
        "Who formed a tandem with whom, as HR asked for it. No figures about a person are given."
    )
    story: list[Flowable] = [
        PageBreak(),
        *parts.section(t.tr("Appendix: the tandems by name")),
        Paragraph(esc(note), st.note),
    ]
    header = [t.tr("Mentor"), t.tr("Mentee"), t.tr("Status"), t.tr("Period")]
    widths = [50 * mm, 50 * mm, 27 * mm, WIDTH - 127 * mm]
    by_round: dict[str, list] = {}
    for line in s.appendix or ():
        by_round.setdefault(line.round_name, []).append(line)
    cell_style = st.table_cell

    def cell(text: str, width: float) -> object:
        # A plain string draws ten times faster than a Paragraph; wrap only what is too long.
        text = nfc(text)
        fits = stringWidth(text, cell_style.fontName, cell_style.fontSize) <= width - 10
        return text if fits else Paragraph(esc(text), cell_style)

    for round_name, lines in by_round.items():
        data = [[Paragraph(esc(h), st.table_head) for h in header]]
        for line in lines:
            period = " – ".join(t.format_date(d) for d in (line.started_on, line.ended_on) if d)
            values = [line.mentor_name, line.mentee_name, label(line.status, t), period]
            data.append([cell(v, w) for v, w in zip(values, widths, strict=True)])
        table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
        table.setStyle(style.table_style(rows=len(lines)))
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 1), (-1, -1), cell_style.fontName),
                    ("FONTSIZE", (0, 1), (-1, -1), cell_style.fontSize),
                    ("LEADING", (0, 1), (-1, -1), cell_style.leading),
                    ("TEXTCOLOR", (0, 1), (-1, -1), cell_style.textColor),
                ]
            )
        )
        # Not kept with the next flowable (a long table would then move to the next page):
        # room for the heading and a few rows is asked for instead.
        heading = ParagraphStyle("round_heading", parent=st.h2, keepWithNext=0)
        story += [CondPageBreak(30 * mm), Paragraph(esc(round_name), heading), table]
    return story


def summary_story(
    s: ProgrammeSummary, t: Translator, house: HouseInfo, commentary: str = ""
) -> list[Flowable]:
    """The flowables of the summary."""
    fmt = _Format(t, s.threshold)
    story: list[Flowable] = _title(s, t, house, named=s.appendix is not None)
    for part in (_at_a_glance, _people, _tandems, _meetings, _feedback, _topics, _retention,
                 _rules, _trend):  # fmt: skip
        story += part(s, fmt)
    story += _boxes(s, t)
    story += _commentary(commentary, t)
    if s.appendix is not None:
        story += _appendix(s, t)
    return story


def _confidential(t: Translator):  # noqa: ANN202 - a page callback
    text = nfc(t.tr(CONFIDENTIAL))

    def draw(canvas: Canvas, doc: object) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(style.WARNING)
        canvas.setFont(BOLD, 8.5)
        canvas.drawCentredString(width / 2, height - 8 * mm, text.upper())
        canvas.restoreState()

    return draw


def summary_pdf(
    db: Database,
    *,
    lang: str,
    year: int | None = None,
    round_id: int | None = None,
    names: bool = False,
    commentary: str = "",
    made_on: date | None = None,
) -> bytes:
    """The summary of a year or a round as PDF bytes in `lang`; anonymous unless `names`."""
    t = translator(lang)
    made_on = made_on or today()
    s = summary_service.programme_summary(
        db, year=year, round_id=round_id, names=names, today=made_on
    )
    house = house_info(db)
    title = t.tr("Annual summary")
    return render_pdf(
        summary_story(s, t, house, commentary),
        t=t,
        house=house,
        title=f"{title} {summary_title(s, t)}",
        subject=house.program_name,
        keywords=[title, house.program_name],
        made_on=made_on,
        on_page=_confidential(t) if names else None,
    )


def summary_title(s: ProgrammeSummary, t: Translator) -> str:
    """What the summary covers, for its title and file name: the year or the round."""
    if s.round_id is not None and s.rounds:
        return s.rounds[0].name
    if s.year is not None:
        return str(s.year)
    return t.tr("all rounds")


def summary_filename(
    db: Database, *, lang: str, year: int | None = None, round_id: int | None = None,
    names: bool = False,
) -> str:  # fmt: skip
    """ "Jahresbericht 2026.pdf", "Annual summary Spring 2026 (with names).pdf"."""
    from app.services.rounds import get_round

    t = translator(lang)
    if round_id is not None:
        covers = get_round(db, round_id).name
    else:
        covers = str(year) if year is not None else t.tr("all rounds")
    extra = t.tr("(with names)") if names else ""
    return suggested_filename(t.tr("Annual summary"), covers, extra)
