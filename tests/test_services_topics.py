"""Topics service: the built-in catalogue, German names of built-in topics, new topics."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from app import i18n
from app.db.migrations import BUILTIN_TOPICS
from app.errors import ValidationError
from app.labels import topic_label
from app.services import topics


def test_a_new_file_has_the_built_in_topics(db: Database) -> None:
    catalogue = topics.list_topics(db)
    assert {t.builtin_key for t in catalogue} == {key for key, _ in BUILTIN_TOPICS}
    names = [t.name for t in catalogue]
    assert names == sorted(names, key=str.casefold)


def test_german_name_of_a_built_in_topic_finds_it(db: Database) -> None:
    found = topics.ensure_topic(db, "KI-Werkzeuge")
    assert found.name == "AI tools" and found.builtin_key == "ai"
    assert topics.ensure_topic(db, "ki-werkzeuge").id == found.id
    assert topics.ensure_topic(db, "  ai TOOLS ").id == found.id
    assert len(topics.list_topics(db)) == len(BUILTIN_TOPICS)
    i18n.set_language("de")
    assert topic_label(found) == "KI-Werkzeuge"


def test_a_new_topic_is_added_once(db: Database) -> None:
    created = topics.ensure_topic(db, "  Podcasts &  <Video>  ")
    assert created.name == "Podcasts & <Video>" and created.builtin_key is None
    assert topics.ensure_topic(db, "podcasts & <video>").id == created.id
    assert topics.find_topic(db, "Unknown") is None
    assert len(topics.list_topics(db)) == len(BUILTIN_TOPICS) + 1
    assert topic_label(created) == "Podcasts & <Video>"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_topic_needs_a_name(db: Database, name: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        topics.ensure_topic(db, name)  # type: ignore[arg-type]
    assert caught.value.message == "A topic needs a name."
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        topics.ensure_topic(db, name)  # type: ignore[arg-type]
    assert caught.value.message == "Ein Thema braucht einen Namen."
