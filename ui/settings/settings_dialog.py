"""The Settings dialog: the program file's settings in four tabs (Company with the HR contact
and the data protection officer, Programme, Signatures, Agreement texts), saved through
`app.services.settings`.

Save writes every setting in one transaction through `update_settings()`, or nothing: the
service's message for each bad field appears under that field (its tab is brought to the
front). HR's agreement texts are saved afterwards, per language; a text that is our standard
text again is stored as "standard" (`reset_agreement_clauses`), so HR gets our later
improvements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import user_prefs
from app.errors import TandemError, ValidationError
from app.i18n import LANGUAGES, system_language, tr, trn
from app.model import AppSettings
from app.services import settings as service
from ui import dialogs
from ui.context import SETTINGS, AppContext
from ui.form_fields import FieldErrors, buddy_label, save_cancel_buttons
from ui.settings.clause_editor import ClauseEditor
from ui.settings.logo_field import LogoField
from ui.views.base import plain_label

TEXT_FIELDS = (
    "company_name", "program_name", "signature_place",
    "signatory1_name", "signatory1_title", "signatory2_name", "signatory2_title",
    "hr_contact_name", "hr_contact_email", "hr_contact_phone",
    "dpo_name", "dpo_email", "dpo_phone",
)  # fmt: skip
NUMBER_FIELDS = ("default_meetings", "default_cadence_weeks", "default_duration_minutes")
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def language_name(code: str) -> str:
    """'German' / 'Deutsch' for a document language, in the window's language."""
    return {"de": tr("German"), "en": tr("English")}[code]


def clause_key(lang: str) -> str:
    """The error key of a language's agreement text."""
    return f"clauses_{lang}"


