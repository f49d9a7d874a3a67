"""Certificates of participation (Teilnahmebestätigung), one page per person.

Called Teilnahmebestätigung, never Zertifikat: in German usage a Zertifikat implies an
examination, and this confirms participation without assessing it (the page says so in one
line). The wording depends on the role: the mentor is thanked for the time and knowledge
given; the (senior) mentee is named as a learner who explored topics guided by an
early-career colleague, and thanked for the openness to learn across generations. For a
dissolved tandem it is a confirmation of the meetings held, with no word on why it ended.

Portrait A4 (the default) is a letter for the personnel file; landscape is for display, with
a double frame. Both carry the logo, the programme, round and period, meetings held (of
planned), hours, the topics (optional per person), place and date, the signatories from the
settings and a serial number.

    certificates_pdf(db, round_id=3, lang="de")                 -> bytes, a page each
    certificate_files(db, round_id=3, folder=path, lang="en")   -> one file each

The data comes from `app.services.certificates`, the house facts (company, logo, programme,
signatories, place) from `app.documents.base.house_info`. Each page is one full-page
flowable that draws on the canvas directly, which keeps 500 pages fast
(bench/certificates_bench.py).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import white
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as turned
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph
from sqlite_utils import Database

from app.documents import style
from app.documents.base import HouseInfo, house_info, render_pdf
from app.documents.filenames import suggested_filename
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.markup import Markup, esc, nfc
from app.errors import StorageError, TandemError, ValidationError
from app.i18n import N_, Translator, tr, translator
from app.labels import topic_label
from app.model import Role
from app.services import certificates as certificates_service
from app.services.certificates import Certificate
from app.services.common import today

Progress = Callable[[int, int], bool]
"""`progress(done, total)`, called after each certificate; returning False cancels."""

TITLE = N_("Certificate of participation")
NOT_ASSESSED = N_("This confirms participation; it does not assess performance.")


class CertificatesCancelled(TandemError):
    """A batch stopped by its progress callback: no PDF and no file came of it."""


# --- the words on a certificate ----------------------------------------------------------------


@dataclass(frozen=True)
class CertificateTexts:
    """One certificate's words, translated; `body` is paragraph markup (user text escaped),
    everything else plain text drawn as it is."""

    overline: str
    title: str
    lead: str
    name: str
    body: Markup
    thanks: str
    figures: tuple[tuple[str, str], ...]
    disclaimer: str
    place_date: str
    place_label: str
    signatories: tuple[tuple[str, str], ...]
    serial: str


def _and_list(t: Translator, items: list[str]) -> str:
    """'A, B and C' / 'A, B und C'."""
    if len(items) <= 1:
        return "".join(items)
    return t.tr("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


def hours_text(t: Translator, minutes: int) -> str:
    """Minutes as hours for paper: '7 hours', '1.75 hours' / '7 Stunden', '1,75 Stunden'."""
    decimals = 0 if minutes % 60 == 0 else (1 if minutes % 6 == 0 else 2)
    number = t.format_number(minutes / 60, decimals)
    return t.trn("{hours} hour", "{hours} hours", 1 if minutes == 60 else 2, hours=number)


def _body(t: Translator, cert: Certificate, program: str, topics: list[str]) -> Markup:
    """The sentence after the name: role, programme, round, period and what was shared or
    explored. It never says how or why a tandem ended."""
    values: dict[str, Any] = {
        "program": program,
        "round": cert.round.name,
        "start": t.format_date_long(cert.period_start),
        "end": t.format_date_long(cert.period_end),
        "topics": _and_list(t, topics),
    }
    mentor, mentee = Role.MENTOR in cert.roles, Role.MENTEE in cert.roles
    if mentor and mentee:
        text = t.tr(
            "took part in our “{program}” programme ({round}) from {start} to {end}, as "
            "mentor to a senior colleague and as mentee of an early-career colleague.",
            **values,
        )
        if topics:
            text += " " + t.tr("The tandems worked on {topics}.", **values)
    elif mentor and topics:
        text = t.tr(
            "took part as mentor in our “{program}” programme ({round}) from {start} to {end} "
            "and shared knowledge and experience of {topics} with a senior colleague.",
            **values,
        )
    elif mentor:
        text = t.tr(
            "took part as mentor in our “{program}” programme ({round}) from {start} to {end} "
            "and shared knowledge and experience with a senior colleague.",
            **values,
        )
    elif topics:
        text = t.tr(
            "took part as mentee in our “{program}” programme ({round}) from {start} to {end} "
            "and, guided by an early-career colleague as mentor, explored {topics}.",
            **values,
        )
    else:
        text = t.tr(
            "took part as mentee in our “{program}” programme ({round}) from {start} to {end} "
            "and, guided by an early-career colleague as mentor, explored new perspectives "
            "on today’s world of work.",
            **values,
        )
    return esc(text)


def certificate_texts(
    t: Translator, house: HouseInfo, cert: Certificate, *, show_topics: bool, issued: date
) -> CertificateTexts:
    """Every word of one certificate in the language of `t`."""
    topics = (
        [t.tr("“{topic}”", topic=nfc(topic_label(topic, t))) for topic in cert.topics]
        if show_topics
        else []
    )
    if len(cert.roles) == 2:
        role = t.tr("Mentor and mentee")
    else:
        role = t.tr("Mentor") if cert.roles[0] == Role.MENTOR else t.tr("Mentee")
    if cert.completed:
        meetings = (
            t.tr("Meetings"),
            t.tr(
                "{held} of {planned} planned",
                held=cert.meetings_held,
                planned=cert.meetings_planned,
            ),
        )
    else:
        meetings = (t.tr("Meetings that took place"), str(cert.meetings_held))
    if Role.MENTOR in cert.roles:
        thanks = t.tr("Our sincere thanks for the time given and the knowledge shared.")
    else:
        thanks = t.tr("Thank you for the openness to learn from one another across generations.")
    place = nfc(house.settings.signature_place)
    issued_text = t.format_date_long(issued)
    return CertificateTexts(
        overline=house.program_name,
        title=t.tr(TITLE),
        lead=t.tr("This is to confirm that"),
        name=nfc(cert.name),
        body=_body(t, cert, house.program_name, topics),
        thanks=thanks,
        figures=(
            (t.tr("Role"), role),
            meetings,
            (t.tr("Time in the tandem"), hours_text(t, cert.minutes)),
        ),
        disclaimer=t.tr(NOT_ASSESSED),
        place_date=t.tr("{place}, {date}", place=place, date=issued_text) if place else issued_text,
        place_label=t.tr("Place, date") if place else t.tr("Date"),
        signatories=tuple((nfc(n), nfc(title)) for n, title in house.settings.signatories),
        serial=t.tr("No. {serial}", serial=cert.serial),
    )


# --- drawing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """What every page of one batch shares: paragraph styles, the logo, the company."""

    body: ParagraphStyle
    body_centred: ParagraphStyle
    figure: ParagraphStyle
    figure_centred: ParagraphStyle
    logo: ImageReader | None
    logo_size: tuple[float, float]
    company: str


def _logo(data: bytes | None) -> tuple[ImageReader | None, tuple[float, float]]:
    """The logo as one ImageReader for the whole batch (embedded once), or None when there
    is none or it cannot be read: a broken logo never stops a certificate."""
    if not data:
        return None, (0, 0)
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        return None, (0, 0)
    return (reader, (float(width), float(height))) if width and height else (None, (0, 0))


def _look(house: HouseInfo) -> _Look:
    register_fonts()
    body = ParagraphStyle(
        "certificate_body", fontName=REGULAR, fontSize=11, leading=16.5, textColor=style.INK,
        alignment=TA_LEFT, splitLongWords=True,
    )  # fmt: skip
    figure = ParagraphStyle(
        "certificate_figure", parent=body, fontName=BOLD, fontSize=11.5, leading=14.5
    )
    logo, size = _logo(house.logo)
    return _Look(
        body=body,
        body_centred=ParagraphStyle("certificate_body_c", parent=body, alignment=TA_CENTER),
        figure=figure,
        figure_centred=ParagraphStyle("certificate_figure_c", parent=figure, alignment=TA_CENTER),
        logo=logo,
        logo_size=size,
        company=house.company_name,
    )


@lru_cache(maxsize=4096)
def _width(text: str, font: str, size: float) -> float:
    """The width of a string, remembered: a batch draws the same labels on every page."""
    return stringWidth(text, font, size)


def _draw(canvas: Canvas, text: str, x: float, y: float, *, align: str = "left") -> None:
    """A string in the canvas's current font, left-aligned at x, centred on x or right-aligned
    to x (like drawCentredString/drawRightString, with the width remembered)."""
    if align != "left":
        width = _width(text, canvas._fontname, canvas._fontsize)
        x -= width / 2 if align == "centre" else width
    canvas.drawString(x, y, text)


@lru_cache(maxsize=1024)
def _fit(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest font size up to `size` at which `text` fits `width` (not below smallest);
    remembered, as every page of a batch asks the same for its signatories and labels."""
    while size > smallest and _width(text, font, size) > width:
        size -= 0.5
    return size


