"""Numbers and counts follow the language without babel: 1.234,5 in German, 1,234.5 in
English, in the formatters and in what the command line prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app import i18n
from app.cli import run


def test_numbers_in_both_languages() -> None:
    german, english = i18n.translator("de"), i18n.translator("en")
    assert german.format_number(1234.5, 1) == "1.234,5"
    assert english.format_number(1234.5, 1) == "1,234.5"
    assert german.format_number(-1234567.891, 2) == "-1.234.567,89"
    assert english.format_number(-1234567.891, 2) == "-1,234,567.89"
    assert german.format_number(999) == "999" and english.format_number(0.25, 2) == "0.25"
    assert (german.format_percent(0.456), english.format_percent(0.456)) == ("46 %", "46%")
    i18n.set_language("de")
    assert i18n.format_number(2.5, 1) == "2,5"
    i18n.set_language("en")
    assert i18n.format_number(2.5, 1) == "2.5"


def test_counts_in_plural_texts_get_the_languages_thousands_separator() -> None:
    german, english = i18n.translator("de"), i18n.translator("en")
    assert german.trn("{n} tandem", "{n} tandems", 2000) == "2.000 Tandems"
    assert english.trn("{n} tandem", "{n} tandems", 2000) == "2,000 tandems"
    assert english.trn("{n} tandem", "{n} tandems", 1) == "1 tandem"
    assert german.trn("every {n} week", "every {n} weeks", 4) == "im Abstand von 4 Wochen"


def test_dates_in_both_languages() -> None:
    german, english = i18n.translator("de"), i18n.translator("en")
    day = date(2026, 8, 31)
    assert (german.format_date(day), english.format_date(day)) == ("31.08.2026", "31 Aug 2026")
    assert german.format_date_long(day) == "31. August 2026"
    assert english.format_date_long(day) == "31 August 2026"


def _people_list(folder: Path, count: int) -> Path:
    rows = "".join(f"{i};Vor{i};Nach{i};p{i}@example.com\r\n" for i in range(1, count + 1))
    path = folder / "people.csv"
    path.write_text("Personalnummer;Vorname;Nachname;E-Mail\r\n" + rows, encoding="utf-8")
    return path


def test_the_command_line_counts_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "big.tandem"
    assert run(["--db", str(program), "init"]) == 0
    assert (
        run(["--lang", "de", "--db", str(program), "import", str(_people_list(tmp_path, 1234))])
        == 0
    )
    imported = capsys.readouterr().out
    assert "Importiert: 1.234 hinzugefügt, 0 aktualisiert, 0 abgelehnt." in imported
    assert run(["--lang", "de", "--db", str(program), "stats"]) == 0
    assert "Teilnehmende: 1.234" in capsys.readouterr().out.splitlines()
    assert run(["--lang", "en", "--db", str(program), "stats"]) == 0
    assert "Participants: 1,234" in capsys.readouterr().out.splitlines()
