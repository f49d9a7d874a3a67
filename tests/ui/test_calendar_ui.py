"""Send to Outlook (.ics) in the window: the save dialog's suggested name (Windows-legal,
German and English), the file written on a worker and read back with icalendar (one event per
meeting, stable UIDs, attendees, agenda in the description), the message that explains how to
open it in Outlook, the menu command, a tandem chosen, and a folder that does not exist."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt

from app import i18n
from app.db import create_database
from app.model import SessionInput, SessionStatus
from app.services import common, sessions
from tests.helpers.builders import SESSIONS_TODAY, build_sessions_program
from tests.ui.conftest import make_window
from ui.calendar_actions import CalendarExport, ics_file_name
from ui.main_window import MainWindow
from ui.views.sessions import SessionsView


# The sessions tests' program: today is 2 March 2026, the first day of "Spring 2026".
@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(common, "today", lambda: SESSIONS_TODAY)
    return SESSIONS_TODAY


@pytest.fixture
def program(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "program.tandem"
    db = create_database(path)
    ids = build_sessions_program(db)
    db.close()
    return path, ids


@pytest.fixture
def window(qtbot, program, contexts) -> MainWindow:
    return make_window(qtbot, program[0], contexts)


def add_meetings(window: MainWindow, tandem_id: int) -> list[int]:
    db = window.context.db
    held = sessions.create_session(
        db, tandem_id, SessionInput(datetime(2026, 3, 4, 10), 60, "Room 4", SessionStatus.HELD)
    )
    sessions.set_agenda(db, held.id, [("Prompting basics", "Bring a task")])
    cancelled = sessions.create_session(
        db, tandem_id, SessionInput(datetime(2026, 4, 1, 10), status=SessionStatus.CANCELLED)
    )
    coming = sessions.create_session(
        db, tandem_id, SessionInput(datetime(2026, 4, 29, 14, 30), 90, "https://teams.example/x")
    )
    window.context.notify_changed("sessions")
    return [held.id, cancelled.id, coming.id]


def events_of(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def export_from_view(qtbot, view: SessionsView) -> CalendarExport:
    export = view.send_to_outlook()
    assert isinstance(export, CalendarExport)
    with qtbot.waitSignal(export.done, timeout=10_000) as blocker:
        pass
    assert blocker.args == [True]
    return export


def test_export_a_round_and_read_it_back(
    window, program, qtbot, save_dialog, answers, tmp_path: Path
) -> None:
    ids = program[1]
    first = add_meetings(window, ids["first"])
    sessions.create_session(  # the proposed tandem's people have not agreed: no invitation
        window.context.db, ids["second"], SessionInput(datetime(2026, 3, 5, 9))
    )
    window.context.notify_changed("sessions")
    view = window.show_view("sessions")
    target = tmp_path / "out" / "Spring.ics"
    target.parent.mkdir()
    save_dialog.answer = (str(target), "")
    export = export_from_view(qtbot, view)

    caption, suggested, filters = save_dialog.asked[0]
    assert caption == "Send to Outlook (.ics)"
    assert Path(suggested).name == "Meetings-Spring 2026.ics"
    assert filters == "Calendar file for Outlook (*.ics)"
    assert export.result is not None and export.result.events == 2
    assert answers["texts"] == ["2 meetings were saved for Outlook in:"]
    details = answers["details"][0]
    assert str(target) in details
    assert "cancelled (Outlook removes" not in details
    assert (
        "1 meeting of proposed tandems was left out: their people have not agreed yet." in details
    )
    assert "1 cancelled meeting was left out: it was never sent." in details
    assert "double-click the file" in details and "Import an iCalendar (.ics) file" in details

    events = events_of(target)
    assert len(events) == 2
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 2
    assert {int(u.split("-")[1]) for u in uids} == {first[0], first[2]}
    by_id = {int(str(e["uid"]).split("-")[1]): e for e in events}
    held = by_id[first[0]]
    assert "Prompting basics" in str(held["description"])
    assert str(held["location"]) == "Room 4"
    assert {str(a) for a in held.get("attendee")} == {
        "mailto:finn@example.com",
        "mailto:sabine@example.com",
    }
    assert by_id[first[2]].decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2026-04-29 14:30"

    # A second export after a change updates the same events (same UIDs, higher sequence).
    sessions.update_session(
        window.context.db,
        first[2],
        SessionInput(datetime(2026, 4, 29, 15), 90, "https://teams.example/x"),
    )
    export_from_view(qtbot, view)
    again = {str(e["uid"]): e for e in events_of(target)}
    assert set(again) == set(uids)
    changed = again[str(by_id[first[2]]["uid"])]
    assert int(changed["sequence"]) == int(by_id[first[2]].get("sequence", 0)) + 1

    # Cancelled after it was sent: the next file withdraws it from the calendars.
    sessions.set_statuses(window.context.db, {first[2]: SessionStatus.CANCELLED})
    export_from_view(qtbot, view)
    assert "1 of them is cancelled (Outlook removes it)." in answers["details"][-1]
    last = {str(e["uid"]): e for e in events_of(target)}
    assert set(last) == set(uids)
    withdrawn = last[str(by_id[first[2]]["uid"])]
    assert str(withdrawn["status"]) == "CANCELLED"
    assert int(withdrawn["sequence"]) == int(changed["sequence"]) + 1


def test_export_one_tandem_from_the_menu(
    window, program, qtbot, save_dialog, answers, tmp_path: Path
) -> None:
    ids = program[1]
    add_meetings(window, ids["first"])
    sessions.create_session(window.context.db, ids["second"], SessionInput(datetime(2026, 3, 5, 9)))
    view = window.show_view("sessions")
    view.set_tandem(ids["first"])
    target = tmp_path / "tandem"  # the .ics extension is added
    save_dialog.answer = (str(target), "")
    action = next(
        a for a in window.registered_actions if a.text() == "Send meetings to &Outlook (.ics)…"
    )
    action.trigger()
    qtbot.waitUntil(lambda: bool(answers["texts"]), timeout=10_000)
    assert Path(save_dialog.asked[0][1]).name == "Meetings-Finn Bauer-Sabine Roth.ics"
    assert answers["texts"] == ["2 meetings were saved for Outlook in:"]
    assert len(events_of(tmp_path / "tandem.ics")) == 2  # the cancelled one was never sent


def test_the_ics_button_and_a_cancelled_save(window, program, qtbot, save_dialog, answers) -> None:
    add_meetings(window, program[1]["first"])
    view = window.show_view("sessions")
    save_dialog.answer = ("", "")
    qtbot.mouseClick(view.ics_button, Qt.MouseButton.LeftButton)
    assert len(save_dialog.asked) == 1  # asked, then nothing happens
    assert answers["texts"] == []
    assert view.ics_button.isEnabled()
    view.set_round(None)  # all rounds: choose one first
    assert not view.ics_button.isEnabled()


def test_a_folder_that_vanished_is_reported(
    window, program, qtbot, save_dialog, answers, tmp_path: Path
) -> None:
    add_meetings(window, program[1]["first"])
    view = window.show_view("sessions")
    save_dialog.answer = (str(tmp_path / "gone" / "x.ics"), "")
    export = view.send_to_outlook()
    with qtbot.waitSignal(export.done, timeout=10_000) as blocker:
        pass
    assert blocker.args == [False]
    assert answers["texts"] == ["The calendar file was not saved."]
    assert "does not exist" in answers["details"][0]


def test_file_names_are_legal_on_windows() -> None:
    assert ics_file_name('Spring: "A/B" <2026>?') == "Meetings-Spring- -A-B- -2026--.ics"
    assert ics_file_name("Anna & <b>Lee</b>") == "Meetings-Anna & -b-Lee--b-.ics"
    name = ics_file_name("x" * 300)
    assert len(name) <= 84 and name.endswith(".ics")
    previous = i18n.language()
    i18n.set_language("de")
    try:
        assert ics_file_name("Frühjahr 2026") == "Treffen-Frühjahr 2026.ics"
    finally:
        i18n.set_language(previous)


def test_nothing_to_send_says_so(window, program, save_dialog, answers) -> None:
    view = window.show_view("sessions")
    assert view.send_to_outlook() is None
    assert save_dialog.asked == []
    assert answers["texts"] == [
        "There are no meetings to send yet. Plan them first with “Plan meetings…” in the "
        "Meetings view."
    ]


def test_nothing_to_come_of_agreed_tandems_is_not_sent(
    window, program, save_dialog, answers
) -> None:
    """Meetings only of the proposed tandem, and past ones of the active tandem: no file is
    asked for, and the message says what was left out and why."""
    ids = program[1]
    db = window.context.db
    sessions.create_session(db, ids["second"], SessionInput(datetime(2026, 3, 5, 9)))
    sessions.create_session(db, ids["first"], SessionInput(datetime(2026, 2, 24, 9)))
    window.context.notify_changed("sessions")
    view = window.show_view("sessions")
    assert view.send_to_outlook() is None
    assert save_dialog.asked == []
    assert answers["texts"] == ["There is no meeting to send."]
    assert answers["details"][0].splitlines() == [
        "1 meeting before today was left out.",
        "1 meeting of proposed tandems was left out: their people have not agreed yet.",
        "",
        "Only meetings still to come of agreed and active tandems are sent: people who have "
        "not agreed get no invitations.",
    ]
