"""The import wizard with a list that has participant status columns: the two fields are in
every column's combo (a column named oddly is mapped by hand), the preview shows the status
and date each row will get, the unknown status as an error and a status date on an active
person as a warning, and the statuses land in the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app import i18n
from app.model import ParticipantStatus
from tests.helpers.widgets import people_in_file, shown_rows
from tests.ui.conftest import MakeWizard
from ui.import_wizard import COLUMNS_PAGE, PREVIEW_PAGE, RUN_PAGE

LIST = (
    "Vorname;Nachname;E-Mail;Beschäftigungsstatus;Zustand seit\r\n"
    "Ada;Lee;ada@x.de;Alumna;2025-06-30\r\n"
    "Bob;Ray;bob@x.de;pensioniert;\r\n"
    "Cem;Kaya;cem@x.de;aktiv;2025-06-30\r\n"
    "Dan;Weg;dan@x.de;hat das Unternehmen verlassen;31.03.2026\r\n"
)


@pytest.mark.parametrize("language", ["en", "de"])
def test_status_columns_through_the_wizard(
    qtbot,
    make_wizard: MakeWizard,
    db_path: Path,
    tmp_path: Path,
    language: str,
) -> None:
    i18n.set_language(language)
    path = tmp_path / "status.csv"
    path.write_text(LIST, encoding="utf-8")
    wizard = make_wizard()
    assert wizard.file_page.load(path)
    wizard.next()
    assert wizard.currentId() == COLUMNS_PAGE
    page = wizard.columns_page
    combo_status, combo_date = page.combos[3], page.combos[4]
    words = {"en": ("Status", "Status since"), "de": ("Status", "Status seit")}[language]
    items = [combo_date.itemText(i) for i in range(combo_date.count())]
    assert items[-2:] == list(words)
    assert combo_status.currentData() == "status"  # recognised from the header
    assert combo_date.currentData() is None  # "Zustand seit" is not a known header
    combo_date.setCurrentIndex(combo_date.findData("status_date"))  # as the user picks it
    assert wizard.session.field_of(4) == "status_date"
    wizard.columns_page.grab().save(str(tmp_path / f"status_columns_{language}.png"))
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    rows = shown_rows(wizard)
    results = {line: row[0] for line, row in rows.items()}
    rejected, new = ("Rejected", "New") if language == "en" else ("Abgelehnt", "Neu")
    assert results == {2: new, 3: rejected, 4: new, 5: new}
    if language == "en":
        assert rows[3][2] == (
            "Error: Column “Beschäftigungsstatus”: Unknown status “pensioniert”. Please write "
            "active, alumni or left the company (aktiv, Alumni, ausgeschieden)."
        )
        assert rows[4][2] == (
            "Warning: Column “Zustand seit”: The person is active, so the status date "
            "30 Jun 2025 is ignored."
        )
    else:
        assert "„pensioniert“" in rows[3][2] and "Spalte „Beschäftigungsstatus“" in rows[3][2]
        assert "Statusdatum 30.06.2025 nicht übernommen" in rows[4][2]
    assert rows[2][2] == rows[5][2] == ""
    # What will be written shows in the preview, in the user's language.
    proxy = wizard.preview_page.table.model()
    heads = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    shown = {
        proxy.index(r, 0).data(): tuple(proxy.index(r, heads.index(w)).data() for w in words)
        for r in range(proxy.rowCount())
    }
    assert (
        shown
        == {
            "en": {
                2: ("Alumni", "30 Jun 2025"),
                3: ("", ""),
                4: ("Active", ""),
                5: ("Left the company", "31 Mar 2026"),
            },
            "de": {
                2: ("Alumni", "30.06.2025"),
                3: ("", ""),
                4: ("Aktiv", ""),
                5: ("Ausgeschieden", "31.03.2026"),
            },
        }[language]
    )
    wizard.preview_page.grab().save(str(tmp_path / f"status_preview_{language}.png"))
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == {"en": "Import", "de": "Importieren"}[language]
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == RUN_PAGE
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)
    found = {p.email: (p.status, p.status_date) for p in people_in_file(db_path)}
    assert found == {
        "ada@x.de": (ParticipantStatus.ALUMNI, date(2025, 6, 30)),
        "cem@x.de": (ParticipantStatus.ACTIVE, None),
        "dan@x.de": (ParticipantStatus.LEFT, date(2026, 3, 31)),
    }
