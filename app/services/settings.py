"""Program settings kept in the file: company, logo, programme name, signatories, HR contact,
data protection officer (optional), document language, round defaults, and HR's version of the tandem agreement's clauses.

Everything lives in the `settings` table (key, value, data); the logo is the one binary value.
`update_settings()` is what a settings dialog calls: it validates every value, reports each bad
field (`ValidationError.errors`, translated, for inline messages) and writes all of them in one
transaction, or nothing.

The agreement's clauses: our standard texts are `resources/agreement/agreement_<lang>.txt`;
HR may replace them per language (stored under `agreement_clauses_<lang>`), and
`reset_agreement_clauses()` brings ours back. The text format is described in
`parse_clauses()`; the words in braces that printing fills in are `CLAUSE_WORDS`, and a text
with any other word in braces (a typo such as `{compnay}`) is refused when HR saves it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import LANGUAGES, language, tr
from app.model import DEFAULT_PROGRAM_NAME, AppSettings, Clause
from app.paths import resources_dir
from app.services.common import is_valid_email

_INT_KEYS = {
    "default_meetings": (1, 52),
    "default_cadence_weeks": (1, 26),
    "default_duration_minutes": (5, 720),
    "keep_personal_data_months": (1, 120),  # see app/services/retention.py
}
# Text settings and their longest allowed length.
_TEXT_KEYS = {
    "company_name": 120,
    "program_name": 80,
    "signature_place": 80,
    "signatory1_name": 100,
    "signatory1_title": 100,
    "signatory2_name": 100,
    "signatory2_title": 100,
    "hr_contact_name": 100,
    "hr_contact_email": 254,
    "hr_contact_phone": 40,
    "dpo_name": 100,
    "dpo_email": 254,
    "dpo_phone": 40,
}
_EMAIL_KEYS = {"hr_contact_email", "dpo_email"}
_PHONE_KEYS = {"hr_contact_phone", "dpo_phone"}
_PHONE_RE = re.compile(r"^[0-9+()/.\- ]+$")
_CLAUSES_KEY = "agreement_clauses_{lang}"
CLAUSE_WORDS = ("{company}", "{program}", "{hr_contact}", "{retention}", "{dpo}")
"""The words filled in when the agreement is printed (see app/documents/agreement.py)."""
_BRACED = re.compile(r"\{[^{}\n]{0,40}\}")
MAX_CLAUSES_LENGTH = 20_000
_KNOWN = {"language", *_INT_KEYS, *_TEXT_KEYS}


def _values(db: Database) -> dict[str, str | None]:
    return {row["key"]: row["value"] for row in db.query("SELECT key, value FROM settings")}


def _is_internal(key: str) -> bool:
    return key == "logo" or key.startswith("agreement_clauses_")


def get_settings(db: Database) -> AppSettings:
    """The settings, with defaults for what was never set."""
    values = _values(db)
    has_logo = bool(
        list(db.query("SELECT 1 FROM settings WHERE key = 'logo' AND data IS NOT NULL"))
    )
    texts = {key: values.get(key) or "" for key in _TEXT_KEYS}
    texts["program_name"] = texts["program_name"] or DEFAULT_PROGRAM_NAME
    return AppSettings(
        language=values.get("language") or None,
        default_meetings=int(values.get("default_meetings") or 6),
        default_cadence_weeks=int(values.get("default_cadence_weeks") or 4),
        default_duration_minutes=int(values.get("default_duration_minutes") or 60),
        has_logo=has_logo,
        extra={
            k: v
            for k, v in values.items()
            if k not in _KNOWN and not _is_internal(k) and v is not None
        },
        **texts,
    )


def document_language(db: Database, requested: str | None = None) -> str:
    """The language a document is made in: `requested` if given, else the file's default
    document language, else the window's language ('de' or 'en')."""
    for code in (requested, get_settings(db).language, language()):
        if code in LANGUAGES:
            return code  # type: ignore[return-value]
    return "en"


