"""The consistency calendar's data: check-in or practice days, forgiving of pauses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Literal

from desktop_app.domain.consistency import (
    DayStatus,
    calendar_weeks,
    checkin_day_statuses,
    practice_day_statuses,
)
from desktop_app.domain.journal import CheckIn, CheckInSettings, FocusPeriod
from desktop_app.domain.progress import ALL_TIME, DateRange
from desktop_app.domain.schedule import local_date

YEAR_WEEKS = 54
"""Columns of a year row: Jan 1 and Dec 31 can each sit alone in a week of their own."""
ONE_ROW_WEEKS = 54
"""Up to this many weeks (a year from any day) the calendar is one row; past it, one row
per calendar year."""


# --- consistency ----------------------------------------------------------------------------


CalendarKind = Literal["checkins", "practices"]


@dataclass(frozen=True)
class CalendarData:
    """Day statuses from ``start`` to ``end``; days before the first record are left out."""

    kind: CalendarKind
    start: date
    end: date
    statuses: Mapping[date, DayStatus]

    def count(self, status: DayStatus) -> int:
        """How many days have ``status``."""
        return sum(1 for s in self.statuses.values() if s is status)

    def weeks(self) -> list[tuple[date, ...]]:
        """Monday-to-Sunday weeks covering the calendar (edge days may fall outside)."""
        return calendar_weeks(self.start, self.end)

    def layout(self) -> CalendarLayout:
        """Where each day sits in the calendar's grid (see ``calendar_layout``)."""
        return calendar_layout(self.start, self.end)


@dataclass(frozen=True)
class CalendarLayout:
    """Cells of the calendar: 7 rows (Monday first) per block, one column per week.

    ``years`` names each block's calendar year when the calendar has one row per year,
    and is empty when it is a single row of weeks.
    """

    cells: Mapping[date, tuple[int, int]]  # day -> (row, column)
    rows: int
    columns: int
    years: tuple[int, ...]


def calendar_layout(start: date, end: date) -> CalendarLayout:
    """Up to ``ONE_ROW_WEEKS`` weeks as one row; longer, a row of ``YEAR_WEEKS`` per year.

    Year rows line their weeks up from the Monday on or before January 1, so the same
    month sits in the same place in every row; a blank row of cells separates the years.
    """
    weeks = calendar_weeks(start, end)
    if len(weeks) <= ONE_ROW_WEEKS:
        cells = {day: (row, column) for column, week in enumerate(weeks)
                 for row, day in enumerate(week)}
        return CalendarLayout(cells, 7, len(weeks), ())
    years = tuple(range(start.year, end.year + 1))
    cells = {}
    for block, year in enumerate(years):
        first = date(year, 1, 1)
        monday = first - timedelta(days=first.weekday())
        day = max(first, start)
        last = min(date(year, 12, 31), end)
        while day <= last:
            cells[day] = (block * 8 + day.weekday(), (day - monday).days // 7)
            day += timedelta(days=1)
    return CalendarLayout(cells, len(years) * 8 - 1, YEAR_WEEKS, years)


def calendar_bounds(date_range: DateRange, today: date, first: date | None) -> tuple[date, date]:
    """The range's days up to today, from ``first`` (the first record) when it is later."""
    end = min(date_range.end or today, today)
    start = date_range.start or first or end
    if first is not None:
        start = max(start, first)
    return start, end


def _periods_on(periods: Sequence[FocusPeriod], day: date, tz: tzinfo) -> list[FocusPeriod]:
    found = []
    for period in periods:
        first = local_date(period.started_at, tz)
        last = None if period.ended_at is None else local_date(period.ended_at, tz)
        if first <= day and (last is None or day <= last):
            found.append(period)
    return found


def _all_paused(periods: Sequence[FocusPeriod], day: date) -> bool:
    practices = [p for period in periods for p in period.practices()]
    return bool(practices) and all(p.is_paused(day) for p in practices)


def checkin_calendar(
    settings: CheckInSettings,
    checkins: Sequence[CheckIn],
    periods: Sequence[FocusPeriod],
    today: date,
    date_range: DateRange = ALL_TIME,
) -> CalendarData:
    """Check-in days; a day on which every practice of the focus was paused counts as paused.

    The calendar starts on the first check-in day, so days before the person began are
    never shown as missed.
    """
    tz = settings.zone()
    first = min((local_date(c.at, tz) for c in checkins), default=None)
    start, end = calendar_bounds(date_range, today, first)
    if not checkins or end < start:
        return CalendarData("checkins", start, end, {})
    statuses = dict(checkin_day_statuses(settings, checkins, start, end, today))
    for day, status in statuses.items():
        if status is not DayStatus.DONE and _all_paused(_periods_on(periods, day, tz), day):
            statuses[day] = DayStatus.PAUSED
    return CalendarData("checkins", start, end, statuses)


_RANK = (DayStatus.DONE, DayStatus.MISSED, DayStatus.FUTURE, DayStatus.NOT_DUE, DayStatus.PAUSED)


def practice_calendar(
    periods: Sequence[FocusPeriod],
    checkins: Sequence[CheckIn],
    today: date,
    tz: tzinfo,
    date_range: DateRange = ALL_TIME,
) -> CalendarData:
    """Practice days across every focus period: done when any practice was done that day.

    Otherwise a day is missed when a due practice was missed, and paused only when every
    practice was paused. Days without a focus period are left out.
    """
    first = min((local_date(p.started_at, tz) for p in periods), default=None)
    start, end = calendar_bounds(date_range, today, first)
    per_day: dict[date, list[DayStatus]] = {}
    for period in periods:
        first = local_date(period.started_at, tz)
        last = today if period.ended_at is None else local_date(period.ended_at, tz)
        lo, hi = max(first, start), min(last, end)
        if hi < lo:
            continue
        for practice in period.practices():
            days = practice_day_statuses(practice, checkins, lo, hi, today, tz)
            for day, status in days.items():
                per_day.setdefault(day, []).append(status)
    statuses = {day: min(found, key=_RANK.index) for day, found in per_day.items()}
    if statuses:
        start = max(start, min(statuses))
    return CalendarData("practices", start, end, dict(sorted(statuses.items())))
