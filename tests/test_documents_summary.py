"""The annual summary as PDF, read back: the service's figures as printed, no name and no
private note in the anonymous version, "< 5" with its footnote for small groups, names
exactly as typed and "confidential – contains names" on every page of the named version, both
languages complete, and the `pdf summary` command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.cli import run
from app.db import open_database
from app.documents.summary import summary_filename, summary_pdf
from app.i18n import Translator, translator
from app.model import Role, SessionStatus, TandemStatus
from app.services.summary import ALL, Cell, programme_summary
from tests.helpers_reports import Plan, change_person, new_round, person, tandem
from tests.pdf_helpers import (
    HARD_FIRST,
    HARD_LAST,
    MARKUP_FIRST,
    MARKUP_LAST,
    assert_no_canary_in_pdf,
    inked_share_per_page,
    make_canary_demo_file,
    page_texts,
    pdf_metadata,
    pdf_text,
)

MADE_ON = date(2026, 11, 23)
HEADINGS = {
    "en": ["Annual summary", "At a glance", "Participants", "Tandems", "Meetings per month",
           "Check-ins", "Topics learned", "Retention", "The rules kept",
           "Comparison with earlier rounds", "What this report does not measure", "Definitions",
           "Commentary by HR"],
    "de": ["Jahresbericht", "Auf einen Blick", "Teilnehmende", "Tandems", "Treffen pro Monat",
           "Zwischen-/Abschlussfeedback", "Gelernte Themen", "Verbleib", "Eingehaltene Regeln",
           "Vergleich mit früheren Programmrunden", "Was dieser Bericht nicht misst",
           "Definitionen", "Kommentar der Personalabteilung"],
}  # fmt: skip


def printed(t: Translator, cell: Cell, kind: str = "n") -> str:
    """A figure as the summary prints it (independent of the document's own formatting)."""
    if cell.suppressed:
        return "< 5" if cell.small_group else "–"
    if kind == "percent":
        return f"{t.format_number(cell.value * 100)}{' %' if t.code == 'de' else '%'}"
    return t.format_number(cell.value)


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo file with a canary in a private note on every person, tandem and meeting."""
    return make_canary_demo_file(tmp_path_factory.mktemp("demo") / "demo.tandem")


@pytest.fixture
def demo(demo_master: Path) -> Iterator[Database]:
    db = open_database(demo_master)
    yield db
    db.close()


def year_of_running_round(db: Database) -> int:
    return int(db.execute("SELECT max(substr(start_date, 1, 4)) FROM rounds").fetchone()[0])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_anonymous_summary_prints_the_figures_and_no_name_or_note(
    demo: Database, lang: str
) -> None:
    year = year_of_running_round(demo)
    data = summary_pdf(demo, lang=lang, year=year, made_on=MADE_ON)
    text = pdf_text(data)
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    other = "de" if lang == "en" else "en"
    for heading in ("At a glance", "Definitions", "Retention", "What this report does not measure"):
        if heading not in HEADINGS[lang]:
            assert heading not in text, f"untranslated: {heading}"
    assert HEADINGS[other][-1] not in text
    for first, last in demo.execute("SELECT first_name, last_name FROM participants"):
        assert f"{first} {last}" not in text
    assert_no_canary_in_pdf(data)
    s = programme_summary(demo, year=year, today=MADE_ON)
    t = translator(lang)
    tiles = (
        s.tandems.formed,
        s.meetings.held,
        s.meetings.hours_held,
        s.feedback[ALL].response_rate,
    )
    values = " ".join(
        printed(t, c, k) for c, k in zip(tiles, ("n", "n", "n", "percent"), strict=True)
    )
    captions = " ".join(
        t.tr(c) for c in ("tandems formed", "meetings held", "hours of mentoring", "response rate")
    )
    assert f"{values} {captions}" in text
    assert s.meetings.held.shown
    assert t.tr("{small}: fewer than {n} people, not shown.", small="< 5", n=5) in text
    assert pdf_metadata(data)["lang"] == lang


def test_small_groups_print_as_fewer_than_five_in_tables_and_charts(db: Database) -> None:
    r = new_round(db, "Spring", date(2026, 1, 5), date(2026, 6, 30))
    for n in range(7):
        mentor = person(db, f"Mia{n}", "Mentor", Role.MENTOR, department=f"D{n}")
        mentee = person(db, f"Max{n}", "Mentee", Role.MENTEE, department=f"E{n}")
        status = TandemStatus.COMPLETED if n < 5 else TandemStatus.DISSOLVED
        tandem(db, r, mentor, mentee, Plan(status), date(2026, 1, 2))
    s = programme_summary(db, round_id=r, today=MADE_ON)
    assert s.tandems.ended_early.small_group and s.tandems.completed.suppressed
    text = pdf_text(summary_pdf(db, lang="en", round_id=r, made_on=MADE_ON))
    assert "Ended early, without blame < 5" in text
    assert "Completed –" in text
    assert "< 5 tandems ended early by choice" in text
    assert "–: not shown, so that a hidden figure cannot be worked out by subtraction." in text


def test_the_named_appendix_has_names_as_typed_and_every_page_says_confidential(
    db: Database,
) -> None:
    r = new_round(db, "Runde „Frühjahr“ 2026", date(2026, 1, 5), date(2026, 6, 30))
    hard = person(db, HARD_FIRST, HARD_LAST, Role.MENTOR, department="A")
    markup = person(db, MARKUP_FIRST, MARKUP_LAST, Role.MENTEE, department="B")
    tandem(db, r, hard, markup, Plan(TandemStatus.ACTIVE), date(2026, 1, 2))
    for lang, banner in (
        ("en", "CONFIDENTIAL – CONTAINS NAMES"),
        ("de", "VERTRAULICH – ENTHÄLT NAMEN"),
    ):
        data = summary_pdf(db, lang=lang, round_id=r, names=True, made_on=MADE_ON)
        pages = page_texts(data)
        assert all(banner in page for page in pages)
        text = pdf_text(data)
        assert f"{HARD_FIRST} {HARD_LAST}" in text
        assert f"{MARKUP_FIRST} {MARKUP_LAST}" in text
    anonymous = summary_pdf(db, lang="en", round_id=r, made_on=MADE_ON)
    assert "CONFIDENTIAL" not in pdf_text(anonymous)
    assert HARD_LAST not in pdf_text(anonymous)


def test_hr_commentary_prints_as_typed(db: Database) -> None:
    new_round(db, "Spring", date(2026, 1, 5), date(2026, 6, 30))
    comment = "Ein gutes Jahr für „Reverse Mentoring“ & <b>alle</b> – danke!"
    text = pdf_text(summary_pdf(db, lang="de", year=2026, commentary=comment, made_on=MADE_ON))
    assert comment in text


def test_every_page_has_ink(demo: Database, tmp_path: Path) -> None:
    data = summary_pdf(demo, lang="de", year=year_of_running_round(demo), names=True)
    shares = inked_share_per_page(data, tmp_path)
    if shares is not None:
        assert all(share > 0.002 for share in shares), shares


def test_pdf_summary_command_writes_the_file(demo_master: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "demo.tandem"
    db_path.write_bytes(demo_master.read_bytes())
    out = tmp_path / "summary.pdf"
    year = str(date.today().year)
    assert (
        run(["--db", str(db_path), "pdf", "summary", "--year", year, str(out), "--lang", "de"]) == 0
    )
    assert "Jahresbericht" in pdf_text(out.read_bytes())
    assert (
        run(["--db", str(db_path), "pdf", "summary", "--round", "1", "--names", str(tmp_path)]) == 0
    )
    db = open_database(db_path)
    try:
        name = summary_filename(db, lang="en", round_id=1, names=True)
    finally:
        db.close()
    assert (tmp_path / name).is_file() and "(with names)" in name
    assert run(["--db", str(db_path), "pdf", "summary", str(out)]) == 1  # neither year nor round


def test_the_feedback_table_matches_the_service(demo: Database) -> None:
    year = year_of_running_round(demo)
    s = programme_summary(demo, year=year, today=MADE_ON)
    t = translator("en")
    text = pdf_text(summary_pdf(demo, lang="en", year=year, made_on=MADE_ON))
    roles = (Role.MENTOR.value, Role.MENTEE.value, ALL)
    for caption, name, kind in (
        ("Asked for feedback", "asked", "n"),
        ("Gave feedback", "responded", "n"),
        ("Response rate", "response_rate", "percent"),
    ):
        row = " ".join(printed(t, getattr(s.feedback[r], name), kind) for r in roles)
        assert f"{caption} {row}" in text
    assert s.feedback[ALL].asked.shown


def test_the_trend_chart_is_drawn_only_when_it_has_a_point_to_show(
    demo: Database, db: Database
) -> None:
    t = translator("en")
    note = t.tr(
        "No trend chart: none of these shares can be shown yet (too few people, or not "
        "yet measurable)."
    )
    year = year_of_running_round(demo)
    s = programme_summary(demo, year=year, today=MADE_ON)
    shares = [c for r in s.trend for c in (r.with_min_meetings, r.response_rate, r.retention)]
    assert len(s.trend) > 1 and not any(c.shown for c in shares)  # the demo's small groups
    hidden = pdf_text(summary_pdf(demo, lang="en", year=year, made_on=MADE_ON))
    assert note in hidden
    assert "Trend" not in hidden  # no empty frame of axes under its heading

    # Two rounds of six completed tandems with three meetings each: shares to draw.
    for year_started in (2024, 2025):
        r = new_round(db, f"Round {year_started}", date(year_started, 1, 5),
                      date(year_started, 6, 30))  # fmt: skip
        for n in range(6):
            mentor = person(db, f"Mia{n}", f"M{year_started}", Role.MENTOR, department=f"D{n}")
            mentee = person(db, f"Max{n}", f"E{year_started}", Role.MENTEE, department=f"E{n}")
            held = [
                (SessionStatus.HELD, datetime(year_started, month, 10, 9)) for month in (2, 3, 4)
            ]
            tandem(db, r, mentor, mentee, Plan(TandemStatus.COMPLETED, held),
                   date(year_started, 1, 2))  # fmt: skip
    shown = pdf_text(summary_pdf(db, lang="en", year=2025, made_on=MADE_ON))
    assert "Trend" in shown
    assert note not in shown


def test_a_hidden_rule_share_says_every_or_not_every_and_never_ticks_a_breach(
    demo: Database, db: Database
) -> None:
    year = year_of_running_round(demo)
    s = programme_summary(demo, year=year, today=MADE_ON)
    assert not s.rules.outside_reporting_line.shown and s.rules.line_kept is True
    text = pdf_text(summary_pdf(demo, lang="en", year=year, made_on=MADE_ON))
    assert "Every formed tandem pairs people outside each other's reporting line." in text
    assert "– of the formed tandems" not in text

    # Seven tandems; after the first was formed, its mentee moved to report to its mentor.
    r = new_round(db, "Spring", date(2026, 1, 5), date(2026, 6, 30))
    pairs = []
    for n in range(7):
        mentor = person(db, f"Mia{n}", "Mentor", Role.MENTOR, department=f"D{n}")
        mentee = person(db, f"Max{n}", "Mentee", Role.MENTEE, department=f"E{n}")
        tandem(db, r, mentor, mentee, Plan(TandemStatus.ACTIVE), date(2026, 1, 2))
        pairs.append((mentor, mentee))
    mentor, mentee = pairs[0]
    change_person(db, mentee, manager_id=mentor)
    s = programme_summary(db, round_id=r, today=MADE_ON)
    assert s.rules.line_kept is False and not s.rules.outside_reporting_line.shown
    for lang, sentence in (
        ("en", "Not every formed tandem pairs people outside each other's reporting line"),
        ("de", "Mindestens ein zustande gekommenes Tandem verbindet Personen aus derselben"),
    ):
        text = pdf_text(summary_pdf(db, lang=lang, round_id=r, made_on=MADE_ON))
        assert sentence in text
    assert "Every formed tandem pairs" not in pdf_text(
        summary_pdf(db, lang="en", round_id=r, made_on=MADE_ON)
    )


def test_nothing_is_said_about_the_rules_of_a_group_below_the_threshold(db: Database) -> None:
    # One tandem; after it formed, the mentee came to report to the mentor.
    r = new_round(db, "Spring", date(2026, 1, 5), date(2026, 6, 30))
    mentor = person(db, "Mia", "Mentor", Role.MENTOR, department="D")
    mentee = person(db, "Max", "Mentee", Role.MENTEE, department="E")
    tandem(db, r, mentor, mentee, Plan(TandemStatus.ACTIVE), date(2026, 1, 2))
    change_person(db, mentee, manager_id=mentor)
    s = programme_summary(db, round_id=r, today=MADE_ON)
    assert s.rules.line_kept is None and s.rules.consent_kept is None
    text = pdf_text(summary_pdf(db, lang="en", round_id=r, made_on=MADE_ON))
    assert "– of the formed tandems pair people outside each other's reporting line." in text
    assert "Not every" not in text and "Every formed tandem" not in text
