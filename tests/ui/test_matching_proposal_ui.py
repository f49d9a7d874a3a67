"""Scene 3 of the first round, replayed in the window: the proposal fills the round up to its
target (which HR can change from the dialog), every column earns its place, the fit has a
scale that is explained, the reasons wrap fully, and "both" is explained where it applies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QSpinBox

from app.db import create_database
from app.model import Role, RoundInput
from app.services import rounds, tandems
from app.services.participants import get_participant, list_participants, update_participant
from tests.helpers.builders import participant
from tests.helpers.widgets import script_dialog, tandems_view
from tests.ui.conftest import make_window
from ui.matching_dialog import FIT, MENTEE, MENTOR, REASONS, MatchingDialog
from ui.round_form import RoundForm

TOPICS = ["AI tools", "Social media", "Leadership", "Networking", "Strategy and decision-making"]


@pytest.fixture
def round_file(tmp_path: Path) -> tuple[Path, int]:
    """Eight mentors and eight mentees who could all be paired (mentor k shares 1 + k % 5
    topics with mentee k), a round meant to have three tandems; Ömer takes part in both
    roles: he could mentor Nadia or learn from Lea."""
    path = tmp_path / "round.tandem"
    db = create_database(path)
    for k in range(8):
        shared = tuple(TOPICS[: 1 + k % 5])
        participant(db, f"Mentor{k}", "Junior", Role.MENTOR, department="IT", can_teach=shared)
        participant(db, f"Mentee{k}", "Senior", Role.MENTEE, department="Board",
                    wants_to_learn=shared)  # fmt: skip
    participant(db, "Ömer", "Çelik", Role.BOTH, department="Sales",
                can_teach=("Sustainability", "Leadership"), wants_to_learn=("Podcasting",))  # fmt: skip
    participant(db, "Nadia", "Neu", Role.MENTEE, department="Legal",
                wants_to_learn=("Sustainability", "Leadership"))  # fmt: skip
    participant(db, "Lea", "Lauf", Role.MENTOR, department="HR", can_teach=("Podcasting",))
    today = date.today()
    round_id = rounds.create_round(
        db,
        RoundInput("Spring", today - timedelta(days=10), today + timedelta(days=170),
                   target_tandems=3),
    ).id  # fmt: skip
    db.close()
    return path, round_id


def wait_done(qtbot, dialog: MatchingDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.match is not None, timeout=20_000)


def texts(dialog: MatchingDialog, column: int) -> list[str]:
    return [dialog.table.item(r, column).text() for r in range(dialog.table.rowCount())]


def test_the_proposal_fills_the_target_best_first_and_the_target_can_be_changed(
    qtbot, round_file, contexts, monkeypatch
) -> None:
    path, round_id = round_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    seen: dict[str, Any] = {}

    def change_target(form: RoundForm) -> None:
        seen["focus_on_target"] = form.target.hasFocus() or form.focusWidget() is form.target
        form.target.setValue(5)
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    def script(dialog: MatchingDialog) -> None:
        wait_done(qtbot, dialog)
        seen["target"] = dialog.target_label.text()
        seen["rows"] = len(dialog.proposals)
        seen["dots"] = texts(dialog, FIT)
        seen["summary"] = dialog.summary.text()
        seen["button"] = dialog.create_button.text()
        script_dialog(monkeypatch, RoundForm, change_target)
        first = dialog.match
        qtbot.mouseClick(dialog.target_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.match is not first and not dialog.is_busy(), timeout=20_000)
        seen["after"] = (dialog.target_label.text(), len(dialog.proposals))
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, MatchingDialog, script)
    qtbot.mouseClick(view.propose_button, Qt.MouseButton.LeftButton)
    assert seen["target"] == (
        "This round's target: 3 tandems; it has 0, so up to 3 more pairs are proposed, "
        "the best first."
    )
    assert seen["rows"] == 3 and seen["button"] == "Create 3 tandems"
    # Best first: the most dots at the top.
    assert seen["dots"] == sorted(seen["dots"], reverse=True) and seen["dots"][0] == "●●●●●"
    assert "would fit as well: raise the round's target to pair them too." in seen["summary"]
    assert seen["focus_on_target"]
    assert seen["after"] == (
        "This round's target: 5 tandems; it has 0, so up to 5 more pairs are proposed, "
        "the best first.",
        5,
    )
    db = window.context.db
    assert rounds.get_round(db, round_id).target_tandems == 5
    assert len(tandems.list_tandems(db, round_id)) == 5
    # The Rounds view shows the target beside the tandems.
    shown = window.show_view("rounds")
    heads = [shown.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert heads[-2:] == ["Tandems", "Target"]
    assert [shown.proxy.index(0, c).data() for c in (5, 6)] == ["5", "5"]
    # A full round says so instead of proposing more.
    dialog = MatchingDialog(window.context, round_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_done(qtbot, dialog)
    assert dialog.proposals == []
    assert dialog.target_label.text() == (
        "This round's target: 5 tandems; it has 5 already, so no pair is proposed."
    )
    assert dialog.summary.text().startswith("No pairs are proposed: the round has reached its")
    assert not dialog.create_button.isEnabled()
    dialog.reject()


def test_every_column_earns_its_place_and_the_reasons_wrap_fully(
    qtbot, round_file, contexts
) -> None:
    path, round_id = round_file
    window = make_window(qtbot, path, contexts)
    rounds.update_round(
        window.context.db,
        round_id,
        RoundInput("Spring", date.today(), date.today() + timedelta(days=90)),
    )
    dialog = MatchingDialog(window.context, round_id, window)
    qtbot.addWidget(dialog)
    dialog.resize(760, 600)  # narrow: the reasons must wrap, not be cut
    dialog.show()
    wait_done(qtbot, dialog)
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Mentor", "Mentee", "Fit", "Why this pair"]
    assert "To confirm" not in headers and "Score" not in headers
    # The scale is explained: beside the table and on the column's header.
    scale = dialog.legend.text()
    assert scale.startswith("Fit: ●●●●● is a very good pair") and dialog.legend.isVisible()
    assert table.horizontalHeaderItem(FIT).toolTip() == scale
    assert table.item(0, FIT).toolTip().startswith("Fit 5 of 5: ")
    # Every column holds something in every row.
    for column in (MENTOR, MENTEE, FIT, REASONS):
        assert all(texts(dialog, column))
    # Topic names are quoted in every reason, one topic or several.
    reasons = texts(dialog, REASONS)
    assert any("teaches “AI tools”, which" in text for text in reasons)

    def cut_rows() -> list[str]:
        """The reasons whose row is lower than their text wrapped in the column's width."""
        width = table.columnWidth(REASONS)
        cut = []
        for row in range(table.rowCount()):
            text = table.item(row, REASONS).text()
            needed = table.fontMetrics().boundingRect(
                QRect(0, 0, width - 8, 100_000), int(Qt.TextFlag.TextWordWrap), text
            )
            if table.rowHeight(row) < needed.height():
                cut.append(text)
        return cut

    # Rows are fitted an event after the column's width changes (a scroll bar appearing
    # narrows it): wait for that, then no reason may be cut.
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.fontMetrics().height() * 2)
    try:
        qtbot.waitUntil(lambda: not cut_rows(), timeout=5_000)
    except qtbot.TimeoutError:
        pass
    assert cut_rows() == []
    # Making the dialog wider re-wraps the rows: they get lower, never cut.
    before = table.rowHeight(0)
    dialog.resize(1200, 600)
    qtbot.waitUntil(lambda: table.rowHeight(0) < before)
    dialog.reject()


