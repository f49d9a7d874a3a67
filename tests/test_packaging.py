"""The build's decisions that can be checked without building: which of Qt's files the
bundle leaves out (Windows and Linux paths alike) and the Windows version numbers."""

from __future__ import annotations

import pytest

from tests.helpers.packaging import packaging_module

qt_filter = packaging_module("qt_filter")
version_info = packaging_module("version_info")


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6\\Qt6Quick.dll",
        "PySide6\\Qt6Qml.dll",
        "PySide6\\Qt6VirtualKeyboard.dll",
        "PySide6\\opengl32sw.dll",
        "PySide6\\d3dcompiler_47.dll",
        "PySide6\\plugins\\imageformats\\qwebp.dll",
        "PySide6\\plugins\\platforminputcontexts\\qtvirtualkeyboardplugin.dll",
        "PySide6\\translations\\qtbase_fr.qm",
        "PySide6\\translations\\qt_de.qm",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/plugins/platforms/libqwayland-generic.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/qml/QtQuick/Controls/qmldir",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
        "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    ],
)
def test_qt_that_tandem_does_not_use_is_left_out(dest: str) -> None:
    assert not qt_filter.wanted(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6\\Qt6Core.dll",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\Qt6Pdf.dll",
        "PySide6\\Qt6Network.dll",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6\\plugins\\imageformats\\qico.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6\\translations\\qtbase_de.qm",
        "PySide6\\translations\\qtbase_en.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "resources/translations/de/core.po",
        "tzdata/zoneinfo/Europe/Berlin",
    ],
)
def test_what_tandem_needs_stays(dest: str) -> None:
    assert qt_filter.wanted(dest)


def test_the_windows_version_numbers_come_from_the_one_version() -> None:
    assert version_info.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_tuple("2.10.3rc1") == (2, 10, 3, 0)
    assert version_info.version_tuple("7") == (7, 0, 0, 0)


def test_libraries_only_left_out_plugins_need_go_too() -> None:
    links = {
        "libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        "libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
        "libqxcb.so": ["libQt6Gui.so.6", "libX11.so.6"],
        "libQt6Gui.so.6": ["libglib-2.0.so.0", "libfreetype.so.6"],
    }
    unneeded = qt_filter.orphans(
        kept=["libqxcb.so", "libQt6Gui.so.6", "libX11.so.6", "libglib-2.0.so.0",
              "libcairo.so.2", "libgtk-3.so.0", "libfreetype.so.6"],
        removed=["libqgtk3.so"],
        imports=lambda name: links.get(name, []),
    )  # fmt: skip
    # GTK and Cairo came only for the GTK theme; GLib and Qt are still needed by what stays.
    assert unneeded == {"libgtk-3.so.0", "libcairo.so.2"}
