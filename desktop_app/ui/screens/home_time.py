"""Home's view of the time: now, and dates on the wall clock of the check-in zone.

Dates, times and the rhythm are written by Babel (``locale_format``), whose import and
locale data cost tens of milliseconds: more than the rest of Home. So every such text Home
writes is also kept with this computer's copy of Home (``home_snapshot``), keyed by what it
was made from; the next start reads them back and Home is drawn without Babel. The texts
are the same either way: each is the formatter's own output for the same date, time or
rhythm, in the same language and app version (the copy's key).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from desktop_app.domain.journal import CheckInCadence, CheckInSettings
from desktop_app.domain.schedule import is_overdue, next_due, overdue_days
from desktop_app.home_snapshot import HomeInputs
from desktop_app.i18n import _
from desktop_app.locale_format import Style, format_clock, format_day
from desktop_app.ui import dates
from desktop_app.ui.journal.text import rhythm_text, waiting_text


class HomeTime:
    """Home's view of the time: now, and dates on the wall clock of the check-in zone.

    ``texts`` are formatted texts already known (from the copy); ``used`` collects every
    one this drawing wrote, for the next copy.
    """

    def __init__(self, inputs: HomeInputs, now: datetime,
                 texts: Mapping[str, str] | None = None) -> None:
        rhythm = inputs.rhythm
        self.settings = CheckInSettings(
            CheckInCadence(rhythm.cadence), rhythm.weekday, rhythm.reminder_time,
            rhythm.timezone) if rhythm else None
        self.now = now
        self.zone = self.settings.zone() if self.settings else now.tzinfo
        self.today = now.astimezone(self.zone).date()
        self.known: Mapping[str, str] = texts or {}
        self.used: dict[str, str] = {}

    def local(self, iso: str) -> datetime:
        return datetime.fromisoformat(iso).astimezone(self.zone)

    def _formatted(self, key: str, make: Callable[[], str]) -> str:
        text = self.known.get(key)
        if text is None:
            text = make()
        self.used[key] = text
        return text

    def day_text(self, day: date) -> str:
        """As ``dates.day_text``: "today", "yesterday", else "Saturday 14 March"."""
        if abs((day - self.today).days) <= 1:
            return dates.day_text(day, self.today)  # words of the catalog, not Babel's
        style: Style = "weekday_day" if day.year == self.today.year else "long"
        return self._formatted(f"day {style} {day.isoformat()}",
                               lambda: format_day(day, style))

    def moment_text(self, moment: datetime) -> str:
        """As ``dates.moment_text``: "today at 20:00", "Saturday 14 March at 20:00"."""
        clock = self._formatted(f"clock {moment:%H:%M}", lambda: format_clock(moment))
        # Translators: {day} is "today", "yesterday" or a date such as "Saturday 14 March".
        return _("{day} at {time}").format(day=self.day_text(moment.date()), time=clock)

    def due_text(self, last_day: str | None) -> tuple[bool, str]:
        """Whether a check-in is waiting, and the sentence that says when it is due."""
        settings = self.settings
        assert settings is not None
        day = date.fromisoformat(last_day) if last_day else None
        if is_overdue(settings, day, self.now):
            return True, waiting_text(overdue_days(settings, day, self.now))
        when = self.moment_text(next_due(settings, day, self.now).astimezone(self.zone))
        rhythm = self._formatted(
            f"rhythm {settings.cadence.value} {settings.weekday} {settings.reminder_time}",
            lambda: rhythm_text(settings))
        return False, _("Your next check-in is due {when}. You check in {rhythm}.").format(
            when=when, rhythm=rhythm)


def home_texts(inputs: HomeInputs, now: datetime,
               known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every formatted text Home writes for ``inputs`` at ``now`` (what the copy keeps)."""
    clock = HomeTime(inputs, now, known)
    for draft in inputs.drafts:
        clock.moment_text(clock.local(draft.saved_at))
    if inputs.has_history:
        clock.due_text(inputs.last_checkin_day)
        for shown in (inputs.win, inputs.assessment):
            if shown is not None:
                clock.day_text(clock.local(shown[1]).date())
    return clock.used
