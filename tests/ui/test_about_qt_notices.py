"""Help → About, "Licences": the third-party code inside Qt is listed below Qt, each with
its copyright lines and licence text, in English and German."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import i18n
from app.qt_notices import qt_parts
from app.storage_places import storage_places
from ui.about.about_dialog import AboutDialog
from ui.launcher import install_qt_translations

WORDS = {
    "en": ("Inside: Qt6Gui", "Licence: libpng-2.0", "listed below Qt"),
    "de": ("Enthalten in: Qt6Gui", "Lizenz: libpng-2.0", "unter Qt aufgeführt"),
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_about_lists_the_code_inside_qt_with_its_notices(qtbot, tmp_path: Path, lang: str) -> None:
    i18n.set_language(lang)
    install_qt_translations(QApplication.instance(), lang)
    dialog = AboutDialog(storage_places(None, documents=tmp_path))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)

    assert dialog.qt_part_names() == [part.name for part in qt_parts()]
    for name in (
        "PCRE2",
        "HarfBuzz",
        "libpng",
        "PDFium",
        "Anti-aliasing rasterizer from FreeType 2",
    ):
        assert name in dialog.qt_part_names()
    # The parts hang below Qt, not among the libraries Tandem itself uses.
    assert "libpng" not in dialog.licence_names()

    inside, licence, below = WORDS[lang]
    assert dialog.qt_item is not None
    dialog.licence_list.setCurrentItem(dialog.qt_item)
    assert below in dialog.licence_text.toPlainText()

    libpng = dialog.qt_item.child(dialog.qt_part_names().index("libpng"))
    dialog.licence_list.setCurrentItem(libpng)
    text = dialog.licence_text.toPlainText()
    assert text.startswith("libpng 1.6.59")
    assert inside in text and licence in text
    assert "Copyright (c) 2018-2026 Cosmin Truta" in text
    assert "PNG Reference Library License version 2" in text

    raster = dialog.qt_part_names().index("Anti-aliasing rasterizer from FreeType 2")
    dialog.licence_list.setCurrentItem(dialog.qt_item.child(raster))
    text = dialog.licence_text.toPlainText()
    assert "The FreeType Project (www.freetype.org)" in text  # the credit the FTL asks for
    assert "The FreeType Project LICENSE" in text
