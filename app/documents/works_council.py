"""The works-council sheet (Verfahrensbeschreibung with the GDPR art. 30 record).

Everything it prints comes from `app.services.processing_record`, which reads the real schema
of the program file and the list of documents, so the sheet cannot drift from what Tandem
stores: the controller, HR contact and data protection officer (settings; a line to write
on where none is set), the purposes, the categories of people and
of data, what Tandem is not (no monitoring; matching only proposes; offline, no interfaces;
the minimum group size), an overview of the stored data with who sees it and how long it is
kept, every field with its purpose, source and the documents that show it, every document
with its recipients, fields and minimum group size, what is not stored, the technical
measures, and the programme and file-format version.

    works_council_pdf(db, lang="de") -> bytes
    works_council_filename(db, lang="de") -> "Verfahrensbeschreibung Reverse Mentoring.pdf"
"""

from __future__ import annotations

from datetime import date
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from app.documents import parts, style
from app.documents.base import HouseInfo, house_info, render_pdf
from app.documents.filenames import suggested_filename
from app.documents.fonts import REGULAR
from app.documents.markup import Markup, bold, esc
from app.i18n import N_, Translator, translator
from app.services.processing_record import TABLES, ProcessingRecord, TableEntry, processing_record
from app.services.suppression import MIN_THRESHOLD

TITLE = N_("Description of the processing")
WIDTH = style.PAGE_SIZE[0] - style.MARGINS.left - style.MARGINS.right


@cache
def _code() -> ParagraphStyle:
    return ParagraphStyle("wc_code", parent=style.small_cell(), textColor=style.MUTED)


@cache
def _table_heading() -> ParagraphStyle:
    return ParagraphStyle(
        "wc_table_heading", parent=style.styles().h2, spaceBefore=10, keepWithNext=0
    )


def _or_dash(text: str) -> str:
    return text if text.strip() else "–"


def _ordered(tables: tuple[TableEntry, ...]) -> list[TableEntry]:
    """The tables in the order of the description (people first, technical last); a table
    without a description comes last, where it stands out."""
    order = {name: index for index, name in enumerate(TABLES)}
    return sorted(tables, key=lambda e: (order.get(e.table, len(order)), e.table))


def _title(record: ProcessingRecord, t: Translator, house: HouseInfo) -> list[Flowable]:
    s = style.styles()
    subtitle = t.tr(
        "What Tandem stores for the {programme} programme, who sees it, and what it is not "
        "used for.",
        programme=house.program_name,
    )
    facts = " · ".join(
        p
        for p in (
            record.controller,
            t.tr("Tandem {version}", version=record.version),
            t.tr("as of {date}", date=t.format_date_long(record.made_on)),
        )
        if p
    )
    return [
        Paragraph(esc(t.tr("GDPR art. 30 · BetrVG § 87 (1) no. 6")), s.kicker),
        Paragraph(esc(t.tr(TITLE)), s.title),
        Paragraph(esc(subtitle), s.subtitle),
        parts.space(1.5),
        Paragraph(esc(facts), s.small),
        parts.space(5),
    ]


