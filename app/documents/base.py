"""The frame every document is printed in, and the one function that renders a story.

`render_pdf()` lays out a list of flowables on A4 (or any page size) with a first-page and a
later-page template, draws the header (the company's logo and name, the programme's name) and
the footer (programme, date, "Page 2 of 3" / "Seite 2 von 3", counted after layout by
`NumberedCanvas`) and sets the PDF's metadata (title, author, subject, language). It returns
the PDF's bytes; writing them to a file is the caller's business.

`house_info()` gathers what the frame shows from the settings service; a document calls it once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from sqlite_utils import Database

from app.documents import style
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.markup import nfc
from app.i18n import Translator
from app.model import AppSettings
from app.services import settings as settings_service
from app.services.common import today

LOGO_MAX_HEIGHT = style.HEADER_BAND
LOGO_MAX_WIDTH = 45 * mm


@dataclass(frozen=True)
class HouseInfo:
    """What the header, footer and metadata carry, read once from the settings service."""

    company_name: str
    program_name: str
    logo: bytes | None
    settings: AppSettings

    @property
    def signature_place(self) -> str:
        return self.settings.signature_place


def house_info(db: Database) -> HouseInfo:
    """The company, the programme's name and the logo, from the settings service."""
    current = settings_service.get_settings(db)
    logo = settings_service.get_logo(db) if current.has_logo else None
    return HouseInfo(
        company_name=nfc(current.company_name),
        program_name=nfc(current.program_name),
        logo=logo,
        settings=current,
    )


def _logo_reader(logo: bytes | None) -> tuple[ImageReader, float, float] | None:
    """The logo as an ImageReader scaled to fit the header band, or None if there is none or
    it cannot be read (a broken logo must never stop a document)."""
    if not logo:
        return None
    try:
        reader = ImageReader(io.BytesIO(logo))
        width, height = reader.getSize()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        return None
    if not width or not height:
        return None
    scale = min(LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return reader, width * scale, height * scale


class NumberedCanvas(Canvas):
    """A canvas that holds every page until the end, then draws the footer with "Page x of y"
    on each (the total is known only after layout). `footer(canvas, page, pages)` draws it."""

    def __init__(
        self, *args: Any, footer: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(self, self._pageNumber, total)
            super().showPage()
        super().save()


def _draw_header(canvas: Canvas, doc: BaseDocTemplate, house: HouseInfo, logo: Any) -> None:
    width, height = doc.pagesize
    left, right = doc.leftMargin, width - doc.rightMargin
    top = height - style.HEADER_TOP
    canvas.saveState()
    x = left
    band = style.HEADER_BAND
    if logo is not None:
        reader, logo_w, logo_h = logo
        canvas.drawImage(
            reader, left, top - logo_h, logo_w, logo_h, mask="auto", preserveAspectRatio=True
        )
        x = left + logo_w + 8
        middle = top - max(logo_h, 10) / 2
    else:
        middle = top - band / 2
    if house.company_name:
        canvas.setFont(BOLD, 9.5)
        canvas.setFillColor(style.INK)
        canvas.drawString(x, middle - 3.3, house.company_name)
    if house.program_name:
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColor(style.ACCENT)
        canvas.drawRightString(right, middle - 3, house.program_name)
    rule_y = top - max(band, logo[2] if logo else 0) - 5
    canvas.setStrokeColor(style.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, rule_y, right, rule_y)
    canvas.restoreState()


def _draw_footer(
    canvas: Canvas,
    page: int,
    pages: int,
    *,
    t: Translator,
    house: HouseInfo,
    made_on: date,
    numbered: bool,
    margins: style.Margins,
) -> None:
    width, _ = canvas._pagesize
    left, right = margins.left, width - margins.right
    y = style.FOOTER_BOTTOM
    canvas.saveState()
    canvas.setStrokeColor(style.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, y + 10, right, y + 10)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(style.MUTED)
    parts = [p for p in (house.program_name, house.company_name) if p]
    parts.append(t.format_date_long(made_on))
    canvas.drawString(left, y, "  ·  ".join(parts))
    if numbered:
        canvas.drawRightString(right, y, t.tr("Page {page} of {pages}", page=page, pages=pages))
    canvas.restoreState()


def render_pdf(
    story: Sequence[Flowable],
    *,
    t: Translator,
    house: HouseInfo,
    title: str,
    subject: str = "",
    keywords: Sequence[str] = (),
    pagesize: tuple[float, float] = style.PAGE_SIZE,
    margins: style.Margins = style.MARGINS,
    header: bool = True,
    footer: bool = True,
    page_numbers: bool = True,
    made_on: date | None = None,
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> bytes:
    """Lay out `story` in the house frame and return the PDF's bytes.

    `t` is the document's translator (its language also goes into the PDF's metadata);
    `title`/`subject` are the PDF's metadata (author: the company, else the programme).
    `header`/`footer` switch the frame's parts off (e.g. a certificate), `page_numbers` the
    "Page x of y" (which costs holding every page until the end). `on_page(canvas, doc)`
    draws extra decoration on every page (a border, a watermark) before the content."""
    register_fonts()
    made_on = made_on or today()
    logo = _logo_reader(house.logo) if header else None
    width, height = pagesize
    frame = Frame(
        margins.left,
        margins.bottom,
        width - margins.left - margins.right,
        height - margins.top - margins.bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.setFont(REGULAR, 9.5)
        if on_page is not None:
            on_page(canvas, doc)
        if header:
            _draw_header(canvas, doc, house, logo)
        if footer and not page_numbers:
            _draw_footer(
                canvas, doc.page, 0, t=t, house=house, made_on=made_on, numbered=False,
                margins=margins,
            )  # fmt: skip

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=nfc(title),
        author=house.company_name or house.program_name,
        subject=nfc(subject),
        keywords=[nfc(k) for k in keywords],
        creator="Tandem",
        initialFontName=REGULAR,
        lang=t.code if t.code in ("de", "en") else "en",
        pageTemplates=[
            PageTemplate(id="first", frames=[frame], onPage=decorate, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=decorate),
        ],
        invariant=False,
    )
    if footer and page_numbers:
        canvasmaker: Any = partial(
            NumberedCanvas,
            footer=partial(
                _draw_footer, t=t, house=house, made_on=made_on, numbered=True, margins=margins
            ),
        )
    else:
        canvasmaker = Canvas
    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()
