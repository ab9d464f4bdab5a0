"""Settings → Check-in and reminders: daily or weekly, the reminder time, the time zone,
and the person's own support contacts."""

from __future__ import annotations

from datetime import time
from zoneinfo import available_timezones

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import CheckInCadence, CheckInSettings, format_reminder_time
from desktop_app.i18n import N_, _
from desktop_app.locale_format import weekday_names
from desktop_app.services.journal import JournalInputError, JournalService
from desktop_app.services.journal_settings import SupportContacts, read_support, write_support
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.journal.field_errors import lead_to
from desktop_app.ui.journal.save_dialog import SaveDialog
from desktop_app.ui.widgets import heading, paragraph

UNKNOWN_ZONE = N_(
    "That time zone is not one Groundwork knows. Pick one from the list, for example "
    "Europe/Berlin or America/New_York."
)
INTRO = N_(
    "How often would you like to check in? A check-in takes a minute or two: your practices, "
    "your three responsibilities, how much distress you carry, and a note. While Groundwork "
    "is open it reminds you at the time you choose; if you miss one, Home says so gently."
)

SUPPORT_INTRO = N_(
    "If a check-in shows a very heavy day, Groundwork points you to help. Write down who you "
    "can reach and your local crisis line, and they are shown then, even offline. They stay "
    "in this profile, on this computer (encrypted when the profile has a passphrase)."
)


class CheckInSettingsDialog(SaveDialog):
    """Edits the profile's check-in rhythm; Save calls the journal service."""

    def __init__(self, journal: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkInSettingsDialog")
        self.setWindowTitle(_("Check-in and reminders"))
        self.journal = journal
        settings = journal.settings()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Check-in and reminders"), level=2))
        layout.addWidget(paragraph(_(INTRO)))
        form = QFormLayout()
        self.cadence = QComboBox()
        self.cadence.setObjectName("checkInCadence")
        self.cadence.setAccessibleName(_("How often I check in"))
        self.cadence.addItem(_("Every day"), CheckInCadence.DAILY.value)
        self.cadence.addItem(_("Once a week"), CheckInCadence.WEEKLY.value)
        self.cadence.setCurrentIndex(self.cadence.findData(settings.cadence.value))
        form.addRow(_("&How often"), self.cadence)
        self.weekday = QComboBox()
        self.weekday.setObjectName("checkInWeekday")
        self.weekday.setAccessibleName(_("Day of the weekly check-in"))
        self.weekday.addItems(weekday_names())
        self.weekday.setCurrentIndex(settings.weekday)
        form.addRow(_("On &which day"), self.weekday)
        self.time = QTimeEdit(QTime(settings.reminder.hour, settings.reminder.minute))
        self.time.setObjectName("reminderTime")
        self.time.setAccessibleName(_("Reminder time"))
        self.time.setDisplayFormat("HH:mm")
        form.addRow(_("&Reminder at"), self.time)
        self.zone = QComboBox()
        self.zone.setObjectName("timeZone")
        self.zone.setAccessibleName(_("Time zone"))
        self.zone.setEditable(True)
        names = sorted(available_timezones() | {settings.timezone})
        self._zones = set(names)
        self.zone.addItems(names)
        self.zone.setCurrentText(settings.timezone)
        completer = QCompleter(names, self.zone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        form.addRow(_("&Time zone"), self.zone)
        layout.addLayout(form)
        self._add_support(layout)
        self.add_save_buttons(layout, self.journal.session)
        self.cadence.currentIndexChanged.connect(self._cadence_changed)
        self._cadence_changed()
        self.setMinimumWidth(480)

    def _add_support(self, layout: QVBoxLayout) -> None:
        """The person's own help, shown with the pointer to help when a check-in is heavy."""
        support = read_support(self.journal.session.require_repo())
        layout.addSpacing(8)
        layout.addWidget(heading(_("When things are hard"), level=3))
        layout.addWidget(paragraph(_(SUPPORT_INTRO)))
        form = QFormLayout()
        self.crisis_line = QLineEdit(support.crisis_line)
        self.crisis_line.setObjectName("crisisLine")
        self.crisis_line.setAccessibleName(_("My local crisis line"))
        self.crisis_line.setPlaceholderText(_("For example: Samaritans 116 123"))
        form.addRow(_("My local &crisis line"), self.crisis_line)
        self.people = QPlainTextEdit(support.people)
        self.people.setObjectName("supportPeople")
        self.people.setAccessibleName(_("People I can reach out to"))
        self.people.setPlaceholderText(_("For example: Alex 0123 456789; my therapist, Dr Lee"))
        self.people.setTabChangesFocus(True)
        self.people.setFixedHeight(self.people.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(_("&People I can reach"), self.people)
        layout.addLayout(form)

    def support(self) -> SupportContacts:
        return SupportContacts(self.people.toPlainText(), self.crisis_line.text())

    def _cadence_changed(self) -> None:
        self.weekday.setEnabled(self.cadence.currentData() == CheckInCadence.WEEKLY.value)

    def chosen(self) -> CheckInSettings:
        chosen = self.time.time()
        return CheckInSettings(
            CheckInCadence(self.cadence.currentData()),
            self.weekday.currentIndex(),
            format_reminder_time(time(chosen.hour(), chosen.minute())),
            self.zone.currentText().strip(),
        )

    def _zone_problem(self) -> str | None:
        return None if self.zone.currentText().strip() in self._zones else _(UNKNOWN_ZONE)

    def store(self) -> object:
        try:
            settings = self.chosen()
        except ValueError:
            lead_to(self.error, self.zone, self._zone_problem)
            raise JournalInputError(_(UNKNOWN_ZONE)) from None
        repo = self.journal.session.require_repo()
        try:
            with repo.batch():  # both land, or neither
                write_support(repo, self.support())
                self.journal.save_settings(settings)
        except ValueError as error:
            self.people.setFocus()
            raise JournalInputError(str(error)) from None
        return None


def open_checkin_settings(parent: QWidget, ctx: ScreenContext) -> None:
    """Settings → Check-in and reminders… (only with a profile open)."""
    if ctx.session.repo is None:
        return
    CheckInSettingsDialog(JournalService(ctx.session), parent).exec()
