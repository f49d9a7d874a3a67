"""Speed of certificates: 500 certificates of participation in one PDF, against a bare
ReportLab script that draws equivalent pages (same font, logo, texts, figures panel,
signatures; the landscape pages with the same double frame).

    .venv/bin/python bench/certificates_bench.py [--people 500] [--repeat 3]

A file with a round of 250 completed tandems (500 people, 6 held meetings each) is written
with bulk inserts. Then, best of `--repeat`: `certificates_pdf()` (service, translation,
layout, PDF) and the bare script, portrait and landscape. Prints both times and the ratio;
target: within 1.3x of the bare script. Exit code 1 when the portrait ratio misses it.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import Paragraph  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from app.db import create_database  # noqa: E402
from app.documents import style  # noqa: E402
from app.documents.certificate import certificates_pdf  # noqa: E402
from app.documents.fonts import BOLD, REGULAR, register_fonts  # noqa: E402
from app.services import settings  # noqa: E402

TARGET = 1.3
FIRST = ["Łukasz", "Zoë", "Ayşe", "Jürgen", "Siobhán", "Thị Lan", "Ольга", "Björn", "Anna"]
LAST = ["Dvořák-Şahin", "Schäfer", "Yılmaz", "Weiß", "O'Brien", "Nguyễn", "Кузнецова", "Köhler"]


def logo_png() -> bytes:
    """A small two-colour logo, as a company would upload one."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (480, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((5, 5, 135, 135), fill=(14, 110, 106, 255))
    draw.ellipse((55, 5, 185, 135), outline=(240, 160, 40, 255), width=12)
    draw.rectangle((210, 50, 470, 90), fill=(40, 40, 40, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def make_file(path: Path, people: int) -> int:
    """A program file with one round of people/2 completed tandems; returns the round id."""
    rng = random.Random(7)
    create_database(path).close()
    db = Database(path)
    start = date(2026, 1, 12)
    with db.atomic():
        db.execute(
            "INSERT INTO rounds (id, name, start_date, end_date) VALUES (1, ?, ?, ?)",
            ["Programmrunde 2026", start.isoformat(), (start + timedelta(days=180)).isoformat()],
        )
        db.conn.executemany(
            "INSERT INTO participants (id, first_name, last_name, role, consent_date) "
            "VALUES (?, ?, ?, ?, '2025-12-01')",
            [
                (pid, rng.choice(FIRST), rng.choice(LAST), "mentor" if pid % 2 else "mentee")
                for pid in range(1, people + 1)
            ],
        )
        topics = [row[0] for row in db.execute("SELECT id FROM topics").fetchall()]
        sessions = []
        for tid in range(1, people // 2 + 1):
            db.execute(
                "INSERT INTO tandems (id, round_id, mentor_id, mentee_id, status, completed_on) "
                "VALUES (?, 1, ?, ?, 'completed', '2026-07-01')",
                [tid, 2 * tid - 1, 2 * tid],
            )
            for topic in rng.sample(topics, 2):
                db.execute("INSERT INTO tandem_topics VALUES (?, ?)", [tid, topic])
            for k in range(6):
                when = datetime(2026, 1, 20, 14) + timedelta(weeks=4 * k)
                sessions.append((tid, when.isoformat(timespec="minutes"), 60 + 30 * (k in (0, 5))))
        db.conn.executemany(
            "INSERT INTO sessions (tandem_id, starts_at, duration_minutes, status) "
            "VALUES (?, ?, ?, 'held')",
            sessions,
        )
    settings.update_settings(
        db,
        {
            "company_name": "Lindenhof Technik GmbH",
            "signature_place": "Hamburg",
            "signatory1_name": "Dr. Katrin Albers",
            "signatory1_title": "Leitung Personal",
            "signatory2_name": "Henrik Brandt",
            "signatory2_title": "Geschäftsführer",
        },
    )
    settings.set_logo(db, logo_png())
    db.close()
    return 1


BODY = (
    "vom 12. Januar 2026 bis zum 10. Juli 2026 als Mentor(in) an unserem Programm „Reverse "
    "Mentoring“ (Programmrunde 2026) teilgenommen und Wissen und Erfahrung zu „KI-Werkzeuge“ "
    "und „IT-Sicherheit“ an eine Führungskraft weitergegeben hat."
)


THANKS = "Für die eingebrachte Zeit und das geteilte Wissen danken wir herzlich."
FIGURES = (("ROLLE", "Mentor(in)"), ("TREFFEN", "6 von 6 geplanten"), ("ZEIT", "7 Stunden"))
SIGNERS = (("Dr. Katrin Albers", "Leitung Personal"), ("Henrik Brandt", "Geschäftsführer"))


def bare(count: int, logo: bytes, turned: bool) -> bytes:
    """The bare script: a canvas, the font, the logo, the same texts and shapes per page."""
    register_fonts()
    size = landscape(A4) if turned else A4
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size)
    reader = ImageReader(io.BytesIO(logo))
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=11, leading=16.5)
    centred = ParagraphStyle("c", parent=body, alignment=1)
    for index in range(count):
        name = f"{FIRST[index % len(FIRST)]} {LAST[index % len(LAST)]}"
        (_landscape_page if turned else _portrait_page)(canvas, reader, name, index, body, centred)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _portrait_page(canvas, reader, name, index, body, _centred) -> None:  # noqa: ANN001
    width, height = A4
    canvas.drawImage(reader, 25 * mm, height - 36 * mm, 55 * mm, 16 * mm, mask="auto")
    canvas.setFillColor(style.INK)
    canvas.setFont(BOLD, 9.5)
    canvas.drawRightString(width - 25 * mm, height - 24 * mm, "Lindenhof Technik GmbH")
    canvas.setFont(BOLD, 8.5)
    canvas.setFillColor(style.ACCENT)
    canvas.drawString(25 * mm, height - 64 * mm, "REVERSE MENTORING")
    canvas.setFont(BOLD, 30)
    canvas.setFillColor(style.INK)
    canvas.drawString(25 * mm, height - 77 * mm, "Teilnahmebestätigung")
    canvas.setStrokeColor(style.ACCENT)
    canvas.line(25 * mm, height - 84 * mm, 47 * mm, height - 84 * mm)
    canvas.setFont(REGULAR, 11)
    canvas.setFillColor(style.MUTED)
    canvas.drawString(25 * mm, height - 98 * mm, "Hiermit bestätigen wir, dass")
    canvas.setFont(BOLD, 24)
    canvas.setFillColor(style.ACCENT)
    canvas.drawString(25 * mm, height - 112 * mm, name)
    para = Paragraph(BODY, body)
    _w, h = para.wrapOn(canvas, 160 * mm, 10_000)
    top = height - 118 * mm - h
    para.drawOn(canvas, 25 * mm, top)
    canvas.setFont(REGULAR, 11)
    canvas.drawString(25 * mm, top - 8 * mm, THANKS)
    top -= 12 * mm
    canvas.setFillColor(style.ACCENT_TINT)
    canvas.rect(25 * mm, top - 30 * mm, 160 * mm, 22 * mm, stroke=0, fill=1)
    canvas.setFillColor(style.ACCENT)
    canvas.rect(25 * mm, top - 30 * mm, 1.2 * mm, 22 * mm, stroke=0, fill=1)
    for column, (label, value) in enumerate(FIGURES):
        x = 31 * mm + column * 50 * mm
        canvas.setFont(BOLD, 7)
        canvas.setFillColor(style.MUTED)
        canvas.drawString(x, top - 15 * mm, label)
        canvas.setFont(BOLD, 11.5)
        canvas.setFillColor(style.INK)
        canvas.drawString(x, top - 22 * mm, value)
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(style.MUTED)
    canvas.drawString(25 * mm, top - 37 * mm, "Diese Bestätigung bescheinigt die Teilnahme.")
    canvas.setFont(REGULAR, 10.5)
    canvas.setFillColor(style.INK)
    canvas.drawString(25 * mm, 78 * mm, "Hamburg, 1. Dezember 2026")
    for column, (signer, title) in enumerate(SIGNERS):
        x = 25 * mm + column * 87 * mm
        canvas.setStrokeColor(style.INK)
        canvas.line(x, 50 * mm, x + 73 * mm, 50 * mm)
        canvas.setFont(BOLD, 9.5)
        canvas.setFillColor(style.INK)
        canvas.drawString(x, 45 * mm, signer)
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColor(style.MUTED)
        canvas.drawString(x, 40.5 * mm, title)
    canvas.setStrokeColor(style.RULE)
    canvas.line(25 * mm, 20 * mm, width - 25 * mm, 20 * mm)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(25 * mm, 15 * mm, f"Nr. TB-2026-01-{index:04d}")
    canvas.drawRightString(width - 25 * mm, 15 * mm, "Lindenhof Technik GmbH")


def _landscape_page(canvas, reader, name, index, _body, centred) -> None:  # noqa: ANN001
    width, height = landscape(A4)
    middle = width / 2
    canvas.setStrokeColor(style.ACCENT)
    canvas.setFillColor(style.ACCENT_TINT)
    canvas.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm, fill=1)
    canvas.setFillColor("#FFFFFF")
    canvas.rect(13.5 * mm, 13.5 * mm, width - 27 * mm, height - 27 * mm, fill=1)
    canvas.drawImage(reader, middle - 25 * mm, height - 37 * mm, 50 * mm, 13 * mm, mask="auto")
    canvas.setFillColor(style.ACCENT)
    canvas.setFont(BOLD, 8.5)
    canvas.drawCentredString(middle, height - 46 * mm, "REVERSE MENTORING")
    canvas.setFont(BOLD, 32)
    canvas.setFillColor(style.INK)
    canvas.drawCentredString(middle, height - 59 * mm, "Teilnahmebestätigung")
    canvas.line(middle - 11 * mm, height - 65 * mm, middle + 11 * mm, height - 65 * mm)
    canvas.setFont(REGULAR, 11)
    canvas.setFillColor(style.MUTED)
    canvas.drawCentredString(middle, height - 75 * mm, "Hiermit bestätigen wir, dass")
    canvas.setFont(BOLD, 26)
    canvas.setFillColor(style.ACCENT)
    canvas.drawCentredString(middle, height - 88 * mm, name)
    para = Paragraph(f"{BODY} {THANKS}", centred)
    _w, h = para.wrapOn(canvas, 165 * mm, 10_000)
    top = height - 95 * mm - h
    para.drawOn(canvas, middle - 82.5 * mm, top)
    canvas.setStrokeColor(style.RULE)
    for column, (label, value) in enumerate(FIGURES):
        x = middle + (column - 1) * 56 * mm
        canvas.setFont(BOLD, 7)
        canvas.setFillColor(style.MUTED)
        canvas.drawCentredString(x, top - 9 * mm, label)
        canvas.setFont(BOLD, 11.5)
        canvas.setFillColor(style.INK)
        canvas.drawCentredString(x, top - 15 * mm, value)
        canvas.line(x - 28 * mm, top - 6 * mm, x - 28 * mm, top - 18 * mm)
    canvas.setFont(REGULAR, 10.5)
    canvas.drawCentredString(middle - 76 * mm, 42 * mm, "Hamburg, 1. Dezember 2026")
    canvas.setStrokeColor(style.INK)
    for column, (signer, title) in enumerate((("Ort, Datum", ""), *SIGNERS)):
        x = middle + (column - 1) * 76 * mm
        canvas.line(x - 31 * mm, 40 * mm, x + 31 * mm, 40 * mm)
        canvas.setFont(BOLD, 9.5)
        canvas.setFillColor(style.INK)
        canvas.drawCentredString(x, 35 * mm, signer)
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColor(style.MUTED)
        canvas.drawCentredString(x, 30.5 * mm, title)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawCentredString(
        middle,
        19.5 * mm,
        f"Diese Bestätigung bescheinigt die Teilnahme.  ·  Nr. TB-2026-01-{index:04d}",
    )


