"""Program settings kept in the file: company name, logo, language, defaults."""

from __future__ import annotations

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import LANGUAGES, tr
from app.model import AppSettings

_INT_KEYS = {
    "default_meetings": (1, 52),
    "default_cadence_weeks": (1, 26),
    "default_duration_minutes": (5, 720),
}


def _values(db: Database) -> dict[str, str | None]:
    return {row["key"]: row["value"] for row in db.query("SELECT key, value FROM settings")}


def get_settings(db: Database) -> AppSettings:
    """The settings, with defaults for what was never set."""
    values = _values(db)
    has_logo = bool(
        list(db.query("SELECT 1 FROM settings WHERE key = 'logo' AND data IS NOT NULL"))
    )
    known = {"company_name", "language", *_INT_KEYS}
    return AppSettings(
        company_name=values.get("company_name") or "",
        language=values.get("language") or None,
        default_meetings=int(values.get("default_meetings") or 6),
        default_cadence_weeks=int(values.get("default_cadence_weeks") or 4),
        default_duration_minutes=int(values.get("default_duration_minutes") or 60),
        has_logo=has_logo,
        extra={k: v for k, v in values.items() if k not in known and k != "logo" and v is not None},
    )


def set_setting(db: Database, key: str, value: str | int | None) -> None:
    """Store one setting (validated for the known keys)."""
    if key in _INT_KEYS:
        low, high = _INT_KEYS[key]
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = low - 1
        if not low <= number <= high:
            raise ValidationError(
                tr("Please enter a number between {low} and {high}.", low=low, high=high), field=key
            )
        value = str(number)
    if key == "language" and value not in (None, "", *LANGUAGES):
        raise ValidationError(tr("Unknown language."), field=key)
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, None if value is None else str(value)],
    )


def set_logo(db: Database, image: bytes | None) -> None:
    """Store the company logo (PNG or JPEG bytes), or remove it with None."""
    if image is not None and not (image.startswith(b"\x89PNG") or image.startswith(b"\xff\xd8")):
        raise ValidationError(tr("The logo must be a PNG or JPEG image."), field="logo")
    db.execute(
        "INSERT INTO settings (key, data) VALUES ('logo', ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data",
        [image],
    )


def get_logo(db: Database) -> bytes | None:
    """The company logo's bytes, if one was set."""
    rows = list(db.query("SELECT data FROM settings WHERE key = 'logo'"))
    return rows[0]["data"] if rows else None
