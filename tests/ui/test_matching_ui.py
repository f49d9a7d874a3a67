"""The matching dialog on a real program file: proposals with their reasons, the people left
unmatched with why, weights that change the scores (calculated on the worker), unchecking a
proposal, a swap refused for a rule and one allowed, and creating exactly the checked pairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.db import create_database
from app.model import Role, RoundInput
from app.services import rounds, tandems
from tests.helpers.builders import participant
from tests.helpers.widgets import script_dialog, tandems_view
from tests.ui.conftest import make_window
from ui.matching_dialog import FIT, MENTEE, MENTOR, REASONS, MatchingDialog


@pytest.fixture
def match_file(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Three mentors and four mentees with topics; Gina reports to Sabine; Nils has not
    consented; nobody teaches what Lars wants to learn."""
    path = tmp_path / "match.tandem"
    db = create_database(path)
    ids: dict[str, int] = {}
    ids["sabine"] = participant(db, "Sabine", "Sommer", Role.MENTEE, department="Board",
                           wants_to_learn=("AI tools",))  # fmt: skip
    ids["rolf"] = participant(db, "Rolf", "Roth", Role.MENTEE, department="Finance",
                         wants_to_learn=("Social media",))  # fmt: skip
    ids["ute"] = participant(db, "Ute", "Ulm", Role.MENTEE, department="Legal",
                        wants_to_learn=("Podcasting",))  # fmt: skip
    ids["lars"] = participant(db, "Lars", "Lonely", Role.MENTEE, department="Works",
                         wants_to_learn=("Knitting",))  # fmt: skip
    ids["finn"] = participant(db, "Finn", "Fischer", Role.MENTOR, department="IT",
                         can_teach=("AI tools",))  # fmt: skip
    ids["gina"] = participant(db, "Gina", "Graf", Role.MENTOR, department="Sales",
                         manager_id=ids["sabine"], can_teach=("Social media",))  # fmt: skip
    ids["hugo"] = participant(db, "Hugo", "Hahn", Role.MENTOR, department="Marketing",
                         can_teach=("Podcasting",))  # fmt: skip
    ids["nils"] = participant(db, "Nils", "Noconsent", Role.MENTOR, department="IT",
                         consent_date=None, can_teach=("Knitting",))  # fmt: skip
    today = date.today()
    ids["round"] = rounds.create_round(
        db, RoundInput("Spring", today - timedelta(days=10), today + timedelta(days=170))
    ).id
    db.close()
    return path, ids


def wait_done(qtbot, dialog: MatchingDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.match is not None, timeout=20_000)