class SettingsDialog(QDialog):
    """Edit the open file's settings; after Accepted, `saved` holds them as stored."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.before: AppSettings = service.get_settings(db)
        self.saved: AppSettings | None = None
        self.errors = FieldErrors()
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(tr("Settings"))

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Settings"))
        # Each page scrolls on its own, so a low screen keeps Save and Cancel in view.
        for page, title in (
            (self._company_page(), tr("&Company")),
            (self._programme_page(), tr("&Programme")),
            (self._signatures_page(), tr("Si&gnatures")),
            (self._agreement_page(), tr("&Agreement texts")),
        ):
            self.tabs.addTab(dialogs.scrolling(page, self.tabs), title)
        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 112, metrics.height() * 40)
        for key, field in self.fields.items():
            self._clear_on_edit(key, field)

    # --- building ------------------------------------------------------------------------
    def _line(self, key: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(str(getattr(self.before, key) or ""), self)
        edit.setPlaceholderText(placeholder)
        self.fields[key] = edit
        return edit

    def _spin(self, key: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(int(getattr(self.before, key)))
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fields[key] = spin
        return spin

    def _rows(self, parent: QWidget, rows: list[tuple[str, str, QWidget]]) -> QFormLayout:
        """A form of (caption with &mnemonic, key, field) rows, each field with its inline
        message under it."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, key, field in rows:
            field.setParent(parent)
            field.setAccessibleName(caption.replace("&", "").rstrip(":"))
            form.addRow(buddy_label(parent, caption, field), self.errors.wrap(key, field, parent))
        return form

    def _note(self, text: str, parent: QWidget) -> QWidget:
        label = plain_label(text, parent)
        label.setWordWrap(True)
        return label

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        return page, layout

    def _company_page(self) -> QWidget:
        page, layout = self._page()
        company = QGroupBox(tr("Company"), page)
        self.logo = LogoField(service.get_logo(self.db), company)
        self.fields["logo"] = self.logo
        form = self._rows(
            company,
            [
                (tr("Company &name:"), "company_name", self._line("company_name", tr("e.g. Muster GmbH"))),
                (tr("&Logo:"), "logo", self.logo),
            ],
        )  # fmt: skip
        self.logo.setAccessibleName(tr("Logo"))
        self.logo.problem.connect(lambda message: self.errors.show("logo", message))
        company.setLayout(form)
        form.addRow("", self._note(tr("Printed at the top of every document."), company))

        contact = QGroupBox(tr("HR contact"), page)
        form = self._rows(
            contact,
            [
                (tr("Na&me:"), "hr_contact_name", self._line("hr_contact_name")),
                (tr("&E-mail:"), "hr_contact_email", self._line("hr_contact_email", tr("e.g. hr@example.com"))),
                (tr("&Telephone:"), "hr_contact_phone", self._line("hr_contact_phone", tr("e.g. +49 40 1234-567"))),
            ],
        )  # fmt: skip
        contact.setLayout(form)
        form.addRow("", self._note(tr("The tandem agreement names this contact for questions and for leaving the programme."), contact))  # fmt: skip
        layout.addWidget(company)
        layout.addWidget(contact)
        layout.addWidget(self._dpo_box(page))
        layout.addStretch(1)
        return page

    def _dpo_box(self, page: QWidget) -> QGroupBox:
        """The data protection officer: optional (many small companies have none)."""
        box = QGroupBox(tr("Data protection"), page)
        form = self._rows(
            box,
            [
                (tr("&Data protection officer:"), "dpo_name", self._line("dpo_name", tr("Leave empty if none is appointed"))),
                (tr("E-ma&il:"), "dpo_email", self._line("dpo_email", tr("e.g. privacy@example.com"))),
                (tr("Telep&hone:"), "dpo_phone", self._line("dpo_phone", tr("e.g. +49 40 1234-590"))),
            ],
        )  # fmt: skip
        # The captions repeat the HR contact's: say whose e-mail and phone a reader hears.
        self.fields["dpo_email"].setAccessibleName(tr("Data protection officer's e-mail"))
        self.fields["dpo_phone"].setAccessibleName(tr("Data protection officer's telephone"))
        box.setLayout(form)
        form.addRow("", self._note(tr("Named in the works council description, the personal data export and the tandem agreement."), box))  # fmt: skip
        return box

    def _programme_page(self) -> QWidget:
        page, layout = self._page()
        programme = QGroupBox(tr("Programme"), page)
        self.language = QComboBox(programme)
        self.language.addItem(tr("Same as the window"), None)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(self.before.language), 0))
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fields["language"] = self.language
        form = self._rows(
            programme,
            [
                (tr("Programme &name:"), "program_name", self._line("program_name", tr("e.g. Reverse Mentoring"))),
                (tr("&Document language:"), "language", self.language),
            ],
        )  # fmt: skip
        form.addRow(
            "",
            self._note(
                tr("Names the programme on every document. Companies also call it “Reciprocal” or “Upwards Mentoring”."),
                programme,
            ),
        )  # fmt: skip
        programme.setLayout(form)

        defaults = QGroupBox(tr("New rounds and meetings"), page)
        self.meetings = self._spin("default_meetings", 1, 52)
        self.cadence = self._spin("default_cadence_weeks", 1, 26)
        self.duration = self._spin("default_duration_minutes", 5, 720)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(tr(" min"))
        self.cadence.valueChanged.connect(lambda _v: self._cadence_words())
        self._cadence_words()
        form = self._rows(
            defaults,
            [
                (tr("&Meetings per tandem:"), "default_meetings", self.meetings),
                (tr("Meeting &frequency:"), "default_cadence_weeks", self.cadence),
                (tr("Meeting &length:"), "default_duration_minutes", self.duration),
            ],
        )
        defaults.setLayout(form)
        layout.addWidget(programme)
        layout.addWidget(defaults)
        layout.addWidget(self._computer_box(page))
        layout.addStretch(1)
        return page

    def _computer_box(self, page: QWidget) -> QGroupBox:
        """The window's language: the user's own choice on this computer, not the file's."""
        box = QGroupBox(tr("On this computer"), page)
        self.window_language = QComboBox(box)
        system = LANGUAGE_NAMES[system_language()]
        self.window_language.addItem(tr("As the system ({language})", language=system), None)
        for code in LANGUAGES:
            self.window_language.addItem(LANGUAGE_NAMES[code], code)
        chosen = user_prefs.language()
        self.window_language.setCurrentIndex(self.window_language.findData(chosen) if chosen else 0)
        self.window_language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form = self._rows(box, [(tr("&Window language:"), "window_language", self.window_language)])
        form.addRow(
            "",
            self._note(
                tr(
                    "Menus, views and messages; only for you on this computer. The window "
                    "switches when you save."
                ),
                box,
            ),
        )
        box.setLayout(form)
        return box

    def chosen_window_language(self) -> str | None:
        """The window language picked: 'de', 'en', or None to follow the system."""
        return self.window_language.currentData()

    def _cadence_words(self) -> None:
        n = self.cadence.value()
        before, _, after = trn("every {n} week", "every {n} weeks", n).partition(str(n))
        self.cadence.setPrefix(before)
        self.cadence.setSuffix(after)

    def _signatures_page(self) -> QWidget:
        page, layout = self._page()
        place = QGroupBox(tr("Place"), page)
        form = self._rows(
            place,
            [(tr("Place for &signatures:"), "signature_place", self._line("signature_place", tr("e.g. Hamburg")))],
        )  # fmt: skip
        form.addRow("", self._note(tr("Printed before the date above the signature lines, e.g. “Hamburg, 12 March 2026”."), place))  # fmt: skip
        place.setLayout(form)
        signatories = QGroupBox(tr("Signatories of the certificates"), page)
        form = self._rows(
            signatories,
            [
                (tr("&First signatory:"), "signatory1_name", self._line("signatory1_name", tr("Name"))),
                (tr("Job &title:"), "signatory1_title", self._line("signatory1_title", tr("e.g. Head of HR"))),
                (tr("Sec&ond signatory:"), "signatory2_name", self._line("signatory2_name", tr("Name"))),
                (tr("Job t&itle:"), "signatory2_title", self._line("signatory2_title", tr("e.g. Managing Director"))),
            ],
        )  # fmt: skip
        signatories.setLayout(form)
        layout.addWidget(place)
        layout.addWidget(signatories)
        layout.addStretch(1)
        return page

    def _agreement_page(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(
            self._note(
                tr(
                    "The clauses printed in every tandem agreement, in German and in English. "
                    "The lines starting with “#” explain how to write them; they are not printed."
                ),
                page,
            )
        )
        self.clause_tabs = QTabWidget(page)
        self.clause_tabs.setAccessibleName(tr("Agreement texts"))
        self.clauses: dict[str, ClauseEditor] = {}
        for lang in LANGUAGES:
            editor = ClauseEditor(
                lang,
                service.agreement_clauses_text(self.db, lang),
                service.standard_clauses_text(lang),
                language_name(lang),
                self.clause_tabs,
            )
            holder = self.errors.wrap(clause_key(lang), editor, self.clause_tabs, editor.edit)
            self.clauses[lang] = editor
            self.clause_tabs.addTab(holder, language_name(lang))
            editor.edit.textChanged.connect(self._hider(clause_key(lang)))
        layout.addWidget(self.clause_tabs, 1)
        return page

    def _hider(self, key: str) -> Callable[..., None]:
        """A slot that hides the message of `key`."""
        return lambda *_args: self.errors.show(key, None)

    def _clear_on_edit(self, key: str, field: QWidget) -> None:
        """A field's message goes away as soon as the user changes the field."""
        hide = self._hider(key)
        if isinstance(field, QLineEdit):
            field.textEdited.connect(hide)
        elif isinstance(field, QSpinBox):
            field.valueChanged.connect(hide)
        elif isinstance(field, QComboBox):
            field.currentIndexChanged.connect(hide)

    # --- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the dialog holds, as `update_settings()` takes it (the logo only when it
        was chosen or removed)."""
        values: dict[str, Any] = {key: self.fields[key].text() for key in TEXT_FIELDS}  # type: ignore[attr-defined]
        values.update({key: self.fields[key].value() for key in NUMBER_FIELDS})  # type: ignore[attr-defined]
        values["language"] = self.language.currentData()
        if self.logo.changed:
            values["logo"] = self.logo.image()
        return values

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.errors.show_all(errors)
        key = next((k for k in self.errors.labels if k in errors), None)
        if key is None:
            return
        self._bring_forward(self.errors.focus[key])
        self.errors.focus_first(errors)

    def _bring_forward(self, widget: QWidget) -> None:
        """Show the tab (and inner tab) that holds `widget`."""
        for tabs in (self.clause_tabs, self.tabs):
            for index in range(tabs.count()):
                if tabs.widget(index).isAncestorOf(widget):
                    tabs.setCurrentIndex(index)

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        """Save every setting, or show what is wrong under the field and write nothing;
        then the agreement texts that were edited."""
        self.errors.show_all({})
        try:
            self.saved = service.update_settings(self.db, self.values())
        except ValidationError as exc:
            self._show_errors(exc.errors or {exc.field or "company_name": exc.message})
            return
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.logo.changed = False
        for lang, editor in self.clauses.items():
            if not editor.is_edited():
                continue
            try:
                if editor.is_standard():
                    service.reset_agreement_clauses(self.db, lang)
                else:
                    service.set_agreement_clauses(self.db, lang, editor.text())
            except ValidationError as exc:
                self._show_errors({clause_key(lang): exc.message})
                return
            except TandemError as exc:
                dialogs.show_warning(self, exc.message)
                return
            editor.saved(editor.text())
        self.accept()


def edit_settings(context: AppContext, parent: QWidget | None = None) -> bool:
    """Open the Settings dialog for the open file; True when something was saved."""
    if context.db is None:
        return False
    dialog = SettingsDialog(context.db, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        window_language = dialog.chosen_window_language()
    finally:
        dialog.deleteLater()
    if accepted:
        context.notify_changed(SETTINGS)
        apply_window_language(window_language, parent)
    return accepted


def apply_window_language(choice: str | None, window: QWidget | None) -> None:
    """Remember the window language chosen in the settings (None: follow the system) and
    switch the window to it at once."""
    if choice == user_prefs.language():
        return
    switch: Callable[[str], None] | None = getattr(window, "switch_language", None)
    if switch is not None:
        switch(choice or system_language())  # it remembers the language it switched to
    user_prefs.set_language(choice)
