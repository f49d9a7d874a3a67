"""The dialogs of private notes: set-up (passphrase, then the recovery key shown once),
unlock (passphrase or recovery key), change passphrase, and the note editor.

Every text here is plain text (names and notes may hold '<' or '&'). No dialog logs anything,
and no error message carries a passphrase or note content: the messages come from the notes
service, which guarantees that.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import TandemError
from app.i18n import tr
from app.services import common
from ui.dialogs import available_size
from ui.form_fields import save_cancel_buttons, show_dates_as_the_language_does
from ui.hidpi.pixmaps import IconLabel
from ui.notes.icons import lock_icon
from ui.notes.vault_controller import busy_cursor

if TYPE_CHECKING:
    from app.services.notes import Note, NotesSetup
    from ui.notes.vault_controller import NotesController

_STRENGTH_COLORS = ("#c62828", "#e65100", "#f9a825", "#2e7d32", "#1b5e20")


# --- small pieces ----------------------------------------------------------------------------


def text_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A plain-text label that wraps."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def bold_label(text: str, parent: QWidget | None = None, scale: float = 1.0) -> QLabel:
    """A bold plain-text label, optionally larger."""
    label = text_label(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red message line, hidden while empty; screen readers get it as an alert text."""
    label = text_label("", parent)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName(tr("Message"))
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show (or with '' hide) a message in an `error_label`; the window grows to fit it."""
    label.setText(message)
    label.setVisible(bool(message))
    if message:
        grow_to_fit(label.window())


def grow_to_fit(window: QWidget) -> None:
    """Make a shown dialog tall enough for its content (wrapped labels get cut otherwise)."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
    height = max(window.height(), needed, window.sizeHint().height())
    height = min(height, available_size(window).height())  # never under the taskbar
    if height != window.height():
        window.resize(width, height)


def repaint_now() -> None:
    """Paint pending changes (a "Checking…" line) before a short blocking step, without
    handling the user's clicks or keys in between."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def lock_icon_label(parent: QWidget | None, size: int = 40, *, locked: bool = True) -> QLabel:
    """A label showing the padlock (`size` logical pixels, sharp at any display scaling)."""
    label = IconLabel(lock_icon(locked=locked), size, parent)
    label.setAccessibleName(tr("Locked") if locked else tr("Unlocked"))
    return label


def password_field(parent: QWidget | None, accessible_name: str) -> QLineEdit:
    """A hidden-text field for a passphrase."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMinimumWidth(field.fontMetrics().averageCharWidth() * 36)
    return field


