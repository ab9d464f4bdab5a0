"""Backfilling: picking the day a check-in is for, and moving a check-in to another day.

Days still to come cannot be picked (the date field stops at today), and the service
refuses them as well with a sentence the dialog shows.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.i18n import _
from desktop_app.services.backfill import change_checkin_day
from desktop_app.services.journal import JournalInputError, JournalService
from desktop_app.ui.dates import day_text
from desktop_app.ui.journal.save_dialog import SaveDialog
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph
from desktop_app.ui.wizard.template_wizard import TemplateWizard


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def day_edit(accessible_name: str, value: date, latest: date) -> QDateEdit:
    """A date field with a calendar that stops at ``latest`` (today: no days to come)."""
    edit = QDateEdit()
    edit.setAccessibleName(accessible_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setMaximumDate(to_qdate(latest))
    edit.setDate(to_qdate(min(value, latest)))
    return edit


def backfill_titles(wizard: TemplateWizard, page: QWizardPage, day: date, today: date) -> None:
    """Say on every page of the check-in which day it is for."""
    when = day_text(day, today)
    wizard.setWindowTitle(_("{title} for {day}").format(title=wizard.windowTitle(), day=when))
    wizard.show_notice(_(
        "This check-in is for {day}. Answer for that day; it counts for that day in "
        "your consistency."
    ).format(day=when))
    page.setTitle(_("Practices on {day}").format(day=when))
    page.setSubTitle(_("Tick what you did that day. If you like, log a slip or a win as well."))


class CheckInDayDialog(QDialog):
    """Which earlier day to check in for; Continue opens the check-in for that day."""

    def __init__(
        self, journal: JournalService, suggested: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkInDayDialog")
        self.journal = journal
        self.today = journal.today()
        self.setWindowTitle(_("Check in for an earlier day"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(paragraph(_(
            "Missed a day? Fill it in now: the check-in counts for the day you pick, in "
            "your consistency and in “never miss twice”."
        )))
        form = QFormLayout()
        default = suggested or self.today - timedelta(days=1)
        self.day = day_edit(_("Day to check in for"), default, self.today)
        self.day.setObjectName("checkInDay")
        form.addRow(_("&Day"), self.day)
        layout.addLayout(form)
        self.note = QLabel()
        self.note.setObjectName("checkInDayNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(_("&Continue"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.day.dateChanged.connect(lambda _d: self._describe())
        self._describe()
        self.setMinimumWidth(460)

    def chosen(self) -> date:
        return from_qdate(self.day.date())

    def _describe(self) -> None:
        day = self.chosen()
        done = self.journal.checkins_between(day, day)
        self.note.setText(_(
            "You already checked in for {day}; this adds another "
            "check-in for that day."
        ).format(day=day_text(day, self.today)) if done else "")
        self.note.setVisible(bool(done))

    def accept(self) -> None:
        if self.chosen() > self.journal.today():
            self.error.show_error(_("Pick today or an earlier day: a check-in is for a day "
                                    "that has come."))
            return
        super().accept()


class ChangeDayDialog(SaveDialog):
    """Move a check-in to another day (today or earlier); its answers stay as they are."""

    def __init__(self, journal: JournalService, doc_id: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("changeDayDialog")
        self.journal = journal
        self.doc_id = doc_id
        checkin = journal.checkin(doc_id)
        today = journal.today()
        current = checkin.day(journal.settings().zone()) if checkin else today
        self.setWindowTitle(_("Change the day of this check-in"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(paragraph(_(
            "This check-in is for {day}. Pick the day it was really "
            "for; its answers stay as they are."
        ).format(day=day_text(current, today))))
        form = QFormLayout()
        self.day = day_edit(_("Day this check-in is for"), current, today)
        self.day.setObjectName("changeCheckInDay")
        form.addRow(_("&Day"), self.day)
        layout.addLayout(form)
        self.add_save_buttons(layout, journal.session)
        self.setMinimumWidth(460)

    def store(self) -> object:
        day = from_qdate(self.day.date())
        if self.journal.checkin(self.doc_id) is None:
            raise JournalInputError(_("This check-in no longer exists."))
        return change_checkin_day(self.journal, self.doc_id, day)
