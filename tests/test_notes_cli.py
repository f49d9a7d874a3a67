"""The `note` command: passphrase sources, set-up on first use, errors as exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run
from app.db import open_database
from app.services import notes
from tests.helpers.notes import PASSPHRASE, make_vault, seed

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def program(db_path: Path) -> Path:
    db = open_database(db_path)
    seed(db)
    db.close()
    return db_path


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "text.txt"
    path.write_text("\ufeffErste Zeile\nZweite Zeile: Ł ř Ş\n", encoding="utf-8")  # with a BOM
    return path


def cli(capsys: pytest.CaptureFixture[str], program: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(program), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_first_add_sets_up_and_shows_a_working_recovery_key(
    program: Path,
    text_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    code, out, err = cli(
        capsys, program, "note", "add", "--participant", "2", "--title", "Erstgespräch",
        "--text-file", str(text_file), "--date", "2026-02-03",
    )  # fmt: skip
    assert code == 0, err
    assert "recovery key" in out and "nobody can read the notes" in out
    recovery = next(line.strip() for line in out.splitlines() if line.count("-") == 7)
    # A second note does not set up again and prints no recovery key.
    code, out, _ = cli(
        capsys,
        program,
        "note",
        "add",
        "--session",
        "2",
        "--title",
        "Zweite",
        "--text-file",
        str(text_file),
    )
    assert code == 0 and "recovery" not in out
    db = open_database(program)
    try:
        vault = make_vault(db)
        vault.unlock_with_recovery_key(recovery)
        notes_by_title = {n.title: n for n in vault.list_notes()}
        first = notes_by_title["Erstgespräch"]
        assert (
            first.text == "Erste Zeile\nZweite Zeile: Ł ř Ş"
            and str(first.note_date) == "2026-02-03"
        )
        assert (first.owner_kind, first.owner_id) == ("participant", 2)
    finally:
        db.close()


def test_list_shows_content_only_with_the_passphrase(
    program: Path,
    text_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    cli(
        capsys,
        program,
        "note",
        "add",
        "--tandem",
        "1",
        "--title",
        "Vereinbarung",
        "--text-file",
        str(text_file),
    )
    code, out, _ = cli(capsys, program, "note", "list", "--tandem", "1", "--json")
    [row] = json.loads(out)
    assert code == 0 and row["locked"] is False and row["title"] == "Vereinbarung"
    assert row["owner_kind"] == "tandem" and row["owner_id"] == 1 and row["damaged"] is False
    code, out, _ = cli(capsys, program, "--lang", "de", "note", "list")
    assert "Tandem 1" in out and "Vereinbarung" in out and "Zweite Zeile" in out
    monkeypatch.delenv("TANDEM_PASSPHRASE")
    code, out, _ = cli(capsys, program, "note", "list", "--tandem", "1", "--json")
    [row] = json.loads(out)
    assert row["locked"] is True and "title" not in row
    code, out, _ = cli(capsys, program, "--lang", "de", "note", "list", "--participant", "2")
    assert code == 0 and out.strip() == "Keine vertraulichen Notizen."


def test_no_terminal_and_no_environment_is_a_clear_error(
    program: Path,
    text_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TANDEM_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        str(text_file),
    )
    assert code == 1 and "TANDEM_PASSPHRASE" in err and out == ""
    code, _, err = cli(capsys, program, "note", "list", "--unlock")
    assert code == 1 and "TANDEM_PASSPHRASE" in err
    db = open_database(program)
    assert not notes.is_set_up(db) and notes.list_note_infos(db) == []
    db.close()


def test_the_passphrase_is_asked_on_a_terminal_twice_for_setup(
    program: Path,
    text_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.cli import notes as cli_notes

    monkeypatch.delenv("TANDEM_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    answers = iter([PASSPHRASE, "something else entirely"])
    monkeypatch.setattr(cli_notes.getpass, "getpass", lambda prompt: next(answers))
    code, _, err = cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        str(text_file),
    )
    assert code == 1 and "not the same" in err
    answers = iter([PASSPHRASE, PASSPHRASE, PASSPHRASE])
    code, out, err = cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        str(text_file),
    )
    assert code == 0, err
    code, out, _ = cli(capsys, program, "note", "list", "--unlock", "--json")
    assert json.loads(out)[0]["title"] == "x"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--participant", "99", "--title", "x"], "Participant 99 does not exist."),
        (["--session", "99", "--title", "x"], "Meeting 99 does not exist."),
        (["--participant", "2", "--title", "   "], "Please give the note a title."),
        (["--participant", "2", "--title", "x", "--date", "3.2.2026"], "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_a_user_error_and_writes_nothing(
    program: Path, text_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    args: list[str], message: str,
) -> None:  # fmt: skip
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    code, _, err = cli(capsys, program, "note", "add", *args, "--text-file", str(text_file))
    assert code == 1 and message in err
    db = open_database(program)
    assert notes.list_note_infos(db) == []
    db.close()


def test_missing_text_file_and_short_passphrase(
    program: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    code, _, err = cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        str(tmp_path / "nope.txt"),
    )
    assert code == 1 and "does not exist" in err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Größe".encode("latin-1"))
    code, _, err = cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        str(latin1),
    )
    assert code == 1 and "UTF-8" in err
    monkeypatch.setenv("TANDEM_PASSPHRASE", "kurz")
    code, _, err = cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        str(latin1),
    )
    assert code == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO("aus der Standardeingabe"))
    code, _, err = cli(
        capsys,
        program,
        "--lang",
        "de",
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "x",
        "--text-file",
        "-",
    )
    assert code == 1 and "mindestens 8 Zeichen" in err


def test_wrong_passphrase_exits_1_and_delete_works(
    program: Path,
    text_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(notes.time, "sleep", sleeps.append)
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    cli(
        capsys,
        program,
        "note",
        "add",
        "--participant",
        "2",
        "--title",
        "weg",
        "--text-file",
        str(text_file),
    )
    monkeypatch.setenv("TANDEM_PASSPHRASE", "nicht die richtige")
    code, _, err = cli(capsys, program, "note", "delete", "1")
    assert code == 1 and "does not open" in err and sleeps == [1.0]
    monkeypatch.setenv("TANDEM_PASSPHRASE", PASSPHRASE)
    assert cli(capsys, program, "note", "delete", "1")[0] == 0
    code, _, err = cli(capsys, program, "note", "delete", "1")
    assert code == 1 and "does not exist" in err


def test_main_py_end_to_end_in_a_real_process(
    program: Path, text_file: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "TANDEM_PASSPHRASE": PASSPHRASE, "TANDEM_HOME": str(tmp_path / "home")}
    main = [sys.executable, str(ROOT / "main.py"), "--db", str(program)]
    added = subprocess.run(
        [*main, "note", "add", "--participant", "2", "--title", "Prozess", "--text-file", str(text_file)],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr.decode()
    env.pop("TANDEM_PASSPHRASE")
    listed = subprocess.run(
        [*main, "note", "list", "--participant", "2", "--json"], capture_output=True, env=env, timeout=60,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert listed.returncode == 0
    assert json.loads(listed.stdout.decode("utf-8"))[0]["locked"] is True
    assert b"Prozess" not in listed.stdout + listed.stderr
