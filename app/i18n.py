"""The one translation mechanism, shared by the window, the command line and the documents.

Source strings are English and are marked in code with `tr("...")` (or `trn` for plurals,
`N_` for constants translated later). German lives in gettext `.po` catalogues under
`resources/translations/<lang>/`, one file per area, read directly at start-up: no compile
step, the files open in any PO editor, and a test checks that every marked string has a
German entry. Placeholders use `str.format` names: `tr("Hello {name}", name=n)`.

Two ways to translate: the window calls module-level `tr()`, which follows the language the
user chose (`set_language`); documents, the command line's files and background jobs take a
`Translator` of their own, `t = translator("de")`, and call `t.tr("...")`, so their language is
chosen per call and never read from a global. Both are found by `tools/i18n_check.py`.

The pseudo language `pseudo` wraps and stretches every string, to find layouts that break.
"""

from __future__ import annotations

import locale
import os
import re
import sys
import threading
from datetime import date, datetime
from pathlib import Path

from app.paths import resources_dir

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "en"


class Translator:
    """Translations, plurals, dates and numbers of ONE language, independent of the window.

    Documents and background jobs take `t = translator(lang)` and call `t.tr("...")`, so a
    German agreement can be made while the window is English, and a batch on a worker is not
    touched by a language switch in the window. Obtain one with `translator(code)`; they are
    cached and immutable."""

    def __init__(
        self,
        code: str,
        catalog: dict[str, str] | None = None,
        plurals: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.code = code
        self._catalog = dict(catalog or {})
        self._plurals = dict(plurals or {})

    def __repr__(self) -> str:
        return f"Translator({self.code!r})"

    @property
    def language(self) -> str:
        """The language code: 'de', 'en' or 'pseudo'."""
        return self.code

    def tr(self, text: str, /, **kwargs: object) -> str:
        """Translate `text` and fill its `{placeholders}`."""
        translated = self._catalog.get(text) or text
        if self.code == "pseudo":
            translated = _pseudo(translated)
        return translated.format(**kwargs) if kwargs else translated

    def trn(self, singular: str, plural: str, n: int, /, **kwargs: object) -> str:
        """Translate a text with a singular and a plural form; `{n}` is filled in with the
        language's thousands separator ("2,000 tandems", "2.000 Tandems")."""
        forms = self._plurals.get(singular)
        if forms:
            text = forms[0] if n == 1 else forms[1]
        else:
            text = singular if n == 1 else plural
        if self.code == "pseudo":
            text = _pseudo(text)
        count = self.format_number(n) if isinstance(n, int) and not isinstance(n, bool) else n
        return text.format(n=count, **kwargs)

    def format_date(self, value: date | datetime | None) -> str:
        """A date as the reader expects it: 01.03.2026 in German, 1 Mar 2026 in English (no
        reader mistakes that for 3 January). Files for machines (CSV, JSON, calendars)
        write ISO dates themselves, never this."""
        if value is None:
            return ""
        day = value.date() if isinstance(value, datetime) else value
        if self.code == "de":
            return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
        return f"{day.day} {MONTHS_EN_SHORT[day.month - 1]} {day.year:04d}"

    def format_datetime(self, value: datetime | None) -> str:
        """A date and time as the reader expects it."""
        if value is None:
            return ""
        return f"{self.format_date(value)} {value.strftime('%H:%M')}"

    def format_date_long(self, value: date | datetime | None) -> str:
        """A date written out for paper: "1. März 2026" in German, "1 March 2026" in English."""
        if value is None:
            return ""
        day = value.date() if isinstance(value, datetime) else value
        if self.code == "de":
            return f"{day.day}. {_MONTHS_DE[day.month - 1]} {day.year}"
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"

    def format_number(self, value: float | int, decimals: int = 0) -> str:
        """A number with the language's separators: 1.234,5 in German, 1,234.5 in English."""
        text = f"{value:,.{decimals}f}"
        if self.code == "de":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text

    def format_percent(self, fraction: float, decimals: int = 0) -> str:
        """A share as a percentage: "45 %" in German (with a space, DIN 5008), "45%" in
        English."""
        number = self.format_number(fraction * 100, decimals)
        return f"{number} %" if self.code == "de" else f"{number}%"


_MONTHS_DE = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_EN_SHORT = tuple(month[:3] for month in _MONTHS_EN)
"""Jan ... Dec, as English dates show them ("31 Aug 2026")."""

_translators: dict[str, Translator] = {}
_translators_lock = threading.Lock()


def _normal_code(code: str | None) -> str:
    if code == "pseudo":
        return code
    code = (code or "").lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def translator(code: str | None = None) -> Translator:
    """The translator of a language ('de', 'en', 'pseudo'; unknown codes give English);
    without a code, the window's current language. Catalogues are read once and cached."""
    if code is None:
        return _current
    code = _normal_code(code)
    with _translators_lock:
        found = _translators.get(code)
        if found is None:
            catalog, plurals = load_catalog(code) if code == "de" else ({}, {})
            found = _translators[code] = Translator(code, catalog, plurals)
    return found


_current: Translator = Translator(DEFAULT_LANGUAGE)


def N_(text: str) -> str:
    """Mark a constant for translation without translating it now."""
    return text


def tr(text: str, /, **kwargs: object) -> str:
    """Translate `text` into the window's current language and fill its `{placeholders}`."""
    return _current.tr(text, **kwargs)


def trn(singular: str, plural: str, n: int, /, **kwargs: object) -> str:
    """Translate a text with a singular and a plural form; `{n}` is filled in."""
    return _current.trn(singular, plural, n, **kwargs)


def language() -> str:
    """The current language code."""
    return _current.code


def set_language(code: str | None) -> str:
    """Switch the window's language ('de', 'en' or 'pseudo'); unknown codes fall back to
    English. Translators already handed out (documents, workers) keep their language."""
    global _current
    _current = translator(_normal_code(code))
    return _current.code


def system_language() -> str:
    """'de' when the system speaks German, else 'en'.

    TANDEM_LANG (for tests and support) first; on Windows the user's display language
    (what Windows' own menus speak), which environment variables and `locale` do not
    reliably give there; elsewhere LC_ALL, LC_MESSAGES, LANG, then the C library's locale."""
    value = os.environ.get("TANDEM_LANG")
    if value:
        return _language_of_locale_name(value)
    if sys.platform == "win32":
        found = _windows_display_language()
        if found:
            return found
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return _language_of_locale_name(value)
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return _language_of_locale_name(loc)


def _language_of_locale_name(name: str) -> str:
    """'de' for de, de_DE.UTF-8, de-AT and Windows' German_Germany; else 'en'."""
    name = name.lower()
    return "de" if name.startswith(("de", "german")) else "en"


LANGID_GERMAN = 0x07
"""The primary language of every German Windows language id (0x0407 Germany, 0x0C07
Austria, 0x0807 Switzerland, ...)."""


def language_of_langid(langid: int) -> str:
    """'de' for a German Windows language id, else 'en'."""
    return "de" if langid & 0x3FF == LANGID_GERMAN else "en"


def _windows_display_language() -> str | None:
    """The language of Windows' own menus for this user, or None when it cannot be read."""
    try:
        import ctypes

        langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
    return language_of_langid(langid) if langid else None


def catalog_dir(code: str) -> Path:
    """The folder holding the `.po` files of one language."""
    return resources_dir() / "translations" / code


def load_catalog(code: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Read every `.po` file of a language into (singular catalogue, plural catalogue)."""
    catalog: dict[str, str] = {}
    plurals: dict[str, tuple[str, str]] = {}
    folder = catalog_dir(code)
    if not folder.is_dir():
        return catalog, plurals
    for po in sorted(folder.glob("*.po")):
        for entry in parse_po(po.read_text(encoding="utf-8")):
            msgid = entry.get("msgid", "")
            if not msgid:
                continue
            if "msgid_plural" in entry:
                one, many = entry.get("msgstr[0]", ""), entry.get("msgstr[1]", "")
                if one and many:
                    plurals[msgid] = (one, many)
            elif entry.get("msgstr"):
                catalog[msgid] = entry["msgstr"]
    return catalog, plurals


_PO_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+"(.*)"\s*$')
_PO_CONT = re.compile(r'^"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(text: str) -> list[dict[str, str]]:
    """Parse the text of a gettext `.po` file into a list of entries (keyword -> string)."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and current:
                entries.append(current)
                current, key = {}, None
            continue
        match = _PO_LINE.match(line)
        if match:
            key = match.group(1)
            starts_entry = key == "msgctxt" or (key == "msgid" and "msgctxt" not in current)
            if starts_entry and "msgid" in current:
                entries.append(current)
                current = {}
            current[key] = _unescape(match.group(2))
            continue
        cont = _PO_CONT.match(line)
        if cont and key:
            current[key] += _unescape(cont.group(1))
    if current:
        entries.append(current)
    return entries


def _pseudo(text: str) -> str:
    """Stretch a string by about 40% and bracket it, keeping {placeholders} intact."""
    parts = re.split(r"(\{[^}]*\})", text)
    swap = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
    out = []
    for part in parts:
        if part.startswith("{"):
            out.append(part)
        else:
            out.append(part.translate(swap) + "~" * (len(part) * 2 // 5))
    return "[" + "".join(out) + "]"


def format_date(value: date | datetime | None) -> str:
    """A date as the user reads it: 01.03.2026 in German, 1 Mar 2026 in English."""
    return _current.format_date(value)


def format_datetime(value: datetime | None) -> str:
    """A date and time as the user reads it."""
    return _current.format_datetime(value)


def format_number(value: float | int, decimals: int = 0) -> str:
    """A number as the user reads it: 1.234,5 in German, 1,234.5 in English."""
    return _current.format_number(value, decimals)