def race(ours: Callable[[], bytes], bare_job: Callable[[], bytes], repeat: int) -> dict:
    """Run the two jobs in turn `repeat` times; the best wall and CPU time of each, and the
    size of what each made. Taking turns (and the CPU time) keeps other programs' load on a
    shared machine from favouring one side."""
    result = {
        side: {"wall": float("inf"), "cpu": float("inf"), "size": 0} for side in ("ours", "bare")
    }
    for _ in range(repeat):
        for side, job in (("ours", ours), ("bare", bare_job)):
            wall, cpu = time.perf_counter(), time.process_time()
            size = len(job())
            figures = result[side]
            figures["wall"] = min(figures["wall"], time.perf_counter() - wall)
            figures["cpu"] = min(figures["cpu"], time.process_time() - cpu)
            figures["size"] = size
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.tandem"
        round_id = make_file(path, args.people)
        db = Database(path)
        logo = settings.get_logo(db) or b""
        register_fonts()
        bare(2, logo, False)  # warm up fonts and imports for both sides
        certificates_pdf(db, round_id=round_id, participant_ids=[1], lang="de")
        ratios = {}
        for turned in (False, True):
            result = race(
                lambda turned=turned: certificates_pdf(
                    db, round_id=round_id, lang="de", landscape=turned
                ),
                lambda turned=turned: bare(args.people, logo, turned),
                args.repeat,
            )
            ours, plain = result["ours"], result["bare"]
            ratios[turned] = ours["cpu"] / plain["cpu"]
            print(
                f"{'landscape' if turned else 'portrait '}  {args.people} certificates: "
                f"Tandem {ours['wall']:.2f} s wall / {ours['cpu']:.2f} s CPU "
                f"({ours['size'] // 1024} KiB); bare ReportLab {plain['wall']:.2f} s wall / "
                f"{plain['cpu']:.2f} s CPU ({plain['size'] // 1024} KiB); ratio "
                f"{ours['wall'] / plain['wall']:.2f} wall, {ratios[turned]:.2f} CPU "
                f"(target <= {TARGET})"
            )
        db.close()
    return 0 if ratios[False] <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
