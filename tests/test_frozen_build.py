"""The program as shipped: `python packaging/build.py` builds the one-folder bundle (here
the Linux one, from the same spec as on Windows), which then passes its own self-test,
shows its window and finds the time zone data it brings along.

Marked `frozen` (the build takes minutes): `.ci/run` runs it as `pytest -m frozen`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.qt_notices import reviewed_libraries

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(900)]  # the build: minutes

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "Tandem"
EXECUTABLE = BUNDLE / ("Tandem.exe" if os.name == "nt" else "Tandem")


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The freshly built bundle."""
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT, check=True)
    assert EXECUTABLE.is_file()
    return BUNDLE


def _run(args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, TANDEM_HOME=str(home), QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [str(EXECUTABLE), *args],
        cwd=home.parent,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
    )


def test_the_built_program_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    result = _run(["--self-test", "--lang", "en"], tmp_path / "home")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK  6. Write the Outlook calendar file" in result.stdout
    assert "time zone Europe/Berlin" in result.stdout
    # The About box can show every bundled library's licence and version (their metadata).
    assert "OK  10. Licences shown in the About box" in result.stdout
    assert "OK  11. Modules of the window and of the commands" in result.stdout
    assert (
        "OK  12. Qt's own German texts (dialog buttons): “Cancel” is “Abbrechen”" in result.stdout
    )
    assert result.stdout.rstrip().endswith("All 12 steps passed.")


def test_the_built_program_shows_its_window_in_german(bundle: Path, tmp_path: Path) -> None:
    result = _run(
        ["--lang", "de"],
        tmp_path / "home",
        TANDEM_EXIT_AFTER_SHOWN="1",
        TANDEM_BENCH_T0=repr(time.perf_counter()),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown ")


def test_the_built_program_answers_on_the_command_line(bundle: Path, tmp_path: Path) -> None:
    program = tmp_path / "Programm.tandem"
    created = _run(["--lang", "de", "--db", str(program), "init"], tmp_path / "home")

    assert created.returncode == 0, created.stderr
    assert program.is_file()
    assert "Programm.tandem" in created.stdout


def test_the_bundle_holds_what_tandem_needs_and_leaves_out_the_rest(bundle: Path) -> None:
    files = [path.relative_to(bundle).as_posix() for path in bundle.rglob("*")]
    lowered = [name.lower() for name in files]
    # Kept: German and English Qt translations (dialog buttons), the time zone data,
    # Tandem's resources, and QtNetwork (QtPdf links it).
    assert any(name.endswith("translations/qtbase_de.qm") for name in lowered)
    assert any(name.endswith("tzdata/zoneinfo/europe/berlin") for name in lowered)
    assert any(name.endswith("resources/fonts/notosans-regular.ttf") for name in lowered)
    assert any(name.endswith("resources/translations/de/core.po") for name in lowered)
    assert any("qt6network" in name for name in lowered)
    # Left out: Qt Quick/QML, the virtual keyboard, Wayland, other translations.
    for unused in ("qt6quick", "qt6qml", "virtualkeyboard", "wayland", "qtbase_fr.qm"):
        assert not any(unused in name for name in lowered), unused
    # Nor Qt's GTK theme, CUPS, TLS and network plugins with the libraries only they needed,
    # Pillow's AVIF codec, Python's OpenSSL, nor scipy.
    for unused in ("libqgtk3", "libgtk-3", "libcairo.so", "cupsprintersupport", "/tls/",
                   "networkinformation", "libavif", "libssl.", "_ssl.", "/scipy/"):  # fmt: skip
        assert not any(unused in f"/{name}" for name in lowered), unused
    assert any("/lap/" in f"/{name}" for name in lowered)  # matching still has its solvers
    assert any("/highspy/" in f"/{name}" for name in lowered)
    assert not any(path.is_symlink() and not path.exists() for path in bundle.rglob("*"))
    # Every Qt library and plugin in the bundle is one whose third-party code has been
    # reviewed for its notices (tools/qt_notices/components.toml).
    qt_binaries = {
        re.sub(r"^lib|\.(dll|so(\.\d+)*)$", "", path.name)
        for path in (bundle / "_internal" / "PySide6").rglob("*")
        if re.search(r"(^|/)(Qt6\w+\.dll|libQt6\w+\.so\.6|plugins/.+\.(dll|so))$", path.as_posix())
    }
    assert qt_binaries and qt_binaries <= reviewed_libraries(), qt_binaries - reviewed_libraries()
    # setuptools/pkg_resources (pulled in by cffi) slow the start: not in the archive.
    archive = (ROOT / "build" / "tandem" / "PYZ-00.toc").read_text(encoding="utf-8")
    assert "'sqlite_utils'" in archive
    assert "'pkg_resources'" not in archive and "'setuptools'" not in archive