def _spaced(
    canvas: Canvas, text: str, x: float, y: float, size: float, colour: Any, *, centred: bool
) -> None:
    """A small capitals-style caption: bold, letter-spaced, upper case."""
    text = text.upper()
    space = size * 0.18
    width = _width(text, BOLD, size) + space * max(len(text) - 1, 0)
    canvas.setFillColor(colour)
    caption = canvas.beginText(x - width / 2 if centred else x, y)
    caption.setFont(BOLD, size)
    caption.setCharSpace(space)
    caption.textOut(text)
    caption.setCharSpace(0)  # the spacing would outlive the caption otherwise
    canvas.drawText(caption)


def _paragraph(
    canvas: Canvas,
    text: str,
    st: ParagraphStyle,
    x: float,
    top: float,
    width: float,
    max_height: float = 10_000,
) -> float:
    """Draw a paragraph whose top edge is at `top`; returns its bottom edge. Taller than
    `max_height` (many topics), it is set smaller, down to 8.5 pt, so it never runs into
    the figures and signatures below."""
    para = Paragraph(text, st)
    _w, height = para.wrapOn(canvas, width, 10_000)
    size = st.fontSize
    while height > max_height and size > 8.5:
        size -= 0.5
        smaller = ParagraphStyle(f"{st.name}_{size}", parent=st, fontSize=size, leading=size * 1.45)
        para = Paragraph(text, smaller)
        _w, height = para.wrapOn(canvas, width, 10_000)
    para.drawOn(canvas, x, top - height)
    return top - height


