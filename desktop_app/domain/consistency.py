"""Forgiving consistency: how quickly the person gets back on track, and how practice went.

The headline measure is the time from a slip to being back on track, per slip and as a
trend, instead of a streak that resets to zero. Day-by-day statuses feed the calendar and the
"never miss twice" view: one missed day is normal; two due days missed in a row is the thing
to notice, gently. Paused days (holiday, illness) are never missed.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from desktop_app.domain.journal import (
    Cadence,
    CadenceKind,
    CheckIn,
    CheckInCadence,
    CheckInSettings,
    Pause,
    Practice,
    Slip,
    instant,
)
from desktop_app.domain.return_time import ReturnTime, return_time
from desktop_app.domain.schedule import local_date

ISO_WEEK_ENDS_ON = 6
"""Practice weeks run Monday to Sunday (weekday 6 closes the week)."""

DEFAULT_TREND_WINDOW = 5
"""The rolling median of the return trend looks at this many returns."""


class DayStatus(StrEnum):
    """How one day stands for a practice or for check-ins.

    ``future`` covers every day still open: days after ``today``, and ``today`` itself until
    it is done (the day is not over, so it is not missed).
    """

    DONE = "done"
    MISSED = "missed"
    PAUSED = "paused"
    NOT_DUE = "not_due"
    FUTURE = "future"


# --- slips and returns ----------------------------------------------------------------------


def time_back_on_track(slip: Slip) -> timedelta | None:
    """How long the return took; None while the slip is still open."""
    if slip.back_on_track_at is None:
        return None
    # Subtract timestamps: same-tzinfo datetimes subtract by wall clock, wrong across DST.
    return timedelta(seconds=instant(slip.back_on_track_at) - instant(slip.at))


class ReturnPoint(NamedTuple):
    """One return from a slip: the local day of the slip, days it took, rolling median.

    ``took`` keeps the return as measured (exact, or in whole days when the slip had no
    time of day); ``days`` is its length for drawing.
    """

    day: date
    days: float
    rolling_median: float
    took: ReturnTime | None = None


def returned_in_order(slips: Iterable[Slip]) -> list[Slip]:
    """Slips with a return, in the order they happened."""
    return sorted((s for s in slips if s.back_on_track_at is not None), key=lambda s: instant(s.at))


def return_times(slips: Iterable[Slip]) -> list[ReturnTime]:
    """The returns of ``slips``, in the order the slips happened."""
    found = (return_time(s) for s in returned_in_order(slips))
    return [t for t in found if t is not None]


def return_trend(
    slips: Iterable[Slip], tz: tzinfo, window: int = DEFAULT_TREND_WINDOW
) -> list[ReturnPoint]:
    """Returns in the order the slips happened, each with the median of the last ``window``.

    Only slips with a return count. ``days`` is fractional (six hours is 0.25), so the same
    axis fits a return within the hour and one that took two weeks; a return known only to
    the day sits mid-way through its day. The median, not the mean, so that one long return
    does not drown the rest; a falling median means getting back faster.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    points: list[ReturnPoint] = []
    recent: list[float] = []
    for slip in returned_in_order(slips):
        took = return_time(slip)
        assert took is not None  # filtered above
        days = took.sort_seconds / 86400
        recent = [*recent[-(window - 1) :], days] if window > 1 else [days]
        points.append(
            ReturnPoint(local_date(slip.at, tz), days, statistics.median(recent), took)
        )
    return points


def open_slips(slips: Iterable[Slip]) -> list[Slip]:
    """Slips not yet marked back on track, oldest first."""
    return sorted((s for s in slips if s.is_open), key=lambda s: instant(s.at))


# --- which days were done -------------------------------------------------------------------


def checkin_days(checkins: Iterable[CheckIn], tz: tzinfo) -> set[date]:
    """The days with at least one check-in: the day each is for, backfilled ones included."""
    return {c.day(tz) for c in checkins}


def practice_days(checkins: Iterable[CheckIn], practice_key: str, tz: tzinfo) -> set[date]:
    """The days for which a check-in recorded the practice as done (however late written)."""
    return {c.day(tz) for c in checkins if practice_key in c.practices_done}


# --- day statuses ---------------------------------------------------------------------------


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _paused(day: date, pauses: Sequence[Pause]) -> bool:
    return any(p.covers(day) for p in pauses)


def _week_target(per_week: int, available_days: int) -> int:
    # A week cut short by a pause or by the range edge asks for a share of the target,
    # rounded half up: 3 a week over 3 available days asks for 1 (3 * 3 / 7 = 1.3).
    return (2 * per_week * available_days + 7) // 14


