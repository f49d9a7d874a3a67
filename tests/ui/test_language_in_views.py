"""The window's counts, dates and date fields follow the language: "1.234 Teilnehmende" and
31.08.2026 in German, "1,234 participants" and 31 Aug 2026 in English (date fields:
2026-08-31, typed as digits)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateTimeEdit

from app import i18n, user_prefs
from app.cli import run
from app.services.rounds import list_rounds
from tests.ui.conftest import make_window
from ui.form_fields import date_edit, from_qdate


@pytest.fixture
def many_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A program file with 1,234 participants, imported by the command line."""
    rows = "".join(f"{i};Vor{i};Nach{i}\r\n" for i in range(1, 1235))
    people = tmp_path / "people.csv"
    people.write_text("Personalnummer;Vorname;Nachname\r\n" + rows, encoding="utf-8")
    program = tmp_path / "many.tandem"
    assert run(["--db", str(program), "init"]) == 0
    assert run(["--lang", "en", "--db", str(program), "import", str(people)]) == 0
    assert run(["--lang", "en", "--db", str(program), "round", "add", "--name", "Autumn",
                "--start", "2026-08-31", "--end", "2027-02-26"]) == 0  # fmt: skip
    capsys.readouterr()
    return program


@pytest.mark.parametrize(
    ("lang", "count", "start", "status"),
    [
        ("de", "1.234 Teilnehmende", "31.08.2026", "1.234 Teilnehmende"),
        ("en", "1,234 participants", "31 Aug 2026", "1,234 participants"),
    ],
)
def test_counts_and_dates_in_the_views(
    qtbot, many_people: Path, contexts, lang: str, count: str, start: str, status: str
) -> None:
    user_prefs.set_language(lang)
    i18n.set_language(lang)
    user_prefs.put("last_view", "participants")
    window = make_window(qtbot, None, contexts)
    with qtbot.waitSignal(window.ready, timeout=20_000):
        assert window.open_path(many_people)
    people = window.show_view("participants")
    qtbot.waitUntil(people.settled, timeout=20_000)
    assert people.count_label.text() == count
    assert window.status_label.text().startswith(status)
    rounds = window.show_view("rounds")
    qtbot.waitUntil(rounds.settled, timeout=20_000)
    model = rounds.table.model()
    cells = [
        model.index(0, column).data(Qt.ItemDataRole.DisplayRole)
        for column in range(model.columnCount())
    ]
    assert any(start in str(cell) for cell in cells), cells
    assert list_rounds(window.context.db)[0].start_date == date(2026, 8, 31)


@pytest.mark.parametrize(("lang", "shown"), [("de", "31.08.2026"), ("en", "2026-08-31")])
def test_date_fields_show_the_languages_dates_and_step_by_month(
    qtbot, lang: str, shown: str
) -> None:
    i18n.set_language(lang)
    edit = date_edit(date(2026, 8, 31))
    qtbot.addWidget(edit)
    assert edit.text() == shown
    assert edit.calendarWidget().locale().language() == (
        QLocale.Language.German if lang == "de" else QLocale.Language.English
    )
    edit.setSelectedSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert from_qdate(edit.date()) == date(2026, 9, 30)
    edit.setDate(QDate(2027, 3, 1))
    assert edit.text() == ("01.03.2027" if lang == "de" else "2027-03-01")
