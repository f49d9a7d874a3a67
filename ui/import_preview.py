"""The import wizard's preview table: one row per data row of the file with what will happen
to it (new, update, rejected: a colour AND an icon AND a word), the person's values as they
will be stored, and every error and warning with its column, in the user's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen

from app.i18n import N_, tr
from app.imports.columns import FIELDS, field_label
from app.imports.engine import NEW, REJECTED, UPDATE, RowPreview, display_value
from ui.hidpi.pixmaps import painted_icon

_Index = QModelIndex | QPersistentModelIndex

LINE, RESULT, NAME, PROBLEMS = range(4)
FIXED_COLUMNS = (N_("Line"), N_("Result"), N_("Name"), N_("Errors and warnings"))
# Fields shown after the fixed columns, when the file has them (names are shown as NAME).
VALUE_FIELDS = tuple(f for f in FIELDS if f not in ("first_name", "last_name"))
HAS_PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 1
"""True when a row has errors or warnings."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

ACTION_WORDS = {NEW: N_("New"), UPDATE: N_("Update"), REJECTED: N_("Rejected")}
ACTION_COLOURS = {NEW: "#d7efd9", UPDATE: "#d6e6f7", REJECTED: "#f6d5d5"}
WARNING_COLOUR = "#fbeccb"
_TEXT_COLOUR = "#1b1b1b"

_icons: dict[str, QIcon] = {}


def action_icon(kind: str) -> QIcon:
    """A small drawn icon for new, update, rejected or "warning" (the same on every
    platform and style, and readable without its colour)."""
    if kind not in _icons:
        _icons[kind] = _draw_icon(kind)
    return _icons[kind]


def _draw_icon(kind: str) -> QIcon:
    return painted_icon(lambda painter, size: _paint_icon(painter, size, kind))


def _paint_icon(painter: QPainter, size: float, kind: str) -> None:
    colours = {NEW: "#2e7d32", UPDATE: "#1565c0", REJECTED: "#c62828", "warning": "#b26a00"}
    colour = QColor(colours[kind])
    white = QPen(QColor("white"))
    white.setWidthF(size * 0.12)
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    s = float(size)
    if kind == "warning":
        path = QPainterPath()
        path.moveTo(s * 0.5, s * 0.06)
        path.lineTo(s * 0.96, s * 0.9)
        path.lineTo(s * 0.04, s * 0.9)
        path.closeSubpath()
        painter.fillPath(path, colour)
        painter.setPen(white)
        painter.drawLine(QPointF(s * 0.5, s * 0.36), QPointF(s * 0.5, s * 0.6))
        painter.drawPoint(QPointF(s * 0.5, s * 0.76))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
        painter.setPen(white)
        if kind == NEW:  # a plus
            painter.drawLine(QPointF(s * 0.5, s * 0.26), QPointF(s * 0.5, s * 0.74))
            painter.drawLine(QPointF(s * 0.26, s * 0.5), QPointF(s * 0.74, s * 0.5))
        elif kind == REJECTED:  # a cross
            painter.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
            painter.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
        else:  # update: a circular arrow
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawArc(QRectF(s * 0.26, s * 0.26, s * 0.48, s * 0.48), 90 * 16, 270 * 16)
            head = QPainterPath()
            head.moveTo(s * 0.5, s * 0.14)
            head.lineTo(s * 0.66, s * 0.26)
            head.lineTo(s * 0.5, s * 0.38)
            head.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.fillPath(head, QColor("white"))


def problem_lines(row: RowPreview) -> list[str]:
    """Every error, then every warning of a row: the column and what is wrong."""
    lines = [tr("Error: {text}", text=p.text) for p in row.errors]
    lines += [tr("Warning: {text}", text=p.text) for p in row.warnings]
    return lines


class PreviewModel(QAbstractTableModel):
    """The rows of an `ImportPreview`, read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowPreview] = []
        self._fields: list[str] = []
        self._problems: list[str] = []

    def set_rows(self, rows: list[RowPreview], fields: list[str]) -> None:
        """Show these rows; `fields` are the mapped fields (their columns are shown)."""
        self.beginResetModel()
        self._rows = list(rows)
        mapped = set(fields)
        self._fields = [f for f in VALUE_FIELDS if f in mapped]
        self._problems = ["\n".join(problem_lines(r)) for r in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> RowPreview:
        """The preview of a table row."""
        return self._rows[row]

    def field_at(self, column: int) -> str | None:
        """The field shown in a column (None for the fixed columns)."""
        index = column - len(FIXED_COLUMNS)
        return self._fields[index] if 0 <= index < len(self._fields) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._fields)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(FIXED_COLUMNS):
            return tr(FIXED_COLUMNS[section])
        field = self.field_at(section)
        return field_label(field) if field else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == HAS_PROBLEMS_ROLE:
            return bool(row.errors or row.warnings)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            if column == LINE:
                return row.line if role != Qt.ItemDataRole.ToolTipRole else None
            if column == RESULT:
                return tr(ACTION_WORDS[row.action])
            if column == NAME:
                return row.name
            if column == PROBLEMS:
                text = self._problems[index.row()]
                if role == SORT_ROLE:
                    return len(row.errors) * 1000 + len(row.warnings)
                return text or None
            field = self.field_at(column)
            if field == "manager":
                return row.manager_name or ""
            return display_value(field, row.values.get(field)) if field else None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == RESULT:
                return action_icon(row.action)
            if column == PROBLEMS and row.errors:
                return action_icon(REJECTED)
            if column == PROBLEMS and row.warnings:
                return action_icon("warning")
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == RESULT:
                return QBrush(QColor(ACTION_COLOURS[row.action]))
            if column == PROBLEMS and row.errors:
                return QBrush(QColor(ACTION_COLOURS[REJECTED]))
            if column == PROBLEMS and row.warnings:
                return QBrush(QColor(WARNING_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and column in (RESULT, PROBLEMS):
            return QBrush(QColor(_TEXT_COLOUR))  # readable on the light colours in dark mode
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == LINE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProblemsFilter(QSortFilterProxyModel):
    """Sorts the preview and, when asked, shows only the rows with errors or warnings."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._only_problems = False
        self.setSortRole(SORT_ROLE)

    def set_only_problems(self, only: bool) -> None:
        """Show only rows with errors or warnings (True) or every row."""
        self.beginFilterChange()
        self._only_problems = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if not self._only_problems:
            return True
        model = self.sourceModel()
        return bool(model.index(source_row, 0, source_parent).data(HAS_PROBLEMS_ROLE))
