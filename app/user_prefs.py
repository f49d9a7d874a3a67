"""Tandem's own per-user preferences: recent files, the last file, the language, window state.

A small JSON file in `app.paths.user_data_dir()`. It is written atomically
(`app.files.write_atomically`), and a missing or damaged file simply counts as empty,
so a broken preferences file can never stop the program from starting.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from app.errors import StorageError
from app.files import write_atomically
from app.paths import user_data_dir

PREFS_FILE = "preferences.json"
MAX_RECENT = 8

log = logging.getLogger(__name__)


def prefs_path() -> Path:
    """Where the preferences live."""
    return user_data_dir() / PREFS_FILE


def load() -> dict[str, Any]:
    """All preferences; an empty dict when the file is missing or damaged."""
    try:
        data = json.loads(prefs_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("Preferences file unreadable; starting with defaults.")
        return {}
    return data if isinstance(data, dict) else {}


def save(data: dict[str, Any]) -> None:
    """Write all preferences atomically. Failure to write is logged, never raised."""
    path = prefs_path()
    try:
        content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError:
        # A file name that is not valid UTF-8 (possible on Linux): JSON's \u escapes keep it.
        content = json.dumps(data, ensure_ascii=True, indent=1).encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
    except (OSError, StorageError):
        log.warning("Preferences could not be saved.")


def get(key: str, default: Any = None) -> Any:
    """One preference value."""
    return load().get(key, default)


def put(key: str, value: Any) -> None:
    """Set one preference value (None removes it)."""
    data = load()
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    save(data)


def recent_files() -> list[Path]:
    """The recently opened program files, newest first (at most MAX_RECENT)."""
    raw = load().get("recent_files", [])
    if not isinstance(raw, list):
        return []
    return [Path(item) for item in raw if isinstance(item, str) and item][:MAX_RECENT]


def add_recent(path: Path | str) -> None:
    """Put a file at the top of the recent files and remember it as the last file."""
    text = str(Path(path).resolve())
    data = load()
    old = data.get("recent_files", [])
    old = old if isinstance(old, list) else []
    data["recent_files"] = [text, *[p for p in old if isinstance(p, str) and p != text]][
        :MAX_RECENT
    ]
    data["last_file"] = text
    save(data)


def remove_recent(path: Path | str) -> None:
    """Forget a file (for instance one that no longer exists)."""
    text = str(Path(path).resolve())
    data = load()
    old = data.get("recent_files", [])
    data["recent_files"] = [p for p in old if isinstance(p, str) and p != text]
    if data.get("last_file") == text:
        data.pop("last_file")
    save(data)


def clear_last_file() -> None:
    """Start next time without a file (after the user closed it)."""
    put("last_file", None)


def last_file() -> Path | None:
    """The file open when the program was last used, if any."""
    value = load().get("last_file")
    return Path(value) if isinstance(value, str) and value else None


def language() -> str | None:
    """The language the user chose ('de' or 'en'), or None to follow the system."""
    value = load().get("language")
    return value if value in ("de", "en") else None


def set_language(code: str | None) -> None:
    """Remember the user's language choice."""
    put("language", code if code in ("de", "en") else None)
