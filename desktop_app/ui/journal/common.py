"""Small pieces the journal dialogs share: the focus-area picker and date-time fields."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QMessageBox, QWidget

from desktop_app.services.journal import JournalService

NO_AREA = "Not tied to a focus area"


class AreaPicker(QComboBox):
    """The current focus areas, "not tied to one", and an older area when a record names one."""

    def __init__(
        self, journal: JournalService, accessible_name: str, keep: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.addItem(NO_AREA, None)
        current = journal.focus.current()
        names = journal.focus.titles_by_key()
        keys = [a.key for a in current.item.areas] if current else []
        if keep and keep not in keys:
            keys.append(keep)
        for key in keys:
            self.addItem(names.get(key, "An earlier focus area"), key)
        if current and len(current.item.areas) == 1 and keep is None:
            self.setCurrentIndex(1)

    def key(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_key(self, key: str | None) -> None:
        index = self.findData(key) if key else 0
        self.setCurrentIndex(max(index, 0))


def moment_edit(accessible_name: str, value: datetime, latest: datetime) -> QDateTimeEdit:
    """A date-and-time field on the journal's wall clock (naive: the service adds the zone)."""
    edit = QDateTimeEdit()
    edit.setAccessibleName(accessible_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy  HH:mm")
    edit.setMaximumDateTime(to_qt(latest))
    edit.setDateTime(to_qt(value))
    return edit


def to_qt(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def from_qt(value: QDateTime) -> datetime:
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def confirm(parent: QWidget, title: str, text: str, action: str = "Delete") -> bool:
    """Ask before something is removed for good; the safe choice is the default."""
    box = QMessageBox(parent)
    box.setObjectName("confirmDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    remove = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is remove
