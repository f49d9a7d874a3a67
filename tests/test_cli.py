"""The command line that scripts and tests rely on: `python main.py --db FILE COMMAND`.

Each behaviour is checked in-process (`app.cli.run`) and the contract of the real program
(exit codes, stdout JSON, stderr messages) through `subprocess` from the repository root.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run

ROOT = Path(__file__).resolve().parent.parent
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
STATS_KEYS = {
    "participants",
    "mentors",
    "mentees",
    "rounds",
    "tandems",
    "sessions_planned",
    "sessions_held",
    "sessions_cancelled",
    "notes",
}


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English unless a test passes --lang (whatever the machine's locale)."""
    monkeypatch.setenv("TANDEM_LANG", "en")


def main_py(*args: str | Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real program as a user's script would (English unless --lang is given)."""
    env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "QT_QPA_PLATFORM": "offscreen",
        "TANDEM_LANG": "en",
    }
    if home is not None:
        env["TANDEM_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo file made by the real commands, shared by the read-only tests."""
    path = tmp_path_factory.mktemp("cli") / "demo.tandem"
    home = tmp_path_factory.mktemp("home")
    assert main_py("--db", path, "init", home=home).returncode == 0
    result = main_py("--db", path, "demo", home=home)
    assert result.returncode == 0, result.stderr
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> object:
    assert run(list(map(str, args))) == 0
    return json.loads(capsys.readouterr().out)


# --- init and demo -----------------------------------------------------------------------


def test_init_creates_and_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "new.tandem"
    created = main_py("--db", path, "init")
    assert created.returncode == 0 and path.is_file()
    assert "new.tandem" in created.stdout
    before = path.read_bytes()
    again = main_py("--db", path, "init")
    assert again.returncode == 1
    assert "already exists" in again.stderr and again.stdout == ""
    assert path.read_bytes() == before


def test_init_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no such folder" / "x.tandem"
    assert run(["--db", str(target), "init"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not target.parent.exists()


def test_demo_fills_an_empty_file_and_prints_a_summary(demo_file: Path) -> None:
    stats = json.loads(main_py("--db", demo_file, "stats", "--json").stdout)
    assert stats["participants"] == 120 and stats["rounds"] == 2 and stats["tandems"] == 14


def test_demo_in_process_with_size_and_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "small.tandem"
    assert run(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    assert run(["--db", str(path), "demo", "--participants", "80", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "80 participants" in out and "8 departments, 2 rounds" in out
    assert "passphrase “demo”" in out
    assert _json(capsys, "--db", path, "stats", "--json")["participants"] == 80


def test_demo_refuses_a_file_with_data(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    result = main_py("--db", demo_file, "demo")
    assert result.returncode == 1
    assert "already holds participants" in result.stderr
    assert demo_file.read_bytes() == before
    german = main_py("--lang", "de", "--db", demo_file, "demo")
    assert german.returncode == 1 and "enthält bereits Teilnehmende" in german.stderr


def test_demo_with_a_size_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.tandem"
    run(["--db", str(path), "init"])
    assert run(["--db", str(path), "demo", "--participants", "3"]) == 1
    assert "between 60 and 20000" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        run(["--db", str(path), "demo", "--participants", "many"])
    assert caught.value.code == 2
    assert "--participants" in capsys.readouterr().err


# --- stats and list ----------------------------------------------------------------------


def test_stats_json_has_exactly_the_promised_keys(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = _json(capsys, "--db", demo_file, "stats", "--json")
    assert set(stats) == STATS_KEYS
    assert all(isinstance(v, int) for v in stats.values())
    assert stats["mentors"] > 0 and stats["mentees"] > 0 and stats["sessions_held"] > 0
    assert stats["sessions_planned"] > 0 and stats["sessions_cancelled"] > 0


def test_stats_as_text_in_both_languages(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(demo_file), "stats"]) == 0
    assert "Participants: 120" in capsys.readouterr().out
    assert run(["--lang", "de", "--db", str(demo_file), "stats"]) == 0
    assert "Teilnehmende: 120" in capsys.readouterr().out


def test_stats_of_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.tandem"
    run(["--db", str(path), "init"])
    capsys.readouterr()
    stats = _json(capsys, "--db", path, "stats", "--json")
    assert stats == dict.fromkeys(STATS_KEYS, 0)


def test_list_participants_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--db", demo_file, "list", "participants", "--json")
    assert len(rows) == 120
    ids = {row["id"] for row in rows}
    for row in rows:
        assert {"id", "name", "email", "department", "role", "manager_id"} <= set(row)
        assert isinstance(row["id"], int) and row["role"] in ("mentor", "mentee", "both")
        assert row["manager_id"] is None or row["manager_id"] in ids
        assert "@" in row["email"] and row["department"]
    names = {row["name"] for row in rows}
    assert "Łukasz Dvořák-Şahin" in names and "Ольга Кузнецова" in names
    assert sum(1 for row in rows if row["manager_id"] is None) == 1


def test_list_rounds_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--db", demo_file, "list", "rounds", "--json")
    assert len(rows) == 2
    for row in rows:
        assert {"id", "name", "start", "end"} <= set(row)
        assert ISO_DATE.match(row["start"]) and ISO_DATE.match(row["end"])
        assert row["start"] <= row["end"]


def test_list_tandems_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rounds = {r["id"] for r in _json(capsys, "--db", demo_file, "list", "rounds", "--json")}
    people = {p["id"] for p in _json(capsys, "--db", demo_file, "list", "participants", "--json")}
    rows = _json(capsys, "--db", demo_file, "list", "tandems", "--json")
    assert len(rows) == 14
    for row in rows:
        assert {"id", "round_id", "mentor_id", "mentee_id", "status"} <= set(row)
        assert row["round_id"] in rounds and {row["mentor_id"], row["mentee_id"]} <= people
    assert {row["status"] for row in rows} == {
        "proposed",
        "agreed",
        "active",
        "completed",
        "dissolved",
    }


def test_list_sessions_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tandem_ids = {t["id"] for t in _json(capsys, "--db", demo_file, "list", "tandems", "--json")}
    rows = _json(capsys, "--db", demo_file, "list", "sessions", "--json")
    assert len(rows) > 40
    for row in rows:
        assert {"id", "tandem_id", "starts_at", "status"} <= set(row)
        assert row["tandem_id"] in tandem_ids
        assert ISO_DATETIME.match(row["starts_at"]), row["starts_at"]
    assert {row["status"] for row in rows} == {"planned", "held", "cancelled"}


def test_list_as_text_and_of_an_empty_file(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(demo_file), "list", "tandems"]) == 0
    out = capsys.readouterr().out
    assert "→" in out and "Reverse mentoring" in out
    path = tmp_path / "empty.tandem"
    run(["--db", str(path), "init"])
    capsys.readouterr()
    assert run(["--db", str(path), "list", "participants"]) == 0
    assert capsys.readouterr().out.strip() == "(none)"
    assert _json(capsys, "--db", path, "list", "sessions", "--json") == []


def test_subprocess_json_is_utf8_and_identical_to_in_process(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = main_py("--db", demo_file, "list", "participants", "--json")
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout) == _json(
        capsys, "--db", demo_file, "list", "participants", "--json"
    )
    assert "Dvořák-Şahin" in result.stdout  # not escaped as \u...


# --- errors and usage --------------------------------------------------------------------


@pytest.mark.parametrize("command", [["stats"], ["list", "rounds", "--json"], ["demo"]])
def test_a_missing_file_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "missing.tandem"
    assert run(["--db", str(path), *command]) == 1
    captured = capsys.readouterr()
    assert "does not exist" in captured.err and captured.out == ""
    assert not path.exists()


def test_missing_file_in_german_through_the_real_program(tmp_path: Path) -> None:
    path = tmp_path / "fehlt.tandem"
    result = main_py("--lang", "de", "--db", path, "stats", "--json")
    assert result.returncode == 1
    assert "gibt es nicht" in result.stderr and result.stdout == ""
    assert not path.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "x.tandem", "frobnicate"],
        ["--db", "x.tandem", "list"],
        ["--db", "x.tandem", "list", "cats"],
        ["--db", "x.tandem", "stats", "--yaml"],
        ["--lang", "fr", "--db", "x.tandem", "stats"],
        ["stats"],
    ],
)
def test_bad_usage_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        code = run(args)
        raise SystemExit(code)
    assert caught.value.code == 2
    assert capsys.readouterr().err
    assert not (tmp_path / "x.tandem").exists()


def test_bad_usage_through_the_real_program() -> None:
    result = main_py("--db", "x.tandem", "list", "cats")
    assert result.returncode == 2 and "usage" in result.stderr
    german = main_py("--lang", "de", "--db", "x.tandem", "list", "cats")
    assert german.returncode == 2 and "Fehler" in german.stderr
    assert not (ROOT / "x.tandem").exists()


def test_help_and_version() -> None:
    helped = main_py("--help")
    assert helped.returncode == 0
    for command in ("init", "demo", "stats", "list"):
        assert command in helped.stdout
    version = main_py("--version")
    assert version.returncode == 0 and version.stdout.startswith("Tandem ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"Name;E-Mail\nAnna;anna@example.com\n" * 10, "not a Tandem file"),
    ],
)
def test_foreign_files_are_refused_and_unchanged(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "other.tandem"
    path.write_bytes(content)
    result = main_py("--db", path, "stats", "--json")
    assert result.returncode == 1 and message in result.stderr
    assert path.read_bytes() == content


def test_another_programs_database_is_refused_and_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "firefox.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for command in (["stats"], ["demo"], ["list", "participants", "--json"]):
        assert run(["--db", str(path), *command]) == 1
        assert "another program" in capsys.readouterr().err
    assert run(["--lang", "de", "--db", str(path), "demo"]) == 1
    assert "eines anderen Programms" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_demo_summary_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "de.tandem"
    assert run(["--lang", "de", "--db", str(path), "init"]) == 0
    assert run(["--lang", "de", "--db", str(path), "demo", "--participants", "60"]) == 0
    out = capsys.readouterr().out
    assert "Demodaten geschrieben: 60 Teilnehmende." in out
    assert "8 Abteilungen, 2 Programmrunden" in out and "Passphrase „demo“" in out
    rows = _json(capsys, "--db", path, "list", "participants", "--json")
    assert "Vertrieb" in {row["department"] for row in rows}
