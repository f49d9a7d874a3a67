"""`pdf person`, `pdf works-council` and `pdf factsheet` on the command line: the files they
write (suggested names in a folder), the JSON copy, notes only with the passphrase, and exit
codes 0 / 1 / 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.cli import run
from tests.pdf_helpers import CANARY, HARD_FIRST, HARD_LAST, pdf_metadata, pdf_text
from tests.reports.conftest import HardProgram

HARD = f"{HARD_FIRST} {HARD_LAST}"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_LANG", "en")
    monkeypatch.delenv("TANDEM_PASSPHRASE", raising=False)


def _run(db_path: Path, *args: object) -> int:
    return run(["--db", str(db_path), "pdf", *map(str, args)])


def test_person_export_and_its_json_copy_into_a_folder(
    db: Database, db_path: Path, hard: HardProgram, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = ["person", "--participant", hard.lukasz, "--json", out, out, "--lang", "de"]
    assert _run(db_path, *args) == 0
    pdf = out / f"Datenauskunft {HARD}.pdf"
    copy = json.loads((out / f"Datenauskunft {HARD}.json").read_text(encoding="utf-8"))
    assert HARD in pdf_text(pdf.read_bytes()) and pdf_metadata(pdf.read_bytes())["lang"] == "de"
    assert copy["participant"]["last_name"] == HARD_LAST
    assert CANARY not in pdf_text(pdf.read_bytes()) and copy["notes_content_included"] is False


def test_notes_need_the_passphrase(
    db: Database,
    db_path: Path,
    hard: HardProgram,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, copy = tmp_path / "export.pdf", tmp_path / "export.json"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    args = ["person", "--participant", hard.lukasz, "--with-notes", "--json", copy, out]
    assert _run(db_path, *args) == 1
    assert "TANDEM_PASSPHRASE" in capsys.readouterr().err
    assert not out.exists() and not copy.exists()

    monkeypatch.setenv("TANDEM_PASSPHRASE", "not the passphrase")
    assert _run(db_path, *args) == 1
    assert not out.exists()

    monkeypatch.setenv("TANDEM_PASSPHRASE", hard.passphrase)
    assert _run(db_path, *args) == 0
    assert CANARY in pdf_text(out.read_bytes())
    assert CANARY in copy.read_text(encoding="utf-8")


def test_works_council_sheet_and_factsheet(db_path: Path, tmp_path: Path) -> None:
    assert _run(db_path, "works-council", tmp_path, "--lang", "de") == 0
    sheet = tmp_path / "Verfahrensbeschreibung Reverse Mentoring.pdf"
    assert "Verfahrensbeschreibung" in pdf_text(sheet.read_bytes())
    factsheet = tmp_path / "facts.pdf"
    text = "Machen Sie mit & lernen Sie <mehr>."
    assert _run(db_path, "factsheet", "--year", 2026, "--text", text, factsheet) == 0
    assert text in pdf_text(factsheet.read_bytes())
    assert pdf_metadata(factsheet.read_bytes())["lang"] == "en"


def test_bad_usage_and_unknown_records(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    for args in (["factsheet", out], ["person", "--participant", "abc", out], ["person", out]):
        with pytest.raises(SystemExit) as raised:
            _run(db_path, *args)
        assert raised.value.code == 2
    assert _run(db_path, "person", "--participant", 4711, out) == 1
    assert "4711" in capsys.readouterr().err
    assert _run(db_path, "factsheet", "--year", 12, out) == 1
    assert not out.exists()
