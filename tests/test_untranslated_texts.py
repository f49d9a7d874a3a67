"""Every text the user sees goes through `tr()`: a literal handed straight to a Qt setter, a
message box, argparse's help, a PDF paragraph, an error for the user or a print of the
command line fails."""

from __future__ import annotations

from pathlib import Path

from tools.untranslated import scan, translated_too_early

PLANTED = """
from app.i18n import tr
from app.errors import ValidationError

def build(self, parser, n, box):
    label = QLabel("Hello world", self)
    label.setToolTip(f"{n} rows shown")
    box.warning(self, "Careful", tr("Really?"))
    parser.add_argument("--count", help="how many rows")
    parser.add_argument("--day", metavar="YYYY-MM-DD", help=tr("the day"))
    parser.add_argument("--round", metavar="ID", help=tr("the round"))
    print("Done.")
    log.warning("Only for the log file.")
    self.setObjectName("main_table")
    self.setWindowTitle(tr("Settings"))
    story = [Paragraph(esc("Signatures"), style), Paragraph(Markup(f"{n}.&nbsp;{esc(x)}"), style)]
    raise ValidationError("The name is missing.")
"""


def test_no_untranslated_text_in_the_program() -> None:
    findings = scan()
    assert not findings, "\n".join(str(f) for f in findings)


def test_the_scan_finds_literal_texts_and_lets_translated_ones_and_names_pass(
    tmp_path: Path,
) -> None:
    source = tmp_path / "planted.py"
    source.write_text(PLANTED, encoding="utf-8")
    found = {(f.call, f.text) for f in scan([source])}
    assert found == {
        ("QLabel", "Hello world"),
        ("setToolTip", " rows shown"),
        ("warning", "Careful"),
        ("add_argument", "how many rows"),
        ("add_argument", "YYYY-MM-DD"),
        ("print", "Done."),
        ("ValidationError", "The name is missing."),
        ("Paragraph", "Signatures"),
    }


EARLY = """
from app.i18n import N_, tr

TITLE = tr("Participants")
LATER = N_("Tandems")


class View:
    caption = tr("Rounds")

    def header(self, text=tr("Meetings")):
        return tr(LATER), tr("Overview")
"""


def test_nothing_is_translated_when_a_module_is_imported(tmp_path: Path) -> None:
    """A text translated at import keeps that language after the user switches."""
    assert not translated_too_early(), "\n".join(str(f) for f in translated_too_early())
    source = tmp_path / "early.py"
    source.write_text(EARLY, encoding="utf-8")
    found = {(f.call, f.text) for f in translated_too_early([source])}
    assert found == {
        ("import", "tr('Participants')"),
        ("import", "tr('Rounds')"),
        ("default", "tr('Meetings')"),
    }
