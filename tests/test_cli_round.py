"""A whole round by script (issue 11, section 4): from an empty file to a completed tandem by
command line only, and each new command (`round add/edit`, `tandem agree|start|complete|
dissolve`, `session held|cancelled`, `checkin add`) with the window's rules and messages, JSON
where it lists, and exit codes 0 (done), 1 (the user's error) and 2 (bad usage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli import run
from app.services import common

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 9, 14)  # a Monday


@pytest.fixture(autouse=True)
def _english_and_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_LANG", "en")
    monkeypatch.setattr(common, "today", lambda: TODAY)


class Script:
    """Runs commands on one program file in-process, as a script would."""

    def __init__(self, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path = path
        self.capsys = capsys

    def __call__(self, *args: object, code: int = 0) -> str:
        """Run a command; assert its exit code; return what it printed on stdout."""
        got = run(["--db", str(self.path), *map(str, args)])
        out, err = self.capsys.readouterr()
        assert got == code, err
        self.err = err.strip()
        return out

    def json(self, *args: object) -> Any:
        return json.loads(self(*args, "--json"))


@pytest.fixture
def script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Script:
    return Script(tmp_path / "program.tandem", capsys)


def test_a_whole_round_from_an_empty_file(script: Script) -> None:
    sample = Path(__file__).parent / "data" / "mitarbeiter_excel_de.csv"
    assert script("init").startswith("Created ")
    out = script("import", sample)
    assert "13 people have no consent date" in out

    people = {p["personnel_number"]: p for p in script.json("list", "participants")}
    assert len(people) == 13 and all(p["consent_date"] is None for p in people.values())
    consent = script.json("consent", "--participant", *(p["id"] for p in people.values()))
    assert consent["on"] == "2026-09-14" and len(consent["recorded"]) == 13

    spring = script.json(
        "round", "add", "--name", "Herbst 2026", "--start", "2026-09-14", "--end", "2027-02-26",
        "--meetings", "4", "--cadence-weeks", "3",
    )  # fmt: skip
    assert (spring["id"], spring["meetings_planned"], spring["cadence_weeks"]) == (1, 4, 3)

    matched = script.json("match", "--round", spring["id"], "--apply")
    assert matched["no_consent"] == [] and len(matched["created"]) >= 3
    tandems = script.json("list", "tandems")
    assert {t["status"] for t in tandems} == {"proposed"}
    first = tandems[0]
    agreed = script.json("tandem", "agree", first["id"], "--date", "2026-09-15")
    assert (agreed["status"], agreed["agreed_on"]) == ("agreed", "2026-09-15")

    plan = script.json("plan", "--round", spring["id"])
    assert (plan["created"], plan["tandems_planned"]) == (4, 1)
    assert plan["left_out_proposed"] == len(tandems) - 1
    meetings = script.json("list", "sessions")
    assert {m["tandem_id"] for m in meetings} == {first["id"]}
    assert script("tandem", "start", first["id"]).startswith(f"Tandem {first['id']} (")

    held = script.json("session", "held", meetings[0]["id"], meetings[1]["id"])
    assert [m["status"] for m in held] == ["held", "held"]
    for side in ("mentor", "mentee"):
        saved = script.json(
            "checkin", "add", "--tandem", first["id"], "--by", side, "--phase", "mid",
            "--relationship", "5", "--progress", "4", "--goals", "partly", "--again", "yes",
        )  # fmt: skip
        assert (saved["phase"], saved["relationship_rating"]) == ("mid", 5)
    script("session", "cancelled", meetings[2]["id"])
    script("session", "held", meetings[3]["id"])
    done = script.json("tandem", "complete", first["id"])
    assert (done["status"], done["completed_on"]) == ("completed", "2026-09-14")
    assert (done["sessions_held"], done["sessions_total"]) == (3, 3)

    stats = script.json("stats")
    assert stats["participants"] == 13 and stats["rounds"] == 1
    assert stats["tandems"] == len(tandems)
    assert (stats["sessions_held"], stats["sessions_cancelled"], stats["sessions_planned"]) == (
        3,
        1,
        0,
    )


def test_round_add_and_edit(script: Script) -> None:
    script("init")
    out = script("round", "add", "--name", "Frühjahr 2027", "--start", "2027-03-01",
                 "--end", "2027-08-27")  # fmt: skip
    assert out.splitlines() == [
        "Round 1 added: Frühjahr 2027",
        "  1 Mar 2027 – 27 Aug 2027, 6 meetings per tandem every 4 weeks; tandems per mentor: "
        "1, per mentee: 1.",
    ]
    edited = script.json("round", "edit", "1", "--name", "Spring 2027", "--per-mentor", "2")
    assert (edited["name"], edited["capacity_mentor"], edited["start_date"]) == (
        "Spring 2027",
        2,
        "2027-03-01",
    )
    german = run(
        ["--db", str(script.path), "--lang", "de", "round", "edit", "1", "--meetings", "3"]
    )
    assert german == 0
    assert (
        script.capsys.readouterr()
        .out.splitlines()[1]
        .startswith("  01.03.2027 – 27.08.2027, 3 Treffen pro Tandem im Abstand von 4 Wochen")
    )
    # The rules and messages of the round form.
    script("round", "add", "--name", " ", "--start", "2027-03-01", "--end", "2027-08-27", code=1)
    assert script.err == "Please give the round a name."
    script("round", "edit", "1", "--end", "2027-02-01", code=1)
    assert script.err == "A round cannot end before it starts."
    script("round", "edit", "1", "--meetings", "60", code=1)
    assert script.err == "Meetings per tandem must be between 1 and 52."
    script("round", "edit", "7", "--name", "X", code=1)
    assert script.err == "Round 7 does not exist."
    script("round", "add", "--name", "X", "--start", "1.3.2027", "--end", "2027-08-27", code=1)
    assert script.err == "“1.3.2027” is not a date like 2026-03-01."
    with pytest.raises(SystemExit) as usage:
        run(["--db", str(script.path), "round", "add", "--name", "X"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        run(["--db", str(script.path), "round"])
    assert usage.value.code == 2
    assert [r["name"] for r in script.json("list", "rounds")] == ["Spring 2027"]


def _two_people_and_a_tandem(script: Script) -> int:
    script("init")
    db_file = script.path
    from app.db import open_database
    from app.model import ParticipantInput, Role, RoundInput
    from app.services import participants, rounds, tandems

    db = open_database(db_file)
    try:
        mentor = participants.create_participant(
            db, ParticipantInput("Łukasz", "Dvořák-Şahin", role=Role.MENTOR, consent_date=TODAY)
        )
        mentee = participants.create_participant(
            db, ParticipantInput("Anna & <b>Lee</b>", "Wagner", consent_date=TODAY)
        )
        r = rounds.create_round(db, RoundInput("Herbst", TODAY, date(2027, 2, 26)))
        return tandems.create_tandem(db, r.id, mentor.id, mentee.id).id
    finally:
        db.close()


def test_the_tandem_lifecycle_with_the_windows_rules(script: Script) -> None:
    tid = _two_people_and_a_tandem(script)
    script("tandem", "start", tid, code=1)
    assert script.err == "A tandem that is “Proposed” cannot become “Active”."
    out = script("tandem", "agree", tid)
    assert out.strip() == (
        f"Tandem {tid} (Łukasz Dvořák-Şahin → Anna & <b>Lee</b> Wagner) is now “Agreed” "
        "since 14 Sep 2026."
    )
    script("tandem", "dissolve", tid, code=1)
    assert script.err == "Please give a reason for dissolving the tandem."
    gone = script.json("tandem", "dissolve", tid, "--reason", "Moved to Lyon", "--date",
                       "2026-10-01")  # fmt: skip
    assert (gone["status"], gone["dissolution_reason"], gone["dissolved_on"]) == (
        "dissolved",
        "Moved to Lyon",
        "2026-10-01",
    )
    script("tandem", "complete", tid, code=1)
    assert script.err == "A tandem that is “Dissolved” cannot become “Completed”."
    script("tandem", "agree", "99", code=1)
    assert script.err == "Tandem 99 does not exist."
    with pytest.raises(SystemExit) as usage:
        run(["--db", str(script.path), "tandem", "marry", str(tid)])
    assert usage.value.code == 2


def test_meetings_and_check_ins(script: Script) -> None:
    tid = _two_people_and_a_tandem(script)
    script("tandem", "agree", tid)
    script("plan", "--tandem", tid)
    ids = [m["id"] for m in script.json("list", "sessions")]
    out = script("session", "cancelled", ids[0])
    assert out.splitlines()[0] == "1 meeting marked cancelled."
    script("session", "held", ids[1], "999", code=1)
    assert script.err == "Meeting 999 does not exist."
    assert {m["status"] for m in script.json("list", "sessions")[1:]} == {"planned"}  # none

    out = script("checkin", "add", "--tandem", tid, "--by", "mentee", "--phase", "final",
                 "--goals", "yes")  # fmt: skip
    assert out.strip() == (
        f"Check-in recorded: Anna & <b>Lee</b> Wagner, Final, tandem {tid}, on 14 Sep 2026."
    )
    script("checkin", "add", "--tandem", tid, "--by", "mentor", "--phase", "mid",
           "--relationship", "6", code=1)  # fmt: skip
    assert script.err == "Ratings go from 1 to 5."
    script("checkin", "add", "--tandem", tid, "--participant", "999", "--phase", "mid", code=1)
    assert script.err == "Only the tandem's mentor and mentee can give feedback on it."
    with pytest.raises(SystemExit) as usage:
        run(["--db", str(script.path), "checkin", "add", "--tandem", str(tid), "--phase", "mid"])
    assert usage.value.code == 2


def test_the_real_program_runs_the_new_commands(tmp_path: Path) -> None:
    """Through `python main.py` as a script calls it: exit codes and UTF-8 JSON."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TANDEM_LANG": "en",
           "TANDEM_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    path = tmp_path / "round.tandem"

    def main_py(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", "--db", str(path), *args],
            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
        )  # fmt: skip

    assert main_py("init").returncode == 0
    added = main_py("round", "add", "--name", "Été 2027", "--start", "2027-06-01", "--end",
                    "2027-11-30", "--json")  # fmt: skip
    assert added.returncode == 0 and json.loads(added.stdout)["name"] == "Été 2027"
    refused = main_py("consent", "--participant", "1")
    assert refused.returncode == 1 and refused.stderr.strip() == "Participant 1 does not exist."
    assert main_py("session", "held").returncode == 2


def test_a_rounds_target_and_two_tandems_choice_by_script(script: Script) -> None:
    """`round add --target` sets what the proposal fills up to; `round edit` keeps what it
    is not told to change."""
    script("init")
    added = script.json(
        "round", "add", "--name", "Frühjahr 2027", "--start", "2027-03-01", "--end",
        "2027-08-31", "--target", "8",
    )  # fmt: skip
    assert (added["target_tandems"], added["allow_two_tandems"]) == (8, False)
    edited = script.json("round", "edit", str(added["id"]), "--meetings", "5", "--two-tandems")
    assert (edited["meetings_planned"], edited["target_tandems"]) == (5, 8)
    assert edited["allow_two_tandems"] is True
    again = script.json("round", "edit", str(added["id"]), "--no-two-tandems")
    assert (again["target_tandems"], again["allow_two_tandems"]) == (8, False)
    script("round", "add", "--name", "X", "--start", "2027-03-01", "--end", "2027-08-31",
           "--target", "0", code=1)  # fmt: skip
