"""`python main.py [FILE] [--demo] [--lang]` as a user starts it: a real process that opens
the window offscreen, reports when it is shown and when the data is, and quits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.launcher import UsageError, parse_args

ROOT = Path(__file__).resolve().parents[2]


def start(home: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        **extra_env,
        TANDEM_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        TANDEM_EXIT_AFTER_SHOWN="1",
        TANDEM_BENCH_T0="0",
    )
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def reported(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.split()[0] for line in result.stdout.splitlines()]


def test_parse_args() -> None:
    assert parse_args([]) == (None, False, None)
    assert parse_args(["a.tandem", "--lang", "de"]) == (Path("a.tandem"), False, "de")
    assert parse_args(["--demo", "--lang=en"]) == (None, True, "en")
    for bad in (["--lang", "fr"], ["--lang"], ["--what"], ["a.tandem", "b.tandem"]):
        with pytest.raises(UsageError):
            parse_args(bad)


def test_start_on_a_file_then_again_on_the_last_file(program_file: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = start(home, str(program_file), "--lang", "de")
    assert first.returncode == 0, first.stderr
    assert reported(first) == ["shown", "ready"]
    prefs = json.loads((home / "preferences.json").read_text(encoding="utf-8"))
    assert Path(prefs["last_file"]) == program_file.resolve()
    # No file named: the last one opens again.
    again = start(home)
    assert again.returncode == 0 and reported(again) == ["shown", "ready"]
    log = (home / "logs" / "tandem.log").read_text(encoding="utf-8")
    assert "started" in log and "program.tandem" not in log and "Łukasz" not in log


def test_demo_start_leaves_no_files_behind(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "temp"
    temp.mkdir()
    result = start(home, "--demo", "--lang", "en", TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    assert result.returncode == 0, result.stderr
    assert reported(result) == ["shown", "ready"]
    assert list(temp.iterdir()) == []  # the demo folder was removed at quit
    prefs = home / "preferences.json"
    assert not prefs.exists() or "demo" not in prefs.read_text(encoding="utf-8")


def test_bad_arguments_exit_2_with_usage(tmp_path: Path) -> None:
    result = start(tmp_path / "home", "--lang", "fr")
    assert result.returncode == 2 and "--lang" in result.stderr


def test_the_windows_carry_tandems_icon(qapp) -> None:
    from ui.launcher import prepare_application

    app = prepare_application("en")
    assert app is qapp and app.applicationName() == "Tandem"
    icon = app.windowIcon()
    assert not icon.isNull()
    # Sharp at 150 % on a large title bar or taskbar button: drawn at 256 pixels.
    assert icon.pixmap(256, 256).width() == 256
