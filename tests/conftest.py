"""Shared fixtures: offscreen Qt, a fresh program file per test, English by default."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from app import i18n  # noqa: E402
from app.db import create_database, open_database  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep Tandem's own settings, recent files and logs out of the real home folder,
    and start every test in English."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TANDEM_HOME", str(home))
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The path of a new, empty program file."""
    path = tmp_path / "program.tandem"
    create_database(path).close()
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An open, empty program file."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def data_file(tmp_path: Path):
    """Copy a canned file from tests/data into the temp folder and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(DATA / name, target)
        return target

    return copy
