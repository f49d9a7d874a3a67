"""The one translation mechanism, shared by the window, the command line and the documents.

Source strings are English and are marked in code with `tr("...")` (or `trn` for plurals,
`N_` for constants translated later). German lives in gettext `.po` catalogues under
`resources/translations/<lang>/`, one file per area, read directly at start-up: no compile
step, the files open in any PO editor, and a test checks that every marked string has a
German entry. Placeholders use `str.format` names: `tr("Hello {name}", name=n)`.

The pseudo language `pseudo` wraps and stretches every string, to find layouts that break.
"""

from __future__ import annotations

import locale
import os
import re
from datetime import date, datetime
from pathlib import Path

from app.paths import resources_dir

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "en"

_language = DEFAULT_LANGUAGE
_catalog: dict[str, str] = {}
_plurals: dict[str, tuple[str, str]] = {}


def N_(text: str) -> str:
    """Mark a constant for translation without translating it now."""
    return text


def tr(text: str, /, **kwargs: object) -> str:
    """Translate `text` into the current language and fill its `{placeholders}`."""
    translated = _catalog.get(text) or text
    if _language == "pseudo":
        translated = _pseudo(translated)
    return translated.format(**kwargs) if kwargs else translated


def trn(singular: str, plural: str, n: int, /, **kwargs: object) -> str:
    """Translate a text with a singular and a plural form; `{n}` is filled in."""
    forms = _plurals.get(singular)
    if forms:
        text = forms[0] if n == 1 else forms[1]
    else:
        text = singular if n == 1 else plural
    if _language == "pseudo":
        text = _pseudo(text)
    return text.format(n=n, **kwargs)


def language() -> str:
    """The current language code."""
    return _language


def set_language(code: str | None) -> str:
    """Switch the language ('de', 'en' or 'pseudo'); unknown codes fall back to English."""
    global _language, _catalog, _plurals
    code = (code or "").lower()[:2] if code != "pseudo" else code
    if code not in (*LANGUAGES, "pseudo"):
        code = DEFAULT_LANGUAGE
    _language = code
    _catalog, _plurals = {}, {}
    if code == "de":
        _catalog, _plurals = load_catalog("de")
    return code


def system_language() -> str:
    """'de' when the system speaks German, else 'en'."""
    for var in ("TANDEM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "de" if value.lower().startswith("de") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "de" if loc.lower().startswith("de") else "en"


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
    """A date as the user reads it: 01.03.2026 in German, 2026-03-01 in English."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    if _language == "de":
        return day.strftime("%d.%m.%Y")
    return day.isoformat()


def format_datetime(value: datetime | None) -> str:
    """A date and time as the user reads it."""
    if value is None:
        return ""
    return f"{format_date(value)} {value.strftime('%H:%M')}"