def day_statuses(
    cadence: Cadence,
    done_days: AbstractSet[date],
    start: date,
    end: date,
    today: date,
    pauses: Sequence[Pause] = (),
    week_ends_on: int = ISO_WEEK_ENDS_ON,
) -> dict[date, DayStatus]:
    """A status for every day from ``start`` to ``end`` inclusive.

    Daily: a day not done, not paused and before ``today`` is missed.
    Weekly and n times a week: weeks end on ``week_ends_on`` (0 = Monday). A week that meets
    its target counts every day as fine (done or not due). A week that falls short marks
    as many days missed as it fell short, on its latest undone days, once there are not
    enough open days left to make it up. Paused days and days outside the range shrink the
    week's target (see ``_week_target``). Done on a paused day still counts as done.
    """
    if end < start:
        return {}
    if cadence.kind is CadenceKind.DAILY:
        return {
            d: _daily_status(d, d in done_days, _paused(d, pauses), today)
            for d in _days(start, end)
        }

    statuses: dict[date, DayStatus] = {}
    first_week_end = start + timedelta(days=(week_ends_on - start.weekday()) % 7)
    week_end = first_week_end
    while week_end - timedelta(days=6) <= end:
        week = [d for d in _days(week_end - timedelta(days=6), week_end) if start <= d <= end]
        statuses.update(_week_statuses(cadence.per_week_target, week, done_days, pauses, today))
        week_end += timedelta(days=7)
    return statuses


def _daily_status(day: date, done: bool, paused: bool, today: date) -> DayStatus:
    if done:
        return DayStatus.DONE
    if paused:
        return DayStatus.PAUSED
    if day >= today:
        return DayStatus.FUTURE
    return DayStatus.MISSED


def _week_statuses(
    per_week: int,
    week: list[date],
    done_days: AbstractSet[date],
    pauses: Sequence[Pause],
    today: date,
) -> dict[date, DayStatus]:
    available = [d for d in week if not _paused(d, pauses)]
    target = _week_target(per_week, len(available))
    done_count = sum(1 for d in week if d in done_days)
    shortfall = max(0, target - done_count)
    open_days = [d for d in available if d >= today and d not in done_days]
    past_undone = [d for d in available if d < today and d not in done_days]
    # Missed only what can no longer be made up, placed on the latest undone days so that
    # two short weeks in a row read as two misses in a row.
    to_miss = max(0, shortfall - len(open_days))
    missed = set(past_undone[len(past_undone) - to_miss :]) if to_miss else set()

    result: dict[date, DayStatus] = {}
    for day in week:
        if day in done_days:
            result[day] = DayStatus.DONE
        elif _paused(day, pauses):
            result[day] = DayStatus.PAUSED
        elif day in missed:
            result[day] = DayStatus.MISSED
        elif day > today or (day == today and shortfall > 0):
            result[day] = DayStatus.FUTURE
        else:
            result[day] = DayStatus.NOT_DUE
    return result


def practice_day_statuses(
    practice: Practice,
    checkins: Iterable[CheckIn],
    start: date,
    end: date,
    today: date,
    tz: tzinfo,
) -> dict[date, DayStatus]:
    """Day statuses of one practice, from the check-ins that recorded it, weeks Monday–Sunday."""
    done = practice_days(checkins, practice.key, tz)
    return day_statuses(practice.cadence, done, start, end, today, practice.pauses)


def checkin_day_statuses(
    settings: CheckInSettings,
    checkins: Iterable[CheckIn],
    start: date,
    end: date,
    today: date,
) -> dict[date, DayStatus]:
    """Day statuses of the check-ins themselves, in the settings' zone.

    Weekly check-ins use weeks that end on the due weekday, matching the schedule: a
    check-in in the six days before the due day (or on it) covers that week.
    """
    done = checkin_days(checkins, settings.zone())
    if settings.cadence is CheckInCadence.DAILY:
        return day_statuses(Cadence.daily(), done, start, end, today)
    return day_statuses(Cadence.weekly(), done, start, end, today, week_ends_on=settings.weekday)


# --- reading the statuses -------------------------------------------------------------------


def never_miss_twice(statuses: Mapping[date, DayStatus]) -> list[tuple[date, date]]:
    """Spans (first, last missed day) where two or more due days in a row were missed.

    Paused and not-due days are stepped over: they neither break a run nor extend it. A done
    or still-open day ends the run. A single missed day is normal and is not reported.
    """
    spans: list[tuple[date, date]] = []
    run: list[date] = []
    for day in sorted(statuses):
        status = statuses[day]
        if status is DayStatus.MISSED:
            run.append(day)
        elif status in (DayStatus.DONE, DayStatus.FUTURE):
            if len(run) >= 2:
                spans.append((run[0], run[-1]))
            run = []
    if len(run) >= 2:
        spans.append((run[0], run[-1]))
    return spans


def practice_rate(statuses: Mapping[date, DayStatus]) -> float | None:
    """done / (done + missed), paused and not-due days left out; None with nothing to count."""
    done = sum(1 for s in statuses.values() if s is DayStatus.DONE)
    missed = sum(1 for s in statuses.values() if s is DayStatus.MISSED)
    if done + missed == 0:
        return None
    return done / (done + missed)


def calendar_weeks(start: date, end: date) -> list[tuple[date, ...]]:
    """Monday-to-Sunday weeks covering ``start``..``end``, for a calendar grid.

    The first and last weeks are full weeks, so they may reach outside the range; the
    caller shows those days blank.
    """
    if end < start:
        return []
    monday = start - timedelta(days=start.weekday())
    weeks: list[tuple[date, ...]] = []
    while monday <= end:
        weeks.append(tuple(monday + timedelta(days=i) for i in range(7)))
        monday += timedelta(days=7)
    return weeks
