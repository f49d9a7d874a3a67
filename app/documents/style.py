"""The house style of every document: page, margins, colours, type, tables.

One accent colour (a deep teal) carries the hierarchy: headings, rules and the frame of boxes.
Body text is dark grey on white, labels are small and muted, spacing follows a 4 mm rhythm.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from app.documents.fonts import BOLD, REGULAR, register_fonts

PAGE_SIZE = A4


@dataclass(frozen=True)
class Margins:
    """Page margins in points (build with `Margins.mm(...)`). `top` and `bottom` include the
    bands of the header and the footer."""

    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def mm(cls, left: float, right: float, top: float, bottom: float) -> Margins:
        return cls(left * mm, right * mm, top * mm, bottom * mm)


MARGINS = Margins.mm(left=22, right=22, top=34, bottom=24)
HEADER_TOP = 12 * mm  # distance of the header's top edge from the top of the page
HEADER_BAND = 12 * mm  # height of the header's logo band
FOOTER_BOTTOM = 12 * mm  # distance of the footer's baseline from the bottom of the page

# Colours: one accent, its light tint for boxes, ink, muted text, hairlines.
ACCENT = colors.HexColor("#0E6E6A")
ACCENT_HEX = "#0E6E6A"
ACCENT_TINT = colors.HexColor("#EAF4F3")
INK = colors.HexColor("#1F2428")
MUTED = colors.HexColor("#5E6670")
MUTED_HEX = "#5E6670"
RULE = colors.HexColor("#D3D9DE")
ZEBRA = colors.HexColor("#F6F8F9")
WARNING = colors.HexColor("#A33A1F")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the house."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    body_tight: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    label_row: ParagraphStyle
    value: ParagraphStyle
    value_bold: ParagraphStyle
    bullet: ParagraphStyle
    box_title: ParagraphStyle
    box_body: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_right: ParagraphStyle
    signature: ParagraphStyle
    note: ParagraphStyle
    card_role: ParagraphStyle
    card_name: ParagraphStyle
    card_duty: ParagraphStyle


@cache
def styles() -> Styles:
    """The house's paragraph styles (fonts registered on first use)."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=9.5,
        leading=14,
        textColor=INK,
        spaceAfter=5,
        alignment=TA_LEFT,
        splitLongWords=True,
    )
    return Styles(
        kicker=ParagraphStyle(
            "kicker",
            parent=body,
            fontName=BOLD,
            fontSize=8.5,
            leading=12,
            textColor=ACCENT,
            spaceAfter=4,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=22, leading=27, spaceAfter=3
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=11, leading=15, textColor=MUTED, spaceAfter=0
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=True,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=True,
        ),
        body=body,
        body_tight=ParagraphStyle("body_tight", parent=body, spaceAfter=0),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=MUTED),
        label=ParagraphStyle(
            "label", parent=body, fontSize=7.5, leading=10, textColor=MUTED, spaceAfter=0
        ),
        label_row=ParagraphStyle(
            "label_row", parent=body, fontSize=8.5, leading=13, textColor=MUTED, spaceAfter=0
        ),
        value=ParagraphStyle("value", parent=body, leading=13, spaceAfter=0),
        value_bold=ParagraphStyle(
            "value_bold", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceAfter=0
        ),
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=12, bulletIndent=0, spaceAfter=3, bulletColor=ACCENT
        ),
        box_title=ParagraphStyle(
            "box_title",
            parent=body,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceAfter=4,
        ),
        box_body=ParagraphStyle(
            "box_body",
            parent=body,
            leftIndent=12,
            bulletIndent=0,
            spaceAfter=2.5,
            bulletColor=ACCENT,
        ),
        table_head=ParagraphStyle(
            "table_head",
            parent=body,
            fontName=BOLD,
            fontSize=8,
            leading=10.5,
            textColor=MUTED,
            spaceAfter=0,
        ),
        table_cell=ParagraphStyle(
            "table_cell", parent=body, fontSize=9, leading=12.5, spaceAfter=0
        ),
        table_cell_right=ParagraphStyle(
            "table_cell_right",
            parent=body,
            fontSize=9,
            leading=12.5,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        signature=ParagraphStyle(
            "signature", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=0
        ),
        note=ParagraphStyle("note", parent=body, fontSize=8.5, leading=12, textColor=MUTED),
        card_role=ParagraphStyle(
            "card_role",
            parent=body,
            fontName=BOLD,
            fontSize=7.5,
            leading=10,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        card_name=ParagraphStyle(
            "card_name", parent=body, fontName=BOLD, fontSize=12.5, leading=16, spaceAfter=3
        ),
        card_duty=ParagraphStyle(
            "card_duty",
            parent=body,
            fontSize=8,
            leading=11,
            textColor=MUTED,
            spaceBefore=5,
            spaceAfter=0,
        ),
    )


@cache
def small_cell() -> ParagraphStyle:
    """Table text one size smaller than the house's table cell, for dense tables."""
    return ParagraphStyle("table_cell_small", parent=styles().table_cell, fontSize=8, leading=10.5)


def table_style(*, header: bool = True, zebra: bool = True, rows: int = 0) -> TableStyle:
    """The house table: a muted header row over an accent rule, hairlines between rows,
    light zebra stripes (give `rows`, the number of body rows, for the stripes)."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT)]
    if zebra:
        first = 1 if header else 0
        for row in range(first + 1, first + rows, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    return TableStyle(commands)


def box_style() -> TableStyle:
    """A framed box (one-cell table): accent bar on the left, light tint behind."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
            ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT, 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 9),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
