"""Which of PySide6's files the bundle leaves out (used by tandem.spec on `a.binaries` and
`a.datas`; PyInstaller's `excludes` alone does not keep Qt's libraries and plugins out).

Left out: Qt Quick/QML, the virtual keyboard, Wayland (Tandem runs on Windows, and on X11
for the tests), image formats beyond PNG (built in), JPEG, ICO and SVG, Windows' software
OpenGL and Direct3D shader compiler (only Qt Quick and OpenGL widgets use them; Tandem's
widgets paint in software), and Qt's translations other than German and English
(ui/launcher.py loads qtbase_de). QtNetwork stays: QtPdf links it; but its plugins go (TLS
back-ends, network-information back-ends: Tandem never goes on the network), and so do the
input plugins for touch screens and tablets without a windowing system (`generic`), Linux's
desktop themes (GTK 3, which alone pulls in GTK, Pango, Cairo and GIO) and CUPS printing
(Linux only: the Linux bundle exists for the tests; Windows prints through QtPrintSupport
itself).

`orphans` then finds the system libraries that only the left-out plugins needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

QT_UNUSED = re.compile(
    r"""(
      /qml/ | Qt6?Quick | Qt6?Qml | Qt6?VirtualKeyboard | virtualkeyboard
    | Qt6?Wayland | /wayland- | qwayland | Qt6?WlShell | eglfs
    | /platforms/(lib)?q(minimalegl|linuxfb|vnc|vkkhrdisplay)
    | /platforminputcontexts/ | /egldeviceintegrations/ | /xcbglintegrations/libqxcb-egl
    | /imageformats/(lib)?q(gif|icns|tga|tiff|wbmp|webp|pdf)
    | /opengl32sw\.dll$ | /d3dcompiler_\d+\.dll$
    | /plugins/(tls|networkinformation|generic|platformthemes)/
    | /printsupport/(lib)?cupsprintersupport
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


def orphans(
    kept: Iterable[str], removed: Iterable[str], imports: Callable[[str], Iterable[str]]
) -> set[str]:
    """The libraries (by file name) that only `removed` binaries need, directly or through
    each other: what the `removed` ones reach through `imports`, minus what the other `kept`
    binaries reach. `imports` gives a binary's link-time dependencies by file name."""

    def reach(start: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            name = todo.pop()
            for dependency in imports(name):
                if dependency not in seen:
                    seen.add(dependency)
                    todo.append(dependency)
        return seen

    candidates = reach(removed)
    roots = [name for name in kept if name not in candidates]
    return candidates - reach(roots) - set(roots)
