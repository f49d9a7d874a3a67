"""Pieces shared by the edit forms: date fields in the user's format, inline error
messages shown in red plain text right under the field they belong to, the Save/Cancel
buttons and the tab order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import language, tr


def to_qdate(value: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


def show_dates_as_the_language_does(edit: QDateEdit) -> None:
    """Let a date field show its date in the language: 31.08.2026 in German, 2026-08-31 in
    English (numeric, so the keyboard types every part as digits, and no reader takes it for
    8 March; "31 Aug 2026" would need the month typed as a word), with the calendar's month
    names and first weekday of the language whatever the system's locale."""
    if language() == "de":
        edit.setLocale(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        edit.setDisplayFormat("dd.MM.yyyy")
    else:
        edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        edit.setDisplayFormat("yyyy-MM-dd")


def date_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar, in the format of the interface language."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    show_dates_as_the_language_does(edit)
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setMaximumDate(QDate(2199, 12, 31))
    edit.setDate(to_qdate(value))
    return edit


def save_cancel_buttons(
    dialog: QDialog, save: Callable[[], object], save_text: str | None = None
) -> tuple[QDialogButtonBox, QPushButton]:
    """A form's Save and Cancel buttons with translated words (`save_text` instead of
    "Save" if given): Save calls `save` (which accepts when all is well), Cancel rejects."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
    save_button.setText(tr("Save") if save_text is None else save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save_button


def buddy_label(parent: QWidget, text: str, field: QWidget) -> QLabel:
    """A plain-text caption for `field`; its mnemonic (the letter after &) focuses it."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setBuddy(field)
    return label


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab moves through `widgets` in the order given."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


READABLE = 4.5
"""The least contrast of text against its background (WCAG AA for normal text)."""

_REDS = ("#961414", "#b3261e", "#ff8a80", "#ffb4ab")
"""Reds for alerts, darkest first: the dark ones for light palettes, the light ones for
dark palettes (a dark red on a dark background cannot be read)."""


def contrast(first: QColor, second: QColor) -> float:
    """The contrast ratio of two colours (WCAG 2: 1 for equal colours, 21 for black/white)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def alert_colour(palette: QPalette, *roles: QPalette.ColorRole) -> QColor:
    """A red that can be read on the palette's backgrounds `roles` (default: the base and
    the alternate base of tables): the first of a few reds with enough contrast, else the
    one with the most."""
    roles = roles or (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)
    backgrounds = [palette.color(role) for role in roles]
    candidates = [QColor(name) for name in _REDS]

    def worst(colour: QColor) -> float:
        return min(contrast(colour, background) for background in backgrounds)

    return next((c for c in candidates if worst(c) >= READABLE), max(candidates, key=worst))


def error_label(parent: QWidget | None = None) -> QLabel:
    """An inline error message: red plain text that wraps, hidden while empty (a red that
    can be read on the window's background, light or dark)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, alert_colour(palette, QPalette.ColorRole.Window)
    )
    label.setPalette(palette)
    label.setVisible(False)
    return label


class FieldErrors:
    """The inline messages of a form: one error label per field key, in form order."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.focus: dict[str, QWidget] = {}
        self._window: QWidget | None = None

    def wrap(
        self, key: str, field: QWidget, parent: QWidget, focus: QWidget | None = None
    ) -> QWidget:
        """A widget holding `field` with its error label under it."""
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        label = error_label(box)
        label.setObjectName(f"error_{key}")
        layout.addWidget(label)
        self.labels[key] = label
        self.focus[key] = focus or field
        self._window = parent.window()
        return box

    def show(self, key: str, message: str | None) -> None:
        """Show a field's message, or hide it for None or ''."""
        label = self.labels[key]
        if label.text() == (message or "") and label.isVisibleTo(label.parentWidget()) == bool(
            message
        ):
            return
        label.setText(message or "")
        label.setVisible(bool(message))
        field = self.focus[key]
        field.setAccessibleDescription(message or "")
        self._grow()

    def _grow(self) -> None:
        """Make the form's window tall enough for the messages shown (never shrinking it)."""
        from ui.dialogs import grow_to_fit

        if self._window is not None:
            grow_to_fit(self._window)

    def show_all(self, errors: dict[str, str], keys: set[str] | None = None) -> None:
        """Show the messages of `errors` for `keys` (all fields when None), hiding others."""
        for key in self.labels:
            if keys is None or key in keys:
                self.show(key, errors.get(key))

    def text(self, key: str) -> str:
        """The message shown for a field ('' when none)."""
        label = self.labels[key]
        return label.text() if label.isVisibleTo(label.parentWidget()) else ""

    def focus_first(self, errors: dict[str, str]) -> str | None:
        """Put the focus into the first field (in form order) that has an error."""
        for key in self.labels:
            if key in errors:
                self.focus[key].setFocus(Qt.FocusReason.OtherFocusReason)
                return key
        return None


def grow_to_fit(dialog: QWidget) -> None:
    """Make a dialog tall enough for its wrapped texts at its width, and for a warning or
    message just shown (it never shrinks: the user may have made it larger)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = max(dialog.width(), dialog.sizeHint().width())
    height = max(dialog.height(), layout.totalHeightForWidth(width), dialog.sizeHint().height())
    dialog.resize(width, height)
