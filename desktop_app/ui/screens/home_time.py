"""Home's view of the time: now, and dates on the wall clock of the check-in zone."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.domain.journal import CheckInCadence, CheckInSettings
from desktop_app.domain.schedule import is_overdue, next_due, overdue_days
from desktop_app.home_snapshot import HomeInputs
from desktop_app.i18n import _
from desktop_app.ui.dates import moment_text
from desktop_app.ui.journal.text import rhythm_text, waiting_text


class HomeTime:
    """Home's view of the time: now, and dates on the wall clock of the check-in zone."""

    def __init__(self, inputs: HomeInputs, now: datetime) -> None:
        rhythm = inputs.rhythm
        self.settings = CheckInSettings(
            CheckInCadence(rhythm.cadence), rhythm.weekday, rhythm.reminder_time,
            rhythm.timezone) if rhythm else None
        self.now = now
        self.zone = self.settings.zone() if self.settings else now.tzinfo
        self.today = now.astimezone(self.zone).date()

    def local(self, iso: str) -> datetime:
        return datetime.fromisoformat(iso).astimezone(self.zone)

    def due_text(self, last_day: str | None) -> tuple[bool, str]:
        """Whether a check-in is waiting, and the sentence that says when it is due."""
        settings = self.settings
        assert settings is not None
        day = date.fromisoformat(last_day) if last_day else None
        if is_overdue(settings, day, self.now):
            return True, waiting_text(overdue_days(settings, day, self.now))
        when = moment_text(next_due(settings, day, self.now).astimezone(self.zone), self.today)
        return False, _("Your next check-in is due {when}. You check in {rhythm}.").format(
            when=when, rhythm=rhythm_text(settings))
