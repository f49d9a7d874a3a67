"""Sort keys that put names where people expect them, independent of the system locale:
case-insensitive, accents and umlauts sorted with their base letter (Ä with A, Ł with L)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

# Letters that do not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans(
    {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "æ": "ae",
     "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "þ": "th", "ð": "d"}
)  # fmt: skip


def text_key(text: str | None) -> str:
    """A string that sorts `text` case- and accent-insensitively ('' for None)."""
    if not text:
        return ""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.casefold()


def date_key(value: date | datetime | None) -> str:
    """ISO text of a date or time, which sorts chronologically ('' for none)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


@lru_cache(maxsize=1 << 16)  # names repeat: a tandem's in each of its meetings
def name_key(*parts: str | None) -> str:
    """A sort key for names: like `text_key`, ignoring punctuation and symbols, so that
    'Ähler' sorts with A and '<b>Lee</b>' with B; parts are compared in order."""
    return "\t".join(_NOT_NAME.sub("", text_key(part)) for part in parts)


_NOT_NAME = re.compile(r"[^\w ]|_")
