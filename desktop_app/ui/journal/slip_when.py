"""When a slip happened: a day (today unless changed) and, if the person knows it, a time.

Used inside the check-in and in the slip dialog. Without a time the slip is stored as
known to the day, and its return is told in days ("the same day"), never as minutes from
the moment it was written down.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QTimeEdit, QWidget

from desktop_app.i18n import _, pgettext


class SlipWhen(QWidget):
    """A date field, an "I know the time" box and a time field enabled by it."""

    def __init__(
        self, today: date, now: time, *, day: date | None = None, at: time | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slipWhen")
        self.today = today
        self.now = now
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.day = QDateEdit()
        self.day.setObjectName("slipDay")
        self.day.setAccessibleName(_("Day of the slip"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy")
        self.day.setMaximumDate(_qdate(today))
        self.day.setDate(_qdate(day or today))
        row.addWidget(self.day)
        # Translators: a tick box before the time of a slip: "[ ] at 14:30".
        self.knows_time = QCheckBox(pgettext("slip time", "at"))
        self.knows_time.setObjectName("slipKnowsTime")
        self.knows_time.setAccessibleName(_("I know the time of the slip"))
        self.knows_time.setToolTip(_("Leave unticked if you only know the day."))
        row.addWidget(self.knows_time)
        self.time = QTimeEdit()
        self.time.setObjectName("slipTime")
        self.time.setAccessibleName(_("Time of the slip"))
        self.time.setDisplayFormat("HH:mm")
        moment = at or now
        self.time.setTime(QTime(moment.hour, moment.minute))
        row.addWidget(self.time)
        row.addStretch(1)
        self.knows_time.toggled.connect(self.time.setEnabled)
        self.knows_time.setChecked(at is not None)
        self.time.setEnabled(at is not None)
        self.setFocusProxy(self.day)

    def chosen_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def time_known(self) -> bool:
        return self.knows_time.isChecked()

    def wall_time(self) -> datetime:
        """The chosen moment on the wall clock (the start of the day without a time)."""
        if not self.time_known():
            return datetime.combine(self.chosen_day(), time(0))
        value = self.time.time()
        return datetime.combine(self.chosen_day(), time(value.hour(), value.minute()))

    def problem(self) -> str | None:
        late = self.time.time()
        if (
            self.time_known() and self.chosen_day() >= self.today
            and time(late.hour(), late.minute()) > self.now
        ):
            return _(
                "The slip's time, {time} today, has not come yet: pick "
                "an earlier time, or untick the time if you only know the day."
            ).format(time=late.toString('HH:mm'))
        return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
