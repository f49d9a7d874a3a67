"""Building blocks shared by the documents: section headings, label/value tables, framed boxes,
lists, lines to write on, a drawn tick, and signature blocks. All take markup made with
`app.documents.markup` (user text escaped) and the house styles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import style
from app.documents.fonts import REGULAR
from app.documents.markup import Markup, esc

Content = str | Markup | Flowable


def _para(content: Content, paragraph_style: style.ParagraphStyle) -> Flowable:
    if isinstance(content, Flowable):
        return content
    return Paragraph(esc(content), paragraph_style)


def section(title: str, *, number: int | None = None, min_space: float = 45 * mm) -> list[Flowable]:
    """A section heading (accent colour, rule above); starts a new page rather than stand
    alone at the bottom of one (`min_space` must be left below it)."""
    s = style.styles()
    text = esc(title) if number is None else Markup(f"{number}&nbsp;&nbsp;{esc(title)}")
    return [CondPageBreak(min_space), Paragraph(text, s.h1)]


def key_value_table(
    rows: Sequence[tuple[str, Content]], *, width: float, label_width: float = 42 * mm
) -> Table:
    """Labels (muted, left) beside their values: the facts of a document at a glance."""
    s = style.styles()
    data = [[Paragraph(esc(label), s.label_row), _para(value, s.value)] for label, value in rows]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 8),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, style.RULE),
            ]
        )
    )
    return table


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Content]],
    widths: Sequence[float],
    *,
    cell_style: style.ParagraphStyle | None = None,
) -> Table:
    """A table of text in the house style: a muted header row (repeated on every page the
    table runs onto), hairlines, zebra stripes. Cells are user text (escaped), markup or
    flowables; `cell_style` sets the body text (default the house's table cell)."""
    s = style.styles()
    body = cell_style or s.table_cell
    data = [
        [Paragraph(esc(h), s.table_head) for h in header],
        *[[_para(cell, body) for cell in row] for row in rows],
    ]
    table = Table(data, colWidths=list(widths), hAlign="LEFT", repeatRows=1)
    table.setStyle(style.table_style(rows=len(rows)))
    return table


def boxed(content: Sequence[Flowable], *, width: float) -> Table:
    """Flowables in a framed box: light tint, accent bar on the left; kept on one page."""
    table = Table([[list(content)]], colWidths=[width], hAlign="LEFT")
    table.setStyle(style.box_style())
    return table


def bullets(items: Sequence[Content], *, bullet_style: style.ParagraphStyle | None = None) -> list:
    """A bulleted list ("•" in the accent colour)."""
    s = style.styles()
    paragraph_style = bullet_style or s.bullet
    return [
        Paragraph(esc(item), paragraph_style, bulletText="•")
        if not isinstance(item, Flowable)
        else item
        for item in items
    ]


def numbered(items: Sequence[Content]) -> list:
    """A numbered list: 1. 2. 3."""
    s = style.styles()
    return [
        Paragraph(esc(item), s.bullet, bulletText=f"{index}.")
        for index, item in enumerate(items, start=1)
    ]


class WriteLines(Flowable):
    """Empty lines to write on by hand (`count` hairlines `gap` apart), optionally numbered."""

    def __init__(self, count: int, width: float, *, gap: float = 9 * mm, numbered: bool = False):
        super().__init__()
        self.count, self.width, self.gap, self.numbered = count, width, gap, numbered
        self.height = count * gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.width, available_width)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(style.RULE)
        canvas.setLineWidth(0.6)
        indent = 12 if self.numbered else 0
        canvas.setFont(REGULAR, 9.5)
        canvas.setFillColor(style.MUTED)
        for index in range(self.count):
            y = self.height - (index + 1) * self.gap + 2
            canvas.line(indent, y, self.width, y)
            if self.numbered:
                canvas.drawString(0, y + 2, f"{index + 1}.")
        canvas.restoreState()


class Tick(Flowable):
    """A drawn tick in an accent circle (the font has no ✓), `size` points wide."""

    def __init__(self, size: float = 11, colour: object = None, failed: bool = False):
        super().__init__()
        self.size = size
        self.colour = colour or (style.WARNING if failed else style.ACCENT)
        self.failed = failed

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas, r = self.canv, self.size / 2
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.circle(r, r, r, stroke=0, fill=1)
        canvas.setStrokeColorRGB(1, 1, 1)
        canvas.setLineWidth(self.size / 9)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        s = self.size
        if self.failed:
            canvas.line(0.32 * s, 0.32 * s, 0.68 * s, 0.68 * s)
            canvas.line(0.32 * s, 0.68 * s, 0.68 * s, 0.32 * s)
        else:
            path = canvas.beginPath()
            path.moveTo(0.27 * s, 0.52 * s)
            path.lineTo(0.44 * s, 0.34 * s)
            path.lineTo(0.74 * s, 0.67 * s)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


def ticked(text: Content, *, width: float, failed: bool = False) -> Table:
    """A statement with a tick (or a cross when `failed`) before it."""
    s = style.styles()
    table = Table(
        [[Tick(failed=failed), _para(text, s.body_tight)]],
        colWidths=[16, width - 16],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, 0), 2),
                ("TOPPADDING", (1, 0), (1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


@dataclass(frozen=True)
class Signer:
    """Who signs: the name (may be empty: a line to fill in) and the role under it."""

    name: str
    role: str


def signature_block(
    signers: Sequence[Signer],
    *,
    width: float,
    place_label: str,
    place: str = "",
    gap: float = 9 * mm,
    sign_height: float = 17 * mm,
) -> Table:
    """One column per signer: the place (pre-printed when known) and the date on a line
    labelled `place_label` ("Place, date"), then room to sign over a line, the name and the
    role below it. One table: it is never split across pages."""
    s = style.styles()
    columns = len(signers)
    column = (width - gap * (columns - 1)) / columns
    rows: list[list] = [[], [], [], []]
    for index, signer in enumerate(signers):
        if index:
            for row in rows:
                row.append("")
        rows[0].append(Paragraph(esc(place) if place else "&nbsp;", s.value))
        rows[1].append(Paragraph(esc(place_label), s.signature))
        rows[2].append("")
        texts: list[Flowable] = []
        if signer.name:
            texts.append(Paragraph(esc(signer.name), s.value))
        texts.append(Paragraph(esc(signer.role), s.signature))
        rows[3].append(texts)
    widths: list[float] = []
    for index in range(columns):
        widths += [gap, column] if index else [column]
    table = Table(rows, colWidths=widths, rowHeights=[None, None, sign_height, None], hAlign="LEFT")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
        ("TOPPADDING", (0, 3), (-1, 3), 2),
    ]
    for index in range(columns):
        col = index * 2
        commands.append(("LINEBELOW", (col, 0), (col, 0), 0.6, style.MUTED))
        commands.append(("LINEBELOW", (col, 2), (col, 2), 0.8, style.INK))
    table.setStyle(TableStyle(commands))
    return table


def keep(flowables: Sequence[Flowable]) -> KeepTogether:
    """Flowables that must stay on one page together (a heading with its text, a block to sign)."""
    return KeepTogether(list(flowables))


def space(height_mm: float) -> Spacer:
    """Vertical whitespace in millimetres."""
    return Spacer(1, height_mm * mm)
