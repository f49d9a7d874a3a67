"""The embedded font: Noto Sans Regular and Bold from `resources/fonts/` (SIL OFL, see
OFL.txt there). ReportLab's built-in Helvetica cannot draw Ł, ř, Ş, ễ, Greek or Cyrillic, so
every document uses these, registered once per process."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resources_dir

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
_FILES = {REGULAR: "NotoSans-Regular.ttf", BOLD: "NotoSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register Noto Sans with ReportLab (once; safe to call from any thread, any number of
    times). `<b>` in paragraph markup then picks the bold face; there is no italic face, so
    `<i>` falls back to the upright one."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = resources_dir() / "fonts"
        for name, file_name in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, face)
        _registered = True
