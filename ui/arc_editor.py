"""The agenda template editor: the reverse-mentoring arc that newly planned meetings get
their agenda from (first meeting, topic meetings, mid-round review, closing meeting, and a
topic meeting for tandems without focus topics), each part a list of items with their
preparation. Saved in the file; "Reset to default" brings back Tandem's suggestion.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError, ValidationError
from app.i18n import tr
from app.services.planning import (
    AgendaArc,
    ArcItem,
    default_agenda_arc,
    get_agenda_arc,
    reset_agenda_arc,
    set_agenda_arc,
)
from ui import dialogs
from ui.form_fields import error_label, save_cancel_buttons
from ui.session_form import AgendaEditor


class ArcEditor(QDialog):
    """Edit the agenda template; after Accepted, `saved` holds the arc stored."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.saved: AgendaArc | None = None
        self.setWindowTitle(tr("Agenda template"))
        self.parts = AgendaArc.parts()

        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.intro.setText(
            tr(
                "Newly planned meetings get these agenda items: the first meeting, one topic "
                "meeting for each focus topic of the tandem in turn, a review halfway through "
                "and the closing meeting. In topic meetings, {topic} stands for the focus "
                "topic. Meetings planned earlier keep their agenda."
            )
        )
        self.part_list = QListWidget(self)
        self.part_list.setAccessibleName(tr("Parts of the round"))
        self.part_list.setWordWrap(True)
        self.part_list.setSpacing(2)
        self.stack = QStackedWidget(self)
        self.editors: dict[str, AgendaEditor] = {}
        for key, name in self.parts.items():
            self.part_list.addItem(name)
            editor = AgendaEditor(self.stack, name=name)
            self.editors[key] = editor
            self.stack.addWidget(editor)
        self.part_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        metrics = self.fontMetrics()
        self.part_list.setFixedWidth(metrics.averageCharWidth() * 30)
        self.error = error_label(self)

        self.reset_button = QPushButton(tr("Reset to default"), self)
        self.reset_button.setToolTip(tr("Bring back the agenda items Tandem suggests"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset)
        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)

        body = QHBoxLayout()
        body.addWidget(self.part_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.show_arc(get_agenda_arc(db))
        self.part_list.setCurrentRow(0)
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 130, metrics.lineSpacing() * 30)

    def show_arc(self, arc: AgendaArc) -> None:
        """Show an arc in the editors."""
        for key, editor in self.editors.items():
            editor.set_items([(i.title, i.preparation) for i in getattr(arc, key)])

    def value(self) -> AgendaArc:
        """The arc as edited (items without a title are refused on saving)."""
        return AgendaArc(
            **{
                key: tuple(ArcItem(title, prep) for title, prep in editor.items())
                for key, editor in self.editors.items()
            }
        )

    def save(self) -> None:
        """Store the arc, or show which item lacks a title."""
        try:
            self.saved = set_agenda_arc(self.db, self.value())
        except ValidationError as exc:
            if exc.field in self.editors:  # the part with an untitled item: show that item
                editor = self.editors[exc.field]
                self.part_list.setCurrentRow(list(self.editors).index(exc.field))
                editor.select_row(editor.first_untitled() or 0)
            self._show_error(exc.message)
            return
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.accept()

    def reset(self) -> None:
        """Bring back the default arc (after asking), stored at once."""
        if not dialogs.ask_yes_no(
            self,
            tr("Replace the agenda template by the one Tandem suggests? Your changes are lost."),
        ):
            return
        try:
            reset_agenda_arc(self.db)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.show_arc(default_agenda_arc())
        self._show_error("")

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