def shown_dialog(qtbot, window, round_id: int) -> MatchingDialog:
    """The matching dialog of a round, shown, with its proposal calculated."""
    dialog = MatchingDialog(window.context, round_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_done(qtbot, dialog)
    return dialog


def rows(dialog: MatchingDialog) -> list[tuple[str, str, str, str]]:
    t = dialog.table
    return [
        (t.item(r, MENTOR).text(), t.item(r, MENTEE).text(), t.item(r, FIT).text(),
         t.item(r, REASONS).text())
        for r in range(t.rowCount())
    ]  # fmt: skip


def row_of(dialog: MatchingDialog, mentor: str) -> int:
    return next(r for r, row in enumerate(rows(dialog)) if row[0] == mentor)


def select_rows(dialog: MatchingDialog, wanted: list[int]) -> None:
    dialog.table.clearSelection()
    model = dialog.table.selectionModel()
    for r in wanted:
        model.select(
            dialog.table.model().index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_proposals_with_reasons_uncheck_one_and_create_the_rest(
    qtbot, match_file, contexts, monkeypatch
) -> None:
    path, ids = match_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    seen: dict[str, Any] = {}

    def script(dialog: MatchingDialog) -> None:
        assert dialog.busy.isVisible()  # the calculation runs on the worker
        wait_done(qtbot, dialog)
        assert not dialog.busy.isVisible()
        seen["rows"] = rows(dialog)
        t = dialog.unmatched_table
        seen["unmatched"] = {t.item(r, 0).text(): t.item(r, 2).text() for r in range(t.rowCount())}
        seen["summary"] = dialog.summary.text()
        seen["optimal_hint"] = dialog.optimal_hint.isVisible()
        dialog.set_checked(row_of(dialog, "Hugo Hahn"), False)
        seen["button"] = dialog.create_button.text()
        seen["summary_after"] = dialog.summary.text()
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    opened = script_dialog(monkeypatch, MatchingDialog, script)
    qtbot.mouseClick(view.propose_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    by_mentor = {r[0]: r for r in seen["rows"]}
    assert set(by_mentor) == {"Finn Fischer", "Gina Graf", "Hugo Hahn"}
    finn = by_mentor["Finn Fischer"]
    assert finn[1] == "Sabine Sommer" and finn[2] == "●●○○○"  # 3 of 9 points: 2 per topic + 1
    assert finn[3] == "Finn teaches “AI tools”, which Sabine wants to learn\ndifferent departments"
    assert by_mentor["Gina Graf"][1] == "Rolf Roth"
    assert seen["unmatched"]["Nils Noconsent"] == "no consent yet"
    assert "Lars Lonely" in seen["unmatched"] and seen["unmatched"]["Lars Lonely"]
    assert seen["summary"].startswith("3 pairs proposed.")
    assert "2 people are left without a pair" in seen["summary"]
    assert not seen["optimal_hint"]
    assert seen["button"] == "Create 2 tandems"
    assert "2 of them checked." in seen["summary_after"]
    made = {
        (t.mentor_id, t.mentee_id) for t in tandems.list_tandems(window.context.db, ids["round"])
    }
    assert made == {(ids["finn"], ids["sabine"]), (ids["gina"], ids["rolf"])}
    made_tandem = tandems.list_tandems(window.context.db, ids["round"])
    assert {t.focus_topics for t in made_tandem} == {("AI tools",), ("Social media",)}
    assert view.proxy.rowCount() == 2  # the view shows them at once


def test_a_swap_that_breaks_a_rule_is_refused_and_an_allowed_one_is_made(
    qtbot, match_file, contexts, answers
) -> None:
    path, ids = match_file
    window = make_window(qtbot, path, contexts)
    dialog = shown_dialog(qtbot, window, ids["round"])
    before = rows(dialog)
    assert not dialog.swap_button.isEnabled()
    select_rows(dialog, [row_of(dialog, "Finn Fischer"), row_of(dialog, "Gina Graf")])
    assert dialog.swap_button.isEnabled()
    qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    assert len(answers["texts"]) == 1
    assert answers["texts"][0].startswith("These mentees cannot be swapped:")
    assert "Gina Graf reports directly to Sabine Sommer" in answers["texts"][0]
    assert rows(dialog) == before

    dialog.set_checked(row_of(dialog, "Hugo Hahn"), False)
    select_rows(dialog, [row_of(dialog, "Finn Fischer"), row_of(dialog, "Hugo Hahn")])
    qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    assert len(answers["texts"]) == 1  # no refusal this time
    after = {r[0]: r for r in rows(dialog)}
    assert after["Finn Fischer"][1] == "Ute Ulm" and after["Hugo Hahn"][1] == "Sabine Sommer"
    assert (
        after["Finn Fischer"][3] == "different departments" and after["Finn Fischer"][2] == "●○○○○"
    )
    assert dialog.create_button.text() == "Create 3 tandems"  # swapped pairs are checked
    dialog.set_checked(row_of(dialog, "Gina Graf"), False)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    made = {
        (t.mentor_id, t.mentee_id) for t in tandems.list_tandems(window.context.db, ids["round"])
    }
    assert made == {(ids["finn"], ids["ute"]), (ids["hugo"], ids["sabine"])}


def test_weights_change_the_scores_and_a_result_not_proven_optimal_says_so(
    qtbot, match_file, contexts
) -> None:
    path, ids = match_file
    window = make_window(qtbot, path, contexts)
    dialog = shown_dialog(qtbot, window, ids["round"])
    assert not dialog.spins["mentee_learns"].isVisible()  # the defaults suit most programs
    qtbot.mouseClick(dialog.weights_toggle, Qt.MouseButton.LeftButton)
    assert dialog.spins["mentee_learns"].isVisible()
    labels = [dialog.spins[name].accessibleName() for name in dialog.spins]
    assert labels[0] == "Per topic the mentee wants to learn and the mentor can teach"
    dialog.spins["mentee_learns"].setValue(5)
    dialog.spins["different_departments"].setValue(0.5)
    first = dialog.match
    qtbot.mouseClick(dialog.recalculate_button, Qt.MouseButton.LeftButton)
    assert not dialog.recalculate_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.match is not first and not dialog.is_busy(), timeout=20_000)
    finn = dict((r[0], r[2]) for r in rows(dialog))["Finn Fischer"]
    assert finn == "●●○○○"  # 5.5 of 3 x 5 + 2 x 1 + 0.5 = 17.5 points
    fit_item = dialog.table.item(row_of(dialog, "Finn Fischer"), FIT)
    assert fit_item.toolTip() == "Fit 2 of 5: 5.5 of the 17.5 points of a very good pair"
    assert "(17.5 points with these weights)" in dialog.legend.text()
    assert dialog.match.weights.mentee_learns == 5
    # keyboard: Space on the current proposal unchecks it
    dialog.activateWindow()
    dialog.table.setFocus()
    dialog.table.setCurrentCell(row_of(dialog, "Finn Fischer"), MENTOR)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert row_of(dialog, "Finn Fischer") not in dialog.checked_rows()
    assert dialog.create_button.text() == "Create 2 tandems"
    dialog._show_result(replace(dialog.match, optimal=False))
    assert dialog.optimal_hint.isVisible()
    assert dialog.optimal_hint.text().startswith("Not proven optimal")
    dialog.reject()
    assert tandems.list_tandems(window.context.db, ids["round"]) == []


def test_the_new_tandem_form_explains_the_fit_and_suggests_shared_topics(
    qtbot, match_file, contexts
) -> None:
    from ui.tandem_form import TandemForm

    path, ids = match_file
    window = make_window(qtbot, path, contexts)
    form = TandemForm(window.context.db, ids["round"], window)
    qtbot.addWidget(form)
    form.show()
    form.mentor.select_person(ids["finn"])
    form.mentee.select_person(ids["sabine"])
    assert form.fit_label.text() == (
        "• Finn teaches “AI tools”, which Sabine wants to learn\n• different departments"
    )
    assert form.focus_topics.tags() == ("AI tools",)
    form.mentee.select_person(ids["ute"])  # the suggestion follows the pair ...
    assert form.fit_label.text() == "different departments"
    assert form.focus_topics.tags() == ()
    form.focus_topics.add_tag("Podcasting")  # ... until HR chooses topics themselves
    form.mentee.select_person(ids["sabine"])
    assert form.focus_topics.tags() == ("Podcasting",)
    form.mentor.select_person(ids["gina"])  # reports to Sabine: refused, no fit shown
    assert "reports directly to Sabine Sommer" in form.error_text()
    assert form.fit_label.isHidden()
    form.reject()


def test_a_demo_round_is_matched_run_and_closed_in_the_window(
    qtbot, demo_file, contexts, monkeypatch, answers
) -> None:
    from app.model import CheckinPhase, TandemStatus
    from app.services.checkins import list_checkins
    from ui.checkin_dialog import CheckinDialog
    from ui.tandem_detail import AgreementDialog

    window = make_window(qtbot, demo_file, contexts)
    view = tandems_view(window)
    db = window.context.db
    round_id = view.round_combo.currentData()
    before = len(tandems.list_tandems(db, round_id))
    seen: dict[str, int] = {}

    def accept_all(dialog: MatchingDialog) -> None:
        wait_done(qtbot, dialog)
        seen["proposed"] = len(dialog.proposals)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, MatchingDialog, accept_all)
    qtbot.mouseClick(view.propose_button, Qt.MouseButton.LeftButton)
    assert seen["proposed"] > 0
    assert len(tandems.list_tandems(db, round_id)) == before + seen["proposed"]
    assert view.proxy.rowCount() == before + seen["proposed"]
    tandem = view.selected()
    assert tandem.status == TandemStatus.PROPOSED

    script_dialog(monkeypatch, AgreementDialog, lambda dialog: dialog.accept())
    qtbot.mouseClick(view.detail.agree_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.detail.start_button, Qt.MouseButton.LeftButton)
    for phase in (CheckinPhase.MID, CheckinPhase.FINAL):
        for person_row in (0, 1):

            def record(dialog: CheckinDialog, phase=phase, person_row=person_row) -> None:
                dialog.person.setCurrentIndex(person_row)
                dialog.phase.setCurrentIndex(dialog.phase.findData(str(phase)))
                dialog.relationship.set_value(4)
                dialog.progress.set_value(5)
                qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

            script_dialog(monkeypatch, CheckinDialog, record)
            qtbot.mouseClick(view.detail.checkin_button, Qt.MouseButton.LeftButton)
    assert len(view.detail.checkin_rows()) == 4
    qtbot.mouseClick(view.detail.complete_button, Qt.MouseButton.LeftButton)
    done = tandems.get_tandem(db, tandem.id)
    assert done.status == TandemStatus.COMPLETED and len(list_checkins(db, tandem.id)) == 4
    assert view.selected().id == tandem.id and view.detail.status_label.text().startswith(
        "Completed"
    )
