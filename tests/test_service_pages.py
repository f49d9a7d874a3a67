"""Reading big lists in pages (what the window does on a big file): the pages together hold
exactly what the one-call lists hold, for every filter; tandems in the same order."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.demo import generate_demo
from app.services import participants, sessions, tandems
from app.services.overview import running_round_id


def by_id(row) -> int:
    return row.id


def joined(pages) -> list:
    result = []
    for page in pages:
        assert 0 < len(page) <= 7
        result.extend(page)
    return result


def test_pages_hold_what_the_lists_hold(db: Database) -> None:
    generate_demo(db, participants=120, seed=2, today=date(2026, 3, 1))
    people = participants.list_participants(db)
    paged = joined(participants.participant_pages(db, size=7))
    assert [p.id for p in paged] == sorted(p.id for p in people)  # in the order added
    assert sorted(paged, key=by_id) == sorted(people, key=by_id)  # topics, managers, dates
    round_id = running_round_id(db, date(2026, 3, 1))
    assert round_id is not None
    for kwargs in ({}, {"round_id": round_id}):
        expected = tandems.list_tandems(db, **kwargs)
        assert len(expected) > 7
        assert joined(tandems.tandem_pages(db, size=7, **kwargs)) == expected
    pairs = tandems.tandem_pairs(db, round_id)
    assert sorted((t.id, t.mentor_name, t.mentee_name, t.status) for t in pairs) == sorted(
        (t.id, t.mentor_name, t.mentee_name, t.status) for t in tandems.list_tandems(db, round_id)
    )
    some_tandem = tandems.list_tandems(db, round_id)[0].id
    for kwargs in ({}, {"round_id": round_id}, {"tandem_id": some_tandem}):
        expected_sessions = sorted(sessions.list_sessions(db, **kwargs), key=by_id)
        assert expected_sessions
        assert joined(sessions.session_pages(db, size=7, **kwargs)) == expected_sessions


def test_an_empty_file_gives_no_pages(db: Database) -> None:
    assert list(participants.participant_pages(db)) == []
    assert list(sessions.session_pages(db)) == []
    assert list(tandems.tandem_pages(db)) == []
