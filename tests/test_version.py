"""The version number has one source, app/__init__.py, which the frozen program also has."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_metadata_reads_the_version_from_the_app() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    source = pyproject["tool"]["setuptools"]["dynamic"]["version"]
    assert source == {"attr": "app.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", app.__version__)
