"""Preferences survive damage and are written atomically; the log holds no personal data;
the exception hook explains instead of crashing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import user_prefs
from app.errors import ValidationError
from app.logging_setup import format_traceback, log_path, setup_logging, stop_logging
from ui import errors


def test_preferences_round_trip_and_recent_order(tmp_path: Path) -> None:
    files = [tmp_path / f"f{i}.tandem" for i in range(10)]
    for path in files:
        user_prefs.add_recent(path)
    user_prefs.add_recent(files[3])
    recent = user_prefs.recent_files()
    assert len(recent) == user_prefs.MAX_RECENT
    assert recent[0] == files[3].resolve() and recent[1] == files[9].resolve()
    assert user_prefs.last_file() == files[3].resolve()
    user_prefs.set_language("de")
    assert user_prefs.language() == "de"
    user_prefs.set_language("xx")
    assert user_prefs.language() is None
    user_prefs.remove_recent(files[3])
    assert user_prefs.last_file() is None and files[3].resolve() not in user_prefs.recent_files()
    # Nothing but the preferences file is left in the folder (no temporary files).
    assert [p.name for p in user_prefs.prefs_path().parent.iterdir()] == ["preferences.json"]


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b"\xff\xfe\x00garbage"])
def test_damaged_preferences_count_as_empty_and_are_replaced(content: bytes) -> None:
    path = user_prefs.prefs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert user_prefs.load() == {}
    assert user_prefs.recent_files() == [] and user_prefs.language() is None
    user_prefs.set_language("en")
    assert json.loads(path.read_text(encoding="utf-8")) == {"language": "en"}


def test_wrong_types_inside_preferences_are_ignored() -> None:
    path = user_prefs.prefs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"recent_files": "x", "last_file": 3, "language": 1}), "utf-8")
    assert user_prefs.recent_files() == [] and user_prefs.last_file() is None
    assert user_prefs.language() is None


def _raise(exc: BaseException) -> tuple:
    try:
        raise exc
    except BaseException:  # noqa: BLE001
        return sys.exc_info()


def test_traceback_in_log_has_no_values_or_messages() -> None:
    secret = "Łukasz Dvořák-Şahin <lukasz@example.com>"

    def failing(name: str) -> None:
        person = {"name": name}
        raise ValueError(f"cannot handle {person['name']}")

    try:
        failing(secret)
    except ValueError:
        text = format_traceback(*sys.exc_info())
    assert "failing" in text and "builtins.ValueError" in text
    assert "Łukasz" not in text and "example.com" not in text and "cannot handle" not in text


def test_exception_hook_shows_friendly_dialog_and_logs_without_data(
    monkeypatch: pytest.MonkeyPatch, qapp
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0
    )
    assert setup_logging() == log_path()
    try:
        errors.excepthook(*_raise(KeyError("anna.lee@example.com")))
        errors.excepthook(*_raise(ValidationError("Please enter a last name.")))
    finally:
        stop_logging()
    assert "an unexpected error" in shown[0][0] and str(log_path()) in shown[0][1]
    assert shown[1][0] == "Please enter a last name."
    log = log_path().read_text(encoding="utf-8")
    assert "builtins.KeyError" in log and "anna.lee" not in log


def test_a_file_name_that_is_not_utf8_is_remembered(tmp_path: Path) -> None:
    import os

    path = tmp_path / os.fsdecode(b"Programm \xe4.tandem")  # Latin-1 "ä" in a Linux file name
    user_prefs.add_recent(path)
    assert user_prefs.recent_files() == [path.resolve()]
