"""The participants and meetings views show their rows through a filter of their own: the
plain filter every table view starts with lets go of the model then (issue 11, §6). Left
attached it re-mapped all 20,000 rows on every sort and every saved change, unseen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel

from tests.ui.conftest import make_window
from ui.context import AppContext


@pytest.mark.parametrize("key", ["participants", "sessions", "rounds", "tandems"])
def test_the_model_feeds_only_the_filter_the_table_shows(
    qtbot, program_file: Path, contexts: list[AppContext], key: str
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view(key)
    qtbot.waitUntil(view.settled)
    attached = [
        proxy
        for proxy in view.findChildren(QSortFilterProxyModel)
        if proxy.sourceModel() is view.model
    ]
    assert attached == [view.proxy] and view.table.model() is view.proxy
    assert view.proxy.rowCount() == view.model.rowCount() > 0
