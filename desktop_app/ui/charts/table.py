"""The table view of a chart: the same numbers as text, the accessible alternative."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.i18n import _

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TableRow:
    """One row: its cells as text, and the result it opens (if any)."""

    cells: tuple[str, ...]
    result_id: str | None = None


class RowsModel(QAbstractTableModel):
    """A read-only model over a list of rows (cheap for thousands of rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: tuple[str, ...] = ()
        self.rows: list[TableRow] = []

    def set_rows(self, headers: Sequence[str], rows: Sequence[TableRow]) -> None:
        self.beginResetModel()
        self.headers = tuple(headers)
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            cells = row.cells
            return cells[index.column()] if index.column() < len(cells) else ""
        if role == Qt.ItemDataRole.UserRole:
            return row.result_id
        if role == Qt.ItemDataRole.ToolTipRole and row.result_id is not None:
            return _("Press Enter or double-click to open this result")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self.headers):
            return self.headers[section]
        return None

    def text(self) -> list[list[str]]:
        """Every row's cells, as shown (used by tests and copy)."""
        return [list(r.cells) for r in self.rows]


class ChartTable(QTableView):
    """Rows of a chart; Enter or a double-click opens the row's result."""

    open_result = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = RowsModel(self)
        self.setModel(self.rows_model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Measure a sample of rows: a five-year table has thousands of them.
        header.setResizeContentsPrecision(100)
        header.setStretchLastSection(True)
        self.doubleClicked.connect(self._open)

    def set_rows(self, headers: Sequence[str], rows: Sequence[TableRow]) -> None:
        self.rows_model.set_rows(headers, rows)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        result_id = self.rows_model.data(index, Qt.ItemDataRole.UserRole)
        if isinstance(result_id, str):
            self.open_result.emit(result_id)
