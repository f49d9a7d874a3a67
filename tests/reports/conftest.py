"""Fixtures for the report documents (personal data export, works-council sheet, factsheet):
the demo company with a canary in a private note on every person, tandem and meeting, and a
small program whose people have the hardest names, with canary notes of their own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.db import open_database
from app.model import NoteOwnerKind
from tests.helpers_reports import PASSPHRASE, make_vault
from tests.pdf_helpers import CANARY, hard_names_program, make_canary_demo_file


@pytest.fixture(scope="session")
def canary_demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo file with the canary in a note on everyone and everything (never changed)."""
    return make_canary_demo_file(tmp_path_factory.mktemp("reports-demo") / "demo.tandem")


@pytest.fixture
def demo(canary_demo_path: Path) -> Iterator[Database]:
    """The canary demo file, open (read it, do not change it)."""
    db = open_database(canary_demo_path)
    yield db
    db.close()


@dataclass(frozen=True)
class HardProgram:
    """`hard_names_program` with notes: Łukasz Dvořák-Şahin mentors Anna & <b>Lee</b>; a
    note holding CANARY on Łukasz, on his tandem and on Anna; the notes' passphrase."""

    round_id: int
    tandem_id: int
    lukasz: int
    anna: int
    passphrase: str = PASSPHRASE


@pytest.fixture
def hard(db: Database) -> HardProgram:
    ids = hard_names_program(db)
    vault = make_vault(db)
    vault.setup(PASSPHRASE)
    vault.add_note(NoteOwnerKind.PARTICIPANT, ids["hard_mentor"], f"{CANARY} title", CANARY)
    vault.add_note(NoteOwnerKind.TANDEM, ids["hard"], "About the tandem", f"Text {CANARY}")
    vault.add_note(NoteOwnerKind.PARTICIPANT, ids["markup_mentee"], "About Anna", CANARY)
    vault.close()
    return HardProgram(ids["round"], ids["hard"], ids["hard_mentor"], ids["markup_mentee"])
