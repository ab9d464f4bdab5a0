"""How dates and times read on every screen: one place, so they read alike everywhere.

Not strftime: it is slow here (every call goes through an import hook), its %-d does not
exist on Windows, and its month names follow the C locale rather than the app's language.
"""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def short_date(day: date) -> str:
    """"14 Mar 2026": compact, for tables, charts and tooltips."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def long_date(day: date) -> str:
    """"Saturday 14 March 2026": a whole day, named in full (a window title, say)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date_time(moment: datetime) -> str:
    """"14 March 2026, 09:30": a date and time a person reads at a glance."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def day_text(day: date, today: date) -> str:
    """"today", "yesterday", "tomorrow", else "Saturday 14 March" (and the year if another)."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def moment_text(moment: datetime, today: date) -> str:
    """A local moment as "today at 20:00" or "Saturday 14 March at 20:00"."""
    return f"{day_text(moment.date(), today)} at {moment:%H:%M}"