def _text(
    canvas: Canvas, text: str, st: ParagraphStyle, x: float, top: float, width: float
) -> float:
    """Plain text (not markup) whose top edge is at `top`, in style `st`; returns its bottom
    edge. A line that fits is drawn as a string, exactly where a paragraph would put it, and
    only longer text is laid out as a paragraph: most certificates need one paragraph each."""
    if "\n" in text or _width(text, st.fontName, st.fontSize) > width:
        return _paragraph(canvas, esc(text), st, x, top, width)
    canvas.setFont(st.fontName, st.fontSize)
    canvas.setFillColor(st.textColor)
    baseline = top - st.fontSize
    if st.alignment == TA_CENTER:
        _draw(canvas, text, x + width / 2, baseline, align="centre")
    else:
        canvas.drawString(x, baseline, text)
    return top - st.leading


def _name(
    canvas: Canvas, look: _Look, name: str, x: float, top: float, width: float, centred: bool
) -> float:
    """The name, as large as fits on one line (wrapping only when even 16 pt is too wide)."""
    size = _fit(name, BOLD, 26 if centred else 24, width, 16)
    st = _name_style(size, centred)
    return _text(canvas, name, st, x, top, width)


@lru_cache(maxsize=64)
def _name_style(size: float, centred: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"certificate_name_{size}_{centred}", fontName=BOLD, fontSize=size, leading=size * 1.22,
        textColor=style.ACCENT, alignment=TA_CENTER if centred else TA_LEFT, splitLongWords=True,
    )  # fmt: skip


def _draw_logo(canvas: Canvas, look: _Look, x: float, top: float, height: float, width: float,
               *, centred: bool) -> float:  # fmt: skip
    """The logo scaled into height x width with its top at `top`; returns its drawn height."""
    if look.logo is None:
        return 0.0
    pixels_w, pixels_h = look.logo_size
    scale = min(height / pixels_h, width / pixels_w)
    w, h = pixels_w * scale, pixels_h * scale
    canvas.drawImage(look.logo, x - w / 2 if centred else x, top - h, w, h, mask="auto")
    return h


def _signature(
    canvas: Canvas, x: float, y: float, width: float, name: str, title: str, *, centred: bool
) -> None:
    """A signature line at height y with the name (bold) and title below it."""
    canvas.setStrokeColor(style.INK)
    canvas.setLineWidth(0.6)
    canvas.line(x, y, x + width, y)
    align = "centre" if centred else "left"
    anchor = x + width / 2 if centred else x
    if name:
        canvas.setFont(BOLD, _fit(name, BOLD, 9.5, width, 6.5))
        canvas.setFillColor(style.INK)
        _draw(canvas, name, anchor, y - 5 * mm, align=align)
    if title:
        canvas.setFont(REGULAR, _fit(title, REGULAR, 8.5, width, 6))
        canvas.setFillColor(style.MUTED)
        _draw(canvas, title, anchor, y - 9.5 * mm, align=align)


