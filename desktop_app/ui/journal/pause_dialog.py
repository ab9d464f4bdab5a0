"""Pausing a practice for a holiday or an illness, so those days never count as missed."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import Practice
from desktop_app.i18n import _, pgettext
from desktop_app.services.focus import FocusInputError, FocusService
from desktop_app.ui.journal.field_errors import lead_to
from desktop_app.ui.journal.save_dialog import SaveDialog
from desktop_app.ui.widgets import heading, paragraph


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PauseDialog(SaveDialog):
    """From a day, until a day or until resumed, with an optional reason."""

    def __init__(
        self, focus: FocusService, practice: Practice, today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pauseDialog")
        self.setWindowTitle(_("Pause a practice"))
        self.focus = focus
        self.practice = practice
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Pause “{practice}”").format(practice=practice.what), level=2))
        layout.addWidget(paragraph(_(
            "Life has holidays, illness and weeks that are simply too full. Paused days are "
            "not counted as missed; the practice is waiting for you when you come back."
        )))
        form = QFormLayout()
        self.start = QDateEdit(_qdate(today))
        self.start.setObjectName("pauseStart")
        self.start.setAccessibleName(_("First day of the pause"))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        form.addRow(_("&From"), self.start)
        self.open_ended = QCheckBox(_("Until I resume it"))
        self.open_ended.setObjectName("pauseOpenEnded")
        self.open_ended.setChecked(True)
        form.addRow(self.open_ended)
        self.end = QDateEdit(_qdate(today + timedelta(days=7)))
        self.end.setObjectName("pauseEnd")
        self.end.setAccessibleName(_("Last day of the pause"))
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("d MMM yyyy")
        self.end.setEnabled(False)
        form.addRow(_("&Last paused day"), self.end)
        self.open_ended.toggled.connect(lambda on: self.end.setEnabled(not on))
        self.reason = QLineEdit()
        self.reason.setObjectName("pauseReason")
        self.reason.setAccessibleName(_("Reason for the pause (optional)"))
        self.reason.setPlaceholderText(_("optional, e.g. holiday, flu"))
        self.reason.setMaxLength(200)
        form.addRow(_("&Reason"), self.reason)
        layout.addLayout(form)
        self.add_save_buttons(layout, self.focus.session, pgettext("button", "Pause"))
        self.setMinimumWidth(460)

    def _problem(self) -> str | None:
        if not self.open_ended.isChecked() and self.end.date() < self.start.date():
            return _("The last paused day cannot come before the first.")
        return None

    def store(self) -> object:
        start = _pydate(self.start.date())
        end = None if self.open_ended.isChecked() else _pydate(self.end.date())
        if (problem := self._problem()) is not None:
            lead_to(self.error, self.end, self._problem, self.start, self.open_ended)
            raise FocusInputError(problem)
        self.focus.pause(self.practice.key, start, end, self.reason.text())
        return None
