"""Copy the licence texts of everything Tandem ships into resources/licenses/ (developer tool).

    python -m tools.collect_licenses

Reads the licence files that each installed distribution lists in its metadata (see
`app.licenses.COMPONENTS`); Python's own licence comes from the interpreter's standard
library folder, Qt's LGPLv3 and the GPLv3 it builds on from the system's common licences or
an existing file, the font's from resources/fonts/OFL.txt. Run it after an upgrade of a
dependency and commit the result.
"""

from __future__ import annotations

import importlib.metadata
import sys
import sysconfig
from pathlib import Path

from app.licenses import COMPONENTS, LICENSES_FOLDER, Component
from app.paths import resources_dir

COMMON_LICENSES = Path("/usr/share/common-licenses")

SQLITE_BLESSING = """SQLite is in the public domain (https://www.sqlite.org/copyright.html).
The author disclaims copyright to this source code. In place of a legal notice, here is a
blessing:

    May you do good and not evil.
    May you find forgiveness for yourself and forgive others.
    May you share freely, never taking more than you give.
"""

QT_HEADER = """Qt 6 and Qt for Python (PySide6, Shiboken6), (C) The Qt Company Ltd. and other contributors.
Tandem uses Qt under the GNU Lesser General Public License version 3 (LGPLv3), whose text
follows, together with the GNU General Public License version 3 it refers to.
Tandem links Qt dynamically: the Qt libraries are separate files in Tandem's program folder
and can be replaced by other builds of the same version. The source code of Qt is available at
https://download.qt.io/official_releases/qt/ and of Qt for Python at
https://download.qt.io/official_releases/QtForPython/ .

"""


def _separator(title: str) -> str:
    return f"\n\n{'=' * 78}\n{title}\n{'=' * 78}\n\n"


def _distribution_texts(name: str) -> list[tuple[str, str]]:
    dist = importlib.metadata.distribution(name)
    texts = []
    for file in dist.files or []:
        parts = [part.upper() for part in Path(str(file)).parts]
        if not parts[0].endswith(".DIST-INFO"):
            continue
        if any(key in parts[-1] for key in ("LICEN", "COPYING", "NOTICE", "AUTHORS")):
            texts.append((str(file), Path(dist.locate_file(file)).read_text(encoding="utf-8")))
    return texts


def text_for(component: Component, folder: Path) -> str:
    """The licence text to ship for `component`."""
    if component.name == "Python":
        return (Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt").read_text(encoding="utf-8")
    if component.name == "SQLite":
        return SQLITE_BLESSING
    if component.file == "noto-sans.txt":
        return (resources_dir() / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    if component.file == "qt-lgpl-3.0.txt":
        if not COMMON_LICENSES.is_dir():
            return (folder / component.file).read_text(encoding="utf-8")
        lgpl = (COMMON_LICENSES / "LGPL-3").read_text(encoding="utf-8")
        gpl = (COMMON_LICENSES / "GPL-3").read_text(encoding="utf-8")
        return QT_HEADER + lgpl + _separator("GNU GENERAL PUBLIC LICENSE, Version 3") + gpl
    head = (
        f"{component.name} {component.version()}\n{component.url}\nLicence: {component.licence}\n"
    )
    texts = _distribution_texts(component.distributions[0])
    if not texts:
        raise SystemExit(f"{component.name}: no licence file in its metadata")
    if len(texts) == 1:
        return head + "\n" + texts[0][1]
    return head + "".join(_separator(Path(name).name) + text for name, text in texts)


def main() -> int:
    folder = resources_dir() / LICENSES_FOLDER
    folder.mkdir(exist_ok=True)
    for component in COMPONENTS:
        if component.distributions and not component.is_shipped():
            print(f"skipped (not installed): {component.name}", file=sys.stderr)
            continue
        text = text_for(component, folder).replace("\r\n", "\n")
        (folder / component.file).write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        print(f"{component.file}: {component.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
