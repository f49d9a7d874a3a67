"""The command line speaks the chosen language, argparse's own words included: "Aufruf:",
"Optionen", "folgende Argumente fehlen" under --lang de, argparse's English under --lang en."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from app.cli import run
from app.cli.parser_words import WORDS
from app.i18n import translator


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        code = run(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_help_in_german_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, german = _run(capsys, "--lang", "de", "--help")
    assert code == 0
    assert german.startswith("Aufruf: python main.py")
    assert "Optionen:" in german and "Positionsargumente:" in german
    assert "diese Hilfe anzeigen und beenden" in german
    assert "die Versionsnummer des Programms anzeigen und beenden" in german
    assert "usage:" not in german and "show this help" not in german
    code, english = _run(capsys, "--lang", "en", "--help")
    assert code == 0
    assert english.startswith("usage: python main.py")
    assert "options:" in english and "show this help message and exit" in english


def test_a_commands_help_is_german_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, german = _run(capsys, "--lang", "de", "--db", "x.tandem", "list", "--help")
    assert code == 0
    assert german.startswith("Aufruf: python main.py list")
    assert "diese Hilfe anzeigen und beenden" in german


def test_usage_errors_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    code, missing = _run(capsys, "--lang", "de", "--db", "x.tandem", "list")
    assert code == 2
    assert "Fehler: folgende Argumente fehlen: kind" in missing
    code, wrong = _run(capsys, "--lang", "de", "--db", "x.tandem", "frob")
    assert code == 2
    assert "Argument BEFEHL: ungültige Auswahl: 'frob' (möglich: 'init'" in wrong
    code, empty = _run(capsys, "--lang", "de", "--db")
    assert code == 2 and "Argument --db: erwartet einen Wert" in empty


def test_usage_errors_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, missing = _run(capsys, "--lang", "en", "--db", "x.tandem", "list")
    assert code == 2
    assert "usage: python main.py list" in missing
    assert "Error: the following arguments are required: kind" in missing
    code, wrong = _run(capsys, "--lang", "en", "--db", "x.tandem", "frob")
    assert "invalid choice: 'frob' (choose from 'init'" in wrong


def test_argparse_words_keep_their_placeholders_in_german() -> None:
    """argparse fills `%(name)s` and `%s` into its words: the German must keep them all."""
    german = translator("de")
    placeholder = re.compile(r"%(?:\(\w+\))?[sr]")
    for word in WORDS:
        translated = german.tr(word)
        assert translated != word, word
        assert sorted(placeholder.findall(translated)) == sorted(placeholder.findall(word)), word


def test_without_lang_the_language_chosen_in_the_window(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.cli
    from app import user_prefs

    monkeypatch.setattr(app.cli, "system_language", lambda: "en")
    user_prefs.set_language("de")  # View → Language → Deutsch, in the window
    code, german = _run(capsys, "--db", "x.tandem", "list")
    assert code == 2 and "Fehler:" in german
    user_prefs.set_language(None)  # back to "as the system"
    code, english = _run(capsys, "--db", "x.tandem", "list")
    assert code == 2 and "Error:" in english
    user_prefs.set_language("de")
    code, asked = _run(capsys, "--lang", "en", "--db", "x.tandem", "list")
    assert "Error:" in asked  # --lang wins over the saved choice


def test_the_built_program_names_itself_in_usage_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # In the built program, "python main.py" would send the user looking for a Python.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "Tandem.exe"))
    code, german = _run(capsys, "--lang", "de", "--help")
    assert code == 0
    assert german.startswith("Aufruf: Tandem.exe")
    assert "Ohne Befehl öffnet sich das Fenster: Tandem.exe [DATEI]" in " ".join(german.split())
    assert "python main.py" not in german

    from ui.launcher import launch

    assert launch(["--no-such-option"]) == 2
    usage = capsys.readouterr().err  # in the system's language
    assert usage.split(":", 1)[1].startswith(" Tandem.exe [") and "python main.py" not in usage
