"""The tandem agreement, read back from real PDFs: the right people and figures of a demo
tandem, both languages complete and different whatever the window speaks, the hardest names
exactly as typed, HR's clause text, the reporting-line rule checked, no private note, and the
`pdf agreement` command writing its file atomically."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.cli import run
from app.db import open_database
from app.documents.agreement import agreement_filename, agreement_pdf, split_goals
from app.errors import ConflictError, NotFoundError
from app.labels import topic_label
from app.model import SessionStatus, TandemStatus
from app.services import participants, rounds, sessions, settings, tandems
from tests.pdf_helpers import (
    LONG_FIRST,
    LONG_GOAL,
    LONG_LAST,
    assert_no_canary_in_pdf,
    flat,
    hard_names_program,
    inked_share_per_page,
    make_canary_demo_file,
    page_texts,
    pdf_metadata,
    pdf_text,
)

MADE_ON = date(2026, 11, 23)
SECTION_TITLES = {
    "en": ["Tandem agreement", "Round and meetings", "Focus and goals", "What we agree",
           "Signatures", "Place, date", "For HR"],
    "de": ["Tandem-Vereinbarung", "Programmrunde und Treffen", "Schwerpunkte und Ziele",
           "Was wir vereinbaren", "Unterschriften", "Ort, Datum", "Für die Personalabteilung"],
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo file with a canary in a private note on every person, tandem and meeting."""
    return make_canary_demo_file(tmp_path_factory.mktemp("demo") / "demo.tandem")


@pytest.fixture
def demo(demo_master: Path, tmp_path: Path) -> Iterator[Database]:
    """A fresh copy of the demo file for one test."""
    path = tmp_path / "demo.tandem"
    shutil.copyfile(demo_master, path)
    db = open_database(path)
    yield db
    db.close()


def _active_tandem(db: Database) -> int:
    return next(t.id for t in tandems.list_tandems(db) if t.status == TandemStatus.ACTIVE)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_demo_tandems_agreement_prints_its_people_plan_goals_and_clauses(
    demo: Database, tmp_path: Path, lang: str
) -> None:
    i18n.set_language("en" if lang == "de" else "de")  # the window speaks the other language
    t = i18n.translator(lang)
    tandem_id = _active_tandem(demo)
    tandem = tandems.get_tandem(demo, tandem_id)
    mentor = participants.get_participant(demo, tandem.mentor_id)
    mentee = participants.get_participant(demo, tandem.mentee_id)
    rnd = rounds.get_round(demo, tandem.round_id)
    meetings = [
        s for s in sessions.list_sessions(demo, tandem_id=tandem_id)
        if s.status != SessionStatus.CANCELLED
    ]  # fmt: skip

    data = agreement_pdf(demo, tandem_id, lang=lang, made_on=MADE_ON)

    pages = page_texts(data)
    text = pdf_text(data)
    for person in (mentor, mentee):
        assert person.name in text and person.position in text and person.department in text
    assert rnd.name in text
    assert f"{t.format_date_long(rnd.start_date)} – {t.format_date_long(rnd.end_date)}" in text
    low, high = min(m.duration_minutes for m in meetings), max(m.duration_minutes for m in meetings)
    assert low < high  # this demo tandem's meetings differ in length
    if lang == "de":
        plan = f"{rnd.meetings_planned} Treffen zu {low} bis {high} Minuten, alle {rnd.cadence_weeks} Wochen"
        check = "Keiner der beiden steht in der Berichtslinie des anderen (geprüft am 23. November 2026)."
        books = f"{mentee.name} (Mentee) lädt zu den Treffen ein."
    else:
        plan = f"{rnd.meetings_planned} meetings of {low} to {high} minutes, every {rnd.cadence_weeks} weeks"
        check = "Neither partner is in the other’s reporting line (checked on 23 November 2026)."
        books = f"{mentee.name} (the mentee) books the meetings."
    assert plan in text and check in text and books in text
    assert meetings[0].location in text
    mentee_goals, mentor_goals = split_goals(tandem.goals)
    assert mentee_goals and mentor_goals
    for goal in (*mentee_goals, *mentor_goals):
        assert flat(goal) in text
    for topic in tandem.focus_topics:
        assert topic_label(topic, t) in text
    for clause in settings.agreement_clauses(demo, lang):
        assert clause.heading in text
    for number, page in enumerate(pages, start=1):
        word = "Seite {} von {}" if lang == "de" else "Page {} of {}"
        assert word.format(number, len(pages)) in page
    assert_no_canary_in_pdf(data)
    meta = pdf_metadata(data)
    assert meta["lang"] == lang and meta["author"] == "Lindenhof Technik GmbH"
    assert meta["title"] == f"{SECTION_TITLES[lang][0]} {mentor.last_name} – {mentee.last_name}"
    shares = inked_share_per_page(data, tmp_path)
    if shares is not None:
        assert len(shares) == len(pages) and min(shares) > 0.01


