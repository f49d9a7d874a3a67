"""The commands `erase`, `anonymise` and `retention`: exit codes, messages, JSON, and the
question asked in a terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.cli import run
from app.db import create_database, open_database
from app.services import common
from tests.helpers_erasure import leaks, program

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_LANG", "en")


@pytest.fixture
def program_file(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A closed program file with Eulalia's program; Bert left in 2023, Emil is alumni."""
    path = tmp_path / "program.tandem"
    db = create_database(path)
    ids = program(db)
    with db.atomic():
        db.execute(
            "UPDATE participants SET status = 'left', status_date = '2023-06-30' WHERE id = ?",
            [ids["bert"]],
        )
        db.execute(
            "UPDATE participants SET status = 'alumni', status_date = '2026-10-01' WHERE id = ?",
            [ids["emil"]],
        )
    db.close()
    return path, ids


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _names(path: Path) -> list[str]:
    db = open_database(path)
    try:
        from app.services.participants import list_participants

        return [p.name for p in list_participants(db)]
    finally:
        db.close()


def test_erase_removes_the_person_and_says_what_backups_keep(
    program_file: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = program_file
    code, out, err = _run(capsys, "--db", path, "erase", "--participant", ids["eulalia"])
    assert (code, err) == (0, "")
    placeholder = f"Anonymised participant {ids['eulalia']}"
    assert f"The person was erased. Their tandems now show “{placeholder}”." in out
    assert "up to 12 months" in out and "--compact" in out
    assert "Eulalia" not in out
    assert not any(name.startswith("Eulalia") for name in _names(path))
    code, out, err = _run(capsys, "--db", path, "list", "tandems")
    assert placeholder in out
    code, out, err = _run(capsys, "--db", path, "erase", "--participant", ids["eulalia"])
    assert code == 1 and out == ""
    assert "already erased" in err
    code, out, err = _run(
        capsys, "--lang", "de", "--db", path, "anonymise", "--participant", ids["eulalia"]
    )
    assert code == 1 and "bereits am" in err and "gelöscht" in err


def test_anonymise_with_json_and_compact_leaves_no_trace(
    program_file: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = program_file
    assert leaks(path)
    code, out, err = _run(
        capsys, "--db", path, "anonymise", "--participant", ids["eulalia"], "--compact", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["mode"] == "anonymise" and data["participant_id"] == ids["eulalia"]
    assert (data["notes"], data["tandems"], data["meetings"], data["reports"]) == (3, 2, 3, 1)
    assert data["compacted"]["bytes_after"] <= data["compacted"]["bytes_before"]
    assert date.fromisoformat(data["backups_hold_until"]) > date.today()
    assert leaks(path) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["erase", "--participant", "999"], 1, "Participant 999 does not exist."),
        (["erase", "--participant", "abc"], 2, "is not a record number"),
        (["anonymise", "--participant", "0"], 2, "is not a record number"),
        (["erase"], 2, "--participant"),
        (["retention", "--due", "--erase", "--anonymise"], 2, "not allowed with"),
        (["retention", "--erase"], 1, "Add --due"),
        (["retention", "--months", "0"], 1, "between 1 and 120"),
    ],
)
def test_wrong_requests_exit_with_a_message_and_change_nothing(
    program_file: tuple[Path, dict[str, int]],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    path, _ids = program_file
    before = path.read_bytes()
    try:
        got = run(["--db", str(path), *args])
    except SystemExit as stop:  # argparse ends bad usage itself
        got = int(stop.code or 0)
    assert got == code
    assert message in capsys.readouterr().err
    assert path.read_bytes() == before


def test_retention_lists_exactly_the_people_due_and_erases_them(
    program_file: tuple[Path, dict[str, int]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, ids = program_file
    monkeypatch.setattr(common, "today", lambda: date(2026, 12, 1))
    code, out, _ = _run(capsys, "--db", path, "retention", "--due", "--json")
    due = json.loads(out)
    assert code == 0 and due["months"] == 24
    # Bert left in mid-2023 after a round that ended on 30 Sep 2025: due 30 Sep 2027.
    assert due["due"] == []
    code, out, _ = _run(capsys, "--db", path, "retention", "--due", "--months", "12", "--json")
    due = json.loads(out)
    assert [(p["id"], p["due_on"]) for p in due["due"]] == [(ids["bert"], "2026-09-30")]
    code, out, _ = _run(capsys, "--db", path, "retention")
    assert "kept for 12 months" in out and "1 person is due." in out
    code, out, _ = _run(capsys, "--db", path, "retention", "--due")
    assert f"{ids['bert']:>6}  Bert Brandt (Left the company, since 30 Jun 2023" in out
    code, out, err = _run(capsys, "--db", path, "retention", "--due", "--erase", "--json")
    assert code == 0, err
    done = json.loads(out)
    assert [r["participant_id"] for r in done["results"]] == [ids["bert"]]
    assert "Bert Brandt" not in _names(path)
    code, out, _ = _run(capsys, "--db", path, "retention", "--due", "--anonymise")
    assert code == 0 and "Nobody is due." in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "done"), [("no\n", False), ("\n", False), ("ja\n", True)])
def test_in_a_terminal_the_command_asks_first(
    program_file: tuple[Path, dict[str, int]],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    done: bool,
) -> None:
    path, ids = program_file
    before = path.read_bytes()
    keyboard, screen = _Terminal(answer), _Terminal()
    monkeypatch.setattr(sys, "stdin", keyboard)
    monkeypatch.setattr(sys, "stderr", screen)
    code = run(["--db", str(path), "erase", "--participant", str(ids["eulalia"])])
    shown = screen.getvalue()
    assert "Erase Eulalia-Ŋgozi Wrzesińska-Quaglio?" in shown
    assert "This cannot be undone." in shown and "Round 2026 – Carla Conti" in shown
    assert code == (0 if done else 1)
    assert (path.read_bytes() != before) == done


def test_the_real_program_erases_with_exit_code_0(
    program_file: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    path, ids = program_file
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TANDEM_LANG": "en",
           "TANDEM_HOME": str(tmp_path / "home")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(path), "erase", "--participant",
         str(ids["eulalia"]), "--compact"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "The file was compacted" in result.stdout
    assert leaks(path) == []
