"""The translation mechanism and the completeness of German."""

from __future__ import annotations

import re

from app import i18n
from tools.i18n_check import marked_strings, missing


def test_every_marked_string_has_a_german_translation() -> None:
    gaps = missing("de")
    assert not gaps, "German missing for: " + "; ".join(f"{k!r} ({v[1]})" for k, v in list(gaps.items())[:20])


def test_translations_keep_their_placeholders() -> None:
    catalog, plurals = i18n.load_catalog("de")
    placeholder = re.compile(r"\{[^}]*\}")
    for msgid, msgstr in catalog.items():
        assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(msgstr)), msgid
    for msgid, forms in plurals.items():
        for form in forms:
            assert set(placeholder.findall(form)) <= set(placeholder.findall(msgid)) | {"{n}"}, msgid
    assert len(marked_strings()) > 50


def test_switching_language_and_placeholders() -> None:
    i18n.set_language("de")
    assert i18n.tr("Participants") == "Teilnehmende"
    assert i18n.tr("The file {name} does not exist.", name="a.tandem") == "Die Datei a.tandem gibt es nicht."
    i18n.set_language("en")
    assert i18n.tr("Participants") == "Participants"
    assert i18n.set_language("fr") == "en"


def test_pseudo_language_stretches_but_keeps_placeholders() -> None:
    i18n.set_language("pseudo")
    text = i18n.tr("The file {name} does not exist.", name="x")
    assert text.startswith("[") and text.endswith("]") and "x" in text and "{" not in text
    assert len(text) > len("The file x does not exist.") * 1.3


def test_po_parser_reads_multiline_and_plural_entries() -> None:
    entries = i18n.parse_po(
        'msgid ""\nmsgstr "Content-Type: text/plain\\n"\n\n'
        '#: a.py:1\nmsgid "One "\n"line"\nmsgstr "Eine "\n"Zeile \\"x\\""\n\n'
        'msgid "{n} tandem"\nmsgid_plural "{n} tandems"\nmsgstr[0] "{n} Tandem"\nmsgstr[1] "{n} Tandems"\n'
    )
    assert {"msgid": "One line", "msgstr": 'Eine Zeile "x"'} in entries
    assert entries[-1]["msgstr[1]"] == "{n} Tandems"


def test_dates_follow_the_language() -> None:
    from datetime import date, datetime

    i18n.set_language("de")
    assert i18n.format_date(date(2026, 3, 1)) == "01.03.2026"
    i18n.set_language("en")
    # English: the month in words, so that no reader takes 1 March for 3 January.
    assert i18n.format_date(date(2026, 3, 1)) == "1 Mar 2026"
    assert i18n.format_date(date(2026, 8, 31)) == "31 Aug 2026"
    assert i18n.translator("en").format_datetime(datetime(2026, 12, 5, 9, 30)) == "5 Dec 2026 09:30"


def test_a_translator_keeps_its_language_whatever_the_window_speaks() -> None:
    from datetime import date

    i18n.set_language("en")
    german = i18n.translator("de")
    assert german.tr("Participants") == "Teilnehmende"
    assert german.trn("{n} tandem", "{n} tandems", 3) == i18n.translator("de").trn(
        "{n} tandem", "{n} tandems", 3
    )
    assert german.format_date(date(2026, 3, 1)) == "01.03.2026"
    assert german.format_date_long(date(2026, 3, 1)) == "1. März 2026"
    assert german.format_number(1234.5, 1) == "1.234,5"
    assert i18n.tr("Participants") == "Participants"  # the window is still English
    i18n.set_language("de")
    english = i18n.translator("en")
    assert english.tr("Participants") == "Participants"
    assert english.format_date_long(date(2026, 3, 1)) == "1 March 2026"
    assert english.format_number(1234.5, 1) == "1,234.5"
    assert german.tr("Participants") == i18n.tr("Participants") == "Teilnehmende"
    assert i18n.translator() is i18n.translator("de") and i18n.translator("fr").code == "en"


def test_the_extractor_finds_strings_translated_through_a_translator(tmp_path, monkeypatch) -> None:
    import tools.i18n_check as check

    source = tmp_path / "doc.py"
    source.write_text(
        "t = translator('de')\n"
        "a = t.tr('Signed in {place}', place=p)\n"
        "b = self.t.trn('{n} meeting', '{n} meetings', n)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(check, "SOURCES", [source])
    monkeypatch.setattr(check, "ROOT", tmp_path)
    found = check.marked_strings()
    assert found["Signed in {place}"] == (None, "doc.py:2")
    assert found["{n} meeting"] == ("{n} meetings", "doc.py:3")
