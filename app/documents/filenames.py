"""Suggested file names for documents: they say what the file is, in the document's language,
and are legal on Windows (no <>:"/\\|?*, no control characters, no trailing dot or space, no
reserved device names such as CON or LPT1, not too long).

    suggested_filename(t.tr("Tandem agreement"), pair_label("Hahn", "El-Amrani"))
    -> "Tandem agreement Hahn – El-Amrani.pdf"
"""

from __future__ import annotations

import re
import unicodedata

_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
MAX_STEM = 120


def safe_filename_part(text: str) -> str:
    """A piece of text made safe for a Windows file name (illegal characters become a space,
    runs of spaces one space), in NFC."""
    text = unicodedata.normalize("NFC", text or "")
    text = _ILLEGAL.sub(" ", text)
    return " ".join(text.split())


def pair_label(first: str, second: str) -> str:
    """Two names as a pair, "Hahn – El-Amrani" (an en dash between)."""
    return f"{first} – {second}"


def suggested_filename(title: str, *parts: str, ext: str = "pdf") -> str:
    """`title` (already translated) and the parts that say whose it is, joined by spaces, made
    Windows-legal, with the extension: "Tandem-Vereinbarung Hahn – El-Amrani.pdf"."""
    stem = safe_filename_part(" ".join(p for p in (title, *parts) if p and p.strip()))
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rstrip()
    stem = stem.rstrip(". ") or "document"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return f"{stem}.{ext}" if ext else stem
