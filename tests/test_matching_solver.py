"""The solvers behind the matching: the integer program that takes over from the branch and
bound finds the same optimum, prints nothing, and no run of the matching imports scipy
(scipy is a test-only dependency: it is not in the Windows bundle)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.services import matching
from app.services.matching import propose_matches
from app.services.tandem_rules import check_pair
from tests.helpers.builders import make_round, person

ROOT = Path(__file__).resolve().parent.parent


def tricky_round(db: Database) -> int:
    """Two places per person and side, two tandems per person allowed, a target of three:
    people in both roles who fit each other in both directions and twice over, so the
    assignment over places alone would pair them twice or both ways round."""
    r = make_round(db, cap_mentor=2, cap_mentee=2, two_tandems=True, target=3)
    person(db, "Ada", "Both", role="both", department="IT",
           teach=("AI tools", "Networking"), learn=("Social media", "Leadership"))  # fmt: skip
    person(db, "Ben", "Both", role="both", department="Sales",
           teach=("Social media", "Leadership"), learn=("AI tools", "Networking"))  # fmt: skip
    person(db, "Cleo", "Both", role="both", department="IT",
           teach=("AI tools",), learn=("Leadership",))  # fmt: skip
    person(db, "Dan", "Mentee", role="mentee", department="HR", learn=("AI tools",))
    return r


def test_the_integer_program_finds_the_same_optimum_as_the_branch_and_bound(
    db: Database, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    r = tricky_round(db)
    branched = propose_matches(db, r)
    assert branched.method == "assignment, branch and bound" and branched.optimal

    # With a branch limit of 1 the first conflict hands the round to the integer program.
    monkeypatch.setattr(matching, "BRANCH_LIMIT", 1)
    solved = propose_matches(db, r)
    assert solved.method == "integer program" and solved.optimal
    assert solved.total_score == branched.total_score > 0
    assert len(solved.pairs) == len(branched.pairs) <= 3
    seen: set[frozenset[int]] = set()
    for p in solved.pairs:
        assert check_pair(db, r, p.mentor_id, p.mentee_id).errors == []
        assert frozenset((p.mentor_id, p.mentee_id)) not in seen
        seen.add(frozenset((p.mentor_id, p.mentee_id)))
    # HiGHS's banner and log stay out of the output (the command line prints JSON there).
    out, err = capfd.readouterr()
    assert out == "" and err == ""


MATCH_IN_A_CHILD = """
import json, sys
from pathlib import Path
from app.db import create_database
from app.services import matching
from tests.helpers.builders import make_round, person
matching.BRANCH_LIMIT = int(sys.argv[2])
db = create_database(Path(sys.argv[1]))
r = make_round(db, cap_mentor=2, cap_mentee=2, two_tandems=True)
for k in range(6):
    person(db, f"P{k}", role="both", department=["IT", "HR"][k % 2],
           teach=(["AI tools", "Networking"][k % 2],), learn=(["Networking", "AI tools"][k % 2],))
result = matching.propose_matches(db, r)
print(json.dumps({"method": result.method, "pairs": len(result.pairs),
                  "scipy": sorted(m for m in sys.modules if m.split(".")[0] == "scipy")}))
"""


def test_a_matching_never_imports_scipy(tmp_path: Path) -> None:
    # A branch limit of 1: the first node solves the assignment, and the conflict it finds
    # hands the round to the integer program, so both solvers run in the child.
    done = subprocess.run(
        [sys.executable, "-c", MATCH_IN_A_CHILD, str(tmp_path / "m.tandem"), "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["method"] == "integer program" and report["pairs"] > 0
    assert report["scipy"] == []
