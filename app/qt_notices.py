"""The notices of the third-party code compiled into the Qt libraries Tandem ships.

Qt's libraries contain code of other authors (zlib, FreeType, HarfBuzz, libpng, PCRE2, the
Unicode data, PDFium, ...), each under its own licence. `tools/collect_qt_notices.py` writes
them, from a reviewed list, into `resources/licenses/qt-third-party.json`: every component
with its copyright lines, and each distinct licence text once. The About dialog lists them
below Qt.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache

from app.licenses import LICENSES_FOLDER
from app.paths import resources_dir

NOTICES_FILE = "qt-third-party.json"


@dataclass(frozen=True)
class QtPart:
    """One third-party component inside Qt."""

    name: str
    version: str
    """"" when the Qt binaries do not state it."""
    inside: tuple[str, ...]
    """The Qt libraries and plugins that contain it (e.g. "Qt6Gui", "qjpeg")."""
    licence: str
    """An SPDX expression."""
    texts: tuple[str, ...]
    """The licence texts that apply, by key of `licence_texts()`."""
    copyright: tuple[str, ...]
    url: str
    platforms: tuple[str, ...] = ()
    """`sys.platform` values it is shipped on; empty: all."""
    note: str = ""

    def is_shipped(self, platform: str | None = None) -> bool:
        """True when Tandem on `platform` (default: this one) contains this component."""
        if not self.platforms:
            return True
        return (platform or sys.platform) in self.platforms


@cache
def _notices() -> dict:
    path = resources_dir() / LICENSES_FOLDER / NOTICES_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"components": [], "licences": {}}


def all_qt_parts() -> list[QtPart]:
    """Every component of the list, whatever the platform."""
    parts = []
    for entry in _notices()["components"]:
        fields = {key: tuple(value) if isinstance(value, list) else value
                  for key, value in entry.items()}  # fmt: skip
        parts.append(QtPart(**fields))
    return parts


def qt_parts() -> list[QtPart]:
    """The components inside the Qt libraries of the running program's platform."""
    return [part for part in all_qt_parts() if part.is_shipped()]


def reviewed_libraries() -> set[str]:
    """The Qt libraries and plugins whose third-party code the list covers (by file name
    without "lib" prefix or extension, e.g. "Qt6Gui", "qjpeg")."""
    return set(_notices().get("reviewed_libraries", ()))


def licence_texts() -> dict[str, str]:
    """The licence texts by key (each distinct text once)."""
    return dict(_notices()["licences"])


def notice_text(part: QtPart) -> str:
    """Everything the licence requires to be shown for `part`, licence texts last (English
    headings; the About dialog adds its translated ones)."""
    texts = licence_texts()
    sections = [texts.get(key, "") for key in part.texts]
    return "\n\n".join(section.rstrip("\n") for section in sections if section)