def test_both_is_explained_where_it_applies(qtbot, round_file, contexts) -> None:
    path, round_id = round_file
    window = make_window(qtbot, path, contexts)
    db = window.context.db
    rounds.update_round(
        db, round_id, RoundInput("Spring", date.today(), date.today() + timedelta(days=90))
    )
    dialog = MatchingDialog(window.context, round_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_done(qtbot, dialog)
    omer = [r for r in range(dialog.table.rowCount()) if "Ömer" in dialog.table.item(r, 0).text()]
    # Ömer could also be Lea's mentee, but this round allows one tandem per person.
    assert len(omer) == 1
    assert all("Ömer" not in text for text in texts(dialog, MENTEE))
    assert (
        dialog.table.item(omer[0], REASONS)
        .text()
        .endswith("Note: Ömer takes part as mentor and as mentee; here Ömer is the mentor.")
    )
    assert dialog.both_hint.isVisible()
    assert dialog.both_hint.text() == (
        "People with the role “Mentor and mentee” are proposed in one of the two roles: this "
        "round allows one tandem per person."
    )
    unmatched = dialog.unmatched_table
    assert [unmatched.item(r, 0).text() for r in range(unmatched.rowCount())] == ["Lea Lauf"]
    dialog.reject()
    # When the round allows two tandems per person, Ömer is mentor and mentee, and told so.
    rounds.update_round(
        db,
        round_id,
        RoundInput("Spring", date.today(), date.today() + timedelta(days=90),
                   allow_two_tandems=True),
    )  # fmt: skip
    both = MatchingDialog(window.context, round_id, window)
    qtbot.addWidget(both)
    both.show()
    wait_done(qtbot, both)
    assert ("Lea Lauf", "Ömer Çelik") in zip(texts(both, MENTOR), texts(both, MENTEE), strict=True)
    assert both.both_hint.text() == (
        "People with the role “Mentor and mentee” may be proposed in both roles: this round "
        "allows two tandems per person."
    )
    both.reject()
    # Without anyone in both roles, nothing is said about it.
    omer_id = next(p.id for p in list_participants(db) if p.first_name == "Ömer")
    person = get_participant(db, omer_id)
    update_participant(db, omer_id, replace(person.as_input(), role=Role.MENTOR))
    without = MatchingDialog(window.context, round_id, window)
    qtbot.addWidget(without)
    without.show()
    wait_done(qtbot, without)
    assert not without.both_hint.isVisible() and without.both_hint.text() == ""
    assert not any("Note:" in text for text in texts(without, REASONS))
    without.reject()


def test_the_round_form_sets_target_and_two_tandems(qtbot, round_file, contexts) -> None:
    path, round_id = round_file
    window = make_window(qtbot, path, contexts)
    db = window.context.db
    form = RoundForm(db, rounds.get_round(db, round_id), window)
    qtbot.addWidget(form)
    form.show()
    assert isinstance(form.target, QSpinBox) and form.target.value() == 3
    form.target.setValue(0)
    assert form.target.text() == "No target"
    form.two_tandems.setChecked(True)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = rounds.get_round(db, round_id)
    assert (saved.target_tandems, saved.allow_two_tandems, saved.person_limit) == (None, True, 2)
