"""Consent in the window (issue 11, section 1), replayed on `mitarbeiter_excel_de.csv` (13
people, no consent column): the import's summary says how many have no consent date and what
follows, with a way to show them; the participants view marks missing consent with a sign,
filters on it, and records consent for many selected people in one undoable step; the
matching proposal names who was left out for missing consent and links to them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.db import create_database
from app.imports.engine import ImportSession
from app.model import RoundInput
from app.services import common, participants, rounds
from tests.ui.conftest import make_window
from ui import import_wizard
from ui.consent.dialog import ConsentDialog
from ui.main_window import MainWindow
from ui.matching_dialog import MatchingDialog
from ui.models import participants as cols
from ui.views.participants import ParticipantsView

TODAY = date(2026, 9, 14)
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "mitarbeiter_excel_de.csv"
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 2


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "today", lambda: TODAY)


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.tandem"
    create_database(path).close()
    return path


@pytest.fixture
def imported_file(tmp_path: Path) -> Path:
    """The sample imported (nobody has consent yet), and a running round."""
    path = tmp_path / "imported.tandem"
    db = create_database(path)
    ImportSession.open(SAMPLE).apply(db)
    rounds.create_round(
        db, RoundInput("Herbst 2026", TODAY - timedelta(days=7), TODAY + timedelta(days=160))
    )
    db.close()
    return path


def participants_view(window: MainWindow) -> ParticipantsView:
    view = window.show_view("participants")
    assert isinstance(view, ParticipantsView)
    return view


def shown_people(view: ParticipantsView) -> list:
    proxy = view.table.model()
    return [proxy.index(r, cols.NAME).data(ROW_ROLE) for r in range(proxy.rowCount())]


def consent_cell(view: ParticipantsView, row: int):
    return view.table.model().index(row, cols.CONSENT)


def record_for_selection(qtbot, view: ParticipantsView, drive) -> list[ConsentDialog]:
    """Click "Record consent…" and save the dialog as it comes (the date it proposes)."""

    def script(dialog: ConsentDialog) -> None:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    opened = drive(ConsentDialog, script)
    qtbot.mouseClick(view.consent_button, Qt.MouseButton.LeftButton)
    return opened


def test_import_then_show_and_record_everyones_consent(
    qtbot, empty_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, empty_file, contexts)
    wizard = import_wizard.run(window)
    assert wizard is not None
    assert wizard.file_page.load(SAMPLE)
    wizard.next()
    wizard.next()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)
    page = wizard.run_page
    assert page.consent_label.isVisible() and page.consent_button.isVisible()
    assert page.consent_label.text() == (
        "13 people have no consent date: they will not be proposed for pairs until consent "
        "is recorded. Select them in Participants and record their consent in one step with "
        "“Record consent…”."
    )
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(page.consent_button, Qt.MouseButton.LeftButton)

    assert window.current_view_key() == "participants"
    view = participants_view(window)
    assert view.consent_missing.isChecked()
    assert len(shown_people(view)) == 13 and view.count_label.text() == "13 participants"
    window.activateWindow()  # as the system does when the wizard closes
    qtbot.waitUntil(view.table.hasFocus)  # the keyboard is on the list, ready for Ctrl+A
    for row in range(13):
        cell = consent_cell(view, row)
        assert cell.data() == "missing"
        assert cell.data(Qt.ItemDataRole.DecorationRole) is not None  # the sign, not only a word
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
            "No consent recorded: this person is not proposed for pairs."
        )

    qtbot.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.consent_button.isEnabled()
    seen: dict[str, str] = {}

    def script(dialog: ConsentDialog) -> None:
        seen["who"] = dialog.who.text()
        seen["date"] = dialog.date.date().toString("yyyy-MM-dd")
        seen["kept"] = dialog.kept.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    drive(ConsentDialog, script)
    qtbot.mouseClick(view.consent_button, Qt.MouseButton.LeftButton)
    assert seen["who"].startswith("Consent of 13 people: ")
    assert seen["who"].endswith(" and 8 more")
    assert (seen["date"], seen["kept"]) == ("2026-09-14", False)
    db = window.context.db
    assert {p.consent_date for p in participants.list_participants(db)} == {TODAY}
    assert shown_people(view) == []  # nobody is missing consent any more
    assert view.count_label.text() == "0 of 13 participants"

    assert window.action_undo.text() == "&Undo record consent of 13 people"
    window.action_undo.trigger()
    assert {p.consent_date for p in participants.list_participants(db)} == {None}
    assert len(shown_people(view)) == 13
    window.action_redo.trigger()
    assert {p.consent_date for p in participants.list_participants(db)} == {TODAY}


def test_the_mark_the_filter_and_a_mixed_selection(
    qtbot, imported_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, imported_file, contexts)
    db = window.context.db
    people = participants.list_participants(db)
    finn = next(p for p in people if p.first_name == "Finn")
    participants.record_consent(db, [finn.id], date(2026, 8, 3))
    window.context.notify_changed("participants")
    view = participants_view(window)

    assert view.select_participant(finn.id)
    row = view.table.currentIndex().row()
    assert consent_cell(view, row).data() == "3 Aug 2026"
    assert consent_cell(view, row).data(Qt.ItemDataRole.DecorationRole) is None

    # The filter: reachable by Tab right after the four combos, combined with them.
    widget = view.filter_combos[-1].nextInFocusChain()
    while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        widget = widget.nextInFocusChain()
    assert widget is view.consent_missing
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert view.consent_missing.isChecked()
    assert finn.id not in {p.id for p in shown_people(view)}
    assert view.count_label.text() == "12 of 13 participants"
    view.set_filter(view.role_filter, "mentor")
    mentors = [p for p in shown_people(view)]
    assert mentors and all(p.role == "mentor" and p.consent_date is None for p in mentors)
    view.set_filter(view.role_filter, None)

    # A selection of some with and some without consent: only those without get the date.
    qtbot.keyClick(view.consent_missing, Qt.Key.Key_Space)
    assert not view.consent_missing.isChecked()
    view.table.selectAll()
    seen: dict[str, str] = {}

    def script(dialog: ConsentDialog) -> None:
        seen["kept"] = dialog.kept.text()
        dialog.date.setDate(dialog.date.date().addDays(-3))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    drive(ConsentDialog, script)
    qtbot.mouseClick(view.consent_button, Qt.MouseButton.LeftButton)
    assert seen["kept"] == (
        "1 selected person has a consent date already and keeps it (change it in their form)."
    )
    dates = {p.id: p.consent_date for p in participants.list_participants(db)}
    assert dates.pop(finn.id) == date(2026, 8, 3)
    assert set(dates.values()) == {date(2026, 9, 11)}

    # Only people who have consent already: nothing to record.
    view.select_participant(finn.id)
    opened = drive(ConsentDialog, lambda dialog: dialog.reject())
    qtbot.mouseClick(view.consent_button, Qt.MouseButton.LeftButton)
    assert opened[0].who.text() == "Everyone selected has a consent date already."
    assert not opened[0].save_button.isEnabled()


def test_the_proposal_names_who_lacks_consent_and_shows_them(
    qtbot, imported_file: Path, contexts, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, imported_file, contexts)
    db = window.context.db
    people = participants.list_participants(db)
    two = [p.id for p in people if p.first_name in ("Finn", "Monika")]
    participants.record_consent(db, two)
    tandems = window.show_view("tandems")
    seen: dict[str, object] = {}

    def script(dialog: MatchingDialog) -> None:
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.match is not None, timeout=20_000)
        seen["visible"] = dialog.consent_row.isVisible()
        seen["text"] = dialog.consent_hint.text()
        seen["pairs"] = dialog.table.rowCount()
        qtbot.mouseClick(dialog.show_no_consent_button, Qt.MouseButton.LeftButton)

    opened: list[MatchingDialog] = []

    def fake_exec(dialog: MatchingDialog) -> int:
        opened.append(dialog)
        script(dialog)
        return int(dialog.result())

    monkeypatch.setattr(MatchingDialog, "exec", fake_exec)
    qtbot.mouseClick(tandems.propose_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and not opened[0].isVisible()
    assert seen["visible"] and seen["pairs"] == 1
    assert seen["text"] == (
        "11 people were left out because their consent is not recorded yet. They are "
        "proposed once their consent is recorded."
    )
    assert window.current_view_key() == "participants"
    view = participants_view(window)
    assert view.consent_missing.isChecked()
    assert len(shown_people(view)) == 11


def test_consent_in_german(qtbot, imported_file: Path, contexts, drive) -> None:
    window = make_window(qtbot, imported_file, contexts)
    window.language_actions["de"].trigger()
    view = participants_view(window)
    assert view.consent_missing.text() == "Nur ohne Ein&willigung"
    assert view.consent_button.text() == "Einwilligung erfassen…"
    assert consent_cell(view, 0).data() == "fehlt"
    view.show_filtered("consent_missing")
    assert view.count_label.text() == "13 Teilnehmende"
    view.table.selectAll()
    seen: dict[str, str] = {}

    def script(dialog: ConsentDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["who"] = dialog.who.text()
        seen["date"] = dialog.date.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    drive(ConsentDialog, script)
    qtbot.mouseClick(view.consent_button, Qt.MouseButton.LeftButton)
    assert seen["title"] == "Einwilligung erfassen"
    assert seen["who"].startswith("Einwilligung von 13 Personen: ")
    assert seen["who"].endswith(" und 8 weitere")
    assert seen["date"] == "14.09.2026"
    assert window.action_undo.text() == "&Rückgängig: Einwilligung von 13 Personen erfassen"