def _draw_portrait(canvas: Canvas, look: _Look, texts: CertificateTexts) -> None:
    """A letter for the personnel file: letterhead, title, name, the sentence, three key
    figures between hairlines, the no-assessment line, place and date, two signatures."""
    page_w, page_h = A4
    left, right = 25 * mm, page_w - 25 * mm
    width = right - left
    top = page_h - 20 * mm
    _draw_logo(canvas, look, left, top, 16 * mm, 60 * mm, centred=False)
    if look.company:
        canvas.setFont(BOLD, _fit(look.company, BOLD, 9.5, 80 * mm, 7))
        canvas.setFillColor(style.INK)
        _draw(canvas, look.company, right, top - 4 * mm, align="right")
    y = page_h - 64 * mm
    if texts.overline:
        _spaced(canvas, texts.overline, left, y, 8.5, style.ACCENT, centred=False)
    y -= 13 * mm
    canvas.setFont(BOLD, _fit(texts.title, BOLD, 30, width, 18))
    canvas.setFillColor(style.INK)
    canvas.drawString(left, y, texts.title)
    y -= 7 * mm
    canvas.setStrokeColor(style.ACCENT)
    canvas.setLineWidth(2)
    canvas.line(left, y, left + 22 * mm, y)
    y -= 14 * mm
    canvas.setFont(REGULAR, 11)
    canvas.setFillColor(style.MUTED)
    canvas.drawString(left, y, texts.lead)
    y = _name(canvas, look, texts.name, left, y - 4 * mm, width, centred=False)
    y = _paragraph(canvas, texts.body, look.body, left, y - 4 * mm, width, max_height=50 * mm)
    y = _text(canvas, texts.thanks, look.body, left, y - 3 * mm, width)
    y -= 9 * mm
    column = (width - 8 * mm) / len(texts.figures)
    lines = max(
        1 if _width(value, BOLD, look.figure.fontSize) <= column - 6 * mm else 2
        for _label, value in texts.figures
    )
    panel = 13 * mm + lines * look.figure.leading
    canvas.setFillColor(style.ACCENT_TINT)
    canvas.rect(left, y - panel, width, panel, stroke=0, fill=1)
    canvas.setFillColor(style.ACCENT)
    canvas.rect(left, y - panel, 1.2 * mm, panel, stroke=0, fill=1)
    for index, (label, value) in enumerate(texts.figures):
        x = left + 6 * mm + index * column
        _spaced(canvas, label, x, y - 6.5 * mm, 7, style.MUTED, centred=False)
        _text(canvas, value, look.figure, x, y - 8.5 * mm, column - 6 * mm)
    y -= panel
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(style.MUTED)
    canvas.drawString(left, y - 7 * mm, texts.disclaimer)
    # Place, date and signatures keep their place at the foot of the letter.
    line_y = 50 * mm
    canvas.setFont(REGULAR, 10.5)
    canvas.setFillColor(style.INK)
    canvas.drawString(left, line_y + 28 * mm, texts.place_date)
    gap = 14 * mm
    slot = (width - gap) / 2
    signatories = texts.signatories or (("", ""), ("", ""))
    for index, (name, title) in enumerate(signatories[:2]):
        _signature(canvas, left + index * (slot + gap), line_y, slot, name, title, centred=False)
    canvas.setStrokeColor(style.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, 20 * mm, right, 20 * mm)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(style.MUTED)
    canvas.drawString(left, 15 * mm, texts.serial)
    if look.company:
        _draw(canvas, look.company, right, 15 * mm, align="right")


