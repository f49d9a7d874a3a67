"""The house style every document stands on: fonts, escaping, per-document language, the
frame (header, footer, "Page x of y", metadata) and Windows-legal file names."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph
from sqlite_utils import Database

from app import i18n
from app.documents.base import house_info, render_pdf
from app.documents.filenames import pair_label, safe_filename_part, suggested_filename
from app.documents.markup import bold, esc, fill
from app.documents.style import styles
from app.services import settings
from tests.pdf_helpers import inked_share_per_page, page_texts, pdf_metadata, pdf_text

HARD = "Łukasz Dvořák-Şahin · Nguyễn Thị Ánh · Γιώργος · Соколов · ğüşiİı € „Anführung“"


def _png_logo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), (14, 110, 106)).save(buffer, "PNG")
    return buffer.getvalue()


def _story(paragraphs: int) -> list[Paragraph]:
    s = styles()
    story = [Paragraph(esc("Anna & <b>Lee</b>"), s.title), Paragraph(esc(HARD), s.body)]
    story += [Paragraph(esc("Lorem ipsum dolor sit amet. " * 30), s.body)] * paragraphs
    return story


def test_markup_prints_user_text_literally() -> None:
    assert esc("Anna & <b>Lee</b>") == "Anna &amp; &lt;b&gt;Lee&lt;/b&gt;"
    assert esc("Nguye\u0302\u0303n") == "Nguyễn"  # NFC
    assert esc("one\ntwo") == "one<br/>two"
    assert fill("{a} meets {b} & co", a=bold("<i>x</i>"), b="<y>") == (
        "<b>&lt;i&gt;x&lt;/i&gt;</b> meets &lt;y&gt; &amp; co"
    )
    assert esc(esc("&")) == "&amp;"  # never escaped twice


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_document_speaks_its_own_language_with_the_frame_and_hard_names(
    db: Database, tmp_path: Path, lang: str
) -> None:
    """Made while the window speaks the OTHER language: the page numbers, the date and the
    metadata follow the document; every name prints exactly, decomposed text composed."""
    i18n.set_language("en" if lang == "de" else "de")
    settings.update_settings(
        db, {"company_name": "Müller & <Söhne> GmbH", "program_name": "Upwards Mentoring",
             "logo": _png_logo()},
    )  # fmt: skip
    story = _story(paragraphs=14)
    story.append(Paragraph(esc("Nguye\u0302\u0303n Thi\u0323 A\u0301nh"), styles().body))
    data = render_pdf(
        story,
        t=i18n.translator(lang),
        house=house_info(db),
        title="Titel & <Title>",
        subject="Subject Łukasz",
        made_on=date(2026, 3, 1),
    )
    pages = page_texts(data)
    assert len(pages) >= 2
    word, day = ("Seite", "1. März 2026") if lang == "de" else ("Page", "1 March 2026")
    other = "Page" if lang == "de" else "Seite"
    for number, text in enumerate(pages, start=1):
        assert f"{word} {number} {'von' if lang == 'de' else 'of'} {len(pages)}" in text
        assert f"{other} {number}" not in text
        assert "Müller & <Söhne> GmbH" in text and "Upwards Mentoring" in text
        assert day in text
    text = pdf_text(data)
    assert "Anna & <b>Lee</b>" in text
    assert HARD in text
    assert "Nguyễn Thị Ánh" in text
    assert pdf_metadata(data) == {
        "title": "Titel & <Title>",
        "author": "Müller & <Söhne> GmbH",
        "subject": "Subject Łukasz",
        "lang": lang,
    }
    assert b"+NotoSans-Regular" in data and b"+NotoSans-Bold" in data
    assert b"Helvetica" not in data  # the fonts are embedded; nothing falls back
    assert data.count(b"/Subtype /Image") >= 1  # the logo, embedded once
    shares = inked_share_per_page(data, tmp_path)
    if shares is not None:
        assert len(shares) == len(pages) and all(share > 0.01 for share in shares)


def test_without_page_numbers_or_header_and_with_a_broken_logo(db: Database) -> None:
    settings.update_settings(db, {"company_name": "Lindenhof", "logo": b"\x89PNG broken"})
    data = render_pdf(
        _story(paragraphs=1),
        t=i18n.translator("de"),
        house=house_info(db),
        title="x",
        header=False,
        page_numbers=False,
    )
    text = pdf_text(data)
    assert "Anna & <b>Lee</b>" in text and "Seite" not in text
    assert "Lindenhof" in text  # the footer still names the company
    assert b"/Subtype /Image" not in data


def test_file_names_are_windows_legal_and_say_what_the_file_is() -> None:
    assert (
        suggested_filename("Tandem-Vereinbarung", pair_label("Hahn", "El-Amrani"))
        == "Tandem-Vereinbarung Hahn – El-Amrani.pdf"
    )
    name = suggested_filename("Agenda", 'A<b>:"x"/y\\z|?*', "Dvořák-Şahin.")
    assert name == "Agenda A b x y z Dvořák-Şahin.pdf"
    assert not set('<>:"/\\|?*') & set(name)
    assert suggested_filename("CON") == "_CON.pdf"
    assert suggested_filename("lpt1.txt", ext="") == "_lpt1.txt"
    assert suggested_filename("", "") == "document.pdf"
    assert len(suggested_filename("x" * 400)) <= 124
    assert safe_filename_part("Nguye\u0302\u0303n\t\n Anh") == "Nguyễn Anh"


def test_warm_up_prepares_fonts_and_both_catalogues_on_a_worker_thread() -> None:
    import threading

    from reportlab.pdfbase import pdfmetrics

    from app.documents import warm_up

    worker = threading.Thread(target=warm_up)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert {"NotoSans", "NotoSans-Bold"} <= set(pdfmetrics.getRegisteredFontNames())
    assert i18n.translator("de").tr("Tandem agreement") == "Tandem-Vereinbarung"
    assert i18n.language() == "en"
