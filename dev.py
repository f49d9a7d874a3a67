"""Set up and run Tandem from a checkout, on Linux, macOS and Windows alike.

    python3 dev.py demo     set everything up, then start the app on a fresh demo file
    python3 dev.py test     set everything up, then run ruff and the whole test suite
    python3 dev.py run ...  set everything up, then `python main.py ...` with these arguments

"Set up" makes a virtual environment in `.venv` and installs the dependencies named in
pyproject.toml (again only when they changed). Uses only the standard library.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".tandem-deps"


def venv_python() -> Path:
    """The Python interpreter inside `.venv`."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirements() -> list[str]:
    """Runtime and test dependencies from pyproject.toml."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]) + list(project["optional-dependencies"]["test"])


def setup() -> Path:
    """Create `.venv` if needed and install what pyproject.toml asks for; returns its python."""
    if sys.version_info < (3, 11):  # noqa: UP036 - users may run an older python3
        sys.exit("Tandem needs Python 3.11 or newer.")
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    reqs = requirements()
    digest = hashlib.sha256("\n".join(reqs).encode("utf-8")).hexdigest()
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8").strip() != digest:
        print("Installing dependencies ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *reqs], check=True)
        STAMP.write_text(digest, encoding="utf-8")
    return python


def main(argv: list[str]) -> int:
    """Dispatch `demo`, `test` or `run`."""
    if not argv or argv[0] not in ("demo", "test", "run"):
        print(__doc__)
        return 2
    python = setup()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return subprocess.call([str(python), str(ROOT / "main.py"), "--demo", *rest], cwd=ROOT)
    if command == "run":
        return subprocess.call([str(python), str(ROOT / "main.py"), *rest], cwd=ROOT)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    lint = subprocess.call([str(python), "-m", "ruff", "check", "."], cwd=ROOT, env=env)
    tests = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
