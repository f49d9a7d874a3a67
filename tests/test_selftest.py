"""`Tandem --self-test` runs every command-line job on a temporary file and says what it
checked; it exits 0 only when all of it worked (tests/test_frozen_build.py runs it frozen)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

import app.selftest
import main
from app.selftest import run_self_test


def test_the_self_test_passes_in_german_and_names_every_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = Path(os.environ["TANDEM_HOME"])

    assert main.main(["--self-test", "--lang", "de"]) == 0

    out = capsys.readouterr().out
    for step in (
        "1. Programmdatei anlegen",
        "3. Beispielliste importieren: 5 Personen",
        "4. Paare vorschlagen",
        "5. Treffen planen",
        "6. Outlook-Kalenderdatei schreiben",
        "7. Jedes Dokument als PDF erstellen: 8 Dokumente",
        "8. Sicherung erstellen",
        "9. Programmdatei prüfen",
        "10. Lizenzen im Fenster „Über Tandem“",
        "11. Module des Fensters und der Befehle",
        "12. Qts eigene deutsche Texte (Schaltflächen in Dialogen): „Cancel“ ist „Abbrechen“",
    ):
        assert f"OK  {step}" in out
    for kind in ("agreement", "agenda", "certificates", "certificate (1)", "summary", "person"):
        assert kind in out
    assert "works-council" in out and "factsheet (1)" in out
    assert out.rstrip().endswith("Alle 12 Schritte bestanden.")
    # The user's own settings folder is left as it was, and TANDEM_HOME points there again.
    assert os.environ["TANDEM_HOME"] == str(home)
    assert not any(home.rglob("*.tandem"))


def test_a_failing_step_is_named_and_the_exit_code_is_not_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = tmp_path / "resources" / "samples"
    samples.mkdir(parents=True)
    (samples / "participants_sample.csv").write_text(
        "Employee ID,First name,Last name,Email,Program role\n"
        "X-1,Ada,Lovelace,ada@example.com,mentor\n"
        "X-2,,,not-an-address,mentee\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(app.selftest, "resources_dir", lambda: tmp_path / "resources")
    out = io.StringIO()

    assert run_self_test(["--lang", "en"], stream=out) == 1

    lines = out.getvalue().splitlines()
    assert lines[1].startswith("OK  1. Create a program file")
    assert lines[-1].startswith(
        "FAILED  3. Import the sample list: imported rows: found 1, expected 2"
    )
    assert not any("4. Propose pairs" in line for line in lines)
