"""The About dialog: three tabs, "Tandem", "Where things live" and "Licences"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.i18n import tr
from app.licenses import shipped_components
from app.qt_notices import QtPart, notice_text, qt_parts
from app.storage_places import StoragePlaces, storage_places
from ui import dialogs
from ui.context import AppContext
from ui.firststart import documents_folder
from ui.views.base import heading_label, plain_label


@dataclass(frozen=True)
class PlaceRow:
    """One line of "Where things live": a title, what is there, the path and its folder."""

    key: str
    title: str
    explanation: str
    path: Path
    folder: Path


def places_for(context: AppContext) -> StoragePlaces:
    """Where things live for the file open in `context` (the demo counts as no file)."""
    path = None if context.is_demo else context.path
    return storage_places(path, documents=documents_folder())


def place_rows(places: StoragePlaces) -> list[PlaceRow]:
    """The rows of "Where things live", in the order shown."""
    if places.program_file is not None:
        data = PlaceRow(
            "data",
            tr("Your data: the program file"),
            tr(
                "Participants, rounds, tandems, meetings, check-ins, the encrypted "
                "confidential notes and the settings of the documents (letterhead, "
                "signatories) are all in this one file."
            ),
            places.program_file,
            places.program_files_folder,
        )
    else:
        data = PlaceRow(
            "data",
            tr("Your data: program files"),
            tr(
                "All data of a program – participants, rounds, tandems, meetings, "
                "check-ins, the encrypted confidential notes and the settings of the "
                "documents – is in one program file. New files are proposed in this folder."
            ),
            places.program_files_folder,
            places.program_files_folder,
        )
    return [
        data,
        PlaceRow(
            "settings",
            tr("Preferences"),
            tr(
                "Language, recent files and window layout. A small file, not the Windows "
                "registry, because Tandem's command line reads it too."
            ),
            places.settings_file,
            places.settings_file.parent,
        ),
        PlaceRow(
            "backups",
            tr("Backups"),
            tr(
                "Checked copies of the program file, made once a day when it is opened, when "
                "it is closed after changes, and before updates (File → Backups…)."
            ),
            places.backups_folder,
            places.backups_folder,
        ),
        PlaceRow(
            "logs",
            tr("Log"),
            tr("What Tandem did, without names or notes; helps when something went wrong."),
            places.logs_folder,
            places.logs_folder,
        ),
    ]


def existing_folder(folder: Path) -> Path:
    """`folder`, or its nearest parent that exists (backups and logs appear when first made)."""
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return folder


class AboutDialog(QDialog):
    """Help → About Tandem."""

    def __init__(self, places: StoragePlaces, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About Tandem"))
        self.places = places
        self.path_fields: dict[str, QLineEdit] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._about_page(), tr("Tandem"))
        self.tabs.addTab(self._places_page(places), tr("Where things live"))
        self.tabs.addTab(self._licences_page(), tr("Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 110
        dialogs.fit_to_screen(self, width, self.fontMetrics().height() * 34)

    # --- Tandem ---------------------------------------------------------------------------
    def _about_page(self) -> QWidget:
        page = QWidget(self)
        self.version_label = heading_label(f"{APP_NAME} {__version__}", page)
        texts = [
            tr(
                "Tandem runs a company's reverse-mentoring program from start to finish: "
                "participants and their consent, rounds, tandems and their agreements, "
                "meetings and invitations, confidential notes, check-ins, certificates and "
                "the annual summary."
            ),
            tr(
                "It works offline. Your data stays in your program file on this computer; "
                "nothing is sent anywhere."
            ),
            tr(
                "Tandem uses the libraries and the font listed under “Licences”, each under "
                "its own licence."
            ),
            tr("The user guide (Help → User guide, F1) walks through a round step by step."),
        ]
        layout = QVBoxLayout(page)
        layout.addWidget(self.version_label)
        for text in texts:
            label = plain_label(text, page)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)
        return page

    # --- Where things live ----------------------------------------------------------------
    def _places_page(self, places: StoragePlaces) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        row = 0
        for place in place_rows(places):
            title = plain_label(place.title, page)
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            explanation = plain_label(place.explanation, page)
            explanation.setWordWrap(True)
            field = QLineEdit(str(place.path), page)
            field.setReadOnly(True)
            field.setAccessibleName(place.title)
            field.setCursorPosition(0)
            open_button = QPushButton(tr("Open folder"), page)
            open_button.setAutoDefault(False)  # Enter closes the dialog, opens no folder
            open_button.setAccessibleName(tr("Open folder: {place}", place=place.title))
            open_button.clicked.connect(lambda _=False, p=place: self.open_folder(p.folder))
            copy_button = QPushButton(tr("Copy"), page)
            copy_button.setAutoDefault(False)
            copy_button.setAccessibleName(tr("Copy path: {place}", place=place.title))
            copy_button.clicked.connect(lambda _=False, p=place: self.copy_path(p.path))
            grid.addWidget(title, row, 0, 1, 3)
            grid.addWidget(explanation, row + 1, 0, 1, 3)
            grid.addWidget(field, row + 2, 0)
            grid.addWidget(open_button, row + 2, 1)
            grid.addWidget(copy_button, row + 2, 2)
            grid.setRowMinimumHeight(row + 3, self.fontMetrics().height() // 2)
            row += 4
            self.path_fields[place.key] = field
            self.open_buttons[place.key] = open_button
            self.copy_buttons[place.key] = copy_button
        note = plain_label(
            tr(
                "Tandem never writes into the folder it is installed in: updating or "
                "uninstalling it leaves your program files, preferences and backups alone."
            ),
            page,
        )
        note.setWordWrap(True)
        grid.addWidget(note, row, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(row + 1, 1)
        return page

    def open_folder(self, folder: Path) -> bool:
        """Show `folder` (or its nearest existing parent) in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(existing_folder(folder))))

    def copy_path(self, path: Path) -> None:
        """Put `path` on the clipboard."""
        QGuiApplication.clipboard().setText(str(path))

    # --- Licences -------------------------------------------------------------------------
    def _licences_page(self) -> QWidget:
        page = QWidget(self)
        intro = plain_label(
            tr("Tandem ships these libraries and this font. Choose one to read its licence."),
            page,
        )
        intro.setWordWrap(True)
        self.licence_list = QTreeWidget(page)
        self.licence_list.setAccessibleName(tr("Libraries and font"))
        self.licence_list.setRootIsDecorated(True)
        self.licence_list.setAllColumnsShowFocus(True)
        self.licence_list.setHeaderLabels([tr("Name"), tr("Version"), tr("Licence")])
        self._components = {c.name: c for c in shipped_components()}
        self._qt_parts = {part.name: part for part in qt_parts()}
        self.qt_item: QTreeWidgetItem | None = None
        for component in self._components.values():
            item = QTreeWidgetItem(
                self.licence_list, [component.name, component.version(), component.licence]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, component.name)
            item.setToolTip(0, tr(component.purpose))
            if component.distributions[:1] == ("PySide6-Essentials",) and self._qt_parts:
                self.qt_item = item
                for part in self._qt_parts.values():
                    child = QTreeWidgetItem(item, [part.name, part.version, part.licence])
                    child.setData(0, Qt.ItemDataRole.UserRole + 1, part.name)
                    child.setToolTip(0, tr("Inside Qt"))
        for column in range(3):
            self.licence_list.resizeColumnToContents(column)
        self.licence_list.itemExpanded.connect(lambda _item: self._fit_columns())
        self.licence_text = QPlainTextEdit(page)
        self.licence_text.setReadOnly(True)
        self.licence_text.setAccessibleName(tr("Licence text"))
        self.licence_list.currentItemChanged.connect(self._show_licence)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.licence_list, 1)
        layout.addWidget(self.licence_text, 1)
        self.licence_list.setCurrentItem(self.licence_list.topLevelItem(0))
        return page

    def licence_names(self) -> list[str]:
        """The names in the licence list, in order."""
        items = (
            self.licence_list.topLevelItem(i) for i in range(self.licence_list.topLevelItemCount())
        )
        return [item.text(0) for item in items]

    def _fit_columns(self) -> None:
        for column in range(3):
            self.licence_list.resizeColumnToContents(column)

    def qt_part_names(self) -> list[str]:
        """The third-party components listed below Qt, in order."""
        if self.qt_item is None:
            return []
        return [self.qt_item.child(i).text(0) for i in range(self.qt_item.childCount())]

    def _show_licence(self, current: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        part_name = current.data(0, Qt.ItemDataRole.UserRole + 1)
        if part_name is not None:
            self.licence_text.setPlainText(self._qt_part_text(self._qt_parts[part_name]))
            return
        component = self._components[current.data(0, Qt.ItemDataRole.UserRole)]
        head = f"{component.name} – {tr(component.purpose)}\n{component.url}\n\n"
        if current is self.qt_item:
            head += tr("Qt contains code by other authors, listed below Qt, each with its "
                       "copyright notice and licence.") + "\n\n"  # fmt: skip
        body = component.licence_text() or tr("The licence text is missing from this build.")
        self.licence_text.setPlainText(head + body)

    def _qt_part_text(self, part: QtPart) -> str:
        """The notice of a component inside Qt: who, where, and its licence texts."""
        title = f"{part.name} {part.version}".rstrip()
        lines = [title, tr("Inside: {libraries}", libraries=", ".join(part.inside)), part.url, ""]
        if part.note:
            lines += [tr(part.note), ""]  # German in qt_notices.po (tests/test_qt_notices.py)
        lines += [*part.copyright, "", tr("Licence: {licence}", licence=part.licence), ""]
        body = notice_text(part) or tr("The licence text is missing from this build.")
        return "\n".join(lines) + "\n" + body
