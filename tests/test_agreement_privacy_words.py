"""The agreement's privacy clause, read back from real PDFs: the retention period is the file's
own setting (change it and the sentence changes), correctly pluralised in both languages; the
data protection officer is named when one is set and the sentence is left out when none is;
a typo in HR's own clause words is refused when saved, and an older text holding one still
prints."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from app.documents.agreement import agreement_pdf
from app.errors import ValidationError
from app.services import settings
from app.services.retention import set_keep_months
from tests.pdf_helpers import HARD_FIRST, HARD_LAST, hard_names_program, pdf_text

KEPT = {
    "en": "This is kept while we take part, and for {months} after our last round has ended",
    "de": "Das bleibt gespeichert, solange wir teilnehmen, und noch {months} nach dem Ende "
    "unserer letzten Programmrunde",
}
MONTHS = {
    "en": {24: "24 months", 1: "1 month", 36: "36 months"},
    "de": {24: "24 Monate", 1: "1 Monat", 36: "36 Monate"},
}
DPO_SENTENCE = {
    "en": "Each of us may also turn to the data protection officer:",
    "de": "Jede und jeder von uns kann sich auch an die oder den Datenschutzbeauftragten wenden:",
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_retention_sentence_states_the_file_s_setting(db: Database, lang: str) -> None:
    tandem = hard_names_program(db)["hard"]
    text = pdf_text(agreement_pdf(db, tandem, lang=lang))
    assert KEPT[lang].format(months=MONTHS[lang][24]) in text  # the default: 24 months
    assert "two years" not in text and "zwei Jahre" not in text
    for months in (1, 36):
        set_keep_months(db, months)
        text = pdf_text(agreement_pdf(db, tandem, lang=lang))
        assert KEPT[lang].format(months=MONTHS[lang][months]) in text
        assert "{retention}" not in text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_data_protection_officer_is_named_when_set(db: Database, lang: str) -> None:
    tandem = hard_names_program(db)["hard"]
    settings.update_settings(
        db,
        {
            "dpo_name": f"{HARD_FIRST} {HARD_LAST} & <b>Lee</b>",
            "dpo_email": "datenschutz@lindenhof.example",
            "dpo_phone": "+49 40 1234-599",
        },
    )
    text = pdf_text(agreement_pdf(db, tandem, lang=lang))
    assert (
        f"{DPO_SENTENCE[lang]} {HARD_FIRST} {HARD_LAST} & <b>Lee</b> "
        "(datenschutz@lindenhof.example, +49 40 1234-599)."
    ) in text
    settings.update_settings(db, {"dpo_name": "", "dpo_phone": ""})
    text = pdf_text(agreement_pdf(db, tandem, lang=lang))
    assert f"{DPO_SENTENCE[lang]} datenschutz@lindenhof.example." in text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_a_data_protection_officer_the_sentence_is_left_out(
    db: Database, lang: str
) -> None:
    tandem = hard_names_program(db)["hard"]
    text = pdf_text(agreement_pdf(db, tandem, lang=lang))
    assert DPO_SENTENCE[lang] not in text
    assert "{dpo}" not in text and "None" not in text
    assert "Datenschutzbeauftragte" not in text and "data protection officer" not in text
    # the rest of the clause is still there
    assert KEPT[lang].format(months=MONTHS[lang][24]) in text


def test_hr_s_own_clauses_use_every_word(db: Database) -> None:
    tandem = hard_names_program(db)["hard"]
    settings.update_settings(
        db,
        {
            "company_name": "Lindenhof & <Söhne> GmbH",
            "program_name": "Upwards Mentoring",
            "hr_contact_name": "Sabine Kraus",
            "dpo_name": "Dr. Jana Weber",
        },
    )
    set_keep_months(db, 18)
    words = " ".join(settings.CLAUSE_WORDS)
    settings.set_agreement_clauses(db, "en", f"## Our words\nAll of them: {words}.\n")
    text = pdf_text(agreement_pdf(db, tandem, lang="en"))
    assert (
        "All of them: Lindenhof & <Söhne> GmbH Upwards Mentoring Sabine Kraus (HR) 18 months "
        "Dr. Jana Weber."
    ) in text


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "“{compnay}” is not a word Tandem fills in. Please check its spelling; the words are "
            "{company}, {program}, {hr_contact}, {retention}, {dpo}.",
        ),
        (
            "de",
            "„{compnay}“ ist kein Wort, das Tandem beim Drucken ersetzt. Bitte prüfen Sie die "
            "Schreibweise; möglich sind {company}, {program}, {hr_contact}, {retention}, {dpo}.",
        ),
    ],
)
def test_a_misspelt_word_is_refused_when_saved(db: Database, lang: str, message: str) -> None:
    from app import i18n

    i18n.set_language(lang)
    text = "# {anything} in a comment is fine\n## Exit\nTell {hr_contact} or {compnay}.\n"
    with pytest.raises(ValidationError) as caught:
        settings.set_agreement_clauses(db, "en", text)
    assert caught.value.field == "clauses" and caught.value.message == message
    assert not settings.has_custom_clauses(db, "en")


def test_an_older_text_with_a_misspelt_word_still_prints_it_as_typed(db: Database) -> None:
    """A text saved before words were checked is not lost: the word prints as typed, so HR
    sees the typo on the paper."""
    tandem = hard_names_program(db)["hard"]
    db.execute(
        "INSERT INTO settings (key, value) VALUES ('agreement_clauses_en', ?)",
        ["## Exit\nTell {hr_contact} at {compnay}, or {dpo}.\n\n## Kept\nFor {retention}.\n"],
    )
    text = pdf_text(agreement_pdf(db, tandem, lang="en"))
    assert "Tell the HR department at {compnay}" not in text  # the {dpo} paragraph is left out
    assert "For 24 months." in text
    db.execute(
        "UPDATE settings SET value = ? WHERE key = 'agreement_clauses_en'",
        ["## Exit\nTell {hr_contact} at {compnay}.\n"],
    )
    text = pdf_text(agreement_pdf(db, tandem, lang="en"))
    assert "Tell the HR department at {compnay}." in text
