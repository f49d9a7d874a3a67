"""The topic catalogue: what people can teach and want to learn, and a tandem's focus."""

from __future__ import annotations

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import load_catalog, tr
from app.model import Topic
from app.services.common import clean


def list_topics(db: Database) -> list[Topic]:
    """Every topic in the catalogue, sorted by name."""
    rows = db.query("SELECT id, name, builtin_key FROM topics ORDER BY name COLLATE NOCASE")
    return [Topic(row["id"], row["name"], row["builtin_key"]) for row in rows]


def find_topic(db: Database, name: str) -> Topic | None:
    """The topic with this name, matching the stored name or a built-in topic's German name."""
    rows = list(
        db.query("SELECT id, name, builtin_key FROM topics WHERE name = ? COLLATE NOCASE", [name])
    )
    if rows:
        row = rows[0]
        return Topic(row["id"], row["name"], row["builtin_key"])
    wanted = name.casefold()
    for topic in list_topics(db):
        if topic.builtin_key and _german_names().get(topic.name, "").casefold() == wanted:
            return topic
    return None


_GERMAN: dict[str, str] | None = None


def _german_names() -> dict[str, str]:
    global _GERMAN
    if _GERMAN is None:
        _GERMAN = load_catalog("de")[0]
    return _GERMAN


def ensure_topic(db: Database, name: str) -> Topic:
    """The topic of that name, added to the catalogue if it is new."""
    cleaned = clean(name)
    if not cleaned:
        raise ValidationError(tr("A topic needs a name."), field="topic")
    existing = find_topic(db, cleaned)
    if existing:
        return existing
    cursor = db.execute("INSERT INTO topics (name) VALUES (?)", [cleaned])
    return Topic(int(cursor.lastrowid), cleaned, None)
