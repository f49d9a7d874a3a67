"""Build Tandem as a one-folder program in `dist/Tandem/` (Windows, and Linux for the tests).

    python packaging/build.py [--iss]

Runs PyInstaller on `packaging/tandem.spec` with the Python that runs this script (so use
the project's virtual environment), then prints the time taken and the bundle's size. With
`--iss` it then builds the Windows installer with Inno Setup's `iscc`, passing the version
from `app/__init__.py` (the one place the version is written).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "tandem.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "Tandem"
ISS = ROOT / "packaging" / "tandem.iss"


def app_version() -> str:
    """`app.__version__`, read without importing the program."""
    for line in (ROOT / "app" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("No __version__ in app/__init__.py.")


def folder_size(folder: Path) -> int:
    """Bytes of all files below `folder` (a symbolic link, as PyInstaller makes on Linux,
    counts once, as its target)."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def executable() -> Path:
    """The built program."""
    return BUNDLE / ("Tandem.exe" if os.name == "nt" else "Tandem")


def build_bundle(without: list[str] | None = None) -> float:
    """Run PyInstaller; returns the seconds it took. `without`: packages left out."""
    env = dict(os.environ, TANDEM_BUILD_WITHOUT=",".join(without or []))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
            "--log-level", "WARN", "--distpath", str(DIST), "--workpath", str(WORK),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def strip_linux_libraries(folder: Path) -> None:
    """Strip the debug symbols from the bundle's shared libraries on Linux (PyInstaller's
    own `strip` would also strip numpy's OpenBLAS, which then no longer loads: the wheels'
    `*.libs` folders are left alone). Windows DLLs carry no symbols to strip."""
    strip = shutil.which("strip")
    if os.name == "nt" or strip is None:
        return
    libraries = [
        path
        for path in folder.rglob("*.so*")
        if path.is_file()
        and not path.is_symlink()
        and not any(part.endswith(".libs") for part in path.parts)
    ]
    for start in range(0, len(libraries), 100):
        batch = [str(path) for path in libraries[start : start + 100]]
        subprocess.run([strip, "--strip-unneeded", *batch], check=True, capture_output=True)


def build_installer() -> Path:
    """Run Inno Setup's compiler on packaging/tandem.iss; returns the installer's path."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
            if base and candidate.exists():
                iscc = str(candidate)
                break
    if iscc is None:
        raise SystemExit("Inno Setup's iscc was not found (choco install innosetup).")
    version = app_version()
    subprocess.run([iscc, f"/DAppVersion={version}", str(ISS)], cwd=ROOT, check=True)
    return DIST / f"Tandem-{version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    """Build the bundle (and the installer with --iss), print time and sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iss", action="store_true", help="also build the Windows installer")
    parser.add_argument(
        "--measure-without",
        metavar="PACKAGE",
        action="append",
        default=[],
        help="leave a package out to measure its size (such a bundle is not for use)",
    )
    args = parser.parse_args(argv)
    seconds = build_bundle(args.measure_without)
    strip_linux_libraries(BUNDLE)
    size = folder_size(BUNDLE)
    print(f"Built {executable()} in {seconds:.0f} s; bundle {size / 1e6:.0f} MB (target < 200 MB).")
    if args.iss:
        installer = build_installer()
        print(f"Installer {installer}: {installer.stat().st_size / 1e6:.0f} MB (target < 80 MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
