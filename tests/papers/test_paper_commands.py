"""`pdf agenda`, `pdf certificates` and `pdf certificate` on the command line: the PDFs they
write, one file per person in a folder, exit codes 0/1/2, and an OUT that is replaced whole
or left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.cli import run
from tests.papers.conftest import HARD_NAME, MARKUP_NAME, Program
from tests.pdf_helpers import page_texts, pdf_metadata, pdf_text

ROOT = Path(__file__).resolve().parents[2]
HARD, MARKUP = " ".join(HARD_NAME), " ".join(MARKUP_NAME)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_LANG", "en")


def _run(db_path: Path, *args: object) -> int:
    return run(["--db", str(db_path), "pdf", *map(str, args)])


def test_agenda_of_a_meeting_and_of_a_tandem(
    db: Database, db_path: Path, program: Program, tmp_path: Path
) -> None:
    one, upcoming = tmp_path / "one.pdf", tmp_path / "upcoming.pdf"
    assert _run(db_path, "agenda", "--session", program.upcoming[0], one, "--lang", "de") == 0
    assert "Treffen 3 von 6" in pdf_text(one.read_bytes())
    assert pdf_metadata(one.read_bytes())["lang"] == "de"
    assert _run(db_path, "agenda", "--tandem", program.running, upcoming, "--anonymous") == 0
    data = upcoming.read_bytes()
    assert len(page_texts(data)) == 2 and "Zoë" not in pdf_text(data)


def test_agenda_into_a_folder_takes_the_suggested_name(
    db: Database, db_path: Path, program: Program, tmp_path: Path
) -> None:
    assert _run(db_path, "agenda", "--session", program.upcoming[0], tmp_path, "--lang", "de") == 0
    assert (tmp_path / "Gesprächsbogen Zoë Schäfer – Dagmar Özdemir, Treffen 3.pdf").is_file()


def test_certificates_in_one_pdf_or_a_file_each(
    db: Database, db_path: Path, program: Program, tmp_path: Path
) -> None:
    out = tmp_path / "all.pdf"
    assert _run(db_path, "certificates", "--round", program.round_id, out, "--landscape") == 0
    pages = page_texts(out.read_bytes())
    assert len(pages) == 2
    folder = tmp_path / "each"
    args = ["certificates", "--round", program.round_id, f"{folder}{os.sep}", "--lang", "de"]
    assert _run(db_path, *args, "--dissolved", "--no-topics") == 0
    names = sorted(p.name for p in folder.iterdir())
    assert f"Teilnahmebestätigung {HARD}.pdf" in names and len(names) == 4
    text = pdf_text((folder / f"Teilnahmebestätigung {HARD}.pdf").read_bytes())
    assert HARD in text and "KI" not in text


def test_one_certificate(db: Database, db_path: Path, program: Program, tmp_path: Path) -> None:
    out = tmp_path / "anna.pdf"
    assert (
        _run(
            db_path, "certificate", "--participant", program.anna, "--round", program.round_id, out
        )
        == 0
    )
    assert MARKUP in pdf_text(out.read_bytes()) and HARD not in pdf_text(out.read_bytes())


def test_errors_leave_the_old_file_and_exit_1(
    db: Database,
    db_path: Path,
    program: Program,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "kept.pdf"
    out.write_bytes(b"the old file")
    assert _run(db_path, "certificate", "--participant", program.zoe, "--round", program.round_id,
                out) == 1  # fmt: skip
    assert "Zoë Schäfer" in capsys.readouterr().err
    assert _run(db_path, "agenda", "--tandem", program.completed, out) == 1
    assert _run(db_path, "agenda", "--session", 9999, out) == 1
    assert _run(db_path, "certificates", "--round", 9999, out) == 1
    assert out.read_bytes() == b"the old file"
    assert _run(db_path, "agenda", "--session", program.upcoming[0], folder / "no" / "x.pdf") == 1
    assert sorted(p.name for p in folder.iterdir()) == ["kept.pdf"]


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "OUT.pdf"],
        ["agenda", "--session", "1", "--tandem", "1", "OUT.pdf"],
        ["certificates", "OUT.pdf"],
        ["certificate", "--round", "1", "OUT.pdf"],
        ["certificate", "--participant", "1", "--round", "1", "OUT.pdf", "--lang", "fr"],
    ],
)
def test_bad_usage_exits_2(db_path: Path, args: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        _run(db_path, *args)
    assert raised.value.code == 2


def test_the_real_program_writes_a_certificate(
    db: Database, db_path: Path, program: Program, tmp_path: Path
) -> None:
    out = tmp_path / "Łukasz.pdf"
    db.close()  # one program at a time holds the file: this test's connection lets go
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "pdf", "certificate",
         "--participant", str(program.lukasz), "--round", str(program.round_id), str(out),
         "--lang", "de"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "TANDEM_LANG": "en"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert "Teilnahmebestätigung" in pdf_text(out.read_bytes())
