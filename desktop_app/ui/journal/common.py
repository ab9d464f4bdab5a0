"""Small pieces the journal shares: the focus-area picker, date-time fields, asking before a
delete, and saying so when the disk refuses a write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QDialog, QMessageBox, QWidget

from desktop_app.i18n import N_, _
from desktop_app.services.journal import JournalService
from desktop_app.services.session import Session
from desktop_app.ui.pending_save import on_landed

NO_AREA = N_("Not tied to a focus area")


class AreaPicker(QComboBox):
    """The current focus areas, "not tied to one", and an older area when a record names one."""

    def __init__(
        self, journal: JournalService, accessible_name: str, keep: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.addItem(_(NO_AREA), None)
        current = journal.focus.current()
        names = journal.focus.titles_by_key()
        keys = [a.key for a in current.item.areas] if current else []
        if keep and keep not in keys:
            keys.append(keep)
        for key in keys:
            self.addItem(names.get(key, _("An earlier focus area")), key)
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


def open_dialog(dialog: QDialog) -> QDialog:
    """Show ``dialog`` window-modal without a nested event loop; it is freed once closed.

    Slots return at once, so the button that was clicked is never rebuilt or deleted while
    its own handler is still running, and focus returns to it when the dialog closes.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def confirm(parent: QWidget, title: str, text: str, action: str | None = None) -> bool:
    """Ask before something is removed for good; the safe choice is the default."""
    box = QMessageBox(parent)
    box.setObjectName("confirmDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    remove = box.addButton(action or _("Delete"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is remove


def written(parent: QWidget, title: str, write: Callable[[], object],
            session: Session, failed: Callable[[], None] | None = None) -> bool:
    """Run ``write`` (its file lands on the writer thread); when the disk refuses it, say so.

    False when the write was refused at once. A write that fails on its way to disk is told
    once it failed: the profile is read from disk again and every screen redraws, so each
    shows what is still stored.
    """
    try:
        write()
    except OSError as error:
        show_write_error(parent, title, error)
        return False

    def landed(error: BaseException | None) -> None:
        if error is None:
            return
        session.recover()
        if shiboken6.isValid(parent):
            if failed is not None:
                failed()
            show_write_error(parent, title, error if isinstance(error, OSError)
                             else OSError(str(error)))

    on_landed(session.ticket(), landed)
    return True


def show_write_error(parent: QWidget, title: str, error: OSError) -> None:
    box = QMessageBox(parent)
    box.setObjectName("writeError")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(_(
        "Groundwork could not save this change: {reason}.\n\n"
        "Nothing was changed, and nothing you wrote is lost. Try again once there is room "
        "on the disk."
    ).format(reason=error.strerror or error))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Not exec(): the slot that failed returns, and the message waits for the person.
    box.open()