def test_german_and_english_are_each_complete_and_different(demo: Database) -> None:
    tandem_id = _active_tandem(demo)
    texts = {lang: pdf_text(agreement_pdf(demo, tandem_id, lang=lang)) for lang in ("de", "en")}
    clauses = {lang: settings.agreement_clauses(demo, lang) for lang in ("de", "en")}
    for lang, other in (("de", "en"), ("en", "de")):
        for title in SECTION_TITLES[lang]:
            assert title in texts[lang], (lang, title)
        for title in SECTION_TITLES[other][1:]:
            assert title not in texts[lang], (lang, title)
        for clause in clauses[lang]:
            assert clause.heading in texts[lang]
            for paragraph in clause.paragraphs:
                words = paragraph.removeprefix("- ").split()[:6]
                assert " ".join(words) in texts[lang] or "{" in " ".join(words), paragraph
        for clause in clauses[other]:
            assert clause.heading not in texts[lang]
    assert i18n.language() == "en"  # making documents never switched the window's language


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_hardest_names_and_a_long_goal_print_exactly_as_typed(
    db: Database, tmp_path: Path, lang: str
) -> None:
    ids = hard_names_program(db)
    settings.update_settings(db, {"signature_place": "Łódź & <Umgebung>"})
    hard = agreement_pdf(db, ids["hard"], lang=lang)
    text = pdf_text(hard)
    for expected in ("Łukasz Dvořák-Şahin", "Anna & <b>Lee</b>", "Auszubildende <IT>",
                     "Digital & Data", "KI-Werkzeuge sicher nutzen & <b>nicht</b> fürchten.",
                     "Einblick in Entscheidungen der Geschäftsleitung gewinnen.",
                     "Runde „Frühjahr“ 2026", "Łódź & <Umgebung>"):  # fmt: skip
        assert expected in text, expected
    # The signature block stays together, with the last clause, on the last page.
    last = flat(page_texts(hard)[-1])
    assert last.count("Ort, Datum" if lang == "de" else "Place, date") == 3
    assert "Łukasz Dvořák-Şahin" in last and "Anna & <b>Lee</b>" in last
    assert settings.agreement_clauses(db, lang)[-1].heading in last

    name = f"{LONG_FIRST} {LONG_LAST}"
    assert len(name) == 50 and len(LONG_GOAL) >= 400
    long = pdf_text(agreement_pdf(db, ids["long"], lang=lang))
    assert name in long and flat(LONG_GOAL) in long and "Teams sicher nutzen." in long
    assert agreement_filename(db, ids["hard"], lang=lang) == (
        "Tandem-Vereinbarung Dvořák-Şahin – b Lee b.pdf"
        if lang == "de"
        else "Tandem agreement Dvořák-Şahin – b Lee b.pdf"
    )


def test_hr_s_edited_clauses_are_printed_and_reset_brings_back_ours(db: Database) -> None:
    ids = hard_names_program(db)
    settings.update_settings(db, {"hr_contact_name": "Sabine Kraus"})
    settings.set_agreement_clauses(
        db,
        "de",
        "## Unsere eigene Klausel\nWir melden uns bei {hr_contact} & <b>nur</b> dort.\n\n"
        "## Spielregeln [Kasten]\n- Pünktlich sein\n",
    )
    german = pdf_text(agreement_pdf(db, ids["hard"], lang="de"))
    assert "Unsere eigene Klausel" in german and "Spielregeln" in german
    assert "Wir melden uns bei Sabine Kraus (Personalabteilung) & <b>nur</b> dort." in german
    assert "Pünktlich sein" in german and "Freiwillige Teilnahme" not in german
    english = pdf_text(agreement_pdf(db, ids["hard"], lang="en"))
    assert "Voluntary participation" in english and "Unsere eigene Klausel" not in english
    assert "telling Sabine Kraus (HR)" in english
    settings.reset_agreement_clauses(db, "de")
    again = pdf_text(agreement_pdf(db, ids["hard"], lang="de"))
    assert "Freiwillige Teilnahme" in again and "Unsere eigene Klausel" not in again