def _checked(key: str, value: Any) -> str | None:
    """The value as stored, or ValidationError(field=key) with a translated message."""
    if key in _INT_KEYS:
        low, high = _INT_KEYS[key]
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = low - 1
        if not low <= number <= high:
            raise ValidationError(
                tr("Please enter a number between {low} and {high}.", low=low, high=high), field=key
            )
        return str(number)
    if key == "language":
        if value not in (None, "", *LANGUAGES):
            raise ValidationError(tr("Unknown language."), field=key)
        return value or None
    if key in _TEXT_KEYS:
        text = unicodedata.normalize("NFC", " ".join(str(value or "").split()))
        if len(text) > _TEXT_KEYS[key]:
            raise ValidationError(
                tr("Please use at most {n} characters.", n=_TEXT_KEYS[key]), field=key
            )
        if text and key in _EMAIL_KEYS and not is_valid_email(text):
            raise ValidationError(
                tr("“{email}” is not a valid e-mail address.", email=text), field=key
            )
        if text and key in _PHONE_KEYS and not _PHONE_RE.match(text):
            raise ValidationError(
                tr("A phone number may hold digits, spaces and + ( ) / - . only."), field=key
            )
        return text or None
    return None if value is None else str(value)


def _store(db: Database, key: str, value: str | None) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def set_setting(db: Database, key: str, value: str | int | None) -> None:
    """Store one setting (validated for the known keys)."""
    _store(db, key, _checked(key, value))