def _draw_landscape(canvas: Canvas, look: _Look, texts: CertificateTexts) -> None:
    """For display: a double frame, everything centred, place/date and the signatures in
    three columns at the foot."""
    page_w, page_h = turned(A4)
    centre = page_w / 2
    outer, inner = 9 * mm, 13.5 * mm
    canvas.setFillColor(style.ACCENT_TINT)
    canvas.rect(outer, outer, page_w - 2 * outer, page_h - 2 * outer, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.rect(inner, inner, page_w - 2 * inner, page_h - 2 * inner, stroke=0, fill=1)
    canvas.setStrokeColor(style.ACCENT)
    canvas.setLineWidth(0.7)
    canvas.rect(outer, outer, page_w - 2 * outer, page_h - 2 * outer)
    canvas.setLineWidth(1.4)
    canvas.rect(inner, inner, page_w - 2 * inner, page_h - 2 * inner)
    top = page_h - 24 * mm
    drawn = _draw_logo(canvas, look, centre, top, 13 * mm, 55 * mm, centred=True)
    top -= drawn + 9 * mm if drawn else 22 * mm  # without a logo, the text keeps its place
    if texts.overline:
        _spaced(canvas, texts.overline, centre, top, 8.5, style.ACCENT, centred=True)
    top -= 13 * mm
    canvas.setFont(BOLD, _fit(texts.title, BOLD, 32, 200 * mm, 20))
    canvas.setFillColor(style.INK)
    _draw(canvas, texts.title, centre, top, align="centre")
    top -= 6 * mm
    canvas.setStrokeColor(style.ACCENT)
    canvas.setLineWidth(2)
    canvas.line(centre - 11 * mm, top, centre + 11 * mm, top)
    top -= 10 * mm
    canvas.setFont(REGULAR, 11)
    canvas.setFillColor(style.MUTED)
    _draw(canvas, texts.lead, centre, top, align="centre")
    width = 190 * mm
    left = centre - width / 2
    top = _name(canvas, look, texts.name, left, top - 4 * mm, width, centred=True)
    text_w = 165 * mm
    body = Markup(f"{texts.body} {esc(texts.thanks)}")
    top = _paragraph(
        canvas, body, look.body_centred, centre - text_w / 2, top - 4 * mm, text_w, 30 * mm
    )
    top -= 9 * mm
    column = 56 * mm
    start = centre - column * len(texts.figures) / 2
    canvas.setStrokeColor(style.RULE)
    canvas.setLineWidth(0.6)
    for index, (label, value) in enumerate(texts.figures):
        x = start + index * column
        _spaced(canvas, label, x + column / 2, top, 7, style.MUTED, centred=True)
        _text(canvas, value, look.figure_centred, x + 3 * mm, top - 2 * mm, column - 6 * mm)
        if index:
            canvas.line(x, top + 3 * mm, x, top - 9 * mm)
    # Foot: place and date, then the two signatures, in three equal columns.
    line_y = 40 * mm
    slot, gap = 62 * mm, 14 * mm
    first = centre - (3 * slot + 2 * gap) / 2
    canvas.setFont(REGULAR, _fit(texts.place_date, REGULAR, 10.5, slot, 7))
    canvas.setFillColor(style.INK)
    _draw(canvas, texts.place_date, first + slot / 2, line_y + 2 * mm, align="centre")
    _signature(canvas, first, line_y, slot, "", "", centred=True)
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(style.MUTED)
    _draw(canvas, texts.place_label, first + slot / 2, line_y - 5 * mm, align="centre")
    signatories = texts.signatories or (("", ""), ("", ""))
    for index, (name, title) in enumerate(signatories[:2], start=1):
        x = first + index * (slot + gap)
        _signature(canvas, x, line_y, slot, name, title, centred=True)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(style.MUTED)
    _draw(canvas, f"{texts.disclaimer}   ·   {texts.serial}", centre, 19.5 * mm, align="centre")


class _CertificatePage(Flowable):
    """One certificate, filling a whole page (the frame has no margins)."""

    def __init__(self, look: _Look, texts: CertificateTexts, landscape: bool,
                 after: Callable[[], None]) -> None:  # fmt: skip
        super().__init__()
        self._look, self._texts, self._landscape, self._after = look, texts, landscape, after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, available_height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        (_draw_landscape if self._landscape else _draw_portrait)(canvas, self._look, self._texts)
        canvas.restoreState()
        self._after()


# --- documents -----------------------------------------------------------------------------


def _wanted(show_topics: bool | dict[int, bool], participant_id: int) -> bool:
    if isinstance(show_topics, dict):
        return bool(show_topics.get(participant_id, True))
    return bool(show_topics)


def _render(
    certs: list[Certificate],
    house: HouseInfo,
    t: Translator,
    *,
    landscape: bool,
    show_topics: bool | dict[int, bool],
    issued: date,
    on_page: Callable[[], None],
) -> bytes:
    look = _look(house)
    story: list[Flowable] = []
    for index, cert in enumerate(certs):
        texts = certificate_texts(
            t, house, cert, show_topics=_wanted(show_topics, cert.participant_id), issued=issued
        )
        if index:
            story.append(PageBreak())
        story.append(_CertificatePage(look, texts, landscape, on_page))
    names = [c.name for c in certs]
    title = t.tr(TITLE) + (f" – {nfc(names[0])}" if len(names) == 1 else "")
    return render_pdf(
        story,
        t=t,
        house=house,
        title=title,
        subject=t.tr("{program}: {round}", program=house.program_name, round=certs[0].round.name),
        pagesize=turned(A4) if landscape else A4,
        margins=style.Margins(0, 0, 0, 0),
        header=False,
        footer=False,
        page_numbers=False,
        made_on=issued,
    )


def _certificates(
    db: Database, round_id: int, participant_ids: list[int] | None
) -> list[Certificate]:
    certs = certificates_service.round_certificates(db, round_id, participant_ids)
    if not certs:
        raise ValidationError(
            tr("No tandem of this round is completed yet, so there is no certificate to print."),
            field="round",
        )
    return certs


def certificates_pdf(
    db: Database,
    *,
    round_id: int,
    participant_ids: list[int] | None = None,
    lang: str,
    landscape: bool = False,
    show_topics: bool | dict[int, bool] = True,
    progress: Progress | None = None,
) -> bytes:
    """The certificates of a round in one PDF, a page per person (sorted by name).

    Without `participant_ids`: everyone whose tandem was completed; with them, exactly
    those people (a dissolved tandem that met gets a confirmation of the meetings held).
    `show_topics` is one choice for all or {participant id: bool} (missing ids: True).
    `progress(done, total)` is called after each page; when it returns False the batch
    stops with CertificatesCancelled."""
    certs = _certificates(db, round_id, participant_ids)
    total, done = len(certs), [0]

    def on_page() -> None:
        done[0] += 1
        if progress is not None and progress(done[0], total) is False:
            raise CertificatesCancelled(tr("Cancelled: no certificate was saved."))

    return _render(
        certs, house_info(db), translator(lang), landscape=landscape,
        show_topics=show_topics, issued=today(), on_page=on_page,
    )  # fmt: skip


def certificate_filename(t: Translator, name: str) -> str:
    """A certificate's file name: 'Teilnahmebestätigung Łukasz Dvořák-Şahin.pdf'."""
    return suggested_filename(t.tr(TITLE), name)


def certificate_files(
    db: Database,
    *,
    round_id: int,
    folder: Path,
    lang: str,
    landscape: bool = False,
    show_topics: bool | dict[int, bool] = True,
    participant_ids: list[int] | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """One PDF per person in `folder` (made if missing), named after the person in the
    document's language; returns the paths in order.

    All or nothing: every file is first written to a hidden temporary file in the folder and
    renamed into place only when the whole batch is done, so a cancelled or failed batch
    leaves no file behind (and replaces none). An existing file of the same name is replaced;
    two people of the same name get 'Name (2).pdf'."""
    certs = _certificates(db, round_id, participant_ids)
    house, t, issued = house_info(db), translator(lang), today()
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(tr("The folder {folder} cannot be created.", folder=folder)) from exc
    temporary: list[tuple[Path, Path]] = []
    names_taken: set[str] = set()
    try:
        for index, cert in enumerate(certs, start=1):
            data = _render(
                [cert], house, t, landscape=landscape, show_topics=show_topics,
                issued=issued, on_page=lambda: None,
            )  # fmt: skip
            name = certificate_filename(t, cert.name)
            stem, number = name[:-4], 2
            while name.casefold() in names_taken:
                name, number = f"{stem} ({number}).pdf", number + 1
            names_taken.add(name.casefold())
            temporary.append((_write_temporary(folder, data), folder / name))
            if progress is not None and progress(index, len(certs)) is False:
                raise CertificatesCancelled(tr("Cancelled: no certificate was saved."))
        for temp, target in temporary:
            os.replace(temp, target)
    except OSError as exc:
        raise StorageError(
            tr("The certificates could not be saved in {folder}: {reason}", folder=folder,
               reason=exc.strerror or exc)
        ) from exc  # fmt: skip
    finally:
        for temp, _target in temporary:
            temp.unlink(missing_ok=True)
    return [target for _temp, target in temporary]


def _write_temporary(folder: Path, data: bytes) -> Path:
    """`data` in a new hidden file in `folder`, flushed to disk."""
    handle, name = tempfile.mkstemp(prefix=".tandem-", suffix=".pdf.part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)