def test_a_pair_in_one_reporting_line_gets_no_agreement(db: Database, tmp_path: Path) -> None:
    """The rule is checked when the agreement is made, not only when the pair was formed: a
    manager change since then makes the agreement refuse, naming the reason."""
    ids = hard_names_program(db)
    mentee = participants.get_participant(db, ids["markup_mentee"])
    mentor = participants.get_participant(db, ids["hard_mentor"])
    participants.update_participant(db, mentor.id, replace(mentor.as_input(), manager_id=mentee.id))
    with pytest.raises(ConflictError) as caught:
        agreement_pdf(db, ids["hard"], lang="de")
    assert "Łukasz Dvořák-Şahin" in caught.value.message
    assert "reports directly to Anna & <b>Lee</b>" in caught.value.message
    assert agreement_pdf(db, ids["long"], lang="de")  # the other tandem is unaffected
    with pytest.raises(NotFoundError):
        agreement_pdf(db, 999, lang="de")


def test_split_goals_tells_the_mentors_from_the_mentees() -> None:
    text = "- Use AI tools\n\n2. Mentee: Try Teams\nMentor: learn strategy\nMentor(in): Netzwerk"
    assert split_goals(text) == (["Use AI tools", "Try Teams"], ["Learn strategy", "Netzwerk"])
    assert split_goals("") == ([], [])


# --- the command line -------------------------------------------------------------------------


def test_pdf_agreement_command_writes_the_file_in_the_language_asked(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(db_path)
    ids = hard_names_program(db)
    db.close()
    out = tmp_path / "out" / "Vereinbarung.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old content")
    code = run(["--db", str(db_path), "pdf", "agreement", "--tandem", str(ids["hard"]),
                str(out), "--lang", "de"])  # fmt: skip
    assert code == 0
    assert "Tandem-Vereinbarung" in pdf_text(out.read_bytes()) and "Anna & <b>Lee</b>" in pdf_text(
        out.read_bytes()
    )
    assert str(out) in capsys.readouterr().out
    # An existing folder as OUT: the suggested name in the document's language.
    code = run(["--db", str(db_path), "--lang", "en", "pdf", "agreement", "--tandem",
                str(ids["long"]), str(out.parent)])  # fmt: skip
    assert code == 0
    written = out.parent / "Tandem agreement Ng – von Hohenberg-Ried.pdf"
    assert "Round and meetings" in pdf_text(written.read_bytes())
    assert sorted(p.name for p in out.parent.iterdir()) == [written.name, out.name]


def test_pdf_agreement_command_refuses_cleanly(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(db_path)
    ids = hard_names_program(db)
    db.close()
    base = ["--db", str(db_path), "pdf", "agreement"]
    for usage in ([*base, str(tmp_path / "a.pdf")], ["--db", str(db_path), "pdf"]):
        with pytest.raises(SystemExit) as caught:  # --tandem or the document missing
            run(usage)
        assert caught.value.code == 2
    capsys.readouterr()
    assert run([*base, "--tandem", "999", str(tmp_path / "a.pdf")]) == 1
    assert "Tandem 999 does not exist." in capsys.readouterr().err
    assert run([*base, "--tandem", str(ids["hard"]), str(tmp_path / "no" / "a.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import app.files

    db = open_database(db_path)
    ids = hard_names_program(db)
    db.close()
    out = tmp_path / "agreement.pdf"
    out.write_bytes(b"%PDF- the old agreement")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app.files.os, "replace", disk_full)
    code = run(["--db", str(db_path), "pdf", "agreement", "--tandem", str(ids["hard"]), str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "agreement.pdf" in err and "disk is full" in err.lower()
    assert out.read_bytes() == b"%PDF- the old agreement"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("program.")] == [
        "agreement.pdf"
    ]