def _principles(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    s = style.styles()
    inner = WIDTH - 24
    box: list[Flowable] = [Paragraph(esc(t.tr("In short")), s.box_title)]
    for text in record.principles:
        box += [parts.ticked(text, width=inner), parts.space(1.5)]
    return [parts.boxed(box, width=WIDTH)]


def _controller(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    contact = _reach(record.contact_name, record.contact_email, record.contact_phone)
    dpo = _reach(record.dpo_name, record.dpo_email, record.dpo_phone)
    blank = parts.WriteLines(1, WIDTH - 42 * mm, gap=6 * mm)
    version = t.tr(
        "Tandem {version} (file format {schema})",
        version=record.version,
        schema=record.schema_version,
    )
    rows: list[tuple[str, parts.Content]] = [
        (t.tr("Controller (GDPR)"), esc(record.controller) if record.controller else blank),
        (t.tr("Contact in HR"), contact or blank),
        (t.tr("Data protection officer"), dpo or _dpo_to_write_in(t)),
        (t.tr("Software"), esc(version)),
        (t.tr("Made on"), esc(t.format_date_long(record.made_on))),
    ]
    return [
        *parts.section(t.tr("Controller and contact"), number=1),
        parts.key_value_table(rows, width=WIDTH),
    ]


def _reach(name: str, email: str, phone: str) -> Markup:
    """ "name · e-mail · phone" as markup, the parts that are set; a phone number is not
    broken across lines. Empty when none is set."""
    shown = [esc(name) if name else "", esc(email) if email else ""]
    shown.append(Markup(esc(phone).replace(" ", "&nbsp;")) if phone else "")
    return Markup(" · ".join(part for part in shown if part))


def _dpo_to_write_in(t: Translator) -> Flowable:
    """A line to write the data protection officer on, with what belongs there.

    Tandem cannot tell "the company has none" from "HR has not entered one yet", and the
    sheet is a record HR files and signs: printing "none appointed" for an empty setting
    could put a false statement into it. A line, as for the other facts not set, is
    completed by hand, the way HR completes a form; the hint says what to write when the
    company has no data protection officer (many under 20 people need none)."""
    s = style.styles()
    width = WIDTH - 42 * mm
    hint = Paragraph(esc(t.tr("Name and contact, or “none appointed”")), s.small)
    table = Table([[parts.WriteLines(1, width, gap=6 * mm)], [hint]], colWidths=[width])
    table.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    )  # fmt: skip
    return table


def _purposes(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    s = style.styles()
    return [
        *parts.section(t.tr("Purpose"), number=2),
        *parts.bullets(record.purposes),
        Paragraph(esc(t.tr("Categories of people")), s.h2),
        *parts.bullets(record.people),
        Paragraph(esc(t.tr("Categories of data")), s.h2),
        *parts.bullets(record.categories),
    ]


def _recipients(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    rows: list[tuple[str, parts.Content]] = [
        (t.tr("Recipients"), esc(record.recipients)),
        (t.tr("Transfers to third countries"), esc(record.transfers)),
        (
            t.tr("Interfaces"),
            esc(
                t.tr(
                    "None. Tandem runs on HR's computer without a network connection; there is "
                    "no server, no cloud service and no link to other systems. Data leaves the "
                    "computer only when HR saves, prints or sends a document."
                )
            ),
        ),
        (
            t.tr("Decisions"),
            esc(
                t.tr(
                    "No automated decisions. Matching proposes pairs and explains each "
                    "proposal (topics, reporting line, capacity); HR decides, and the two "
                    "people agree or decline."
                )
            ),
        ),
    ]
    return [
        *parts.section(t.tr("Recipients, transfers and interfaces"), number=3),
        parts.key_value_table(rows, width=WIDTH),
    ]


def _overview(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    s = style.styles()
    rows = []
    for entry in _ordered(record.tables):
        what = Markup(f"{bold(_or_dash(entry.purpose))}<br/>")
        what = Markup(
            what + f'<font size="7.5" color="{style.MUTED_HEX}">{esc(entry.table)}</font>'
        )
        rows.append(
            [what, _or_dash(entry.about), _or_dash(entry.access), _or_dash(entry.retention)]
        )
    widths = [50 * mm, 33 * mm, 36 * mm, WIDTH - 119 * mm]
    header = [t.tr("Data"), t.tr("About"), t.tr("Who sees it"), t.tr("How long it is kept")]
    return [
        *parts.section(t.tr("The stored data at a glance"), number=4),
        Paragraph(
            esc(
                t.tr(
                    "Tandem keeps all data in one program file on HR's computer; the private "
                    "notes in it are encrypted. Each line is one table of that file."
                )
            ),
            s.body,
        ),
        parts.data_table(header, rows, widths, cell_style=style.small_cell()),
    ]


def _refs(record: ProcessingRecord) -> dict[str, str]:
    """Document name -> its short reference in the sheet ("D1", "D2", ...)."""
    return {doc.name: f"D{index}" for index, doc in enumerate(record.documents, start=1)}


def _documents(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    s = style.styles()
    refs = _refs(record)
    rows = []
    for doc in record.documents:
        given = t.tr("Given to: {recipients}", recipients=doc.recipients)
        name = Markup(
            f"{bold(doc.name)}<br/>"
            f'<font size="7.5" color="{style.MUTED_HEX}">{esc(doc.purpose)}</font><br/>'
            f'<font size="7.5" color="{style.ACCENT_HEX}">{esc(given)}</font>'
        )
        if doc.anonymous:
            group = t.tr("{n} people (anonymous)", n=doc.min_group)
        else:
            group = t.tr("named people only")
        rows.append([bold(refs[doc.name]), name, "; ".join(doc.fields), group])
    widths = [9 * mm, 56 * mm, WIDTH - 91 * mm, 26 * mm]
    header = ["", t.tr("Document"), t.tr("Fields it shows"), t.tr("Minimum group")]
    return [
        *parts.section(t.tr("Reports and documents"), number=5, min_space=95 * mm),
        Paragraph(
            esc(
                t.tr(
                    "Every document and export Tandem makes. Anonymous reports show no figure "
                    "about fewer than {n} people; a second figure is hidden with it so that none "
                    "can be worked out by subtraction. Names appear only in documents made for "
                    "the people named in them.",
                    n=record.threshold,
                )
            ),
            s.body,
        ),
        parts.data_table(header, rows, widths, cell_style=style.small_cell()),
    ]


def _fields(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    s = style.styles()
    refs = _refs(record)
    story: list[Flowable] = [
        PageBreak(),
        *parts.section(t.tr("Appendix: every field stored")),
        Paragraph(
            esc(
                t.tr(
                    "Every column of every table of the program file, read from the file "
                    "itself: what it is for, where its value comes from and which documents "
                    "show it (D1 to D{n}, see section 5). Fields that no document shows are "
                    "seen only by HR in Tandem.",
                    n=len(refs),
                )
            ),
            s.body,
        ),
    ]
    header = [t.tr("Field"), t.tr("Purpose"), t.tr("Source"), t.tr("Shown in")]
    # The column names print whole (they are what IT checks against the file).
    code = _code()
    longest = max(
        (
            stringWidth(f.column, code.fontName, code.fontSize)
            for e in record.tables
            for f in e.fields
        ),
        default=0,
    )
    first = max(30 * mm, longest + 11)
    widths = [first, 94 * mm - first, 50 * mm, WIDTH - 144 * mm]
    for entry in _ordered(record.tables):
        rows = [
            [
                Paragraph(esc(field.column), _code()),
                field.purpose or t.tr("(not described)"),
                _or_dash(field.source),
                ", ".join(refs.get(name, name) for name in field.shown_in) or "–",
            ]
            for field in entry.fields
        ]
        purpose = _or_dash(entry.purpose).rstrip(".")
        heading = Markup(
            f"{esc(purpose)}&nbsp;&nbsp;"
            f'<font name="{REGULAR}" size="8" color="{style.MUTED_HEX}">'
            f"{esc(t.tr('table {table}', table=entry.table)).replace(' ', '&nbsp;')}</font>"
        )
        # Room for the heading and a few rows, else a new page; the table itself may split.
        story += [
            CondPageBreak(38 * mm),
            Paragraph(heading, _table_heading()),
            parts.data_table(header, rows, widths, cell_style=style.small_cell()),
        ]
    return story


def _not_stored(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    return [
        *parts.section(t.tr("What Tandem does not store"), number=6),
        *parts.bullets(record.not_stored),
    ]


def _measures(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    return [
        *parts.section(t.tr("Technical and organisational measures"), number=7),
        *parts.bullets(record.measures),
    ]


def _changes(record: ProcessingRecord, t: Translator) -> list[Flowable]:
    s = style.styles()
    rows: list[tuple[str, parts.Content]] = [
        (
            t.tr("Minimum group size"),
            esc(
                t.tr(
                    "{n} people in this file. It can never be set below {min}; it is raised "
                    "or lowered only with the works council's consent.",
                    n=record.threshold,
                    min=MIN_THRESHOLD,
                )
            ),
        ),
        (
            t.tr("New versions"),
            esc(
                t.tr(
                    "This description is made by Tandem {version} from the structure of the "
                    "program file, so it lists exactly what this version stores. A version "
                    "that stores other data prints a different description; HR presents it "
                    "to the works council before using that version.",
                    version=record.version,
                )
            ),
        ),
    ]
    return [
        *parts.section(t.tr("Changes"), number=8),
        parts.key_value_table(rows, width=WIDTH),
        parts.space(4),
        Paragraph(
            esc(
                t.tr(
                    "Tandem is not a technical device for monitoring the behaviour or "
                    "performance of employees: it records no use, measures no work, and no "
                    "report rates or ranks a person."
                )
            ),
            s.note,
        ),
    ]


def works_council_story(record: ProcessingRecord, t: Translator, house: HouseInfo) -> list:
    """The flowables of the sheet, in reading order."""
    story: list[Flowable] = [*_title(record, t, house), *_principles(record, t)]
    for part in (_controller, _purposes, _recipients, _overview, _documents, _not_stored,
                 _measures, _changes, _fields):  # fmt: skip
        story += part(record, t)
    return story


def works_council_pdf(db: Database, *, lang: str, made_on: date | None = None) -> bytes:
    """The works-council sheet (description of the processing, GDPR art. 30 record) as PDF
    bytes in `lang` ('de' or 'en'). `made_on` is the date printed (default today)."""
    t = translator(lang)
    record = processing_record(db, t)
    if made_on is not None:
        record = ProcessingRecord(**{**record.__dict__, "made_on": made_on})
    house = house_info(db)
    return render_pdf(
        works_council_story(record, t, house),
        t=t,
        house=house,
        title=f"{t.tr(TITLE)} {house.program_name}",
        subject=t.tr("GDPR art. 30 · BetrVG § 87 (1) no. 6"),
        keywords=[t.tr(TITLE), house.program_name, "Tandem"],
        made_on=record.made_on,
    )


def works_council_filename(db: Database, *, lang: str) -> str:
    """The suggested file name: "Verfahrensbeschreibung Reverse Mentoring.pdf" /
    "Description of the processing Reverse Mentoring.pdf"."""
    t = translator(lang)
    return suggested_filename(t.tr(TITLE), house_info(db).program_name)
