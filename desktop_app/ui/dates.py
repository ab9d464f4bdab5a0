"""How dates and times read on every screen: one place, so they read alike everywhere.

The formatting itself is desktop_app/locale_format.py (the active language's, Qt-free).
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.i18n import _
from desktop_app.locale_format import format_clock, format_day, format_day_and_clock


def short_date(day: date) -> str:
    """"14 Mar 2026": compact, for tables, charts and tooltips."""
    return format_day(day, "short")


def long_date(day: date) -> str:
    """"Saturday 14 March 2026": a whole day, named in full (a window title, say)."""
    return format_day(day, "long")


def long_date_time(moment: datetime) -> str:
    """"14 March 2026, 09:30": a date and time a person reads at a glance."""
    return format_day_and_clock(moment)


def day_text(day: date, today: date) -> str:
    """"today", "yesterday", "tomorrow", else "Saturday 14 March" (and the year if another)."""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == -1:
        return _("yesterday")
    if delta == 1:
        return _("tomorrow")
    return format_day(day, "weekday_day" if day.year == today.year else "long")


def moment_text(moment: datetime, today: date) -> str:
    """A local moment as "today at 20:00" or "Saturday 14 March at 20:00"."""
    # Translators: {day} is "today", "yesterday" or a date such as "Saturday 14 March".
    return _("{day} at {time}").format(day=day_text(moment.date(), today),
                                       time=format_clock(moment))
