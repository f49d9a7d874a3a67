"""The command line when the disk or the file refuses: `import`, `demo` and `note add` on a
busy file, a read-only file, in a read-only folder and on a full disk each end with their
message in the chosen language, exit code 1, no traceback, and the file's bytes as they were.
Also: a file name that is not UTF-8, and a record number too large for the file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.cli import run
from app.db import open_database
from app.model import ParticipantInput, Role
from app.services import participants
from app.services.notes import NoteVault
from tests.conftest import (
    STORAGE_FAILURES,
    STORAGE_MESSAGES,
    held_by_another_program,
    storage_failure,
    unchanged,
)

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """`work/program.tandem`, new and empty (made by `init`)."""
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "program.tandem"
    assert run(["--db", str(path), "init"]) == 0
    return path


def ready_for_a_note(path: Path) -> None:
    """One participant for a note to belong to, and private notes set up, so that
    `note add` writes only the note."""
    db = open_database(path)
    participants.create_participant(
        db,
        ParticipantInput("Anna &", "<b>Lee</b>", role=Role.MENTOR, consent_date=date(2026, 1, 7)),
    )
    with NoteVault(db) as vault:
        vault.setup(PASSPHRASE)
    db.close()


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """A participant list of 300 people and the text of a long note: each needs new pages
    in the file, so that a full disk refuses them."""
    people = tmp_path / "mitarbeiter.csv"
    lines = ["Employee ID;First name;Last name;Email;Department;Program role"]
    lines += [
        f"E-{n:03};Łukasz {n};Dvořák-Şahin;person{n}@example.com;Sales;mentor" for n in range(300)
    ]
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("Wir haben über Prompting gesprochen. " * 600, encoding="utf-8")
    return {"people": people, "note": note}


def message(kind: str, language: str) -> str:
    return STORAGE_MESSAGES[kind][language].format(name="program.tandem")


COMMANDS = {
    "import": lambda i: ["import", str(i["people"])],
    "demo": lambda i: ["demo", "--participants", "60"],
    "note add": lambda i: [
        "note", "add", "--participant", "1", "--title", "Kick-off", "--text-file", str(i["note"])
    ],
}  # fmt: skip


@pytest.mark.parametrize("kind", STORAGE_FAILURES)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_explains_each_refusal_and_changes_nothing(
    program: Path,
    inputs: dict[str, Path],
    kind: str,
    command: str,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    if command == "note add":
        ready_for_a_note(program)
    before = program.read_bytes()
    with storage_failure(kind, program, request):
        code = run(["--db", str(program), *COMMANDS[command](inputs)])
    captured = capsys.readouterr()
    assert (code, captured.err, captured.out) == (1, message(kind, "en") + "\n", "")
    assert unchanged(program, before)


@pytest.mark.parametrize("kind", STORAGE_FAILURES)
def test_the_message_comes_in_german_with_lang_de(
    program: Path,
    inputs: dict[str, Path],
    kind: str,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = program.read_bytes()
    with storage_failure(kind, program, request):
        code = run(["--db", str(program), "--lang", "de", "import", str(inputs["people"])])
    assert (code, capsys.readouterr().err) == (1, message(kind, "de") + "\n")
    assert unchanged(program, before)


def _main_py(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TANDEM_LANG": "en"}
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip


def test_the_real_program_waits_for_a_busy_file_then_imports(
    program: Path, inputs: dict[str, Path]
) -> None:
    with held_by_another_program(program) as other:
        other.release_after(0.5)
        result = _main_py("--db", str(program), "import", str(inputs["people"]))
    assert result.returncode == 0, result.stderr
    assert "Imported: 300 added, 0 updated, 0 rejected." in result.stdout


def test_the_real_program_gives_up_on_a_file_that_stays_busy(
    program: Path, inputs: dict[str, Path]
) -> None:
    before = program.read_bytes()
    with held_by_another_program(program):
        result = _main_py("--db", str(program), "--lang", "de", "demo", "--participants", "60")
    assert (result.returncode, result.stderr, result.stdout) == (
        1,
        message("busy", "de") + "\n",
        "",
    )
    assert unchanged(program, before)


def test_init_with_a_file_name_that_is_not_utf8_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"Programm \xe4 2026.tandem")  # Latin-1 "ä" in a Linux file name
    path = tmp_path / name
    assert run(["--db", str(path), "init"]) == 0
    assert path.exists()
    assert capsys.readouterr().out == f"Created {tmp_path}/Programm \\udce4 2026.tandem.\n"


@pytest.mark.parametrize("number", ["99999999999999999999", "0", "-3", "zwölf"])
def test_a_record_number_the_file_cannot_hold_is_a_usage_error(
    program: Path, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["--db", str(program), "note", "list", f"--participant={number}"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.endswith(
        f"Error: argument --participant: “{number}” is not a record number. Give the number "
        "that the list shows (a whole number from 1 on).\n"
    )
    assert "Traceback" not in err