def update_settings(db: Database, values: dict[str, Any]) -> AppSettings:
    """Validate and store several settings at once (what the settings dialog saves).

    Keys are the field names of `AppSettings` (company_name, language, program_name,
    signature_place, signatory1_name, ..., hr_contact_phone, dpo_name, dpo_email, dpo_phone,
    default_meetings, ...) plus
    `logo` (PNG/JPEG bytes, or None to remove it). Every bad value is reported: the
    ValidationError's `errors` maps each field to its translated message, `field` names the
    first. Nothing is written unless everything is valid; then all is written in ONE
    transaction. Returns the settings as stored."""
    allowed = {f.name for f in fields(AppSettings)} - {"has_logo", "extra"} | {"logo"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    errors: dict[str, str] = {}
    checked: dict[str, str | None] = {}
    for key, value in values.items():
        if key == "logo":
            continue
        try:
            checked[key] = _checked(key, value)
        except ValidationError as exc:
            errors[key] = exc.message
    if "logo" in values and values["logo"] is not None and not _is_image(values["logo"]):
        errors["logo"] = tr("The logo must be a PNG or JPEG image.")
    if errors:
        first = next(iter(errors))
        raise ValidationError(errors[first], field=first, errors=errors)
    with db.atomic():
        for key, value in checked.items():
            _store(db, key, value)
        if "logo" in values:
            _store_logo(db, values["logo"])
    return get_settings(db)


def _is_image(image: object) -> bool:
    return isinstance(image, bytes) and (
        image.startswith(b"\x89PNG") or image.startswith(b"\xff\xd8")
    )


def _store_logo(db: Database, image: bytes | None) -> None:
    db.execute(
        "INSERT INTO settings (key, data) VALUES ('logo', ?) "
        "ON CONFLICT(key) DO UPDATE SET data = excluded.data",
        [image],
    )


def set_logo(db: Database, image: bytes | None) -> None:
    """Store the company logo (PNG or JPEG bytes), or remove it with None."""
    if image is not None and not _is_image(image):
        raise ValidationError(tr("The logo must be a PNG or JPEG image."), field="logo")
    _store_logo(db, image)


def get_logo(db: Database) -> bytes | None:
    """The company logo's bytes, if one was set."""
    rows = list(db.query("SELECT data FROM settings WHERE key = 'logo'"))
    return rows[0]["data"] if rows else None


# --- the tandem agreement's clauses -------------------------------------------------------


def standard_clauses_path(lang: str) -> Path:
    """Our standard clause text of a language (resources/agreement/agreement_<lang>.txt)."""
    code = lang if lang in LANGUAGES else "en"
    return resources_dir() / "agreement" / f"agreement_{code}.txt"


def standard_clauses_text(lang: str) -> str:
    """Our standard clause text of a language, as HR would see it to edit."""
    return standard_clauses_path(lang).read_text(encoding="utf-8")


def agreement_clauses_text(db: Database, lang: str) -> str:
    """The clause text the agreement prints in `lang`: HR's version if there is one, else ours."""
    code = lang if lang in LANGUAGES else "en"
    stored = _values(db).get(_CLAUSES_KEY.format(lang=code))
    return stored if stored else standard_clauses_text(code)


def has_custom_clauses(db: Database, lang: str) -> bool:
    """True when HR has replaced our standard clauses in `lang`."""
    return bool(_values(db).get(_CLAUSES_KEY.format(lang=lang)))


def agreement_clauses(db: Database, lang: str) -> list[Clause]:
    """The agreement's clauses in `lang` (HR's version if there is one, else the standard)."""
    return parse_clauses(agreement_clauses_text(db, lang))


def set_agreement_clauses(db: Database, lang: str, text: str) -> list[Clause]:
    """Store HR's version of the clauses in `lang`; returns them parsed. Refused (field
    "clauses") when the text holds no clause or is too long."""
    if lang not in LANGUAGES:
        raise ValidationError(tr("Unknown language."), field="language")
    text = unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").strip()) + "\n"
    if len(text) > MAX_CLAUSES_LENGTH:
        raise ValidationError(
            tr("Please use at most {n} characters.", n=MAX_CLAUSES_LENGTH), field="clauses"
        )
    clauses = parse_clauses(text)
    if not clauses:
        raise ValidationError(
            tr("The agreement needs at least one clause: a line “## Heading” and its text."),
            field="clauses",
        )
    unknown = unknown_clause_words(clauses)
    if unknown:
        raise ValidationError(
            tr(
                "“{word}” is not a word Tandem fills in. Please check its spelling; the words "
                "are {words}.",
                word=unknown[0],
                words=", ".join(CLAUSE_WORDS),
            ),
            field="clauses",
        )
    with db.atomic():
        _store(db, _CLAUSES_KEY.format(lang=lang), text)
    return clauses


def unknown_clause_words(clauses: list[Clause]) -> list[str]:
    """The words in braces in the clauses' headings and paragraphs that printing would not
    fill in (they would print as typed), in the order they appear, each once."""
    found = (
        word
        for clause in clauses
        for text in (clause.heading, *clause.paragraphs)
        for word in _BRACED.findall(text)
    )
    return list(dict.fromkeys(w for w in found if w not in CLAUSE_WORDS))


def reset_agreement_clauses(db: Database, lang: str) -> list[Clause]:
    """Bring back our standard clauses in `lang` (HR's version is removed)."""
    if lang not in LANGUAGES:
        raise ValidationError(tr("Unknown language."), field="language")
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", [_CLAUSES_KEY.format(lang=lang)])
    return agreement_clauses(db, lang)


_HEADING = re.compile(r"^##\s+(.*?)\s*$")
_BOX = re.compile(r"\s*\[(box|kasten)\]\s*$", re.IGNORECASE)


def parse_clauses(text: str) -> list[Clause]:
    """Read clause text: a line `## Heading` starts a clause (`## Heading [box]` prints it in
    a framed box), blank lines separate paragraphs, a line starting with "- " is a list
    item, lines starting with a single "#" are comments. Text before the first heading is
    ignored (the file's explanation)."""
    clauses: list[Clause] = []
    heading: str | None = None
    boxed = False
    paragraphs: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    def end_clause() -> None:
        end_paragraph()
        if heading is not None and (heading or paragraphs):
            clauses.append(Clause(heading, tuple(paragraphs), boxed))
        paragraphs.clear()

    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = raw.strip()
        match = _HEADING.match(line)
        if match:
            end_clause()
            title = match.group(1)
            boxed = bool(_BOX.search(title))
            heading = _BOX.sub("", title).strip()
            continue
        if line.startswith("#"):
            continue
        if heading is None:
            continue
        if not line:
            end_paragraph()
        elif line.startswith("- "):
            end_paragraph()
            current.append(line)
        else:
            current.append(line)
    end_clause()
    return clauses
