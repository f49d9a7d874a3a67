"""Turning the cells of one row into participant values: text, dates, roles, topic lists.
Each parser returns the value or raises CellProblem with a translated message."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from app.i18n import tr
from app.labels import label
from app.model import ParticipantStatus, Role
from app.services.common import clean

# A leading apostrophe that an export put before these characters is removed on import.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CellProblem(Exception):
    """A cell that cannot be read; `message` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_value(cell: object) -> str | None:
    """A cell as text, trimmed (None when empty). A date cell becomes an ISO date."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        cell = cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    elif isinstance(cell, date):
        cell = cell.isoformat()
    return clean(str(cell))


def needs_neutralising(text: str) -> bool:
    """True for text a spreadsheet could run as a formula (starts with = + - @ tab CR), and
    for text whose leading apostrophes precede one of those (so the escape stays lossless)."""
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_STARTS


def strip_neutralising(text: str) -> str:
    """Remove the apostrophe a CSV export puts before = + - @ tab or CR (and before an
    apostrophe that precedes them), so an export imports unchanged."""
    if len(text) > 1 and text[0] == "'" and needs_neutralising(text[1:]):
        return text[1:]
    return text


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def date_value(cell: object) -> date | None:
    """A date from an Excel date cell, `dd.mm.yyyy` or `yyyy-mm-dd`. An impossible date
    (31.02.2025) or another format raises CellProblem."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = text_value(cell)
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise CellProblem(
                tr(
                    "“{value}” is not a date. Please write dates as dd.mm.yyyy or yyyy-mm-dd.",
                    value=text,
                )
            )
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise CellProblem(tr("There is no date {value}.", value=text)) from None


_MENTOR_WORDS = {"mentor", "mentorin", "mentoren", "mentorinnen", "mentors"}
_MENTEE_WORDS = {"mentee", "mentees", "mentée"}
_BOTH_WORDS = {"both", "beide", "beides", "beidem"}
_FILLER_WORDS = {"in", "innen", "und", "and", "sowie", "as", "als", "plus"}


def _role_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def role_value(cell: object) -> Role | None:
    """Mentor, mentee or both, in German or English, any case ("Mentorin", "Mentor und
    Mentee", "beide", "both", "Mentor(in)"). Anything else raises CellProblem."""
    text = text_value(cell)
    if not text:
        return None
    words = _role_words(text)
    if words and all(
        w in _MENTOR_WORDS | _MENTEE_WORDS | _BOTH_WORDS | _FILLER_WORDS for w in words
    ):
        mentor = any(w in _MENTOR_WORDS for w in words)
        mentee = any(w in _MENTEE_WORDS for w in words)
        if any(w in _BOTH_WORDS for w in words) or (mentor and mentee):
            return Role.BOTH
        if mentor:
            return Role.MENTOR
        if mentee:
            return Role.MENTEE
    raise CellProblem(
        tr(
            "Unknown role “{value}”. Please write mentor, mentee or both (Mentor(in), Mentee, "
            "beide).",
            value=text,
        )
    )


# Status words in German and English (compared in lower case, punctuation as spaces).
_STATUS_PHRASES: dict[ParticipantStatus, tuple[str, ...]] = {
    ParticipantStatus.ACTIVE: (
        "aktiv",
        "aktive",
        "aktiver",
        "active",
        "beschäftigt",
        "employed",
    ),
    ParticipantStatus.ALUMNI: (
        "alumni",
        "alumna",
        "alumnus",
        "alumnae",
        "alumni ae",
        "alumnus a",
        "alumna us",
    ),
    ParticipantStatus.LEFT: (
        "ausgeschieden",
        "ausgeschiedene",
        "ausgeschiedener",
        "ausgetreten",
        "left",
        "left the company",
        "left company",
        "has left",
        "has left the company",
        "hat das unternehmen verlassen",
        "unternehmen verlassen",
        "das unternehmen verlassen",
        "nicht mehr im unternehmen",
        "no longer with the company",
        "former employee",
        "terminated",
    ),
}
_STATUS_INDEX: dict[str, ParticipantStatus] = {
    phrase: status for status, phrases in _STATUS_PHRASES.items() for phrase in phrases
}


def _status_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).casefold()))


def _read_status(text: str) -> ParticipantStatus | None:
    key = _status_key(text)
    found = _STATUS_INDEX.get(key)
    if found is None:  # the words of an export in the current language
        found = next((s for s in ParticipantStatus if _status_key(label(s)) == key), None)
    return found


def status_value(cell: object) -> ParticipantStatus | None:
    """Active, alumni or left the company, in German or English, any case ("aktiv",
    "Alumna", "Alumnus", "ausgeschieden", "left the company", "hat das Unternehmen
    verlassen"); also the words an export writes in either language. Alternatives written
    with a slash ("Alumna/Alumnus") are read when they agree. Anything else raises
    CellProblem."""
    text = text_value(cell)
    if not text:
        return None
    parts = {_read_status(part) for part in re.split(r"[/|]", text) if part.strip()}
    if len(parts) == 1 and None not in parts:
        return parts.pop()
    whole = _read_status(text)
    if whole is not None:
        return whole
    raise CellProblem(
        tr(
            "Unknown status “{value}”. Please write active, alumni or left the company "
            "(aktiv, Alumni, ausgeschieden).",
            value=text,
        )
    )


def topics_value(cell: object) -> tuple[str, ...]:
    """Topics separated by `,` or `;`, trimmed, without repeats (first spelling kept)."""
    text = text_value(cell)
    if not text:
        return ()
    seen: set[str] = set()
    result: list[str] = []
    for part in re.split(r"[;,\n]", text):
        name = clean(part)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return tuple(result)


def number_value(cell: object) -> str | None:
    """A personnel number as text: an Excel number 1001.0 becomes "1001"."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, int) and not isinstance(cell, bool):
        return str(cell)
    return text_value(cell)
