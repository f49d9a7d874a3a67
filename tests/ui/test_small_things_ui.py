"""Scene 7, the smaller things: the Overview's tandem figures read as a sentence; "New
meeting…" says what it waits for while it is disabled; English dates read "31 Aug 2026"
while files for programs (CSV, JSON) keep ISO dates."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.cli import run
from app.model import TandemStatus
from app.services import exports
from tests.ui.conftest import make_window
from ui.models import participants as cols
from ui.views.sessions import DATE

NEW_MEETING_HINT = (
    "Choose a tandem in the box above, or select one of its meetings, to add a meeting to it."
)


def test_the_overview_says_how_many_tandems_in_a_sentence(qtbot, program_file, contexts) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("overview")
    assert view.tandems_label.text() == "1 active and 1 proposed (2 in all)"
    window.switch_language("de")
    view = window.show_view("overview")
    assert view.tandems_label.text() == "1 aktiv und 1 vorgeschlagen (2 insgesamt)"
    window.switch_language("en")


def test_the_overview_counts_alike_tandems_once(qtbot, program_file, contexts) -> None:
    window = make_window(qtbot, program_file, contexts)
    db = window.context.db
    from app.services.tandems import list_tandems, set_status

    for tandem in list_tandems(db):
        if tandem.status == TandemStatus.PROPOSED:
            set_status(db, tandem.id, TandemStatus.AGREED)
            set_status(db, tandem.id, TandemStatus.ACTIVE)
    window.context.notify_changed()
    view = window.show_view("overview")
    assert view.tandems_label.text() == "2 active"


def test_new_meeting_says_what_it_waits_for(qtbot, program_file, contexts) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("sessions")
    view.set_tandem(None)
    # The meetings are read between events: wait until they are shown.
    qtbot.waitUntil(lambda: view.settled() and view.proxy.rowCount() > 0)
    view.table.clearSelection()
    button = view.new_button
    assert not button.isEnabled()
    assert button.toolTip() == NEW_MEETING_HINT and button.statusTip() == NEW_MEETING_HINT
    # Selecting one of the meetings names its tandem: the button works and says what it does.
    view.table.selectRow(0)
    assert button.isEnabled()
    assert button.toolTip().startswith("Add a meeting to the tandem chosen above")
    view.table.clearSelection()
    assert button.toolTip() == NEW_MEETING_HINT
    view.set_tandem(view.tandem_filter.itemData(1))
    qtbot.waitUntil(view.settled)
    assert button.isEnabled() and button.toolTip() != NEW_MEETING_HINT
    window.switch_language("de")
    view = window.show_view("sessions")
    view.set_tandem(None)
    qtbot.waitUntil(view.settled)
    view.table.clearSelection()
    assert view.new_button.toolTip() == (
        "Wählen Sie oben ein Tandem oder eines seiner Treffen aus, um ihm ein Treffen hinzuzufügen."
    )
    window.switch_language("en")


def test_english_dates_read_31_aug_2026_and_files_keep_iso(
    qtbot, program_file: Path, contexts, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = make_window(qtbot, program_file, contexts)
    people = window.show_view("participants")
    shown = {
        people.proxy.index(r, cols.NAME).data(): people.proxy.index(r, cols.CONSENT).data()
        for r in range(people.proxy.rowCount())
    }
    assert shown["Dagmar Özdemir"] == "5 Jan 2026"
    meetings = window.show_view("sessions")
    first = meetings.proxy.index(0, DATE).data()
    day, month, year, time = first.split(" ")
    assert day.isdigit() and month in ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
    assert len(year) == 4 and time.endswith(":00")
    window.switch_language("de")
    people = window.show_view("participants")
    german = {
        people.proxy.index(r, cols.NAME).data(): people.proxy.index(r, cols.CONSENT).data()
        for r in range(people.proxy.rowCount())
    }
    assert german["Dagmar Özdemir"] == "05.01.2026"
    window.switch_language("en")

    # A CSV in English and the JSON of the command line keep ISO dates for other programs.
    db = window.context.db
    out = tmp_path / "list.csv"
    exports.export_participants(db, out)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    dagmar = next(r for r in rows if r["First name"] == "Dagmar")
    assert dagmar["Consent date"] == "2026-01-05"
    window.context.close()
    assert run(["--db", str(program_file), "list", "participants", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(p.get("consent_date") == "2026-01-05" for p in data)
