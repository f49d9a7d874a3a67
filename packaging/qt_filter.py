"""Which of PySide6's files the bundle leaves out (used by tandem.spec on `a.binaries` and
`a.datas`; PyInstaller's `excludes` alone does not keep Qt's libraries and plugins out).

Left out: Qt Quick/QML, the virtual keyboard, Wayland (Tandem runs on Windows, and on X11
for the tests), image formats beyond PNG (built in), JPEG, ICO and SVG, Windows' software
OpenGL and Direct3D shader compiler (only Qt Quick and OpenGL widgets use them; Tandem's
widgets paint in software), and Qt's translations other than German and English
(ui/launcher.py loads qtbase_de). QtNetwork stays: QtPdf links it.
"""

from __future__ import annotations

import re

QT_UNUSED = re.compile(
    r"""(
      /qml/ | Qt6?Quick | Qt6?Qml | Qt6?VirtualKeyboard | virtualkeyboard
    | Qt6?Wayland | /wayland- | qwayland | Qt6?WlShell | eglfs
    | /platforms/(lib)?q(minimalegl|linuxfb|vnc|vkkhrdisplay)
    | /platforminputcontexts/ | /egldeviceintegrations/ | /xcbglintegrations/libqxcb-egl
    | /imageformats/(lib)?q(gif|icns|tga|tiff|wbmp|webp|pdf)
    | /opengl32sw\.dll$ | /d3dcompiler_\d+\.dll$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
QT_TRANSLATION = re.compile(r"/translations/(?P<name>[^/]+)\.qm$", re.IGNORECASE)
KEPT_TRANSLATIONS = {"qtbase_de", "qtbase_en"}


def wanted(dest: str) -> bool:
    """False for a file of Qt that Tandem does not use (`dest`: its path in the bundle, with
    / or \\ as separator)."""
    path = "/" + dest.replace("\\", "/")
    if "pyside6" not in path.lower():
        return True
    translation = QT_TRANSLATION.search(path)
    if translation:
        return translation.group("name").lower() in KEPT_TRANSLATIONS
    return not QT_UNUSED.search(path)
