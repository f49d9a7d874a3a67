"""The third-party code inside the Qt libraries Tandem ships has its notice: the binaries of
the installed PySide6 are searched for traces of known components (a version string, a
message, a symbol), and whatever is found must be listed, for this platform, with the version
the binary states; and the committed notices are what the reviewed list gives."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import PySide6
import pytest

from app.i18n import translator
from app.paths import resources_dir
from app.qt_notices import all_qt_parts, licence_texts, qt_parts, reviewed_libraries
from tools.collect_qt_notices import build, render

QT_FOLDER = Path(PySide6.__file__).resolve().parent

TRACES: dict[str, tuple[str, bytes]] = {
    # component: (Qt library or plugin, a trace in its binary; group 1: the version, if any)
    "PCRE2": ("Qt6Core", rb"\x00(\d+\.\d+) \d{4}-\d\d-\d\d\x00"),
    "Secure Hash Algorithm SHA-3 – Keccak": ("Qt6Core", rb"Keccak"),
    "zlib": ("Qt6Core", rb"incorrect header check"),
    "libpng": ("Qt6Gui", rb"[^0-9.](1\.6\.\d+)\x00"),
    "HarfBuzz": ("Qt6Gui", rb"HB_SHAPER_LIST"),
    "MD4C": ("Qt6Gui", rb"github\.com/mity/md4c"),
    "FreeType 2": ("Qt6Gui", rb"FREETYPE_PROPERTIES"),
    "D3D12 Memory Allocator": ("Qt6Gui", rb"D3D12MA"),
    "Wintab API": ("qwindows", rb"WTInfo"),
    "libjpeg-turbo": ("qjpeg", rb"libjpeg-turbo version (\d+\.\d+\.\d+)"),
    "The Public Suffix List": ("Qt6Network", rb"qIsEffectiveTLD"),
    "PDFium": ("Qt6Pdf", rb"FPDF_"),
    "OpenJPEG (in PDFium)": ("Qt6Pdf", rb"opj_"),
    "FreeType 2 (in PDFium)": ("Qt6Pdf", rb"FREETYPE_PROPERTIES"),
    "libpng (in PDFium)": ("Qt6Pdf", rb"[^0-9.](1\.6\.\d+)\x00"),
    "zlib (in PDFium)": ("Qt6Pdf", rb"incorrect header check"),
}


def qt_binary(name: str) -> Path | None:
    """The installed file of a Qt library ("Qt6Gui") or plugin ("qjpeg") on this platform."""
    patterns = [f"{name}.dll", f"lib{name}.so*", f"lib{name}.dylib", f"{name}.framework/{name}"]
    for pattern in patterns:
        for path in sorted(QT_FOLDER.rglob(pattern)):
            if path.is_file() and not path.is_symlink():
                return path
    return None


@pytest.mark.parametrize("component", sorted(TRACES))
def test_traces_in_the_qt_binaries_match_the_notices(component: str) -> None:
    library, pattern = TRACES[component]
    binary = qt_binary(library)
    listed = {part.name: part for part in qt_parts()}
    if binary is None:  # a plugin of another platform (qwindows on Linux)
        assert library not in {lib for part in listed.values() for lib in part.inside}
        return
    found = re.search(pattern, binary.read_bytes())
    if found is None:
        # Not in this platform's build (e.g. Qt on Linux links the system's FreeType): then
        # the list must not claim it is shipped here.
        assert component not in listed, (
            f"{component} is listed for {sys.platform} but {binary.name} has no trace of it"
        )
        return
    assert component in listed, (
        f"{binary.name} contains {component}: add its notice to tools/qt_notices/components.toml"
    )
    part = listed[component]
    assert library in part.inside
    if found.groups():
        assert part.version == found.group(1).decode(), (
            f"{component}: the binary says {found.group(1).decode()}"
        )


def test_the_traces_find_something_where_qt_ships_its_own_copy() -> None:
    # The check above can only fail if the traces still match the current Qt build.
    found = {name for name, (library, pattern) in TRACES.items()
             if (binary := qt_binary(library)) and re.search(pattern, binary.read_bytes())}  # fmt: skip
    assert {"PCRE2", "libpng", "HarfBuzz", "MD4C", "libjpeg-turbo", "PDFium"} <= found


def test_every_shipped_component_has_copyright_and_licence_text() -> None:
    texts = licence_texts()
    parts = all_qt_parts()
    assert len(parts) >= 40
    for part in parts:
        assert part.copyright and part.url, part.name
        assert part.inside and set(part.inside) <= reviewed_libraries(), part.name
        for key in part.texts:
            assert len(texts[key]) > 100, (part.name, key)
    names = {part.name for part in qt_parts()}
    assert {"PCRE2", "HarfBuzz", "libpng", "MD4C", "double-conversion", "PDFium",
            "Unicode Character Database (UCD)", "libjpeg-turbo"} <= names  # fmt: skip
    # The FreeType licence asks for a credit in the documentation.
    freetype = [part for part in qt_parts() if "FreeType" in part.name]
    assert freetype and all(
        any("The FreeType Project (www.freetype.org)" in line for line in part.copyright)
        for part in freetype
        if part.licence == "FTL"
    )
    assert "The FreeType Project LICENSE" in texts["FTL"]
    assert "PNG Reference Library License version 2" in texts["libpng-2.0"]


def test_each_licence_text_is_shipped_once_and_used() -> None:
    texts = licence_texts()
    used = {key for part in all_qt_parts() for key in part.texts}
    assert used == set(texts)
    assert len(set(texts.values())) == len(texts)


def test_the_committed_notices_are_what_the_reviewed_list_gives() -> None:
    committed = (resources_dir() / "licenses" / "qt-third-party.json").read_text(encoding="utf-8")
    assert committed == render(build()), "run: python -m tools.collect_qt_notices"


def test_the_review_is_for_the_installed_qt() -> None:
    # Qt's third-party code changes with its releases: a PySide6 upgrade needs a new review.
    assert build()["qt_version"] == PySide6.__version__, (
        f"PySide6 is now {PySide6.__version__}: review tools/qt_notices/components.toml for "
        "it and run: python -m tools.collect_qt_notices"
    )


def test_every_note_on_a_component_is_translated() -> None:
    # The notes say what a component does in Qt; shown in the window's language in About.
    german = translator("de")
    notes = {part.note for part in all_qt_parts() if part.note}
    assert notes
    assert [note for note in sorted(notes) if german.tr(note) == note] == []