def monospace_font(scale: float = 1.0) -> QFont:
    """The system's fixed-width font, optionally larger."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


def sheet_html(sheet: str) -> str:
    """The recovery sheet (plain text from the notes service) as a page to print: the title
    as a heading and the key large, in a fixed-width font. Every text is escaped."""
    from html import escape

    lines = sheet.rstrip("\n").split("\n")
    if len(lines) < 8:  # not the shape expected: print it as it is
        return f"<pre>{escape(sheet)}</pre>"
    title, info, key, paragraphs = lines[0], lines[2:4], lines[5].strip(), lines[7:]
    parts = [f"<h2>{escape(title)}</h2>", "<p>" + "<br>".join(escape(x) for x in info) + "</p>"]
    parts.append(
        '<p style="font-family: monospace; font-size: 18pt; font-weight: bold; '
        f'margin: 18pt 0;">{escape(key)}</p>'
    )
    parts.extend(f"<p>{escape(x)}</p>" for x in paragraphs if x.strip())
    return "\n".join(parts)


class PassphraseFields(QWidget):
    """A new passphrase typed twice, with a live strength hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.notes import MIN_PASSPHRASE_LENGTH

        self.first = password_field(self, tr("New passphrase"))
        self.first.setPlaceholderText(tr("At least {n} characters", n=MIN_PASSPHRASE_LENGTH))
        self.second = password_field(self, tr("Repeat the new passphrase"))
        self.show_box = QCheckBox(tr("Show passphrase"), self)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(max(6, self.fontMetrics().height() // 3))
        self.meter.setAccessibleName(tr("Passphrase strength"))
        self.strength = bold_label("", self)
        self.hint = text_label("", self)
        self.mismatch = error_label(self)
        self.form = form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("New passphrase:"), self.first)
        form.addRow(tr("Repeat:"), self.second)
        form.addRow("", self.show_box)
        form.addRow("", self.meter)
        form.addRow("", self.strength)
        form.addRow("", self.hint)
        form.addRow("", self.mismatch)
        self.first.textChanged.connect(self.update_hint)
        self.second.textChanged.connect(self.update_hint)
        self.show_box.toggled.connect(self._show_text)
        self.setTabOrder(self.first, self.second)
        self.setTabOrder(self.second, self.show_box)
        self.update_hint()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def update_hint(self) -> None:
        """Update the strength meter, its words, and the mismatch line."""
        from app.services.notes import passphrase_strength

        text = self.first.text()
        strength = passphrase_strength(text)
        self.meter.setValue(strength.level if text else 0)
        color = _STRENGTH_COLORS[strength.level]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        self.strength.setText(strength.label if text else "")
        self.strength.setStyleSheet(f"color: {color};")
        self.hint.setText(strength.hint)
        repeated = self.second.text()
        show_error(
            self.mismatch,
            tr("The two passphrases are not the same.")
            if repeated and repeated != text[: len(repeated)] or (len(repeated) > len(text))
            else "",
        )

    def passphrase(self) -> str:
        """The passphrase typed (both fields the same)."""
        return self.first.text()

    def is_complete(self) -> bool:
        """True when the passphrase is long enough and typed the same twice."""
        from app.services.notes import passphrase_strength

        text = self.first.text()
        return passphrase_strength(text).acceptable and text == self.second.text()

    def clear(self) -> None:
        """Forget what was typed."""
        self.first.clear()
        self.second.clear()


# --- set-up --------------------------------------------------------------------------------------


class SetupDialog(QDialog):
    """First note: choose a passphrase, then keep the recovery key that is shown once.

    Finish stays disabled until the recovery key is typed back (so it was printed, saved or
    written down). Cancel, Escape or Back forget the prepared keys; nothing is written
    before Finish.
    """

    def __init__(self, controller: NotesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setup: NotesSetup | None = None
        self.setWindowTitle(tr("Set up private notes"))
        self.pages = QStackedWidget(self)

        # Page 1: the passphrase.
        first = QWidget(self.pages)
        head = QHBoxLayout()
        head.addWidget(lock_icon_label(first, 40), 0, Qt.AlignmentFlag.AlignTop)
        intro = QVBoxLayout()
        intro.addWidget(bold_label(tr("Choose a passphrase for private notes"), first, 1.2))
        intro.addWidget(
            text_label(
                tr(
                    "Private notes are encrypted in the program file. Only someone who knows "
                    "the passphrase can read them. Choose a passphrase you can remember; on "
                    "the next page you get a recovery key for when it is forgotten."
                ),
                first,
            )
        )
        head.addLayout(intro, 1)
        self.fields = PassphraseFields(first)
        self.first_error = error_label(first)
        page1 = QVBoxLayout(first)
        page1.setContentsMargins(0, 0, 0, 0)
        page1.addLayout(head)
        page1.addSpacing(8)
        page1.addWidget(self.fields)
        page1.addWidget(self.first_error)
        page1.addStretch(1)
        self.pages.addWidget(first)

        # Page 2: the recovery key, shown once.
        second = QWidget(self.pages)
        warning = QFrame(second)
        warning.setFrameShape(QFrame.Shape.StyledPanel)
        warning.setStyleSheet(
            "QFrame { background: #fff4e5; border: 1px solid #e0a040; border-radius: 4px; }"
            "QLabel { border: none; background: transparent; color: #3d2600; }"
        )
        warning_box = QVBoxLayout(warning)
        warning_box.addWidget(bold_label(tr("Keep this recovery key safe"), warning, 1.2))
        self.warning_text = text_label(
            tr(
                "This recovery key opens the private notes when the passphrase is forgotten. "
                "It is shown only this once. Without the passphrase and the recovery key "
                "nobody can read the notes, not even the makers of Tandem."
            ),
            warning,
        )
        warning_box.addWidget(self.warning_text)
        self.key_label = QLabel(second)
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setFont(monospace_font(1.45))
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setFrameShape(QFrame.Shape.Box)
        self.key_label.setMargin(12)
        self.key_label.setAccessibleName(tr("Recovery key"))
        self.print_button = QPushButton(tr("&Print…"), second)
        self.save_button = QPushButton(tr("&Save as text file…"), second)
        self.saved_label = text_label("", second)
        keep = QHBoxLayout()
        keep.addWidget(self.print_button)
        keep.addWidget(self.save_button)
        keep.addWidget(self.saved_label, 1)
        self.confirm = QLineEdit(second)
        self.confirm.setFont(monospace_font())
        self.confirm.setAccessibleName(tr("Type the recovery key to confirm"))
        self.confirm.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        confirm_label = text_label(
            tr(
                "To show that you kept it, type the recovery key here (from your printout or file):"
            ),
            second,
        )
        confirm_label.setBuddy(self.confirm)
        self.confirm_state = text_label("", second)
        page2 = QVBoxLayout(second)
        page2.setContentsMargins(0, 0, 0, 0)
        page2.addWidget(warning)
        page2.addSpacing(6)
        page2.addWidget(self.key_label)
        page2.addLayout(keep)
        page2.addSpacing(6)
        page2.addWidget(confirm_label)
        page2.addWidget(self.confirm)
        page2.addWidget(self.confirm_state)
        page2.addStretch(1)
        self.pages.addWidget(second)

        self.back_button = QPushButton(tr("< &Back"), self)
        self.next_button = QPushButton(tr("&Next >"), self)
        self.finish_button = QPushButton(tr("&Finish"), self)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.finish_button, self.cancel_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.fields.first.textChanged.connect(self._update)
        self.fields.second.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.next_button.clicked.connect(self.go_next)
        self.back_button.clicked.connect(self.go_back)
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.setTabOrder(self.fields.show_box, self.next_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.confirm)
        self.setTabOrder(self.confirm, self.finish_button)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._show_page(0)

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        on_key = index == 1
        self.back_button.setVisible(on_key)
        self.finish_button.setVisible(on_key)
        self.next_button.setVisible(not on_key)
        (self.finish_button if on_key else self.next_button).setDefault(True)
        (self.next_button if on_key else self.finish_button).setDefault(False)
        (self.confirm if on_key else self.fields.first).setFocus()
        self._update()

    def _update(self) -> None:
        self.next_button.setEnabled(self.fields.is_complete())
        matches = self.setup is not None and self.setup.matches(self.confirm.text())
        self.finish_button.setEnabled(matches)
        typed = self.confirm.text().strip()
        if matches:
            self.confirm_state.setText(tr("✓ The recovery key matches. You can finish now."))
            self.confirm_state.setStyleSheet("color: #2e7d32;")
        else:
            self.confirm_state.setText(tr("Not yet the recovery key shown above.") if typed else "")
            self.confirm_state.setStyleSheet("color: #6d4c00;")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter goes to the next page or finishes, once that is possible."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):  # Enter on a button presses that button
                focused.click()
            elif self.pages.currentIndex() == 0 and self.next_button.isEnabled():
                self.go_next()
            elif self.pages.currentIndex() == 1 and self.finish_button.isEnabled():
                self.finish()
            return
        super().keyPressEvent(event)

    def go_next(self) -> None:
        """Prepare the keys (nothing written yet) and show the recovery key."""
        if not self.fields.is_complete():
            return
        vault = self.controller.vault
        if vault is None:
            self.reject()
            return
        show_error(self.first_error, "")
        try:
            with busy_cursor():
                self.setup = vault.prepare_setup(self.fields.passphrase())
        except TandemError as exc:
            show_error(self.first_error, exc.message)
            return
        self.key_label.setText(self.setup.recovery_key)
        self.key_label.setAccessibleDescription(self.setup.recovery_key)  # for screen readers
        self.confirm.clear()
        self.saved_label.setText("")
        self._show_page(1)

    def go_back(self) -> None:
        """Forget the prepared keys and choose the passphrase again."""
        self._forget()
        self._show_page(0)

    def _forget(self) -> None:
        if self.setup is not None:
            self.setup.cancel()
            self.setup = None
        self.key_label.clear()
        self.key_label.setAccessibleDescription("")
        self.confirm.clear()

    def finish(self) -> None:
        """Write the set-up (the notes are unlocked from now on)."""
        vault = self.controller.vault
        if self.setup is None or vault is None or not self.setup.matches(self.confirm.text()):
            return
        try:
            vault.complete_setup(self.setup)
        except TandemError as exc:
            show_error(self.first_error, exc.message)
            self._forget()
            self._show_page(0)
            return
        self.setup = None
        self.fields.clear()
        self.key_label.clear()
        self.key_label.setAccessibleDescription("")
        self.confirm.clear()
        self.controller.announce_unlocked()
        self.accept()

    def reject(self) -> None:
        """Cancel: nothing is written, the prepared keys are wiped."""
        self._forget()
        self.fields.clear()
        super().reject()

    def _file_name(self) -> str:
        path = self.controller.context.path
        return path.name if path else ""

    def print_key(self) -> None:
        """Print the recovery sheet."""
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from app.services.notes import recovery_sheet

        if self.setup is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Print the recovery key"))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return
        document = QTextDocument()
        body = QFont(self.font())
        body.setPointSizeF(11)
        document.setDefaultFont(body)
        document.setHtml(sheet_html(recovery_sheet(self.setup.recovery_key, self._file_name())))
        document.print_(printer)
        self.saved_label.setText(tr("Sent to the printer."))
        self.confirm.setFocus()

    def save_key(self) -> None:
        """Save the recovery sheet as a text file chosen by the user."""
        from pathlib import Path

        from app.services.notes import save_recovery_sheet

        if self.setup is None:
            return
        stem = Path(self._file_name()).stem or "Tandem"
        suggested = Path.home() / tr("Recovery key {name}.txt", name=stem)
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Save the recovery key"), str(suggested), tr("Text files (*.txt)")
        )
        if not name:
            return
        try:
            saved = save_recovery_sheet(name, self.setup.recovery_key, self._file_name())
        except TandemError as exc:
            self.saved_label.setText(exc.message)
            return
        self.saved_label.setText(tr("Saved as {name}.", name=saved.name))
        self.confirm.setFocus()


# --- unlock --------------------------------------------------------------------------------------


class UnlockDialog(QDialog):
    """Unlock with the passphrase, or with the recovery key instead."""

    def __init__(self, controller: NotesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(tr("Unlock private notes"))
        path = controller.context.path
        intro = text_label(
            tr("The private notes of {name} are locked.", name=path.name)
            if path
            else tr("The private notes are locked."),
            self,
        )
        intro_font = QFont(intro.font())
        intro_font.setBold(True)
        intro.setFont(intro_font)
        self.demo_label = text_label("", self)
        hint = controller.demo_hint()
        if hint:
            self.demo_label.setText(
                tr("This is a demo file: the passphrase is “{passphrase}”.", passphrase=hint)
            )
            self.demo_label.setStyleSheet(
                "background: #e8f0fe; border: 1px solid #8ab4f8; border-radius: 3px; padding: 4px;"
            )
        self.demo_label.setVisible(bool(hint))

        self.modes = QStackedWidget(self)
        by_passphrase = QWidget(self.modes)
        self.passphrase = password_field(by_passphrase, tr("Passphrase"))
        form1 = QFormLayout(by_passphrase)
        form1.setContentsMargins(0, 0, 0, 0)
        form1.addRow(tr("&Passphrase:"), self.passphrase)
        self.modes.addWidget(by_passphrase)
        by_key = QWidget(self.modes)
        self.recovery_key = QLineEdit(by_key)
        self.recovery_key.setFont(monospace_font())
        self.recovery_key.setAccessibleName(tr("Recovery key"))
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery_key.setMinimumWidth(self.recovery_key.fontMetrics().averageCharWidth() * 42)
        form2 = QFormLayout(by_key)
        form2.setContentsMargins(0, 0, 0, 0)
        form2.addRow(tr("&Recovery key:"), self.recovery_key)
        self.modes.addWidget(by_key)

        self.switch_button = QPushButton(tr("Forgot the passphrase? Use the recovery key"), self)
        self.switch_button.setFlat(True)
        self.switch_button.setAutoDefault(False)
        self.switch_button.setStyleSheet("QPushButton { color: palette(link); text-align: left; }")
        self.switch_button.clicked.connect(self.toggle_mode)
        self.error = error_label(self)
        self.checking = text_label(tr("Checking…"), self)
        self.checking.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(
            tr("&Unlock"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)

        head = QHBoxLayout()
        head.addWidget(lock_icon_label(self, 40), 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.addWidget(intro)
        texts.addWidget(
            text_label(
                tr("Enter the passphrase to read and write notes. They lock again after "
                   "10 minutes without use."),
                self,
            )
        )  # fmt: skip
        head.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.demo_label)
        layout.addSpacing(6)
        layout.addWidget(self.modes)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(self.checking)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.passphrase, self.recovery_key)
        self.setTabOrder(self.recovery_key, self.switch_button)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)
        self.passphrase.setFocus()

    @property
    def using_recovery_key(self) -> bool:
        """True when the recovery key field is shown."""
        return self.modes.currentIndex() == 1

    def toggle_mode(self) -> None:
        """Switch between passphrase and recovery key."""
        to_key = not self.using_recovery_key
        self.modes.setCurrentIndex(1 if to_key else 0)
        self.switch_button.setText(
            tr("Use the passphrase instead")
            if to_key
            else tr("Forgot the passphrase? Use the recovery key")
        )
        show_error(self.error, "")
        (self.recovery_key if to_key else self.passphrase).setFocus()

    def try_unlock(self) -> None:
        """Unlock; a wrong passphrase or key shows a message (after a short delay)."""
        vault = self.controller.vault
        if vault is None:
            self.reject()
            return
        field = self.recovery_key if self.using_recovery_key else self.passphrase
        if not field.text().strip():
            show_error(
                self.error,
                tr("Please type the recovery key.")
                if self.using_recovery_key
                else tr("Please type the passphrase."),
            )
            field.setFocus()
            return
        show_error(self.error, "")
        self.unlock_button.setEnabled(False)
        self.checking.setVisible(True)
        repaint_now()
        try:
            with busy_cursor():
                if self.using_recovery_key:
                    vault.unlock_with_recovery_key(field.text())
                else:
                    vault.unlock(field.text())
        except TandemError as exc:
            show_error(self.error, exc.message)
            field.selectAll()
            field.setFocus()
            return
        finally:
            self.checking.setVisible(False)
            self.unlock_button.setEnabled(True)
        self.passphrase.clear()
        self.recovery_key.clear()
        self.controller.announce_unlocked()
        self.accept()

    def reject(self) -> None:
        """Cancel: forget what was typed."""
        self.passphrase.clear()
        self.recovery_key.clear()
        super().reject()


# --- change passphrase --------------------------------------------------------------------------


class ChangePassphraseDialog(QDialog):
    """A new passphrase for the notes of this file (the recovery key stays valid). After an
    unlock with the recovery key it is offered at once, and asks for no current passphrase."""

    def __init__(
        self,
        controller: NotesController,
        parent: QWidget | None = None,
        *,
        after_recovery: bool = False,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        vault = controller.vault
        self.needs_current = not (vault is not None and vault.unlocked_with_recovery_key)
        self.setWindowTitle(tr("Change passphrase"))
        if after_recovery:
            intro = tr(
                "You unlocked the notes with the recovery key. Choose a new passphrase now, "
                "so you can unlock them with it next time. Your recovery key stays valid."
            )
        else:
            intro = tr(
                "Choose a new passphrase for the private notes of this file. Your recovery "
                "key stays valid."
            )
        self.current = password_field(self, tr("Current passphrase"))
        self.fields = PassphraseFields(self)
        if self.needs_current:
            self.fields.form.insertRow(0, tr("Current passphrase:"), self.current)
        else:
            self.current.hide()
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            tr("&Change passphrase"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(
            tr("Not now") if after_recovery else tr("Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.try_change)
        self.buttons.rejected.connect(self.reject)

        head = QHBoxLayout()
        head.addWidget(lock_icon_label(self, 40, locked=False), 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(text_label(intro, self), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addSpacing(6)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.fields.first.textChanged.connect(self._update)
        self.fields.second.textChanged.connect(self._update)
        self.current.textChanged.connect(self._update)
        if self.needs_current:
            self.setTabOrder(self.current, self.fields.first)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        (self.current if self.needs_current else self.fields.first).setFocus()
        self._update()

    def _update(self) -> None:
        ready = self.fields.is_complete() and (not self.needs_current or bool(self.current.text()))
        self.ok_button.setEnabled(ready)

    def try_change(self) -> None:
        """Re-wrap the key under the new passphrase (one transaction)."""
        vault = self.controller.vault
        if vault is None:
            self.reject()
            return
        if not self.fields.is_complete():
            return
        show_error(self.error, "")
        try:
            with busy_cursor():
                vault.change_passphrase(
                    self.fields.passphrase(),
                    current_passphrase=self.current.text() if self.needs_current else None,
                )
        except TandemError as exc:
            show_error(self.error, exc.message)
            return
        self.current.clear()
        self.fields.clear()
        self.controller.announce_unlocked()
        self.accept()

    def reject(self) -> None:
        """Cancel: forget what was typed."""
        self.current.clear()
        self.fields.clear()
        super().reject()


# --- the note editor -------------------------------------------------------------------------------


class NoteEditorDialog(QDialog):
    """Write or change one note: title, date, text.

    Typing counts as use (the notes stay unlocked while you write). If the notes lock while
    the editor is open, its fields are emptied and hidden until they are unlocked again.
    """

    def __init__(
        self,
        controller: NotesController,
        owner_kind: str,
        owner_id: int,
        owner_label: str,
        note: Note | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.owner_kind, self.owner_id = owner_kind, owner_id
        self.note_id = note.id if note is not None else None
        self.saved: Note | None = None
        self._stash: tuple[str, QDate, str] | None = None
        self.setWindowTitle(
            tr("Edit private note – {owner}", owner=owner_label)
            if note is not None
            else tr("New private note – {owner}", owner=owner_label)
        )
        self.pages = QStackedWidget(self)

        form_page = QWidget(self.pages)
        self.title = QLineEdit(form_page)
        self.title.setAccessibleName(tr("Title"))
        self.date = QDateEdit(form_page)
        self.date.setCalendarPopup(True)
        show_dates_as_the_language_does(self.date)
        self.date.setAccessibleName(tr("Date"))
        self.text = QPlainTextEdit(form_page)
        self.text.setAccessibleName(tr("Text"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().height() * 12)
        form = QFormLayout(form_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("&Title:"), self.title)
        form.addRow(tr("&Date:"), self.date)
        form.addRow(tr("Te&xt:"), self.text)
        self.pages.addWidget(form_page)

        locked_page = QWidget(self.pages)
        self.unlock_button = QPushButton(tr("&Unlock…"), locked_page)
        self.unlock_button.clicked.connect(self.unlock_again)
        locked_box = QVBoxLayout(locked_page)
        row = QHBoxLayout()
        row.addWidget(lock_icon_label(locked_page, 40), 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(
            text_label(
                tr(
                    "The private notes were locked after some time without use. Unlock them "
                    "to go on with this note: what you typed is not saved yet, and comes back "
                    "once they are unlocked."
                ),
                locked_page,
            ),
            1,
        )
        locked_box.addLayout(row)
        locked_box.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        locked_box.addStretch(1)
        self.pages.addWidget(locked_page)

        self.error = error_label(self)
        self.buttons, self.save_button = save_cancel_buttons(self, self.save, tr("&Save"))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        if note is not None:
            self.title.setText(note.title)
            self.text.setPlainText(note.text)
            self._set_date(note.note_date or common.today())
        else:
            self._set_date(common.today())
        self._original = self._values()
        self.title.textChanged.connect(self.controller.touch)
        self.text.textChanged.connect(self.controller.touch)
        self.date.dateChanged.connect(self.controller.touch)
        controller.locked.connect(self._on_locked)
        self.setTabOrder(self.title, self.date)
        self.setTabOrder(self.date, self.text)
        self.title.setFocus()

    def _set_date(self, value: date) -> None:
        self.date.setDate(QDate(value.year, value.month, value.day))

    def _date(self) -> date:
        value = self.date.date()
        return date(value.year(), value.month(), value.day())

    def _values(self) -> tuple[str, QDate, str]:
        if self._stash is not None:
            return self._stash
        return (self.title.text(), self.date.date(), self.text.toPlainText())

    def has_changes(self) -> bool:
        """True when something was typed that is not saved."""
        return self._values() != self._original

    def _on_locked(self) -> None:
        if self._stash is not None:
            return
        self._stash = (self.title.text(), self.date.date(), self.text.toPlainText())
        self.title.blockSignals(True)
        self.text.blockSignals(True)
        self.title.clear()
        self.text.clear()
        self.title.blockSignals(False)
        self.text.blockSignals(False)
        self.pages.setCurrentIndex(1)
        self.save_button.setEnabled(False)
        show_error(self.error, "")
        self.unlock_button.setFocus()

    def unlock_again(self) -> None:
        """Unlock, then show the fields again as they were."""
        if not self.controller.run_unlock(self):
            return
        if self._stash is not None:
            title, when, text = self._stash
            self._stash = None
            self.title.setText(title)
            self.date.setDate(when)
            self.text.setPlainText(text)
        self.pages.setCurrentIndex(0)
        self.save_button.setEnabled(True)
        self.title.setFocus()

    def save(self) -> None:
        """Encrypt and write the note; a missing title is reported next to the buttons."""
        if self._stash is not None:
            return
        vault = self.controller.vault
        if vault is None:
            self.reject()
            return
        try:
            if self.note_id is None:
                self.saved = vault.add_note(
                    self.owner_kind,
                    self.owner_id,
                    self.title.text(),
                    self.text.toPlainText(),
                    self._date(),
                )
            else:
                self.saved = vault.update_note(
                    self.note_id, self.title.text(), self.text.toPlainText(), self._date()
                )
        except TandemError as exc:
            show_error(self.error, exc.message)
            if getattr(exc, "field", None) == "title" or "title" in (
                getattr(exc, "errors", None) or {}
            ):
                self.title.setFocus()
            return
        self.controller.notes_written()
        self._forget()
        self.accept()

    def _forget(self) -> None:
        self._stash = None
        self.title.clear()
        self.text.clear()

    def reject(self) -> None:
        """Cancel (Escape, the Cancel button, closing the window): nothing is written; when
        something was typed, ask first."""
        if self.has_changes():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                APP_NAME,
                tr("Discard what you typed in this note?"),
                parent=self,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton(tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(keep)
            box.setEscapeButton(keep)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is not discard:
                return
        self._forget()
        super().reject()

    def done(self, result: int) -> None:
        """Closing for whatever reason stops listening to the lock."""
        try:
            self.controller.locked.disconnect(self._on_locked)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
