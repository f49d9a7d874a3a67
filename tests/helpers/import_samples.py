"""What the three sample lists in tests/data must leave in a program file once imported (as
shared/samples/README.md says), checked the same way after the engine, the command line
and the wizard."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.model import Role
from app.services.participants import list_participants


def people(db: Database) -> dict[str, object]:
    """Participants by personnel number (or e-mail)."""
    return {p.personnel_number or p.email: p for p in list_participants(db)}


def check_german_csv_people(db: Database) -> None:
    found = people(db)
    assert len(found) == 13
    assert "1013" not in found and "1014" not in found
    assert found["1005"].first_name == "Lea"  # the first 1005, not the duplicate
    assert found["1012"].email is None
    anna = found["1011"]
    assert (anna.first_name, anna.last_name) == ("Anna & Lee", "Wagner <Jr.>")
    assert anna.role is Role.BOTH
    assert found["1002"].last_name == "Weiß" and found["1002"].first_name == "Jürgen"
    assert found["1015"].position == "Leiter Logistik; Standort Nord"
    by_id = {p.id: p for p in found.values()}
    assert by_id[found["1005"].manager_id].personnel_number == "1006"
    assert by_id[found["1008"].manager_id].personnel_number == "1004"
    assert found["1001"].manager_id is None
    assert found["1002"].start_date == date(2008, 9, 15)
    assert found["1005"].role is Role.MENTOR and found["1001"].role is Role.MENTEE
    assert set(found["1004"].wants_to_learn) >= {"Generation Z verstehen"}
    assert len(found["1004"].wants_to_learn) == 2
    assert len(found["1005"].can_teach) == 3


def check_english_csv(db: Database) -> None:
    found = people(db)
    assert len(found) == 7
    names = {(p.first_name, p.last_name) for p in found.values()}
    assert names == {
        ("Margaret", "O'Brien"),
        ("Łukasz", "Dvořák"),
        ("Şükrü", "Öztürk"),
        ("Zoë", "Nguyễn"),
        ("Dmitri", "Соколов"),
        ("Priya", "Raman"),
        ('=HYPERLINK("http://x","click")', "Test"),
    }
    by_id = {p.id: p for p in found.values()}
    assert by_id[found["E-02"].manager_id].email == "m.obrien@example.com"
    assert by_id[found["E-03"].manager_id].personnel_number == "E-02"
    assert by_id[found["E-05"].manager_id].personnel_number == "E-01"
    assert found["E-06"].role is Role.BOTH
    assert found["E-03"].role is Role.MENTOR
    assert found["E-01"].start_date == date(2001, 5, 1)
    assert set(found["E-01"].wants_to_learn) == {"AI tools", "Social media"}
    assert found["E-07"].first_name.startswith("=HYPERLINK(")


def check_workbook(db: Database) -> None:
    found = people(db)
    assert sorted(found) == ["2001", "2002", "2003", "2004", "2005", "2006"]
    by_id = {p.id: p for p in found.values()}
    for number in ("2002", "2005", "2006"):
        assert by_id[found[number].manager_id].personnel_number == "2001"
    assert by_id[found["2003"].manager_id].personnel_number == "2002"
    assert found["2001"].manager_id is None and found["2004"].manager_id is None
    assert found["2004"].role is Role.MENTOR  # "Mentorin"
    assert found["2005"].role is Role.BOTH  # "Mentor und Mentee"
    sophie = found["2004"]
    assert (sophie.first_name, sophie.last_name) == ("Sophie", "Lorenz")
    assert sophie.consent_date is None and not sophie.has_consent
    assert found["2001"].consent_date == date(2026, 10, 2)
    assert found["2001"].start_date == date(1995, 4, 1)
    assert found["2003"].last_name == "Berger"  # the column "Name" is the last name
    assert found["2004"].position == "Volontärin"
